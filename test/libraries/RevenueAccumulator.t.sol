// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { RevenueAccumulator } from "../../contracts/libraries/RevenueAccumulator.sol";
import { VM, bound } from "../utils/TestUtils.sol";

/// @dev Exposes the internal library externally.
contract RevenueAccumulatorHarness {
    function perShareIncrease(uint256 amount, uint256 totalShares) external pure returns (uint256) {
        return RevenueAccumulator.perShareIncrease(amount, totalShares);
    }

    function earned(uint256 shares, uint256 perShare, uint256 checkpoint) external pure returns (uint256) {
        return RevenueAccumulator.earned(shares, perShare, checkpoint);
    }
}

contract RevenueAccumulatorFuzzTest {
    uint256 private constant MAX_HOLDERS = 12;
    /// @dev Up to 1e30 share units in total (shares at 1e6 per asset unit over 1e24 asset units).
    uint256 private constant MAX_SHARES_EACH = 1e29;
    uint256 private constant MAX_AMOUNT = 1e30;

    RevenueAccumulatorHarness private lib;

    function setUp() public {
        lib = new RevenueAccumulatorHarness();
    }

    /// @dev `count` holders with random shares (each at least 1) derived from `seed`.
    function _split(uint256 seed, uint256 count) private pure returns (uint256[] memory shares, uint256 total) {
        shares = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            // Mix magnitudes: some holders tiny, some huge.
            shares[i] = bound(r, 1, (r >> 128) % 2 == 0 ? 1e6 : MAX_SHARES_EACH);
            total += shares[i];
        }
    }

    /// @dev One distribution over random holders: the sum paid never exceeds the amount, and what is left unpaid
    /// is at most one unit per holder.
    function testFuzz_OneDistributionNeverOverpays(uint256 seed, uint256 count, uint256 amount) public view {
        count = bound(count, 1, MAX_HOLDERS);
        amount = bound(amount, 0, MAX_AMOUNT);
        (uint256[] memory shares, uint256 total) = _split(seed, count);
        uint256 perShare = lib.perShareIncrease(amount, total);
        uint256 paid;
        for (uint256 i = 0; i < count; ++i) {
            paid += lib.earned(shares[i], perShare, 0);
        }
        VM.assertLe(paid, amount, "paid more than distributed");
        // `<= count`, not `< count`: with one holder of 3 shares a 1-unit distribution pays 0 (remainder 1 == count).
        VM.assertLe(amount - paid, count, "remainder > holders");
    }

    /// @dev Several distributions, holders claiming at random moments (moving their checkpoint): the total claimed
    /// never exceeds the total distributed, and at the end the unpaid remainder is at most one unit per holder
    /// per claim (each distribution truncates less than totalShares / 1e36 < 1 in total).
    function testFuzz_ClaimsOverManyDistributionsNeverOverpay(
        uint256 seed,
        uint256 count,
        uint256 rounds,
        uint256 amountSeed
    ) public view {
        count = bound(count, 1, MAX_HOLDERS);
        rounds = bound(rounds, 1, 8);
        (uint256[] memory shares, uint256 total) = _split(seed, count);
        uint256[] memory checkpoint = new uint256[](count);
        uint256 perShare;
        uint256 distributed;
        uint256 claimed;
        uint256 claims;
        for (uint256 r = 0; r < rounds; ++r) {
            uint256 amount = bound(uint256(keccak256(abi.encode(amountSeed, r))), 0, MAX_AMOUNT);
            perShare += lib.perShareIncrease(amount, total);
            distributed += amount;
            for (uint256 i = 0; i < count; ++i) {
                // Roughly half the holders claim after each distribution; everyone claims after the last.
                if (r + 1 == rounds || uint256(keccak256(abi.encode(seed, r, i))) % 2 == 0) {
                    claimed += lib.earned(shares[i], perShare, checkpoint[i]);
                    checkpoint[i] = perShare;
                    ++claims;
                }
            }
            VM.assertLe(claimed, distributed, "claimed more than distributed");
        }
        VM.assertLe(distributed - claimed, claims, "remainder > claims");
    }

    /// @dev 1 unit over 100 or 1e8 shares still raises the per-share value; 100 such distributions pay a 1-share
    /// holder (of 100) exactly 1 unit.
    function test_OneUnitIsNeverLost() public view {
        VM.assertEq(lib.perShareIncrease(1, 100), 1e34, "1 over 100");
        VM.assertEq(lib.perShareIncrease(1, 1e8), 1e28, "1 over 1e8");
        VM.assertEq(lib.perShareIncrease(1, 1e36), 1, "1 over 1e36 (precision limit)");
        VM.assertEq(lib.perShareIncrease(1, 1e36 + 1), 0, "beyond the precision limit");

        uint256 perShare;
        for (uint256 i = 0; i < 100; ++i) {
            perShare += lib.perShareIncrease(1, 100);
            VM.assertEq(lib.earned(1, perShare, 0), i == 99 ? 1 : 0, "1-share holder");
        }
        uint256 manyShares;
        for (uint256 i = 0; i < 100; ++i) {
            manyShares += lib.perShareIncrease(1, 1e8);
        }
        VM.assertEq(lib.earned(1e6, manyShares, 0), 1, "1% of 1e8 shares after 100 units");
    }

    /// @dev The remainder can reach one unit per holder: 1 unit over a single holder of 3 shares pays nothing.
    function test_RemainderCanEqualHolderCount() public view {
        uint256 perShare = lib.perShareIncrease(1, 3);
        VM.assertEq(lib.earned(3, perShare, 0), 0, "1 unit over 3 shares, one holder");
    }

    function testFuzz_PerShareIncreaseNeverZero(uint256 amount, uint256 totalShares) public view {
        amount = bound(amount, 1, MAX_AMOUNT);
        totalShares = bound(totalShares, 1, 1e36);
        VM.assertGt(lib.perShareIncrease(amount, totalShares), 0, "a distribution rounded to zero");
    }

    /// @dev A holder's due is linear up to rounding: splitting its shares in two never earns more.
    function testFuzz_SplittingSharesNeverEarnsMore(uint256 a, uint256 b, uint256 amount, uint256 other) public view {
        a = bound(a, 0, MAX_SHARES_EACH);
        b = bound(b, 0, MAX_SHARES_EACH);
        other = bound(other, 1, MAX_SHARES_EACH);
        amount = bound(amount, 0, MAX_AMOUNT);
        uint256 perShare = lib.perShareIncrease(amount, a + b + other);
        VM.assertLe(
            lib.earned(a, perShare, 0) + lib.earned(b, perShare, 0),
            lib.earned(a + b, perShare, 0),
            "split earned more"
        );
    }
}
