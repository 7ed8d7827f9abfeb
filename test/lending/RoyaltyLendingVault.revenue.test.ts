/**
 * RoyaltyLendingVault, revenue side: permissionless harvest of the pledged RT's royalties from the IP's Story royalty
 * vault, the O(1) per-RT accumulator splitting it across positions, settlement against debt, credits (revenue beyond
 * the debt and non-loan tokens), disputed IPs, and the self-repaying loan end to end. Runs through the fixtures only,
 * so it also runs on a fork of Story.
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
  transferRoyaltyTokensFromIp,
  type IpWithVault,
} from "../fixtures/story.ts";
import {
  DAY,
  WAD,
  deployLending,
  depositWip,
  listIp,
  openPositionFromIpAccount,
  type Lending,
} from "../fixtures/lending.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

/** The accumulator's scale (RevenueAccumulator.PRECISION). */
const ACC = 10n ** 36n;
const VIRTUAL_SHARES = 10n ** 6n;
const IP_VALUE = 1_000n * WAD;
const LENT = 1_000n * WAD;
const BORROWED = 100n * WAD;
const HALF = RT_SUPPLY / 2n;

const mulDivUp = (x: bigint, y: bigint, d: bigint) => (x * y + d - 1n) / d;

interface World {
  lending: Lending;
  ip: IpWithVault;
  vaultAddress: string;
  wipAddress: string;
  creator: Signer;
  lender: Signer;
  payer: Signer;
  keeper: Signer;
  other: Signer;
}

async function baseWorld(zeroRate: boolean): Promise<World> {
  const story = await loadStory(connection);
  const lending = await deployLending(story);
  if (zeroRate) {
    // A zero-rate model keeps debts still between blocks, so every amount below is exact.
    const model = await ethers.deployContract("KinkedRateModel", [0n, 0n, 0n, (80n * WAD) / 100n]);
    await (await lending.vault.connect(lending.riskManager).setInterestRateModel(await model.getAddress())).wait();
  }
  const [, creator, lender, payer, keeper, other] = await ethers.getSigners();
  const ip = await createIpWithVault(story, creator);
  await listIp(lending, ip.ipId, IP_VALUE);
  await depositWip(lending, lender, LENT);
  return {
    lending,
    ip,
    vaultAddress: await lending.vault.getAddress(),
    wipAddress: story.addresses.WIP,
    creator,
    lender,
    payer,
    keeper,
    other,
  };
}

/** Half the IP's RT pledged from the IP account, 100 WIP borrowed; interest rate zero. */
async function borrowedFixture() {
  const world = await baseWorld(true);
  const positionId = await openPositionFromIpAccount(world.lending, world.ip, HALF);
  await (
    await world.lending.vault.connect(world.creator).borrow(positionId, BORROWED, await world.creator.getAddress())
  ).wait();
  return { ...world, positionId };
}

/** Same, with the deployment's real kinked rate model (interest accrues). */
async function borrowedWithInterestFixture() {
  const world = await baseWorld(false);
  const positionId = await openPositionFromIpAccount(world.lending, world.ip, HALF);
  await (
    await world.lending.vault.connect(world.creator).borrow(positionId, BORROWED, await world.creator.getAddress())
  ).wait();
  return { ...world, positionId };
}

/** 30% of the RT pledged from the IP account (position A); `other` holds 10% of the RT, not yet pledged. */
async function twoHoldersFixture() {
  const world = await baseWorld(true);
  const positionA = await openPositionFromIpAccount(world.lending, world.ip, (RT_SUPPLY * 3n) / 10n);
  await transferRoyaltyTokensFromIp(world.ip, await world.other.getAddress(), RT_SUPPLY / 10n);
  await (await world.ip.vault.connect(world.other).approve(world.vaultAddress, RT_SUPPLY / 10n)).wait();
  const positionB = await world.lending.vault.connect(world.other).openPosition.staticCall(world.ip.ipId);
  await (await world.lending.vault.connect(world.other).openPosition(world.ip.ipId)).wait();
  return { ...world, positionA, positionB };
}

/** Both holders pledged: A 30%, B 10% of the RT. */
async function twoPositionsFixture() {
  const world = await twoHoldersFixture();
  await (await world.lending.vault.connect(world.other).addCollateral(world.positionB, RT_SUPPLY / 10n)).wait();
  return world;
}

