// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IPriceAdapter
/// @notice Converts amounts of a revenue token into the loan asset (e.g. from Pyth price feeds).
interface IPriceAdapter {
    /// @notice The loan-asset value of `amount` of `token`, rounded down.
    /// @param token The token to convert from.
    /// @param amount The amount, in `token` units.
    /// @return value The value in loan-asset units.
    /// @return updatedAt The publish time of the oldest price used.
    function convert(address token, uint256 amount) external view returns (uint256 value, uint256 updatedAt);
}
