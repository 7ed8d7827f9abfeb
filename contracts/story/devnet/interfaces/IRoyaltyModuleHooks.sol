// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IRoyaltyModuleHooks
/// @notice The Royalty Module entry points that Story's Licensing Module calls (official v1.3.2 signatures). The
/// devnet's LicensingModule calls them exactly as Story's does; only the LicensingModule may call them.
interface IRoyaltyModuleHooks {
    /// @notice Royalty logic on license minting: deploys the licensor's royalty vault on the first commercial mint.
    /// @param ipId The licensor IP.
    /// @param royaltyPolicy The royalty policy of the terms.
    /// @param licensePercent The terms' commercial revenue share (100% = 100_000_000).
    /// @param externalData Policy-specific data.
    function onLicenseMinting(
        address ipId,
        address royaltyPolicy,
        uint32 licensePercent,
        bytes calldata externalData
    ) external;

    /// @notice Royalty logic on linking a derivative to its parents: deploys the child's vault and records the
    /// royalty stack it owes its ancestors.
    /// @param ipId The derivative IP.
    /// @param parentIpIds The parents.
    /// @param licenseRoyaltyPolicies The royalty policy of each parent's terms.
    /// @param licensesPercent The revenue share of each parent's terms.
    /// @param externalData Policy-specific data.
    /// @param maxRts The most royalty tokens the child gives up to external policies.
    function onLinkToParents(
        address ipId,
        address[] calldata parentIpIds,
        address[] calldata licenseRoyaltyPolicies,
        uint32[] calldata licensesPercent,
        bytes calldata externalData,
        uint32 maxRts
    ) external;

    /// @notice Pays a license minting fee to the licensor IP, pulling `amount` from `payerAddress`.
    /// @param receiverIpId The licensor IP.
    /// @param payerAddress The account that pays (it approved the Royalty Module).
    /// @param token The fee currency.
    /// @param amount The fee.
    function payLicenseMintingFee(address receiverIpId, address payerAddress, address token, uint256 amount) external;
}