/** Pays `amount` WIP of royalties to the IP; returns what its royalty vault received (after any Story fee). */
async function payRoyalty(world: World, amount: bigint): Promise<bigint> {
  const before = await world.ip.vault.vaultAccBalances(world.wipAddress);
  await payRoyaltyInWip(world.lending.story, world.payer, world.ip.ipId, amount);
  return (await world.ip.vault.vaultAccBalances(world.wipAddress)) - before;
}

/**
 * Pays `amount` of the devnet stablecoin (a second revenue token, minted to the payer) as royalties to the IP; returns
 * the token and what the IP's royalty vault received.
 */
async function payStablecoinRoyalty(world: World, stablecoin: string, amount: bigint) {
  const { lending, ip, payer } = world;
  const token = await ethers.getContractAt("DevnetStablecoin", stablecoin);
  await (await token.mint(await payer.getAddress(), amount)).wait();
  await (await token.connect(payer).approve(lending.story.addresses.RoyaltyModule, amount)).wait();
  const accBefore = await ip.vault.vaultAccBalances(stablecoin);
  await (
    await lending.story.royalty.connect(payer).payRoyaltyOnBehalf(ip.ipId, ZeroAddress, stablecoin, amount)
  ).wait();
  return { token, received: (await ip.vault.vaultAccBalances(stablecoin)) - accBefore };
}

/** A position's debt from its borrow shares (rounded up), without pending revenue: what `settle` changes. */
async function bookedDebt(lending: Lending, positionId: bigint): Promise<bigint> {
  const p = await lending.vault.position(positionId);
  const assets = await lending.vault.totalBorrowAssets();
  const shares = await lending.vault.totalBorrowShares();
  return mulDivUp(p.borrowShares, assets + 1n, shares + VIRTUAL_SHARES);
}

