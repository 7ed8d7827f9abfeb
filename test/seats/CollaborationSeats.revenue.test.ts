/**
 * CollaborationSeats, revenue side: the permissionless harvest of the escrowed RT's royalties from the IP's Story
 * royalty vault, the two accumulators (per RT of the IP, then per seat of the series), claims by anyone for a holder,
 * the revenue of unsold seats (the IP owner's), transfer checkpoints (revenue accrued before a transfer stays with the
 * seller, also when it was still unharvested on Story), several series on one IP, disputed IPs, small harvests, and a
 * second revenue token. Runs through the fixtures only, so it also runs on a fork of Story: harvested amounts are read
 * from Story's vault (`claimableRevenue`) rather than assumed.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { ZeroAddress, type Signer } from "ethers";
import {
  RT_SUPPLY,
  createIpWithVault,
  judgeDispute,
  loadStory,
  payRoyaltyInWip,
  raiseDispute,
  type IpWithVault,
} from "../fixtures/story.ts";
import {
  WAD,
  buySeatsNative,
  buySeatsWithWip,
  createSeriesFromIpAccount,
  deploySeats,
  openSale,
  seriesParams,
  type Seats,
} from "../fixtures/seats.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

/** The accumulators' scale (RevenueAccumulator.PRECISION). */
const ACC = 10n ** 36n;
const HALF = RT_SUPPLY / 2n;

interface World {
  seats: Seats;
  ip: IpWithVault;
  seatsAddress: string;
  wip: string;
  creator: Signer;
  a: Signer;
  b: Signer;
  payer: Signer;
  keeper: Signer;
  c: Signer;
  seriesId: bigint;
}

/** A default series (50% of the RT behind 100 seats) mid-sale: a holds 50 seats, b 10; 40 are unsold. */
async function saleFixture(): Promise<World> {
  const story = await loadStory(connection);
  const seats = await deploySeats(story);
  const [, creator, a, b, payer, keeper, c] = await ethers.getSigners();
  const ip = await createIpWithVault(story, creator);
  const seriesId = await createSeriesFromIpAccount(seats, ip, await seriesParams(seats, ip));
  await openSale(seats, seriesId);
  await buySeatsNative(seats, a, seriesId, 50n);
  await buySeatsWithWip(seats, b, seriesId, 10n);
  return {
    seats,
    ip,
    seatsAddress: await seats.seats.getAddress(),
    wip: story.addresses.WIP,
    creator,
    a,
    b,
    payer,
    keeper,
    c,
    seriesId,
  };
}

/** The sale above ended and was finalized: 60 seats, 20% of the RT returned, 30% still escrowed. */
async function succeededFixture(): Promise<World> {
  const world = await saleFixture();
  const { params } = await world.seats.seats.series(world.seriesId);
  await networkHelpers.time.increaseTo(params.saleEnd + 1n);
  await (await world.seats.seats.finalize(world.seriesId)).wait();
  return world;
}

/** Pays royalties to the IP and returns what the seats contract can now harvest from Story (fork-safe). */
async function payRoyalty(world: World, amount: bigint): Promise<bigint> {
  const before = await world.ip.vault.claimableRevenue(world.seatsAddress, world.wip);
  await payRoyaltyInWip(world.seats.story, world.payer, world.ip.ipId, amount);
  return (await world.ip.vault.claimableRevenue(world.seatsAddress, world.wip)) - before;
}

/** What the two accumulators make of a harvest of `amount` by the only series of an IP. */
function accrual(amount: bigint, rtHeld: bigint, seatSupply: bigint) {
  const perRt = (amount * ACC) / rtHeld;
  const due = (rtHeld * perRt) / ACC;
  const perSeat = (due * ACC) / seatSupply;
  const earned = (seats: bigint) => (seats * perSeat) / ACC;
  return { amount, perRt, due, perSeat, earned };
}

