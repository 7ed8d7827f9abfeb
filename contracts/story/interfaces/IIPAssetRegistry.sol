// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IIPAssetRegistry
/// @notice The subset of Story's IP Asset Registry that Quintessence uses. Signatures are Story core v1.3.2's
/// (checked against the Story core SDK's ABIs by the ABI-conformance test).
interface IIPAssetRegistry {
    /// @notice Emitted whenever `register` creates (or finds) the IP account of an NFT.
    /// @param account The IP account address.
    /// @param implementation The IP account implementation.
    /// @param chainId The chain of the NFT.
    /// @param tokenContract The NFT contract.
    /// @param tokenId The NFT token id.
    event IPAccountRegistered(
        address indexed account,
        address indexed implementation,
        uint256 indexed chainId,
        address tokenContract,
        uint256 tokenId
    );

    /// @notice Emitted when an NFT is registered as an IP asset.
    /// @param ipId The IP account address (the IP's identifier).
    /// @param chainId The chain of the NFT.
    /// @param tokenContract The NFT contract.
    /// @param tokenId The NFT token id.
    /// @param name A generated name for the IP.
    /// @param uri The NFT's token URI at registration.
    /// @param registrationDate The registration timestamp.
    event IPRegistered(
        address ipId,
        uint256 indexed chainId,
        address indexed tokenContract,
        uint256 indexed tokenId,
        string name,
        string uri,
        uint256 registrationDate
    );

    /// @notice The NFT contract does not support ERC-721.
    /// @dev Fires on `register` of a same-chain NFT whose contract does not report the ERC-721 interface (ERC-165).
    /// @param contractAddress The NFT contract.
    error IPAssetRegistry__UnsupportedIERC721(address contractAddress);

    /// @notice The NFT contract does not support ERC-721 metadata.
    /// @dev Fires on `register` of a same-chain NFT whose contract lacks the ERC721Metadata interface (ERC-165).
    /// @param contractAddress The NFT contract.
    error IPAssetRegistry__UnsupportedIERC721Metadata(address contractAddress);

    /// @notice The token does not exist.
    /// @dev Fires on `register` of a same-chain NFT whose `ownerOf` returns the zero address.
    /// @param contractAddress The NFT contract.
    /// @param tokenId The token id.
    error IPAssetRegistry__InvalidToken(address contractAddress, uint256 tokenId);

    /// @notice Registers an NFT as an IP asset and creates its IP account. Permissionless. Registering an already
    /// registered NFT returns its IP id again without emitting `IPRegistered` (as Story does).
    /// @param chainid The chain id of the NFT.
    /// @param tokenContract The NFT contract (ERC-721 with metadata).
    /// @param tokenId The NFT token id.
    /// @return id The IP id (the IP account address).
    function register(uint256 chainid, address tokenContract, uint256 tokenId) external returns (address id);

    /// @notice The deterministic IP id of an NFT, registered or not.
    /// @param chainId The chain id of the NFT.
    /// @param tokenContract The NFT contract.
    /// @param tokenId The NFT token id.
    /// @return The IP id.
    function ipId(uint256 chainId, address tokenContract, uint256 tokenId) external view returns (address);

    /// @notice Whether `id` is a registered IP asset.
    /// @param id The IP id.
    /// @return True if registered.
    function isRegistered(address id) external view returns (bool);

    /// @notice The IP account address of an NFT (same as `ipId`).
    /// @param chainId The chain id of the NFT.
    /// @param tokenContract The NFT contract.
    /// @param tokenId The NFT token id.
    /// @return The IP account address.
    function ipAccount(uint256 chainId, address tokenContract, uint256 tokenId) external view returns (address);

    /// @notice The IP account implementation every IP account runs.
    /// @return The implementation address.
    function getIPAccountImpl() external view returns (address);

    /// @notice The number of registered IP assets.
    /// @return The count.
    function totalSupply() external view returns (uint256);
}
