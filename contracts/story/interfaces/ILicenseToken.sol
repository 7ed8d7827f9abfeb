// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ILicenseToken
/// @notice The subset of Story's License Token (ERC-721, one token per license) that Quintessence uses.
interface ILicenseToken {
    /// @notice Thrown when a restricted admin function is called by someone other than the protocol admin.
    /// @dev Fires on admin setters.
    /// @param caller The caller.
    error AccessManagedUnauthorized(address caller);

    /// @notice Thrown when anyone but the Licensing Module mints license tokens.
    /// @dev Fires on `mintLicenseTokens`.
    error LicenseToken__CallerNotLicensingModule();

    /// @notice Thrown when the terms' revenue share is above the most the minter accepts.
    /// @dev Fires on `mintLicenseTokens` when `maxRevenueShare != 0`.
    /// @param commercialRevenueShare The terms' revenue share.
    /// @param maxRevenueShare The most the minter accepts.
    /// @param ipId The licensor IP.
    /// @param licenseTemplate The template.
    /// @param licenseTermsId The terms id.
    error LicenseToken__CommercialRevenueShareExceedMaxRevenueShare(
        uint32 commercialRevenueShare,
        uint32 maxRevenueShare,
        address ipId,
        address licenseTemplate,
        uint256 licenseTermsId
    );

    /// @notice Thrown when the terms' revenue share is above 100%.
    /// @dev Fires on `mintLicenseTokens`.
    /// @param invalidRoyaltyPercent The revenue share.
    /// @param ipId The licensor IP.
    /// @param licenseTemplate The template.
    /// @param licenseTermsId The terms id.
    error LicenseToken__InvalidRoyaltyPercent(
        uint32 invalidRoyaltyPercent,
        address ipId,
        address licenseTemplate,
        uint256 licenseTermsId
    );

    /// @notice Thrown when a non-transferable license token is moved by anyone but its licensor.
    /// @dev Fires on transfers between two non-zero addresses.
    error LicenseToken__NotTransferable();

    /// @notice Emitted for each license token minted.
    /// @param minter The account that minted (paid).
    /// @param receiver The receiver.
    /// @param tokenId The token id.
    event LicenseTokenMinted(address indexed minter, address indexed receiver, uint256 indexed tokenId);

    /// @notice Mints `amount` license tokens. Only the Licensing Module.
    /// @param licensorIpId The licensor IP.
    /// @param licenseTemplate The template.
    /// @param licenseTermsId The terms id.
    /// @param amount The number of tokens.
    /// @param minter The account that minted.
    /// @param receiver The receiver.
    /// @param maxRevenueShare The highest revenue share the minter accepts (0 = no limit).
    /// @return startLicenseTokenId The first token id.
    function mintLicenseTokens(
        address licensorIpId,
        address licenseTemplate,
        uint256 licenseTermsId,
        uint256 amount,
        address minter,
        address receiver,
        uint32 maxRevenueShare
    ) external returns (uint256 startLicenseTokenId);

    /// @notice The terms id of a license token.
    /// @param tokenId The token id.
    /// @return The terms id.
    function getLicenseTermsId(uint256 tokenId) external view returns (uint256);

    /// @notice The template of a license token.
    /// @param tokenId The token id.
    /// @return The template.
    function getLicenseTemplate(uint256 tokenId) external view returns (address);

    /// @notice The licensor IP of a license token.
    /// @param tokenId The token id.
    /// @return The licensor IP.
    function getLicensorIpId(uint256 tokenId) external view returns (address);

    /// @notice The number of license tokens ever minted by a licensor.
    /// @param licensorIpId The licensor IP.
    /// @return The count.
    function getTotalTokensByLicensor(address licensorIpId) external view returns (uint256);

    /// @notice The number of license tokens ever minted (the next token id).
    /// @return The count.
    function totalMintedTokens() external view returns (uint256);
}
