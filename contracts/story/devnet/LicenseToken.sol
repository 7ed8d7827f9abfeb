// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ERC721 } from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import { Ownable } from "@openzeppelin/contracts/access/Ownable.sol";

import { ILicenseToken } from "../interfaces/ILicenseToken.sol";
import { IPILicenseTemplate } from "../interfaces/IPILicenseTemplate.sol";
import { IDevnetWiring } from "./interfaces/IDevnetWiring.sol";

/// @title LicenseToken (devnet)
/// @notice Story v1.3.2's License Token, minimally: one ERC-721 per license, minted by the Licensing Module, recording
/// the licensor, template, terms and revenue share. Ids start at 0. Non-transferable licenses move only from the
/// licensor.
contract LicenseToken is ILicenseToken, IDevnetWiring, ERC721, Ownable {
    /// @notice The highest revenue share a license may carry (100%).
    uint32 public constant MAX_COMMERCIAL_REVENUE_SHARE = 100_000_000;

    /// @dev What a license token stands for (Story's LicenseTokenMetadata).
    struct LicenseTokenMetadata {
        address licensorIpId;
        bool transferable;
        uint32 commercialRevShare;
        address licenseTemplate;
        uint256 licenseTermsId;
    }

    /// @notice The Licensing Module, the only minter (wired once after deployment).
    address public LICENSING_MODULE;

    uint256 private _totalMintedTokens;
    mapping(uint256 tokenId => LicenseTokenMetadata) private _metadata;
    mapping(address licensorIpId => uint256) private _licensorIpTotalTokens;

    /// @dev Story's admin functions are AccessManaged; the devnet keeps Story's error for unauthorized callers.
    modifier restricted() {
        if (msg.sender != owner()) revert AccessManagedUnauthorized(msg.sender);
        _;
    }

    /// @notice Deploys the token.
    /// @param admin The protocol admin.
    constructor(address admin) ERC721("Programmable IP License Token", "PILicenseToken") Ownable(admin) {}

    /// @inheritdoc IDevnetWiring
    function setLicensingModule(address licensingModule) external restricted {
        if (licensingModule == address(0)) revert Devnet__ZeroLicensingModule();
        if (LICENSING_MODULE != address(0)) revert Devnet__LicensingModuleAlreadySet();
        LICENSING_MODULE = licensingModule;
        emit LicensingModuleSet(licensingModule);
    }

    /// @inheritdoc ILicenseToken
    function mintLicenseTokens(
        address licensorIpId,
        address licenseTemplate,
        uint256 licenseTermsId,
        uint256 amount,
        address minter,
        address receiver,
        uint32 maxRevenueShare
    ) external returns (uint256 startLicenseTokenId) {
        if (msg.sender != LICENSING_MODULE) revert LicenseToken__CallerNotLicensingModule();
        IPILicenseTemplate template = IPILicenseTemplate(licenseTemplate);
        (, uint32 revShare, , ) = template.getRoyaltyPolicy(licenseTermsId);
        if (maxRevenueShare != 0 && revShare > maxRevenueShare) {
            revert LicenseToken__CommercialRevenueShareExceedMaxRevenueShare(
                revShare,
                maxRevenueShare,
                licensorIpId,
                licenseTemplate,
                licenseTermsId
            );
        }
        if (revShare > MAX_COMMERCIAL_REVENUE_SHARE) {
            revert LicenseToken__InvalidRoyaltyPercent(revShare, licensorIpId, licenseTemplate, licenseTermsId);
        }

        LicenseTokenMetadata memory ltm = LicenseTokenMetadata({
            licensorIpId: licensorIpId,
            licenseTemplate: licenseTemplate,
            licenseTermsId: licenseTermsId,
            transferable: template.isLicenseTransferable(licenseTermsId),
            commercialRevShare: revShare
        });
        startLicenseTokenId = _totalMintedTokens;
        _totalMintedTokens += amount;
        _licensorIpTotalTokens[licensorIpId] += amount;

        // Bounded by the amount the caller pays minting fees for.
        for (uint256 i = 0; i < amount; ++i) {
            uint256 tokenId = startLicenseTokenId + i;
            _metadata[tokenId] = ltm;
            _safeMint(receiver, tokenId);
            emit LicenseTokenMinted(minter, receiver, tokenId);
        }
    }

    /// @inheritdoc ILicenseToken
    function getLicenseTermsId(uint256 tokenId) external view returns (uint256) {
        return _metadata[tokenId].licenseTermsId;
    }

    /// @inheritdoc ILicenseToken
    function getLicenseTemplate(uint256 tokenId) external view returns (address) {
        return _metadata[tokenId].licenseTemplate;
    }

    /// @inheritdoc ILicenseToken
    function getLicensorIpId(uint256 tokenId) external view returns (address) {
        return _metadata[tokenId].licensorIpId;
    }

    /// @inheritdoc ILicenseToken
    function getTotalTokensByLicensor(address licensorIpId) external view returns (uint256) {
        return _licensorIpTotalTokens[licensorIpId];
    }

    /// @inheritdoc ILicenseToken
    function totalMintedTokens() external view returns (uint256) {
        return _totalMintedTokens;
    }

    /// @dev Non-transferable licenses may only leave the licensor (mints and burns are unaffected).
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        address from = _ownerOf(tokenId);
        if (from != address(0) && to != address(0)) {
            LicenseTokenMetadata storage ltm = _metadata[tokenId];
            if (!ltm.transferable && from != ltm.licensorIpId) revert LicenseToken__NotTransferable();
        }
        return super._update(to, tokenId, auth);
    }
}
