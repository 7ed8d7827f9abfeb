// SPDX-License-Identifier: MIT
/* solhint-disable one-contract-per-file */
pragma solidity ^0.8.28;

import { ERC721 } from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import { IERC721 } from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import { IERC721Metadata } from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import { IPAccountImpl } from "../../../contracts/story/devnet/IPAccountImpl.sol";
import { IPAssetRegistry } from "../../../contracts/story/devnet/IPAssetRegistry.sol";
import { IIPAssetRegistry } from "../../../contracts/story/interfaces/IIPAssetRegistry.sol";
import { VM } from "../../utils/TestUtils.sol";

/// @dev An ERC-721 that does not advertise the metadata extension.
contract NoMetadataNFT is ERC721 {
    constructor() ERC721("Bare", "BARE") {
        _mint(msg.sender, 1);
    }

    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId != type(IERC721Metadata).interfaceId && super.supportsInterface(interfaceId);
    }
}

/// @dev An ERC-721 whose `ownerOf` returns zero for missing tokens instead of reverting.
contract ZeroOwnerNFT is ERC721 {
    constructor() ERC721("Zero", "ZERO") {}

    function ownerOf(uint256 tokenId) public view override returns (address) {
        return _ownerOf(tokenId);
    }
}

contract IPAssetRegistryTest {
    error CheckFailed(string what);
    IPAssetRegistry private registry;

    function setUp() public {
        registry = new IPAssetRegistry(address(new IPAccountImpl()));
    }

    function test_RevertsWithoutMetadata() public {
        NoMetadataNFT nft = new NoMetadataNFT();
        _check(nft.supportsInterface(type(IERC721).interfaceId), "still ERC-721");
        VM.expectRevert(
            abi.encodeWithSelector(IIPAssetRegistry.IPAssetRegistry__UnsupportedIERC721Metadata.selector, address(nft))
        );
        registry.register(block.chainid, address(nft), 1);
    }

    function test_RevertsForZeroOwner() public {
        ZeroOwnerNFT nft = new ZeroOwnerNFT();
        VM.expectRevert(
            abi.encodeWithSelector(IIPAssetRegistry.IPAssetRegistry__InvalidToken.selector, address(nft), 5)
        );
        registry.register(block.chainid, address(nft), 5);
    }

    /// @dev The predicted id is where the account lands, for any token of any chain.
    function testFuzz_IdIsDeterministic(uint256 chainId, address tokenContract, uint256 tokenId) public {
        if (chainId == block.chainid) {
            ++chainId;
        }
        address predicted = registry.ipId(chainId, tokenContract, tokenId);
        address id = registry.register(chainId, tokenContract, tokenId);
        _check(id == predicted, "id");
        _check(registry.isRegistered(id), "registered");
        (uint256 c, address t, uint256 i) = IPAccountImpl(payable(id)).token();
        _check(c == chainId && t == tokenContract && i == tokenId, "token");
        _check(IPAccountImpl(payable(id)).owner() == address(0), "foreign chain has no owner");
    }

    function _check(bool ok, string memory what) private pure {
        if (!ok) {
            revert CheckFailed(what);
        }
    }
}
