// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IRevenueHistory
/// @notice Revenue actually harvested on-chain for the RT a contract holds, per RT unit, over a trailing window.
/// The royalty lending vault implements it; the revenue-multiple oracle reads it.
interface IRevenueHistory {
    /// @notice Revenue in `token` harvested per pledged RT unit of `ipId` since the newest snapshot taken at least
    /// `window` seconds ago (or the oldest snapshot when the history is shorter).
    /// @param ipId The IP.
    /// @param token The revenue token.
    /// @param window The trailing window in seconds.
    /// @return revenuePerRt Revenue per RT unit in `token` units, times 1e18.
    /// @return since The time the measured period starts (the period ends now).
    function trailingRevenuePerRt(
        address ipId,
        address token,
        uint256 window
    ) external view returns (uint256 revenuePerRt, uint256 since);
}
