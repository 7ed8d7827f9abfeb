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
/// listed IPs), a liquidator, a royalty payer and a disputer. An action that would revert for a legitimate reason
/// (price stale, position healthy, not enough collateral...) is skipped: the vault call is made in try/catch and only
/// the vault's expected custom errors are swallowed; anything else (a panic, an unexpected error) is re-thrown, so the
/// invariant run's `failOnRevert` still catches it. Every action also checks that no position other than the one it
/// targets had its collateral changed, and harvests check that no position's collateral changed at all.
/// Disputes: the disputer raises disputes against the IPs, the arbitration policy upholds (tags the IP) or rejects
/// them, and the disputer resolves upheld ones. On a tagged IP the handler follows the vault's rules exactly instead
/// of swallowing errors: borrowing, withdrawing collateral against debt and partial liquidation are attempted only
/// where the dispute is the one reason to refuse, and must fail with that exact error; a full liquidation must seize
/// all the collateral for ⌈debt / (1 + bonus)⌉ and write the rest off against lenders; royalties cannot be paid to
/// it and a harvest must collect nothing.
contract RoyaltyLendingVaultHandler {
    uint256 internal constant MAX_POSITIONS = 10;
    uint256 internal constant NO_TARGET = type(uint256).max;
    uint256 internal constant NOT_TAGGED = type(uint256).max;

    RoyaltyLendingVault public immutable vault;
    AppraisalOracle public immutable appraisal;
    IERC20 public immutable wip;
    Devnet internal story;
    DevnetIp[2] internal ips;
    address[3] internal lenders = [address(0x1E401), address(0x1E402), address(0x1E403)];
    address[2] internal borrowers;
    address public constant LIQUIDATOR = address(0x11C1D);
    address public constant PAYER = address(0x9A7E4);
    address public constant DISPUTER = address(0xD15);

    /// @dev Every position ever opened (closed ones stay, with owner zero).
    uint256[] public positionIds;

    /// @notice Ghost: set when a harvest changed some position's collateral (must stay false).
    bool public harvestMovedCollateral;
    /// @notice Ghost: set when an action changed the collateral of a position it did not target (must stay false).
    bool public untargetedCollateralMoved;

    /// @notice Per IP: its open or upheld dispute (0: none).
    uint256[2] public disputeIds;
    /// @notice Per IP: whether its dispute was upheld (the IP is tagged until the dispute is resolved).
    bool[2] public upheld;
    /// @dev Makes every dispute's evidence hash new (the Dispute Module refuses reused evidence).
    uint256 internal evidenceNonce;
    /// @notice Ghost: a position's borrow shares when its IP was last tagged (a position opened later has 0).
    mapping(uint256 positionId => uint256) public sharesAtTagging;
    /// @notice Ghost: set when the vault let a tagged IP's position borrow, withdraw collateral against debt or be
    /// partially liquidated (must stay false).
    bool public disputeRuleBroken;
    /// @notice Ghost: set when a tagged IP's full liquidation did not seize everything for ⌈debt / (1 + bonus)⌉, leave
    /// the position without debt and charge lenders exactly the recorded bad debt (must stay false).
    bool public disputedLiquidationMismatch;
    /// @notice Ghost: set when an action raised the revenue accumulator of an IP tagged throughout it (must stay
    /// false).
    bool public taggedRevenueHarvested;

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
        amount = bound(amount, 1, p.collateral);
        if (_tagged(p.ipId) && vault.debtOf(id) > 0) {
            _withdrawCollateralDisputed(id, p, amount);
        } else {
            _withdrawCollateral(id, p, amount);
        }
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

    /// @dev Against debt, a tagged IP's collateral cannot leave: the vault must answer IpDisputed.
    function _withdrawCollateralDisputed(uint256 id, Position memory p, uint256 amount) internal trackCollateral(id) {
        VM.prank(p.owner);
        (bool ok, bytes memory reason) = address(vault).call(
            abi.encodeCall(vault.withdrawCollateral, (id, amount, p.owner))
        );
        _expectRefusal(ok, reason, abi.encodeWithSelector(IRoyaltyLendingVault.IpDisputed.selector, p.ipId));
        ++calls["withdrawCollateralDisputed"];
    }

    function borrow(uint256 index, uint256 amount) external {
        (uint256 id, Position memory p) = _pick(index);
        // An overdue loan can only be repaid or liquidated (LoanOverdue).
        if (p.owner == address(0) || p.collateral == 0 || (p.maturity != 0 && block.timestamp > p.maturity)) {
            return;
        }
        if (_tagged(p.ipId)) {
            _borrowDisputed(id, p, amount);
        } else {
            _borrow(id, p, amount);
        }
    }

    /// @dev Borrows on a tagged IP within the liquidity, the borrow cap and above the minimum debt, so that the
    /// dispute is the only reason left to refuse (it is checked before the price): the vault must answer IpDisputed.
    /// The amount stays within the price's headroom when it can, so that a vault without the check would lend.
    function _borrowDisputed(uint256 id, Position memory p, uint256 amount) internal trackCollateral(id) {
        uint256 minDebt = vault.minDebt();
        uint256 room = Math.min(vault.idleLiquidity(), _borrowCapRoom(p.ipId));
        if (room < minDebt) {
            return;
        }
        amount = bound(amount, minDebt, Math.max(Math.min(_headroom(id, p), room), minDebt));
        VM.prank(p.owner);
        (bool ok, bytes memory reason) = address(vault).call(abi.encodeCall(vault.borrow, (id, amount, p.owner)));
        _expectRefusal(ok, reason, abi.encodeWithSelector(IRoyaltyLendingVault.IpDisputed.selector, p.ipId));
        ++calls["borrowDisputed"];
    }

    function _borrow(uint256 id, Position memory p, uint256 amount) internal trackCollateral(id) {
        // Aim below the max LTV most of the time, so that borrows mostly succeed.
        amount = bound(amount, 1, Math.max(Math.min(_headroom(id, p), vault.idleLiquidity()), 1));
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

    /// @dev Pays WIP royalties to an IP, then harvests it; no position's collateral may change. One call in four
    /// leaves the royalties unclaimed for a later harvest (or the harvest of a collateral change), so that an IP may
    /// be tagged with revenue waiting. A tagged IP takes no royalties (the Royalty Module refuses them) and its royalty
    /// vault pays nothing out (`trackCollateral` checks its revenue accumulator).
    function payRoyaltyAndHarvest(uint256 ipIndex, uint256 amount) external trackCollateral(NO_TARGET) {
        address ipId = ips[ipIndex % 2].ipId;
        bool tagged = _tagged(ipId);
        if (!tagged) {
            StoryDevnet.payRoyaltyInWip(story, PAYER, ipId, bound(amount, 1e6, 200 ether));
            if ((ipIndex >> 1) % 4 == 0) {
                ++calls["royaltyUnclaimed"];
                return;
            }
        }
        uint256[] memory before = _collaterals();
        vault.harvest(ipId);
        uint256[] memory afterHarvest = _collaterals();
        for (uint256 i = 0; i < before.length; ++i) {
            if (before[i] != afterHarvest[i]) {
                harvestMovedCollateral = true;
            }
        }
        if (tagged) {
            ++calls["harvestTagged"];
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
        if (_tagged(p.ipId)) {
            _liquidateDisputed(id, p, maxRepay);
        } else {
            _liquidate(id, maxRepay);
        }
    }

    /// @dev A liquidator watching disputes: liquidates the first indebted position of a tagged IP from `index` on
    /// (`liquidate` alone would seldom find one within a run).
    function liquidateDisputed(uint256 index, uint256 seed) external {
        uint256 count = positionIds.length;
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = positionIds[((index % count) + i) % count];
            Position memory p = vault.position(id);
            if (p.owner != address(0) && _tagged(p.ipId) && vault.debtOf(id) > 0) {
                _liquidateDisputed(id, p, seed);
                return;
            }
        }
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

    /// @dev A tagged IP's collateral is worth zero (a usable value), so any debt may be liquidated at once, for RT pro
    /// rata times (1 + bonus): ⌈debt / (1 + bonus)⌉ takes all of them and the rest of the debt is bad debt, while less
    /// would leave dust and is refused. The position is settled first (anyone may), so that the debt the vault
    /// liquidates is exactly `debtOf`. Three seeds in four liquidate in full and check the outcome to the wei (lenders
    /// lose exactly the recorded bad debt, within a wei of the debt not repaid); the rest offer less, which must be
    /// refused with the dust error the vault owes.
    function _liquidateDisputed(uint256 id, Position memory p, uint256 seed) internal trackCollateral(id) {
        vault.settle(id);
        uint256 debt = vault.debtOf(id);
        if (debt == 0) {
            return;
        }
        uint256 bonusFactor = 1e18 + vault.market(p.ipId).params.liquidationBonus;
        uint256 fullRepay = Math.mulDiv(debt, 1e18, bonusFactor, Math.Rounding.Ceil);
        if (seed % 4 == 0 && fullRepay > 1) {
            _liquidateDisputedPartially(id, debt, bound(seed >> 2, 1, fullRepay - 1));
        } else {
            _liquidateDisputedFully(id, p, debt, fullRepay, bound(seed >> 2, fullRepay, debt + 1));
        }
    }

    /// @dev Liquidates a tagged IP's position with at least ⌈debt / (1 + bonus)⌉ and checks what moved.
    function _liquidateDisputedFully(
        uint256 id,
        Position memory p,
        uint256 debt,
        uint256 fullRepay,
        uint256 maxRepay
    ) internal {
        StoryDevnet.dealWip(story, LIQUIDATOR, maxRepay);
        IERC20 rt = IERC20(address(ips[_ipIndex(p.ipId)].vault));
        // The liquidator's WIP and RT, and lenders' assets.
        uint256[3] memory before = [wip.balanceOf(LIQUIDATOR), rt.balanceOf(LIQUIDATOR), vault.totalAssets()];
        VM.startPrank(LIQUIDATOR);
        wip.approve(address(vault), maxRepay);
        (uint256 repaid, uint256 seized) = vault.liquidate(id, maxRepay);
        VM.stopPrank();

        Position memory afterLiquidation = vault.position(id);
        if (
            repaid != fullRepay ||
            seized != p.collateral ||
            before[0] - wip.balanceOf(LIQUIDATOR) != repaid ||
            rt.balanceOf(LIQUIDATOR) - before[1] != seized ||
            afterLiquidation.collateral != 0 ||
            afterLiquidation.borrowShares != 0 ||
            !_lendersBoreBadDebt(id, debt, repaid, before[2] - vault.totalAssets())
        ) {
            disputedLiquidationMismatch = true;
        }
        ++calls["liquidate"];
        ++calls["liquidatedFully"];
        ++calls["liquidateDisputed"];
    }

    /// @dev Whether lenders lost exactly the bad debt the vault just recorded (no cover is set), and that is the debt
    /// the liquidator did not repay, within a wei of rounding; nothing is lost when the repayment took the whole debt.
    function _lendersBoreBadDebt(uint256 id, uint256 debt, uint256 repaid, uint256 loss) internal returns (bool) {
        if (repaid == debt) {
            return loss == 0;
        }
        (uint256 uncovered, uint256 realizedAt) = vault.uncoveredBadDebt(id);
        ++calls["badDebt"];
        return
            realizedAt == block.timestamp &&
            loss == uncovered &&
            uncovered + 1 + repaid >= debt &&
            uncovered + repaid <= debt + 1;
    }

    /// @dev Offers less than a tagged IP's full liquidation takes: the vault must refuse, with DebtBelowMinimum when
    /// the debt left would be under the minimum and LiquidationLeavesDust(0) otherwise.
    function _liquidateDisputedPartially(uint256 id, uint256 debt, uint256 maxRepay) internal {
        uint256 minDebt = vault.minDebt();
        bytes memory expected =
            debt - maxRepay < minDebt
                ? abi.encodeWithSelector(IRoyaltyLendingVault.DebtBelowMinimum.selector, debt - maxRepay, minDebt)
                : abi.encodeWithSelector(IRoyaltyLendingVault.LiquidationLeavesDust.selector, 0);
        StoryDevnet.dealWip(story, LIQUIDATOR, maxRepay);
        VM.startPrank(LIQUIDATOR);
        wip.approve(address(vault), maxRepay);
        (bool ok, bytes memory reason) = address(vault).call(abi.encodeCall(vault.liquidate, (id, maxRepay)));
        VM.stopPrank();
        _expectRefusal(ok, reason, expected);
        ++calls["liquidateDisputedPartially"];
    }

    /*//////////////////////////////////////////////////////////////
                                DISPUTES
    //////////////////////////////////////////////////////////////*/

    /// @dev The disputer raises a dispute against the given IP, or else the other, if it has none, paying the
    /// policy's minimum bond in WIP with its minimum liveness (as `raiseDispute` in test/fixtures/story.ts).
    function raiseDispute(uint256 ipIndex) external trackCollateral(NO_TARGET) {
        uint256 k = ipIndex % 2;
        if (disputeIds[k] != 0) {
            k = 1 - k;
            if (disputeIds[k] != 0) {
                return;
            }
        }
        uint256 bond = story.arbitration.getMinimumBond(address(wip));
        bytes memory data = abi.encode(story.arbitration.minLiveness(), address(wip), bond);
        StoryDevnet.dealWip(story, DISPUTER, bond);
        VM.startPrank(DISPUTER);
        wip.approve(address(story.arbitration), bond);
        disputeIds[k] = story.disputes.raiseDispute(
            ips[k].ipId,
            keccak256(abi.encode("evidence", ++evidenceNonce)),
            bytes32("IMPROPER_REGISTRATION"),
            data
        );
        VM.stopPrank();
        ++calls["raiseDispute"];
    }

    /// @dev The arbitration policy (the relayer) judges an open dispute, the given IP's or else the other's: upheld
    /// three times in four, which tags the IP (the ghost then records its positions' borrow shares), else rejected.
    function judgeDispute(uint256 ipIndex, uint256 decision) external trackCollateral(NO_TARGET) {
        uint256 k = ipIndex % 2;
        if (disputeIds[k] == 0 || upheld[k]) {
            k = 1 - k;
            if (disputeIds[k] == 0 || upheld[k]) {
                return;
            }
        }
        bool uphold = decision % 4 != 0;
        VM.prank(address(story.arbitration));
        story.disputes.setDisputeJudgement(disputeIds[k], uphold, "");
        if (!uphold) {
            disputeIds[k] = 0;
            ++calls["rejectDispute"];
            return;
        }
        upheld[k] = true;
        address ipId = ips[k].ipId;
        for (uint256 i = 0; i < positionIds.length; ++i) {
            Position memory p = vault.position(positionIds[i]);
            if (p.ipId == ipId) {
                sharesAtTagging[positionIds[i]] = p.borrowShares;
            }
        }
        ++calls["upholdDispute"];
    }

    /// @dev The disputer resolves an upheld dispute, the given IP's or else the other's, which clears the tag.
    function resolveDispute(uint256 ipIndex) external trackCollateral(NO_TARGET) {
        uint256 k = ipIndex % 2;
        if (!upheld[k]) {
            k = 1 - k;
            if (!upheld[k]) {
                return;
            }
        }
        VM.prank(DISPUTER);
        story.disputes.resolveDispute(disputeIds[k], "");
        disputeIds[k] = 0;
        upheld[k] = false;
        ++calls["resolveDispute"];
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

    /// @dev Fails the ghost check if any position but `target` had its collateral changed by the action, and the
    /// tagged-revenue one if an IP tagged throughout the action had its revenue accumulator raised (every collateral
    /// change, liquidation and harvest harvests first).
    modifier trackCollateral(uint256 target) {
        uint256[] memory before = _collaterals();
        uint256[2] memory revenueBefore = _taggedRevenue();
        _;
        uint256[] memory afterAction = _collaterals();
        for (uint256 i = 0; i < before.length; ++i) {
            if (positionIds[i] != target && before[i] != afterAction[i]) {
                untargetedCollateralMoved = true;
            }
        }
        uint256[2] memory revenueAfter = _taggedRevenue();
        for (uint256 k = 0; k < 2; ++k) {
            if (
                revenueBefore[k] != NOT_TAGGED && revenueAfter[k] != NOT_TAGGED && revenueBefore[k] != revenueAfter[k]
            ) {
                taggedRevenueHarvested = true;
            }
        }
    }

    /// @dev Per IP: its WIP revenue accumulator in the vault while it is tagged, else NOT_TAGGED.
    function _taggedRevenue() internal view returns (uint256[2] memory perRt) {
        for (uint256 k = 0; k < 2; ++k) {
            address ipId = ips[k].ipId;
            perRt[k] = _tagged(ipId) ? vault.revenuePerRt(ipId, address(wip)) : NOT_TAGGED;
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

    /// @dev What the position could still borrow at 50% of its collateral's appraised value (the max LTV).
    function _headroom(uint256 id, Position memory p) internal view returns (uint256) {
        (uint256 price, ) = appraisal.valueOf(p.ipId);
        uint256 headroom = (Math.mulDiv(p.collateral, price, 1e18) * 5) / 10;
        uint256 debt = vault.debtOf(id);
        return headroom > debt ? headroom - debt : 0;
    }

    /// @dev What the IP's market may still borrow under its cap, less two wei for rounding the shares up.
    function _borrowCapRoom(address ipId) internal view returns (uint256) {
        uint256 marketDebt = SharesMath.toAssetsUp(
            vault.market(ipId).borrowShares,
            vault.totalDebt(),
            vault.totalBorrowShares()
        );
        uint256 cap = vault.market(ipId).params.borrowCap;
        return cap > marketDebt + 2 ? cap - marketDebt - 2 : 0;
    }

    function _tagged(address ipId) internal view returns (bool) {
        return story.disputes.isIpTagged(ipId);
    }

    /// @dev For a vault call the dispute rules forbid: success sets `disputeRuleBroken`; a revert other than
    /// `expected` (the exact error data) is re-thrown, so that failOnRevert catches it.
    function _expectRefusal(bool ok, bytes memory reason, bytes memory expected) internal {
        if (ok) {
            disputeRuleBroken = true;
            return;
        }
        if (keccak256(reason) != keccak256(expected)) {
            assembly ("memory-safe") {
                revert(add(reason, 0x20), mload(reason))
            }
        }
    }
}

/// @dev Invariants of the lending vault under random sequences of every user action and of disputes (see the
/// handler): solvency, Σ position debt = total debt (rounding in the protocol's favour), collateral bookkeeping = RT
/// held, harvest never moves collateral, lenders' claims stay backed after bad debt, and a tagged IP's positions never
/// gain debt and end without any once liquidated.
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
        bytes4[] memory actions = new bytes4[](19);
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
        actions[15] = handler.raiseDispute.selector;
        actions[16] = handler.judgeDispute.selector;
        actions[17] = handler.resolveDispute.selector;
        actions[18] = handler.liquidateDisputed.selector;
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

    /// @dev (g) Revenue is neither created nor lost: the WIP held beyond lenders' idle cash is what positions are owed
    /// (stored credit plus harvested revenue not yet applied, whether it will repay debt or be credited), up to the
    /// rounding dust each distributing harvest may leave behind (below one wei per position, plus one).
    function invariant_revenueAccounted() public view {
        uint256 totalDebt = vault.totalDebt();
        uint256 totalShares = vault.totalBorrowShares();
        uint256 count = handler.positionCount();
        uint256 owed;
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = handler.positionIds(i);
            uint256 booked = SharesMath.toAssetsUp(vault.position(id).borrowShares, totalDebt, totalShares);
            // debtOf nets pending revenue against the booked debt; creditOf counts what exceeds it.
            owed += vault.creditOf(id, address(story.wip)) + booked - vault.debtOf(id);
        }
        uint256 held = story.wip.balanceOf(address(vault));
        uint256 idle = vault.idleLiquidity();
        VM.assertGe(held, idle + owed, "revenue owed beyond WIP held");
        uint256 epochs =
            vault.market(handler.ipAt(0).ipId).revenueEpoch + vault.market(handler.ipAt(1).ipId).revenueEpoch;
        VM.assertLe(held - idle - owed, (epochs + 1) * (count + 1), "revenue lost");
    }

    /// @dev (f) No position of a tagged IP holds more borrow shares than when the IP was tagged, and no position
    /// without collateral owes anything (a tagged IP's positions, once liquidated, have no debt left). The vault
    /// refused every call a dispute forbids, liquidated tagged IPs exactly as priced and harvested nothing for them.
    function invariant_taggedIpsGainNoDebt() public view {
        uint256 count = handler.positionCount();
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = handler.positionIds(i);
            Position memory p = vault.position(id);
            if (p.collateral == 0) {
                VM.assertEq(p.borrowShares, 0, "debt without collateral");
            }
            if (story.disputes.isIpTagged(p.ipId)) {
                VM.assertLe(p.borrowShares, handler.sharesAtTagging(id), "tagged IP's position gained debt");
            }
        }
        VM.assertTrue(!handler.disputeRuleBroken(), "vault allowed what a dispute forbids");
        VM.assertTrue(!handler.disputedLiquidationMismatch(), "tagged IP liquidated off its price");
        VM.assertTrue(!handler.taggedRevenueHarvested(), "tagged IP's revenue harvested");
    }
}
