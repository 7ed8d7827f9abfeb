// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IRevenueHistory } from "../lending/interfaces/IRevenueHistory.sol";

/// @title MockRevenueHistory
/// @notice Test double of the vault's revenue history: tests set what `trailingRevenuePerRt` answers per IP and token,
/// the measured period given as an age (since = now - period) so that answers do not drift as blocks are mined.
contract MockRevenueHistory is IRevenueHistory {
    /// @notice A stored answer.
    struct Answer {
        /// @dev Revenue per RT unit × 1e18.
        uint256 revenuePerRt;
        /// @dev Length of the measured period (0: no history).
        uint256 period;
    }

    /// @dev Answers per IP and token.
    mapping(address ipId => mapping(address token => Answer)) private _answers;

    /// @notice The window of the last `setRevenue` expectation (0: any window accepted).
    uint256 public expectedWindow;

    /// @notice Thrown when asked for another window than the expected one.
    /// @dev Fires from `trailingRevenuePerRt` when `expectedWindow` is set and differs.
    /// @param window The window asked.
    error UnexpectedWindow(uint256 window);

    /// @notice Sets the answer for an IP and token.
    /// @param ipId The IP.
    /// @param token The token.
    /// @param revenuePerRt Revenue per RT unit × 1e18.
    /// @param period Length of the measured period, ending at the time of the query (0: no history).
    function setRevenue(address ipId, address token, uint256 revenuePerRt, uint256 period) external {
        _answers[ipId][token] = Answer(revenuePerRt, period);
    }

    /// @notice Makes `trailingRevenuePerRt` revert unless asked for `window` (0: accept any).
    /// @param window The window.
    function setExpectedWindow(uint256 window) external {
        expectedWindow = window;
    }

    /// @inheritdoc IRevenueHistory
    function trailingRevenuePerRt(
        address ipId,
        address token,
        uint256 window
    ) external view returns (uint256 revenuePerRt, uint256 since) {
        if (expectedWindow != 0 && window != expectedWindow) {
            revert UnexpectedWindow(window);
        }
        Answer memory answer = _answers[ipId][token];
        if (answer.period == 0) {
            return (0, block.timestamp);
        }
        return (answer.revenuePerRt, block.timestamp - answer.period);
    }
}
