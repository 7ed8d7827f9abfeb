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
    /// @notice Thrown when the royalty policy is set but not whitelisted by the Royalty Module.
    /// @dev First registration check.
    error PILicenseTemplate__RoyaltyPolicyNotWhitelisted();

    /// @notice Thrown when the currency is set but not a whitelisted royalty token.
    /// @dev Second registration check.
    error PILicenseTemplate__CurrencyTokenNotWhitelisted();

    /// @notice Thrown when a royalty policy is set without a currency.
    /// @dev Third registration check.
    error PILicenseTemplate__RoyaltyPolicyRequiresCurrencyToken();

    /// @notice Thrown when a minting fee is set without a royalty policy.
    /// @dev Fourth registration check.
    error PILicenseTemplate__MintingFeeRequiresRoyaltyPolicy();

    /// @notice Thrown when non-commercial terms ask for commercial attribution.
    /// @dev Non-commercial terms only.
    error PILicenseTemplate__CommercialDisabled_CantAddAttribution();

    /// @notice Thrown when non-commercial terms set a commercializer checker.
    /// @dev Non-commercial terms only.
    error PILicenseTemplate__CommercialDisabled_CantAddCommercializers();

    /// @notice Thrown when non-commercial terms set a revenue share.
    /// @dev Non-commercial terms only.
    error PILicenseTemplate__CommercialDisabled_CantAddRevShare();

    /// @notice Thrown when non-commercial terms set a commercial revenue ceiling.
    /// @dev Non-commercial terms only.
    error PILicenseTemplate__CommercialDisabled_CantAddRevCeiling();

    /// @notice Thrown when non-commercial terms set a derivative revenue ceiling.
    /// @dev Non-commercial terms only.
    error PILicenseTemplate__CommercialDisabled_CantAddDerivativeRevCeiling();

    /// @notice Thrown when non-commercial terms set a royalty policy.
    /// @dev Non-commercial terms only.
    error PILicenseTemplate__CommercialDisabled_CantAddRoyaltyPolicy();

    /// @notice Thrown when commercial terms have no royalty policy.
    /// @dev Commercial terms only.
    error PILicenseTemplate__CommercialEnabled_RoyaltyPolicyRequired();

    /// @notice Thrown when terms without derivatives ask for derivative attribution.
    /// @dev Terms without derivatives only.
    error PILicenseTemplate__DerivativesDisabled_CantAddAttribution();

    /// @notice Thrown when terms without derivatives ask for derivative approval.
    /// @dev Terms without derivatives only.
    error PILicenseTemplate__DerivativesDisabled_CantAddApproval();

    /// @notice Thrown when terms without derivatives ask for reciprocal derivatives.
    /// @dev Terms without derivatives only.
    error PILicenseTemplate__DerivativesDisabled_CantAddReciprocal();

    /// @notice Thrown when terms without derivatives set a derivative revenue ceiling.
    /// @dev Terms without derivatives only.
    error PILicenseTemplate__DerivativesDisabled_CantAddDerivativeRevCeiling();

    /// @notice Thrown when commercial terms name a commercializer checker that is not an IHookModule.
    /// @dev Commercial terms only (ERC-165 check).
    /// @param checker The checker.
    error PILicenseTemplate__CommercializerCheckerDoesNotSupportHook(address checker);

    /// @notice Thrown when commercial terms name a commercializer checker that is not a registered module.
    /// @dev Commercial terms only; the devnet registers no hook modules.
    /// @param commercializerChecker The checker.
    error PILicenseTemplate__CommercializerCheckerNotRegistered(address commercializerChecker);

    /// @notice Thrown when the template is built with a zero royalty module.
    /// @dev Fires in the constructor.
    error PILicenseTemplate__ZeroRoyaltyModule();

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

    /// @notice The royalty parameters of terms.
    /// @param licenseTermsId The terms id.
    /// @return royaltyPolicy The royalty policy (0 for non-commercial terms).
    /// @return royaltyPercent The commercial revenue share.
    /// @return mintingFee The minting fee per license token.
    /// @return currency The fee and revenue currency.
    function getRoyaltyPolicy(
        uint256 licenseTermsId
    ) external view returns (address royaltyPolicy, uint32 royaltyPercent, uint256 mintingFee, address currency);

    /// @notice Whether license tokens under these terms may be transferred.
    /// @param licenseTermsId The terms id.
    /// @return True if transferable.
    function isLicenseTransferable(uint256 licenseTermsId) external view returns (bool);

    /// @notice Whether these terms allow derivatives.
    /// @param licenseTermsId The terms id.
    /// @return True if they do.
    function allowDerivativeRegistration(uint256 licenseTermsId) external view returns (bool);

    /// @notice Whether terms can be combined by one derivative (same commercial use and reciprocity; reciprocal
    /// terms must be identical).
    /// @param licenseTermsIds The terms ids.
    /// @return True if compatible.
    function verifyCompatibleLicenses(uint256[] calldata licenseTermsIds) external view returns (bool);

    /// @notice Whether `childIpId` may become a derivative of all `parentIpIds` under `licenseTermsIds`.
    /// @param childIpId The derivative IP.
    /// @param parentIpIds The parents.
    /// @param licenseTermsIds The terms id for each parent.
    /// @param caller The caller of the registration.
    /// @return True if allowed.
    function verifyRegisterDerivativeForAllParents(
        address childIpId,
        address[] calldata parentIpIds,
        uint256[] calldata licenseTermsIds,
        address caller
    ) external returns (bool);

    /// @notice The number of terms registered (the last id).
    /// @return The count.
    function totalRegisteredLicenseTerms() external view returns (uint256);
}
