/**
 * RoyaltyLendingVault, liquidation side: who may be liquidated (unhealthy, overdue, disputed), how much (close factor,
 * full close), what the liquidator receives (RT in kind, worth repaid × (1 + bonus), or pro rata without a usable
 * price), dust rules, bad debt realized in the same transaction, and the bad-debt cover paying before lenders.
 * Runs through the fixtures only, so it also runs on a fork of Story.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { MaxUint256, type Signer } from "ethers";
import {
  RT_SUPPLY,
  createIpWithVault,
  fundWip,
  judgeDispute,
  loadStory,
  payRoyaltyInWip,
  raiseDispute,
  type IpWithVault,
} from "../fixtures/story.ts";
import {
  DAY,
  MARKET,
  WAD,
  deployLending,
  depositWip,
  listIp,
  openPositionFromIpAccount,
  valuePerRtUnit,
  type Lending,
} from "../fixtures/lending.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const IP_VALUE = 1_000n * WAD;
const LENT = 1_000n * WAD;
const BORROWED = 250n * WAD;
const HALF = RT_SUPPLY / 2n;
const PRICE = valuePerRtUnit(IP_VALUE);
const BONUS_FACTOR = WAD + MARKET.liquidationBonus;
const MIN_DEBT = 10n * WAD;

const mulDiv = (x: bigint, y: bigint, d: bigint) => (x * y) / d;
const mulDivUp = (x: bigint, y: bigint, d: bigint) => (x * y + d - 1n) / d;
/** The price after the appraisal fell to `percent` % of the listing price. */
const priceAt = (percent: bigint) => (PRICE * percent) / 100n;
/** 40.96% of the listing price: four 20% steps down. */
const UNDERWATER_PRICE = (PRICE * 4096n) / 10_000n;

/** Value of `collateral` RT units at `price` (oracle scale), rounded down like the vault. */
const valueOf = (collateral: bigint, price: bigint) => mulDiv(collateral, price, WAD);
/** Health factor as the vault computes it. */
const health = (collateral: bigint, price: bigint, debt: bigint) =>
  mulDiv(mulDiv(valueOf(collateral, price), MARKET.liquidationThreshold, WAD), WAD, debt);
/** RT seized for `repaid` with a usable price: worth repaid × (1 + bonus). */
const seizedFor = (repaid: bigint, collateral: bigint, price: bigint) =>
  mulDiv(mulDiv(repaid, BONUS_FACTOR, WAD), collateral, valueOf(collateral, price));
/** RT seized for `repaid` without a usable price: collateral pro rata to the debt repaid, × (1 + bonus). */
const seizedProRata = (repaid: bigint, collateral: bigint, debt: bigint) =>
  mulDiv(mulDiv(repaid, BONUS_FACTOR, WAD), collateral, debt);

interface World {
  lending: Lending;
  ip: IpWithVault;
  vaultAddress: string;
  wipAddress: string;
  creator: Signer;
  lender: Signer;
  liquidator: Signer;
  payer: Signer;
  other: Signer;
  positionId: bigint;
}

/**
 * Half of an IP's RT (worth 500 WIP) pledged from its IP account, 250 WIP borrowed (HF 1.3) from 1000 WIP lent,
 * with a zero interest rate so that every amount is exact; the liquidator holds 2000 WIP approved to the vault.
 */
async function borrowedFixture(): Promise<World> {
  const story = await loadStory(connection);
  const lending = await deployLending(story, { minDebt: MIN_DEBT });
  const model = await ethers.deployContract("KinkedRateModel", [0n, 0n, 0n, (80n * WAD) / 100n]);
  await (await lending.vault.connect(lending.riskManager).setInterestRateModel(await model.getAddress())).wait();
  const [, creator, lender, liquidator, payer, other] = await ethers.getSigners();
  const ip = await createIpWithVault(story, creator);
  await listIp(lending, ip.ipId, IP_VALUE);
  await depositWip(lending, lender, LENT);
  const positionId = await openPositionFromIpAccount(lending, ip, HALF);
  await (await lending.vault.connect(creator).borrow(positionId, BORROWED, await creator.getAddress())).wait();
  const vaultAddress = await lending.vault.getAddress();
  await fundWip(story, liquidator, 2_000n * WAD);
  await (await story.wip.connect(liquidator).approve(vaultAddress, MaxUint256)).wait();
  return {
    lending,
    ip,
    vaultAddress,
    wipAddress: story.addresses.WIP,
    creator,
    lender,
    liquidator,
    payer,
    other,
    positionId,
  };
}

