// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IRoyaltyPolicy
/// @notice The hooks Story's Royalty Module calls on a whitelisted royalty policy (official v1.3.2 signatures), and
/// the errors of Story's RoyaltyPolicyLAP (exact names; LAP is absent from the SDK's ABIs, so they live here).
interface IRoyaltyPolicy {
    /// @notice Thrown when a hook is called by anyone but the Royalty Module.
    /// @dev Fires on `onLicenseMinting` and `onLinkToParents`.
    error RoyaltyPolicyLAP__NotRoyaltyModule();

    /// @notice Thrown when a license's share would push the licensor's royalty stack above 100%.
    /// @dev Fires on `onLicenseMinting`.
    error RoyaltyPolicyLAP__AboveMaxPercent();

    /// @notice Thrown when an IP would transfer revenue to itself.
    /// @dev Fires on `transferToVault` with `ipId == ancestorIpId`.
    error RoyaltyPolicyLAP__SameIpTransfer();

    /// @notice Thrown when the ancestor is owed nothing by the IP under LAP.
    /// @dev Fires on `transferToVault` when the IP graph's LAP royalty between the two is 0.
    error RoyaltyPolicyLAP__ZeroClaimableRoyalty();

    /// @notice Thrown when a call to the IP graph fails.
    /// @dev Fires on every IP-graph read or write.
    error RoyaltyPolicyLAP__CallFailed();

    /// @notice Thrown when the policy is built with a zero royalty module.
    /// @dev Fires in the constructor.
    error RoyaltyPolicyLAP__ZeroRoyaltyModule();

    /// @notice Policy logic on license minting. Only the Royalty Module may call.
    /// @param ipId The licensor IP.
    /// @param licensePercent The license's revenue share (100% = 100_000_000).
    /// @param externalData Policy-specific data.
    function onLicenseMinting(address ipId, uint32 licensePercent, bytes calldata externalData) external;

    /// @notice Policy logic on linking a derivative to its parents. Only the Royalty Module may call.
    /// @param ipId The derivative IP.
    /// @param parentIpIds The parents.
    /// @param licenseRoyaltyPolicies The royalty policy of each parent's license.
    /// @param licensesPercent The revenue share of each parent's license.
    /// @param externalData Policy-specific data.
    /// @return newRoyaltyStack The derivative's royalty stack under this policy.
    function onLinkToParents(
        address ipId,
        address[] calldata parentIpIds,
        address[] calldata licenseRoyaltyPolicies,
        uint32[] calldata licensesPercent,
        bytes calldata externalData
    ) external returns (uint32 newRoyaltyStack);

    /// @notice The royalty tokens the policy needs to receive when a derivative links under it.
    /// @param ipId The parent IP.
    /// @param licensePercent The license's revenue share.
    /// @return The royalty tokens required (0 for LAP).
    function getPolicyRtsRequiredToLink(address ipId, uint32 licensePercent) external view returns (uint32);

    /// @notice The share of an IP's revenue this policy takes for its ancestors.
    /// @param ipId The IP.
    /// @return The royalty stack (100% = 100_000_000).
    function getPolicyRoyaltyStack(address ipId) external view returns (uint32);
}
