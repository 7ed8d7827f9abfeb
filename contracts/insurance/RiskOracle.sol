// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManaged } from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { IRiskOracle } from "./interfaces/IRiskOracle.sol";

/// @title RiskOracle
/// @notice Annual premium rates per product and subject, posted by a risk assessor (AccessManager role) from an
/// off-chain model, with a default rate per product. Every rate is bounded, so a compromised assessor can neither
/// give cover away nor price it out of reach.
contract RiskOracle is IRiskOracle, AccessManaged {
    /// @notice The lowest annual rate (0.01%).
    uint256 public constant MIN_RATE = 0.0001e18;
    /// @notice The highest annual rate (100%).
    uint256 public constant MAX_RATE = 1e18;
    /// @notice Bounds of the staleness limit.
    uint256 public constant MIN_MAX_AGE = 1 hours;
    /// @notice Bounds of the staleness limit.
    uint256 public constant MAX_MAX_AGE = 365 days;

    /// @inheritdoc IRiskOracle
    uint256 public maxAge;
    /// @inheritdoc IRiskOracle
    mapping(address product => uint256) public defaultRate;

    /// @dev A posted rate and when it was posted (one slot).
    struct PostedRate {
        uint192 rate;
        uint64 updatedAt;
    }

    mapping(address product => mapping(address subject => PostedRate)) private _posted;

    /// @notice Deploys the oracle.
    /// @param authority The AccessManager.
    /// @param maxAge_ Seconds a posted rate stays fresh (bounded).
    constructor(address authority, uint256 maxAge_) AccessManaged(authority) {
        _setMaxAge(maxAge_);
    }

    /// @inheritdoc IRiskOracle
    function setDefaultRate(address product, uint256 rate) external restricted {
        _requireRateInBounds(rate);
        defaultRate[product] = rate;
        emit DefaultRateSet(product, rate);
    }

    /// @inheritdoc IRiskOracle
    function postRates(address product, address[] calldata subjects, uint256[] calldata rates) external restricted {
        if (subjects.length != rates.length) {
            revert LengthMismatch();
        }
        for (uint256 i = 0; i < subjects.length; ++i) {
            uint256 rate = rates[i];
            _requireRateInBounds(rate);
            _posted[product][subjects[i]] = PostedRate({ rate: uint192(rate), updatedAt: uint64(block.timestamp) });
            emit RatePosted(product, subjects[i], rate);
        }
    }

    /// @inheritdoc IRiskOracle
    function setMaxAge(uint256 maxAge_) external restricted {
        _setMaxAge(maxAge_);
    }

    /// @inheritdoc IRiskOracle
    function rateOf(address product, address subject) external view returns (uint256 rate) {
        uint256 fallbackRate = defaultRate[product];
        if (fallbackRate == 0) {
            revert ProductNotPriced(product);
        }
        PostedRate memory posted = _posted[product][subject];
        if (posted.updatedAt == 0) {
            return fallbackRate;
        }
        if (block.timestamp - posted.updatedAt <= maxAge) {
            return posted.rate;
        }
        // A stale assessment may understate the risk: never quote below the default for it.
        return Math.max(posted.rate, fallbackRate);
    }

    /// @inheritdoc IRiskOracle
    function postedRate(address product, address subject) external view returns (uint256 rate, uint256 updatedAt) {
        PostedRate memory posted = _posted[product][subject];
        return (posted.rate, posted.updatedAt);
    }

    /// @dev Sets the staleness limit within its bounds.
    function _setMaxAge(uint256 maxAge_) internal {
        if (maxAge_ < MIN_MAX_AGE || maxAge_ > MAX_MAX_AGE) {
            revert ParameterOutOfBounds("maxAge");
        }
        maxAge = maxAge_;
        emit MaxAgeSet(maxAge_);
    }

    /// @dev Reverts for a rate outside [MIN_RATE, MAX_RATE].
    function _requireRateInBounds(uint256 rate) internal pure {
        if (rate < MIN_RATE || rate > MAX_RATE) {
            revert ParameterOutOfBounds("rate");
        }
    }
}