/** Posts each of `prices` in turn (each step within the oracle's 20% bound). */
async function appraise(world: World, ...prices: bigint[]) {
  const { lending, ip } = world;
  for (const price of prices) {
    await (await lending.appraisal.connect(lending.appraiser).postAppraisal(ip.ipId, price)).wait();
  }
}

/** Appraisal at 75%: HF 0.975, liquidatable up to the close factor. */
async function mildlyUnhealthyFixture() {
  const world = await borrowedFixture();
  await appraise(world, priceAt(80n), priceAt(75n));
  return world;
}

/** Appraisal at 64%: HF 0.832 < 0.95, liquidatable in full. */
async function deeplyUnhealthyFixture() {
  const world = await borrowedFixture();
  await appraise(world, priceAt(80n), priceAt(64n));
  return world;
}

/**
 * Appraisal at 40.96%: the collateral (204.8 WIP) no longer covers the debt (250 WIP) plus the bonus. A second IP's
 * healthy position (100 WIP owed) keeps other debt in the vault.
 */
async function underwaterFixture() {
  const world = await borrowedFixture();
  const { lending, other } = world;
  const ip2 = await createIpWithVault(lending.story, other);
  await listIp(lending, ip2.ipId, IP_VALUE);
  const position2 = await openPositionFromIpAccount(lending, ip2, HALF);
  await (await lending.vault.connect(other).borrow(position2, 100n * WAD, await other.getAddress())).wait();
  await appraise(world, priceAt(80n), priceAt(64n), (PRICE * 512n) / 1000n, UNDERWATER_PRICE);
  return { ...world, ip2, position2 };
}

/** The underwater world with a bad-debt cover holding 500 WIP. */
async function coveredFixture() {
  const world = await underwaterFixture();
  const { lending, payer } = world;
  const cover = await ethers.deployContract("MockBadDebtCover", [world.wipAddress]);
  await fundWip(lending.story, payer, 500n * WAD);
  await (await lending.story.wip.connect(payer).transfer(await cover.getAddress(), 500n * WAD)).wait();
  await expect(lending.vault.connect(lending.riskManager).setBadDebtCover(await cover.getAddress()))
    .to.emit(lending.vault, "BadDebtCoverSet")
    .withArgs(await cover.getAddress());
  return { ...world, cover };
}