describe(`RoyaltyLendingVault — revenue (${connection.networkName})`, function () {
  describe("harvest", function () {
    it("is permissionless, pays the caller nothing and claims the pledged RT's revenue into the accumulator", async function () {
      const world = await networkHelpers.loadFixture(borrowedFixture);
      const { lending, ip, vaultAddress, wipAddress, keeper } = world;
      const received = await payRoyalty(world, 40n * WAD);
      const share = (received * HALF) / RT_SUPPLY;
      expect(await ip.vault.claimableRevenue(vaultAddress, wipAddress)).to.equal(share);
      const perRt = (share * ACC) / HALF;
      const debtBefore = await bookedDebt(lending, world.positionId);

      const tx = lending.vault.connect(keeper).harvest(ip.ipId);
      await expect(tx).to.emit(lending.vault, "RevenueHarvested").withArgs(ip.ipId, wipAddress, share, perRt);
      await expect(tx).to.changeTokenBalances(
        ethers,
        lending.story.wip,
        [keeper, vaultAddress, await ip.vault.getAddress()],
        [0n, share, -share],
      );
      await expect(tx).to.not.emit(lending.vault, "RevenueApplied");

      expect(await lending.vault.revenuePerRt(ip.ipId, wipAddress)).to.equal(perRt);
      expect(await ip.vault.claimableRevenue(vaultAddress, wipAddress)).to.equal(0n);
      // Harvest only raises the accumulator: the booked debt moves on settlement, the view already nets it.
      expect(await bookedDebt(lending, world.positionId)).to.equal(debtBefore);
      expect(await lending.vault.debtOf(world.positionId)).to.equal(debtBefore - share);
      // The keeper got no vault shares either.
      expect(await lending.vault.balanceOf(await keeper.getAddress())).to.equal(0n);
    });

    it("reverts with MarketNotListed for an unlisted IP", async function () {
      const { lending, other } = await networkHelpers.loadFixture(borrowedFixture);
      const stranger = await other.getAddress();
      await expect(lending.vault.harvest(stranger))
        .to.be.revertedWithCustomError(lending.vault, "MarketNotListed")
        .withArgs(stranger);
    });

    it("does nothing and does not revert when nothing is claimable", async function () {
      const { lending, ip, vaultAddress, wipAddress, keeper, positionId } =
        await networkHelpers.loadFixture(borrowedFixture);
      const tx = lending.vault.connect(keeper).harvest(ip.ipId);
      await expect(tx).to.not.emit(lending.vault, "RevenueHarvested");
      await expect(tx).to.changeTokenBalances(ethers, lending.story.wip, [keeper, vaultAddress], [0n, 0n]);
      expect(await lending.vault.revenuePerRt(ip.ipId, wipAddress)).to.equal(0n);
      expect(await lending.vault.debtOf(positionId)).to.equal(BORROWED);
    });

    it("does nothing and does not revert on a disputed (tagged) IP; the position is then valued at zero", async function () {
      const world = await networkHelpers.loadFixture(borrowedFixture);
      const { lending, ip, vaultAddress, wipAddress, keeper, other } = world;
      await payRoyalty(world, 40n * WAD);
      const disputeId = await raiseDispute(lending.story, other, ip.ipId);
      await judgeDispute(lending.story, disputeId, true);
      expect(await lending.story.disputes.isIpTagged(ip.ipId)).to.equal(true);
      expect(await ip.vault.claimableRevenue(vaultAddress, wipAddress)).to.equal(0n);

      const tx = lending.vault.connect(keeper).harvest(ip.ipId);
      await expect(tx).to.not.emit(lending.vault, "RevenueHarvested");
      await expect(tx).to.changeTokenBalances(
        ethers,
        lending.story.wip,
        [keeper, vaultAddress, await ip.vault.getAddress()],
        [0n, 0n, 0n],
      );
      await expect(lending.vault.settle(world.positionId)).to.not.emit(lending.vault, "RevenueApplied");
      expect(await lending.vault.revenuePerRt(ip.ipId, wipAddress)).to.equal(0n);
      expect(await lending.vault.debtOf(world.positionId)).to.equal(BORROWED);
      expect(await lending.vault.healthFactor(world.positionId)).to.equal(0n);
    });
  });

  describe("settle", function () {
    it("applies the position's share to its debt: debt falls by exactly the share, idle liquidity rises, totalAssets holds", async function () {
      const world = await networkHelpers.loadFixture(borrowedFixture);
      const { lending, ip, vaultAddress, wipAddress, keeper, positionId } = world;
      const received = await payRoyalty(world, 40n * WAD);
      const share = (received * HALF) / RT_SUPPLY;
      await (await lending.vault.connect(keeper).harvest(ip.ipId)).wait();

      const debtBefore = await bookedDebt(lending, positionId);
      const totalDebtBefore = await lending.vault.totalDebt();
      const idleBefore = await lending.vault.idleLiquidity();
      const assetsBefore = await lending.vault.totalAssets();
      expect(debtBefore).to.equal(BORROWED);

      const tx = lending.vault.connect(keeper).settle(positionId);
      await expect(tx).to.emit(lending.vault, "RevenueApplied").withArgs(positionId, wipAddress, share, 0n);
      await expect(tx).to.changeTokenBalances(ethers, lending.story.wip, [keeper, vaultAddress], [0n, 0n]);

      expect(await bookedDebt(lending, positionId)).to.equal(debtBefore - share);
      expect(await lending.vault.debtOf(positionId)).to.equal(debtBefore - share);
      expect(await lending.vault.totalDebt()).to.equal(totalDebtBefore - share);
      expect(await lending.vault.idleLiquidity()).to.equal(idleBefore + share);
      expect(await lending.vault.totalAssets()).to.equal(assetsBefore);
      expect(await lending.vault.creditOf(positionId, wipAddress)).to.equal(0n);
      // Settling twice applies nothing more.
      await expect(lending.vault.settle(positionId)).to.not.emit(lending.vault, "RevenueApplied");
      expect(await lending.vault.totalDebt()).to.equal(totalDebtBefore - share);
    });

    it("reverts with UnknownPosition for a position that does not exist", async function () {
      const { lending } = await networkHelpers.loadFixture(borrowedFixture);
      await expect(lending.vault.settle(99n))
        .to.be.revertedWithCustomError(lending.vault, "UnknownPosition")
        .withArgs(99n);
    });

    it("turns revenue beyond the debt into withdrawable credit and clears the maturity", async function () {
      const world = await networkHelpers.loadFixture(borrowedFixture);
      const { lending, ip, vaultAddress, wipAddress, creator, other, positionId } = world;
      const received = await payRoyalty(world, 400n * WAD);
      const share = (received * HALF) / RT_SUPPLY;
      const surplus = share - BORROWED;
      await (await lending.vault.harvest(ip.ipId)).wait();
      expect(await lending.vault.debtOf(positionId)).to.equal(0n);
      expect(await lending.vault.creditOf(positionId, wipAddress)).to.equal(surplus);
      expect((await lending.vault.position(positionId)).maturity).to.not.equal(0n);

      await expect(lending.vault.settle(positionId))
        .to.emit(lending.vault, "RevenueApplied")
        .withArgs(positionId, wipAddress, BORROWED, surplus);
      const p = await lending.vault.position(positionId);
      expect(p.borrowShares).to.equal(0n);
      expect(p.maturity).to.equal(0n);
      expect(await lending.vault.totalDebt()).to.equal(0n);
      expect(await lending.vault.idleLiquidity()).to.equal(LENT);
      expect(await lending.vault.creditOf(positionId, wipAddress)).to.equal(surplus);

      await expect(lending.vault.connect(other).withdrawCredit(positionId, wipAddress, await other.getAddress()))
        .to.be.revertedWithCustomError(lending.vault, "NotPositionOwner")
        .withArgs(positionId, await other.getAddress());
      await expect(
        lending.vault.connect(creator).withdrawCredit(positionId, wipAddress, ZeroAddress),
      ).to.be.revertedWithCustomError(lending.vault, "ZeroAddress");

      const tx = lending.vault.connect(creator).withdrawCredit(positionId, wipAddress, await creator.getAddress());
      await expect(tx)
        .to.emit(lending.vault, "CreditWithdrawn")
        .withArgs(positionId, wipAddress, await creator.getAddress(), surplus);
      await expect(tx).to.changeTokenBalances(ethers, lending.story.wip, [creator, vaultAddress], [surplus, -surplus]);
      expect(await lending.vault.creditOf(positionId, wipAddress)).to.equal(0n);
      expect(await lending.vault.totalAssets()).to.equal(LENT);
      await expect(
        lending.vault.connect(creator).withdrawCredit(positionId, wipAddress, await creator.getAddress()),
      ).to.be.revertedWithCustomError(lending.vault, "ZeroAmount");
    });

    it("credits revenue in a non-loan token (the stablecoin) and lets the borrower withdraw it", async function () {
      const world = await networkHelpers.loadFixture(borrowedFixture);
      const { lending, ip, vaultAddress, wipAddress, creator, positionId } = world;
      const stablecoin = lending.story.addresses.Stablecoin;
      // The second revenue token exists on the devnet and on Aeneid (MERC20, also freely mintable), not on mainnet.
      if (stablecoin === undefined) this.skip();
      const { token, received } = await payStablecoinRoyalty(world, stablecoin, 1_000n * 10n ** 6n);
      const share = (received * HALF) / RT_SUPPLY;
      const perRt = (share * ACC) / HALF;
      const credited = (HALF * perRt) / ACC;

      const harvest = lending.vault.harvest(ip.ipId);
      await expect(harvest).to.emit(lending.vault, "RevenueHarvested").withArgs(ip.ipId, stablecoin, share, perRt);
      await expect(harvest).to.changeTokenBalances(ethers, token, [vaultAddress], [share]);
      expect(await lending.vault.creditOf(positionId, stablecoin)).to.equal(credited);
      // Stablecoin revenue repays nothing: it is not the loan asset.
      expect(await lending.vault.debtOf(positionId)).to.equal(BORROWED);

      await expect(lending.vault.settle(positionId))
        .to.emit(lending.vault, "RevenueApplied")
        .withArgs(positionId, stablecoin, 0n, credited);
      expect(await lending.vault.totalDebt()).to.equal(BORROWED);
      expect(await lending.vault.creditOf(positionId, wipAddress)).to.equal(0n);

      const withdraw = lending.vault
        .connect(creator)
        .withdrawCredit(positionId, stablecoin, await creator.getAddress());
      await expect(withdraw)
        .to.emit(lending.vault, "CreditWithdrawn")
        .withArgs(positionId, stablecoin, await creator.getAddress(), credited);
      await expect(withdraw).to.changeTokenBalances(ethers, token, [creator, vaultAddress], [credited, -credited]);
      expect(await lending.vault.creditOf(positionId, stablecoin)).to.equal(0n);
      expect(await lending.vault.totalAssets()).to.equal(LENT);
    });
  });

  describe("several revenue tokens", function () {
    it("applies only the token whose accumulator moved: a stablecoin harvest leaves the settled WIP untouched", async function () {
      const world = await networkHelpers.loadFixture(borrowedFixture);
      const { lending, ip, wipAddress, positionId } = world;
      const stablecoin = lending.story.addresses.Stablecoin;
      if (stablecoin === undefined) this.skip();
      const wipShare = ((await payRoyalty(world, 10n * WAD)) * HALF) / RT_SUPPLY;
      await (await lending.vault.harvest(ip.ipId)).wait();
      const wipDue = (HALF * ((wipShare * ACC) / HALF)) / ACC;
      await expect(lending.vault.settle(positionId))
        .to.emit(lending.vault, "RevenueApplied")
        .withArgs(positionId, wipAddress, wipDue, 0n);

      const { received } = await payStablecoinRoyalty(world, stablecoin, 1_000n * 10n ** 6n);
      const share = (received * HALF) / RT_SUPPLY;
      await (await lending.vault.harvest(ip.ipId)).wait();
      expect((await lending.vault.market(ip.ipId)).revenueEpoch).to.equal(2n);
      const debtBefore = await lending.vault.debtOf(positionId);

      const receipt = (await (await lending.vault.settle(positionId)).wait())!;
      const applied = receipt.logs
        .map((log) => lending.vault.interface.parseLog(log))
        .filter((event) => event?.name === "RevenueApplied")
        .map((event) => [...event!.args]);
      const credited = (HALF * ((share * ACC) / HALF)) / ACC;
      expect(applied).to.deep.equal([[positionId, stablecoin, 0n, credited]]);
      expect(await lending.vault.debtOf(positionId)).to.equal(debtBefore);
      expect(await lending.vault.creditOf(positionId, stablecoin)).to.equal(credited);
      expect((await lending.vault.position(positionId)).revenueEpoch).to.equal(2n);
    });
  });

  describe("several positions on one IP", function () {
    it("split revenue pro rata to pledged RT", async function () {
      const world = await networkHelpers.loadFixture(twoPositionsFixture);
      const { lending, ip, vaultAddress, wipAddress, positionA, positionB } = world;
      const pledged = (RT_SUPPLY * 4n) / 10n;
      expect((await lending.vault.market(ip.ipId)).totalCollateral).to.equal(pledged);
      expect(await ip.vault.balanceOf(vaultAddress)).to.equal(pledged);
      const received = await payRoyalty(world, 100n * WAD);
      const share = (received * pledged) / RT_SUPPLY;
      const perRt = (share * ACC) / pledged;
      const dueA = (((RT_SUPPLY * 3n) / 10n) * perRt) / ACC;
      const dueB = ((RT_SUPPLY / 10n) * perRt) / ACC;

      await expect(lending.vault.harvest(ip.ipId))
        .to.emit(lending.vault, "RevenueHarvested")
        .withArgs(ip.ipId, wipAddress, share, perRt);
      expect(await lending.vault.creditOf(positionA, wipAddress)).to.equal(dueA);
      expect(await lending.vault.creditOf(positionB, wipAddress)).to.equal(dueB);
      // A holds 30% of the IP's RT, B 10%: 30% and 10% of what the IP received (to the wei, both rounded down).
      expect(dueA).to.be.closeTo((received * 3n) / 10n, 1n);
      expect(dueB).to.be.closeTo(received / 10n, 1n);
      expect(dueA + dueB).to.be.lte(share);

      await expect(lending.vault.settle(positionA))
        .to.emit(lending.vault, "RevenueApplied")
        .withArgs(positionA, wipAddress, 0n, dueA);
      await expect(lending.vault.settle(positionB))
        .to.emit(lending.vault, "RevenueApplied")
        .withArgs(positionB, wipAddress, 0n, dueB);
      await expect(
        lending.vault.connect(world.other).withdrawCredit(positionB, wipAddress, await world.other.getAddress()),
      ).to.changeTokenBalances(ethers, lending.story.wip, [world.other, vaultAddress], [dueB, -dueB]);
    });

    it("gives a position that pledges after revenue accrued none of it (addCollateral harvests first)", async function () {
      const world = await networkHelpers.loadFixture(twoHoldersFixture);
      const { lending, ip, wipAddress, other, positionA, positionB } = world;
      const pledgedA = (RT_SUPPLY * 3n) / 10n;
      const first = await payRoyalty(world, 100n * WAD);
      const share1 = (first * pledgedA) / RT_SUPPLY;
      const perRt1 = (share1 * ACC) / pledgedA;

      const pledge = lending.vault.connect(other).addCollateral(positionB, RT_SUPPLY / 10n);
      await expect(pledge).to.emit(lending.vault, "RevenueHarvested").withArgs(ip.ipId, wipAddress, share1, perRt1);
      await expect(pledge)
        .to.emit(lending.vault, "CollateralAdded")
        .withArgs(positionB, await other.getAddress(), RT_SUPPLY / 10n);
      expect(await lending.vault.creditOf(positionB, wipAddress)).to.equal(0n);
      const dueA1 = (pledgedA * perRt1) / ACC;
      expect(await lending.vault.creditOf(positionA, wipAddress)).to.equal(dueA1);

      const pledged = pledgedA + RT_SUPPLY / 10n;
      const second = await payRoyalty(world, 100n * WAD);
      const share2 = (second * pledged) / RT_SUPPLY;
      const perRt2 = perRt1 + (share2 * ACC) / pledged;
      await expect(lending.vault.harvest(ip.ipId))
        .to.emit(lending.vault, "RevenueHarvested")
        .withArgs(ip.ipId, wipAddress, share2, perRt2);
      expect(await lending.vault.creditOf(positionA, wipAddress)).to.equal((pledgedA * perRt2) / ACC);
      expect(await lending.vault.creditOf(positionB, wipAddress)).to.equal(
        ((RT_SUPPLY / 10n) * (perRt2 - perRt1)) / ACC,
      );
      // B: 10% of the second payment only; A: 30% of both.
      expect(await lending.vault.creditOf(positionB, wipAddress)).to.be.closeTo(second / 10n, 1n);
      expect(await lending.vault.creditOf(positionA, wipAddress)).to.be.closeTo(((first + second) * 3n) / 10n, 2n);
    });

    it("counts revenue epochs: only a harvest that distributes advances one, and settling records it", async function () {
      const world = await networkHelpers.loadFixture(twoHoldersFixture);
      const { lending, ip, wipAddress, other, positionA, positionB } = world;
      const pledgedA = (RT_SUPPLY * 3n) / 10n;
      expect((await lending.vault.market(ip.ipId)).revenueEpoch).to.equal(0n);
      await expect(lending.vault.harvest(ip.ipId)).to.not.emit(lending.vault, "RevenueHarvested");
      expect((await lending.vault.market(ip.ipId)).revenueEpoch).to.equal(0n);

      const first = await payRoyalty(world, 100n * WAD);
      const perRt1 = (((first * pledgedA) / RT_SUPPLY) * ACC) / pledgedA;
      await (await lending.vault.harvest(ip.ipId)).wait();
      expect((await lending.vault.market(ip.ipId)).revenueEpoch).to.equal(1n);
      expect((await lending.vault.position(positionA)).revenueEpoch).to.equal(0n);
      await expect(lending.vault.settle(positionA))
        .to.emit(lending.vault, "RevenueApplied")
        .withArgs(positionA, wipAddress, 0n, (pledgedA * perRt1) / ACC);
      expect((await lending.vault.position(positionA)).revenueEpoch).to.equal(1n);
      await expect(lending.vault.settle(positionA)).to.not.emit(lending.vault, "RevenueApplied");
      expect(await lending.vault.creditOf(positionA, wipAddress)).to.equal((pledgedA * perRt1) / ACC);

      // B, still empty, first pledges after that epoch: its checkpoint starts at the accumulator, so it earns only
      // the next payment.
      await (await lending.vault.connect(other).addCollateral(positionB, RT_SUPPLY / 10n)).wait();
      expect((await lending.vault.position(positionB)).revenueEpoch).to.equal(1n);
      expect(await lending.vault.creditOf(positionB, wipAddress)).to.equal(0n);
      const pledged = pledgedA + RT_SUPPLY / 10n;
      const second = await payRoyalty(world, 100n * WAD);
      const perRt2 = perRt1 + (((second * pledged) / RT_SUPPLY) * ACC) / pledged;
      await (await lending.vault.harvest(ip.ipId)).wait();
      expect((await lending.vault.market(ip.ipId)).revenueEpoch).to.equal(2n);
      await expect(lending.vault.settle(positionB))
        .to.emit(lending.vault, "RevenueApplied")
        .withArgs(positionB, wipAddress, 0n, ((RT_SUPPLY / 10n) * (perRt2 - perRt1)) / ACC);
      expect(await lending.vault.creditOf(positionA, wipAddress)).to.equal((pledgedA * perRt2) / ACC);
    });

    it("lets a position that withdraws collateral keep what accrued before", async function () {
      const world = await networkHelpers.loadFixture(twoPositionsFixture);
      const { lending, ip, wipAddress, creator, positionA, positionB } = world;
      const first = await payRoyalty(world, 100n * WAD);
      const pledged = (RT_SUPPLY * 4n) / 10n;
      const perRt1 = (((first * pledged) / RT_SUPPLY) * ACC) / pledged;
      const dueA1 = (((RT_SUPPLY * 3n) / 10n) * perRt1) / ACC;
      expect(dueA1).to.be.closeTo((first * 3n) / 10n, 1n);
      const creatorAddress = await creator.getAddress();
      const withdrawn = (RT_SUPPLY * 2n) / 10n;

      const tx = lending.vault.connect(creator).withdrawCollateral(positionA, withdrawn, creatorAddress);
      await expect(tx).to.emit(lending.vault, "RevenueHarvested");
      await expect(tx).to.emit(lending.vault, "RevenueApplied").withArgs(positionA, wipAddress, 0n, dueA1);
      await expect(tx).to.emit(lending.vault, "CollateralWithdrawn").withArgs(positionA, creatorAddress, withdrawn);
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [creator], [withdrawn]);
      expect((await lending.vault.position(positionA)).collateral).to.equal(RT_SUPPLY / 10n);
      expect(await lending.vault.creditOf(positionA, wipAddress)).to.equal(dueA1);

      // Next revenue: A and B now pledge 10% each; B also has its 10% of the first payment pending.
      const second = await payRoyalty(world, 100n * WAD);
      const perRt2 = perRt1 + (((second * (RT_SUPPLY / 5n)) / RT_SUPPLY) * ACC) / (RT_SUPPLY / 5n);
      await (await lending.vault.harvest(ip.ipId)).wait();
      const dueA2 = ((RT_SUPPLY / 10n) * (perRt2 - perRt1)) / ACC;
      expect(await lending.vault.creditOf(positionA, wipAddress)).to.equal(dueA1 + dueA2);
      expect(await lending.vault.creditOf(positionB, wipAddress)).to.equal(((RT_SUPPLY / 10n) * perRt2) / ACC);
      expect(dueA1 + dueA2).to.be.closeTo((first * 3n) / 10n + second / 10n, 2n);
    });
  });

  describe("trailingRevenuePerRt", function () {
    it("reports harvested revenue per RT unit (1e18 scale) over a trailing window", async function () {
      const world = await networkHelpers.loadFixture(borrowedFixture);
      const { lending, ip, wipAddress } = world;
      const listedAt = (await lending.vault.trailingRevenuePerRt(ip.ipId, wipAddress, 30n * DAY))[1];
      expect((await lending.vault.trailingRevenuePerRt(ip.ipId, wipAddress, 30n * DAY))[0]).to.equal(0n);

      // The history keeps one snapshot per day (the day's last): harvest on a later day than the listing, so the
      // listing's zero snapshot is kept as the start of the window.
      await networkHelpers.time.increase(DAY);
      const share1 = ((await payRoyalty(world, 40n * WAD)) * HALF) / RT_SUPPLY;
      await (await lending.vault.harvest(ip.ipId)).wait();
      const harvestedAt = BigInt(await networkHelpers.time.latest());
      const perRt1 = (share1 * ACC) / HALF;
      const [revenue1, since1] = await lending.vault.trailingRevenuePerRt(ip.ipId, wipAddress, 30n * DAY);
      expect(revenue1).to.equal(perRt1 / 10n ** 18n);
      expect(since1).to.equal(listedAt);

      await networkHelpers.time.increase(10n * DAY);
      const share2 = ((await payRoyalty(world, 10n * WAD)) * HALF) / RT_SUPPLY;
      await (await lending.vault.harvest(ip.ipId)).wait();
      const perRt2 = perRt1 + (share2 * ACC) / HALF;
      // A 5-day window starts at the first harvest's snapshot: only the second harvest counts.
      const [revenue5, since5] = await lending.vault.trailingRevenuePerRt(ip.ipId, wipAddress, 5n * DAY);
      expect(revenue5).to.equal((perRt2 - perRt1) / 10n ** 18n);
      expect(since5).to.equal(harvestedAt);
      const [revenue30, since30] = await lending.vault.trailingRevenuePerRt(ip.ipId, wipAddress, 30n * DAY);
      expect(revenue30).to.equal(perRt2 / 10n ** 18n);
      expect(since30).to.equal(listedAt);
    });
  });

  describe("self-repaying loan, end to end", function () {
    it("repays itself from royalties month after month, then closes returning all RT and the surplus", async function () {
      const world = await networkHelpers.loadFixture(borrowedWithInterestFixture);
      const { lending, ip, vaultAddress, wipAddress, creator, keeper, positionId } = world;
      const ipAccount = ip.ipId;
      expect(await ip.vault.balanceOf(ipAccount)).to.equal(RT_SUPPLY - HALF);

      let previousDebt = await lending.vault.debtOf(positionId);
      let harvested = 0n;
      let repaidByRevenue = 0n;
      let creditedByRevenue = 0n;
      let months = 0;
      let monthlyShare = 0n;
      while ((await lending.vault.debtOf(positionId)) > 0n) {
        expect(months).to.be.lt(12, "the loan should repay itself within a year");
        await networkHelpers.time.increase(30n * DAY);
        // Interest accrues while waiting for the month's royalties.
        expect(await lending.vault.debtOf(positionId)).to.be.gt(previousDebt);
        const received = await payRoyalty(world, 50n * WAD);
        monthlyShare = (received * HALF) / RT_SUPPLY;
        const harvestReceipt = await (await lending.vault.connect(keeper).harvest(ip.ipId)).wait();
        for (const log of harvestReceipt!.logs) {
          const parsed = lending.vault.interface.parseLog(log);
          if (parsed?.name === "RevenueHarvested") harvested += parsed.args.amount as bigint;
        }
        const settleReceipt = await (await lending.vault.connect(keeper).settle(positionId)).wait();
        for (const log of settleReceipt!.logs) {
          const parsed = lending.vault.interface.parseLog(log);
          if (parsed?.name === "RevenueApplied") {
            repaidByRevenue += parsed.args.repaid as bigint;
            creditedByRevenue += parsed.args.credited as bigint;
          }
        }
        const debt = await lending.vault.debtOf(positionId);
        expect(debt).to.be.lt(previousDebt);
        previousDebt = debt;
        months += 1;
      }
      // 25 WIP a month against 100 WIP plus interest: the fifth month's royalties finish the loan.
      expect(months).to.equal(Number(BORROWED / monthlyShare) + 1);
      // Everything harvested went to the debt or the borrower's credit (at most 1 wei of accumulator dust a month).
      expect(harvested - repaidByRevenue - creditedByRevenue).to.be.gte(0n);
      expect(harvested - repaidByRevenue - creditedByRevenue).to.be.lte(BigInt(months));
      expect(repaidByRevenue).to.be.gt(BORROWED);
      expect(await lending.vault.totalDebt()).to.equal(0n);
      const p = await lending.vault.position(positionId);
      expect(p.borrowShares).to.equal(0n);
      expect(p.maturity).to.equal(0n);
      // Lenders earned the interest the royalties paid (less the treasury's reserve).
      expect(await lending.vault.totalAssets()).to.equal(LENT + (repaidByRevenue - BORROWED));

      const surplus = await lending.vault.creditOf(positionId, wipAddress);
      expect(surplus).to.equal(creditedByRevenue);
      const close = lending.vault.connect(creator).close(positionId, ipAccount);
      await expect(close).to.emit(lending.vault, "PositionClosed").withArgs(positionId, ipAccount);
      await expect(close).to.emit(lending.vault, "CollateralWithdrawn").withArgs(positionId, ipAccount, HALF);
      await expect(close)
        .to.emit(lending.vault, "CreditWithdrawn")
        .withArgs(positionId, wipAddress, ipAccount, surplus);
      await expect(close).to.changeTokenBalances(ethers, ip.vault, [ipAccount, vaultAddress], [HALF, -HALF]);
      await expect(close).to.changeTokenBalances(
        ethers,
        lending.story.wip,
        [ipAccount, vaultAddress],
        [surplus, -surplus],
      );

      expect(await ip.vault.balanceOf(ipAccount)).to.equal(RT_SUPPLY);
      expect((await lending.vault.position(positionId)).owner).to.equal(ZeroAddress);
      expect((await lending.vault.market(ip.ipId)).totalCollateral).to.equal(0n);
      await expect(lending.vault.settle(positionId))
        .to.be.revertedWithCustomError(lending.vault, "UnknownPosition")
        .withArgs(positionId);
      // The vault still holds every lender's asset: idle liquidity is all of totalAssets, backed by WIP.
      expect(await lending.vault.idleLiquidity()).to.equal(await lending.vault.totalAssets());
      expect(await lending.story.wip.balanceOf(vaultAddress)).to.be.gte(await lending.vault.totalAssets());
    });
  });
});
