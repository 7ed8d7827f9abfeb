// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IGraphAwareRoyaltyPolicy
/// @notice The subset of Story's graph-aware royalty policies (LAP, LRP) that Quintessence uses: moving an
/// ancestor's share of a derivative's revenue into the ancestor's royalty vault.
interface IGraphAwareRoyaltyPolicy {
    /// @notice Emitted when an ancestor's share is moved to its vault.
    /// @param ipId The derivative IP that earned the revenue.
    /// @param ancestorIpId The ancestor IP.
    /// @param token The revenue token.
    /// @param amount The amount moved.
    event RevenueTransferredToVault(address ipId, address ancestorIpId, address token, uint256 amount);

    /// @notice Moves the share of `ipId`'s revenue owed to `ancestorIpId` into the ancestor's vault. Anyone may call.
    /// @param ipId The derivative IP.
    /// @param ancestorIpId The ancestor IP.
    /// @param token The revenue token.
    /// @return The amount moved.
    function transferToVault(address ipId, address ancestorIpId, address token) external returns (uint256);

    /// @notice The royalty percentage `ipId` owes `ancestorIpId` under this policy (read from the IP graph).
    /// @param ipId The derivative IP.
    /// @param ancestorIpId The ancestor IP.
    /// @return The percentage (100% = 100_000_000).
    function getPolicyRoyalty(address ipId, address ancestorIpId) external returns (uint32);

    /// @notice How much of `ipId`'s revenue in `token` was already moved to `ancestorIpId`'s vault.
    /// @param ipId The derivative IP.
    /// @param ancestorIpId The ancestor IP.
    /// @param token The revenue token.
    /// @return The amount moved so far.
    function getTransferredTokens(address ipId, address ancestorIpId, address token) external view returns (uint256);
}
