// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IPriceAdapter } from "../lending/interfaces/IPriceAdapter.sol";

/// @title MockPriceAdapter
/// @notice Test double of a price adapter: converts at a settable WAD rate and time, or fails on demand.
contract MockPriceAdapter is IPriceAdapter {
    /// @notice How the adapter answers.
    enum Mode {
        Normal,
        Revert,
        ShortReturn
    }

    /// @notice Loan-asset units per token unit (WAD).
    uint256 public rate;
    /// @notice The `updatedAt` returned.
    uint256 public updatedAt;
    /// @notice The current mode.
    Mode public mode;

    /// @notice The adapter refuses to convert.
    /// @dev Fires from `convert` in `Revert` mode.
    error ConversionFailed();

    /// @notice Sets the rate and time answered.
    /// @param rate_ Loan-asset units per token unit (WAD).
    /// @param updatedAt_ The time answered.
    function setRate(uint256 rate_, uint256 updatedAt_) external {
        rate = rate_;
        updatedAt = updatedAt_;
    }

    /// @notice Sets the mode.
    /// @param mode_ The mode.
    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @inheritdoc IPriceAdapter
    function convert(address, uint256 amount) external view returns (uint256, uint256) {
        if (mode == Mode.Revert) {
            revert ConversionFailed();
        }
        if (mode == Mode.ShortReturn) {
            assembly ("memory-safe") {
                mstore(0, 1)
                return(0, 32)
            }
        }
        return ((amount * rate) / 1e18, updatedAt);
    }
}
