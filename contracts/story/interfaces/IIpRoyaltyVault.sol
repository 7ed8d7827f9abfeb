// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC20Metadata } from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

/// @title IIpRoyaltyVault
/// @notice Story's IP Royalty Vault: the ERC-20 royalty token (RT, 6 decimals, 100,000,000 units) of one IP, whose
/// holders claim that IP's revenue pro rata. Revenue accrued to a holder stays with it when its RT are transferred.
interface IIpRoyaltyVault is IERC20Metadata {
    /// @notice Emitted when revenue is added to the vault.
    /// @param token The revenue token.
    /// @param amount The amount added.
    event RevenueTokenAddedToVault(address token, uint256 amount);

    /// @notice Emitted when a holder's revenue is claimed.
    /// @param claimer The holder paid.
    /// @param token The revenue token.
    /// @param amount The amount paid.
    event RevenueTokenClaimed(address claimer, address token, uint256 amount);

    /// @notice Emitted when a holder's revenue debt changes (claims and RT transfers).
    /// @param claimer The holder.
    /// @param token The revenue token.
    /// @param revenueDebt The new revenue debt.
    event RevenueDebtUpdated(address claimer, address token, int256 revenueDebt);

    /// @notice Claims `claimer`'s revenue in `token` and pays it to `claimer`. Anyone may call.
    /// @param claimer The RT holder.
    /// @param token The revenue token.
    /// @return The amount paid.
    function claimRevenueOnBehalf(address claimer, address token) external returns (uint256);

    /// @notice Claims `claimer`'s revenue in several tokens and pays it to `claimer`. Anyone may call.
    /// @param claimer The RT holder.
    /// @param tokenList The revenue tokens.
    /// @return The amounts paid, one per token.
    function claimRevenueOnBehalfByTokenBatch(
        address claimer,
        address[] calldata tokenList
    ) external returns (uint256[] memory);

    /// @notice The revenue `claimer` can claim in `token` now (0 for a disputed IP).
    /// @param claimer The RT holder.
    /// @param token The revenue token.
    /// @return The claimable amount.
    function claimableRevenue(address claimer, address token) external view returns (uint256);

    /// @notice The RT decimals: always 6 (Story declares it `pure`, tightening IERC20Metadata's `view`).
    /// @return 6.
    function decimals() external pure override returns (uint8);

    /// @notice The IP this vault belongs to.
    /// @return The IP id.
    function ipId() external view returns (address);

    /// @notice The revenue tokens the vault has received.
    /// @return The token list.
    function tokens() external view returns (address[] memory);
}
