// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ReentrancyGuard } from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import { EnumerableSet } from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

import { ILicensingModule } from "../interfaces/ILicensingModule.sol";
import { ILicenseRegistry } from "../interfaces/ILicenseRegistry.sol";
import { ILicenseToken } from "../interfaces/ILicenseToken.sol";
import { IPILicenseTemplate, PILTerms } from "../interfaces/IPILicenseTemplate.sol";
import { IIPAssetRegistry } from "../interfaces/IIPAssetRegistry.sol";
import { IIPAccount } from "../interfaces/IIPAccount.sol";
import { IDisputeModule } from "../interfaces/IDisputeModule.sol";
import { IIPGraph, IP_GRAPH } from "../interfaces/IIPGraph.sol";
import { IRoyaltyModuleHooks } from "./interfaces/IRoyaltyModuleHooks.sol";
import { IAccessControllerErrors } from "./interfaces/IAccessControllerErrors.sol";

/// @title LicensingModule (devnet)
/// @notice Story v1.3.2's Licensing Module together with the License Registry state it relies on: attaching PIL
/// terms to IPs, minting license tokens (paying minting fees into the licensor's royalty vault) and registering
/// derivatives (paying each parent's fee, linking the IP graph, setting up royalties). Checks and errors follow
/// Story's order. Only the devnet PILicenseTemplate is a registered template.
/// @dev Not modelled: licensing configs and hooks, license-token derivatives, default-terms attachment, expiration,
/// groups, pausing. The IP account or its owner may act for an IP (no AccessController permissions).
contract LicensingModule is ILicensingModule, ILicenseRegistry, IAccessControllerErrors, ReentrancyGuard {
    using EnumerableSet for EnumerableSet.UintSet;

    /// @notice Story's limit on parents per derivative.
    uint256 public constant MAX_PARENTS = 16;

    /// @notice Story's limit on ancestors per IP.
    uint256 public constant MAX_ANCESTORS = 1024;

    /* ------------------------------------------------------------------ */
    /*                               Storage                              */
    /* ------------------------------------------------------------------ */

    /// @notice The IP asset registry.
    IIPAssetRegistry public immutable IP_ASSET_REGISTRY;

    /// @notice The royalty module.
    IRoyaltyModuleHooks public immutable ROYALTY_MODULE;

    /// @notice The dispute module.
    IDisputeModule public immutable DISPUTE_MODULE;

    /// @notice The license token.
    ILicenseToken public immutable LICENSE_NFT;

    /// @notice The only registered license template (the devnet PILicenseTemplate).
    IPILicenseTemplate public immutable LICENSE_TEMPLATE;

    mapping(address ipId => EnumerableSet.UintSet) private _attachedLicenseTerms;
    mapping(address ipId => address) private _licenseTemplates;
    mapping(address parentIpId => uint256) private _derivativeCount;
    mapping(address childIpId => mapping(address parentIpId => uint256 licenseTermsId)) private _parentLicenseTerms;

    /* ------------------------------------------------------------------ */
    /*                            Construction                            */
    /* ------------------------------------------------------------------ */

    /// @notice Deploys the module.
    /// @param ipAssetRegistry The IP asset registry.
    /// @param royaltyModule The royalty module.
    /// @param disputeModule The dispute module.
    /// @param licenseToken The license token.
    /// @param licenseTemplate The PIL template.
    constructor(
        address ipAssetRegistry,
        address royaltyModule,
        address disputeModule,
        address licenseToken,
        address licenseTemplate
    ) {
        if (ipAssetRegistry == address(0)) revert AccessControlled__ZeroAddress();
        if (royaltyModule == address(0)) revert LicensingModule__ZeroRoyaltyModule();
        if (disputeModule == address(0)) revert LicensingModule__ZeroDisputeModule();
        if (licenseToken == address(0)) revert LicensingModule__ZeroLicenseToken();
        if (licenseTemplate == address(0)) revert LicensingModule__ZeroLicenseTemplate();
        IP_ASSET_REGISTRY = IIPAssetRegistry(ipAssetRegistry);
        ROYALTY_MODULE = IRoyaltyModuleHooks(royaltyModule);
        DISPUTE_MODULE = IDisputeModule(disputeModule);
        LICENSE_NFT = ILicenseToken(licenseToken);
        LICENSE_TEMPLATE = IPILicenseTemplate(licenseTemplate);
    }

    /* ------------------------------------------------------------------ */
    /*                              Licensing                             */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc ILicensingModule
    function attachLicenseTerms(address ipId, address licenseTemplate, uint256 licenseTermsId) external {
        _verifyPermission(ipId);
        _verifyIpNotDisputed(ipId);
        if (!_exists(licenseTemplate, licenseTermsId)) {
            revert LicensingModule__LicenseTermsNotFound(licenseTemplate, licenseTermsId);
        }
        if (_hasAttached(ipId, licenseTemplate, licenseTermsId)) {
            revert LicenseRegistry__LicenseTermsAlreadyAttached(ipId, licenseTemplate, licenseTermsId);
        }
        if (_isDerivative(ipId)) revert LicensingModule__DerivativesCannotAddLicenseTerms();

        _licenseTemplates[ipId] = licenseTemplate;
        _attachedLicenseTerms[ipId].add(licenseTermsId);
        emit LicenseTermsAttached(msg.sender, ipId, licenseTemplate, licenseTermsId);
    }

    /// @inheritdoc ILicensingModule
    function mintLicenseTokens(
        address licensorIpId,
        address licenseTemplate,
        uint256 licenseTermsId,
        uint256 amount,
        address receiver,
        bytes calldata royaltyContext,
        uint256 maxMintingFee,
        uint32 maxRevenueShare
    ) external nonReentrant returns (uint256 startLicenseTokenId) {
        if (amount == 0) revert LicensingModule__MintAmountZero();
        if (receiver == address(0)) revert LicensingModule__ReceiverZeroAddress();
        if (!IP_ASSET_REGISTRY.isRegistered(licensorIpId)) revert LicensingModule__LicensorIpNotRegistered();
        _verifyIpNotDisputed(licensorIpId);

        uint256 paidMintingFee = _verifyAndPayMintingFee(
            licensorIpId,
            licenseTemplate,
            licenseTermsId,
            amount,
            royaltyContext
        );
        if (maxMintingFee != 0 && paidMintingFee > maxMintingFee) {
            revert LicensingModule__MintingFeeExceedMaxMintingFee(paidMintingFee, maxMintingFee);
        }

        startLicenseTokenId = LICENSE_NFT.mintLicenseTokens(
            licensorIpId,
            licenseTemplate,
            licenseTermsId,
            amount,
            msg.sender,
            receiver,
            maxRevenueShare
        );
        emit LicenseTokensMinted(
            msg.sender,
            licensorIpId,
            licenseTemplate,
            licenseTermsId,
            amount,
            receiver,
            startLicenseTokenId
        );
    }

    /// @inheritdoc ILicensingModule
    function registerDerivative(
        address childIpId,
        address[] calldata parentIpIds,
        uint256[] calldata licenseTermsIds,
        address licenseTemplate,
        bytes calldata royaltyContext,
        uint256 maxMintingFee,
        uint32 maxRts,
        uint32 maxRevenueShare
    ) external nonReentrant {
        _verifyPermission(childIpId);
        if (parentIpIds.length != licenseTermsIds.length) {
            revert LicensingModule__LicenseTermsLengthMismatch(parentIpIds.length, licenseTermsIds.length);
        }
        if (parentIpIds.length == 0) revert LicensingModule__NoParentIp();
        _verifyIpNotDisputed(childIpId);
        // Another template's terms are refused below, parent by parent, as Story's registry does.
        if (
            licenseTemplate == address(LICENSE_TEMPLATE) &&
            !LICENSE_TEMPLATE.verifyRegisterDerivativeForAllParents(childIpId, parentIpIds, licenseTermsIds, msg.sender)
        ) {
            revert LicensingModule__LicenseNotCompatibleForDerivative(childIpId);
        }
        if (LICENSE_NFT.getTotalTokensByLicensor(childIpId) != 0) {
            revert LicensingModule__DerivativeAlreadyHasBeenMintedLicenseTokens(childIpId);
        }

        _registerDerivativeIp(childIpId, parentIpIds, licenseTemplate, licenseTermsIds);
        _payAndSetupRoyalty(
            childIpId,
            parentIpIds,
            licenseTermsIds,
            royaltyContext,
            maxMintingFee,
            maxRts,
            maxRevenueShare
        );

        emit DerivativeRegistered(
            msg.sender,
            childIpId,
            new uint256[](0),
            parentIpIds,
            licenseTermsIds,
            licenseTemplate
        );
    }

    /* ------------------------------------------------------------------ */
    /*                        License-registry views                      */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc ILicenseRegistry
    function hasIpAttachedLicenseTerms(
        address ipId,
        address licenseTemplate,
        uint256 licenseTermsId
    ) external view returns (bool) {
        return _hasAttached(ipId, licenseTemplate, licenseTermsId);
    }

    /// @inheritdoc ILicenseRegistry
    function getAttachedLicenseTermsCount(address ipId) external view returns (uint256) {
        return _attachedLicenseTerms[ipId].length();
    }

    /// @inheritdoc ILicenseRegistry
    function isDerivativeIp(address childIpId) external view returns (bool) {
        return _isDerivative(childIpId);
    }

    /// @inheritdoc ILicenseRegistry
    function getDerivativeIpCount(address parentIpId) external view returns (uint256) {
        return _derivativeCount[parentIpId];
    }

    /// @inheritdoc ILicenseRegistry
    function getParentLicenseTerms(
        address childIpId,
        address parentIpId
    ) external view returns (address licenseTemplate, uint256 licenseTermsId) {
        return (_licenseTemplates[parentIpId], _parentLicenseTerms[childIpId][parentIpId]);
    }

    /* ------------------------------------------------------------------ */
    /*                          Internals: minting                        */
    /* ------------------------------------------------------------------ */

    /// @dev The licensor (or its owner) may mint any existing terms; anyone else only attached ones.
    function _verifyAndPayMintingFee(
        address licensorIpId,
        address licenseTemplate,
        uint256 licenseTermsId,
        uint256 amount,
        bytes calldata royaltyContext
    ) internal returns (uint256 paidMintingFee) {
        if (_hasPermission(licensorIpId)) {
            if (!_exists(licenseTemplate, licenseTermsId)) {
                revert LicenseRegistry__LicenseTermsNotExists(licenseTemplate, licenseTermsId);
            }
            if (_licenseTemplates[licensorIpId] == address(0)) _licenseTemplates[licensorIpId] = licenseTemplate;
        } else if (!_hasAttached(licensorIpId, licenseTemplate, licenseTermsId)) {
            revert LicenseRegistry__LicensorIpHasNoLicenseTerms(licensorIpId, licenseTemplate, licenseTermsId);
        }

        if (LICENSE_TEMPLATE.allowDerivativeRegistration(licenseTermsId)) {
            uint256 ancestors = IIPGraph(IP_GRAPH).getAncestorIpsCount(licensorIpId);
            if (ancestors > MAX_ANCESTORS - 1) {
                revert LicensingModule__TooManyAncestorsForMintingLicenseTokenAllowRegisterDerivative(
                    licensorIpId,
                    ancestors,
                    MAX_ANCESTORS
                );
            }
        }

        (, , paidMintingFee) = _payMintingFee(licensorIpId, licenseTermsId, amount, royaltyContext);

        // Story's template: a derivative may only sublicense the (reciprocal) terms it holds.
        if (_isDerivative(licensorIpId)) {
            PILTerms memory terms = LICENSE_TEMPLATE.getLicenseTerms(licenseTermsId);
            if (!_hasAttached(licensorIpId, licenseTemplate, licenseTermsId) || !terms.derivativesReciprocal) {
                revert LicensingModule__LicenseDenyMintLicenseToken(licenseTemplate, licenseTermsId, licensorIpId);
            }
        }
    }

    /// @dev Commercial terms: royalty setup on the licensor (deploys its vault) and the fee into its vault.
    function _payMintingFee(
        address licensorIpId,
        uint256 licenseTermsId,
        uint256 amount,
        bytes calldata royaltyContext
    ) internal returns (address royaltyPolicy, uint32 royaltyPercent, uint256 totalMintingFee) {
        uint256 mintingFee;
        address currency;
        (royaltyPolicy, royaltyPercent, mintingFee, currency) = LICENSE_TEMPLATE.getRoyaltyPolicy(licenseTermsId);
        if (royaltyPolicy == address(0)) return (royaltyPolicy, royaltyPercent, 0);

        ROYALTY_MODULE.onLicenseMinting(licensorIpId, royaltyPolicy, royaltyPercent, royaltyContext);
        totalMintingFee = mintingFee * amount;
        if (totalMintingFee > 0) {
            ROYALTY_MODULE.payLicenseMintingFee(licensorIpId, msg.sender, currency, totalMintingFee);
        }
    }

    /* ------------------------------------------------------------------ */
    /*                       Internals: derivatives                       */
    /* ------------------------------------------------------------------ */

    /// @dev Story's LicenseRegistry.registerDerivativeIp: validates the parents, inherits their terms, links the graph.
    function _registerDerivativeIp(
        address childIpId,
        address[] calldata parentIpIds,
        address licenseTemplate,
        uint256[] calldata licenseTermsIds
    ) internal {
        if (parentIpIds.length > MAX_PARENTS) {
            revert LicenseRegistry__TooManyParents(childIpId, parentIpIds.length, MAX_PARENTS);
        }
        if (_isDerivative(childIpId)) revert LicenseRegistry__DerivativeAlreadyRegistered(childIpId);
        if (_derivativeCount[childIpId] > 0) revert LicenseRegistry__DerivativeIpAlreadyHasChild(childIpId);
        if (_attachedLicenseTerms[childIpId].length() > 0) {
            revert LicenseRegistry__DerivativeIpAlreadyHasLicense(childIpId);
        }

        for (uint256 i = 0; i < parentIpIds.length; ++i) {
            address parent = parentIpIds[i];
            uint256 termsId = licenseTermsIds[i];
            if (!IP_ASSET_REGISTRY.isRegistered(parent)) revert LicenseRegistry__ParentIpNotRegistered(parent);
            if (DISPUTE_MODULE.isIpTagged(parent)) revert LicenseRegistry__ParentIpTagged(parent);
            if (parent == childIpId) revert LicenseRegistry__DerivativeIsParent(childIpId);
            if (_licenseTemplates[parent] != licenseTemplate) {
                revert LicenseRegistry__ParentIpUnmatchedLicenseTemplate(parent, licenseTemplate);
            }
            if (!_attachedLicenseTerms[parent].contains(termsId)) {
                revert LicenseRegistry__ParentIpHasNoLicenseTerms(parent, termsId);
            }
            if (_parentLicenseTerms[childIpId][parent] != 0)
                revert LicenseRegistry__DuplicateParentIp(childIpId, parent);

            ++_derivativeCount[parent];
            _parentLicenseTerms[childIpId][parent] = termsId;
            _attachedLicenseTerms[childIpId].add(termsId);
        }

        (bool success, ) = IP_GRAPH.call(abi.encodeCall(IIPGraph.addParentIp, (childIpId, parentIpIds)));
        if (!success) revert LicenseRegistry__AddParentIpToIPGraphFailed(childIpId, parentIpIds);
        uint256 ancestors = IIPGraph(IP_GRAPH).getAncestorIpsCount(childIpId);
        if (ancestors > MAX_ANCESTORS) revert LicenseRegistry__TooManyAncestors(childIpId, ancestors, MAX_ANCESTORS);

        _licenseTemplates[childIpId] = licenseTemplate;
    }

    /// @dev Pays one license's fee to every parent (capped in total by `maxMintingFee`), checks the summed revenue
    /// share against `maxRevenueShare`, then links royalties.
    function _payAndSetupRoyalty(
        address childIpId,
        address[] calldata parentIpIds,
        uint256[] calldata licenseTermsIds,
        bytes calldata royaltyContext,
        uint256 maxMintingFee,
        uint32 maxRts,
        uint32 maxRevenueShare
    ) internal {
        address[] memory royaltyPolicies = new address[](parentIpIds.length);
        uint32[] memory royaltyPercents = new uint32[](parentIpIds.length);
        uint256 totalPaid;
        for (uint256 i = 0; i < parentIpIds.length; ++i) {
            uint256 paid;
            (royaltyPolicies[i], royaltyPercents[i], paid) = _payMintingFee(
                parentIpIds[i],
                licenseTermsIds[i],
                1,
                royaltyContext
            );
            if (royaltyPolicies[i] != royaltyPolicies[0]) {
                revert LicensingModule__RoyaltyPolicyMismatch(royaltyPolicies[0], royaltyPolicies[i]);
            }
            totalPaid += paid;
            if (maxMintingFee != 0 && totalPaid > maxMintingFee) {
                revert LicensingModule__MintingFeeExceedMaxMintingFee(totalPaid, maxMintingFee);
            }
        }
        _checkMaxRevenueShare(parentIpIds, licenseTermsIds, royaltyPercents, maxRevenueShare);
        if (royaltyPolicies[0] == address(0)) return;
        ROYALTY_MODULE.onLinkToParents(
            childIpId,
            parentIpIds,
            royaltyPolicies,
            royaltyPercents,
            royaltyContext,
            maxRts
        );
    }

    /// @dev The parents' revenue shares, summed, must stay within the caller's maximum (0 = no limit).
    function _checkMaxRevenueShare(
        address[] calldata parentIpIds,
        uint256[] calldata licenseTermsIds,
        uint32[] memory royaltyPercents,
        uint32 maxRevenueShare
    ) internal view {
        if (maxRevenueShare == 0) return;
        uint256 allocated;
        for (uint256 i = 0; i < parentIpIds.length; ++i) {
            allocated += royaltyPercents[i];
            if (allocated > maxRevenueShare) {
                revert LicensingModule__ExceedMaxRevenueShare(
                    parentIpIds[i],
                    address(LICENSE_TEMPLATE),
                    licenseTermsIds[i],
                    uint32(allocated),
                    maxRevenueShare
                );
            }
        }
    }

    /* ------------------------------------------------------------------ */
    /*                          Internals: checks                         */
    /* ------------------------------------------------------------------ */

    /// @dev Story's AccessControlled check, with the owner of the IP account as its only permitted signer.
    function _verifyPermission(address ipId) internal view {
        if (!IP_ASSET_REGISTRY.isRegistered(ipId)) revert AccessControlled__NotIpAccount(ipId);
        if (msg.sender != ipId && msg.sender != IIPAccount(ipId).owner()) {
            revert AccessController__PermissionDenied(ipId, msg.sender, address(this), msg.sig);
        }
    }

    function _hasPermission(address ipId) internal view returns (bool) {
        return msg.sender == ipId || msg.sender == IIPAccount(ipId).owner();
    }

    function _verifyIpNotDisputed(address ipId) internal view {
        if (DISPUTE_MODULE.isIpTagged(ipId)) revert LicensingModule__DisputedIpId();
    }

    function _exists(address licenseTemplate, uint256 licenseTermsId) internal view returns (bool) {
        return licenseTemplate == address(LICENSE_TEMPLATE) && LICENSE_TEMPLATE.exists(licenseTermsId);
    }

    function _hasAttached(address ipId, address licenseTemplate, uint256 licenseTermsId) internal view returns (bool) {
        return _licenseTemplates[ipId] == licenseTemplate && _attachedLicenseTerms[ipId].contains(licenseTermsId);
    }

    function _isDerivative(address ipId) internal view returns (bool) {
        return IIPGraph(IP_GRAPH).getParentIpsCount(ipId) > 0;
    }
}
