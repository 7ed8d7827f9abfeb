/**
 * LoanShortfallProduct as a royalty lending vault's bad-debt cover: which vaults and IPs may be covered, the cap of
 * live covers per (vault, IP) key and its pruning, and the payouts when a liquidation realizes bad debt (the IP's
 * covers first, then vault-wide ones, each at most once, only covers in force at the realization) or when the vault
 * asks again through `claimBadDebtCover`. Zero interest keeps every amount exact.
 * Runs through the fixtures only, so it also runs on a fork of Story.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { MaxUint256, ZeroAddress, type Signer } from "ethers";
import {
  RT_SUPPLY,
  createIp,
  createIpWithVault,
  fundWip,
  judgeDispute,
  loadStory,
  raiseDispute,
} from "../fixtures/story.ts";
import {
  MARKET,
  deployLending,
  depositWip,
  listIp,
  openPositionFromIpAccount,
  valuePerRtUnit,
} from "../fixtures/lending.ts";
import {
  DAY,
  DEFAULT_RATES,
  SHORTFALL_TERMS,
  WAD,
  buyShortfallCover,
  deployInsurance,
  depositToPool,
  premiumFor,
} from "../fixtures/insurance.ts";
import { earnedSince, poolSnapshot } from "./UnderwritingPool.helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const CAPITAL = 1_000n * WAD;
const IP_VALUE = 1_000n * WAD;
const LENT = 1_000n * WAD;
const BORROWED = 250n * WAD;
const HALF = RT_SUPPLY / 2n;
const MIN_DEBT = 10n * WAD;
const PRICE = valuePerRtUnit(IP_VALUE);
const BONUS_FACTOR = WAD + MARKET.liquidationBonus;
const DURATION = 180n * DAY;
const SHORT = SHORTFALL_TERMS.minDuration;
const CLAIM_WINDOW = SHORTFALL_TERMS.claimWindow;
const STATUS = { ACTIVE: 1n, PAID: 3n } as const;

const mulDiv = (x: bigint, y: bigint, d: bigint) => (x * y) / d;
const mulDivUp = (x: bigint, y: bigint, d: bigint) => (x * y + d - 1n) / d;
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const addr = (signer: Signer) => signer.getAddress();

/** Four 20% steps down from the listing price: 40.96%, where half the RT (204.8 WIP) no longer cover 250 WIP. */
const STEPS = [(PRICE * 80n) / 100n, (PRICE * 64n) / 100n, (PRICE * 512n) / 1000n, (PRICE * 4096n) / 10_000n];
/** What the liquidator repays for all the collateral, and the bad debt left (as the vault rounds). */
const COLLATERAL_VALUE = mulDiv(HALF, STEPS[3], WAD);
const REPAID = mulDivUp(COLLATERAL_VALUE, WAD, BONUS_FACTOR);
const BAD_DEBT = BORROWED - REPAID;

/* ---------------------------------------------------------------- helpers */

/** Timestamp of the block that mined a transaction. */
async function minedAt(tx: Promise<{ wait(): Promise<unknown> }>): Promise<bigint> {
  const receipt = (await (await tx).wait()) as { blockNumber: number };
  return BigInt((await ethers.provider.getBlock(receipt.blockNumber))!.timestamp);
}

/* ---------------------------------------------------------------- fixtures */

/**
 * Lending and insurance sharing one AccessManager (the fixture makes the product the vault's bad-debt cover), a
 * zero-rate vault with 1000 WIP lent, half of `ip`'s RT pledged against 250 WIP (HF 1.3), `ip2` listed without a
 * loan, 1000 WIP of underwriting capital, and a liquidator holding 2000 WIP approved to the vault.
 */
async function world() {
  const story = await loadStory(connection);
  const lending = await deployLending(story, { minDebt: MIN_DEBT });
  const model = await ethers.deployContract("KinkedRateModel", [0n, 0n, 0n, (80n * WAD) / 100n]);
  await (await lending.vault.connect(lending.riskManager).setInterestRateModel(await model.getAddress())).wait();
  const insurance = await deployInsurance(story, { lending });
  const [, creator, lender, liquidator, underwriter, buyer, stranger, other] = await ethers.getSigners();
  await depositToPool(insurance, underwriter, CAPITAL);
  const ip = await createIpWithVault(story, creator);
  await listIp(lending, ip.ipId, IP_VALUE);
  const ip2 = await createIpWithVault(story, other);
  await listIp(lending, ip2.ipId, IP_VALUE);
  await depositWip(lending, lender, LENT);
  const positionId = await openPositionFromIpAccount(lending, ip, HALF);
  await (await lending.vault.connect(creator).borrow(positionId, BORROWED, await addr(creator))).wait();
  const vaultAddress = await lending.vault.getAddress();
  await fundWip(story, liquidator, 2_000n * WAD);
  await (await story.wip.connect(liquidator).approve(vaultAddress, MaxUint256)).wait();
  expect(BAD_DEBT).to.be.gt(60n * WAD);
  expect(BAD_DEBT).to.be.lt(61n * WAD);
  return {
    story,
    lending,
    insurance,
    vault: lending.vault,
    vaultAddress,
    ip,
    ip2,
    positionId,
    creator,
    lender,
    liquidator,
    buyer,
    stranger,
    other,
  };
}

