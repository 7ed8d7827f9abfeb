// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Clones } from "@openzeppelin/contracts/proxy/Clones.sol";
import { IERC721 } from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import { IERC721Receiver } from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import { IERC1155Receiver } from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import { IERC165 } from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import { IIPAccount } from "../interfaces/IIPAccount.sol";

/// @title IPAccountImpl
/// @notice Devnet IP account (ERC-6551 style): the account of one NFT, controlled by the NFT's holder. Holds native
/// tokens, ERC-20s (royalty tokens, revenue) and NFTs, and executes calls for its owner.
/// @dev Each IP account is an OpenZeppelin clone with immutable args `abi.encode(chainId, tokenContract, tokenId)`,
/// created by the devnet IPAssetRegistry. Story's account also lets permitted modules act through its
/// AccessController; the devnet has no AccessController, so only the owner can execute.
contract IPAccountImpl is IIPAccount, IERC165, IERC721Receiver, IERC1155Receiver {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev ERC-6551 account interface id and `isValidSigner` magic value.
    bytes4 private constant _ERC6551_ACCOUNT_ID = 0x6faff5f1;
    bytes4 private constant _ERC6551_VALID_SIGNER = 0x523e3260;

    /// @dev The implementation itself (not a clone) is bound to no token.
    address private immutable _self = address(this);

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    bytes32 private _state;

    /*//////////////////////////////////////////////////////////////
                                EXECUTION
    //////////////////////////////////////////////////////////////*/

    /// @notice Accepts native tokens.
    receive() external payable {}

    /// @inheritdoc IIPAccount
    function execute(address to, uint256 value, bytes calldata data) external payable returns (bytes memory result) {
        if (msg.sender != owner()) {
            revert IPAccount__InvalidSigner();
        }
        // Like Story: the state is a hash chain over every executed call, updated before the call.
        _state = keccak256(
            abi.encode(_state, abi.encodeWithSignature("execute(address,uint256,bytes)", to, value, data))
        );
        bool success;
        (success, result) = to.call{ value: value }(data);
        if (!success) {
            // Bubble up the callee's revert data unchanged.
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
        emit Executed(to, value, data, _state);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IIPAccount
    function token() public view returns (uint256, address, uint256) {
        if (address(this) == _self) {
            return (0, address(0), 0);
        }
        return abi.decode(Clones.fetchCloneArgs(address(this)), (uint256, address, uint256));
    }

    /// @inheritdoc IIPAccount
    function owner() public view returns (address) {
        (uint256 chainId, address tokenContract, uint256 tokenId) = token();
        if (chainId != block.chainid) {
            return address(0);
        }
        return IERC721(tokenContract).ownerOf(tokenId);
    }

    /// @inheritdoc IIPAccount
    function state() external view returns (bytes32 result) {
        return _state;
    }

    /// @notice ERC-6551: whether `signer` may act for the account.
    /// @param signer The candidate signer.
    /// @return result The ERC-6551 magic value if `signer` is the owner, else zero.
    function isValidSigner(address signer, bytes calldata) external view returns (bytes4 result) {
        if (signer == owner()) {
            return _ERC6551_VALID_SIGNER;
        }
        return bytes4(0);
    }

    /// @notice ERC-165 support: ERC-165, ERC-6551 account, IIPAccount, ERC-721 and ERC-1155 receivers.
    /// @param interfaceId The interface id.
    /// @return True if supported.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return
            interfaceId == type(IERC165).interfaceId ||
            interfaceId == _ERC6551_ACCOUNT_ID ||
            interfaceId == type(IIPAccount).interfaceId ||
            interfaceId == type(IERC721Receiver).interfaceId ||
            interfaceId == type(IERC1155Receiver).interfaceId;
    }

    /*//////////////////////////////////////////////////////////////
                             TOKEN RECEIVERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Accepts ERC-721 safe transfers, except the bound NFT itself (it would lock the account forever).
    /// @param tokenId The received token id.
    /// @return The ERC-721 receiver selector.
    function onERC721Received(address, address, uint256 tokenId, bytes calldata) external view returns (bytes4) {
        (uint256 chainId, address tokenContract, uint256 boundId) = token();
        if (chainId == block.chainid && msg.sender == tokenContract && tokenId == boundId) {
            revert SelfOwnDetected();
        }
        return IERC721Receiver.onERC721Received.selector;
    }

    /// @notice Accepts ERC-1155 single transfers.
    /// @return The ERC-1155 receiver selector.
    function onERC1155Received(address, address, uint256, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC1155Receiver.onERC1155Received.selector;
    }

    /// @notice Accepts ERC-1155 batch transfers.
    /// @return The ERC-1155 batch receiver selector.
    function onERC1155BatchReceived(
        address,
        address,
        uint256[] calldata,
        uint256[] calldata,
        bytes calldata
    ) external pure returns (bytes4) {
        return IERC1155Receiver.onERC1155BatchReceived.selector;
    }
}
