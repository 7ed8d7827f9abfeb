// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ERC165Checker } from "@openzeppelin/contracts/utils/introspection/ERC165Checker.sol";

import { IPILicenseTemplate, PILTerms } from "../interfaces/IPILicenseTemplate.sol";
import { IRoyaltyModule } from "../interfaces/IRoyaltyModule.sol";
import { IIPGraph, IP_GRAPH } from "../interfaces/IIPGraph.sol";

/// @title PILicenseTemplate (devnet)
/// @notice Story v1.3.2's Programmable IP License template, minimally: validates and stores PIL terms, deduplicated
/// by their hash, and answers the licensing module's questions about them. Terms id 1 is Story's default
/// non-commercial social remixing terms.
/// @dev Not modelled: licensor approval of derivatives (terms requiring it never allow a derivative here), registered
/// commercializer-checker hook modules (none exist on the devnet), JSON escaping of `uri`, expiration.
contract PILicenseTemplate is IPILicenseTemplate {
    /// @dev ERC-165 id of Story's IHookModule (`verify(address,address,bytes)` ^ `validateConfig(bytes)`).
    bytes4 private constant HOOK_MODULE_INTERFACE_ID =
        bytes4(keccak256("verify(address,address,bytes)")) ^ bytes4(keccak256("validateConfig(bytes)"));

    /// @dev The off-chain text of Story's non-commercial social remixing flavor.
    // solhint-disable-next-line gas-small-strings
    string private constant NCSR_URI =
        // solhint-disable-next-line max-line-length
        "https://github.com/piplabs/pil-document/blob/998c13e6ee1d04eb817aefd1fe16dfe8be3cd7a2/off-chain-terms/NCSR.json";

    /// @notice The Royalty Module whose whitelists commercial terms must satisfy.
    IRoyaltyModule public immutable ROYALTY_MODULE;

    mapping(uint256 licenseTermsId => PILTerms) private _licenseTerms;
    mapping(bytes32 licenseTermsHash => uint256 licenseTermsId) private _hashedLicenseTerms;
    uint256 private _licenseTermsCounter;

    /// @notice Deploys the template and registers the default terms as id 1.
    /// @param royaltyModule The Royalty Module.
    constructor(address royaltyModule) {
        if (royaltyModule == address(0)) revert PILicenseTemplate__ZeroRoyaltyModule();
        ROYALTY_MODULE = IRoyaltyModule(royaltyModule);
        _register(_nonCommercialSocialRemixing());
    }

    /* ------------------------------------------------------------------ */
    /*                            Registration                            */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IPILicenseTemplate
    function registerLicenseTerms(PILTerms calldata terms) external returns (uint256 id) {
        return _register(terms);
    }

    /* ------------------------------------------------------------------ */
    /*                                Views                               */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IPILicenseTemplate
    function getLicenseTermsId(PILTerms calldata terms) external view returns (uint256 selectedLicenseTermsId) {
        return _hashedLicenseTerms[keccak256(abi.encode(terms))];
    }

    /// @inheritdoc IPILicenseTemplate
    function getLicenseTerms(uint256 selectedLicenseTermsId) external view returns (PILTerms memory terms) {
        return _licenseTerms[selectedLicenseTermsId];
    }

    /// @inheritdoc IPILicenseTemplate
    function exists(uint256 licenseTermsId) external view returns (bool) {
        return licenseTermsId != 0 && licenseTermsId < _licenseTermsCounter + 1;
    }

    /// @inheritdoc IPILicenseTemplate
    function totalRegisteredLicenseTerms() external view returns (uint256) {
        return _licenseTermsCounter;
    }

    /// @inheritdoc IPILicenseTemplate
    function getRoyaltyPolicy(
        uint256 licenseTermsId
    ) external view returns (address royaltyPolicy, uint32 royaltyPercent, uint256 mintingFee, address currency) {
        PILTerms storage terms = _licenseTerms[licenseTermsId];
        return (terms.royaltyPolicy, terms.commercialRevShare, terms.defaultMintingFee, terms.currency);
    }

    /// @inheritdoc IPILicenseTemplate
    function isLicenseTransferable(uint256 licenseTermsId) external view returns (bool) {
        return _licenseTerms[licenseTermsId].transferable;
    }

    /// @inheritdoc IPILicenseTemplate
    function allowDerivativeRegistration(uint256 licenseTermsId) external view returns (bool) {
        return _licenseTerms[licenseTermsId].derivativesAllowed;
    }

    /// @inheritdoc IPILicenseTemplate
    function verifyCompatibleLicenses(uint256[] calldata licenseTermsIds) external view returns (bool) {
        return _compatible(licenseTermsIds);
    }

    /// @inheritdoc IPILicenseTemplate
    function verifyRegisterDerivativeForAllParents(
        address,
        address[] calldata parentIpIds,
        uint256[] calldata licenseTermsIds,
        address
    ) external view returns (bool) {
        if (!_compatible(licenseTermsIds)) return false;
        // Bounded by the licensing module's 16 parents.
        for (uint256 i = 0; i < licenseTermsIds.length; ++i) {
            PILTerms storage terms = _licenseTerms[licenseTermsIds[i]];
            if (!terms.derivativesAllowed) return false;
            // A derivative can only be remixed further under reciprocal terms.
            if (!terms.derivativesReciprocal && IIPGraph(IP_GRAPH).getParentIpsCount(parentIpIds[i]) > 0) {
                return false;
            }
            // No licensor approvals are recorded on the devnet.
            if (terms.derivativesApproval) return false;
        }
        return true;
    }

    /* ------------------------------------------------------------------ */
    /*                              Internals                             */
    /* ------------------------------------------------------------------ */

    /// @dev Validates in Story's order, then returns the id of identical terms or registers new ones.
    function _register(PILTerms memory terms) internal returns (uint256 id) {
        if (terms.royaltyPolicy != address(0) && !ROYALTY_MODULE.isWhitelistedRoyaltyPolicy(terms.royaltyPolicy)) {
            revert PILicenseTemplate__RoyaltyPolicyNotWhitelisted();
        }
        if (terms.currency != address(0) && !ROYALTY_MODULE.isWhitelistedRoyaltyToken(terms.currency)) {
            revert PILicenseTemplate__CurrencyTokenNotWhitelisted();
        }
        if (terms.royaltyPolicy != address(0) && terms.currency == address(0)) {
            revert PILicenseTemplate__RoyaltyPolicyRequiresCurrencyToken();
        }
        if (terms.defaultMintingFee > 0 && terms.royaltyPolicy == address(0)) {
            revert PILicenseTemplate__MintingFeeRequiresRoyaltyPolicy();
        }
        _verifyCommercialUse(terms);
        _verifyDerivatives(terms);

        bytes memory encoded = abi.encode(terms);
        bytes32 termsHash = keccak256(encoded);
        id = _hashedLicenseTerms[termsHash];
        if (id != 0) return id;

        id = ++_licenseTermsCounter;
        _licenseTerms[id] = terms;
        _hashedLicenseTerms[termsHash] = id;
        emit LicenseTermsRegistered(id, address(this), encoded);
    }

    // solhint-disable-next-line code-complexity
    function _verifyCommercialUse(PILTerms memory terms) internal view {
        if (!terms.commercialUse) {
            if (terms.commercialAttribution) revert PILicenseTemplate__CommercialDisabled_CantAddAttribution();
            if (terms.commercializerChecker != address(0)) {
                revert PILicenseTemplate__CommercialDisabled_CantAddCommercializers();
            }
            if (terms.commercialRevShare > 0) revert PILicenseTemplate__CommercialDisabled_CantAddRevShare();
            if (terms.commercialRevCeiling > 0) revert PILicenseTemplate__CommercialDisabled_CantAddRevCeiling();
            if (terms.derivativeRevCeiling > 0) {
                revert PILicenseTemplate__CommercialDisabled_CantAddDerivativeRevCeiling();
            }
            if (terms.royaltyPolicy != address(0)) revert PILicenseTemplate__CommercialDisabled_CantAddRoyaltyPolicy();
            return;
        }
        if (terms.royaltyPolicy == address(0)) revert PILicenseTemplate__CommercialEnabled_RoyaltyPolicyRequired();
        if (terms.commercializerChecker != address(0)) {
            if (!ERC165Checker.supportsInterface(terms.commercializerChecker, HOOK_MODULE_INTERFACE_ID)) {
                revert PILicenseTemplate__CommercializerCheckerDoesNotSupportHook(terms.commercializerChecker);
            }
            // The devnet has no module registry, so no checker is registered.
            revert PILicenseTemplate__CommercializerCheckerNotRegistered(terms.commercializerChecker);
        }
    }

    function _verifyDerivatives(PILTerms memory terms) internal pure {
        if (terms.derivativesAllowed) return;
        if (terms.derivativesAttribution) revert PILicenseTemplate__DerivativesDisabled_CantAddAttribution();
        if (terms.derivativesApproval) revert PILicenseTemplate__DerivativesDisabled_CantAddApproval();
        if (terms.derivativesReciprocal) revert PILicenseTemplate__DerivativesDisabled_CantAddReciprocal();
        if (terms.derivativeRevCeiling > 0) revert PILicenseTemplate__DerivativesDisabled_CantAddDerivativeRevCeiling();
    }

    /// @dev Story's compatibility rule: same commercial use and reciprocity; reciprocal terms must all be the same.
    function _compatible(uint256[] calldata licenseTermsIds) internal view returns (bool) {
        if (licenseTermsIds.length < 2) return true;
        PILTerms storage first = _licenseTerms[licenseTermsIds[0]];
        for (uint256 i = 1; i < licenseTermsIds.length; ++i) {
            PILTerms storage other = _licenseTerms[licenseTermsIds[i]];
            if (other.commercialUse != first.commercialUse) return false;
            if (other.derivativesReciprocal != first.derivativesReciprocal) return false;
            if (first.derivativesReciprocal && licenseTermsIds[i] != licenseTermsIds[0]) return false;
        }
        return true;
    }

    function _nonCommercialSocialRemixing() internal pure returns (PILTerms memory) {
        return
            PILTerms({
                transferable: true,
                royaltyPolicy: address(0),
                defaultMintingFee: 0,
                expiration: 0,
                commercialUse: false,
                commercialAttribution: false,
                commercializerChecker: address(0),
                commercializerCheckerData: "",
                commercialRevShare: 0,
                commercialRevCeiling: 0,
                derivativesAllowed: true,
                derivativesAttribution: true,
                derivativesApproval: false,
                derivativesReciprocal: true,
                derivativeRevCeiling: 0,
                currency: address(0),
                uri: NCSR_URI
            });
    }
}