type World = Awaited<ReturnType<typeof world>>;

/** Posts the four steps down to the underwater price (each within the oracle's 20% bound). */
async function sinkAppraisal(w: World) {
  for (const price of STEPS) {
    await (await w.lending.appraisal.connect(w.lending.appraiser).postAppraisal(w.ip.ipId, price)).wait();
  }
}

/** Buys shortfall cover on the world's vault (all IPs when `ipId` is zero) for the buyer and returns its terms. */
async function cover(w: World, ipId: string, amount: bigint, duration = DURATION) {
  const { coverId, premium } = await buyShortfallCover(w.insurance, w.buyer, w.vaultAddress, ipId, amount, duration);
  const start = BigInt(await time.latest());
  expect(premium).to.equal(premiumFor(amount, DEFAULT_RATES.shortfall, duration));
  const terms = await w.insurance.coverNft.coverOf(coverId);
  expect(terms.start).to.equal(start);
  expect(terms.end).to.equal(start + duration);
  expect(terms.claimDeadline).to.equal(start + duration + CLAIM_WINDOW);
  return { coverId, start, end: start + duration, claimDeadline: start + duration + CLAIM_WINDOW };
}

/** Liquidates the whole underwater position (the liquidation that realizes the bad debt). */
function liquidate(w: World) {
  return w.vault.connect(w.liquidator).liquidate(w.positionId, MaxUint256);
}

const statusOf = async (w: World, coverId: bigint) => (await w.insurance.coverNft.coverOf(coverId)).status;

/* ---------------------------------------------------------------- tests */

