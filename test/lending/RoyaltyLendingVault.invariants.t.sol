// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { SharesMath } from "../../contracts/libraries/SharesMath.sol";
import { RoyaltyLendingVault } from "../../contracts/lending/RoyaltyLendingVault.sol";
import { AppraisalOracle } from "../../contracts/lending/oracles/AppraisalOracle.sol";
import { IRoyaltyLendingVault, Position } from "../../contracts/lending/interfaces/IRoyaltyLendingVault.sol";
import { StoryDevnet, Devnet, DevnetIp } from "../fixtures/StoryDevnet.sol";
import { LendingTestBase } from "./LendingTestBase.sol";
import { FuzzSelector, VM, allowRevert, bound } from "../utils/TestUtils.sol";

/// @dev Drives a RoyaltyLendingVault with bounded random actions of 3 lenders, 2 borrowers (each holding RT of both
/// listed IPs), a liquidator and a royalty payer. An action that would revert for a legitimate reason (price
/// stale, position healthy, not enough collateral...) is skipped: the vault call is made in try/catch and only the
/// vault's expected custom errors are swallowed; anything else (a panic, an unexpected error) is re-thrown, so the
/// invariant run's `failOnRevert` still catches it. Every action also checks that no position other than the one it
/// targets had its collateral changed, and harvests check that no position's collateral changed at all.
contract RoyaltyLendingVaultHandler {
    uint256 internal constant MAX_POSITIONS = 10;
    uint256 internal constant NO_TARGET = type(uint256).max;

    RoyaltyLendingVault public immutable vault;
    AppraisalOracle public immutable appraisal;
    IERC20 public immutable wip;
    Devnet internal story;
    DevnetIp[2] internal ips;
    address[3] internal lenders = [address(0x1E401), address(0x1E402), address(0x1E403)];
    address[2] internal borrowers;
    address public constant LIQUIDATOR = address(0x11C1D);
    address public constant PAYER = address(0x9A7E4);

    /// @dev Every position ever opened (closed ones stay, with owner zero).
    uint256[] public positionIds;

    /// @notice Ghost: set when a harvest changed some position's collateral (must stay false).
    bool public harvestMovedCollateral;
    /// @notice Ghost: set when an action changed the collateral of a position it did not target (must stay false).
    bool public untargetedCollateralMoved;

    /// @notice Successful calls per action, to see what a run exercised.
    mapping(bytes32 action => uint256) public calls;

    constructor(
        RoyaltyLendingVault vault_,
        AppraisalOracle appraisal_,
        Devnet memory story_,
        DevnetIp memory ip0,
        DevnetIp memory ip1,
        address[2] memory borrowers_,
        uint256[] memory positionIds_
    ) {
        positionIds = positionIds_;
        vault = vault_;
        appraisal = appraisal_;
        wip = IERC20(address(story_.wip));
        story = story_;
        ips[0] = ip0;
        ips[1] = ip1;
        borrowers = borrowers_;
    }

    /*//////////////////////////////////////////////////////////////
                                LENDERS
    //////////////////////////////////////////////////////////////*/

    function deposit(uint256 actor, uint256 amount) external trackCollateral(NO_TARGET) {
        address lender = lenders[actor % 3];
        amount = bound(amount, 1, Math.min(10_000 ether, vault.maxDeposit(lender)));
        StoryDevnet.dealWip(story, lender, amount);
        VM.startPrank(lender);
        wip.approve(address(vault), amount);
        vault.deposit(amount, lender);
        VM.stopPrank();
        ++calls["deposit"];
    }

    function withdraw(uint256 actor, uint256 amount) external trackCollateral(NO_TARGET) {
        address lender = lenders[actor % 3];
        uint256 max = vault.maxWithdraw(lender);
        if (max == 0) {
            return;
        }
        VM.prank(lender);
        vault.withdraw(bound(amount, 1, max), lender, lender);
        ++calls["withdraw"];
    }

    function redeem(uint256 actor, uint256 shares) external trackCollateral(NO_TARGET) {
        address lender = lenders[actor % 3];
        uint256 max = vault.maxRedeem(lender);
        if (max == 0) {
            return;
        }
        VM.prank(lender);
        vault.redeem(bound(shares, 1, max), lender, lender);
        ++calls["redeem"];
    }

    /*//////////////////////////////////////////////////////////////
                               BORROWERS
    //////////////////////////////////////////////////////////////*/

    function openPosition(uint256 actor, uint256 ipIndex) external trackCollateral(NO_TARGET) {
        if (positionIds.length >= MAX_POSITIONS) {
            return;
        }
        VM.prank(borrowers[actor % 2]);
        positionIds.push(vault.openPosition(ips[ipIndex % 2].ipId));
        ++calls["openPosition"];
    }

    function addCollateral(uint256 index, uint256 amount) external {
        (uint256 id, Position memory p) = _pick(index);
        if (p.owner == address(0)) {
            return;
        }
        _addCollateral(id, p, amount);
    }

    function _addCollateral(uint256 id, Position memory p, uint256 amount) internal trackCollateral(id) {
        IERC20 rt = IERC20(address(ips[_ipIndex(p.ipId)].vault));
        uint256 balance = rt.balanceOf(p.owner);
        if (balance == 0) {
            return;
        }
        amount = bound(amount, 1, balance);
        VM.startPrank(p.owner);
        rt.approve(address(vault), amount);
        vault.addCollateral(id, amount);
        VM.stopPrank();
        ++calls["addCollateral"];
    }

    function withdrawCollateral(uint256 index, uint256 amount) external {
        (uint256 id, Position memory p) = _pick(index);
        if (p.owner == address(0) || p.collateral == 0) {
            return;
        }
        _withdrawCollateral(id, p, bound(amount, 1, p.collateral));
    }

    function _withdrawCollateral(uint256 id, Position memory p, uint256 amount) internal trackCollateral(id) {
        VM.prank(p.owner);
        try vault.withdrawCollateral(id, amount, p.owner) {
            ++calls["withdrawCollateral"];
        } catch (bytes memory reason) {
            allowRevert(
                reason,
                IRoyaltyLendingVault.InsufficientCollateral.selector,
                IRoyaltyLendingVault.StalePrice.selector,
                IRoyaltyLendingVault.ExceedsAvailable.selector,
                bytes4(0),
                bytes4(0)
            );
        }
    }

    function borrow(uint256 index, uint256 amount) external {
        (uint256 id, Position memory p) = _pick(index);
        // An overdue loan can only be repaid or liquidated (LoanOverdue).
        if (p.owner == address(0) || p.collateral == 0 || (p.maturity != 0 && block.timestamp > p.maturity)) {
            return;
        }
        _borrow(id, p, amount);
    }

    function _borrow(uint256 id, Position memory p, uint256 amount) internal trackCollateral(id) {
        // Aim below the max LTV most of the time, so that borrows mostly succeed.
        (uint256 price, ) = appraisal.valueOf(p.ipId);
        uint256 headroom = (Math.mulDiv(p.collateral, price, 1e18) * 5) / 10;
        uint256 debt = vault.debtOf(id);
        headroom = headroom > debt ? headroom - debt : 0;
        amount = bound(amount, 1, Math.max(Math.min(headroom, vault.idleLiquidity()), 1));
        VM.prank(p.owner);
        try vault.borrow(id, amount, p.owner) {
            ++calls["borrow"];
        } catch (bytes memory reason) {
            allowRevert(
                reason,
                IRoyaltyLendingVault.InsufficientCollateral.selector,
                IRoyaltyLendingVault.DebtBelowMinimum.selector,
                IRoyaltyLendingVault.StalePrice.selector,
                IRoyaltyLendingVault.InsufficientLiquidity.selector,
                IRoyaltyLendingVault.BorrowCapExceeded.selector
            );
        }
    }

    function repay(uint256 index, uint256 amount) external {
        (uint256 id, Position memory p) = _pick(index);
        if (p.owner == address(0)) {
            return;
        }
        _repay(id, p, amount);
    }

    function _repay(uint256 id, Position memory p, uint256 amount) internal trackCollateral(id) {
        uint256 debt = vault.debtOf(id);
        // Sometimes more than the debt (repays it all), sometimes part of it.
        amount = bound(amount, 1, debt + 1 ether);
        StoryDevnet.dealWip(story, p.owner, amount);
        VM.startPrank(p.owner);
        wip.approve(address(vault), amount);
        try vault.repay(id, amount) {
            ++calls["repay"];
        } catch (bytes memory reason) {
            allowRevert(
                reason,
                IRoyaltyLendingVault.NoDebt.selector,
                IRoyaltyLendingVault.DebtBelowMinimum.selector,
                bytes4(0),
                bytes4(0),
                bytes4(0)
            );
        }
        VM.stopPrank();
    }

    function withdrawCredit(uint256 index) external {
        (uint256 id, Position memory p) = _pick(index);
        if (p.owner == address(0)) {
            return;
        }
        _withdrawCredit(id, p);
    }

    function _withdrawCredit(uint256 id, Position memory p) internal trackCollateral(id) {
        VM.prank(p.owner);
        try vault.withdrawCredit(id, address(wip), p.owner) {
            ++calls["withdrawCredit"];
        } catch (bytes memory reason) {
            allowRevert(reason, IRoyaltyLendingVault.ZeroAmount.selector, bytes4(0), bytes4(0), bytes4(0), bytes4(0));
        }
    }

    function close(uint256 index) external {
        (uint256 id, Position memory p) = _pick(index);
        if (p.owner == address(0)) {
            return;
        }
        _close(id, p);
    }

    function _close(uint256 id, Position memory p) internal trackCollateral(id) {
        VM.prank(p.owner);
        try vault.close(id, p.owner) {
            ++calls["close"];
        } catch (bytes memory reason) {
            allowRevert(
                reason,
                IRoyaltyLendingVault.DebtOutstanding.selector,
                bytes4(0),
                bytes4(0),
                bytes4(0),
                bytes4(0)
            );
        }
    }

    /*//////////////////////////////////////////////////////////////
                      REVENUE, TIME, PRICE, LIQUIDATION
    //////////////////////////////////////////////////////////////*/

    /// @dev Pays WIP royalties to an IP, then harvests it; no position's collateral may change.
    function payRoyaltyAndHarvest(uint256 ipIndex, uint256 amount) external trackCollateral(NO_TARGET) {
        address ipId = ips[ipIndex % 2].ipId;
        StoryDevnet.payRoyaltyInWip(story, PAYER, ipId, bound(amount, 1e6, 200 ether));
        uint256[] memory before = _collaterals();
        vault.harvest(ipId);
        uint256[] memory afterHarvest = _collaterals();
        for (uint256 i = 0; i < before.length; ++i) {
            if (before[i] != afterHarvest[i]) {
                harvestMovedCollateral = true;
            }
        }
        ++calls["harvest"];
    }

    function settle(uint256 index) external {
        (uint256 id, Position memory p) = _pick(index);
        if (p.owner == address(0)) {
            return;
        }
        _settle(id);
    }

    function _settle(uint256 id) internal trackCollateral(NO_TARGET) {
        vault.settle(id);
        ++calls["settle"];
    }

    function warp(uint256 seconds_) external trackCollateral(NO_TARGET) {
        VM.warp(block.timestamp + bound(seconds_, 1, 10 days));
        ++calls["warp"];
    }

    /// @dev Re-appraises an IP 1–3 times in the same direction, each post `r`% of the way from the last appraisal
    /// to the edge of the band the oracle allows now (`allowedRange`): down by up to 50% per post, so a crash to an
    /// eighth takes one call; up by up to 50% once a day has passed since the last post, the further posts of the
    /// same call finding no room left (the oracle rate-limits rises) and re-posting the value.
    function appraise(uint256 ipIndex, uint256 move) external trackCollateral(NO_TARGET) {
        address ipId = ips[ipIndex % 2].ipId;
        bool down = move % 2 == 0;
        uint256 r = bound(move >> 8, 0, 100);
        uint256 posts = bound(move >> 1, 1, 3);
        for (uint256 i = 0; i < posts; ++i) {
            uint256 anchor = appraisal.appraisalOf(ipId).anchor;
            (uint256 minAllowed, uint256 maxAllowed) = appraisal.allowedRange(ipId);
            uint256 value =
                down ? anchor - ((anchor - minAllowed) * r) / 100 : anchor + ((maxAllowed - anchor) * r) / 100;
            appraisal.postAppraisal(ipId, Math.max(value, 1));
        }
        ++calls["appraise"];
    }

    function liquidate(uint256 index, uint256 maxRepay) external {
        (uint256 id, Position memory p) = _pick(index);
        if (p.owner == address(0)) {
            return;
        }
        _liquidate(id, maxRepay);
    }

    function _liquidate(uint256 id, uint256 maxRepay) internal trackCollateral(id) {
        uint256 debt = vault.debtOf(id);
        maxRepay = bound(maxRepay, 1, debt + 1);
        StoryDevnet.dealWip(story, LIQUIDATOR, maxRepay);
        uint256 assetsBefore = vault.totalAssets();
        VM.startPrank(LIQUIDATOR);
        wip.approve(address(vault), maxRepay);
        try vault.liquidate(id, maxRepay) {
            ++calls["liquidate"];
            if (vault.position(id).collateral == 0) {
                ++calls["liquidatedFully"];
            }
            if (vault.totalAssets() < assetsBefore) {
                ++calls["badDebt"];
            }
        } catch (bytes memory reason) {
            allowRevert(
                reason,
                IRoyaltyLendingVault.PositionHealthy.selector,
                IRoyaltyLendingVault.NoDebt.selector,
                IRoyaltyLendingVault.StalePrice.selector,
                IRoyaltyLendingVault.DebtBelowMinimum.selector,
                IRoyaltyLendingVault.LiquidationLeavesDust.selector
            );
        }
        VM.stopPrank();
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice Positions ever opened.
    function positionCount() external view returns (uint256) {
        return positionIds.length;
    }

    /// @notice The listed IPs.
    function ipAt(uint256 i) external view returns (DevnetIp memory) {
        return ips[i];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Fails the ghost check if any position but `target` had its collateral changed by the action.
    modifier trackCollateral(uint256 target) {
        uint256[] memory before = _collaterals();
        _;
        uint256[] memory afterAction = _collaterals();
        for (uint256 i = 0; i < before.length; ++i) {
            if (positionIds[i] != target && before[i] != afterAction[i]) {
                untargetedCollateralMoved = true;
            }
        }
    }

    function _collaterals() internal view returns (uint256[] memory out) {
        out = new uint256[](positionIds.length);
        for (uint256 i = 0; i < out.length; ++i) {
            out[i] = vault.position(positionIds[i]).collateral;
        }
    }

    function _pick(uint256 index) internal view returns (uint256 id, Position memory p) {
        if (positionIds.length == 0) {
            return (0, p);
        }
        id = positionIds[index % positionIds.length];
        p = vault.position(id);
    }

    function _ipIndex(address ipId) internal view returns (uint256) {
        return ipId == ips[0].ipId ? 0 : 1;
    }
}

/// @dev Invariants of the lending vault under random sequences of every user action (see the handler): solvency,
/// Σ position debt = total debt (rounding in the protocol's favour), collateral bookkeeping = RT held, harvest never
/// moves collateral, and lenders' claims stay backed after bad debt.
contract RoyaltyLendingVaultInvariantTest is LendingTestBase {
    address internal constant CREATOR0 = address(0xC0);
    address internal constant CREATOR1 = address(0xC1);
    address internal constant BORROWER0 = address(0xB0);
    address internal constant BORROWER1 = address(0xB1);

    RoyaltyLendingVaultHandler internal handler;

    function setUp() public {
        // Appraisals move at most 50%: a fall at once, a rise over a day (a warp may last up to 10 days).
        _deployLending(0.5e18, 1 days);
        // Short terms and a long price age, so that overdue loans and re-appraisals happen within a run's depth.
        DevnetIp memory ip0 = _listNewIp(CREATOR0, 1_000 ether, 20 days, 7 days);
        DevnetIp memory ip1 = _listNewIp(CREATOR1, 400 ether, 20 days, 7 days);
        // Each borrower holds 40% of each IP's RT; 20% stays in the IP accounts (and earns outside the vault).
        uint256 share = (StoryDevnet.RT_SUPPLY * 4) / 10;
        StoryDevnet.transferRtFromIp(ip0, BORROWER0, share);
        StoryDevnet.transferRtFromIp(ip0, BORROWER1, share);
        StoryDevnet.transferRtFromIp(ip1, BORROWER0, share);
        StoryDevnet.transferRtFromIp(ip1, BORROWER1, share);
        handler = new RoyaltyLendingVaultHandler(
            vault,
            appraisal,
            story,
            ip0,
            ip1,
            [BORROWER0, BORROWER1],
            _seedPositions(ip0, ip1)
        );
        _grantAppraiser(address(handler));
    }

    /// @dev Runs start from a live market: 900 WIP lent, and a position per borrower and IP pledging half of the
    /// borrower's RT, borrowed at 45% of its value (just under the 50% max LTV).
    function _seedPositions(DevnetIp memory ip0, DevnetIp memory ip1) internal returns (uint256[] memory ids) {
        _deposit(address(0x1E401), 300 ether);
        _deposit(address(0x1E402), 300 ether);
        _deposit(address(0x1E403), 300 ether);
        ids = new uint256[](4);
        uint256 rt = (StoryDevnet.RT_SUPPLY * 2) / 10;
        ids[0] = _seedPosition(ip0, BORROWER0, rt, 90 ether);
        ids[1] = _seedPosition(ip0, BORROWER1, rt, 90 ether);
        ids[2] = _seedPosition(ip1, BORROWER0, rt, 36 ether);
        ids[3] = _seedPosition(ip1, BORROWER1, rt, 36 ether);
    }

    function _seedPosition(
        DevnetIp memory ip,
        address borrower,
        uint256 rt,
        uint256 debt
    ) internal returns (uint256 id) {
        id = _openPositionWithOwnRt(ip, borrower, rt);
        VM.prank(borrower);
        vault.borrow(id, debt, borrower);
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
        bytes4[] memory actions = new bytes4[](15);
        actions[0] = handler.deposit.selector;
        actions[1] = handler.withdraw.selector;
        actions[2] = handler.redeem.selector;
        actions[3] = handler.openPosition.selector;
        actions[4] = handler.addCollateral.selector;
        actions[5] = handler.withdrawCollateral.selector;
        actions[6] = handler.borrow.selector;
        actions[7] = handler.repay.selector;
        actions[8] = handler.withdrawCredit.selector;
        actions[9] = handler.close.selector;
        actions[10] = handler.payRoyaltyAndHarvest.selector;
        actions[11] = handler.settle.selector;
        actions[12] = handler.warp.selector;
        actions[13] = handler.appraise.selector;
        actions[14] = handler.liquidate.selector;
        selectors = new FuzzSelector[](1);
        selectors[0] = FuzzSelector({ addr: address(handler), selectors: actions });
    }

    /*//////////////////////////////////////////////////////////////
                               INVARIANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev (a) Every lender claim on idle cash and every borrower credit in the loan asset is backed by WIP held,
    /// and lenders' assets cover the debt lent out of them.
    function invariant_solvency() public view {
        uint256 credits;
        uint256 count = handler.positionCount();
        for (uint256 i = 0; i < count; ++i) {
            credits += vault.creditOf(handler.positionIds(i), address(story.wip));
        }
        VM.assertGe(story.wip.balanceOf(address(vault)), vault.idleLiquidity() + credits, "WIP held < idle + credits");
        VM.assertGe(vault.totalAssets(), vault.totalDebt(), "total assets < total debt");
    }

    /// @dev (b) Σ borrow shares = total borrow shares, and Σ position debts (shares at the accrued totals, rounded up,
    /// before pending revenue) is within #positions wei of the total debt, never below it by more than that.
    function invariant_debtSumMatchesTotalDebt() public view {
        uint256 totalShares = vault.totalBorrowShares();
        uint256 total = vault.totalDebt();
        uint256 count = handler.positionCount();
        uint256 shares;
        uint256 debts;
        for (uint256 i = 0; i < count; ++i) {
            uint256 s = vault.position(handler.positionIds(i)).borrowShares;
            shares += s;
            debts += SharesMath.toAssetsUp(s, total, totalShares);
        }
        VM.assertEq(shares, totalShares, "sum shares != total shares");
        VM.assertGe(debts + count, total, "sum debts + #positions < total");
        VM.assertLe(debts, total + count, "sum debts > total + #positions");
    }

    /// @dev (c) Per IP: Σ pledged collateral = the market's total collateral = RT held by the vault.
    function invariant_collateralMatchesRtHeld() public view {
        for (uint256 k = 0; k < 2; ++k) {
            DevnetIp memory ip = handler.ipAt(k);
            uint256 pledged;
            uint256 count = handler.positionCount();
            for (uint256 i = 0; i < count; ++i) {
                Position memory p = vault.position(handler.positionIds(i));
                if (p.ipId == ip.ipId) {
                    pledged += p.collateral;
                }
            }
            uint256 marketTotal = vault.market(ip.ipId).totalCollateral;
            VM.assertEq(pledged, marketTotal, "sum collateral != market total");
            VM.assertEq(IERC20(address(ip.vault)).balanceOf(address(vault)), marketTotal, "RT held != market total");
        }
    }

    /// @dev (d) No harvest ever changed a position's collateral, and no action changed the collateral of a position
    /// it did not target.
    function invariant_harvestNeverMovesCollateral() public view {
        VM.assertTrue(!handler.harvestMovedCollateral(), "harvest moved collateral");
        VM.assertTrue(!handler.untargetedCollateralMoved(), "action moved other collateral");
    }

    /// @dev (e) Lenders' claims (every share, the treasury's included, at the current price) never exceed the
    /// vault's total assets, also after bad debt was realized.
    function invariant_lenderClaimsBacked() public view {
        VM.assertLe(vault.convertToAssets(vault.totalSupply()), vault.totalAssets(), "claims > total assets");
        VM.assertGe(vault.totalSupplyAssets(), vault.totalBorrowAssets(), "stored supply < stored debt");
    }
}
