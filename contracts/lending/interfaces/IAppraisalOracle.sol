// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IValuationOracle } from "./IValuationOracle.sol";

/// @notice The current appraisal of one IP.
struct Appraisal {
    /// @dev Loan-asset units per RT unit, times 1e18 (0: no value).
    uint192 value;
    /// @dev When the value was posted (0: never appraised).
    uint64 updatedAt;
    /// @dev The last non-zero value: later appraisals may move at most the max change from it (0: none yet).
    uint192 anchor;
}

/// @title IAppraisalOracle
/// @notice A valuation oracle fed by an appraiser role: each IP's first appraisal may be any value, each later one
/// may move at most `maxChangePerUpdate` (WAD fraction) from the last non-zero appraisal, and zero ("no value", the
/// kill switch for an IP) may be posted at any time. The oracle does not judge staleness: the vault does.
interface IAppraisalOracle is IValuationOracle {
    /// @notice Emitted when an appraisal is posted.
    /// @param ipId The IP.
    /// @param value The new value (loan-asset units per RT unit, times 1e18).
    /// @param previous The value it replaces.
    event AppraisalPosted(address indexed ipId, uint256 value, uint256 previous);

    /// @notice Emitted when the max change per update is set.
    /// @param maxChangePerUpdate The new max change (WAD fraction of the last non-zero value).
    event MaxChangePerUpdateSet(uint256 maxChangePerUpdate);

    /// @notice An appraisal moves too far from the last non-zero appraisal.
    /// @dev Fires from `postAppraisal` for a non-zero value outside `[minAllowed, maxAllowed]`.
    /// @param ipId The IP.
    /// @param value The value posted.
    /// @param minAllowed The lowest non-zero value allowed now.
    /// @param maxAllowed The highest value allowed now.
    error AppraisalChangeTooLarge(address ipId, uint256 value, uint256 minAllowed, uint256 maxAllowed);

    /// @notice An appraisal does not fit the stored type.
    /// @dev Fires from `postAppraisal` for values above type(uint192).max.
    /// @param value The value posted.
    error AppraisalTooLarge(uint256 value);

    /// @notice The max change per update is out of bounds.
    /// @dev Fires from the constructor and `setMaxChangePerUpdate`.
    /// @param maxChangePerUpdate The value given.
    /// @param min The lowest allowed.
    /// @param max The highest allowed.
    error MaxChangePerUpdateOutOfBounds(uint256 maxChangePerUpdate, uint256 min, uint256 max);

    /// @notice Posts the appraisal of `ipId`. Restricted (appraiser).
    /// @param ipId The IP.
    /// @param value Loan-asset units per RT unit, times 1e18; 0 removes the IP's value.
    function postAppraisal(address ipId, uint256 value) external;

    /// @notice Sets how far (WAD fraction) an appraisal may move from the last non-zero one. Restricted.
    /// @param maxChangePerUpdate The new max change, within [MIN_MAX_CHANGE, MAX_MAX_CHANGE].
    function setMaxChangePerUpdate(uint256 maxChangePerUpdate) external;

    /// @notice The max change per update (WAD fraction).
    /// @return The max change.
    function maxChangePerUpdate() external view returns (uint256);

    /// @notice The full appraisal record of `ipId`.
    /// @param ipId The IP.
    /// @return The appraisal.
    function appraisalOf(address ipId) external view returns (Appraisal memory);
}
