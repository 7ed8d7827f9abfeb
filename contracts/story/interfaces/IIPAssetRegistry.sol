// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IIPAssetRegistry
/// @notice The subset of Story's IP Asset Registry that Quintessence uses. Signatures are Story core v1.3.2's
/// (checked against the Story core SDK's ABIs by the ABI-conformance test).
interface IIPAssetRegistry {
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

    /// @notice Registers an NFT as an IP asset and creates its IP account. Permissionless.
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
}
