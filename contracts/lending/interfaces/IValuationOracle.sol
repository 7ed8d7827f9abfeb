// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IValuationOracle
/// @notice Values the royalty tokens (RT) of a Story IP in a lending vault's loan asset.
interface IValuationOracle {
    /// @notice The value of one RT unit (1e-6 RT) of `ipId`, in loan-asset units scaled by 1e18, and the time the
    /// value was established. A zero value means "no usable value" (unknown IP, insufficient data).
    /// @param ipId The IP.
    /// @return value Loan-asset units per RT unit, times 1e18.
    /// @return updatedAt When the value was established (the vault rejects values older than its market's limit).
    function valueOf(address ipId) external view returns (uint256 value, uint256 updatedAt);
}
