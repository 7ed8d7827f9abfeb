// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IRoyaltyModule
/// @notice The subset of Story's Royalty Module that Quintessence uses.
interface IRoyaltyModule {
    /// @notice Emitted when royalties are paid to an IP.
    /// @param receiverIpId The IP paid.
    /// @param payerIpId The paying IP (informational; may be zero).
    /// @param sender The account the tokens were pulled from.
    /// @param token The revenue token.
    /// @param amount The amount paid.
    /// @param amountAfterFee The amount after the protocol fee.
    event RoyaltyPaid(
        address receiverIpId,
        address payerIpId,
        address sender,
        address token,
        uint256 amount,
        uint256 amountAfterFee
    );

    /// @notice Emitted when an IP's royalty vault is deployed.
    /// @param ipId The IP.
    /// @param ipRoyaltyVault The vault (the IP's royalty-token ERC-20).
    event IpRoyaltyVaultDeployed(address ipId, address ipRoyaltyVault);

    /// @notice Pays royalties to an IP, pulling `amount` of `token` from the caller (approve the module first).
    /// @param receiverIpId The IP paid.
    /// @param payerIpId The paying IP (informational; may be zero).
    /// @param token A whitelisted revenue token.
    /// @param amount The amount.
    function payRoyaltyOnBehalf(address receiverIpId, address payerIpId, address token, uint256 amount) external;

    /// @notice The royalty vault of an IP, or zero before its first commercial license.
    /// @param ipId The IP.
    /// @return The vault address.
    function ipRoyaltyVaults(address ipId) external view returns (address);

    /// @notice Whether a token may be used to pay royalties.
    /// @param token The token.
    /// @return True if whitelisted.
    function isWhitelistedRoyaltyToken(address token) external view returns (bool);

    /// @notice Whether a royalty policy is whitelisted.
    /// @param royaltyPolicy The policy.
    /// @return True if whitelisted.
    function isWhitelistedRoyaltyPolicy(address royaltyPolicy) external view returns (bool);
}
