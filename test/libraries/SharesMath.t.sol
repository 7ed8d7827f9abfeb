// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { SharesMath } from "../../contracts/libraries/SharesMath.sol";
import { VM, bound } from "../utils/TestUtils.sol";

/// @dev Exposes the internal library externally.
contract SharesMathHarness {
    function toSharesDown(uint256 assets, uint256 totalAssets, uint256 totalShares) external pure returns (uint256) {
        return SharesMath.toSharesDown(assets, totalAssets, totalShares);
    }

    function toSharesUp(uint256 assets, uint256 totalAssets, uint256 totalShares) external pure returns (uint256) {
        return SharesMath.toSharesUp(assets, totalAssets, totalShares);
    }

    function toAssetsDown(uint256 shares, uint256 totalAssets, uint256 totalShares) external pure returns (uint256) {
        return SharesMath.toAssetsDown(shares, totalAssets, totalShares);
    }

    function toAssetsUp(uint256 shares, uint256 totalAssets, uint256 totalShares) external pure returns (uint256) {
        return SharesMath.toAssetsUp(shares, totalAssets, totalShares);
    }
}

contract SharesMathFuzzTest {
    /// @dev Pool sizes: up to 1e30 asset units (1e12 tokens of 18 decimals), shares up to 1e6 per asset unit.
    uint256 private constant MAX_ASSETS = 1e30;
    uint256 private constant MAX_SHARES = 1e36;

    SharesMathHarness private lib;

    function setUp() public {
        lib = new SharesMathHarness();
    }

    /// @dev Depositing `assets` then redeeming the shares received never returns more than was deposited, priced
    /// before or after the deposit.
    function testFuzz_DepositThenRedeemNeverGains(
        uint256 assets,
        uint256 totalAssets,
        uint256 totalShares
    ) public view {
        assets = bound(assets, 0, MAX_ASSETS);
        totalAssets = bound(totalAssets, 0, MAX_ASSETS);
        totalShares = bound(totalShares, 0, MAX_SHARES);
        uint256 shares = lib.toSharesDown(assets, totalAssets, totalShares);
        VM.assertLe(lib.toAssetsDown(shares, totalAssets, totalShares), assets, "same price");
        VM.assertLe(
            lib.toAssetsDown(shares, totalAssets + assets, totalShares + shares),
            assets,
            "price after the deposit"
        );
    }

    /// @dev Withdrawing `assets` burns shares worth at least `assets`; minting `shares` costs at least their worth.
    function testFuzz_WithdrawAndMintRoundAgainstTheUser(
        uint256 amount,
        uint256 totalAssets,
        uint256 totalShares
    ) public view {
        amount = bound(amount, 0, MAX_ASSETS);
        totalAssets = bound(totalAssets, 0, MAX_ASSETS);
        totalShares = bound(totalShares, 0, MAX_SHARES);
        uint256 burnt = lib.toSharesUp(amount, totalAssets, totalShares);
        VM.assertGe(lib.toAssetsDown(burnt, totalAssets, totalShares), amount, "withdraw burns too few shares");
        uint256 paid = lib.toAssetsUp(amount, totalAssets, totalShares);
        VM.assertGe(lib.toSharesDown(paid, totalAssets, totalShares), amount, "mint charges too little");
    }

    function testFuzz_UpDownOrdering(uint256 amount, uint256 totalAssets, uint256 totalShares) public view {
        amount = bound(amount, 0, MAX_SHARES);
        totalAssets = bound(totalAssets, 0, MAX_ASSETS);
        totalShares = bound(totalShares, 0, MAX_SHARES);
        uint256 sharesDown = lib.toSharesDown(amount, totalAssets, totalShares);
        uint256 sharesUp = lib.toSharesUp(amount, totalAssets, totalShares);
        VM.assertLe(sharesDown, sharesUp, "toSharesDown > toSharesUp");
        VM.assertLe(sharesUp, sharesDown + 1, "toSharesUp > toSharesDown + 1");
        uint256 assetsDown = lib.toAssetsDown(amount, totalAssets, totalShares);
        uint256 assetsUp = lib.toAssetsUp(amount, totalAssets, totalShares);
        VM.assertLe(assetsDown, assetsUp, "toAssetsDown > toAssetsUp");
        VM.assertLe(assetsUp, assetsDown + 1, "toAssetsUp > toAssetsDown + 1");
    }

    /// @dev Conversions are monotonic in the amount converted.
    function testFuzz_Monotonic(uint256 a, uint256 b, uint256 totalAssets, uint256 totalShares) public view {
        a = bound(a, 0, MAX_ASSETS);
        b = bound(b, a, MAX_ASSETS);
        totalAssets = bound(totalAssets, 0, MAX_ASSETS);
        totalShares = bound(totalShares, 0, MAX_SHARES);
        VM.assertLe(lib.toSharesDown(a, totalAssets, totalShares), lib.toSharesDown(b, totalAssets, totalShares), "s");
        VM.assertLe(lib.toAssetsDown(a, totalAssets, totalShares), lib.toAssetsDown(b, totalAssets, totalShares), "a");
    }

    /// @dev The first-depositor inflation attack: deposit 1 unit, donate, let a victim deposit, redeem. The
    /// attacker never ends with more than it put in.
    function testFuzz_InflationAttackNeverProfits(uint256 seed, uint256 donation, uint256 victimAssets) public view {
        uint256 attackerAssets = bound(seed, 1, 1e6);
        donation = bound(donation, 0, MAX_ASSETS);
        victimAssets = bound(victimAssets, 1, MAX_ASSETS);

        uint256 attackerShares = lib.toSharesDown(attackerAssets, 0, 0);
        uint256 totalAssets = attackerAssets + donation;
        uint256 totalShares = attackerShares;
        uint256 victimShares = lib.toSharesDown(victimAssets, totalAssets, totalShares);
        totalAssets += victimAssets;
        totalShares += victimShares;

        uint256 attackerOut = lib.toAssetsDown(attackerShares, totalAssets, totalShares);
        VM.assertLe(attackerOut, attackerAssets + donation, "attacker profited");
        uint256 victimOut = lib.toAssetsDown(victimShares, totalAssets - attackerOut, totalShares - attackerShares);
        VM.assertLe(attackerOut + victimOut, totalAssets, "paid out more than held");
    }

    function test_EmptyPoolConvertsOneToOneMillion() public view {
        VM.assertEq(lib.toSharesDown(1, 0, 0), 1e6, "1 asset -> 1e6 shares");
        VM.assertEq(lib.toAssetsDown(1e6, 0, 0), 1, "1e6 shares -> 1 asset");
        VM.assertEq(lib.toAssetsDown(1e6 - 1, 0, 0), 0, "rounds down");
        VM.assertEq(lib.toAssetsUp(1e6 - 1, 0, 0), 1, "rounds up");
        VM.assertEq(lib.toSharesUp(0, 0, 0), 0, "zero");
    }
}
