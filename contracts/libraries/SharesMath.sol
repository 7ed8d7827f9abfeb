// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title SharesMath
/// @notice Conversions between assets and shares of a pool, with virtual shares and assets so that the first
/// participant cannot inflate the share price (the ERC-4626 donation attack) and empty pools convert 1:1e6.
library SharesMath {
    /// @dev Virtual shares added to every pool: they make share-price inflation cost 1e6 times what it yields.
    uint256 internal constant VIRTUAL_SHARES = 1e6;
    /// @dev Virtual assets added to every pool (1 unit).
    uint256 internal constant VIRTUAL_ASSETS = 1;

    /// @dev Shares worth `assets`, rounded down.
    function toSharesDown(uint256 assets, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        return Math.mulDiv(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
    }

    /// @dev Shares worth `assets`, rounded up.
    function toSharesUp(uint256 assets, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        return Math.mulDiv(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS, Math.Rounding.Ceil);
    }

    /// @dev Assets worth `shares`, rounded down.
    function toAssetsDown(uint256 shares, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        return Math.mulDiv(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
    }

    /// @dev Assets worth `shares`, rounded up.
    function toAssetsUp(uint256 shares, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        return Math.mulDiv(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES, Math.Rounding.Ceil);
    }
}
