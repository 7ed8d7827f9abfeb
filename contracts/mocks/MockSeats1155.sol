// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ERC1155 } from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import { IERC2981 } from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import { ERC2981 } from "@openzeppelin/contracts/token/common/ERC2981.sol";

/// @title MockSeats1155
/// @notice Test ERC-1155 + ERC-2981 standing in for collaboration seats: anyone mints, royalties are set per id
/// (optionally "broken": a fixed amount whatever the price), and transfers can be switched off.
contract MockSeats1155 is ERC1155, ERC2981 {
    /// @notice Whether every transfer reverts.
    bool public transfersBlocked;

    /// @notice Whether `supportsInterface` denies ERC-2981 (to test integrators' ERC-165 checks).
    bool public hideERC2981;

    /// @dev A fixed royalty reported for an id regardless of the sale price (set to misbehave in tests).
    mapping(uint256 id => uint256 amount) private _brokenRoyalty;

    /// @notice Transfers are switched off.
    /// @dev Fires on any transfer while `transfersBlocked`.
    error TransfersBlocked();

    /// @notice Deploys the mock with no tokens.
    constructor() ERC1155("") {}

    /// @notice Mints `amount` of `id` to `to`; permissionless (test token).
    /// @param to The receiver.
    /// @param id The token id.
    /// @param amount The amount.
    function mint(address to, uint256 id, uint256 amount) external {
        _mint(to, id, amount, "");
    }

    /// @notice Sets an id's ERC-2981 royalty (OZ bounds: at most 100%).
    /// @param id The token id.
    /// @param receiver The royalty receiver.
    /// @param bps The royalty in basis points.
    function setRoyalty(uint256 id, address receiver, uint96 bps) external {
        _setTokenRoyalty(id, receiver, bps);
    }

    /// @notice Makes `royaltyInfo(id, price)` report `amount` whatever the price (0 restores normal behaviour).
    /// @param id The token id.
    /// @param amount The fixed royalty to report.
    function setBrokenRoyalty(uint256 id, uint256 amount) external {
        _brokenRoyalty[id] = amount;
    }

    /// @notice Makes `supportsInterface` deny (or again declare) ERC-2981.
    /// @param hidden Whether ERC-2981 support is denied.
    function setHideERC2981(bool hidden) external {
        hideERC2981 = hidden;
    }

    /// @notice Switches all transfers off or on.
    /// @param blocked Whether transfers revert.
    function setTransfersBlocked(bool blocked) external {
        transfersBlocked = blocked;
    }

    /// @notice ERC-2981 royalty, or the broken fixed amount when one is set.
    /// @param id The token id.
    /// @param salePrice The sale price.
    /// @return receiver The royalty receiver.
    /// @return amount The royalty.
    function royaltyInfo(
        uint256 id,
        uint256 salePrice
    ) public view override returns (address receiver, uint256 amount) {
        (receiver, amount) = super.royaltyInfo(id, salePrice);
        if (_brokenRoyalty[id] != 0) {
            amount = _brokenRoyalty[id];
        }
    }

    /// @notice ERC-165: ERC-1155, its metadata extension, ERC-2981 (unless hidden) and ERC-165.
    /// @param interfaceId The interface id.
    /// @return Whether it is supported.
    function supportsInterface(bytes4 interfaceId) public view override(ERC1155, ERC2981) returns (bool) {
        if (hideERC2981 && interfaceId == type(IERC2981).interfaceId) {
            return false;
        }
        return super.supportsInterface(interfaceId);
    }

    /// @dev Every balance change passes here: refuse it while transfers are blocked (minting included).
    function _update(address from, address to, uint256[] memory ids, uint256[] memory values) internal override {
        if (transfersBlocked) {
            revert TransfersBlocked();
        }
        super._update(from, to, ids, values);
    }
}
