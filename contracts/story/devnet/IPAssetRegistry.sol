// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Clones } from "@openzeppelin/contracts/proxy/Clones.sol";
import { IERC721 } from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import { IERC721Metadata } from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import { ERC165Checker } from "@openzeppelin/contracts/utils/introspection/ERC165Checker.sol";
import { Strings } from "@openzeppelin/contracts/utils/Strings.sol";
import { IIPAssetRegistry } from "../interfaces/IIPAssetRegistry.sol";

/// @title IPAssetRegistry
/// @notice Devnet IP Asset Registry: registers NFTs as IP assets, each with a deterministic IP account (its IP id),
/// with Story's checks, errors, events and generated names.
/// @dev IP accounts are OpenZeppelin clones of `IP_ACCOUNT_IMPL` with immutable args
/// `abi.encode(chainId, tokenContract, tokenId)` (Story uses the ERC-6551 registry and a beacon; the addresses
/// differ but are just as deterministic). No registration fee and no groups on the devnet.
contract IPAssetRegistry is IIPAssetRegistry {
    using Strings for uint256;
    using Strings for address;

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice The IP account implementation is the zero address.
    /// @dev Fires in the constructor.
    error IPAssetRegistry__ZeroIpAccountImpl();

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @notice The IP account implementation every IP account clones.
    address public immutable IP_ACCOUNT_IMPL;

    uint256 private _totalSupply;
    mapping(address ipId => bool) private _registered;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @notice Deploys the registry.
    /// @param ipAccountImpl The IP account implementation (an `IPAccountImpl`).
    constructor(address ipAccountImpl) {
        if (ipAccountImpl == address(0)) {
            revert IPAssetRegistry__ZeroIpAccountImpl();
        }
        IP_ACCOUNT_IMPL = ipAccountImpl;
    }

    /*//////////////////////////////////////////////////////////////
                              REGISTRATION
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IIPAssetRegistry
    function register(uint256 chainid, address tokenContract, uint256 tokenId) external returns (address id) {
        id = ipId(chainid, tokenContract, tokenId);
        if (id.code.length == 0) {
            Clones.cloneDeterministicWithImmutableArgs(IP_ACCOUNT_IMPL, _args(chainid, tokenContract, tokenId), 0);
        }
        emit IPAccountRegistered(id, IP_ACCOUNT_IMPL, chainid, tokenContract, tokenId);

        // Like Story: registering again is a no-op that returns the same IP id.
        if (_registered[id]) {
            return id;
        }
        (string memory name, string memory uri) = _nameAndUri(chainid, tokenContract, tokenId);
        _registered[id] = true;
        ++_totalSupply;
        emit IPRegistered(id, chainid, tokenContract, tokenId, name, uri, block.timestamp);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IIPAssetRegistry
    function ipId(uint256 chainId, address tokenContract, uint256 tokenId) public view returns (address) {
        return
            Clones.predictDeterministicAddressWithImmutableArgs(
                IP_ACCOUNT_IMPL,
                _args(chainId, tokenContract, tokenId),
                0
            );
    }

    /// @inheritdoc IIPAssetRegistry
    function ipAccount(uint256 chainId, address tokenContract, uint256 tokenId) external view returns (address) {
        return ipId(chainId, tokenContract, tokenId);
    }

    /// @inheritdoc IIPAssetRegistry
    function isRegistered(address id) external view returns (bool) {
        return _registered[id];
    }

    /// @inheritdoc IIPAssetRegistry
    function getIPAccountImpl() external view returns (address) {
        return IP_ACCOUNT_IMPL;
    }

    /// @inheritdoc IIPAssetRegistry
    function totalSupply() external view returns (uint256) {
        return _totalSupply;
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _args(uint256 chainId, address tokenContract, uint256 tokenId) private pure returns (bytes memory) {
        return abi.encode(chainId, tokenContract, tokenId);
    }

    /// @dev Story's generated metadata: "<chainid>: <NFT name> #<tokenId>" and the token URI for same-chain NFTs,
    /// "<chainid>: <contract> #<tokenId>" and no URI for NFTs of other chains (which cannot be checked here).
    function _nameAndUri(
        uint256 chainid,
        address tokenContract,
        uint256 tokenId
    ) private view returns (string memory name, string memory uri) {
        if (chainid != block.chainid) {
            name = string.concat(chainid.toString(), ": ", tokenContract.toHexString(), " #", tokenId.toString());
            return (name, "");
        }
        if (!ERC165Checker.supportsInterface(tokenContract, type(IERC721).interfaceId)) {
            revert IPAssetRegistry__UnsupportedIERC721(tokenContract);
        }
        // A missing token makes OpenZeppelin's `ownerOf` revert (bubbled up, as on Story); others may return zero.
        if (IERC721(tokenContract).ownerOf(tokenId) == address(0)) {
            revert IPAssetRegistry__InvalidToken(tokenContract, tokenId);
        }
        if (!ERC165Checker.supportsInterface(tokenContract, type(IERC721Metadata).interfaceId)) {
            revert IPAssetRegistry__UnsupportedIERC721Metadata(tokenContract);
        }
        name = string.concat(
            block.chainid.toString(),
            ": ",
            IERC721Metadata(tokenContract).name(),
            " #",
            tokenId.toString()
        );
        uri = IERC721Metadata(tokenContract).tokenURI(tokenId);
    }
}
