// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { IERC1155Receiver } from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import { IERC165 } from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import { ISeatMarket } from "../seats/interfaces/ISeatMarket.sol";

/// @title MockReentrantBuyer
/// @notice Test buyer that, on receiving seats, tries to buy again from the same listing (reentrancy probe).
contract MockReentrantBuyer is IERC1155Receiver {
    /// @dev The market attacked.
    ISeatMarket private immutable _market;
    /// @dev The listing re-bought from the receiver hook.
    uint256 private _listingId;

    /// @notice Deploys the probe.
    /// @param market The market to buy from.
    constructor(ISeatMarket market) {
        _market = market;
    }

    /// @notice Approves `token` and buys `amount` seats of `listingId`.
    /// @param token The listing's payment token.
    /// @param listingId The listing.
    /// @param amount The seats to buy.
    function attack(IERC20 token, uint256 listingId, uint256 amount) external {
        _listingId = listingId;
        token.approve(address(_market), type(uint256).max);
        _market.buy(listingId, amount, type(uint256).max);
    }

    /// @notice Re-enters `buy` (the revert bubbles up).
    /// @return The ERC-1155 acceptance selector, if the re-entry ever succeeded.
    function onERC1155Received(address, address, uint256, uint256, bytes calldata) external returns (bytes4) {
        _market.buy(_listingId, 1, type(uint256).max);
        return this.onERC1155Received.selector;
    }

    /// @notice Batch transfers are accepted without re-entry.
    /// @return The ERC-1155 batch acceptance selector.
    function onERC1155BatchReceived(
        address,
        address,
        uint256[] calldata,
        uint256[] calldata,
        bytes calldata
    ) external pure returns (bytes4) {
        return this.onERC1155BatchReceived.selector;
    }

    /// @notice ERC-165.
    /// @param interfaceId The interface id.
    /// @return Whether it is IERC1155Receiver or IERC165.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || interfaceId == type(IERC165).interfaceId;
    }
}
