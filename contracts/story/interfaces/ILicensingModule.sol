// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ILicensingModule
/// @notice The subset of Story's Licensing Module that Quintessence uses.
interface ILicensingModule {
    /// @notice Thrown when the module is built with a zero IP asset registry.
    /// @dev Fires in the constructor.
    error AccessControlled__ZeroAddress();

    /// @notice Thrown when the IP acted for is not a registered IP account.
    /// @dev Fires first on `attachLicenseTerms` and `registerDerivative`.
    /// @param ipAccount The address.
    error AccessControlled__NotIpAccount(address ipAccount);

    /// @notice Thrown when the IP (licensor, or derivative) is tagged by a successful dispute.
    /// @dev Fires on attach, mint and register.
    error LicensingModule__DisputedIpId();

    /// @notice Thrown when zero license tokens are minted.
    /// @dev First check of `mintLicenseTokens`.
    error LicensingModule__MintAmountZero();

    /// @notice Thrown when license tokens are minted to the zero address.
    /// @dev Second check of `mintLicenseTokens`.
    error LicensingModule__ReceiverZeroAddress();

    /// @notice Thrown when the licensor is not a registered IP.
    /// @dev Third check of `mintLicenseTokens`.
    error LicensingModule__LicensorIpNotRegistered();

    /// @notice Thrown when the minting fee exceeds the caller's maximum.
    /// @dev Fires when `maxMintingFee != 0` (summed over parents on registration).
    /// @param mintingFee The fee due.
    /// @param maxMintingFee The caller's maximum.
    error LicensingModule__MintingFeeExceedMaxMintingFee(uint256 mintingFee, uint256 maxMintingFee);

    /// @notice Thrown when the template denies minting (a derivative minting terms it does not hold, or
    /// non-reciprocal terms).
    /// @dev Fires on `mintLicenseTokens` for derivative licensors.
    /// @param licenseTemplate The template.
    /// @param licenseTermsId The terms id.
    /// @param licensorIpId The licensor.
    error LicensingModule__LicenseDenyMintLicenseToken(
        address licenseTemplate,
        uint256 licenseTermsId,
        address licensorIpId
    );

    /// @notice Thrown when a licensor with too many ancestors mints terms that allow derivatives.
    /// @dev Fires on `mintLicenseTokens` (limit 1024).
    /// @param licensorIpId The licensor.
    /// @param ancestors Its ancestor count.
    /// @param maxAncestors The limit.
    error LicensingModule__TooManyAncestorsForMintingLicenseTokenAllowRegisterDerivative(
        address licensorIpId,
        uint256 ancestors,
        uint256 maxAncestors
    );

    /// @notice Thrown when parents and terms ids differ in length.
    /// @dev Fires on `registerDerivative`.
    /// @param ipLength The number of parents.
    /// @param licenseTermsLength The number of terms ids.
    error LicensingModule__LicenseTermsLengthMismatch(uint256 ipLength, uint256 licenseTermsLength);

    /// @notice Thrown when a derivative is registered without parents.
    /// @dev Fires on `registerDerivative`.
    error LicensingModule__NoParentIp();

    /// @notice Thrown when the template refuses the derivative (incompatible terms, derivatives not allowed,
    /// non-reciprocal remix of a derivative, approval required).
    /// @dev Fires on `registerDerivative`.
    /// @param childIpId The derivative IP.
    error LicensingModule__LicenseNotCompatibleForDerivative(address childIpId);

    /// @notice Thrown when an IP that already minted licenses registers as a derivative.
    /// @dev Fires on `registerDerivative`.
    /// @param childIpId The derivative IP.
    error LicensingModule__DerivativeAlreadyHasBeenMintedLicenseTokens(address childIpId);

    /// @notice Thrown when parents' terms use different royalty policies.
    /// @dev Fires on `registerDerivative`.
    /// @param royaltyPolicy The first parent's policy.
    /// @param anotherRoyaltyPolicy The differing policy.
    error LicensingModule__RoyaltyPolicyMismatch(address royaltyPolicy, address anotherRoyaltyPolicy);

    /// @notice Thrown when the parents' summed revenue share exceeds the caller's maximum.
    /// @dev Fires on `registerDerivative` when `maxRevenueShare != 0`.
    /// @param ipId The parent that crossed the limit.
    /// @param licenseTemplate The template.
    /// @param licenseTermsId Its terms id.
    /// @param revenueShare The summed share so far.
    /// @param maxRevenueShare The caller's maximum.
    error LicensingModule__ExceedMaxRevenueShare(
        address ipId,
        address licenseTemplate,
        uint256 licenseTermsId,
        uint32 revenueShare,
        uint32 maxRevenueShare
    );

    /// @notice Thrown when the module is built with a zero royalty module.
    /// @dev Fires in the constructor.
    error LicensingModule__ZeroRoyaltyModule();

    /// @notice Thrown when the module is built with a zero dispute module.
    /// @dev Fires in the constructor.
    error LicensingModule__ZeroDisputeModule();

    /// @notice Thrown when the module is built with a zero license token.
    /// @dev Fires in the constructor.
    error LicensingModule__ZeroLicenseToken();

    /// @notice Thrown when the module is built with a zero license template.
    /// @dev Fires in the constructor.
    error LicensingModule__ZeroLicenseTemplate();

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
