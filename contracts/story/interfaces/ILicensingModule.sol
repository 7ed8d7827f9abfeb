// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ILicensingModule
/// @notice The subset of Story's Licensing Module that Quintessence uses.
interface ILicensingModule {
    /// @notice Emitted when license terms are attached to an IP.
    /// @param caller The caller.
    /// @param ipId The IP.
    /// @param licenseTemplate The template of the terms.
    /// @param licenseTermsId The terms id.
    event LicenseTermsAttached(
        address indexed caller,
        address indexed ipId,
        address licenseTemplate,
        uint256 licenseTermsId
    );

    /// @notice Emitted when license tokens are minted.
    /// @param caller The caller.
    /// @param licensorIpId The licensor IP.
    /// @param licenseTemplate The template of the terms.
    /// @param licenseTermsId The terms id.
    /// @param amount The number of license tokens.
    /// @param receiver The receiver of the license tokens.
    /// @param startLicenseTokenId The first license token id.
    event LicenseTokensMinted(
        address indexed caller,
        address indexed licensorIpId,
        address licenseTemplate,
        uint256 indexed licenseTermsId,
        uint256 amount,
        address receiver,
        uint256 startLicenseTokenId
    );

    /// @notice Emitted when an IP is registered as a derivative of parents.
    /// @param caller The caller.
    /// @param childIpId The derivative IP.
    /// @param licenseTokenIds License tokens burnt (empty when registered without tokens).
    /// @param parentIpIds The parents.
    /// @param licenseTermsIds The terms used for each parent.
    /// @param licenseTemplate The template.
    event DerivativeRegistered(
        address indexed caller,
        address indexed childIpId,
        uint256[] licenseTokenIds,
        address[] parentIpIds,
        uint256[] licenseTermsIds,
        address licenseTemplate
    );

    /// @notice Attaches license terms to an IP. Caller: the IP account or its owner.
    /// @param ipId The IP.
    /// @param licenseTemplate The license template.
    /// @param licenseTermsId The terms id.
    function attachLicenseTerms(address ipId, address licenseTemplate, uint256 licenseTermsId) external;

    /// @notice Mints license tokens under terms attached to an IP, paying the minting fee from the caller.
    /// The first mint under terms with a royalty policy deploys the IP's royalty vault.
    /// @param licensorIpId The licensor IP.
    /// @param licenseTemplate The license template.
    /// @param licenseTermsId The terms id.
    /// @param amount The number of license tokens.
    /// @param receiver The receiver of the license tokens.
    /// @param royaltyContext Royalty policy context (unused by LAP).
    /// @param maxMintingFee The most the caller will pay in total (0 = no limit).
    /// @param maxRevenueShare The highest revenue share the caller accepts (0 = no limit).
    /// @return startLicenseTokenId The first license token id.
    function mintLicenseTokens(
        address licensorIpId,
        address licenseTemplate,
        uint256 licenseTermsId,
        uint256 amount,
        address receiver,
        bytes calldata royaltyContext,
        uint256 maxMintingFee,
        uint32 maxRevenueShare
    ) external returns (uint256 startLicenseTokenId);

    /// @notice Registers `childIpId` as a derivative of `parentIpIds` under the given terms, paying minting fees.
    /// @param childIpId The derivative IP.
    /// @param parentIpIds The parent IPs.
    /// @param licenseTermsIds The terms id for each parent.
    /// @param licenseTemplate The license template.
    /// @param royaltyContext Royalty policy context (unused by LAP).
    /// @param maxMintingFee The most the caller will pay per parent (0 = no limit).
    /// @param maxRts The most royalty tokens the child gives up to ancestors (Story's 100% = 100_000_000).
    /// @param maxRevenueShare The highest revenue share accepted (0 = no limit).
    function registerDerivative(
        address childIpId,
        address[] calldata parentIpIds,
        uint256[] calldata licenseTermsIds,
        address licenseTemplate,
        bytes calldata royaltyContext,
        uint256 maxMintingFee,
        uint32 maxRts,
        uint32 maxRevenueShare
    ) external;
}