describe(`LoanShortfallProduct (${connection.networkName})`, function () {
  describe("setVault", function () {
    it("reverts with ZeroAddress for the zero vault and AccessManagedUnauthorized for a stranger", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall, riskManager } = w.insurance;
      await expect(shortfall.connect(riskManager).setVault(ZeroAddress, true)).to.be.revertedWithCustomError(
        shortfall,
        "ZeroAddress",
      );
      await expect(shortfall.connect(w.stranger).setVault(w.vaultAddress, false))
        .to.be.revertedWithCustomError(shortfall, "AccessManagedUnauthorized")
        .withArgs(await addr(w.stranger));
      expect(await shortfall.isInsurable(w.vaultAddress)).to.equal(true);
      expect(await shortfall.isInsurable(ZeroAddress)).to.equal(false);
    });

    it("reverts with VaultNotInsurable for a vault lending another asset than the pool's", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall, riskManager, pool } = w.insurance;
      const { story, lending } = w;
      // A second vault lending the pool's own share token (any ERC-20 but WIP will do).
      const foreign = await ethers.deployContract(
        "RoyaltyLendingVault",
        [
          {
            asset: await pool.getAddress(),
            name: "Foreign",
            symbol: "fX",
            authority: await lending.manager.getAddress(),
            ipAssetRegistry: story.addresses.IPAssetRegistry,
            royaltyModule: story.addresses.RoyaltyModule,
            disputeModule: story.addresses.DisputeModule,
            rateModel: await lending.rateModel.getAddress(),
            treasury: await addr(lending.treasury),
            reserveFactor: WAD / 10n,
            supplyCap: 10n ** 30n,
            minDebt: MIN_DEBT,
          },
        ],
        lending.admin,
      );
      const foreignAddress = await foreign.getAddress();
      expect(await foreign.asset()).to.not.equal(await pool.asset());
      await expect(shortfall.connect(riskManager).setVault(foreignAddress, true))
        .to.be.revertedWithCustomError(shortfall, "VaultNotInsurable")
        .withArgs(foreignAddress);
      expect(await shortfall.isInsurable(foreignAddress)).to.equal(false);
      // Disallowing needs no asset check.
      await expect(shortfall.connect(riskManager).setVault(foreignAddress, false))
        .to.emit(shortfall, "VaultSet")
        .withArgs(foreignAddress, false);
    });

    it("emits VaultSet; a disallowed vault gets no new cover but its existing cover still pays", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall, riskManager, pool } = w.insurance;
      const { coverId } = await cover(w, ZeroAddress, 100n * WAD);
      await expect(shortfall.connect(riskManager).setVault(w.vaultAddress, false))
        .to.emit(shortfall, "VaultSet")
        .withArgs(w.vaultAddress, false);
      expect(await shortfall.isInsurable(w.vaultAddress)).to.equal(false);
      await expect(pool.quote(await shortfall.getAddress(), w.vaultAddress, ZeroAddress, WAD, DURATION))
        .to.be.revertedWithCustomError(shortfall, "VaultNotInsurable")
        .withArgs(w.vaultAddress);

      await time.increase(DAY);
      await sinkAppraisal(w);
      const tx = liquidate(w);
      await expect(tx).to.emit(w.vault, "BadDebtRealized").withArgs(w.positionId, BAD_DEBT, BAD_DEBT);
      await expect(tx).to.emit(shortfall, "ShortfallPaid").withArgs(w.vaultAddress, w.positionId, coverId, BAD_DEBT);
      expect(await statusOf(w, coverId)).to.equal(STATUS.PAID);

      await expect(shortfall.connect(riskManager).setVault(w.vaultAddress, true))
        .to.emit(shortfall, "VaultSet")
        .withArgs(w.vaultAddress, true);
      expect(await shortfall.isInsurable(w.vaultAddress)).to.equal(true);
    });
  });

  describe("checkSubject", function () {
    it("accepts the vault, vault-wide or for a listed untagged IP", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall } = w.insurance;
      await shortfall.checkSubject(w.vaultAddress, ZeroAddress);
      await shortfall.checkSubject(w.vaultAddress, w.ip.ipId);
      await shortfall.checkSubject(w.vaultAddress, w.ip2.ipId);
    });

    it("reverts with VaultNotInsurable for a vault never allowed, in quote and buyCover", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall, pool, coverNft } = w.insurance;
      const random = ethers.Wallet.createRandom().address;
      await expect(shortfall.checkSubject(random, ZeroAddress))
        .to.be.revertedWithCustomError(shortfall, "VaultNotInsurable")
        .withArgs(random);
      await expect(pool.quote(await shortfall.getAddress(), random, w.ip.ipId, WAD, DURATION))
        .to.be.revertedWithCustomError(shortfall, "VaultNotInsurable")
        .withArgs(random);
      await expect(buyShortfallCover(w.insurance, w.buyer, random, ZeroAddress, WAD, DURATION))
        .to.be.revertedWithCustomError(shortfall, "VaultNotInsurable")
        .withArgs(random);
      expect(await coverNft.coverCount()).to.equal(0n);
    });

    it("reverts with IpNotListed for an IP the vault does not list", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall, pool } = w.insurance;
      const unlisted = await createIp(w.story, w.other);
      await expect(shortfall.checkSubject(w.vaultAddress, unlisted.ipId))
        .to.be.revertedWithCustomError(shortfall, "IpNotListed")
        .withArgs(w.vaultAddress, unlisted.ipId);
      await expect(pool.quote(await shortfall.getAddress(), w.vaultAddress, unlisted.ipId, WAD, DURATION))
        .to.be.revertedWithCustomError(shortfall, "IpNotListed")
        .withArgs(w.vaultAddress, unlisted.ipId);
      expect(await shortfall.coversOf(w.vaultAddress, unlisted.ipId)).to.deep.equal([]);
    });

    it("reverts with IpAlreadyTagged for a listed IP with an upheld dispute", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall, pool, coverNft } = w.insurance;
      const disputeId = await raiseDispute(w.story, w.stranger, w.ip2.ipId);
      await judgeDispute(w.story, disputeId, true);
      expect((await w.vault.market(w.ip2.ipId)).listed).to.equal(true);
      await expect(shortfall.checkSubject(w.vaultAddress, w.ip2.ipId))
        .to.be.revertedWithCustomError(shortfall, "IpAlreadyTagged")
        .withArgs(w.ip2.ipId);
      await expect(pool.quote(await shortfall.getAddress(), w.vaultAddress, w.ip2.ipId, WAD, DURATION))
        .to.be.revertedWithCustomError(shortfall, "IpAlreadyTagged")
        .withArgs(w.ip2.ipId);
      await expect(buyShortfallCover(w.insurance, w.buyer, w.vaultAddress, w.ip2.ipId, WAD, DURATION))
        .to.be.revertedWithCustomError(shortfall, "IpAlreadyTagged")
        .withArgs(w.ip2.ipId);
      expect(await coverNft.coverCount()).to.equal(0n);
      // Vault-wide cover is still sold.
      await shortfall.checkSubject(w.vaultAddress, ZeroAddress);
    });

    it("refuses onCoverBought from anyone but the pool with NotPool", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall } = w.insurance;
      const terms = {
        product: await shortfall.getAddress(),
        start: 1n,
        status: STATUS.ACTIVE,
        subject: w.vaultAddress,
        end: 2n,
        ipId: ZeroAddress,
        claimDeadline: 3n,
        amount: WAD,
        premium: 1n,
      };
      await expect(shortfall.connect(w.stranger).onCoverBought(1n, terms))
        .to.be.revertedWithCustomError(shortfall, "NotPool")
        .withArgs(await addr(w.stranger));
      expect(await shortfall.coversOf(w.vaultAddress, ZeroAddress)).to.deep.equal([]);
    });
  });

  describe("live covers per key", function () {
    /** The most live covers the product tracks per key. */
    const MAX_COVERS = 16;
    const byValue = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

    /** Sixteen 10 WIP vault-wide covers of the shortest duration. */
    async function fullFixture() {
      const w = await world();
      const ids: bigint[] = [];
      for (let i = 0; i < MAX_COVERS; i++) {
        ids.push((await cover(w, ZeroAddress, 10n * WAD, SHORT)).coverId);
      }
      return { ...w, ids };
    }

    it("reverts with TooManyCovers for a seventeenth live cover on the same key; other keys are separate", async function () {
      const w = await networkHelpers.loadFixture(fullFixture);
      const { shortfall, coverNft, pool } = w.insurance;
      expect(await shortfall.MAX_COVERS_PER_KEY()).to.equal(BigInt(MAX_COVERS));
      expect(await shortfall.coversOf(w.vaultAddress, ZeroAddress)).to.deep.equal(w.ids);
      await expect(buyShortfallCover(w.insurance, w.buyer, w.vaultAddress, ZeroAddress, 10n * WAD, SHORT))
        .to.be.revertedWithCustomError(shortfall, "TooManyCovers")
        .withArgs(w.vaultAddress, ZeroAddress);
      expect(await coverNft.coverCount()).to.equal(BigInt(MAX_COVERS));
      expect(await pool.lockedCapital()).to.equal(BigInt(MAX_COVERS) * 10n * WAD);

      const { coverId } = await cover(w, w.ip.ipId, 10n * WAD, SHORT);
      expect(coverId).to.equal(BigInt(MAX_COVERS) + 1n);
      expect(await shortfall.coversOf(w.vaultAddress, w.ip.ipId)).to.deep.equal([coverId]);
      expect(await shortfall.coversOf(w.vaultAddress, ZeroAddress)).to.deep.equal(w.ids);
    });

    it("frees the slots of paid covers: a realization paying seven covers lets a new one in", async function () {
      const w = await networkHelpers.loadFixture(fullFixture);
      const { shortfall, pool } = w.insurance;
      await time.increase(DAY);
      await sinkAppraisal(w);
      const tx = liquidate(w);
      await expect(tx).to.emit(w.vault, "BadDebtRealized").withArgs(w.positionId, BAD_DEBT, BAD_DEBT);
      // 6 × 10 WIP, then the seventh pays the rest (and is spent: a cover pays at most once).
      for (const coverId of w.ids.slice(0, 6)) {
        await expect(tx)
          .to.emit(shortfall, "ShortfallPaid")
          .withArgs(w.vaultAddress, w.positionId, coverId, 10n * WAD);
      }
      await expect(tx)
        .to.emit(shortfall, "ShortfallPaid")
        .withArgs(w.vaultAddress, w.positionId, w.ids[6], BAD_DEBT - 60n * WAD);
      await expect(tx).to.changeTokenBalances(
        ethers,
        w.story.wip,
        [pool, w.vaultAddress],
        [-BAD_DEBT, REPAID + BAD_DEBT],
      );
      for (const coverId of w.ids.slice(0, 7)) {
        expect(await statusOf(w, coverId)).to.equal(STATUS.PAID);
      }
      for (const coverId of w.ids.slice(7)) {
        expect(await statusOf(w, coverId)).to.equal(STATUS.ACTIVE);
      }
      expect(await pool.lockedCapital()).to.equal(BigInt(MAX_COVERS - 7) * 10n * WAD);
      // Not pruned until the next purchase on the key.
      expect(await shortfall.coversOf(w.vaultAddress, ZeroAddress)).to.deep.equal(w.ids);

      const { coverId } = await cover(w, ZeroAddress, 10n * WAD, SHORT);
      const live = [...(await shortfall.coversOf(w.vaultAddress, ZeroAddress))].sort(byValue);
      expect(live).to.deep.equal([...w.ids.slice(7), coverId]);
    });

    it("refuses dust covers below the product's minimum, so a list cannot be filled for a few wei", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { pool, shortfall, coverNft } = w.insurance;
      const config = await pool.productConfig(await shortfall.getAddress());
      expect(config.minAmount).to.equal(SHORTFALL_TERMS.minAmount);
      await expect(buyShortfallCover(w.insurance, w.stranger, w.vaultAddress, ZeroAddress, 1n, SHORT))
        .to.be.revertedWithCustomError(pool, "AmountBelowMinimum")
        .withArgs(1n, SHORTFALL_TERMS.minAmount);
      expect(await shortfall.coversOf(w.vaultAddress, ZeroAddress)).to.deep.equal([]);
      expect(await coverNft.coverCount()).to.equal(0n);
      expect(await pool.lockedCapital()).to.equal(0n);
      // At the minimum it sells.
      const { coverId } = await cover(w, ZeroAddress, SHORTFALL_TERMS.minAmount, SHORT);
      expect(await shortfall.coversOf(w.vaultAddress, ZeroAddress)).to.deep.equal([coverId]);
    });

    it("frees the slots of covers past their claim deadline", async function () {
      const w = await networkHelpers.loadFixture(fullFixture);
      const { shortfall } = w.insurance;
      const first = await w.insurance.coverNft.coverOf(w.ids[0]);
      const last = await w.insurance.coverNft.coverOf(w.ids[w.ids.length - 1]);
      // Shortly before the first deadline every cover is still live.
      await time.increaseTo(first.claimDeadline - 60n);
      await expect(buyShortfallCover(w.insurance, w.buyer, w.vaultAddress, ZeroAddress, 10n * WAD, SHORT))
        .to.be.revertedWithCustomError(shortfall, "TooManyCovers")
        .withArgs(w.vaultAddress, ZeroAddress);
      await time.increaseTo(last.claimDeadline + 1n);
      const { coverId } = await cover(w, ZeroAddress, 10n * WAD, SHORT);
      expect(await shortfall.coversOf(w.vaultAddress, ZeroAddress)).to.deep.equal([coverId]);
      for (const id of w.ids) {
        expect(await statusOf(w, id)).to.equal(STATUS.ACTIVE);
      }
    });
  });

  describe("bad debt realized in a liquidation", function () {
    it("pays from the IP's cover first, then vault-wide cover, each once; lenders lose nothing", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall, pool } = w.insurance;
      const ipCover = await cover(w, w.ip.ipId, 20n * WAD);
      const vaultCover = await cover(w, ZeroAddress, 100n * WAD);
      const otherIpCover = await cover(w, w.ip2.ipId, 50n * WAD);
      await time.increase(DAY);
      await sinkAppraisal(w);
      expect(await w.vault.totalAssets()).to.equal(LENT);
      const before = await poolSnapshot(pool);
      expect(before.locked).to.equal(170n * WAD);

      const tx = liquidate(w);
      await expect(tx).to.emit(w.vault, "BadDebtRealized").withArgs(w.positionId, BAD_DEBT, BAD_DEBT);
      await expect(tx)
        .to.emit(shortfall, "ShortfallPaid")
        .withArgs(w.vaultAddress, w.positionId, ipCover.coverId, 20n * WAD);
      await expect(tx)
        .to.emit(shortfall, "ShortfallPaid")
        .withArgs(w.vaultAddress, w.positionId, vaultCover.coverId, BAD_DEBT - 20n * WAD);
      await expect(tx)
        .to.emit(pool, "ClaimPaid")
        .withArgs(ipCover.coverId, w.vaultAddress, 20n * WAD);
      await expect(tx)
        .to.emit(pool, "ClaimPaid")
        .withArgs(vaultCover.coverId, w.vaultAddress, BAD_DEBT - 20n * WAD);
      await expect(tx).to.changeTokenBalances(
        ethers,
        w.story.wip,
        [w.liquidator, w.vaultAddress, pool],
        [-REPAID, REPAID + BAD_DEBT, -BAD_DEBT],
      );
      const realizedAt = await minedAt(tx);

      expect(await w.vault.totalAssets()).to.equal(LENT);
      expect(await w.vault.uncoveredBadDebt(w.positionId)).to.deep.equal([0n, realizedAt]);
      expect(await pool.capital()).to.equal(before.capital + earnedSince(before, realizedAt) - BAD_DEBT);
      expect(await pool.lockedCapital()).to.equal(50n * WAD);
      expect(await statusOf(w, ipCover.coverId)).to.equal(STATUS.PAID);
      expect(await statusOf(w, vaultCover.coverId)).to.equal(STATUS.PAID);
      expect(await statusOf(w, otherIpCover.coverId)).to.equal(STATUS.ACTIVE);
      await expect(w.vault.claimBadDebtCover(w.positionId))
        .to.be.revertedWithCustomError(w.vault, "NothingToCover")
        .withArgs(w.positionId);
    });

    it("records the rest of a partly covered bad debt; the spent cover does not pay it again", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall, pool } = w.insurance;
      const { coverId } = await cover(w, ZeroAddress, 20n * WAD);
      await time.increase(DAY);
      await sinkAppraisal(w);
      const before = await poolSnapshot(pool);

      const tx = liquidate(w);
      await expect(tx)
        .to.emit(w.vault, "BadDebtRealized")
        .withArgs(w.positionId, BAD_DEBT, 20n * WAD);
      await expect(tx)
        .to.emit(shortfall, "ShortfallPaid")
        .withArgs(w.vaultAddress, w.positionId, coverId, 20n * WAD);
      await expect(tx).to.changeTokenBalances(
        ethers,
        w.story.wip,
        [w.vaultAddress, pool],
        [REPAID + 20n * WAD, -20n * WAD],
      );
      const realizedAt = await minedAt(tx);
      expect(await w.vault.uncoveredBadDebt(w.positionId)).to.deep.equal([BAD_DEBT - 20n * WAD, realizedAt]);
      expect(await w.vault.totalAssets()).to.equal(LENT - (BAD_DEBT - 20n * WAD));
      expect(await pool.capital()).to.equal(before.capital + earnedSince(before, realizedAt) - 20n * WAD);
      expect(await statusOf(w, coverId)).to.equal(STATUS.PAID);

      await expect(w.vault.connect(w.stranger).claimBadDebtCover(w.positionId))
        .to.be.revertedWithCustomError(w.vault, "NothingToCover")
        .withArgs(w.positionId);
      expect(await w.vault.uncoveredBadDebt(w.positionId)).to.deep.equal([BAD_DEBT - 20n * WAD, realizedAt]);
      expect(await w.vault.totalAssets()).to.equal(LENT - (BAD_DEBT - 20n * WAD));
    });

    it("pays from a cover whose period ends exactly at the realization, not one that ended before", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall, pool } = w.insurance;
      const ended = await cover(w, ZeroAddress, 100n * WAD, SHORT);
      const endsNow = await cover(w, ZeroAddress, 100n * WAD, SHORT + DAY);
      await time.increaseTo(endsNow.end - DAY);
      await sinkAppraisal(w);
      await time.setNextBlockTimestamp(endsNow.end);
      const tx = liquidate(w);
      await expect(tx).to.emit(w.vault, "BadDebtRealized").withArgs(w.positionId, BAD_DEBT, BAD_DEBT);
      await expect(tx)
        .to.emit(shortfall, "ShortfallPaid")
        .withArgs(w.vaultAddress, w.positionId, endsNow.coverId, BAD_DEBT);
      await expect(tx).to.changeTokenBalances(ethers, w.story.wip, [pool], [-BAD_DEBT]);
      expect(await minedAt(tx)).to.equal(endsNow.end);
      expect(ended.end).to.be.lt(endsNow.end);
      expect(ended.claimDeadline).to.be.gt(endsNow.end);
      expect(await statusOf(w, ended.coverId)).to.equal(STATUS.ACTIVE);
      expect(await statusOf(w, endsNow.coverId)).to.equal(STATUS.PAID);
      expect(await w.vault.totalAssets()).to.equal(LENT);
    });

    it("does not pay bad debt realized after a cover's end, even inside its claim window", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall, pool } = w.insurance;
      const { coverId, end, claimDeadline } = await cover(w, w.ip.ipId, 100n * WAD, SHORT);
      await time.increaseTo(end + 1n);
      await sinkAppraisal(w);
      const tx = liquidate(w);
      await expect(tx).to.emit(w.vault, "BadDebtRealized").withArgs(w.positionId, BAD_DEBT, 0n);
      await expect(tx).to.not.emit(shortfall, "ShortfallPaid");
      await expect(tx).to.changeTokenBalances(ethers, w.story.wip, [pool], [0n]);
      const realizedAt = await minedAt(tx);
      expect(realizedAt).to.be.lt(claimDeadline);
      expect(await w.vault.uncoveredBadDebt(w.positionId)).to.deep.equal([BAD_DEBT, realizedAt]);
      expect(await w.vault.totalAssets()).to.equal(LENT - BAD_DEBT);
      expect(await statusOf(w, coverId)).to.equal(STATUS.ACTIVE);
      await expect(w.vault.claimBadDebtCover(w.positionId))
        .to.be.revertedWithCustomError(w.vault, "NothingToCover")
        .withArgs(w.positionId);
    });
  });

  describe("claimBadDebtCover", function () {
    /** The bad debt realized while the vault had no bad-debt cover set, with `amount` of IP cover bought before. */
    async function realizedUncovered(w: World, ipId: string, amount: bigint) {
      const terms = await cover(w, ipId, amount);
      await (await w.vault.connect(w.lending.riskManager).setBadDebtCover(ZeroAddress)).wait();
      await time.increase(DAY);
      await sinkAppraisal(w);
      const tx = liquidate(w);
      await expect(tx).to.emit(w.vault, "BadDebtRealized").withArgs(w.positionId, BAD_DEBT, 0n);
      const realizedAt = await minedAt(tx);
      expect(await w.vault.uncoveredBadDebt(w.positionId)).to.deep.equal([BAD_DEBT, realizedAt]);
      expect(await w.vault.totalAssets()).to.equal(LENT - BAD_DEBT);
      expect(await statusOf(w, terms.coverId)).to.equal(STATUS.ACTIVE);
      await expect(w.vault.connect(w.lending.riskManager).setBadDebtCover(w.insurance.shortfall))
        .to.emit(w.vault, "BadDebtCoverSet")
        .withArgs(await w.insurance.shortfall.getAddress());
      return { ...terms, realizedAt };
    }

    it("pays a cover in force at the realization when the vault's cover was set only afterwards", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall, pool } = w.insurance;
      const { coverId, realizedAt } = await realizedUncovered(w, w.ip.ipId, 100n * WAD);
      await time.increase(2n * DAY);
      const before = await poolSnapshot(pool);

      const tx = w.vault.connect(w.stranger).claimBadDebtCover(w.positionId);
      await expect(tx).to.emit(w.vault, "BadDebtCovered").withArgs(w.positionId, BAD_DEBT, 0n);
      await expect(tx).to.emit(shortfall, "ShortfallPaid").withArgs(w.vaultAddress, w.positionId, coverId, BAD_DEBT);
      await expect(tx).to.changeTokenBalances(ethers, w.story.wip, [w.vaultAddress, pool], [BAD_DEBT, -BAD_DEBT]);
      const at = await minedAt(tx);
      expect(await w.vault.uncoveredBadDebt(w.positionId)).to.deep.equal([0n, realizedAt]);
      expect(await w.vault.totalAssets()).to.equal(LENT);
      expect(await pool.capital()).to.equal(before.capital + earnedSince(before, at) - BAD_DEBT);
      expect(await statusOf(w, coverId)).to.equal(STATUS.PAID);
      await expect(w.vault.claimBadDebtCover(w.positionId))
        .to.be.revertedWithCustomError(w.vault, "NothingToCover")
        .withArgs(w.positionId);
    });

    it("pays part of the uncovered debt from a smaller cover, and works while the vault is paused", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall, pool } = w.insurance;
      const { coverId, realizedAt } = await realizedUncovered(w, ZeroAddress, 20n * WAD);
      await (await w.vault.connect(w.lending.guardian).pause()).wait();
      expect(await w.vault.paused()).to.equal(true);

      const tx = w.vault.connect(w.stranger).claimBadDebtCover(w.positionId);
      await expect(tx)
        .to.emit(w.vault, "BadDebtCovered")
        .withArgs(w.positionId, 20n * WAD, BAD_DEBT - 20n * WAD);
      await expect(tx)
        .to.emit(shortfall, "ShortfallPaid")
        .withArgs(w.vaultAddress, w.positionId, coverId, 20n * WAD);
      await expect(tx).to.changeTokenBalances(ethers, w.story.wip, [w.vaultAddress, pool], [20n * WAD, -20n * WAD]);
      expect(await w.vault.uncoveredBadDebt(w.positionId)).to.deep.equal([BAD_DEBT - 20n * WAD, realizedAt]);
      expect(await w.vault.totalAssets()).to.equal(LENT - BAD_DEBT + 20n * WAD);
      expect(await statusOf(w, coverId)).to.equal(STATUS.PAID);
    });

    it("pays the IP's cover even after the borrower closed the emptied position", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { coverId } = await realizedUncovered(w, w.ip.ipId, 100n * WAD);
      // The position owes nothing and holds nothing after the realization: its owner may close it.
      await expect(w.vault.connect(w.creator).close(w.positionId, await addr(w.creator)))
        .to.emit(w.vault, "PositionClosed")
        .withArgs(w.positionId, await addr(w.creator));
      expect((await w.vault.uncoveredBadDebt(w.positionId))[0]).to.equal(BAD_DEBT);

      // The IP's cover was in force at the realization and is still inside its claim window.
      await expect(w.vault.claimBadDebtCover(w.positionId))
        .to.emit(w.vault, "BadDebtCovered")
        .withArgs(w.positionId, BAD_DEBT, 0n);
      expect(await statusOf(w, coverId)).to.equal(STATUS.PAID);
      expect(await w.vault.totalAssets()).to.equal(LENT);
    });

    it("does not pay from a cover bought after the realization: NothingToCover", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { pool } = w.insurance;
      await time.increase(DAY);
      await sinkAppraisal(w);
      const tx = liquidate(w);
      await expect(tx).to.emit(w.vault, "BadDebtRealized").withArgs(w.positionId, BAD_DEBT, 0n);
      const realizedAt = await minedAt(tx);
      const late = await cover(w, w.ip.ipId, 100n * WAD);
      const lateWide = await cover(w, ZeroAddress, 100n * WAD);
      expect(late.start).to.be.gt(realizedAt);
      const poolBalance = await w.story.wip.balanceOf(pool);

      await expect(w.vault.claimBadDebtCover(w.positionId))
        .to.be.revertedWithCustomError(w.vault, "NothingToCover")
        .withArgs(w.positionId);
      expect(await w.vault.uncoveredBadDebt(w.positionId)).to.deep.equal([BAD_DEBT, realizedAt]);
      expect(await w.vault.totalAssets()).to.equal(LENT - BAD_DEBT);
      expect(await w.story.wip.balanceOf(pool)).to.equal(poolBalance);
      expect(await statusOf(w, late.coverId)).to.equal(STATUS.ACTIVE);
      expect(await statusOf(w, lateWide.coverId)).to.equal(STATUS.ACTIVE);
    });

    it("does not pay from a cover past its claim deadline: NothingToCover", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { coverId, claimDeadline, realizedAt } = await realizedUncovered(w, w.ip.ipId, 100n * WAD);
      await time.increaseTo(claimDeadline + 1n);
      await expect(w.vault.claimBadDebtCover(w.positionId))
        .to.be.revertedWithCustomError(w.vault, "NothingToCover")
        .withArgs(w.positionId);
      expect(await w.vault.uncoveredBadDebt(w.positionId)).to.deep.equal([BAD_DEBT, realizedAt]);
      expect(await statusOf(w, coverId)).to.equal(STATUS.ACTIVE);
    });

    it("reverts with NothingToCover for a position without uncovered bad debt", async function () {
      const w = await networkHelpers.loadFixture(world);
      await cover(w, ZeroAddress, 100n * WAD);
      await expect(w.vault.claimBadDebtCover(w.positionId))
        .to.be.revertedWithCustomError(w.vault, "NothingToCover")
        .withArgs(w.positionId);
      await expect(w.vault.claimBadDebtCover(999n))
        .to.be.revertedWithCustomError(w.vault, "NothingToCover")
        .withArgs(999n);
      expect(await w.vault.uncoveredBadDebt(w.positionId)).to.deep.equal([0n, 0n]);
      expect(await w.vault.debtOf(w.positionId)).to.equal(BORROWED);
    });
  });

  describe("coverShortfall", function () {
    it("pays nothing to a caller that is not a covered vault", async function () {
      const w = await networkHelpers.loadFixture(world);
      const { shortfall, pool } = w.insurance;
      const ipCover = await cover(w, w.ip.ipId, 100n * WAD);
      const wide = await cover(w, ZeroAddress, 100n * WAD);
      await time.increase(DAY);
      const now = BigInt(await time.latest());
      const caller = shortfall.connect(w.stranger);
      expect(await caller.coverShortfall.staticCall(w.ip.ipId, w.positionId, BAD_DEBT, now)).to.equal(0n);
      const tx = caller.coverShortfall(w.ip.ipId, w.positionId, BAD_DEBT, now);
      await expect(tx).to.not.emit(shortfall, "ShortfallPaid");
      await expect(tx).to.changeTokenBalances(ethers, w.story.wip, [w.stranger, pool], [0n, 0n]);
      expect(await statusOf(w, ipCover.coverId)).to.equal(STATUS.ACTIVE);
      expect(await statusOf(w, wide.coverId)).to.equal(STATUS.ACTIVE);
      expect(await pool.lockedCapital()).to.equal(200n * WAD);
    });
  });
});