describe("CollaborationSeats — revenue", function () {
  describe("harvest", function () {
    it("is permissionless, pays the caller nothing and spreads the series' share over every seat", async function () {
      const world = await networkHelpers.loadFixture(saleFixture);
      const { seats, ip, seatsAddress, wip, a, b, keeper, seriesId } = world;
      const harvestable = await payRoyalty(world, 100n * WAD);
      expect(harvestable).to.be.greaterThan(0n);
      const { due, perSeat, earned } = accrual(harvestable, HALF, 100n);

      const tx = seats.seats.connect(keeper).harvest(seriesId);
      await expect(tx).to.emit(seats.seats, "RevenueHarvested").withArgs(ip.ipId, wip, harvestable);
      await expect(tx).to.emit(seats.seats, "SeriesRevenueAccrued").withArgs(seriesId, wip, due, perSeat);
      await expect(tx).to.changeTokenBalances(ethers, seats.story.wip, [keeper, seatsAddress], [0n, harvestable]);
      expect(await ip.vault.claimableRevenue(seatsAddress, wip)).to.equal(0n);
      expect(await seats.seats.claimable(seriesId, await a.getAddress(), wip)).to.equal(earned(50n));
      expect(await seats.seats.claimable(seriesId, await b.getAddress(), wip)).to.equal(earned(10n));
      expect(await seats.seats.claimable(seriesId, seatsAddress, wip)).to.equal(earned(40n));
      expect(await seats.seats.claimable(seriesId, await keeper.getAddress(), wip)).to.equal(0n);
      // The smoke numbers: 100 WIP to an IP whose series holds half its RT → 0.5 WIP per seat.
      if (seats.story.mode === "devnet") {
        expect(earned(50n)).to.equal(25n * WAD);
        expect(earned(10n)).to.equal(5n * WAD);
        expect(earned(40n)).to.equal(20n * WAD);
      }
    });

    it("never reverts for lack of revenue and then moves nothing", async function () {
      const { seats, seatsAddress, wip, a, keeper, seriesId } = await networkHelpers.loadFixture(saleFixture);
      const tx = seats.seats.connect(keeper).harvest(seriesId);
      await expect(tx).to.not.emit(seats.seats, "RevenueHarvested");
      await expect(tx).to.not.emit(seats.seats, "SeriesRevenueAccrued");
      await expect(tx).to.changeTokenBalances(ethers, seats.story.wip, [keeper, seatsAddress], [0n, 0n]);
      expect(await seats.seats.claimable(seriesId, await a.getAddress(), wip)).to.equal(0n);
      await expect(seats.seats.harvest(99n)).to.be.revertedWithCustomError(seats.seats, "UnknownSeries").withArgs(99n);
    });
  });

  describe("claim", function () {
    it("by anyone pays the holder exactly its share, once", async function () {
      const world = await networkHelpers.loadFixture(saleFixture);
      const { seats, seatsAddress, wip, a, b, keeper, seriesId } = world;
      const { earned } = accrual(await payRoyalty(world, 100n * WAD), HALF, 100n);
      await (await seats.seats.harvest(seriesId)).wait();
      const aAddress = await a.getAddress();

      const tx = seats.seats.connect(keeper).claim(seriesId, aAddress, wip);
      await expect(tx).to.emit(seats.seats, "RevenueClaimed").withArgs(seriesId, aAddress, aAddress, wip, earned(50n));
      await expect(tx).to.changeTokenBalances(
        ethers,
        seats.story.wip,
        [a, keeper, seatsAddress],
        [earned(50n), 0n, -earned(50n)],
      );
      expect(await seats.seats.claimable(seriesId, aAddress, wip)).to.equal(0n);
      expect(await seats.seats.claimable(seriesId, await b.getAddress(), wip)).to.equal(earned(10n));

      await expect(seats.seats.connect(keeper).claim(seriesId, aAddress, wip)).to.be.revertedWithCustomError(
        seats.seats,
        "NothingToPay",
      );
      expect(await seats.seats.claimable(seriesId, await b.getAddress(), wip)).to.equal(earned(10n));
      expect(await seats.seats.claimable(seriesId, seatsAddress, wip)).to.equal(earned(40n));
    });

    it("claimable matches what claim pays for every holder, after several harvests and a transfer", async function () {
      const world = await networkHelpers.loadFixture(succeededFixture);
      const { seats, seatsAddress, wip, a, b, c, keeper, seriesId } = world;
      await payRoyalty(world, 7n * WAD + 13n);
      await (await seats.seats.harvest(seriesId)).wait();
      await payRoyalty(world, 3n * WAD + 1n);
      await (
        await seats.seats.connect(a).safeTransferFrom(await a.getAddress(), await c.getAddress(), seriesId, 7n, "0x")
      ).wait();
      await payRoyalty(world, WAD / 3n);
      await (await seats.seats.harvest(seriesId)).wait();

      for (const account of [await a.getAddress(), await b.getAddress(), await c.getAddress()]) {
        const shown = await seats.seats.claimable(seriesId, account, wip);
        expect(shown).to.be.greaterThan(0n);
        expect(await seats.seats.connect(keeper).claim.staticCall(seriesId, account, wip)).to.equal(shown);
        const tx = seats.seats.connect(keeper).claim(seriesId, account, wip);
        await expect(tx).to.emit(seats.seats, "RevenueClaimed").withArgs(seriesId, account, account, wip, shown);
        await expect(tx).to.changeTokenBalances(ethers, seats.story.wip, [account, seatsAddress], [shown, -shown]);
        expect(await seats.seats.claimable(seriesId, account, wip)).to.equal(0n);
      }
      // The unsold seats (burnt at finalize) earned only during the sale: nothing of it here.
      expect(await seats.seats.claimable(seriesId, seatsAddress, wip)).to.equal(0n);
    });

    it("claimable counts revenue harvested for the IP by another series before this one pulled it", async function () {
      const world = await networkHelpers.loadFixture(saleFixture);
      const { seats, ip, seatsAddress, wip, creator, a, seriesId } = world;
      const second = await createSeriesFromIpAccount(
        seats,
        ip,
        await seriesParams(seats, ip, { rtAmount: RT_SUPPLY / 10n }),
      );
      const harvestable = await payRoyalty(world, 60n * WAD);
      const perRt = (harvestable * ACC) / (HALF + RT_SUPPLY / 10n);
      // The second series harvests the IP: the first has not pulled its share yet, but the view already counts it.
      await (await seats.seats.harvest(second)).wait();
      const due = (HALF * perRt) / ACC;
      const perSeat = (due * ACC) / 100n;
      const shown = await seats.seats.claimable(seriesId, await a.getAddress(), wip);
      expect(shown).to.equal((50n * perSeat) / ACC);
      expect(await ip.vault.claimableRevenue(seatsAddress, wip)).to.equal(0n);
      await expect(seats.seats.claim(seriesId, await a.getAddress(), wip))
        .to.emit(seats.seats, "RevenueClaimed")
        .withArgs(seriesId, await a.getAddress(), await a.getAddress(), wip, shown);
      expect(await seats.seats.claimable(seriesId, await creator.getAddress(), wip)).to.equal(0n);
    });

    it("reverts NothingToPay when nothing is owed, and UnknownSeries for an unknown id", async function () {
      const world = await networkHelpers.loadFixture(saleFixture);
      const { seats, seatsAddress, wip, creator, a, keeper, seriesId } = world;
      const keeperAddress = await keeper.getAddress();
      // Nothing harvested yet.
      await expect(seats.seats.claim(seriesId, await a.getAddress(), wip)).to.be.revertedWithCustomError(
        seats.seats,
        "NothingToPay",
      );
      await expect(
        seats.seats.connect(creator).claimUnsoldRevenue(seriesId, wip, await creator.getAddress()),
      ).to.be.revertedWithCustomError(seats.seats, "NothingToPay");
      await payRoyalty(world, 10n * WAD);
      await (await seats.seats.harvest(seriesId)).wait();
      // No seats, or a token never harvested.
      await expect(seats.seats.claim(seriesId, keeperAddress, wip)).to.be.revertedWithCustomError(
        seats.seats,
        "NothingToPay",
      );
      await expect(
        seats.seats.claim(seriesId, await a.getAddress(), await seats.story.nft.getAddress()),
      ).to.be.revertedWithCustomError(seats.seats, "NothingToPay");
      await expect(seats.seats.claim(99n, await a.getAddress(), wip))
        .to.be.revertedWithCustomError(seats.seats, "UnknownSeries")
        .withArgs(99n);
      // Nothing moved.
      expect(await seats.story.wip.balanceOf(keeperAddress)).to.equal(0n);
      expect(await seats.seats.claimable(seriesId, await a.getAddress(), wip)).to.be.greaterThan(0n);
      expect(await seats.seats.claimable(seriesId, seatsAddress, wip)).to.be.greaterThan(0n);
    });
  });

  describe("revenue of unsold seats", function () {
    it("goes to the IP owner through claim(series, seats contract, token), whoever calls", async function () {
      const world = await networkHelpers.loadFixture(saleFixture);
      const { seats, seatsAddress, wip, creator, keeper, seriesId } = world;
      const { earned } = accrual(await payRoyalty(world, 100n * WAD), HALF, 100n);
      await (await seats.seats.harvest(seriesId)).wait();
      const unsold = earned(40n);

      const tx = seats.seats.connect(keeper).claim(seriesId, seatsAddress, wip);
      await expect(tx)
        .to.emit(seats.seats, "RevenueClaimed")
        .withArgs(seriesId, seatsAddress, await creator.getAddress(), wip, unsold);
      await expect(tx).to.changeTokenBalances(
        ethers,
        seats.story.wip,
        [creator, keeper, seatsAddress],
        [unsold, 0n, -unsold],
      );
      expect(await seats.seats.claimable(seriesId, seatsAddress, wip)).to.equal(0n);
    });

    it("is paid by claimUnsoldRevenue to the owner's receiver, also after finalize burnt the unsold seats", async function () {
      const world = await networkHelpers.loadFixture(saleFixture);
      const { seats, ip, seatsAddress, wip, creator, a, keeper, c, seriesId } = world;
      const during = accrual(await payRoyalty(world, 100n * WAD), HALF, 100n);
      const unsold = during.earned(40n);
      // Not harvested before the sale ends: finalize harvests before burning the unsold seats.
      const { params } = await seats.seats.series(seriesId);
      await networkHelpers.time.increaseTo(params.saleEnd + 1n);
      const finalize = seats.seats.connect(keeper).finalize(seriesId);
      await expect(finalize).to.emit(seats.seats, "SeriesRevenueAccrued");
      await expect(finalize)
        .to.emit(seats.seats, "SaleFinalized")
        .withArgs(seriesId, true, 60n, (HALF * 40n) / 100n);
      expect(await seats.seats["totalSupply(uint256)"](seriesId)).to.equal(60n);
      expect(await seats.seats.balanceOf(seatsAddress, seriesId)).to.equal(0n);
      expect(await seats.seats.claimable(seriesId, seatsAddress, wip)).to.equal(unsold);

      const cAddress = await c.getAddress();
      await expect(seats.seats.connect(keeper).claimUnsoldRevenue(seriesId, wip, cAddress))
        .to.be.revertedWithCustomError(seats.seats, "NotIpOwner")
        .withArgs(ip.ipId, await keeper.getAddress());
      await expect(
        seats.seats.connect(creator).claimUnsoldRevenue(seriesId, wip, ZeroAddress),
      ).to.be.revertedWithCustomError(seats.seats, "ZeroAddress");
      expect(await seats.seats.claimable(seriesId, seatsAddress, wip)).to.equal(unsold);

      const tx = seats.seats.connect(creator).claimUnsoldRevenue(seriesId, wip, cAddress);
      await expect(tx).to.emit(seats.seats, "RevenueClaimed").withArgs(seriesId, seatsAddress, cAddress, wip, unsold);
      await expect(tx).to.changeTokenBalances(
        ethers,
        seats.story.wip,
        [c, creator, seatsAddress],
        [unsold, 0n, -unsold],
      );
      expect(await seats.seats.claimable(seriesId, seatsAddress, wip)).to.equal(0n);

      // After the sale, revenue goes to the 60 sold seats only (30% of the RT still escrowed).
      const rtHeld = HALF - (HALF * 40n) / 100n;
      const after = accrual(await payRoyalty(world, 100n * WAD), rtHeld, 60n);
      const perSeat = during.perSeat + after.perSeat;
      await expect(seats.seats.harvest(seriesId))
        .to.emit(seats.seats, "SeriesRevenueAccrued")
        .withArgs(seriesId, wip, after.due, perSeat);
      expect(await seats.seats.claimable(seriesId, seatsAddress, wip)).to.equal(0n);
      expect(await seats.seats.claimable(seriesId, await a.getAddress(), wip)).to.equal((50n * perSeat) / ACC);
      if (seats.story.mode === "devnet") {
        expect(after.earned(1n)).to.equal(WAD / 2n);
      }
    });
  });

  describe("transfers", function () {
    it("keep revenue accrued before the transfer (even unharvested on Story) with the seller", async function () {
      const world = await networkHelpers.loadFixture(succeededFixture);
      const { seats, ip, seatsAddress, wip, a, c, seriesId } = world;
      const [aAddress, cAddress] = [await a.getAddress(), await c.getAddress()];
      const rtHeld = HALF - (HALF * 40n) / 100n;
      // Paid to Story, not harvested: the transfer harvests it first.
      const before = accrual(await payRoyalty(world, 100n * WAD), rtHeld, 60n);
      expect(await seats.seats.claimable(seriesId, aAddress, wip)).to.equal(0n);

      const tx = seats.seats.connect(a).safeTransferFrom(aAddress, cAddress, seriesId, 10n, "0x");
      await expect(tx).to.emit(seats.seats, "RevenueHarvested").withArgs(ip.ipId, wip, before.amount);
      await expect(tx).to.emit(seats.seats, "SeriesRevenueAccrued").withArgs(seriesId, wip, before.due, before.perSeat);
      await expect(tx).to.emit(seats.seats, "TransferSingle").withArgs(aAddress, aAddress, cAddress, seriesId, 10n);
      expect(await seats.seats.seatsOf(seriesId, aAddress)).to.equal(40n);
      expect(await seats.seats.seatsOf(seriesId, cAddress)).to.equal(10n);
      expect(await ip.vault.claimableRevenue(seatsAddress, wip)).to.equal(0n);
      expect(await seats.seats.claimable(seriesId, aAddress, wip)).to.equal(before.earned(50n));
      expect(await seats.seats.claimable(seriesId, cAddress, wip)).to.equal(0n);

      // Later revenue follows the seats.
      const later = accrual(await payRoyalty(world, 100n * WAD), rtHeld, 60n);
      await expect(seats.seats.harvest(seriesId))
        .to.emit(seats.seats, "SeriesRevenueAccrued")
        .withArgs(seriesId, wip, later.due, before.perSeat + later.perSeat);
      const delta = later.perSeat;
      expect(await seats.seats.claimable(seriesId, aAddress, wip)).to.equal(before.earned(50n) + (40n * delta) / ACC);
      expect(await seats.seats.claimable(seriesId, cAddress, wip)).to.equal((10n * delta) / ACC);
      await expect(seats.seats.claim(seriesId, cAddress, wip))
        .to.emit(seats.seats, "RevenueClaimed")
        .withArgs(seriesId, cAddress, cAddress, wip, (10n * delta) / ACC);
    });

    it("are locked until the sale succeeded, and a locked transfer moves no revenue", async function () {
      const world = await networkHelpers.loadFixture(saleFixture);
      const { seats, seatsAddress, wip, a, c, seriesId } = world;
      await payRoyalty(world, 10n * WAD);
      await expect(
        seats.seats.connect(a).safeTransferFrom(await a.getAddress(), await c.getAddress(), seriesId, 1n, "0x"),
      )
        .to.be.revertedWithCustomError(seats.seats, "SeatsLocked")
        .withArgs(seriesId);
      expect(await seats.seats.seatsOf(seriesId, await a.getAddress())).to.equal(50n);
      expect(await seats.story.wip.balanceOf(seatsAddress)).to.equal(60n * WAD);
      expect(await seats.seats.claimable(seriesId, await a.getAddress(), wip)).to.equal(0n);
    });
  });

  describe("several series on one IP", function () {
    it("share the IP's revenue pro rata to their RT; revenue before a series existed is not its own", async function () {
      const story = await loadStory(connection);
      const seats = await deploySeats(story);
      const [, creator, a, b, payer, keeper] = await ethers.getSigners();
      const ip = await createIpWithVault(story, creator);
      const seatsAddress = await seats.seats.getAddress();
      const wip = story.addresses.WIP;
      const world = { seats, ip, seatsAddress, wip, payer } as unknown as World;
      const rt1 = (RT_SUPPLY * 3n) / 10n;
      const rt2 = RT_SUPPLY / 10n;
      const first = await createSeriesFromIpAccount(seats, ip, await seriesParams(seats, ip, { rtAmount: rt1 }));
      await openSale(seats, first);
      await buySeatsNative(seats, a, first, 50n);
      // Revenue while only the first series exists is all the first's.
      const early = await payRoyalty(world, 50n * WAD);
      const earlyAcc = accrual(early, rt1, 100n);

      const secondParams = await seriesParams(seats, ip, { rtAmount: rt2 });
      const second = await createSeriesFromIpAccount(seats, ip, secondParams);
      expect(await ip.vault.claimableRevenue(seatsAddress, wip)).to.equal(0n);
      await openSale(seats, second);
      await buySeatsNative(seats, b, second, 40n);
      expect(await seats.seats.claimable(second, await b.getAddress(), wip)).to.equal(0n);
      expect(await seats.seats.claimable(first, await a.getAddress(), wip)).to.equal(earlyAcc.earned(50n));

      const harvestable = await payRoyalty(world, 100n * WAD);
      const perRt = (harvestable * ACC) / (rt1 + rt2);
      // The first series pulls both harvests at once: the early one (harvested when the second was created, before
      // its RT came in) and its RT share of this one.
      const due1 = (rt1 * (earlyAcc.perRt + perRt)) / ACC;
      const due2 = (rt2 * perRt) / ACC;
      const perSeat1 = (due1 * ACC) / 100n;
      const perSeat2 = (due2 * ACC) / 100n;

      const h1 = seats.seats.connect(keeper).harvest(first);
      await expect(h1).to.emit(seats.seats, "RevenueHarvested").withArgs(ip.ipId, wip, harvestable);
      await expect(h1).to.emit(seats.seats, "SeriesRevenueAccrued").withArgs(first, wip, due1, perSeat1);
      await expect(h1).to.changeTokenBalances(ethers, story.wip, [keeper, seatsAddress], [0n, harvestable]);
      const h2 = seats.seats.connect(keeper).harvest(second);
      await expect(h2).to.not.emit(seats.seats, "RevenueHarvested");
      await expect(h2).to.emit(seats.seats, "SeriesRevenueAccrued").withArgs(second, wip, due2, perSeat2);
      // Pro rata to RT (3:1), up to the accumulators' rounding.
      const share1 = due1 - earlyAcc.due;
      expect(share1 + due2).to.be.lessThanOrEqual(harvestable);
      expect(share1 - due2 * 3n).to.be.lessThanOrEqual(3n);
      expect(due2 * 3n - share1).to.be.lessThanOrEqual(3n);
      if (story.mode === "devnet") {
        expect(due1).to.equal(15n * WAD + 30n * WAD);
        expect(due2).to.equal(10n * WAD);
      }

      const aDue = (50n * perSeat1) / ACC;
      const bDue = (40n * perSeat2) / ACC;
      expect(await seats.seats.claimable(first, await a.getAddress(), wip)).to.equal(aDue);
      expect(await seats.seats.claimable(second, await b.getAddress(), wip)).to.equal(bDue);
      await expect(seats.seats.claim(second, await b.getAddress(), wip))
        .to.emit(seats.seats, "RevenueClaimed")
        .withArgs(second, await b.getAddress(), await b.getAddress(), wip, bDue);
      // Claiming one series leaves the other's untouched.
      expect(await seats.seats.claimable(first, await a.getAddress(), wip)).to.equal(aDue);
      expect(await seats.seats.claimable(first, seatsAddress, wip)).to.equal((50n * perSeat1) / ACC);
      expect(await seats.seats.claimable(second, seatsAddress, wip)).to.equal((60n * perSeat2) / ACC);
    });
  });

  describe("disputed IP", function () {
    it("harvest and transfers do not revert and nothing accrues while the IP is tagged", async function () {
      const world = await networkHelpers.loadFixture(succeededFixture);
      const { seats, ip, seatsAddress, wip, a, c, keeper, seriesId } = world;
      const [aAddress, cAddress] = [await a.getAddress(), await c.getAddress()];
      const paid = await payRoyalty(world, 100n * WAD);
      expect(paid).to.be.greaterThan(0n);
      const disputeId = await raiseDispute(seats.story, keeper, ip.ipId);
      await judgeDispute(seats.story, disputeId, true);
      expect(await seats.story.disputes.isIpTagged(ip.ipId)).to.equal(true);
      expect(await ip.vault.claimableRevenue(seatsAddress, wip)).to.equal(0n);
      const wipHeld = await seats.story.wip.balanceOf(seatsAddress);

      const harvest = seats.seats.connect(keeper).harvest(seriesId);
      await expect(harvest).to.not.emit(seats.seats, "RevenueHarvested");
      await expect(harvest).to.not.emit(seats.seats, "SeriesRevenueAccrued");
      const transfer = seats.seats.connect(a).safeTransferFrom(aAddress, cAddress, seriesId, 5n, "0x");
      await expect(transfer)
        .to.emit(seats.seats, "TransferSingle")
        .withArgs(aAddress, aAddress, cAddress, seriesId, 5n);
      await expect(transfer).to.not.emit(seats.seats, "RevenueHarvested");
      expect(await seats.seats.seatsOf(seriesId, aAddress)).to.equal(45n);
      expect(await seats.seats.seatsOf(seriesId, cAddress)).to.equal(5n);
      expect(await seats.story.wip.balanceOf(seatsAddress)).to.equal(wipHeld);
      expect(await seats.seats.claimable(seriesId, aAddress, wip)).to.equal(0n);
      expect(await seats.seats.claimable(seriesId, cAddress, wip)).to.equal(0n);
      await expect(seats.seats.claim(seriesId, aAddress, wip)).to.be.revertedWithCustomError(
        seats.seats,
        "NothingToPay",
      );
    });
  });

  describe("precision", function () {
    it("small harvests on 100 seats never round to zero (1,000 wei of royalties, five times)", async function () {
      const story = await loadStory(connection);
      const seats = await deploySeats(story);
      const [, creator, a, b, payer, , c] = await ethers.getSigners();
      const ip = await createIpWithVault(story, creator);
      const seatsAddress = await seats.seats.getAddress();
      const wip = story.addresses.WIP;
      const world = { seats, ip, seatsAddress, wip, payer } as unknown as World;
      const seriesId = await createSeriesFromIpAccount(seats, ip, await seriesParams(seats, ip));
      await openSale(seats, seriesId);
      await buySeatsNative(seats, a, seriesId, 60n);
      await buySeatsNative(seats, b, seriesId, 33n);
      await buySeatsNative(seats, c, seriesId, 7n);
      await (await seats.seats.connect(creator).closeSaleEarly(seriesId)).wait();

      let perSeat = 0n;
      let harvested = 0n;
      for (let i = 0; i < 5; i++) {
        const amount = await payRoyalty(world, 1_000n);
        expect(amount).to.be.greaterThan(0n);
        const step = accrual(amount, HALF, 100n);
        perSeat += step.perSeat;
        harvested += amount;
        await expect(seats.seats.harvest(seriesId))
          .to.emit(seats.seats, "SeriesRevenueAccrued")
          .withArgs(seriesId, wip, step.due, perSeat);
        expect(step.due).to.equal(amount);
        expect(await seats.seats.claimable(seriesId, await c.getAddress(), wip)).to.be.greaterThan(0n);
      }
      const owed = [60n, 33n, 7n].map((n) => (n * perSeat) / ACC);
      expect(await seats.seats.claimable(seriesId, await a.getAddress(), wip)).to.equal(owed[0]);
      expect(await seats.seats.claimable(seriesId, await b.getAddress(), wip)).to.equal(owed[1]);
      expect(await seats.seats.claimable(seriesId, await c.getAddress(), wip)).to.equal(owed[2]);
      // Nothing stranded beyond one wei per holder.
      expect(owed[0] + owed[1] + owed[2]).to.be.lessThanOrEqual(harvested);
      expect(owed[0] + owed[1] + owed[2] + 3n).to.be.greaterThanOrEqual(harvested);
      if (story.mode === "devnet") {
        expect(owed).to.deep.equal([1_500n, 825n, 175n]);
      }
      await expect(seats.seats.claim(seriesId, await c.getAddress(), wip))
        .to.emit(seats.seats, "RevenueClaimed")
        .withArgs(seriesId, await c.getAddress(), await c.getAddress(), wip, owed[2]);
    });
  });

  describe("a second revenue token", function () {
    it("accrues and is claimed separately from WIP", async function () {
      const world = await networkHelpers.loadFixture(succeededFixture);
      const { seats, ip, seatsAddress, wip, a, payer, keeper, seriesId } = world;
      const stablecoin = seats.story.addresses.Stablecoin;
      // The second revenue token exists on the devnet and on Aeneid (MERC20, freely mintable), not on mainnet.
      if (stablecoin === undefined) this.skip();
      const token = await ethers.getContractAt("DevnetStablecoin", stablecoin);
      const aAddress = await a.getAddress();
      const rtHeld = HALF - (HALF * 40n) / 100n;
      const wipDue = accrual(await payRoyalty(world, 10n * WAD), rtHeld, 60n);

      const amount = 1_000n * 10n ** 6n;
      await (await token.mint(await payer.getAddress(), amount)).wait();
      await (await token.connect(payer).approve(seats.story.addresses.RoyaltyModule, amount)).wait();
      await (
        await seats.story.royalty.connect(payer).payRoyaltyOnBehalf(ip.ipId, ZeroAddress, stablecoin, amount)
      ).wait();
      const harvestable = await ip.vault.claimableRevenue(seatsAddress, stablecoin);
      const stableDue = accrual(harvestable, rtHeld, 60n);

      const tx = seats.seats.connect(keeper).harvest(seriesId);
      await expect(tx).to.emit(seats.seats, "RevenueHarvested").withArgs(ip.ipId, stablecoin, harvestable);
      await expect(tx).to.emit(seats.seats, "RevenueHarvested").withArgs(ip.ipId, wip, wipDue.amount);
      await expect(tx)
        .to.emit(seats.seats, "SeriesRevenueAccrued")
        .withArgs(seriesId, stablecoin, stableDue.due, stableDue.perSeat);
      await expect(tx).to.changeTokenBalances(ethers, token, [keeper, seatsAddress], [0n, harvestable]);
      expect(await seats.seats.claimable(seriesId, aAddress, stablecoin)).to.equal(stableDue.earned(50n));
      expect(await seats.seats.claimable(seriesId, aAddress, wip)).to.equal(wipDue.earned(50n));

      const claim = seats.seats.claim(seriesId, aAddress, stablecoin);
      await expect(claim)
        .to.emit(seats.seats, "RevenueClaimed")
        .withArgs(seriesId, aAddress, aAddress, stablecoin, stableDue.earned(50n));
      await expect(claim).to.changeTokenBalances(
        ethers,
        token,
        [a, seatsAddress],
        [stableDue.earned(50n), -stableDue.earned(50n)],
      );
      await expect(claim).to.changeTokenBalances(ethers, seats.story.wip, [a], [0n]);
      expect(await seats.seats.claimable(seriesId, aAddress, stablecoin)).to.equal(0n);
      expect(await seats.seats.claimable(seriesId, aAddress, wip)).to.equal(wipDue.earned(50n));
      await expect(seats.seats.claim(seriesId, aAddress, stablecoin)).to.be.revertedWithCustomError(
        seats.seats,
        "NothingToPay",
      );
      if (seats.story.mode === "devnet") {
        expect(stableDue.earned(50n)).to.equal((((amount * 30n) / 100n) * 50n) / 60n);
      }
    });
  });
});
