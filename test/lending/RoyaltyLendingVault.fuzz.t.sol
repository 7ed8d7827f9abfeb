// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { StoryDevnet, DevnetIp } from "../fixtures/StoryDevnet.sol";
import { IRoyaltyLendingVault } from "../../contracts/lending/interfaces/IRoyaltyLendingVault.sol";
import { LendingTestBase } from "./LendingTestBase.sol";
import { VM, bound } from "../utils/TestUtils.sol";

/// @dev Fuzz tests of the vault's accrual, share and revenue-split math, through the real vault on the devnet.
contract RoyaltyLendingVaultFuzzTest is LendingTestBase {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant CAROL = address(0xCA401);
    address internal constant LENDER = address(0x1E4D);
    address internal constant LENDER2 = address(0x1E4D2);
    address internal constant PAYER = address(0x9A7E4);
    /// @dev All RT of the IP are worth 1,000,000 WIP: half of them back up to 250,000 WIP of debt.
    uint256 internal constant IP_VALUE = 1_000_000 ether;
    uint256 internal constant MAX_BORROW = 100_000 ether;

    DevnetIp internal ip;

    function setUp() public {
        _deployLending(0.2e18, 1 days);
        ip = _listNewIp(ALICE, IP_VALUE, 0, 1 days);
    }

    /*//////////////////////////////////////////////////////////////
                               HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Re-posts the current appraisal so that the price is fresh after a warp.
    function _refreshPrice() internal {
        (uint256 value, ) = appraisal.valueOf(ip.ipId);
        appraisal.postAppraisal(ip.ipId, value);
    }

    function _borrow(uint256 positionId, address borrower, uint256 assets) internal returns (uint256 shares) {
        VM.prank(borrower);
        shares = vault.borrow(positionId, assets, borrower);
    }

    /// @dev e^(rt) − 1 by its first three Taylor terms, in WAD, computed independently of WadMath.
    function _growth(uint256 rate, uint256 elapsed) internal pure returns (uint256) {
        uint256 x = rate * elapsed;
        return x + (x * x) / (2 * WAD) + (((x * x) / (2 * WAD)) * x) / (3 * WAD);
    }

    /*//////////////////////////////////////////////////////////////
                          LENDER SHARE MATH
    //////////////////////////////////////////////////////////////*/

    /// @dev Whatever the vault's state (existing lenders, debt, accrued interest), depositing then redeeming every
    /// share at once never returns more than was deposited, and loses at most one share's worth plus one wei.
    function testFuzz_DepositRedeemRoundTripNeverProfits(
        uint256 prior,
        uint256 borrowed,
        uint256 elapsed,
        uint256 amount
    ) public {
        prior = bound(prior, 1 ether, MAX_BORROW);
        _deposit(LENDER, prior);
        borrowed = bound(borrowed, 0, prior);
        if (borrowed >= MIN_DEBT) {
            uint256 id = _openPosition(ip, ALICE, StoryDevnet.RT_SUPPLY / 2);
            _borrow(id, ALICE, borrowed);
        }
        VM.warp(block.timestamp + bound(elapsed, 0, 3 * 365 days));

        amount = bound(amount, 1, 1e9 ether);
        uint256 shares = _deposit(LENDER2, amount);
        uint256 sharePriceCeil = Math.ceilDiv(vault.totalAssets() + 1, vault.totalSupply() + 1e6);
        VM.prank(LENDER2);
        uint256 back = vault.redeem(shares, LENDER2, LENDER2);

        VM.assertLe(back, amount, "round trip profit");
        VM.assertLe(amount - back, sharePriceCeil + 1, "loss > one share + 1 wei");
        VM.assertEq(story.wip.balanceOf(LENDER2), back, "lender balance");
        VM.assertEq(vault.balanceOf(LENDER2), 0, "shares left");
    }

    /*//////////////////////////////////////////////////////////////
                              INTEREST
    //////////////////////////////////////////////////////////////*/

    /// @dev Over a random utilization and random elapsed times, total assets never decrease with time, and after
    /// `t` seconds they equal the closed form supply + debt × (e^(rate·t) − 1) (Taylor, 3 terms) within 1 wei; the
    /// accrued state matches the view, and the treasury's reserve shares are worth at most its cut.
    function testFuzz_InterestMatchesClosedFormAndNeverDecreases(
        uint256 supplied,
        uint256 borrowed,
        uint256 t1,
        uint256 t2
    ) public {
        supplied = bound(supplied, 1 ether, MAX_BORROW);
        borrowed = bound(borrowed, MIN_DEBT, supplied);
        _deposit(LENDER, supplied);
        uint256 id = _openPosition(ip, ALICE, StoryDevnet.RT_SUPPLY / 2);
        _borrow(id, ALICE, borrowed);

        uint256 rate = rateModel.borrowRatePerSecond(vault.utilization());
        uint256 start = block.timestamp;
        t2 = bound(t2, 0, 5 * 365 days);
        t1 = bound(t1, 0, t2);

        VM.warp(start + t1);
        uint256 assets1 = vault.totalAssets();
        VM.warp(start + t2);
        uint256 assets2 = vault.totalAssets();
        VM.assertLe(supplied, assets1, "assets fell below deposits");
        VM.assertLe(assets1, assets2, "assets decreased over time");

        uint256 interest = (borrowed * _growth(rate, t2)) / WAD;
        VM.assertLe(assets2, supplied + interest + 1, "above closed form");
        VM.assertGe(assets2 + 1, supplied + interest, "below closed form");
        VM.assertEq(vault.totalDebt() - borrowed, assets2 - supplied, "debt and assets grew apart");

        uint256 supplyBefore = vault.totalSupply();
        vault.accrueInterest();
        VM.assertEq(vault.totalSupplyAssets(), assets2, "stored assets != view");
        VM.assertEq(vault.totalSupply(), supplyBefore, "stored supply != view");
        uint256 reserve = (interest * RESERVE_FACTOR) / WAD;
        VM.assertLe(vault.convertToAssets(vault.balanceOf(TREASURY)), reserve + 1, "treasury above its cut");
    }

    /// @dev Interest accrued in many steps is never above the single-step closed form (compounding the Taylor
    /// approximation per step stays below e^(rt)), and never below the simple-interest lower bound.
    function testFuzz_SteppedAccrualBoundedByClosedForm(uint256 borrowed, uint256 steps, uint256 dt) public {
        uint256 supplied = MAX_BORROW;
        borrowed = bound(borrowed, MIN_DEBT, (supplied * 8) / 10);
        _deposit(LENDER, supplied);
        uint256 id = _openPosition(ip, ALICE, StoryDevnet.RT_SUPPLY / 2);
        _borrow(id, ALICE, borrowed);
        steps = bound(steps, 1, 12);
        dt = bound(dt, 1, 30 days);

        uint256 last = vault.totalAssets();
        for (uint256 i = 0; i < steps; ++i) {
            VM.warp(block.timestamp + dt);
            vault.accrueInterest();
            uint256 now_ = vault.totalAssets();
            VM.assertLe(last, now_, "assets decreased");
            last = now_;
        }
        // Below the kink utilization only rises with accrued interest, so the first rate is a lower bound.
        uint256 firstRate = rateModel.borrowRatePerSecond((borrowed * WAD) / supplied);
        VM.assertGe(last + steps, supplied + (borrowed * firstRate * dt * steps) / WAD, "below simple interest");
    }

    /*//////////////////////////////////////////////////////////////
                          BORROW SHARE MATH
    //////////////////////////////////////////////////////////////*/

    /// @dev Borrowing then repaying everything at once burns every borrow share minted, costs the borrower at least
    /// what was borrowed (at most 1 wei more), and leaves total debt at its previous value or 1 wei lower (the 1 wei
    /// the borrower overpays), with the other position's debt unchanged or 1 wei lower.
    function testFuzz_BorrowThenRepayAllRestoresTotals(uint256 prior, uint256 elapsed, uint256 assets) public {
        _deposit(LENDER, 1_000_000 ether);
        uint256 first = _openPosition(ip, ALICE, StoryDevnet.RT_SUPPLY / 4);
        _borrow(first, ALICE, bound(prior, MIN_DEBT, MAX_BORROW));
        VM.warp(block.timestamp + bound(elapsed, 0, 2 * 365 days));
        vault.accrueInterest();
        _refreshPrice();

        uint256 debtBefore = vault.totalDebt();
        uint256 sharesBefore = vault.totalBorrowShares();
        uint256 firstDebt = vault.debtOf(first);
        uint256 idleBefore = vault.idleLiquidity();

        uint256 second = _openPosition(ip, BOB, StoryDevnet.RT_SUPPLY / 4);
        assets = bound(assets, MIN_DEBT, MAX_BORROW);
        _borrow(second, BOB, assets);
        StoryDevnet.dealWip(story, BOB, 1 ether);
        VM.startPrank(BOB);
        story.wip.approve(address(vault), type(uint256).max);
        uint256 repaid = vault.repay(second, type(uint256).max);
        VM.stopPrank();

        VM.assertEq(vault.position(second).borrowShares, 0, "shares left on the position");
        VM.assertEq(vault.totalBorrowShares(), sharesBefore, "total shares not restored");
        VM.assertGe(repaid, assets, "repaid less than borrowed");
        VM.assertLe(repaid, assets + 1, "repaid > borrowed + 1 wei");
        VM.assertLe(vault.totalDebt(), debtBefore, "total debt grew");
        VM.assertLe(debtBefore - vault.totalDebt(), 1, "total debt dropped > 1 wei");
        VM.assertGe(vault.idleLiquidity(), idleBefore, "idle liquidity lost");
        // The 1 wei the vault keeps lowers the debt per share by at most 1 wei for the other position.
        VM.assertLe(vault.debtOf(first), firstDebt, "other position's debt grew");
        VM.assertLe(firstDebt - vault.debtOf(first), 1, "other debt dropped > 1 wei");
    }

    /*//////////////////////////////////////////////////////////////
                            REVENUE SPLIT
    //////////////////////////////////////////////////////////////*/

    /// @dev Royalties harvested for an IP are split pro rata to pledged RT over 2–3 positions: the credits sum to
    /// at most the amount harvested, and each position gets at least its exact share minus 1 wei.
    function testFuzz_RevenueSplitProRata(uint256 count, uint256 seed, uint256 royalty) public {
        count = bound(count, 2, 3);
        address[3] memory owners = [ALICE, BOB, CAROL];
        uint256[] memory ids = new uint256[](count);
        uint256[] memory collateral = new uint256[](count);
        uint256 total;
        for (uint256 i = 0; i < count; ++i) {
            collateral[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, StoryDevnet.RT_SUPPLY / 3);
            ids[i] = _openPosition(ip, owners[i], collateral[i]);
            total += collateral[i];
        }

        StoryDevnet.payRoyaltyInWip(story, PAYER, ip.ipId, bound(royalty, 1, 1e9 ether));
        uint256 balanceBefore = story.wip.balanceOf(address(vault));
        vault.harvest(ip.ipId);
        uint256 harvested = story.wip.balanceOf(address(vault)) - balanceBefore;

        uint256 paid;
        for (uint256 i = 0; i < count; ++i) {
            vault.settle(ids[i]);
            uint256 credit = vault.creditOf(ids[i], address(story.wip));
            uint256 exact = Math.mulDiv(harvested, collateral[i], total);
            VM.assertGe(credit + 1, exact, "got < its share - 1 wei");
            VM.assertEq(vault.position(ids[i]).collateral, collateral[i], "collateral moved");
            paid += credit;
        }
        VM.assertLe(paid, harvested, "credits exceed harvest");
    }

    /// @dev A position with debt gets its share applied to the debt first: debt reduction + credit equals its
    /// share (within 1 wei), and the repaid part raises idle liquidity by exactly that much.
    function testFuzz_RevenueRepaysDebtFirst(uint256 rtA, uint256 rtB, uint256 borrowed, uint256 royalty) public {
        _deposit(LENDER, 1_000_000 ether);
        rtA = bound(rtA, 1e6, StoryDevnet.RT_SUPPLY / 2);
        rtB = bound(rtB, 1, StoryDevnet.RT_SUPPLY / 2);
        uint256 a = _openPosition(ip, ALICE, rtA);
        uint256 b = _openPosition(ip, BOB, rtB);
        uint256 maxBorrow = (((rtA * IP_VALUE) / StoryDevnet.RT_SUPPLY) * 5) / 10;
        _borrow(a, ALICE, bound(borrowed, MIN_DEBT, Math.min(maxBorrow, MAX_BORROW)));

        StoryDevnet.payRoyaltyInWip(story, PAYER, ip.ipId, bound(royalty, 1, 1_000_000 ether));
        uint256 debtBefore = vault.debtOf(a);
        uint256 idleBefore = vault.idleLiquidity();
        uint256 balanceBefore = story.wip.balanceOf(address(vault));
        vault.harvest(ip.ipId);
        uint256 harvested = story.wip.balanceOf(address(vault)) - balanceBefore;
        vault.settle(a);
        vault.settle(b);

        uint256 shareA = Math.mulDiv(harvested, rtA, rtA + rtB);
        uint256 reduced = debtBefore - vault.debtOf(a);
        uint256 creditA = vault.creditOf(a, address(story.wip));
        VM.assertLe(reduced + creditA, shareA, "A got > its share");
        VM.assertGe(reduced + creditA + 1, shareA, "A got < its share - 1 wei");
        VM.assertLe(vault.idleLiquidity() - idleBefore, reduced + 1, "idle rose above the repayment");
        VM.assertLe(reduced + creditA + vault.creditOf(b, address(story.wip)), harvested, "paid above harvest");
    }

    /*//////////////////////////////////////////////////////////////
              REGRESSIONS (found by this suite, fixed in the vault)
    //////////////////////////////////////////////////////////////*/

    /// @dev Withdrawing all collateral of an indebted position reverts with InsufficientCollateral(debt, 0): zero RT
    /// are worth zero, which is not a dispute (the vault once answered IpDisputed).
    function test_WithdrawAllCollateralWithDebtRevertsInsufficientCollateral() public {
        _deposit(LENDER, 1_000 ether);
        uint256 id = _openPosition(ip, ALICE, StoryDevnet.RT_SUPPLY / 2);
        _borrow(id, ALICE, 100 ether);
        uint256 debt = vault.debtOf(id);
        VM.expectRevert(abi.encodeWithSelector(IRoyaltyLendingVault.InsufficientCollateral.selector, debt, 0));
        VM.prank(ALICE);
        vault.withdrawCollateral(id, StoryDevnet.RT_SUPPLY / 2, ALICE);
    }

    /// @dev An overdue position whose price went stale is liquidated strictly pro rata: all the RT cost the whole
    /// debt, so lenders lose nothing (with a bonus, the liquidator once repaid debt / (1 + bonus) for all the RT and
    /// lenders absorbed the rest as bad debt).
    function test_OverdueStaleLiquidationDoesNotMakeLendersPayTheBonus() public {
        DevnetIp memory termed = _listNewIp(BOB, IP_VALUE, 30 days, 1 days);
        _deposit(LENDER, 1_000 ether);
        uint256 id = _openPosition(termed, BOB, StoryDevnet.RT_SUPPLY / 2);
        _borrow(id, BOB, 200 ether);
        VM.warp(block.timestamp + 31 days);

        uint256 debt = vault.debtOf(id);
        uint256 assetsBefore = vault.totalAssets();
        StoryDevnet.dealWip(story, CAROL, debt);
        VM.startPrank(CAROL);
        story.wip.approve(address(vault), debt);
        (uint256 repaid, uint256 seized) = vault.liquidate(id, debt);
        VM.stopPrank();

        VM.assertEq(seized, StoryDevnet.RT_SUPPLY / 2, "all collateral seized");
        VM.assertEq(repaid, debt, "all RT for less than the debt");
        VM.assertGe(vault.totalAssets(), assetsBefore, "lenders lost assets");
    }
}
