// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManager } from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import { IERC1155 } from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import { SeatMarket } from "../../contracts/seats/SeatMarket.sol";
import { MockSeats1155 } from "../../contracts/mocks/MockSeats1155.sol";
import { DevnetStablecoin } from "../../contracts/story/devnet/DevnetStablecoin.sol";
import { VM, bound } from "../utils/TestUtils.sol";

/// @dev Fuzzed purchases: the money conservation and royalty cap of SeatMarket.buy.
contract SeatMarketFuzzTest {
    uint256 private constant SERIES = 1;
    address private constant SELLER = address(0x5E11E4);
    address private constant BUYER = address(0xB0B);
    address private constant RECEIVER = address(0x4EC);

    SeatMarket private market;
    MockSeats1155 private seats;
    DevnetStablecoin private usd;

    function setUp() public {
        AccessManager manager = new AccessManager(address(this));
        seats = new MockSeats1155();
        market = new SeatMarket(IERC1155(address(seats)), address(manager));
        usd = new DevnetStablecoin();
        market.setPaymentToken(address(usd), true);
        VM.prank(SELLER);
        seats.setApprovalForAll(address(market), true);
        VM.prank(BUYER);
        usd.approve(address(market), type(uint256).max);
    }

    /// @dev Lists `listed` seats at `price`, buys `amount`, and checks where every unit of the total went.
    function _checkPurchase(uint256 listed, uint256 amount, uint256 price) private {
        seats.mint(SELLER, SERIES, listed);
        VM.prank(SELLER);
        uint256 listingId = market.list(SERIES, listed, address(usd), price, 0);

        uint256 total = amount * price;
        (uint256 quoted, , uint256 royalty, uint256 proceeds) = market.quote(listingId, amount);
        usd.mint(BUYER, total);

        VM.prank(BUYER);
        market.buy(listingId, amount, total);

        VM.assertEq(quoted, total, "quoted total");
        VM.assertEq(usd.balanceOf(BUYER), 0, "buyer paid exactly the total");
        VM.assertEq(usd.balanceOf(RECEIVER) + usd.balanceOf(SELLER), total, "receiver + seller got the total");
        VM.assertEq(usd.balanceOf(RECEIVER), royalty, "receiver got the quoted royalty");
        VM.assertEq(usd.balanceOf(SELLER), proceeds, "seller got the quoted proceeds");
        VM.assertLe(royalty * 10_000, total * market.MAX_ROYALTY_BPS(), "royalty above the cap");
        VM.assertEq(usd.balanceOf(address(market)), 0, "market holds no funds");
        VM.assertEq(seats.balanceOf(BUYER, SERIES), amount, "buyer seats");
        VM.assertEq(seats.balanceOf(SELLER, SERIES), listed - amount, "seller seats");
        VM.assertEq(market.listing(listingId).amount, listed - amount, "listing remainder");
    }

    /// @dev Any ERC-2981 royalty up to 100%: paid exactly when under the cap, capped at 10% otherwise.
    function testFuzz_PurchaseSplitsExactly(uint256 listed, uint256 amount, uint256 price, uint256 bps) public {
        listed = bound(listed, 1, 1_000);
        amount = bound(amount, 1, listed);
        price = bound(price, 1, 1e30);
        bps = bound(bps, 0, 10_000);
        seats.setRoyalty(SERIES, RECEIVER, uint96(bps));
        uint256 total = amount * price;
        uint256 expected = (total * (bps < 1_000 ? bps : 1_000)) / 10_000;

        _checkPurchase(listed, amount, price);
        VM.assertEq(usd.balanceOf(RECEIVER), expected, "royalty = min(bps, 10%) of the total");
    }

    /// @dev A seats contract reporting any royalty whatever the price never takes more than 10% of the sale.
    function testFuzz_BrokenRoyaltyIsCapped(uint256 listed, uint256 amount, uint256 price, uint256 reported) public {
        listed = bound(listed, 1, 1_000);
        amount = bound(amount, 1, listed);
        price = bound(price, 1, 1e30);
        reported = bound(reported, 1, type(uint256).max);
        seats.setRoyalty(SERIES, RECEIVER, 0);
        seats.setBrokenRoyalty(SERIES, reported);
        uint256 total = amount * price;
        uint256 cap = (total * 1_000) / 10_000;

        _checkPurchase(listed, amount, price);
        VM.assertEq(usd.balanceOf(RECEIVER), reported < cap ? reported : cap, "royalty = min(reported, cap)");
    }
}
