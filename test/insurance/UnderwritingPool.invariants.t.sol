// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { WIP } from "../../contracts/story/devnet/WIP.sol";
import { CoverNFT } from "../../contracts/insurance/CoverNFT.sol";
import { UnderwritingPool } from "../../contracts/insurance/UnderwritingPool.sol";
import { Cover, CoverStatus } from "../../contracts/insurance/interfaces/ICoverNFT.sol";
import { CoverRequest, IUnderwritingPool, Quote } from "../../contracts/insurance/interfaces/IUnderwritingPool.sol";
import { MockCoverProduct } from "../../contracts/mocks/MockCoverProduct.sol";
import { InsuranceTestBase } from "./InsuranceTestBase.sol";
import { FuzzSelector, VM, bound } from "../utils/TestUtils.sol";

/// @dev Drives an UnderwritingPool with bounded random actions of 3 underwriters, a cover buyer, a claimant paid by
/// the (mock) products and a donor. Every action is bounded so that it cannot revert for a legitimate reason, or is
/// skipped when impossible (no shares, no request, cover paid or past its claim window...): the pool calls are made
/// directly, so the run's `failOnRevert` catches any revert. Ghosts record what the pool owes and paid per cover.
contract UnderwritingPoolHandler {
    uint256 internal constant EPOCH = 7 days;
    uint256 internal constant MAX_COVERS = 40;

    UnderwritingPool public immutable pool;
    CoverNFT public immutable coverNft;
    WIP public immutable asset;
    MockCoverProduct[2] internal products;
    address[3] internal underwriters = [address(0x0A01), address(0x0A02), address(0x0A03)];
    address public constant BUYER = address(0xB0E4);
    address public constant CLAIMANT = address(0xC1A1);
    address public constant DONOR = address(0xD0404);

    /// @notice Every cover bought, in order.
    uint256[] public coverIds;
    /// @notice Ghost: payouts per cover (number and sum).
    mapping(uint256 coverId => uint256) public paidCount;
    mapping(uint256 coverId => uint256) public paidAmount;
    /// @notice Ghost: Σ cover amounts bought, Σ payouts, Σ donations, Σ deposits, Σ withdrawals.
    uint256 public sumCoverAmounts;
    uint256 public sumPayouts;
    uint256 public sumDonations;
    uint256 public sumDeposits;
    uint256 public sumWithdrawals;
    /// @notice Ghost: set when a cover could be paid a second time (must stay false).
    bool public paidTwice;
    /// @notice Ghost: set when capital fell by more than the action's payouts and withdrawals (must stay false).
    bool public capitalLeaked;

    /// @notice Successful calls per action, to see what a run exercised.
    mapping(bytes32 action => uint256) public calls;

    /// @dev Payouts and withdrawals of the current action (capital may fall by at most that much).
    uint256 internal _outflow;

    constructor(UnderwritingPool pool_, CoverNFT coverNft_, WIP asset_, MockCoverProduct p0, MockCoverProduct p1) {
        pool = pool_;
        coverNft = coverNft_;
        asset = asset_;
        products[0] = p0;
        products[1] = p1;
    }

    /// @dev Fails the ghost check if capital fell by more than the action paid out or let withdraw.
    modifier trackCapital() {
        uint256 before = pool.capital();
        _outflow = 0;
        _;
        if (pool.capital() + _outflow < before) {
            capitalLeaked = true;
        }
    }

    /*//////////////////////////////////////////////////////////////
                              UNDERWRITERS
    //////////////////////////////////////////////////////////////*/

    function deposit(uint256 actor, uint256 amount) external trackCapital {
        address underwriter = underwriters[actor % 3];
        amount = bound(amount, 1, 10_000 ether);
        _deal(underwriter, amount);
        VM.startPrank(underwriter);
        asset.approve(address(pool), amount);
        uint256 shares = pool.deposit(amount, underwriter);
        VM.stopPrank();
        VM.assertGt(shares, 0, "deposit minted no shares");
        sumDeposits += amount;
        ++calls["deposit"];
    }

    function requestWithdrawal(uint256 actor, uint256 shares) external trackCapital {
        address underwriter = underwriters[actor % 3];
        uint256 balance = pool.balanceOf(underwriter);
        if (balance == 0) {
            return;
        }
        shares = bound(shares, 1, balance);
        (uint256 requestedBefore, , ) = pool.withdrawalRequest(underwriter);
        VM.prank(underwriter);
        pool.requestWithdrawal(shares);
        (uint256 requested, uint256 unlocksAt, uint256 closesAt) = pool.withdrawalRequest(underwriter);
        VM.assertEq(requested, requestedBefore + shares, "requested shares");
        VM.assertEq(unlocksAt, block.timestamp + pool.cooldown(), "cooldown restarted");
        VM.assertEq(closesAt, unlocksAt + pool.withdrawalWindow(), "window");
        ++calls["requestWithdrawal"];
    }

    function cancelWithdrawal(uint256 actor) external trackCapital {
        address underwriter = underwriters[actor % 3];
        (uint256 requested, , ) = pool.withdrawalRequest(underwriter);
        if (requested == 0) {
            return;
        }
        uint256 balanceBefore = pool.balanceOf(underwriter);
        VM.prank(underwriter);
        pool.cancelWithdrawal();
        VM.assertEq(pool.balanceOf(underwriter), balanceBefore + requested, "shares not returned");
        ++calls["cancelWithdrawal"];
    }

    /// @dev (4) Warps into the request's execution window if needed (cancelling a request whose window closed) and
    /// withdraws: with a matured request, min(value of the requested shares, free capital) must always be
    /// withdrawable. The call is not wrapped in try/catch, so any revert fails the run.
    function withdraw(uint256 actor, uint256 amount, uint256 when) external trackCapital {
        address underwriter = underwriters[actor % 3];
        uint256 requested = _matureRequest(underwriter, when);
        if (requested == 0) {
            return;
        }
        uint256 max = Math.min(pool.convertToAssets(requested), pool.freeCapital());
        VM.assertEq(pool.maxWithdraw(underwriter), max, "maxWithdraw != min(request value, free capital)");
        if (max == 0) {
            ++calls["withdrawNothingFree"];
            return;
        }
        // A quarter of the time exactly the maximum.
        amount = amount % 4 == 0 ? max : bound(amount, 1, max);
        uint256 balanceBefore = asset.balanceOf(underwriter);
        uint256 expectedShares = pool.previewWithdraw(amount);
        VM.prank(underwriter);
        uint256 burned = pool.withdraw(amount, underwriter, underwriter);
        VM.assertEq(burned, expectedShares, "shares burned");
        VM.assertLe(burned, requested, "burned more than requested");
        VM.assertEq(asset.balanceOf(underwriter), balanceBefore + amount, "assets received");
        (uint256 left, , ) = pool.withdrawalRequest(underwriter);
        VM.assertEq(left, requested - burned, "request left");
        _outflow += amount;
        sumWithdrawals += amount;
        ++calls["withdraw"];
    }

    /// @dev Redeems part or all of what a matured request can redeem (warping into its window like `withdraw`).
    function redeem(uint256 actor, uint256 shares, uint256 when) external trackCapital {
        address underwriter = underwriters[actor % 3];
        if (_matureRequest(underwriter, when) == 0) {
            return;
        }
        uint256 max = pool.maxRedeem(underwriter);
        if (max == 0) {
            return;
        }
        shares = bound(shares, 1, max);
        uint256 assets = pool.previewRedeem(shares);
        if (assets == 0) {
            return;
        }
        uint256 balanceBefore = asset.balanceOf(underwriter);
        VM.prank(underwriter);
        uint256 paid = pool.redeem(shares, underwriter, underwriter);
        VM.assertEq(paid, assets, "redeemed assets");
        VM.assertEq(asset.balanceOf(underwriter), balanceBefore + assets, "assets received");
        _outflow += assets;
        sumWithdrawals += assets;
        ++calls["redeem"];
    }

    /*//////////////////////////////////////////////////////////////
                                 COVER
    //////////////////////////////////////////////////////////////*/

    function buyCover(uint256 productIndex, uint256 amount, uint256 duration) external trackCapital {
        if (coverIds.length >= MAX_COVERS) {
            return;
        }
        uint256 capacity = pool.availableCapacity();
        if (capacity == 0) {
            return;
        }
        MockCoverProduct product = products[productIndex % 2];
        amount = bound(amount, 1, Math.min(capacity, 5_000 ether));
        duration = bound(
            duration,
            pool.productConfig(address(product)).minDuration,
            pool.productConfig(address(product)).maxDuration
        );
        Quote memory q = pool.quote(address(product), address(0x5B1EC7), address(0x5B1EC7), amount, duration);
        _deal(BUYER, q.premium);
        VM.startPrank(BUYER);
        asset.approve(address(pool), q.premium);
        uint256 coverId = pool.buyCover(
            CoverRequest({
                product: address(product),
                subject: address(0x5B1EC7),
                ipId: address(0x5B1EC7),
                amount: amount,
                duration: duration,
                maxPremium: q.premium,
                recipient: BUYER
            })
        );
        VM.stopPrank();
        coverIds.push(coverId);
        sumCoverAmounts += amount;
        ++calls["buyCover"];
    }

    /// @dev (3) Pays part or all of a live cover to the claimant through its product, then checks the pool refuses
    /// to pay it again.
    function payClaim(uint256 index, uint256 amount) external trackCapital {
        (uint256 coverId, Cover memory cover, bool live) = _pickLive(index);
        if (!live) {
            return;
        }
        // Half of the time the full amount.
        amount = amount % 2 == 0 ? cover.amount : bound(amount, 1, cover.amount);
        uint256 claimantBefore = asset.balanceOf(CLAIMANT);
        uint256 poolBefore = asset.balanceOf(address(pool));
        MockCoverProduct(cover.product).payClaim(pool, coverId, CLAIMANT, amount);
        VM.assertEq(asset.balanceOf(CLAIMANT), claimantBefore + amount, "claimant paid");
        VM.assertEq(asset.balanceOf(address(pool)), poolBefore - amount, "pool paid");
        VM.assertTrue(coverNft.coverOf(coverId).status == CoverStatus.Paid, "cover not marked paid");
        ++paidCount[coverId];
        paidAmount[coverId] += amount;
        sumPayouts += amount;
        _outflow += amount;
        ++calls[amount == cover.amount ? bytes32("payClaimFull") : bytes32("payClaimPartial")];

        try MockCoverProduct(cover.product).payClaim(pool, coverId, CLAIMANT, 1) {
            paidTwice = true;
        } catch (bytes memory reason) {
            VM.assertTrue(
                bytes4(reason) == IUnderwritingPool.InvalidCoverStatus.selector,
                "second payout: unexpected error"
            );
        }
    }

    function reserveCover(uint256 index) external trackCapital {
        (uint256 coverId, Cover memory cover, bool live) = _pickLive(index);
        if (!live || cover.status != CoverStatus.Active) {
            return;
        }
        uint256 reservedBefore = pool.reservedCapital();
        MockCoverProduct(cover.product).reserveCover(pool, coverId);
        VM.assertEq(pool.reservedCapital(), reservedBefore + cover.amount, "reserved");
        ++calls["reserveCover"];
    }

    function releaseCover(uint256 index) external trackCapital {
        (uint256 coverId, Cover memory cover, bool live) = _pickLive(index);
        if (!live || cover.status != CoverStatus.Reported) {
            return;
        }
        uint256 reservedBefore = pool.reservedCapital();
        MockCoverProduct(cover.product).releaseCover(pool, coverId);
        VM.assertEq(pool.reservedCapital(), reservedBefore - cover.amount, "released");
        ++calls["releaseCover"];
    }

    /*//////////////////////////////////////////////////////////////
                          TIME, ACCRUAL, DONATIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Up to 6 weeks at a time: several epoch boundaries, stream ends and lock ends per warp.
    function warp(uint256 seconds_) external trackCapital {
        VM.warp(block.timestamp + bound(seconds_, 1, 6 * EPOCH));
        ++calls["warp"];
    }

    function accrue() external trackCapital {
        uint256 capitalBefore = pool.capital();
        uint256 lockedBefore = pool.lockedCapital();
        uint256 unearnedBefore = pool.unearnedPremium();
        pool.accrue();
        VM.assertEq(pool.capital(), capitalBefore, "accrue changed the capital view");
        VM.assertEq(pool.lockedCapital(), lockedBefore, "accrue changed the locked view");
        VM.assertEq(pool.unearnedPremium(), unearnedBefore, "accrue changed the unearned view");
        VM.assertEq(pool.lastAccrual(), block.timestamp, "lastAccrual");
        ++calls["accrue"];
    }

    /// @dev Sends WIP straight to the pool: only adds to its balance, never to the share price.
    function donate(uint256 amount) external trackCapital {
        amount = bound(amount, 1, 1_000 ether);
        _deal(DONOR, amount);
        uint256 assetsBefore = pool.totalAssets();
        sumDonations += amount;
        ++calls["donate"];
        VM.prank(DONOR);
        asset.transfer(address(pool), amount);
        VM.assertEq(pool.totalAssets(), assetsBefore, "donation moved totalAssets");
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice Covers bought.
    function coverCount() external view returns (uint256) {
        return coverIds.length;
    }

    /// @notice The underwriters.
    function underwriterAt(uint256 i) external view returns (address) {
        return underwriters[i];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Brings `underwriter`'s request inside its execution window (a random moment of it) and returns its
    /// shares; a request whose window has closed is cancelled instead (returns 0).
    function _matureRequest(address underwriter, uint256 when) internal returns (uint256 requested) {
        uint256 unlocksAt;
        uint256 closesAt;
        (requested, unlocksAt, closesAt) = pool.withdrawalRequest(underwriter);
        if (requested == 0) {
            return 0;
        }
        if (block.timestamp > closesAt) {
            VM.prank(underwriter);
            pool.cancelWithdrawal();
            ++calls["cancelStale"];
            return 0;
        }
        if (block.timestamp < unlocksAt) {
            VM.warp(unlocksAt + bound(when, 0, closesAt - unlocksAt));
        }
    }

    function _deal(address account, uint256 amount) internal {
        VM.deal(account, amount);
        VM.prank(account);
        asset.deposit{ value: amount }();
    }

    /// @dev A cover picked by index; `live` when it is unpaid and inside its claim window.
    function _pickLive(uint256 index) internal view returns (uint256 coverId, Cover memory cover, bool live) {
        if (coverIds.length == 0) {
            return (0, cover, false);
        }
        coverId = coverIds[index % coverIds.length];
        cover = coverNft.coverOf(coverId);
        live = cover.status != CoverStatus.Paid && block.timestamp <= cover.claimDeadline;
    }
}

/// @dev Invariants of the underwriting pool under random sequences of deposits, withdrawal requests, cancels and
/// executions, cover purchases, partial and full claims, reserves and releases, warps across epochs, accruals and
/// donations (see the handler).
contract UnderwritingPoolInvariantTest is InsuranceTestBase {
    UnderwritingPoolHandler internal handler;

    function setUp() public {
        _deployInsurance();
        handler = new UnderwritingPoolHandler(pool, coverNft, asset, product, product2);
        // Runs start from a funded pool with one live cover of each product.
        _deposit(handler.underwriterAt(0), 5_000 ether);
        _deposit(handler.underwriterAt(1), 3_000 ether);
        handler.buyCover(0, 1_000 ether, 90 days);
        handler.buyCover(1, 500 ether, 30 days);
    }

    /// @notice The fuzzer calls only the handler.
    /// @return targets The handler.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice The fuzzer calls only the handler's actions (not its views).
    /// @return selectors The handler's action selectors.
    function targetSelectors() public view returns (FuzzSelector[] memory selectors) {
        bytes4[] memory actions = new bytes4[](12);
        actions[0] = handler.deposit.selector;
        actions[1] = handler.requestWithdrawal.selector;
        actions[2] = handler.cancelWithdrawal.selector;
        actions[3] = handler.withdraw.selector;
        actions[4] = handler.redeem.selector;
        actions[5] = handler.buyCover.selector;
        actions[6] = handler.payClaim.selector;
        actions[7] = handler.reserveCover.selector;
        actions[8] = handler.releaseCover.selector;
        actions[9] = handler.warp.selector;
        actions[10] = handler.accrue.selector;
        actions[11] = handler.donate.selector;
        selectors = new FuzzSelector[](1);
        selectors[0] = FuzzSelector({ addr: address(handler), selectors: actions });
    }

    /*//////////////////////////////////////////////////////////////
                               INVARIANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev (1) reserved ≤ locked ≤ capital, and locked / reserved are exactly the amounts of the unpaid (resp.
    /// reported) covers whose lock has not ended (the epoch boundary strictly after the claim deadline).
    function invariant_lockedWithinCapital() public view {
        uint256 locked = pool.lockedCapital();
        uint256 reserved = pool.reservedCapital();
        VM.assertLe(locked, pool.capital(), "locked > capital");
        VM.assertLe(reserved, locked, "reserved > locked");
        uint256 expectedLocked;
        uint256 expectedReserved;
        uint256 count = handler.coverCount();
        for (uint256 i = 0; i < count; ++i) {
            Cover memory cover = coverNft.coverOf(handler.coverIds(i));
            if (cover.status == CoverStatus.Paid || block.timestamp >= _epochAfter(cover.claimDeadline)) {
                continue;
            }
            expectedLocked += cover.amount;
            if (cover.status == CoverStatus.Reported) {
                expectedReserved += cover.amount;
            }
        }
        VM.assertEq(locked, expectedLocked, "locked != live cover amounts");
        VM.assertEq(reserved, expectedReserved, "reserved != reported live cover amounts");
        VM.assertEq(pool.freeCapital(), pool.capital() - locked, "free capital");
    }

    /// @dev (2) Solvency: the pool holds at least capital + unearned premium; exactly that plus donations (every
    /// other asset movement goes through the accounting).
    function invariant_solvency() public view {
        uint256 balance = asset.balanceOf(address(pool));
        uint256 owed = pool.capital() + pool.unearnedPremium();
        VM.assertGe(balance, owed, "balance < capital + unearned");
        VM.assertEq(balance, owed + handler.sumDonations(), "balance != capital + unearned + donations");
        VM.assertTrue(!handler.capitalLeaked(), "capital fell without payout or withdrawal");
    }

    /// @dev (3) No cover paid twice, no payout above its cover, and the cover NFT says Paid exactly for the covers
    /// the handler paid; the claimant received exactly the payouts.
    function invariant_coversPaidAtMostOnce() public view {
        VM.assertTrue(!handler.paidTwice(), "a cover was paid twice");
        uint256 count = handler.coverCount();
        for (uint256 i = 0; i < count; ++i) {
            uint256 coverId = handler.coverIds(i);
            Cover memory cover = coverNft.coverOf(coverId);
            uint256 paid = handler.paidCount(coverId);
            VM.assertLe(paid, 1, "paid more than once");
            VM.assertLe(handler.paidAmount(coverId), cover.amount, "payout > cover amount");
            VM.assertTrue((cover.status == CoverStatus.Paid) == (paid == 1), "status Paid != ghost");
        }
        VM.assertEq(asset.balanceOf(handler.CLAIMANT()), handler.sumPayouts(), "claimant != sum of payouts");
    }

    /// @dev (4) For every underwriter inside its execution window, maxWithdraw is min(request value, free capital)
    /// (the handler's withdraw action executes exactly that and must not revert); outside, 0. The pool escrows
    /// exactly the requested shares.
    function invariant_maturedRequestsWithdrawable() public view {
        uint256 escrowed;
        uint256 held;
        for (uint256 i = 0; i < 3; ++i) {
            address underwriter = handler.underwriterAt(i);
            (uint256 requested, uint256 unlocksAt, uint256 closesAt) = pool.withdrawalRequest(underwriter);
            escrowed += requested;
            held += pool.balanceOf(underwriter);
            uint256 expected;
            if (requested > 0 && block.timestamp >= unlocksAt && block.timestamp <= closesAt) {
                expected = Math.min(pool.convertToAssets(requested), pool.freeCapital());
            }
            VM.assertEq(pool.maxWithdraw(underwriter), expected, "maxWithdraw");
        }
        VM.assertEq(pool.balanceOf(address(pool)), escrowed, "escrow != requested shares");
        VM.assertEq(pool.totalSupply(), escrowed + held, "supply != escrow + balances");
    }

    /// @dev (5) Σ payouts ≤ Σ cover amounts bought, and the capital is deposits + earned premium − payouts −
    /// withdrawals (so earned premium = capital − deposits + payouts + withdrawals is never negative).
    function invariant_payoutsWithinCoverSold() public view {
        VM.assertLe(handler.sumPayouts(), handler.sumCoverAmounts(), "payouts > cover sold");
        VM.assertGe(
            pool.capital() + handler.sumPayouts() + handler.sumWithdrawals(),
            handler.sumDeposits() + 8_000 ether,
            "capital below deposits - outflows"
        );
    }
}
