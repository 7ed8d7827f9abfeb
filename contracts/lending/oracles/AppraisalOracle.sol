// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManaged } from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { IValuationOracle } from "../interfaces/IValuationOracle.sol";
import { Appraisal, IAppraisalOracle } from "../interfaces/IAppraisalOracle.sol";

/// @title AppraisalOracle
/// @notice Values an IP's RT by the appraisal an appraiser role posts, each move bounded relative to the last
/// non-zero appraisal so that a single (mistaken or compromised) update cannot re-price a market at once, and
/// increases rate-limited over time so that a burst of updates cannot either.
/// @dev Bounding from the last non-zero value (not from the current one) keeps the zero kill switch from becoming a
/// way around the bound: after a kill, the IP can only be re-valued near where it was. A decrease (the conservative
/// direction for lenders) may take the whole max change at once; the room for an increase grows linearly from zero,
/// when the anchor is set, to the whole max change after `increasePeriod`, so rises are limited by time, not by the
/// number of posts. Each post restarts that clock: splitting a rise into many small posts compounds to at most
/// e^maxChangePerUpdate per period (≈ +22.1% for 20%) instead of 1 + maxChangePerUpdate.
contract AppraisalOracle is IAppraisalOracle, AccessManaged {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Lowest max change per update (1%).
    uint256 public constant MIN_MAX_CHANGE = 0.01e18;
    /// @notice Highest max change per update (100%: down to zero or up to double).
    uint256 public constant MAX_MAX_CHANGE = 1e18;
    /// @notice Shortest increase period (1 hour).
    uint256 public constant MIN_INCREASE_PERIOD = 1 hours;
    /// @notice Longest increase period (30 days).
    uint256 public constant MAX_INCREASE_PERIOD = 30 days;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IAppraisalOracle
    uint256 public maxChangePerUpdate;

    /// @inheritdoc IAppraisalOracle
    uint256 public increasePeriod;

    /// @dev Appraisal of each IP.
    mapping(address ipId => Appraisal) private _appraisals;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @notice Deploys the oracle.
    /// @param authority The AccessManager.
    /// @param maxChangePerUpdate_ The initial max change per update (WAD fraction, e.g. 0.2e18).
    /// @param increasePeriod_ The initial increase period (seconds, e.g. 1 days).
    constructor(address authority, uint256 maxChangePerUpdate_, uint256 increasePeriod_) AccessManaged(authority) {
        _setMaxChangePerUpdate(maxChangePerUpdate_);
        _setIncreasePeriod(increasePeriod_);
    }

    /*//////////////////////////////////////////////////////////////
                               RESTRICTED
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IAppraisalOracle
    function postAppraisal(address ipId, uint256 value) external restricted {
        if (value > type(uint192).max) {
            revert AppraisalTooLarge(value);
        }
        Appraisal memory appraisal = _appraisals[ipId];
        uint256 previous = appraisal.value;
        if (value != 0) {
            if (appraisal.anchor != 0) {
                (uint256 minAllowed, uint256 maxAllowed) = _allowedRange(appraisal.anchor, appraisal.anchoredAt);
                if (value < minAllowed || value > maxAllowed) {
                    revert AppraisalChangeTooLarge(ipId, value, minAllowed, maxAllowed);
                }
            }
            appraisal.anchor = uint192(value);
            appraisal.anchoredAt = uint64(block.timestamp);
        }
        appraisal.value = uint192(value);
        appraisal.updatedAt = uint64(block.timestamp);
        _appraisals[ipId] = appraisal;
        emit AppraisalPosted(ipId, value, previous);
    }

    /// @inheritdoc IAppraisalOracle
    function setMaxChangePerUpdate(uint256 maxChangePerUpdate_) external restricted {
        _setMaxChangePerUpdate(maxChangePerUpdate_);
    }

    /// @inheritdoc IAppraisalOracle
    function setIncreasePeriod(uint256 increasePeriod_) external restricted {
        _setIncreasePeriod(increasePeriod_);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IValuationOracle
    function valueOf(address ipId) external view returns (uint256 value, uint256 updatedAt) {
        // Through a storage pointer: only the slot holding the value and its time is read, not the anchor's.
        Appraisal storage appraisal = _appraisals[ipId];
        return (appraisal.value, appraisal.updatedAt);
    }

    /// @inheritdoc IAppraisalOracle
    function allowedRange(address ipId) external view returns (uint256 minAllowed, uint256 maxAllowed) {
        Appraisal storage appraisal = _appraisals[ipId];
        uint256 anchor = appraisal.anchor;
        if (anchor == 0) {
            return (0, type(uint192).max);
        }
        return _allowedRange(anchor, appraisal.anchoredAt);
    }

    /// @inheritdoc IAppraisalOracle
    function appraisalOf(address ipId) external view returns (Appraisal memory) {
        return _appraisals[ipId];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @notice The band of non-zero values allowed now around a (non-zero) anchor set at `anchoredAt`.
    /// @dev Both changes round down: the fall allowed is `anchor × maxChange`, the rise allowed is that prorated by
    /// the time elapsed over the increase period (capped at one period), in a single rounding. No overflow: the
    /// anchor fits 192 bits, and maxChange × elapsed and 1e18 × period fit 82 bits each.
    /// @param anchor The last non-zero appraisal.
    /// @param anchoredAt When it was posted.
    /// @return minAllowed The lowest non-zero value allowed now.
    /// @return maxAllowed The highest value allowed now, capped at type(uint192).max.
    function _allowedRange(
        uint256 anchor,
        uint256 anchoredAt
    ) private view returns (uint256 minAllowed, uint256 maxAllowed) {
        uint256 maxChange = maxChangePerUpdate;
        uint256 period = increasePeriod;
        uint256 elapsed = Math.min(block.timestamp - anchoredAt, period);
        minAllowed = anchor - Math.mulDiv(anchor, maxChange, 1e18);
        maxAllowed = anchor + Math.mulDiv(anchor, maxChange * elapsed, 1e18 * period);
        maxAllowed = Math.min(maxAllowed, type(uint192).max);
    }

    /// @notice Checks and stores the max change per update.
    /// @param maxChangePerUpdate_ The new value.
    function _setMaxChangePerUpdate(uint256 maxChangePerUpdate_) private {
        if (maxChangePerUpdate_ < MIN_MAX_CHANGE || maxChangePerUpdate_ > MAX_MAX_CHANGE) {
            revert MaxChangePerUpdateOutOfBounds(maxChangePerUpdate_, MIN_MAX_CHANGE, MAX_MAX_CHANGE);
        }
        maxChangePerUpdate = maxChangePerUpdate_;
        emit MaxChangePerUpdateSet(maxChangePerUpdate_);
    }

    /// @notice Checks and stores the increase period.
    /// @param increasePeriod_ The new value (seconds).
    function _setIncreasePeriod(uint256 increasePeriod_) private {
        if (increasePeriod_ < MIN_INCREASE_PERIOD || increasePeriod_ > MAX_INCREASE_PERIOD) {
            revert IncreasePeriodOutOfBounds(increasePeriod_, MIN_INCREASE_PERIOD, MAX_INCREASE_PERIOD);
        }
        increasePeriod = increasePeriod_;
        emit IncreasePeriodSet(increasePeriod_);
    }
}
