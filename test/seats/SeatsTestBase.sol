// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManager } from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { CollaborationSeats } from "../../contracts/seats/CollaborationSeats.sol";
import { SeriesParams } from "../../contracts/seats/interfaces/ICollaborationSeats.sol";
import { StoryDevnet, Devnet, DevnetIp } from "../fixtures/StoryDevnet.sol";
import { VM } from "../utils/TestUtils.sol";

/// @dev Shared by the seats fuzz and invariant suites: the Story devnet, an AccessManager (the test contract is its
/// admin) and CollaborationSeats with the fixture's 2.5% protocol fee; helpers create series from the IP account (as
/// `createSeriesFromIpAccount` in test/fixtures/seats.ts) and buy seats in WIP.
library SeatsTestLib {
    /// @dev The protocol fee of `test/fixtures/seats.ts`.
    uint16 internal constant PROTOCOL_FEE_BPS = 250;
    /// @dev Receives protocol fees.
    address internal constant TREASURY = address(0x7EA5);

    /// @dev Deploys the seats contract on `story` under a fresh AccessManager administered by the caller.
    function deploy(Devnet memory story) internal returns (CollaborationSeats seats) {
        AccessManager manager = new AccessManager(address(this));
        seats = new CollaborationSeats(
            address(manager),
            address(story.royalty),
            address(story.disputes),
            address(story.wip),
            TREASURY,
            PROTOCOL_FEE_BPS,
            "ipfs://seats/{id}.json"
        );
    }

    /// @dev Series parameters priced in WIP, paid to the IP owner, 5% resale royalty.
    function params(
        DevnetIp memory ip,
        address wip,
        uint256 rtAmount,
        uint256 maxSeats,
        uint256 minSeats,
        uint256 maxSeatsPerWallet,
        uint256 seatPrice,
        uint256 duration
    ) internal view returns (SeriesParams memory p) {
        p = SeriesParams({
            ipId: ip.ipId,
            rtAmount: uint128(rtAmount),
            maxSeats: uint32(maxSeats),
            minSeats: uint32(minSeats),
            maxSeatsPerWallet: uint32(maxSeatsPerWallet),
            resaleRoyaltyBps: 500,
            saleToken: wip,
            seatPrice: uint128(seatPrice),
            saleStart: uint64(block.timestamp),
            saleEnd: uint64(block.timestamp + duration),
            royaltyReceiver: ip.owner
        });
    }

    /// @dev The IP account approves the RT and creates the series (two `execute` calls signed by the owner).
    function createFromIpAccount(
        CollaborationSeats seats,
        DevnetIp memory ip,
        SeriesParams memory p
    ) internal returns (uint256 seriesId) {
        StoryDevnet.executeFromIp(ip, address(ip.vault), abi.encodeCall(IERC20.approve, (address(seats), p.rtAmount)));
        bytes memory result = StoryDevnet.executeFromIp(ip, address(seats), abi.encodeCall(seats.createSeries, (p)));
        seriesId = abi.decode(result, (uint256));
    }

    /// @dev Gives `buyer` the WIP for `count` seats, approves and buys them.
    function buy(
        Devnet memory story,
        CollaborationSeats seats,
        uint256 seriesId,
        address buyer,
        uint256 count
    ) internal {
        uint256 price = seats.series(seriesId).params.seatPrice;
        StoryDevnet.dealWip(story, buyer, count * price);
        VM.startPrank(buyer);
        story.wip.approve(address(seats), count * price);
        seats.buy(seriesId, count, price);
        VM.stopPrank();
    }
}
