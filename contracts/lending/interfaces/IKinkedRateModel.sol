// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IInterestRateModel } from "./IInterestRateModel.sol";

/// @title IKinkedRateModel
/// @notice A two-slope ("kinked") borrow-rate curve: from `baseRate` at 0% utilization the rate rises by `slope1`
/// up to the kink, then by `slope2` from the kink to 100%. Parameters are fixed at construction; a vault changes
/// its curve by pointing at a new model.
/// @dev rate(u) = base + slope1 * min(u, kink) / kink + slope2 * max(u - kink, 0) / (1e18 - kink), per second, in
/// WAD, rounded down; utilizations above 1e18 are treated as 1e18.
interface IKinkedRateModel is IInterestRateModel {
    /* ---------------------------------------------------------------- EVENTS */

    /// @notice Emitted once, by the constructor, so indexers can record the curve of each model.
    /// @param baseRatePerYear The rate at 0% utilization, WAD per year.
    /// @param slope1PerYear The rate added from 0% utilization up to the kink, WAD per year.
    /// @param slope2PerYear The rate added from the kink up to 100% utilization, WAD per year.
    /// @param kink The utilization (WAD) at which the slope changes.
    event RateModelCreated(uint256 baseRatePerYear, uint256 slope1PerYear, uint256 slope2PerYear, uint256 kink);

    /* ---------------------------------------------------------------- ERRORS */

    /// @notice The kink is not strictly between 0% and 100% utilization.
    /// @dev Fires in the constructor when `kink == 0` or `kink >= 1e18` (either would divide by zero).
    /// @param kink The rejected kink.
    error InvalidKink(uint256 kink);

    /// @notice The rate at 100% utilization would exceed the cap.
    /// @dev Fires in the constructor when `baseRatePerYear + slope1PerYear + slope2PerYear > MAX_RATE_PER_YEAR`
    /// (the sum saturates at `type(uint256).max`, so each parameter is bounded by the cap too).
    /// @param maxRatePerYear The rate the parameters would give at 100% utilization, WAD per year.
    /// @param cap The highest allowed rate, WAD per year.
    error MaxRateAboveCap(uint256 maxRatePerYear, uint256 cap);

    /* ---------------------------------------------------------------- VIEWS */

    /// @notice The highest rate any model may reach at 100% utilization: 1000% APR.
    /// @return The cap in WAD per year (10e18).
    function MAX_RATE_PER_YEAR() external view returns (uint256);

    /// @notice The length of a year used to convert yearly rates to per-second ones.
    /// @return 365 days, in seconds.
    function SECONDS_PER_YEAR() external view returns (uint256);

    /// @notice The rate at 0% utilization, as given at construction.
    /// @return WAD per year.
    function baseRatePerYear() external view returns (uint256);

    /// @notice The rate added from 0% utilization up to the kink, as given at construction.
    /// @return WAD per year.
    function slope1PerYear() external view returns (uint256);

    /// @notice The rate added from the kink up to 100% utilization, as given at construction.
    /// @return WAD per year.
    function slope2PerYear() external view returns (uint256);

    /// @notice The utilization at which the slope changes.
    /// @return WAD utilization, strictly between 0 and 1e18.
    function kink() external view returns (uint256);

    /// @notice The rate at 0% utilization, per second.
    /// @return `baseRatePerYear / SECONDS_PER_YEAR` in WAD, rounded down.
    function baseRatePerSecond() external view returns (uint256);

    /// @notice The rate added from 0% utilization up to the kink, per second.
    /// @return `slope1PerYear / SECONDS_PER_YEAR` in WAD, rounded down.
    function slope1PerSecond() external view returns (uint256);

    /// @notice The rate added from the kink up to 100% utilization, per second.
    /// @return `slope2PerYear / SECONDS_PER_YEAR` in WAD, rounded down.
    function slope2PerSecond() external view returns (uint256);

    /// @notice The rate at 100% utilization (the model's maximum), per second.
    /// @return `baseRatePerSecond + slope1PerSecond + slope2PerSecond` in WAD.
    function maxRatePerSecond() external view returns (uint256);
}
