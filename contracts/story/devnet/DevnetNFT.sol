// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ERC721 } from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import { Strings } from "@openzeppelin/contracts/utils/Strings.sol";

/// @title DevnetNFT
/// @notice Devnet-only ERC-721 with metadata that fixtures mint to create IP assets (on the devnet and on forks).
/// @dev Anyone may mint: it is a test collection, never a real one.
contract DevnetNFT is ERC721 {
    using Strings for uint256;

    /// @notice The last minted token id (ids start at 1).
    uint256 public totalMinted;

    /// @notice Deploys the collection.
    constructor() ERC721("Quintessence Devnet NFT", "QDNFT") {}

    /// @notice Mints the next token to `to`. Permissionless (test collection).
    /// @param to The receiver.
    /// @return tokenId The new token id.
    function mint(address to) external returns (uint256 tokenId) {
        tokenId = ++totalMinted;
        _mint(to, tokenId);
    }

    /// @notice The token URI (non-empty for every existing token).
    /// @param tokenId The token id.
    /// @return The URI.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        _requireOwned(tokenId);
        return string.concat("qdnft://token/", tokenId.toString());
    }
}
