// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ILicenseRegistry
/// @notice The subset of Story's License Registry that Quintessence uses: the errors licensing calls revert with
/// (raised by the License Registry on Story, by the devnet LicensingModule, which keeps the registry's state) and the
/// registry's read functions.
interface ILicenseRegistry {
    /// @notice Thrown when attached terms do not exist in a registered template.
    /// @dev Fires on `attachLicenseTerms`.
    /// @param licenseTemplate The template.
    /// @param licenseTermsId The terms id.
    error LicensingModule__LicenseTermsNotFound(address licenseTemplate, uint256 licenseTermsId);

    /// @notice Thrown when a derivative attaches terms (it inherits its parents').
    /// @dev Fires on `attachLicenseTerms`.
    error LicensingModule__DerivativesCannotAddLicenseTerms();

    /// @notice Thrown when terms already attached to the IP are attached again.
    /// @dev Fires on `attachLicenseTerms`.
    /// @param ipId The IP.
    /// @param licenseTemplate The template.
    /// @param licenseTermsId The terms id.
    error LicenseRegistry__LicenseTermsAlreadyAttached(address ipId, address licenseTemplate, uint256 licenseTermsId);

    /// @notice Thrown when the licensor's owner mints licenses under terms that do not exist.
    /// @dev Fires on `mintLicenseTokens` by the IP or its owner.
    /// @param licenseTemplate The template.
    /// @param licenseTermsId The terms id.
    error LicenseRegistry__LicenseTermsNotExists(address licenseTemplate, uint256 licenseTermsId);

    /// @notice Thrown when someone other than the licensor or its owner mints under terms not attached to it.
    /// @dev Fires on `mintLicenseTokens`.
    /// @param ipId The licensor.
    /// @param licenseTemplate The template.
    /// @param licenseTermsId The terms id.
    error LicenseRegistry__LicensorIpHasNoLicenseTerms(address ipId, address licenseTemplate, uint256 licenseTermsId);

    /// @notice Thrown when a derivative names more than 16 parents.
    /// @dev Fires on `registerDerivative`.
    /// @param ipId The derivative IP.
    /// @param parents The number of parents.
    /// @param maxParents The limit.
    error LicenseRegistry__TooManyParents(address ipId, uint256 parents, uint256 maxParents);

    /// @notice Thrown when an IP that already has parents registers again.
    /// @dev Fires on `registerDerivative`.
    /// @param childIpId The derivative IP.
    error LicenseRegistry__DerivativeAlreadyRegistered(address childIpId);

    /// @notice Thrown when an IP that already has derivatives registers as a derivative.
    /// @dev Fires on `registerDerivative`.
    /// @param childIpId The derivative IP.
    error LicenseRegistry__DerivativeIpAlreadyHasChild(address childIpId);

    /// @notice Thrown when an IP with attached terms registers as a derivative.
    /// @dev Fires on `registerDerivative`.
    /// @param childIpId The derivative IP.
    error LicenseRegistry__DerivativeIpAlreadyHasLicense(address childIpId);

    /// @notice Thrown when a parent is not a registered IP.
    /// @dev Fires on `registerDerivative`.
    /// @param parentIpId The parent.
    error LicenseRegistry__ParentIpNotRegistered(address parentIpId);

    /// @notice Thrown when a parent is tagged by a successful dispute.
    /// @dev Fires on `registerDerivative`.
    /// @param ipId The parent.
    error LicenseRegistry__ParentIpTagged(address ipId);

    /// @notice Thrown when the derivative names itself as a parent.
    /// @dev Fires on `registerDerivative`.
    /// @param ipId The derivative IP.
    error LicenseRegistry__DerivativeIsParent(address ipId);

    /// @notice Thrown when a parent's terms come from another template.
    /// @dev Fires on `registerDerivative`.
    /// @param ipId The parent.
    /// @param licenseTemplate The template given.
    error LicenseRegistry__ParentIpUnmatchedLicenseTemplate(address ipId, address licenseTemplate);

    /// @notice Thrown when a parent does not have the given terms attached.
    /// @dev Fires on `registerDerivative`.
    /// @param ipId The parent.
    /// @param licenseTermsId The terms id.
    error LicenseRegistry__ParentIpHasNoLicenseTerms(address ipId, uint256 licenseTermsId);

    /// @notice Thrown when a parent is named twice.
    /// @dev Fires on `registerDerivative`.
    /// @param ipId The derivative IP.
    /// @param parentIpId The repeated parent.
    error LicenseRegistry__DuplicateParentIp(address ipId, address parentIpId);

    /// @notice Thrown when the IP graph refuses the parent links.
    /// @dev Fires on `registerDerivative`.
    /// @param childIpId The derivative IP.
    /// @param parentIpIds The parents.
    error LicenseRegistry__AddParentIpToIPGraphFailed(address childIpId, address[] parentIpIds);

    /// @notice Thrown when a derivative would have more than 1024 ancestors.
    /// @dev Fires on `registerDerivative`.
    /// @param ipId The derivative IP.
    /// @param ancestors Its ancestor count.
    /// @param maxAncestors The limit.
    error LicenseRegistry__TooManyAncestors(address ipId, uint256 ancestors, uint256 maxAncestors);

    /// @notice Whether terms are attached to an IP.
    /// @param ipId The IP.
    /// @param licenseTemplate The template.
    /// @param licenseTermsId The terms id.
    /// @return True if attached.
    function hasIpAttachedLicenseTerms(
        address ipId,
        address licenseTemplate,
        uint256 licenseTermsId
    ) external view returns (bool);

    /// @notice The number of terms attached to an IP (a derivative holds its parents' terms).
    /// @param ipId The IP.
    /// @return The count.
    function getAttachedLicenseTermsCount(address ipId) external view returns (uint256);

    /// @notice Whether an IP is a derivative (has parents).
    /// @param childIpId The IP.
    /// @return True if it has parents.
    function isDerivativeIp(address childIpId) external view returns (bool);

    /// @notice The number of direct derivatives of an IP.
    /// @param parentIpId The IP.
    /// @return The count.
    function getDerivativeIpCount(address parentIpId) external view returns (uint256);

    /// @notice The terms a derivative registered under for one of its parents.
    /// @param childIpId The derivative IP.
    /// @param parentIpId The parent.
    /// @return licenseTemplate The parent's template.
    /// @return licenseTermsId The terms id (0 if not a parent).
    function getParentLicenseTerms(
        address childIpId,
        address parentIpId
    ) external view returns (address licenseTemplate, uint256 licenseTermsId);
}
