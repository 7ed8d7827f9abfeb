// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ERC721 } from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import { AccessManaged } from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import { ICoverNFT, Cover, CoverStatus } from "./interfaces/ICoverNFT.sol";

/// @title CoverNFT
/// @notice Insurance covers as transferable ERC-721 tokens, shared by every underwriting pool of a deployment. A cover
/// records its terms and status; the pool that wrote it is the only one that can change its status.
contract CoverNFT is ICoverNFT, ERC721, AccessManaged {
    /// @inheritdoc ICoverNFT
    uint256 public coverCount;

    mapping(uint256 coverId => Cover) private _covers;
    mapping(uint256 coverId => address) private _pools;

    /// @notice Deploys the cover NFT.
    /// @param authority The AccessManager; grant `mint` and `setStatus` to the underwriting pools.
    constructor(address authority) ERC721("Quintessence Cover", "QCOVER") AccessManaged(authority) {}

    /// @inheritdoc ICoverNFT
    function mint(address to, Cover calldata cover) external restricted returns (uint256 coverId) {
        coverId = ++coverCount;
        _covers[coverId] = cover;
        _pools[coverId] = msg.sender;
        emit CoverMinted(coverId, msg.sender, cover);
        _safeMint(to, coverId);
    }

    /// @inheritdoc ICoverNFT
    function setStatus(uint256 coverId, CoverStatus status) external restricted {
        _requireCover(coverId);
        if (_pools[coverId] != msg.sender) {
            revert NotCoverPool(coverId, msg.sender);
        }
        _covers[coverId].status = status;
        emit CoverStatusChanged(coverId, status);
    }

    /// @inheritdoc ICoverNFT
    function coverOf(uint256 coverId) external view returns (Cover memory) {
        _requireCover(coverId);
        return _covers[coverId];
    }

    /// @inheritdoc ICoverNFT
    function poolOf(uint256 coverId) external view returns (address) {
        _requireCover(coverId);
        return _pools[coverId];
    }

    /// @dev Reverts for an id never minted.
    function _requireCover(uint256 coverId) internal view {
        if (_pools[coverId] == address(0)) {
            revert UnknownCover(coverId);
        }
    }
}