describe(`RoyaltyLendingVault — liquidation (${connection.networkName})`, function () {
  describe("eligibility and input checks", function () {
    it("refuses a healthy position with PositionHealthy and its health factor", async function () {
      const { lending, liquidator, positionId } = await networkHelpers.loadFixture(borrowedFixture);
      const expected = health(HALF, PRICE, BORROWED);
      expect(expected).to.equal((13n * WAD) / 10n);
      expect(await lending.vault.healthFactor(positionId)).to.equal(expected);
      await expect(lending.vault.connect(liquidator).liquidate(positionId, BORROWED))
        .to.be.revertedWithCustomError(lending.vault, "PositionHealthy")
        .withArgs(positionId, expected);
      expect(await lending.vault.debtOf(positionId)).to.equal(BORROWED);
      expect((await lending.vault.position(positionId)).collateral).to.equal(HALF);
    });

    it("reverts with ZeroAmount for a zero repayment and UnknownPosition for a missing position", async function () {
      const { lending, liquidator, positionId } = await networkHelpers.loadFixture(mildlyUnhealthyFixture);
      await expect(lending.vault.connect(liquidator).liquidate(positionId, 0n)).to.be.revertedWithCustomError(
        lending.vault,
        "ZeroAmount",
      );
      await expect(lending.vault.connect(liquidator).liquidate(99n, BORROWED))
        .to.be.revertedWithCustomError(lending.vault, "UnknownPosition")
        .withArgs(99n);
      expect(await lending.vault.debtOf(positionId)).to.equal(BORROWED);
    });

    it("reverts with NoDebt for a position that owes nothing", async function () {
      const world = await networkHelpers.loadFixture(mildlyUnhealthyFixture);
      const { lending, ip, liquidator } = world;
      const empty = await openPositionFromIpAccount(lending, ip, RT_SUPPLY / 10n);
      await expect(lending.vault.connect(liquidator).liquidate(empty, BORROWED))
        .to.be.revertedWithCustomError(lending.vault, "NoDebt")
        .withArgs(empty);
      expect((await lending.vault.position(empty)).collateral).to.equal(RT_SUPPLY / 10n);
    });

    it("reverts with StalePrice when the price is stale and the loan is not overdue", async function () {
      const { lending, ip, liquidator, positionId } = await networkHelpers.loadFixture(mildlyUnhealthyFixture);
      // (`valueOf` collides with Object.prototype.valueOf on the contract object: call it by name.)
      const [, updatedAt] = await lending.appraisal.getFunction("valueOf")(ip.ipId);
      await networkHelpers.time.increase(2n * DAY);
      await expect(lending.vault.connect(liquidator).liquidate(positionId, BORROWED))
        .to.be.revertedWithCustomError(lending.vault, "StalePrice")
        .withArgs(ip.ipId, updatedAt);
      expect(await lending.vault.debtOf(positionId)).to.equal(BORROWED);
    });
  });

  describe("unhealthy positions", function () {
    it("liquidates up to the 50% close factor when 0.95 <= HF < 1, paying RT worth repaid × (1 + bonus)", async function () {
      const world = await networkHelpers.loadFixture(mildlyUnhealthyFixture);
      const { lending, ip, vaultAddress, liquidator, positionId } = world;
      const price = priceAt(75n);
      const hf = health(HALF, price, BORROWED);
      expect(hf).to.equal((975n * WAD) / 1000n);
      expect(await lending.vault.healthFactor(positionId)).to.equal(hf);

      const repaid = BORROWED / 2n;
      const seized = seizedFor(repaid, HALF, price);
      expect(seized).to.equal(18_000_000n); // 135 WIP of RT at 7.5 WIP per RT
      const tx = lending.vault.connect(liquidator).liquidate(positionId, MaxUint256);
      await expect(tx)
        .to.emit(lending.vault, "Liquidated")
        .withArgs(positionId, await liquidator.getAddress(), repaid, seized);
      await expect(tx).to.not.emit(lending.vault, "BadDebtRealized");
      await expect(tx).to.changeTokenBalances(ethers, lending.story.wip, [liquidator, vaultAddress], [-repaid, repaid]);
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [liquidator, vaultAddress], [seized, -seized]);

      const left = HALF - seized;
      expect((await lending.vault.position(positionId)).collateral).to.equal(left);
      expect((await lending.vault.market(ip.ipId)).totalCollateral).to.equal(left);
      expect(await lending.vault.debtOf(positionId)).to.equal(BORROWED - repaid);
      expect(await lending.vault.totalDebt()).to.equal(BORROWED - repaid);
      expect(await lending.vault.totalAssets()).to.equal(LENT);
      expect(await lending.vault.idleLiquidity()).to.equal(LENT - BORROWED + repaid);
      expect(await lending.vault.healthFactor(positionId)).to.equal(health(left, price, BORROWED - repaid));
    });

    it("lifts the close factor when it would leave less than the minimum debt: the whole debt may go", async function () {
      const world = await networkHelpers.loadFixture(mildlyUnhealthyFixture);
      const { lending, liquidator, positionId } = world;
      const price = priceAt(75n);
      // Half of the 250 WIP debt (125 WIP) would be left: below a 200 WIP minimum debt.
      await (await lending.vault.connect(lending.riskManager).setMinDebt(200n * WAD)).wait();
      const seized = seizedFor(BORROWED, HALF, price);
      expect(seized).to.equal(36_000_000n); // 270 WIP of RT at 7.5 WIP per RT
      await expect(lending.vault.connect(liquidator).liquidate(positionId, MaxUint256))
        .to.emit(lending.vault, "Liquidated")
        .withArgs(positionId, await liquidator.getAddress(), BORROWED, seized);
      expect(await lending.vault.debtOf(positionId)).to.equal(0n);
      expect((await lending.vault.position(positionId)).collateral).to.equal(HALF - seized);
      expect(await lending.vault.totalAssets()).to.equal(LENT);
    });

    it("lets the liquidator claim Story royalties on the RT it took in kind", async function () {
      const world = await networkHelpers.loadFixture(mildlyUnhealthyFixture);
      const { lending, ip, vaultAddress, wipAddress, liquidator, payer, positionId } = world;
      await (await lending.vault.connect(liquidator).liquidate(positionId, BORROWED / 2n)).wait();
      const seized = seizedFor(BORROWED / 2n, HALF, priceAt(75n));
      const liquidatorAddress = await liquidator.getAddress();
      expect(await ip.vault.balanceOf(liquidatorAddress)).to.equal(seized);
      expect(await ip.vault.balanceOf(vaultAddress)).to.equal(HALF - seized);

      const before = await ip.vault.vaultAccBalances(wipAddress);
      await payRoyaltyInWip(lending.story, payer, ip.ipId, 100n * WAD);
      const received = (await ip.vault.vaultAccBalances(wipAddress)) - before;
      const liquidatorShare = (received * seized) / RT_SUPPLY;
      const vaultShare = (received * (HALF - seized)) / RT_SUPPLY;
      expect(await ip.vault.claimableRevenue(liquidatorAddress, wipAddress)).to.equal(liquidatorShare);
      expect(await ip.vault.claimableRevenue(vaultAddress, wipAddress)).to.equal(vaultShare);
      await expect(
        ip.vault.connect(liquidator).claimRevenueOnBehalf(liquidatorAddress, wipAddress),
      ).to.changeTokenBalances(ethers, lending.story.wip, [liquidator], [liquidatorShare]);
      // The vault's remaining RT still earn for the borrower.
      await expect(lending.vault.harvest(ip.ipId))
        .to.emit(lending.vault, "RevenueHarvested")
        .withArgs(ip.ipId, wipAddress, vaultShare, ((vaultShare * 10n ** 36n) / (HALF - seized)) as bigint);
    });

    it("allows a full close when HF < 0.95, leaving the borrower the rest of the RT", async function () {
      const world = await networkHelpers.loadFixture(deeplyUnhealthyFixture);
      const { lending, ip, vaultAddress, creator, liquidator, positionId } = world;
      const price = priceAt(64n);
      const hf = health(HALF, price, BORROWED);
      expect(hf).to.equal((832n * WAD) / 1000n);
      expect(await lending.vault.healthFactor(positionId)).to.equal(hf);

      const seized = seizedFor(BORROWED, HALF, price);
      expect(seized).to.equal(42_187_500n);
      const tx = lending.vault.connect(liquidator).liquidate(positionId, MaxUint256);
      await expect(tx)
        .to.emit(lending.vault, "Liquidated")
        .withArgs(positionId, await liquidator.getAddress(), BORROWED, seized);
      await expect(tx).to.not.emit(lending.vault, "BadDebtRealized");
      await expect(tx).to.changeTokenBalances(
        ethers,
        lending.story.wip,
        [liquidator, vaultAddress],
        [-BORROWED, BORROWED],
      );
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [liquidator, vaultAddress], [seized, -seized]);
      const p = await lending.vault.position(positionId);
      expect(p.borrowShares).to.equal(0n);
      expect(p.maturity).to.equal(0n);
      expect(p.collateral).to.equal(HALF - seized);
      expect(await lending.vault.totalDebt()).to.equal(0n);
      expect(await lending.vault.totalAssets()).to.equal(LENT);
      expect(await lending.vault.healthFactor(positionId)).to.equal(MaxUint256);

      // The borrower takes back what was not seized.
      await expect(lending.vault.connect(creator).close(positionId, ip.ipId)).to.changeTokenBalances(
        ethers,
        ip.vault,
        [ip.ipId, vaultAddress],
        [HALF - seized, -(HALF - seized)],
      );
    });

    it("liquidates the same position repeatedly until it is healthy, then refuses with PositionHealthy", async function () {
      const world = await networkHelpers.loadFixture(mildlyUnhealthyFixture);
      const { lending, ip, vaultAddress, liquidator, positionId } = world;
      const price = priceAt(75n);
      const step = 10n * WAD;
      let collateral = HALF;
      let debt = BORROWED;
      let rounds = 0;
      while (health(collateral, price, debt) < WAD) {
        const seized = seizedFor(step, collateral, price);
        await expect(lending.vault.connect(liquidator).liquidate(positionId, step))
          .to.emit(lending.vault, "Liquidated")
          .withArgs(positionId, await liquidator.getAddress(), step, seized);
        collateral -= seized;
        debt -= step;
        rounds += 1;
        expect((await lending.vault.position(positionId)).collateral).to.equal(collateral);
        expect(await lending.vault.debtOf(positionId)).to.equal(debt);
        expect(await lending.vault.healthFactor(positionId)).to.equal(health(collateral, price, debt));
      }
      expect(rounds).to.equal(3);
      expect(await ip.vault.balanceOf(vaultAddress)).to.equal(collateral);
      expect(await ip.vault.balanceOf(await liquidator.getAddress())).to.equal(HALF - collateral);
      await expect(lending.vault.connect(liquidator).liquidate(positionId, step))
        .to.be.revertedWithCustomError(lending.vault, "PositionHealthy")
        .withArgs(positionId, health(collateral, price, debt));
    });
  });

  describe("overdue and disputed positions", function () {
    it("liquidates an overdue position in full even while healthy", async function () {
      const world = await networkHelpers.loadFixture(borrowedFixture);
      const { lending, ip, vaultAddress, liquidator, positionId } = world;
      const { maturity } = await lending.vault.position(positionId);
      await networkHelpers.time.increaseTo(maturity + 1n);
      await appraise(world, PRICE); // fresh price, unchanged: HF 1.3
      expect(await lending.vault.healthFactor(positionId)).to.equal(health(HALF, PRICE, BORROWED));

      const seized = seizedFor(BORROWED, HALF, PRICE);
      expect(seized).to.equal(27_000_000n);
      const tx = lending.vault.connect(liquidator).liquidate(positionId, MaxUint256);
      await expect(tx)
        .to.emit(lending.vault, "Liquidated")
        .withArgs(positionId, await liquidator.getAddress(), BORROWED, seized);
      await expect(tx).to.changeTokenBalances(
        ethers,
        lending.story.wip,
        [liquidator, vaultAddress],
        [-BORROWED, BORROWED],
      );
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [liquidator, vaultAddress], [seized, -seized]);
      expect(await lending.vault.totalDebt()).to.equal(0n);
      expect((await lending.vault.position(positionId)).collateral).to.equal(HALF - seized);
      expect(await lending.vault.totalAssets()).to.equal(LENT);
    });

    it("liquidates an overdue position at a stale price with strictly pro-rata seizure (no bonus)", async function () {
      const world = await networkHelpers.loadFixture(borrowedFixture);
      const { lending, ip, vaultAddress, liquidator, positionId } = world;
      const { maturity } = await lending.vault.position(positionId);
      await networkHelpers.time.increaseTo(maturity + 1n); // 180 days: the appraisal is long stale
      const repaid = 100n * WAD;
      // A stale price says nothing about the RT's worth: collateral pro rata to the debt repaid, no bonus.
      const seized = (repaid * HALF) / BORROWED;
      expect(seized).to.equal(20_000_000n);
      const tx = lending.vault.connect(liquidator).liquidate(positionId, repaid);
      await expect(tx)
        .to.emit(lending.vault, "Liquidated")
        .withArgs(positionId, await liquidator.getAddress(), repaid, seized);
      await expect(tx).to.changeTokenBalances(ethers, lending.story.wip, [liquidator, vaultAddress], [-repaid, repaid]);
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [liquidator, vaultAddress], [seized, -seized]);
      expect(await lending.vault.debtOf(positionId)).to.equal(BORROWED - repaid);
      expect((await lending.vault.position(positionId)).collateral).to.equal(HALF - seized);
      expect(await lending.vault.totalAssets()).to.equal(LENT);
    });

    it("fully closes an overdue loan at a stale price for the whole debt, leaving lenders no bad debt", async function () {
      // The RT are worth 500 WIP against 250 WIP owed; only the appraisal is late. With a bonus on pro-rata seizure
      // the liquidator would take every RT for 250 / 1.08 WIP and 18.5 WIP would be written off against lenders.
      const world = await networkHelpers.loadFixture(borrowedFixture);
      const { lending, ip, liquidator, positionId } = world;
      const { maturity } = await lending.vault.position(positionId);
      await networkHelpers.time.increaseTo(maturity + 1n);
      const tx = lending.vault.connect(liquidator).liquidate(positionId, MaxUint256);
      await expect(tx).to.not.emit(lending.vault, "BadDebtRealized");
      await expect(tx)
        .to.emit(lending.vault, "Liquidated")
        .withArgs(positionId, await liquidator.getAddress(), BORROWED, HALF);
      expect(await lending.vault.totalAssets()).to.equal(LENT);
      expect(await ip.vault.balanceOf(await liquidator.getAddress())).to.equal(HALF);
    });

    it("values a disputed IP (positive judgement) at zero: HF 0, and refuses a partial liquidation as dust", async function () {
      const world = await networkHelpers.loadFixture(borrowedFixture);
      const { lending, ip, liquidator, other, positionId } = world;
      await expect(lending.vault.connect(liquidator).liquidate(positionId, BORROWED)).to.be.revertedWithCustomError(
        lending.vault,
        "PositionHealthy",
      );
      const disputeId = await raiseDispute(lending.story, other, ip.ipId);
      // An open dispute does not tag the IP yet.
      expect(await lending.vault.healthFactor(positionId)).to.equal(health(HALF, PRICE, BORROWED));
      await judgeDispute(lending.story, disputeId, true);
      expect(await lending.story.disputes.isIpTagged(ip.ipId)).to.equal(true);
      expect(await lending.vault.healthFactor(positionId)).to.equal(0n);

      // 200 WIP would seize 43.2 RT pro rata and leave 6.8 RT worth nothing behind 50 WIP of debt that nobody would
      // ever liquidate: the rest must go at once (next test), so the loss is realized in the same transaction.
      expect(seizedProRata(200n * WAD, HALF, BORROWED)).to.equal(43_200_000n);
      await expect(lending.vault.connect(liquidator).liquidate(positionId, 200n * WAD))
        .to.be.revertedWithCustomError(lending.vault, "LiquidationLeavesDust")
        .withArgs(0n);
      expect(await lending.vault.debtOf(positionId)).to.equal(BORROWED);
      expect((await lending.vault.position(positionId)).collateral).to.equal(HALF);
    });
  });

  describe("disputed IP taken in full", function () {
    it("gives all tagged RT for debt / (1 + bonus) and realizes the rest as bad debt in the same transaction", async function () {
      const world = await networkHelpers.loadFixture(borrowedFixture);
      const { lending, ip, vaultAddress, liquidator, other, positionId } = world;
      await judgeDispute(lending.story, await raiseDispute(lending.story, other, ip.ipId), true);
      const repaid = mulDivUp(BORROWED, WAD, BONUS_FACTOR);
      const tx = lending.vault.connect(liquidator).liquidate(positionId, MaxUint256);
      await expect(tx)
        .to.emit(lending.vault, "Liquidated")
        .withArgs(positionId, await liquidator.getAddress(), repaid, HALF);
      await expect(tx)
        .to.emit(lending.vault, "BadDebtRealized")
        .withArgs(positionId, BORROWED - repaid, 0n);
      await expect(tx).to.changeTokenBalances(ethers, lending.story.wip, [liquidator, vaultAddress], [-repaid, repaid]);
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [liquidator, vaultAddress], [HALF, -HALF]);
      expect(await lending.vault.totalDebt()).to.equal(0n);
      expect(await lending.vault.totalAssets()).to.equal(LENT - (BORROWED - repaid));
    });
  });

  describe("dust rules", function () {
    it("refuses a partial liquidation leaving collateral worth less than minDebt (LiquidationLeavesDust)", async function () {
      const world = await networkHelpers.loadFixture(underwaterFixture);
      const { lending, liquidator, positionId } = world;
      const price = UNDERWATER_PRICE;
      expect(await lending.vault.minDebt()).to.equal(MIN_DEBT);
      const repaid = 185n * WAD;
      const seized = seizedFor(repaid, HALF, price);
      const valueLeft = mulDiv(valueOf(HALF, price), HALF - seized, HALF);
      expect(valueLeft).to.be.gt(0n).and.lt(MIN_DEBT);
      await expect(lending.vault.connect(liquidator).liquidate(positionId, repaid))
        .to.be.revertedWithCustomError(lending.vault, "LiquidationLeavesDust")
        .withArgs(valueLeft);
      expect(await lending.vault.debtOf(positionId)).to.equal(BORROWED);
      expect((await lending.vault.position(positionId)).collateral).to.equal(HALF);
    });

    it("refuses a partial liquidation leaving debt below minDebt (DebtBelowMinimum)", async function () {
      const { lending, liquidator, positionId } = await networkHelpers.loadFixture(deeplyUnhealthyFixture);
      const repaid = BORROWED - 5n * WAD;
      await expect(lending.vault.connect(liquidator).liquidate(positionId, repaid))
        .to.be.revertedWithCustomError(lending.vault, "DebtBelowMinimum")
        .withArgs(5n * WAD, MIN_DEBT);
      expect(await lending.vault.debtOf(positionId)).to.equal(BORROWED);
      expect((await lending.vault.position(positionId)).collateral).to.equal(HALF);
    });
  });

  describe("bad debt", function () {
    /** Repayment that exhausts the underwater collateral (204.8 WIP) and the bad debt left, as the vault rounds. */
    function exhaustion() {
      const value = valueOf(HALF, UNDERWATER_PRICE);
      expect(value).to.equal((2048n * WAD) / 10n);
      const repaid = mulDivUp(value, WAD, BONUS_FACTOR);
      return { repaid, badDebt: BORROWED - repaid };
    }

    it("realizes debt left without collateral in the same transaction: lenders' assets fall by it", async function () {
      const world = await networkHelpers.loadFixture(underwaterFixture);
      const { lending, ip, vaultAddress, liquidator, positionId, position2 } = world;
      const { repaid, badDebt } = exhaustion();
      const shareUnit = 10n ** 24n;
      const priceBefore = await lending.vault.convertToAssets(shareUnit);
      expect(await lending.vault.totalDebt()).to.equal(BORROWED + 100n * WAD);

      const tx = lending.vault.connect(liquidator).liquidate(positionId, MaxUint256);
      await expect(tx)
        .to.emit(lending.vault, "Liquidated")
        .withArgs(positionId, await liquidator.getAddress(), repaid, HALF);
      await expect(tx).to.emit(lending.vault, "BadDebtRealized").withArgs(positionId, badDebt, 0n);
      await expect(tx).to.changeTokenBalances(ethers, lending.story.wip, [liquidator, vaultAddress], [-repaid, repaid]);
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [liquidator, vaultAddress], [HALF, -HALF]);

      const p = await lending.vault.position(positionId);
      expect(p.collateral).to.equal(0n);
      expect(p.borrowShares).to.equal(0n);
      expect(await lending.vault.debtOf(positionId)).to.equal(0n);
      expect((await lending.vault.market(ip.ipId)).totalCollateral).to.equal(0n);
      expect((await lending.vault.market(ip.ipId)).borrowShares).to.equal(0n);
      expect(await lending.vault.totalAssets()).to.equal(LENT - badDebt);
      // Σ position debts = total debt: only the other IP's loan is left.
      expect(await lending.vault.totalDebt()).to.equal(await lending.vault.debtOf(position2));
      expect(await lending.vault.debtOf(position2)).to.equal(100n * WAD);
      expect(await lending.vault.idleLiquidity()).to.equal(LENT - badDebt - 100n * WAD);
      expect(await lending.story.wip.balanceOf(vaultAddress)).to.equal(await lending.vault.idleLiquidity());
      const priceAfter = await lending.vault.convertToAssets(shareUnit);
      expect(priceAfter).to.be.lt(priceBefore);
      expect(priceAfter).to.equal(
        mulDiv(shareUnit, LENT - badDebt + 1n, (await lending.vault.totalSupply()) + 10n ** 6n),
      );
    });

    it("lets a configured cover pay first: lenders lose only the rest", async function () {
      const world = await networkHelpers.loadFixture(coveredFixture);
      const { lending, vaultAddress, liquidator, positionId, cover, ip } = world;
      await (await cover.configure(WAD / 2n, 0n, false)).wait();
      const { repaid, badDebt } = exhaustion();
      const covered = badDebt / 2n;

      const tx = lending.vault.connect(liquidator).liquidate(positionId, MaxUint256);
      await expect(tx).to.emit(lending.vault, "BadDebtRealized").withArgs(positionId, badDebt, covered);
      await expect(tx).to.emit(cover, "ShortfallPaid").withArgs(vaultAddress, ip.ipId, positionId, badDebt, covered);
      await expect(tx).to.changeTokenBalances(
        ethers,
        lending.story.wip,
        [liquidator, vaultAddress, cover],
        [-repaid, repaid + covered, -covered],
      );
      expect(await cover.calls()).to.equal(1n);
      expect(await lending.vault.totalAssets()).to.equal(LENT - (badDebt - covered));
      expect(await lending.vault.totalDebt()).to.equal(100n * WAD);
      expect(await lending.story.wip.balanceOf(vaultAddress)).to.equal(await lending.vault.idleLiquidity());
    });

    it("does not let a reverting cover block the liquidation: lenders absorb the loss", async function () {
      const world = await networkHelpers.loadFixture(coveredFixture);
      const { lending, vaultAddress, liquidator, positionId, cover } = world;
      await (await cover.configure(WAD, 0n, true)).wait();
      const { repaid, badDebt } = exhaustion();

      const tx = lending.vault.connect(liquidator).liquidate(positionId, MaxUint256);
      await expect(tx).to.emit(lending.vault, "BadDebtRealized").withArgs(positionId, badDebt, 0n);
      await expect(tx).to.not.emit(cover, "ShortfallPaid");
      await expect(tx).to.changeTokenBalances(
        ethers,
        lending.story.wip,
        [liquidator, vaultAddress, cover],
        [-repaid, repaid, 0n],
      );
      expect(await cover.calls()).to.equal(0n);
      expect(await lending.vault.totalAssets()).to.equal(LENT - badDebt);
      expect((await lending.vault.position(positionId)).borrowShares).to.equal(0n);
    });

    it("caps a cover paying more than the shortfall: the excess is ignored by the accounting", async function () {
      const world = await networkHelpers.loadFixture(coveredFixture);
      const { lending, vaultAddress, liquidator, positionId, cover } = world;
      const extra = 5n * WAD;
      await (await cover.configure(WAD, extra, false)).wait();
      const { repaid, badDebt } = exhaustion();

      const tx = lending.vault.connect(liquidator).liquidate(positionId, MaxUint256);
      await expect(tx).to.emit(lending.vault, "BadDebtRealized").withArgs(positionId, badDebt, badDebt);
      await expect(tx).to.changeTokenBalances(
        ethers,
        lending.story.wip,
        [liquidator, vaultAddress, cover],
        [-repaid, repaid + badDebt + extra, -(badDebt + extra)],
      );
      // Lenders lose nothing, and gain nothing from the excess either.
      expect(await lending.vault.totalAssets()).to.equal(LENT);
      expect(await lending.vault.totalDebt()).to.equal(100n * WAD);
      expect(await lending.story.wip.balanceOf(vaultAddress)).to.equal((await lending.vault.idleLiquidity()) + extra);
    });
  });
});
