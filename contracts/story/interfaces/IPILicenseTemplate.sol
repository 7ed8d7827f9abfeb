// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Programmable IP License terms, as Story's PILicenseTemplate stores them.
/// Percentages (`commercialRevShare`) use Story's scale: 100% = 100_000_000. The field order is Story's (ABI-encoded).
// solhint-disable-next-line gas-struct-packing
struct PILTerms {
    bool transferable;
    address royaltyPolicy;
    uint256 defaultMintingFee;
    uint256 expiration;
    bool commercialUse;
    bool commercialAttribution;
    address commercializerChecker;
    bytes commercializerCheckerData;
    uint32 commercialRevShare;
    uint256 commercialRevCeiling;
    bool derivativesAllowed;
    bool derivativesAttribution;
    bool derivativesApproval;
    bool derivativesReciprocal;
    uint256 derivativeRevCeiling;
    address currency;
    string uri;
}

/// @title IPILicenseTemplate
/// @notice The subset of Story's PIL license template that Quintessence uses.
interface IPILicenseTemplate {
    /// @notice Emitted when new license terms are registered.
    /// @param licenseTermsId The new terms id.
    /// @param licenseTemplate This template.
    /// @param licenseTerms The ABI-encoded terms.
    event LicenseTermsRegistered(uint256 indexed licenseTermsId, address indexed licenseTemplate, bytes licenseTerms);

    /// @notice Registers license terms, or returns the id of identical terms registered before.
    /// @param terms The terms.
    /// @return id The terms id.
    function registerLicenseTerms(PILTerms calldata terms) external returns (uint256 id);

    /// @notice The id of already-registered terms, or 0.
    /// @param terms The terms.
    /// @return selectedLicenseTermsId The terms id, 0 if not registered.
    function getLicenseTermsId(PILTerms calldata terms) external view returns (uint256 selectedLicenseTermsId);

    /// @notice The terms registered under an id.
    /// @param selectedLicenseTermsId The terms id.
    /// @return terms The terms.
    function getLicenseTerms(uint256 selectedLicenseTermsId) external view returns (PILTerms memory terms);

    /// @notice Whether terms with this id exist.
    /// @param licenseTermsId The terms id.
    /// @return True if they exist.
    function exists(uint256 licenseTermsId) external view returns (bool);
}
