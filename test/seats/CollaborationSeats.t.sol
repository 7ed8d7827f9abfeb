// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { CollaborationSeats } from "../../contracts/seats/CollaborationSeats.sol";
import { ICollaborationSeats } from "../../contracts/seats/interfaces/ICollaborationSeats.sol";
import { StoryDevnet, Devnet, DevnetIp } from "../fixtures/StoryDevnet.sol";
import { SeatsTestLib } from "./SeatsTestBase.sol";
import { VM, bound } from "../utils/TestUtils.sol";

/// @dev Fuzz tests of the seats' revenue accounting through the real contract on the devnet: random buys, transfers,
/// royalty payments, harvests and claims among 3–4 holders never pay out more than was harvested (rounding in the
/// contract's favour, with bounded dust), and a transfer between two holders never changes a third one's claim.
contract CollaborationSeatsFuzzTest {
    uint256 internal constant ACC = 1e36;
    uint256 internal constant MAX_SEATS = 100;
    uint256 internal constant RT_AMOUNT = StoryDevnet.RT_SUPPLY / 2;
    address internal constant CREATOR = address(0xC0);
    address internal constant PAYER = address(0x9A7E4);

    Devnet internal story;
    CollaborationSeats internal seats;
    DevnetIp internal ip;
    address internal wip;
    uint256 internal seriesId;
    address[4] internal holders = [address(0xA1), address(0xA2), address(0xA3), address(0xA4)];

    /// @dev Ghosts of a run: revenue harvested from Story (the IP has one series), harvests, claims paid.
    uint256 internal harvested;
    uint256 internal harvests;
    uint256 internal claimed;

    function setUp() public {
        story = StoryDevnet.deploy();
        seats = SeatsTestLib.deploy(story);
        ip = StoryDevnet.createIpWithVault(story, CREATOR);
        wip = address(story.wip);
        // Half the RT behind 100 seats at 1 WIP, 1 seat to succeed, 40 per wallet, a 1-day sale starting now.
        seriesId = SeatsTestLib.createFromIpAccount(
            seats,
            ip,
            SeatsTestLib.params(ip, wip, RT_AMOUNT, MAX_SEATS, 1, 40, 1 ether, 1 days)
        );
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _storyPending() internal view returns (uint256) {
        return ip.vault.claimableRevenue(address(seats), wip);
    }

    /// @dev Books what left Story's vault for the seats contract since `pendingBefore` was read.
    function _book(uint256 pendingBefore) internal {
        uint256 pendingAfter = _storyPending();
        if (pendingAfter < pendingBefore) {
            harvested += pendingBefore - pendingAfter;
            ++harvests;
        }
    }

    function _claimable(address account) internal view returns (uint256) {
        return seats.claimable(seriesId, account, wip);
    }

    /// @dev Σ claimable over the first `n` holders and the contract (the unsold seats' revenue).
    function _owedTotal(uint256 n) internal view returns (uint256 total) {
        for (uint256 i = 0; i < n; ++i) {
            total += _claimable(holders[i]);
        }
        total += _claimable(address(seats));
    }

    function _pay(uint256 amount) internal {
        StoryDevnet.payRoyaltyInWip(story, PAYER, ip.ipId, bound(amount, 1_000, 1_000 ether));
    }

    function _harvest() internal {
        uint256 pending = _storyPending();
        seats.harvest(seriesId);
        _book(pending);
    }

    function _claim(address account) internal {
        uint256 shown = _claimable(account);
        if (shown == 0) {
            VM.expectRevert(abi.encodeWithSelector(ICollaborationSeats.NothingToPay.selector));
            seats.claim(seriesId, account, wip);
            return;
        }
        uint256 paid = seats.claim(seriesId, account, wip);
        VM.assertEq(paid, shown, "claim != claimable");
        VM.assertEq(_claimable(account), 0, "claimable after claim");
        claimed += paid;
    }

    /// @dev Moves seats from holder `i` to holder `j` (i != j), checking that every other account's claim is
    /// untouched and that the two parties' claims are conserved (when nothing was pending on Story), or that the
    /// transfer only added revenue (when it harvested some first).
    function _transfer(uint256 n, uint256 i, uint256 j, uint256 amount, bool harvestFirst) internal {
        address from = holders[i];
        address to = holders[j];
        uint256 balance = seats.balanceOf(from, seriesId);
        if (balance == 0) {
            return;
        }
        amount = bound(amount, 1, balance);
        if (harvestFirst) {
            _harvest();
        }
        uint256 pending = _storyPending();
        uint256[5] memory before;
        for (uint256 k = 0; k < n; ++k) {
            before[k] = _claimable(holders[k]);
        }
        before[4] = _claimable(address(seats));

        VM.prank(from);
        seats.safeTransferFrom(from, to, seriesId, amount, "");
        _book(pending);

        VM.assertEq(seats.balanceOf(from, seriesId), balance - amount, "seller seats");
        VM.assertEq(_claimable(address(seats)), before[4], "unsold revenue moved");
        for (uint256 k = 0; k < n; ++k) {
            if (k == i || k == j) {
                continue;
            }
            if (pending == 0) {
                VM.assertEq(_claimable(holders[k]), before[k], "3rd party claim moved");
            } else {
                VM.assertGe(_claimable(holders[k]), before[k], "3rd party claim fell");
            }
        }
        if (pending == 0) {
            VM.assertEq(_claimable(from) + _claimable(to), before[i] + before[j], "parties' sum changed");
            VM.assertEq(_claimable(from), before[i], "seller claim changed");
        }
    }

    function _checkConservation(uint256 n) internal view {
        uint256 accounted = claimed + _owedTotal(n);
        VM.assertLe(accounted, harvested, "claimed + owed > harvested");
        // Dust: at most one wei per account settlement and one at the series level, per harvest.
        VM.assertLe(harvested - accounted, harvests * (n + 2), "dust above bound");
    }

    /*//////////////////////////////////////////////////////////////
                                 FUZZ
    //////////////////////////////////////////////////////////////*/

    /// @dev Random buys, royalty payments (harvested or left pending on Story), harvests, claims and transfers
    /// among 3 or 4 holders; the sale ends and is finalized mid-run. After every step: Σ claimed + Σ claimable ≤ Σ
    /// harvested, with at most (holders + 2) wei of dust per harvest; claims pay exactly the claimable view.
    function testFuzz_ClaimsNeverExceedHarvested(
        uint256 holderSeed,
        uint256[4] memory buys,
        uint256[24] memory ops
    ) public {
        uint256 n = 3 + (holderSeed % 2);
        for (uint256 i = 0; i < n; ++i) {
            uint256 pending = _storyPending();
            SeatsTestLib.buy(story, seats, seriesId, holders[i], bound(buys[i], 1, 25));
            _book(pending);
        }
        for (uint256 step = 0; step < ops.length; ++step) {
            if (step == 8) {
                // The sale ends: finalize burns the unsold seats (harvesting first) and returns their RT.
                VM.warp(block.timestamp + 1 days + 1);
                uint256 pending = _storyPending();
                seats.finalize(seriesId);
                _book(pending);
                VM.assertEq(seats.totalSupply(seriesId), seats.series(seriesId).sold, "supply != sold");
            }
            _step(n, step, ops[step]);
            _checkConservation(n);
        }
        // Everything is paid out in the end, up to the dust.
        _harvest();
        for (uint256 i = 0; i < n; ++i) {
            _claim(holders[i]);
        }
        _claim(address(seats));
        _checkConservation(n);
        VM.assertEq(_owedTotal(n), 0, "owed after claiming all");
    }

    /// @dev One random action: a transfer (locked during the sale), a royalty payment harvested or left pending, or
    /// a claim (for a holder or the unsold seats).
    function _step(uint256 n, uint256 step, uint256 op) internal {
        uint256 kind = op % 5;
        uint256 i = (op >> 8) % n;
        uint256 j = (i + 1 + ((op >> 16) % (n - 1))) % n;
        uint256 amount = op >> 32;
        if (kind == 0) {
            if (step < 8) {
                // Seats are locked during the sale.
                VM.prank(holders[i]);
                VM.expectRevert(abi.encodeWithSelector(ICollaborationSeats.SeatsLocked.selector, seriesId));
                seats.safeTransferFrom(holders[i], holders[j], seriesId, 1, "");
            } else {
                _transfer(n, i, j, amount, (op >> 24) % 2 == 0);
            }
        } else if (kind == 1) {
            _pay(amount);
            _harvest();
        } else if (kind == 2) {
            // Left pending on Story: the next transfer, harvest or finalize takes it.
            _pay(amount);
        } else if (kind == 3) {
            _claim(holders[i]);
        } else {
            _claim((op >> 24) % 2 == 0 ? address(seats) : holders[j]);
        }
    }

    /// @dev Revenue paid to Story before a transfer and not yet harvested stays with the seller (the transfer
    /// harvests first); the buyer earns on its new seats only from then on. Exact amounts from the accumulators.
    function testFuzz_TransferKeepsPendingRevenueWithSeller(uint256 first, uint256 second, uint256 moved) public {
        address seller = holders[0];
        address buyer = holders[1];
        SeatsTestLib.buy(story, seats, seriesId, seller, 40);
        SeatsTestLib.buy(story, seats, seriesId, buyer, 20);
        VM.warp(block.timestamp + 1 days + 1);
        seats.finalize(seriesId);
        // 60 of 100 seats sold: 40% of the series' RT went back to the IP account.
        uint256 rtHeld = RT_AMOUNT - (RT_AMOUNT * 40) / 100;
        VM.assertEq(seats.series(seriesId).rtHeld, rtHeld, "rtHeld");
        moved = bound(moved, 1, 40);

        _pay(first);
        uint256 h1 = _storyPending();
        VM.prank(seller);
        seats.safeTransferFrom(seller, buyer, seriesId, moved, "");
        VM.assertEq(_storyPending(), 0, "transfer did not harvest");
        uint256 perSeat1 = (((rtHeld * ((h1 * ACC) / rtHeld)) / ACC) * ACC) / 60;
        VM.assertEq(_claimable(seller), (40 * perSeat1) / ACC, "seller lost pending revenue");
        VM.assertEq(_claimable(buyer), (20 * perSeat1) / ACC, "buyer got pre-transfer revenue");

        _pay(second);
        uint256 h2 = _storyPending();
        seats.harvest(seriesId);
        uint256 delta = (((rtHeld * ((h2 * ACC) / rtHeld)) / ACC) * ACC) / 60;
        VM.assertEq(
            _claimable(seller),
            (40 * perSeat1) / ACC + ((40 - moved) * delta) / ACC,
            "seller after 2nd harvest"
        );
        VM.assertEq(_claimable(buyer), (20 * perSeat1) / ACC + ((20 + moved) * delta) / ACC, "buyer after 2nd harvest");
    }
}
