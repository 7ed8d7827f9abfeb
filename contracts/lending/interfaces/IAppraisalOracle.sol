// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IValuationOracle } from "./IValuationOracle.sol";

/// @notice The current appraisal of one IP.
struct Appraisal {
    /// @dev Loan-asset units per RT unit, times 1e18 (0: no value).
    uint192 value;
    /// @dev When the value was posted (0: never appraised).
    uint64 updatedAt;
    /// @dev The last non-zero value: later appraisals are bounded relative to it (0: none yet).
    uint192 anchor;
    /// @dev When the anchor was set (0: no anchor yet); the room for an increase grows with the time since then.
    uint64 anchoredAt;
}

/// @title IAppraisalOracle
/// @notice A valuation oracle fed by an appraiser role: each IP's first appraisal may be any value, each later one
/// may fall by at most `maxChangePerUpdate` (WAD fraction) of the last non-zero appraisal at once and rise by at most
/// that change prorated by the time since it was posted over `increasePeriod`, and zero ("no value", the kill switch
/// for an IP) may be posted at any time. The last non-zero appraisal (the anchor) and its time survive a zero. The
/// oracle does not judge staleness: the vault does.
interface IAppraisalOracle is IValuationOracle {
    /// @notice Emitted when an appraisal is posted.
    /// @param ipId The IP.
    /// @param value The new value (loan-asset units per RT unit, times 1e18).
    /// @param previous The value it replaces.
    event AppraisalPosted(address indexed ipId, uint256 value, uint256 previous);

    /// @notice Emitted when the max change per update is set.
    /// @param maxChangePerUpdate The new max change (WAD fraction of the last non-zero value).
    event MaxChangePerUpdateSet(uint256 maxChangePerUpdate);

    /// @notice Emitted when the increase period is set.
    /// @param increasePeriod The new period (seconds) over which the room for an increase grows to the max change.
    event IncreasePeriodSet(uint256 increasePeriod);

    /// @notice An appraisal moves too far from the last non-zero appraisal.
    /// @dev Fires from `postAppraisal` for a non-zero value outside `[minAllowed, maxAllowed]` (see `allowedRange`).
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

    /// @notice The increase period is out of bounds.
    /// @dev Fires from the constructor and `setIncreasePeriod`.
    /// @param increasePeriod The value given (seconds).
    /// @param min The lowest allowed.
    /// @param max The highest allowed.
    error IncreasePeriodOutOfBounds(uint256 increasePeriod, uint256 min, uint256 max);

    /// @notice Posts the appraisal of `ipId`. Restricted (appraiser).
    /// @dev A non-zero value must lie within `allowedRange(ipId)` (any value for the first appraisal) and becomes
    /// the new anchor, restarting the time an increase needs; zero is always accepted and keeps the anchor.
    /// @param ipId The IP.
    /// @param value Loan-asset units per RT unit, times 1e18; 0 removes the IP's value.
    function postAppraisal(address ipId, uint256 value) external;

    /// @notice Sets how far (WAD fraction) an appraisal may move from the last non-zero one. Restricted.
    /// @dev Applies at once to every IP, for decreases and to the room an increase has accrued.
    /// @param maxChangePerUpdate The new max change, within [MIN_MAX_CHANGE, MAX_MAX_CHANGE].
    function setMaxChangePerUpdate(uint256 maxChangePerUpdate) external;

    /// @notice Sets the time (seconds) after which an increase may reach the full max change. Restricted.
    /// @dev Applies at once to every IP: the room for an increase is recomputed from the time its anchor was set.
    /// @param increasePeriod The new period, within [MIN_INCREASE_PERIOD, MAX_INCREASE_PERIOD].
    function setIncreasePeriod(uint256 increasePeriod) external;

    /// @notice The max change per update (WAD fraction).
    /// @return The max change.
    function maxChangePerUpdate() external view returns (uint256);

    /// @notice The time (seconds) the room for an increase takes to grow to the full max change.
    /// @return The increase period.
    function increasePeriod() external view returns (uint256);

    /// @notice The band a non-zero appraisal of `ipId` must lie in if posted now (zero is always accepted).
    /// @dev With anchor `a`, max change `c` (WAD) and `t` seconds since the anchor was set, and each change rounded
    /// down: `minAllowed = a - a·c` and `maxAllowed = a + a·c·min(t, increasePeriod) / increasePeriod`, capped at
    /// type(uint192).max. An IP never appraised (no anchor) may take any value: (0, type(uint192).max).
    /// @param ipId The IP.
    /// @return minAllowed The lowest non-zero value accepted now.
    /// @return maxAllowed The highest value accepted now.
    function allowedRange(address ipId) external view returns (uint256 minAllowed, uint256 maxAllowed);

    /// @notice The full appraisal record of `ipId`.
    /// @param ipId The IP.
    /// @return The appraisal.
    function appraisalOf(address ipId) external view returns (Appraisal memory);
}
