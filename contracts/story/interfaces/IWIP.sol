// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC20Metadata } from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

/// @title IWIP
/// @notice Wrapped IP (WIP), Story's ERC-20 wrapper of the native token (18 decimals), a predeploy at
/// 0x1514000000000000000000000000000000000000.
interface IWIP is IERC20Metadata {
    /// @notice Emitted when native tokens are wrapped.
    /// @param from The depositor.
    /// @param amount The amount.
    event Deposit(address indexed from, uint256 amount);

    /// @notice Emitted when WIP is unwrapped.
    /// @param to The receiver of native tokens.
    /// @param amount The amount.
    event Withdrawal(address indexed to, uint256 amount);

    /// @notice The token name (Story's WIP declares it `pure`, tightening IERC20Metadata's `view`).
    /// @return The name.
    function name() external pure override returns (string memory);

    /// @notice The token symbol (Story's WIP declares it `pure`, tightening IERC20Metadata's `view`).
    /// @return The symbol.
    function symbol() external pure override returns (string memory);

    /// @notice Sending native tokens failed.
    /// @dev Fires when `withdraw` cannot pay the caller (its fallback reverted or it cannot receive).
    error IPTransferFailed();

    /// @notice Invalid transfer receiver.
    /// @dev Fires when `transfer` or `transferFrom` targets the zero address or the WIP contract itself.
    /// @param receiver The rejected receiver.
    error ERC20InvalidReceiver(address receiver);

    /// @notice Invalid spender.
    /// @dev Fires when an account approves itself.
    /// @param spender The rejected spender.
    error ERC20InvalidSpender(address spender);

    /// @notice The balance is too low.
    /// @dev Fires when a transfer, transferFrom or withdraw moves more than the sender holds.
    error InsufficientBalance();

    /// @notice The allowance is too low.
    /// @dev Fires when `transferFrom` spends more than the caller's allowance.
    error InsufficientAllowance();

    /// @notice Permit2's allowance is fixed at infinity.
    /// @dev Fires when an account approves Permit2 for anything but the maximum amount.
    error Permit2AllowanceIsFixedAtInfinity();

    /// @notice Wraps `msg.value` native tokens into WIP for the caller.
    function deposit() external payable;

    /// @notice Unwraps `value` WIP into native tokens for the caller.
    /// @param value The amount.
    function withdraw(uint256 value) external;
}
