// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IInterestRateModel
/// @notice The borrow rate of a lending vault as a function of its utilization.
interface IInterestRateModel {
    /// @notice The borrow rate per second at `utilization`.
    /// @param utilization Borrowed / supplied, in WAD (1e18 = 100%); callers never pass more than 1e18.
    /// @return ratePerSecond The per-second borrow rate in WAD.
    function borrowRatePerSecond(uint256 utilization) external view returns (uint256 ratePerSecond);
}
