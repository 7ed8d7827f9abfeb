// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { Quote } from "../../contracts/insurance/interfaces/IUnderwritingPool.sol";
import { InsuranceTestBase } from "./InsuranceTestBase.sol";
import { VM, bound } from "../utils/TestUtils.sol";

/// @dev Fuzz tests of the underwriting pool's premium, share and streaming math, through the real pool (claims
/// through a mock product).
contract UnderwritingPoolFuzzTest is InsuranceTestBase {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant BUYER = address(0xB0E4);
    address internal constant DONOR = address(0xD0404);
    /// @dev Capital large enough that every bounded cover fits under the 80% capacity.
    uint256 internal constant BIG_CAPITAL = 1e12 ether;
    uint256 internal constant MAX_COVER = 1e11 ether;

    function setUp() public {
        _deployInsurance();
    }

    /*//////////////////////////////////////////////////////////////
                              PREMIUM MATH
    //////////////////////////////////////////////////////////////*/

    /// @dev premium = ceil(amount × rate × duration / (1e18 × 365 days)) and fee = floor(premium × fee / 1e18), for
    /// any bounded amount, duration, default rate and protocol fee; buying at the quote charges exactly that.
    function testFuzz_QuoteMatchesPremiumFormula(uint256 amount, uint256 duration, uint256 rate, uint256 fee) public {
        _deposit(ALICE, BIG_CAPITAL);
        amount = bound(amount, 1, MAX_COVER);
        duration = bound(duration, MIN_DURATION, MAX_DURATION);
        rate = bound(rate, oracle.MIN_RATE(), oracle.MAX_RATE());
        fee = bound(fee, 0, pool.MAX_PROTOCOL_FEE());
        oracle.setDefaultRate(address(product), rate);
        pool.setProtocolFee(fee);

        uint256 numerator = amount * rate * duration;
        uint256 denominator = WAD * YEAR;
        uint256 expectedPremium = numerator / denominator + (numerator % denominator == 0 ? 0 : 1);
        uint256 expectedFee = (expectedPremium * fee) / WAD;

        Quote memory q = pool.quote(address(product), SUBJECT, SUBJECT, amount, duration);
        VM.assertEq(q.premium, expectedPremium, "premium");
        VM.assertEq(q.fee, expectedFee, "fee");
        VM.assertEq(q.rate, rate, "rate");
        VM.assertGt(q.premium, 0, "premium never zero");

        uint256 treasuryBefore = asset.balanceOf(TREASURY);
        uint256 poolBefore = asset.balanceOf(address(pool));
        (, uint256 paid) = _buyCover(BUYER, product, amount, duration);
        VM.assertEq(paid, expectedPremium, "premium paid");
        VM.assertEq(asset.balanceOf(BUYER), 0, "buyer paid all");
        VM.assertEq(asset.balanceOf(TREASURY) - treasuryBefore, expectedFee, "treasury fee");
        VM.assertEq(asset.balanceOf(address(pool)) - poolBefore, expectedPremium - expectedFee, "pool net premium");
        VM.assertEq(pool.unearnedPremium(), expectedPremium - expectedFee, "unearned");
        VM.assertEq(pool.lockedCapital(), amount, "locked");
    }

    /// @dev A posted fresh rate prices the subject; once stale, the higher of it and the default.
    function testFuzz_QuoteUsesPostedRateThenMaxWhenStale(uint256 posted, uint256 amount, uint256 age) public {
        _deposit(ALICE, BIG_CAPITAL);
        posted = bound(posted, oracle.MIN_RATE(), oracle.MAX_RATE());
        amount = bound(amount, 1 ether, MAX_COVER);
        age = bound(age, 0, 2 * RATE_MAX_AGE);
        address[] memory subjects = new address[](1);
        subjects[0] = SUBJECT;
        uint256[] memory rates = new uint256[](1);
        rates[0] = posted;
        oracle.postRates(address(product), subjects, rates);
        VM.warp(block.timestamp + age);

        uint256 expectedRate = age <= RATE_MAX_AGE ? posted : Math.max(posted, RATE);
        uint256 numerator = amount * expectedRate * MIN_DURATION;
        uint256 expectedPremium = (numerator + WAD * YEAR - 1) / (WAD * YEAR);
        Quote memory q = pool.quote(address(product), SUBJECT, SUBJECT, amount, MIN_DURATION);
        VM.assertEq(q.rate, expectedRate, "rate");
        VM.assertEq(q.premium, expectedPremium, "premium");
    }

    /// @dev The premium never falls when the amount or the duration grows.
    function testFuzz_PremiumMonotonic(uint256 a1, uint256 a2, uint256 d1, uint256 d2) public {
        _deposit(ALICE, BIG_CAPITAL);
        a1 = bound(a1, 1, MAX_COVER);
        a2 = bound(a2, a1, MAX_COVER);
        d1 = bound(d1, MIN_DURATION, MAX_DURATION);
        d2 = bound(d2, d1, MAX_DURATION);
        Quote memory small = pool.quote(address(product), SUBJECT, SUBJECT, a1, d1);
        Quote memory moreAmount = pool.quote(address(product), SUBJECT, SUBJECT, a2, d1);
        Quote memory moreTime = pool.quote(address(product), SUBJECT, SUBJECT, a1, d2);
        Quote memory both = pool.quote(address(product), SUBJECT, SUBJECT, a2, d2);
        VM.assertLe(small.premium, moreAmount.premium, "premium falls with amount");
        VM.assertLe(small.premium, moreTime.premium, "premium falls with duration");
        VM.assertLe(moreAmount.premium, both.premium, "premium falls with duration (large amount)");
        VM.assertLe(moreTime.premium, both.premium, "premium falls with amount (long duration)");
        VM.assertLe(small.fee, both.fee, "fee falls");
    }

    /*//////////////////////////////////////////////////////////////
                               SHARE MATH
    //////////////////////////////////////////////////////////////*/

    /// @dev Whatever the pool's state (prior capital, earned premium, a payout, a donation), depositing, requesting
    /// every share at once, waiting out the cooldown and redeeming never returns more than was deposited, and loses
    /// at most one share's worth plus one wei. No premium streams during the cooldown (the prior cover's stream has
    /// ended), so the underwriter earns nothing while waiting.
    function testFuzz_DepositRequestRedeemNeverProfits(
        uint256 prior,
        uint256 coverAmount,
        uint256 payout,
        uint256 donation,
        uint256 amount
    ) public {
        prior = bound(prior, 1 ether, 1e9 ether);
        _deposit(ALICE, prior);
        coverAmount = bound(coverAmount, 1, (prior * CAPACITY_RATIO) / WAD);
        (uint256 coverId, ) = _buyCover(BUYER, product, coverAmount, MIN_DURATION);
        payout = bound(payout, 0, coverAmount);
        if (payout > 0) {
            product.payClaim(pool, coverId, BUYER, payout);
        }
        // Past the stream's end: the whole net premium is earned, nothing streams any more.
        VM.warp(_epochAfter(block.timestamp + MIN_DURATION) + 1);
        donation = bound(donation, 0, 1e9 ether);
        _dealAsset(DONOR, donation);
        VM.prank(DONOR);
        asset.transfer(address(pool), donation);

        // From 1,000 wei: a deposit worth less than a wei after rounding cannot be redeemed (ZeroAmount).
        amount = bound(amount, 1_000, 1e9 ether);
        uint256 shares = _deposit(BOB, amount);
        uint256 sharePriceCeil = Math.ceilDiv(pool.totalAssets() + 1, pool.totalSupply() + 1e6);
        VM.prank(BOB);
        pool.requestWithdrawal(shares);
        VM.warp(block.timestamp + COOLDOWN);
        VM.assertEq(pool.maxRedeem(BOB), shares, "all requested shares redeemable");
        VM.prank(BOB);
        uint256 back = pool.redeem(shares, BOB, BOB);

        VM.assertLe(back, amount, "round trip profit");
        VM.assertLe(amount - back, sharePriceCeil + 1, "loss > one share + 1 wei");
        VM.assertEq(asset.balanceOf(BOB), back, "underwriter balance");
        VM.assertEq(pool.balanceOf(BOB), 0, "shares left");
        (uint256 requested, , ) = pool.withdrawalRequest(BOB);
        VM.assertEq(requested, 0, "request left");
    }

    /// @dev Two underwriters depositing one after the other get shares in proportion to their deposits:
    /// |sharesA × b − sharesB × a| ≤ a + 2b (one share of rounding each, and A's own rounding moving the price by
    /// less than one share per asset of B), whatever earned premium moved the price first.
    function testFuzz_TwoDepositorsProportional(uint256 prior, uint256 elapsed, uint256 a, uint256 b) public {
        prior = bound(prior, 1 ether, 1e9 ether);
        _deposit(DONOR, prior);
        _buyCover(BUYER, product2, (prior * CAPACITY_RATIO) / WAD, MAX_DURATION2);
        VM.warp(block.timestamp + bound(elapsed, 0, 2 * MAX_DURATION2));
        a = bound(a, 1, 1e9 ether);
        b = bound(b, 1, 1e9 ether);
        uint256 sharesA = _deposit(ALICE, a);
        uint256 sharesB = _deposit(BOB, b);
        uint256 left = sharesA * b;
        uint256 right = sharesB * a;
        uint256 diff = left > right ? left - right : right - left;
        VM.assertLe(diff, a + 2 * b, "shares not proportional");
        VM.assertLe(pool.convertToAssets(sharesA), a, "A's shares worth more than A paid");
        VM.assertLe(pool.convertToAssets(sharesB), b, "B's shares worth more than B paid");
    }

    /// @dev A donation (a plain transfer to the pool) changes neither totalAssets, capital nor the share price.
    function testFuzz_DonationDoesNotMovePrice(uint256 prior, uint256 elapsed, uint256 donation, uint256 probe) public {
        prior = bound(prior, 1 ether, 1e9 ether);
        _deposit(ALICE, prior);
        _buyCover(BUYER, product, (prior * CAPACITY_RATIO) / WAD / 2, MIN_DURATION);
        VM.warp(block.timestamp + bound(elapsed, 0, 60 days));
        probe = bound(probe, 1, 1e30);
        uint256 assetsBefore = pool.totalAssets();
        uint256 capitalBefore = pool.capital();
        uint256 priceBefore = pool.convertToAssets(probe);
        uint256 previewBefore = pool.previewDeposit(probe);

        donation = bound(donation, 1, 1e12 ether);
        uint256 balanceBefore = asset.balanceOf(address(pool));
        _dealAsset(DONOR, donation);
        VM.prank(DONOR);
        asset.transfer(address(pool), donation);

        VM.assertEq(asset.balanceOf(address(pool)), balanceBefore + donation, "donation received");
        VM.assertEq(pool.totalAssets(), assetsBefore, "totalAssets moved");
        VM.assertEq(pool.capital(), capitalBefore, "capital moved");
        VM.assertEq(pool.convertToAssets(probe), priceBefore, "convertToAssets moved");
        VM.assertEq(pool.previewDeposit(probe), previewBefore, "previewDeposit moved");
        pool.accrue();
        VM.assertEq(pool.convertToAssets(probe), priceBefore, "convertToAssets moved after accrue");
    }

    /*//////////////////////////////////////////////////////////////
                               STREAMING
    //////////////////////////////////////////////////////////////*/

    /// @dev After buying a cover and waiting t seconds, the earned premium is exactly the linear stream
    /// floor(floor(net × 1e18 / L) × t / 1e18) (L = stream end − purchase), never above the net premium; earned +
    /// unearned = net; after the stream's end (the epoch boundary strictly after the cover's end) all of it is earned.
    function testFuzz_StreamEarnsLinearlyUpToNetPremium(
        uint256 amount,
        uint256 duration,
        uint256 elapsed,
        uint256 offset
    ) public {
        _deposit(ALICE, 1e9 ether);
        // Any purchase time within an epoch.
        VM.warp(block.timestamp + bound(offset, 0, EPOCH));
        amount = bound(amount, 1, 1e8 ether);
        duration = bound(duration, MIN_DURATION, MAX_DURATION);
        uint256 capitalBefore = pool.capital();
        uint256 bought = block.timestamp;
        (, uint256 premium) = _buyCover(BUYER, product, amount, duration);
        uint256 net = premium - (premium * PROTOCOL_FEE) / WAD;
        uint256 streamEnd = _epochAfter(bought + duration);
        uint256 length = streamEnd - bought;

        elapsed = bound(elapsed, 0, length + 30 days);
        VM.warp(bought + elapsed);
        uint256 earned = pool.capital() - capitalBefore;
        VM.assertLe(earned, net, "earned > net premium");
        VM.assertEq(earned + pool.unearnedPremium(), net, "earned + unearned != net");
        if (elapsed >= length) {
            VM.assertEq(earned, net, "not all earned after the stream end");
        } else {
            uint256 rate = (net * 1e18) / length;
            VM.assertEq(earned, (rate * elapsed) / 1e18, "earned != linear stream");
        }
    }

    /// @dev Capital never decreases with time alone (several overlapping streams, accrued at random moments), and
    /// the lock of every cover ends exactly at the epoch boundary strictly after its claim deadline.
    function testFuzz_CapitalNeverDecreasesWithoutOutflow(
        uint256 a1,
        uint256 a2,
        uint256 d1,
        uint256 d2,
        uint256[6] memory steps
    ) public {
        _deposit(ALICE, 1e9 ether);
        a1 = bound(a1, 1, 1e8 ether);
        a2 = bound(a2, 1, 1e8 ether);
        d1 = bound(d1, MIN_DURATION, MAX_DURATION);
        d2 = bound(d2, MIN_DURATION2, MAX_DURATION2);
        uint256 t1 = block.timestamp;
        _buyCover(BUYER, product, a1, d1);
        VM.warp(block.timestamp + bound(steps[0], 0, 20 days));
        uint256 t2 = block.timestamp;
        _buyCover(BUYER, product2, a2, d2);
        uint256 unlock1 = _epochAfter(t1 + d1 + CLAIM_WINDOW);
        uint256 unlock2 = _epochAfter(t2 + WAITING2 + d2 + CLAIM_WINDOW2);

        uint256 last = pool.capital();
        for (uint256 i = 1; i < steps.length; ++i) {
            VM.warp(block.timestamp + bound(steps[i], 0, 200 days));
            if (steps[i] % 2 == 0) {
                pool.accrue();
            }
            uint256 current = pool.capital();
            VM.assertGe(current, last, "capital decreased");
            last = current;
            uint256 expectedLocked = (block.timestamp < unlock1 ? a1 : 0) + (block.timestamp < unlock2 ? a2 : 0);
            VM.assertEq(pool.lockedCapital(), expectedLocked, "locked");
        }
    }
}
