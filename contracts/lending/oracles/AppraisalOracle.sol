// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManaged } from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { IValuationOracle } from "../interfaces/IValuationOracle.sol";
import { Appraisal, IAppraisalOracle } from "../interfaces/IAppraisalOracle.sol";

/// @title AppraisalOracle
/// @notice Values an IP's RT by the appraisal an appraiser role posts, each move bounded relative to the last
/// non-zero appraisal so that a single (mistaken or compromised) update cannot re-price a market at once.
/// @dev Bounding from the last non-zero value (not from the current one) keeps the zero kill switch from becoming a
/// way around the bound: after a kill, the IP can only be re-valued near where it was.
contract AppraisalOracle is IAppraisalOracle, AccessManaged {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Lowest max change per update (1%).
    uint256 public constant MIN_MAX_CHANGE = 0.01e18;
    /// @notice Highest max change per update (100%: down to zero or up to double).
    uint256 public constant MAX_MAX_CHANGE = 1e18;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IAppraisalOracle
    uint256 public maxChangePerUpdate;

    /// @dev Appraisal of each IP.
    mapping(address ipId => Appraisal) private _appraisals;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @notice Deploys the oracle.
    /// @param authority The AccessManager.
    /// @param maxChangePerUpdate_ The initial max change per update (WAD fraction, e.g. 0.2e18).
    constructor(address authority, uint256 maxChangePerUpdate_) AccessManaged(authority) {
        _setMaxChangePerUpdate(maxChangePerUpdate_);
    }

    /*//////////////////////////////////////////////////////////////
                               RESTRICTED
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IAppraisalOracle
    function postAppraisal(address ipId, uint256 value) external restricted {
        Appraisal memory current = _appraisals[ipId];
        if (value > type(uint192).max) {
            revert AppraisalTooLarge(value);
        }
        uint256 ref = current.anchor;
        if (value != 0 && ref != 0) {
            uint256 delta = Math.mulDiv(ref, maxChangePerUpdate, 1e18);
            uint256 minAllowed = ref - delta;
            uint256 maxAllowed = ref + delta;
            if (value < minAllowed || value > maxAllowed) {
                revert AppraisalChangeTooLarge(ipId, value, minAllowed, maxAllowed);
            }
        }
        _appraisals[ipId] = Appraisal({
            value: uint192(value),
            updatedAt: uint64(block.timestamp),
            anchor: value == 0 ? current.anchor : uint192(value)
        });
        emit AppraisalPosted(ipId, value, current.value);
    }

    /// @inheritdoc IAppraisalOracle
    function setMaxChangePerUpdate(uint256 maxChangePerUpdate_) external restricted {
        _setMaxChangePerUpdate(maxChangePerUpdate_);
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
    function appraisalOf(address ipId) external view returns (Appraisal memory) {
        return _appraisals[ipId];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @notice Checks and stores the max change per update.
    /// @param maxChangePerUpdate_ The new value.
    function _setMaxChangePerUpdate(uint256 maxChangePerUpdate_) private {
        if (maxChangePerUpdate_ < MIN_MAX_CHANGE || maxChangePerUpdate_ > MAX_MAX_CHANGE) {
            revert MaxChangePerUpdateOutOfBounds(maxChangePerUpdate_, MIN_MAX_CHANGE, MAX_MAX_CHANGE);
        }
        maxChangePerUpdate = maxChangePerUpdate_;
        emit MaxChangePerUpdateSet(maxChangePerUpdate_);
    }
}
