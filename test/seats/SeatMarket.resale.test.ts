/**
 * Resale of real collaboration seats on the SeatMarket: an investor who bought 50 of 100 seats resells 10 after the
 * sale succeeded; the IP's ERC-2981 royalty is paid and revenue earned before the sale stays with the investor.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { createIpWithVault, loadStory, payRoyaltyInWip } from "../fixtures/story.ts";
import {
  DAY,
  WAD,
  buySeatsNative,
  createSeriesFromIpAccount,
  deploySeats,
  openSale,
  seriesParams,
} from "../fixtures/seats.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

describe("SeatMarket — resale of collaboration seats", function () {
  async function resaleFixture() {
    const story = await loadStory(connection);
    const seats = await deploySeats(story);
    const [, creator, investor, buyer, payer] = await ethers.getSigners();
    const ip = await createIpWithVault(story, creator);
    const seriesId = await createSeriesFromIpAccount(seats, ip, await seriesParams(seats, ip));
    await openSale(seats, seriesId);
    await buySeatsNative(seats, investor, seriesId, 50n);
    await networkHelpers.time.increase(8n * DAY);
    await (await seats.seats.finalize(seriesId)).wait();

    const market = await ethers.deployContract("SeatMarket", [
      await seats.seats.getAddress(),
      await seats.manager.getAddress(),
    ]);
    await (await seats.manager.connect(seats.admin).grantRole(1n, await seats.admin.getAddress(), 0)).wait();
    const setPaymentToken = market.interface.getFunction("setPaymentToken").selector;
    await (
      await seats.manager.connect(seats.admin).setTargetFunctionRole(await market.getAddress(), [setPaymentToken], 1n)
    ).wait();
    await (await market.connect(seats.admin).setPaymentToken(story.addresses.WIP, true)).wait();
    return { story, seats, market, ip, seriesId, creator, investor, buyer, payer };
  }

  it("sells 10 seats with the IP's royalty, moving revenue rights only from the sale on", async function () {
    const { story, seats, market, ip, seriesId, creator, investor, buyer, payer } =
      await networkHelpers.loadFixture(resaleFixture);
    const marketAddress = await market.getAddress();
    // 50 of 100 RT back the 50 sold seats after finalize; 100 WIP paid to the IP gives the series 25 WIP.
    // Paid to Story but not harvested yet: the resale's transfer harvests before seats move.
    await payRoyaltyInWip(story, payer, ip.ipId, 100n * WAD);
    expect(await seats.seats.claimable(seriesId, investor.address, story.addresses.WIP)).to.equal(0n);
    const earnedBefore = 25n * WAD;

    await (await seats.seats.connect(investor).setApprovalForAll(marketAddress, true)).wait();
    const price = 3n * WAD;
    const listingId = await market.connect(investor).list.staticCall(seriesId, 10n, story.addresses.WIP, price, 0n);
    await (await market.connect(investor).list(seriesId, 10n, story.addresses.WIP, price, 0n)).wait();

    const total = 10n * price;
    const royalty = (total * 500n) / 10_000n;
    await (await story.wip.connect(buyer).deposit({ value: total })).wait();
    await (await story.wip.connect(buyer).approve(marketAddress, total)).wait();
    const tx = market.connect(buyer).buy(listingId, 10n, total);
    await expect(tx)
      .to.emit(market, "Purchased")
      .withArgs(listingId, buyer.address, investor.address, seriesId, 10n, total, creator.address, royalty);
    await expect(tx).to.changeTokenBalances(
      ethers,
      story.wip,
      [buyer, investor, creator],
      [-total, total - royalty, royalty],
    );

    expect(await seats.seats.seatsOf(seriesId, investor.address)).to.equal(40n);
    expect(await seats.seats.seatsOf(seriesId, buyer.address)).to.equal(10n);
    // The transfer harvested first: everything earned before the sale stays with the investor.
    expect(await seats.seats.claimable(seriesId, investor.address, story.addresses.WIP)).to.equal(earnedBefore);
    expect(await seats.seats.claimable(seriesId, buyer.address, story.addresses.WIP)).to.equal(0n);

    await payRoyaltyInWip(story, payer, ip.ipId, 100n * WAD);
    await (await seats.seats.harvest(seriesId)).wait();
    // 25 WIP over 50 seats: 0.5 WIP per seat.
    expect(await seats.seats.claimable(seriesId, buyer.address, story.addresses.WIP)).to.equal(5n * WAD);
    expect(await seats.seats.claimable(seriesId, investor.address, story.addresses.WIP)).to.equal(
      earnedBefore + 20n * WAD,
    );
  });
});
