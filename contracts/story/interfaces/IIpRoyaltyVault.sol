// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC20Metadata } from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

/// @title IIpRoyaltyVault
/// @notice Story's IP Royalty Vault: the ERC-20 royalty token (RT, 6 decimals, 100,000,000 units) of one IP, whose
/// holders claim that IP's revenue pro rata. Revenue accrued to a holder stays with it when its RT are transferred.
interface IIpRoyaltyVault is IERC20Metadata {
    /// @notice Thrown when an RT transfer has the same sender and receiver.
    /// @dev Fires in the transfer hook when `from == to`.
    /// @param vault This vault.
    /// @param from The sender.
    error IpRoyaltyVault__SameFromToAddress(address vault, address from);

    /// @notice Thrown when an RT holder with no balance transfers.
    /// @dev Fires in the transfer hook when the sender's balance is 0.
    /// @param vault This vault.
    /// @param account The sender.
    error IpRoyaltyVault__ZeroBalance(address vault, address account);

    /// @notice Thrown when an RT transfer exceeds the sender's balance.
    /// @dev Fires in the transfer hook, before ERC-20's own balance check.
    /// @param vault This vault.
    /// @param account The sender.
    /// @param amount The amount asked.
    error IpRoyaltyVault__InsufficientBalance(address vault, address account, uint256 amount);

    /// @notice Thrown when a claim would pay nothing.
    /// @dev Fires per token when the claimable amount is 0 (always for a tagged IP).
    error IpRoyaltyVault__NoClaimableTokens();

    /// @notice Thrown when revenue is added by a caller that is neither the Royalty Module nor a whitelisted policy.
    /// @dev Fires in `updateVaultBalance`.
    error IpRoyaltyVault__NotAllowedToAddTokenToVault();

    /// @notice Thrown when revenue is added in a token the Royalty Module does not whitelist.
    /// @dev Fires in `updateVaultBalance`.
    error IpRoyaltyVault__NotWhitelistedRoyaltyToken();

    /// @notice Thrown when zero revenue is added.
    /// @dev Fires in `updateVaultBalance` (e.g. a LAP transfer with nothing left to move).
    error IpRoyaltyVault__ZeroAmount();

    /// @notice Thrown when someone else claims on behalf of another royalty vault.
    /// @dev Fires when the claimer is a royalty vault and is not the caller.
    error IpRoyaltyVault__VaultsMustClaimAsSelf();

    /// @notice Thrown when a holder's revenue debt exceeds its accrued share (an accounting invariant broke).
    /// @dev Fires when computing claimable revenue; never expected.
    error IpRoyaltyVault__NegativeValueUnsafeCastingToUint256();

    /// @notice Thrown when the implementation is built with a zero dispute module.
    /// @dev Fires in the constructor.
    error IpRoyaltyVault__ZeroDisputeModule();

    /// @notice Thrown when the implementation is built with a zero royalty module.
    /// @dev Fires in the constructor.
    error IpRoyaltyVault__ZeroRoyaltyModule();

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

    /// @notice Initializes a vault clone: names the RT and mints the whole supply once.
    /// @param name The RT name.
    /// @param symbol The RT symbol.
    /// @param supply The RT supply (Story: 100,000,000 = 100 RT).
    /// @param ipIdAddress The IP the vault belongs to.
    /// @param rtReceiver The receiver of the whole supply.
    function initialize(
        string calldata name,
        string calldata symbol,
        uint32 supply,
        address ipIdAddress,
        address rtReceiver
    ) external;

    /// @notice Records `amount` of `token` revenue sent to the vault. Only the Royalty Module or a whitelisted policy.
    /// @param token The revenue token.
    /// @param amount The amount added.
    function updateVaultBalance(address token, uint256 amount) external;

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

    /// @notice The total revenue ever added to the vault in `token`.
    /// @param token The revenue token.
    /// @return The accumulated balance.
    function vaultAccBalances(address token) external view returns (uint256);

    /// @notice A holder's revenue debt in `token`, scaled by the RT supply (what it may not claim).
    /// @param claimer The RT holder.
    /// @param token The revenue token.
    /// @return The revenue debt.
    function claimerRevenueDebt(address claimer, address token) external view returns (int256);

    /// @notice The revenue tokens the vault has received.
    /// @return The token list.
    function tokens() external view returns (address[] memory);
}
