// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { CollaborationSeats } from "../../contracts/seats/CollaborationSeats.sol";
import {
    ICollaborationSeats,
    SaleState,
    Series,
    SeriesParams
} from "../../contracts/seats/interfaces/ICollaborationSeats.sol";
import { StoryDevnet, Devnet, DevnetIp } from "../fixtures/StoryDevnet.sol";
import { SeatsTestLib } from "./SeatsTestBase.sol";
import { FuzzSelector, VM, allowRevert, bound } from "../utils/TestUtils.sol";

/// @dev Drives CollaborationSeats with bounded random actions on 2 IPs (up to 3 series in all), 3 buyers, a royalty
/// payer and time. An action that may revert for a legitimate reason (wrong sale state, nothing to pay, seats locked,
/// caps) is made in try/catch and only those expected custom errors are swallowed; anything else is re-thrown, so the
/// invariant run's `failOnRevert` catches it. Every action books what the seats contract took from Story's vaults
/// (Σ harvested) and what claims paid (Σ claimed).
contract CollaborationSeatsHandler {
    uint256 public constant MAX_SERIES = 3;

    CollaborationSeats public immutable seats;
    IERC20 public immutable wip;
    Devnet internal story;
    DevnetIp[2] internal ips;
    address[3] internal buyers = [address(0xB1), address(0xB2), address(0xB3)];
    address public constant PAYER = address(0x9A7E4);

    /// @notice Every series created (ids).
    uint256[] public seriesIds;
    /// @notice Ghost: WIP revenue the seats contract took from Story's vaults.
    uint256 public harvested;
    /// @notice Ghost: WIP revenue paid by claims.
    uint256 public claimed;
    /// @notice Successful calls per action, to see what a run exercised.
    mapping(bytes32 action => uint256) public calls;

    constructor(CollaborationSeats seats_, Devnet memory story_, DevnetIp memory ip0, DevnetIp memory ip1) {
        seats = seats_;
        story = story_;
        wip = IERC20(address(story_.wip));
        ips[0] = ip0;
        ips[1] = ip1;
    }

    /// @dev Books the revenue any action took from Story's vaults (harvests happen inside most actions).
    modifier booksHarvest() {
        uint256 pending0 = _storyPending(0);
        uint256 pending1 = _storyPending(1);
        _;
        harvested += _taken(pending0, _storyPending(0)) + _taken(pending1, _storyPending(1));
    }

    /*//////////////////////////////////////////////////////////////
                                 ACTIONS
    //////////////////////////////////////////////////////////////*/

    function createSeries(uint256 ipIndex, uint256 rt, uint256 maxSeats, uint256 minSeats, uint256 cap) external {
        if (seriesIds.length >= MAX_SERIES) {
            return;
        }
        DevnetIp memory ip = ips[ipIndex % 2];
        uint256 available = ip.vault.balanceOf(ip.ipId);
        if (available == 0) {
            return;
        }
        maxSeats = bound(maxSeats, 1, 20);
        SeriesParams memory params = SeatsTestLib.params(
            ip,
            address(wip),
            bound(rt, 1, available / 2 + 1),
            maxSeats,
            // At least half the seats must sell: a fair share of sales fail and get refunded.
            bound(minSeats, (maxSeats + 1) / 2, maxSeats),
            bound(cap, 1, maxSeats),
            0.1 ether,
            2 days
        );
        _createSeries(ip, params);
    }

    function _createSeries(DevnetIp memory ip, SeriesParams memory params) internal booksHarvest {
        seriesIds.push(SeatsTestLib.createFromIpAccount(seats, ip, params));
        ++calls["createSeries"];
    }

    function buy(uint256 index, uint256 actor, uint256 count) external {
        (uint256 seriesId, Series memory s) = _pick(index);
        if (seriesId == 0) {
            return;
        }
        address buyer = buyers[actor % 3];
        uint256 held = seats.balanceOf(buyer, seriesId);
        uint256 left = s.params.maxSeats - s.sold;
        uint256 room = s.params.maxSeatsPerWallet > held ? s.params.maxSeatsPerWallet - held : 0;
        if (left == 0 || room == 0) {
            return;
        }
        _buy(seriesId, s, buyer, bound(count, 1, left < room ? left : room));
    }

    function _buy(uint256 seriesId, Series memory s, address buyer, uint256 count) internal booksHarvest {
        uint256 cost = count * s.params.seatPrice;
        StoryDevnet.dealWip(story, buyer, cost);
        VM.startPrank(buyer);
        wip.approve(address(seats), cost);
        try seats.buy(seriesId, count, s.params.seatPrice) {
            ++calls["buy"];
        } catch (bytes memory reason) {
            allowRevert(
                reason,
                ICollaborationSeats.WrongSaleState.selector,
                bytes4(0),
                bytes4(0),
                bytes4(0),
                bytes4(0)
            );
        }
        VM.stopPrank();
    }

    function warp(uint256 seconds_) external {
        VM.warp(block.timestamp + bound(seconds_, 1 hours, 2 days));
        ++calls["warp"];
    }

    function finalize(uint256 index) external {
        (uint256 seriesId, ) = _pick(index);
        if (seriesId == 0) {
            return;
        }
        _finalize(seriesId);
    }

    function _finalize(uint256 seriesId) internal booksHarvest {
        try seats.finalize(seriesId) {
            ++calls["finalize"];
        } catch (bytes memory reason) {
            allowRevert(
                reason,
                ICollaborationSeats.WrongSaleState.selector,
                bytes4(0),
                bytes4(0),
                bytes4(0),
                bytes4(0)
            );
        }
    }

    function refund(uint256 index, uint256 actor) external {
        (uint256 seriesId, ) = _pick(index);
        if (seriesId == 0) {
            return;
        }
        _refund(seriesId, buyers[actor % 3]);
    }

    function _refund(uint256 seriesId, address buyer) internal booksHarvest {
        VM.prank(buyer);
        try seats.refund(seriesId) {
            ++calls["refund"];
        } catch (bytes memory reason) {
            allowRevert(
                reason,
                ICollaborationSeats.WrongSaleState.selector,
                ICollaborationSeats.NothingToPay.selector,
                bytes4(0),
                bytes4(0),
                bytes4(0)
            );
        }
    }

    function withdrawProceeds(uint256 index) external {
        (uint256 seriesId, Series memory s) = _pick(index);
        if (seriesId == 0) {
            return;
        }
        _withdrawProceeds(seriesId, ips[_ipIndex(s.params.ipId)].owner);
    }

    function _withdrawProceeds(uint256 seriesId, address owner) internal booksHarvest {
        VM.prank(owner);
        try seats.withdrawProceeds(seriesId, owner) {
            ++calls["withdrawProceeds"];
        } catch (bytes memory reason) {
            allowRevert(
                reason,
                ICollaborationSeats.WrongSaleState.selector,
                ICollaborationSeats.NothingToPay.selector,
                bytes4(0),
                bytes4(0),
                bytes4(0)
            );
        }
    }

    function transfer(uint256 index, uint256 fromActor, uint256 toActor, uint256 count) external {
        (uint256 seriesId, ) = _pick(index);
        if (seriesId == 0) {
            return;
        }
        address from = buyers[fromActor % 3];
        address to = buyers[((fromActor % 3) + 1 + (toActor % 2)) % 3];
        uint256 held = seats.balanceOf(from, seriesId);
        if (held == 0) {
            return;
        }
        _transfer(seriesId, from, to, bound(count, 1, held));
    }

    function _transfer(uint256 seriesId, address from, address to, uint256 count) internal booksHarvest {
        VM.prank(from);
        try seats.safeTransferFrom(from, to, seriesId, count, "") {
            ++calls["transfer"];
        } catch (bytes memory reason) {
            allowRevert(reason, ICollaborationSeats.SeatsLocked.selector, bytes4(0), bytes4(0), bytes4(0), bytes4(0));
        }
    }

    /// @dev Pays WIP royalties to an IP, then harvests one of the series (any series harvests its whole IP).
    function payRoyaltyAndHarvest(uint256 ipIndex, uint256 amount, uint256 index) external {
        DevnetIp memory ip = ips[ipIndex % 2];
        StoryDevnet.payRoyaltyInWip(story, PAYER, ip.ipId, bound(amount, 1_000, 100 ether));
        ++calls["payRoyalty"];
        (uint256 seriesId, ) = _pick(index);
        if (seriesId == 0) {
            return;
        }
        _harvest(seriesId);
    }

    function _harvest(uint256 seriesId) internal booksHarvest {
        seats.harvest(seriesId);
        ++calls["harvest"];
    }

    /// @dev Claims for a buyer, or (actor 3) the unsold seats' revenue for the IP owner.
    function claim(uint256 index, uint256 actor) external {
        (uint256 seriesId, ) = _pick(index);
        if (seriesId == 0) {
            return;
        }
        uint256 who = actor % 4;
        _claim(seriesId, who == 3 ? address(seats) : buyers[who]);
    }

    function _claim(uint256 seriesId, address account) internal booksHarvest {
        uint256 shown = seats.claimable(seriesId, account, address(wip));
        try seats.claim(seriesId, account, address(wip)) returns (uint256 paid) {
            VM.assertEq(paid, shown, "claim != claimable");
            claimed += paid;
            ++calls["claim"];
        } catch (bytes memory reason) {
            allowRevert(reason, ICollaborationSeats.NothingToPay.selector, bytes4(0), bytes4(0), bytes4(0), bytes4(0));
        }
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice Series created so far.
    function seriesCount() external view returns (uint256) {
        return seriesIds.length;
    }

    /// @notice The IPs.
    function ipAt(uint256 i) external view returns (DevnetIp memory) {
        return ips[i];
    }

    /// @notice The buyers.
    function buyerAt(uint256 i) external view returns (address) {
        return buyers[i];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _storyPending(uint256 i) internal view returns (uint256) {
        return ips[i].vault.claimableRevenue(address(seats), address(wip));
    }

    function _taken(uint256 before, uint256 afterAction) internal pure returns (uint256) {
        return afterAction < before ? before - afterAction : 0;
    }

    function _pick(uint256 index) internal view returns (uint256 seriesId, Series memory s) {
        if (seriesIds.length == 0) {
            return (0, s);
        }
        seriesId = seriesIds[index % seriesIds.length];
        s = seats.series(seriesId);
    }

    function _ipIndex(address ipId) internal view returns (uint256) {
        return ipId == ips[0].ipId ? 0 : 1;
    }
}

/// @dev Invariants of CollaborationSeats under random sequences of every action (see the handler): the RT escrowed
/// per IP equals Σ rtHeld of its series; claims never exceed harvests; every WIP the contract owes (proceeds not yet
/// withdrawn or refunded, revenue owed to holders) is backed by its balance; seat supply never exceeds the cap and
/// equals the sold count once a successful sale is finalized.
contract CollaborationSeatsInvariantTest {
    address internal constant CREATOR0 = address(0xC0);
    address internal constant CREATOR1 = address(0xC1);

    Devnet internal story;
    CollaborationSeats internal seats;
    CollaborationSeatsHandler internal handler;

    function setUp() public {
        story = StoryDevnet.deploy();
        seats = SeatsTestLib.deploy(story);
        DevnetIp memory ip0 = StoryDevnet.createIpWithVault(story, CREATOR0);
        DevnetIp memory ip1 = StoryDevnet.createIpWithVault(story, CREATOR1);
        handler = new CollaborationSeatsHandler(seats, story, ip0, ip1);
        // Runs start from a live series on the first IP (40% of its RT, 10 seats, 8 to succeed, 5 per wallet).
        handler.createSeries(0, (StoryDevnet.RT_SUPPLY * 4) / 10 - 1, 9, 3, 4);
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
        bytes4[] memory actions = new bytes4[](10);
        actions[0] = handler.createSeries.selector;
        actions[1] = handler.buy.selector;
        actions[2] = handler.warp.selector;
        actions[3] = handler.finalize.selector;
        actions[4] = handler.refund.selector;
        actions[5] = handler.withdrawProceeds.selector;
        actions[6] = handler.transfer.selector;
        actions[7] = handler.payRoyaltyAndHarvest.selector;
        actions[8] = handler.claim.selector;
        // Buying weighs twice: most runs should fill some sales.
        actions[9] = handler.buy.selector;
        selectors = new FuzzSelector[](1);
        selectors[0] = FuzzSelector({ addr: address(handler), selectors: actions });
    }

    /*//////////////////////////////////////////////////////////////
                               INVARIANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev (a) Per IP: the RT the seats contract holds = Σ rtHeld of that IP's series.
    function invariant_rtEscrowMatchesSeries() public view {
        for (uint256 k = 0; k < 2; ++k) {
            DevnetIp memory ip = handler.ipAt(k);
            uint256 sum;
            uint256 count = handler.seriesCount();
            for (uint256 i = 0; i < count; ++i) {
                Series memory s = seats.series(handler.seriesIds(i));
                if (s.params.ipId == ip.ipId) {
                    sum += s.rtHeld;
                }
            }
            VM.assertEq(IERC20(address(ip.vault)).balanceOf(address(seats)), sum, "RT held != sum of rtHeld");
        }
    }

    /// @dev (b) Σ claimed ≤ Σ claimed + Σ owed ≤ Σ harvested.
    function invariant_claimsNeverExceedHarvests() public view {
        VM.assertLe(handler.claimed() + _owedRevenue(), handler.harvested(), "claimed + owed > harvested");
    }

    /// @dev (c) The contract's WIP (the sale token and the revenue token here) covers the proceeds it escrows and
    /// the revenue it owes: nothing was paid out that is not backed.
    function invariant_wipBacksProceedsAndRevenue() public view {
        uint256 proceeds;
        uint256 count = handler.seriesCount();
        for (uint256 i = 0; i < count; ++i) {
            proceeds += seats.series(handler.seriesIds(i)).proceeds;
        }
        VM.assertGe(story.wip.balanceOf(address(seats)), proceeds + _owedRevenue(), "WIP < proceeds + owed");
    }

    /// @dev (d) Seats never exceed the cap; after a successful sale is finalized, supply = sold; a failed, finalized
    /// sale's supply is what its buyers have not refunded yet.
    function invariant_seatSupply() public view {
        uint256 count = handler.seriesCount();
        for (uint256 i = 0; i < count; ++i) {
            uint256 seriesId = handler.seriesIds(i);
            Series memory s = seats.series(seriesId);
            uint256 supply = seats.totalSupply(seriesId);
            VM.assertLe(supply, s.params.maxSeats, "supply > maxSeats");
            VM.assertLe(s.sold, s.params.maxSeats, "sold > maxSeats");
            if (!s.finalized) {
                VM.assertEq(supply, s.params.maxSeats, "supply != max before finalize");
                continue;
            }
            VM.assertEq(seats.balanceOf(address(seats), seriesId), 0, "unsold seats after finalize");
            if (seats.saleState(seriesId) == SaleState.Succeeded) {
                VM.assertEq(supply, s.sold, "supply != sold after success");
            } else {
                VM.assertEq(s.rtHeld, 0, "RT left in a failed series");
                VM.assertEq(supply * s.params.seatPrice, s.proceeds, "seats != proceeds (failed)");
            }
        }
    }

    /// @dev Σ claimable over every series, buyer and the contract's own (unsold) account.
    function _owedRevenue() internal view returns (uint256 owed) {
        uint256 count = handler.seriesCount();
        address token = address(story.wip);
        for (uint256 i = 0; i < count; ++i) {
            uint256 seriesId = handler.seriesIds(i);
            for (uint256 b = 0; b < 3; ++b) {
                owed += seats.claimable(seriesId, handler.buyerAt(b), token);
            }
            owed += seats.claimable(seriesId, address(seats), token);
        }
    }
}
