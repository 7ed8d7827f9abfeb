/**
 * UnderwritingPool — covers: premium pricing and collection, the premium stream and its epoch boundaries, capital
 * locks and capacity, every rejection of `buyCover` / `quote`, the cover NFT's terms, and the product-only claim
 * functions (`payClaim`, `reserveCover`, `releaseCover`), driven through a test product and through the
 * infringement product with real disputes.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { MaxUint256, ZeroAddress, type Signer } from "ethers";
import { createIp, judgeDispute, loadStory, raiseDispute } from "../fixtures/story.ts";
import {
  DAY,
  DEFAULT_RATES,
  EPOCH,
  INFRINGEMENT_TERMS,
  INSURANCE_ROLES,
  POOL_PARAMS,
  WAD,
  YEAR,
  deployInsurance,
} from "../fixtures/insurance.ts";
import {
  PoolModel,
  epochAfter,
  feeOf,
  fundAndApprove,
  infringementRequest,
  minedAt,
  premiumOf,
  streamOf,
} from "./UnderwritingPool.helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const CAPITAL = 1_000n * WAD;
const COVER = 300n * WAD;
const DURATION = 120n * DAY;
/** Terms of the test product: a waiting period and a short claim window. */
const MOCK_TERMS = {
  enabled: true,
  minDuration: DAY,
  maxDuration: 365n * DAY,
  waitingPeriod: 2n * DAY,
  claimWindow: 10n * DAY,
  minAmount: 1n,
} as const;
const MOCK_RATE = (3n * WAD) / 100n;
const STATUS = { None: 0n, Active: 1n, Reported: 2n, Paid: 3n } as const;

/* ---------------------------------------------------------------- fixtures */

/** Alice has deposited 1000 WIP; a test product (any subject) is sold besides the fixture's two products. */
async function deployCovers() {
  const story = await loadStory(connection);
  const insurance = await deployInsurance(story);
  const [, creator, alice, bob, disputer, stranger, subject] = await ethers.getSigners();
  const { pool, oracle, coverNft, riskManager } = insurance;
  const poolAddress = await pool.getAddress();
  const ip = await createIp(story, creator);
  const mock = await ethers.deployContract("MockCoverProduct", [poolAddress]);
  await (await pool.connect(riskManager).setProduct(mock, MOCK_TERMS)).wait();
  await (await oracle.connect(riskManager).setDefaultRate(mock, MOCK_RATE)).wait();
  const model = new PoolModel();
  await fundAndApprove(insurance, alice, poolAddress, CAPITAL);
  model.deposit(await minedAt(insurance, await pool.connect(alice).deposit(CAPITAL, alice)), CAPITAL);
  await fundAndApprove(insurance, creator, poolAddress, 500n * WAD);
  return {
    story,
    insurance,
    pool,
    poolAddress,
    oracle,
    coverNft,
    wip: story.wip,
    ip,
    mock,
    mockAddress: await mock.getAddress(),
    creator,
    alice,
    bob,
    disputer,
    stranger,
    subject: await subject.getAddress(),
    model,
  };
}
type Fixture = Awaited<ReturnType<typeof deployCovers>>;

async function load(): Promise<Fixture> {
  const f = await networkHelpers.loadFixture(deployCovers);
  return { ...f, model: f.model.clone() };
}

/** A request for the test product on `f.subject` (watched IP zero: priced on the subject). */
function mockRequest(f: Fixture, recipient: string, amount = COVER, duration = DURATION) {
  return {
    product: f.mockAddress,
    subject: f.subject,
    ipId: ZeroAddress,
    amount,
    duration,
    maxPremium: MaxUint256,
    recipient,
  };
}

type Request = Awaited<ReturnType<typeof infringementRequest>>;

/**
 * Buys `request` from the creator at `t` (or now) and replays it on the model. Returns the cover, its premium split,
 * the purchase time and the model's lock index.
 */
async function buy(
  f: Fixture,
  request: Request,
  rate: bigint,
  terms: typeof MOCK_TERMS | typeof INFRINGEMENT_TERMS,
  t?: bigint,
) {
  if (t !== undefined) await time.setNextBlockTimestamp(t);
  const tx = await f.pool.connect(f.creator).buyCover(request);
  const purchasedAt = await minedAt(f.insurance, tx);
  const premium = premiumOf(request.amount, rate, request.duration);
  const fee = feeOf(premium, POOL_PARAMS.protocolFee);
  const start = purchasedAt + terms.waitingPeriod;
  const end = start + request.duration;
  const claimDeadline = end + terms.claimWindow;
  const lock = f.model.buy(purchasedAt, request.amount, premium - fee, end, claimDeadline);
  const coverId = await f.coverNft.coverCount();
  return { coverId, premium, fee, net: premium - fee, purchasedAt, start, end, claimDeadline, lock, tx };
}

/** Every total the pool reports, for "nothing changed" checks. */
async function snapshot(f: Fixture) {
  const { pool, coverNft, wip } = f;
  return [
    await pool.capital(),
    await pool.lockedCapital(),
    await pool.reservedCapital(),
    await pool.unearnedPremium(),
    await pool.premiumRate(),
    await coverNft.coverCount(),
    await wip.balanceOf(f.poolAddress),
    await wip.balanceOf(f.creator),
  ];
}

/** Checks the pool's reported totals against the model at the latest block. */
async function expectTotals(f: Fixture) {
  const state = f.model.at(BigInt(await time.latest()));
  expect(await f.pool.capital(), "capital").to.equal(state.capital);
  expect(await f.pool.unearnedPremium(), "unearned").to.equal(state.unearned);
  expect(await f.pool.lockedCapital(), "locked").to.equal(state.locked);
  expect(await f.pool.reservedCapital(), "reserved").to.equal(state.reserved);
  expect(await f.pool.totalAssets(), "totalAssets").to.equal(state.totalAssets);
  expect(await f.pool.freeCapital(), "free").to.equal(state.capital - state.locked);
  return state;
}

const who = (s: Signer) => s.getAddress();

/* ---------------------------------------------------------------- tests */

describe(`UnderwritingPool — covers (${connection.networkName})`, function () {
  describe("buying cover", function () {
    it("charges the quoted premium (rounded up), sends the fee to the treasury and the rest to the pool", async function () {
      const f = await load();
      const { pool, oracle, insurance, wip, ip, creator, bob } = f;
      const rate = (75n * WAD) / 1000n;
      await (await oracle.connect(insurance.assessor).postRates(insurance.infringement, [ip.ipId], [rate])).wait();
      const amount = 123_456_789_012_345_678_901n;
      const duration = 100n * DAY + 17n;
      const premium = premiumOf(amount, rate, duration);
      expect(premium * WAD * YEAR).to.be.gt(amount * rate * duration); // the rounding matters here
      const fee = (premium * POOL_PARAMS.protocolFee) / WAD;
      const product = await insurance.infringement.getAddress();

      const quote = await pool.quote(product, ip.ipId, ip.ipId, amount, duration);
      expect([...quote]).to.deep.equal([premium, fee, rate]);

      const request = await infringementRequest(insurance, ip.ipId, bob, amount, duration, { maxPremium: premium });
      const tx = pool.connect(creator).buyCover(request);
      await expect(tx)
        .to.emit(pool, "CoverPurchased")
        .withArgs(1n, product, ip.ipId, ip.ipId, await who(creator), amount, premium, fee);
      await expect(tx).to.changeTokenBalances(
        ethers,
        wip,
        [creator, insurance.treasury, pool, bob],
        [-premium, fee, premium - fee, 0n],
      );
      const t = await minedAt(insurance, await tx);
      f.model.buy(t, amount, premium - fee, t + duration, t + duration + INFRINGEMENT_TERMS.claimWindow);
      expect(await f.coverNft.ownerOf(1n)).to.equal(await who(bob));
      expect(await pool.premiumRate()).to.equal(streamOf(premium - fee, t, t + duration).rate);
      const state = await expectTotals(f);
      expect(state.capital).to.equal(CAPITAL);
      expect(state.locked).to.equal(amount);
      expect(state.unearned).to.equal(premium - fee);
    });

    it("mints the cover NFT to the recipient with the exact terms (start after the waiting period)", async function () {
      const f = await load();
      const { pool, coverNft, creator, bob } = f;
      const t = BigInt(await time.latest()) + 50n;
      const request = mockRequest(f, await who(bob), COVER, 45n * DAY + 1n);
      await time.setNextBlockTimestamp(t);
      const premium = premiumOf(COVER, MOCK_RATE, request.duration);
      const start = t + MOCK_TERMS.waitingPeriod;
      const end = start + request.duration;
      const terms = [f.mockAddress, start, STATUS.Active, f.subject, end, ZeroAddress, end + MOCK_TERMS.claimWindow];
      const tx = pool.connect(creator).buyCover(request);
      await expect(tx)
        .to.emit(coverNft, "CoverMinted")
        .withArgs(1n, f.poolAddress, [...terms, COVER, premium]);
      await expect(tx)
        .to.emit(coverNft, "Transfer")
        .withArgs(ZeroAddress, await who(bob), 1n);
      await expect(tx).to.emit(f.mock, "CoverBought").withArgs(1n, COVER);
      expect([...(await coverNft.coverOf(1n))]).to.deep.equal([...terms, COVER, premium]);
      expect(await coverNft.poolOf(1n)).to.equal(f.poolAddress);
      expect(await coverNft.ownerOf(1n)).to.equal(await who(bob));
      expect(await coverNft.balanceOf(creator)).to.equal(0n);
      expect(await f.mock.lastCoverId()).to.equal(1n);
      // The stream runs to the boundary after the end, measured from the purchase (not the start).
      const fee = feeOf(premium, POOL_PARAMS.protocolFee);
      expect(await pool.premiumRate()).to.equal(((premium - fee) * WAD) / (epochAfter(end) - t));
    });

    it("quote prices on the watched IP, or on the subject for subject-wide cover", async function () {
      const f = await load();
      const { pool, oracle, insurance, ip, subject, mockAddress } = f;
      const onSubject = (7n * WAD) / 100n;
      const onIp = (9n * WAD) / 100n;
      await (
        await oracle.connect(insurance.assessor).postRates(mockAddress, [subject, ip.ipId], [onSubject, onIp])
      ).wait();
      expect((await pool.quote(mockAddress, subject, ZeroAddress, COVER, DURATION)).rate).to.equal(onSubject);
      expect((await pool.quote(mockAddress, subject, ip.ipId, COVER, DURATION)).rate).to.equal(onIp);
      expect((await pool.quote(mockAddress, ip.ipId, f.stranger, COVER, DURATION)).rate).to.equal(MOCK_RATE);
      expect((await pool.quote(mockAddress, subject, ZeroAddress, COVER, DURATION)).premium).to.equal(
        premiumOf(COVER, onSubject, DURATION),
      );
    });

    it("a new protocol fee and treasury apply to the next premium", async function () {
      const f = await load();
      const { pool, insurance, wip, creator, stranger } = f;
      await (await pool.connect(insurance.riskManager).setProtocolFee(WAD / 5n)).wait();
      await (await pool.connect(insurance.riskManager).setTreasury(stranger)).wait();
      const request = mockRequest(f, await who(creator));
      const premium = premiumOf(COVER, MOCK_RATE, DURATION);
      await expect(pool.connect(creator).buyCover(request)).to.changeTokenBalances(
        ethers,
        wip,
        [creator, stranger, insurance.treasury, pool],
        [-premium, premium / 5n, 0n, premium - premium / 5n],
      );
      expect(await pool.unearnedPremium()).to.equal(premium - premium / 5n);
    });
  });

  describe("premium stream", function () {
    it("earns the net premium linearly until the epoch boundary after the end, then all of it", async function () {
      const f = await load();
      const { pool, insurance, ip, creator } = f;
      const request = await infringementRequest(insurance, ip.ipId, creator, COVER, DURATION);
      const t0 = BigInt(await time.latest()) + 10n;
      const c = await buy(f, request, DEFAULT_RATES.infringement, INFRINGEMENT_TERMS, t0);
      const streamEnd = epochAfter(c.end);
      const rate = (c.net * WAD) / (streamEnd - t0);
      expect(await pool.premiumRate()).to.equal(rate);

      for (const t of [t0 + 1n, t0 + DAY, epochAfter(t0), epochAfter(t0) + 1n, t0 + 50n * DAY + 3n, streamEnd - 1n]) {
        await time.increaseTo(t);
        const state = await expectTotals(f);
        expect(state.capital - CAPITAL, `earned at +${t - t0}`).to.equal((rate * (t - t0)) / WAD);
        expect(state.unearned).to.be.gt(0n);
      }
      await time.increaseTo(streamEnd);
      expect(await pool.unearnedPremium()).to.equal(0n);
      expect(await pool.capital()).to.equal(CAPITAL + c.net);
      expect(await pool.totalAssets()).to.equal(CAPITAL + c.net);

      const ta = await minedAt(insurance, await pool.accrue());
      expect(ta).to.be.gt(streamEnd);
      expect(await pool.premiumRate()).to.equal(0n);
      expect(await pool.lastAccrual()).to.equal(ta);
      expect(await pool.capital()).to.equal(CAPITAL + c.net);
    });

    it("accrue emits Accrued(earned, premiumRate, locked) and is idempotent within a block", async function () {
      const f = await load();
      const { pool, insurance, ip, creator } = f;
      const request = await infringementRequest(insurance, ip.ipId, creator, COVER, DURATION);
      const c = await buy(f, request, DEFAULT_RATES.infringement, INFRINGEMENT_TERMS);
      const rate = streamOf(c.net, c.purchasedAt, c.end).rate;
      const t1 = c.purchasedAt + 9n * DAY + 11n;
      await time.setNextBlockTimestamp(t1);
      await expect(pool.accrue())
        .to.emit(pool, "Accrued")
        .withArgs((rate * (t1 - c.purchasedAt)) / WAD, rate, COVER);
      f.model.accrue(t1);
      expect(await pool.lastAccrual()).to.equal(t1);
      await expectTotals(f);
      // A buy in the block after accrues first: the event shows the state before the new cover.
      const t2 = t1 + 1n;
      const second = mockRequest(f, await who(creator), WAD, 30n * DAY);
      await time.setNextBlockTimestamp(t2);
      const earned = f.model.at(t2).earned;
      await expect(pool.connect(creator).buyCover(second)).to.emit(pool, "Accrued").withArgs(earned, rate, COVER);
    });

    it("two streams: the rate drops by exactly the first stream's rate on its boundary", async function () {
      const f = await load();
      const { pool, insurance, ip, creator } = f;
      const short = mockRequest(f, await who(creator), 100n * WAD, 20n * DAY);
      const s = await buy(f, short, MOCK_RATE, MOCK_TERMS);
      const long = await infringementRequest(insurance, ip.ipId, creator, COVER, 200n * DAY);
      const l = await buy(f, long, DEFAULT_RATES.infringement, INFRINGEMENT_TERMS);
      const [rs, rl] = [f.model.streams[0].rate, f.model.streams[1].rate];
      expect(await pool.premiumRate()).to.equal(rs + rl);
      const boundary = epochAfter(s.end);
      await time.setNextBlockTimestamp(boundary - 1n);
      await expect(pool.accrue())
        .to.emit(pool, "Accrued")
        .withArgs(f.model.at(boundary - 1n).earned, rs + rl, 100n * WAD + COVER);
      f.model.accrue(boundary - 1n);
      await time.setNextBlockTimestamp(boundary);
      await expect(pool.accrue())
        .to.emit(pool, "Accrued")
        .withArgs(f.model.at(boundary).earned, rl, 100n * WAD + COVER);
      f.model.accrue(boundary);
      expect(await pool.premiumRate()).to.equal(rl);
      await expectTotals(f);
      // Everything is earned once the long stream ends too (rounding dust included).
      await time.increaseTo(epochAfter(l.end));
      expect(await pool.unearnedPremium()).to.equal(0n);
      expect(await pool.capital()).to.equal(CAPITAL + s.net + l.net);
      await expectTotals(f);
    });
  });

  describe("locks and capacity", function () {
    it("locks the cover amount until the epoch boundary strictly after the claim deadline", async function () {
      const f = await load();
      const { pool, insurance, ip, creator } = f;
      // Bought so that the claim deadline falls exactly on a boundary: the lock runs one more epoch.
      const now = BigInt(await time.latest());
      const boundary = epochAfter(now + 10n * DAY + DURATION + INFRINGEMENT_TERMS.claimWindow);
      const t = boundary - DURATION - INFRINGEMENT_TERMS.claimWindow;
      const request = await infringementRequest(insurance, ip.ipId, creator, COVER, DURATION);
      const c = await buy(f, request, DEFAULT_RATES.infringement, INFRINGEMENT_TERMS, t);
      expect(c.claimDeadline).to.equal(boundary);
      const until = boundary + EPOCH;
      expect((await f.coverNft.coverOf(c.coverId)).claimDeadline).to.equal(boundary);

      for (const at of [boundary, until - 1n]) {
        await time.increaseTo(at);
        const state = await expectTotals(f);
        expect(state.locked).to.equal(COVER);
        expect(await pool.availableCapacity()).to.equal((state.capital * POOL_PARAMS.capacityRatio) / WAD - COVER);
      }
      await time.increaseTo(until);
      const state = await expectTotals(f);
      expect(state.locked).to.equal(0n);
      expect(state.capital).to.equal(CAPITAL + c.net);
      expect(await pool.freeCapital()).to.equal(CAPITAL + c.net);
      expect(await pool.availableCapacity()).to.equal(((CAPITAL + c.net) * POOL_PARAMS.capacityRatio) / WAD);
    });

    it("reverts ExceedsCapacity(amount, capital × ratio − locked), in quote as in buyCover", async function () {
      const f = await load();
      const { pool, insurance, ip, creator } = f;
      const product = await insurance.infringement.getAddress();
      const capacity = (CAPITAL * POOL_PARAMS.capacityRatio) / WAD;
      expect(await pool.availableCapacity()).to.equal(capacity);
      const before = await snapshot(f);
      const over = await infringementRequest(insurance, ip.ipId, creator, capacity + 1n, DURATION);
      await expect(pool.connect(creator).buyCover(over))
        .to.be.revertedWithCustomError(pool, "ExceedsCapacity")
        .withArgs(capacity + 1n, capacity);
      await expect(pool.quote(product, ip.ipId, ip.ipId, capacity + 1n, DURATION))
        .to.be.revertedWithCustomError(pool, "ExceedsCapacity")
        .withArgs(capacity + 1n, capacity);
      expect(await snapshot(f)).to.deep.equal(before);

      // Exactly the capacity sells; afterwards only the capacity added by earned premium is left.
      const full = await infringementRequest(insurance, ip.ipId, creator, capacity, DURATION);
      await buy(f, full, DEFAULT_RATES.infringement, INFRINGEMENT_TERMS);
      const t = BigInt(await time.latest()) + 3n * DAY;
      const left = (f.model.at(t).capital * POOL_PARAMS.capacityRatio) / WAD - capacity;
      expect(left).to.be.gt(0n);
      await time.setNextBlockTimestamp(t);
      await expect(pool.connect(creator).buyCover(mockRequest(f, await who(creator), left + 1n)))
        .to.be.revertedWithCustomError(pool, "ExceedsCapacity")
        .withArgs(left + 1n, left);

      // A lower ratio below the locked amount leaves no capacity at all.
      await (await pool.connect(insurance.riskManager).setCapacityRatio(WAD / 2n)).wait();
      expect(await pool.availableCapacity()).to.equal(0n);
      await expect(pool.connect(creator).buyCover(mockRequest(f, await who(creator), 1n)))
        .to.be.revertedWithCustomError(pool, "ExceedsCapacity")
        .withArgs(1n, 0n);
      expect(await pool.lockedCapital()).to.equal(capacity);
    });
  });

  describe("rejections", function () {
    it("PremiumAboveMax when the premium is above the buyer's limit (e.g. the rate rose after the quote)", async function () {
      const f = await load();
      const { pool, oracle, insurance, ip, creator } = f;
      const product = await insurance.infringement.getAddress();
      const { premium } = await pool.quote(product, ip.ipId, ip.ipId, COVER, DURATION);
      const before = await snapshot(f);
      const tight = await infringementRequest(insurance, ip.ipId, creator, COVER, DURATION, {
        maxPremium: premium - 1n,
      });
      await expect(pool.connect(creator).buyCover(tight))
        .to.be.revertedWithCustomError(pool, "PremiumAboveMax")
        .withArgs(premium, premium - 1n);

      const higher = (5n * WAD) / 100n;
      await (await oracle.connect(insurance.assessor).postRates(product, [ip.ipId], [higher])).wait();
      const quoted = await infringementRequest(insurance, ip.ipId, creator, COVER, DURATION, { maxPremium: premium });
      await expect(pool.connect(creator).buyCover(quoted))
        .to.be.revertedWithCustomError(pool, "PremiumAboveMax")
        .withArgs(premiumOf(COVER, higher, DURATION), premium);
      expect(await snapshot(f)).to.deep.equal(before);
    });

    it("ProductNotEnabled for an unknown product and a disabled one, whose existing covers still pay", async function () {
      const f = await load();
      const { story, pool, insurance, ip, creator, disputer, stranger, wip } = f;
      const product = await insurance.infringement.getAddress();
      const unknown = {
        ...(await infringementRequest(insurance, ip.ipId, creator, COVER, DURATION)),
        product: await who(stranger),
      };
      await expect(pool.connect(creator).buyCover(unknown))
        .to.be.revertedWithCustomError(pool, "ProductNotEnabled")
        .withArgs(await who(stranger));
      await expect(pool.quote(stranger, ip.ipId, ip.ipId, COVER, DURATION))
        .to.be.revertedWithCustomError(pool, "ProductNotEnabled")
        .withArgs(await who(stranger));

      const request = await infringementRequest(insurance, ip.ipId, creator, COVER, DURATION);
      const c = await buy(f, request, DEFAULT_RATES.infringement, INFRINGEMENT_TERMS);
      await expect(pool.connect(insurance.riskManager).setProduct(product, { ...INFRINGEMENT_TERMS, enabled: false }))
        .to.emit(pool, "ProductSet")
        .withArgs(product, [
          false,
          INFRINGEMENT_TERMS.minDuration,
          INFRINGEMENT_TERMS.maxDuration,
          0n,
          INFRINGEMENT_TERMS.claimWindow,
          INFRINGEMENT_TERMS.minAmount,
        ]);
      const before = await snapshot(f);
      await expect(pool.connect(creator).buyCover(request))
        .to.be.revertedWithCustomError(pool, "ProductNotEnabled")
        .withArgs(product);
      await expect(pool.quote(product, ip.ipId, ip.ipId, COVER, DURATION))
        .to.be.revertedWithCustomError(pool, "ProductNotEnabled")
        .withArgs(product);
      expect(await snapshot(f)).to.deep.equal(before);

      await time.increase(DAY);
      const disputeId = await raiseDispute(story, disputer, ip.ipId);
      await judgeDispute(story, disputeId, true);
      const claim = insurance.infringement.claim(c.coverId, disputeId);
      await expect(claim)
        .to.emit(pool, "ClaimPaid")
        .withArgs(c.coverId, await who(creator), COVER);
      await expect(claim).to.changeTokenBalances(ethers, wip, [creator, pool], [COVER, -COVER]);
      f.model.pay(await minedAt(insurance, await claim), c.lock, COVER);
      await expectTotals(f);
    });

    it("DurationOutOfBounds outside [minDuration, maxDuration]; both bounds sell", async function () {
      const f = await load();
      const { pool, insurance, ip, creator } = f;
      const product = await insurance.infringement.getAddress();
      const { minDuration: min, maxDuration: max } = INFRINGEMENT_TERMS;
      const before = await snapshot(f);
      for (const duration of [min - 1n, max + 1n, 0n]) {
        const request = await infringementRequest(insurance, ip.ipId, creator, COVER, duration);
        await expect(pool.connect(creator).buyCover(request))
          .to.be.revertedWithCustomError(pool, "DurationOutOfBounds")
          .withArgs(duration, min, max);
        await expect(pool.quote(product, ip.ipId, ip.ipId, COVER, duration))
          .to.be.revertedWithCustomError(pool, "DurationOutOfBounds")
          .withArgs(duration, min, max);
      }
      expect(await snapshot(f)).to.deep.equal(before);
      expect((await pool.quote(product, ip.ipId, ip.ipId, COVER, min)).premium).to.equal(
        premiumOf(COVER, DEFAULT_RATES.infringement, min),
      );
      const c = await buy(
        f,
        await infringementRequest(insurance, ip.ipId, creator, WAD, max),
        DEFAULT_RATES.infringement,
        INFRINGEMENT_TERMS,
      );
      expect((await f.coverNft.coverOf(c.coverId)).end).to.equal(c.purchasedAt + max);
    });

    it("ZeroAmount for a zero cover amount and ZeroAddress for a zero recipient", async function () {
      const f = await load();
      const { pool, insurance, ip, creator } = f;
      const product = await insurance.infringement.getAddress();
      const before = await snapshot(f);
      await expect(
        pool.connect(creator).buyCover(await infringementRequest(insurance, ip.ipId, creator, 0n, DURATION)),
      ).to.be.revertedWithCustomError(pool, "ZeroAmount");
      await expect(pool.quote(product, ip.ipId, ip.ipId, 0n, DURATION)).to.be.revertedWithCustomError(
        pool,
        "ZeroAmount",
      );
      await expect(
        pool.connect(creator).buyCover(await infringementRequest(insurance, ip.ipId, ZeroAddress, COVER, DURATION)),
      ).to.be.revertedWithCustomError(pool, "ZeroAddress");
      expect(await snapshot(f)).to.deep.equal(before);
    });

    it("while paused buyCover and quote revert EnforcedPause, but reports and claims on existing covers still work", async function () {
      const f = await load();
      const { story, pool, insurance, ip, creator, disputer } = f;
      const request = await infringementRequest(insurance, ip.ipId, creator, COVER, DURATION);
      const c = await buy(f, request, DEFAULT_RATES.infringement, INFRINGEMENT_TERMS);
      await (await pool.connect(insurance.guardian).pause()).wait();
      const before = await snapshot(f);
      await expect(pool.connect(creator).buyCover(request)).to.be.revertedWithCustomError(pool, "EnforcedPause");
      await expect(
        pool.quote(request.product, request.subject, request.ipId, request.amount, request.duration),
      ).to.be.revertedWithCustomError(pool, "EnforcedPause");
      expect(await snapshot(f)).to.deep.equal(before);

      await time.increase(DAY);
      const disputeId = await raiseDispute(story, disputer, ip.ipId);
      await expect(insurance.infringement.reportDispute(c.coverId, disputeId))
        .to.emit(pool, "CoverReserved")
        .withArgs(c.coverId, COVER);
      await judgeDispute(story, disputeId, true);
      await expect(insurance.infringement.claim(c.coverId, disputeId)).to.changeTokenBalances(
        ethers,
        f.wip,
        [creator, pool],
        [COVER, -COVER],
      );
      expect(await pool.lockedCapital()).to.equal(0n);
      expect(await pool.reservedCapital()).to.equal(0n);
      expect(await pool.paused()).to.equal(true);
    });
  });

  describe("product-only functions", function () {
    it("reject callers other than the cover's product with NotCoverProduct, and unknown covers with UnknownCover", async function () {
      const f = await load();
      const { pool, insurance, coverNft, ip, creator, stranger, mock } = f;
      const c = await buy(
        f,
        await infringementRequest(insurance, ip.ipId, creator, COVER, DURATION),
        DEFAULT_RATES.infringement,
        INFRINGEMENT_TERMS,
      );
      const before = await snapshot(f);
      for (const caller of [stranger, creator, insurance.admin]) {
        const asCaller = pool.connect(caller);
        await expect(asCaller.payClaim(c.coverId, caller, 1n))
          .to.be.revertedWithCustomError(pool, "NotCoverProduct")
          .withArgs(c.coverId, await who(caller));
        await expect(asCaller.reserveCover(c.coverId))
          .to.be.revertedWithCustomError(pool, "NotCoverProduct")
          .withArgs(c.coverId, await who(caller));
        await expect(asCaller.releaseCover(c.coverId))
          .to.be.revertedWithCustomError(pool, "NotCoverProduct")
          .withArgs(c.coverId, await who(caller));
      }
      // Another product of the same pool cannot touch the cover either.
      await expect(mock.payClaim(pool, c.coverId, stranger, 1n))
        .to.be.revertedWithCustomError(pool, "NotCoverProduct")
        .withArgs(c.coverId, f.mockAddress);
      await expect(mock.reserveCover(pool, c.coverId))
        .to.be.revertedWithCustomError(pool, "NotCoverProduct")
        .withArgs(c.coverId, f.mockAddress);
      await expect(mock.payClaim(pool, 99n, stranger, 1n))
        .to.be.revertedWithCustomError(coverNft, "UnknownCover")
        .withArgs(99n);
      expect(await snapshot(f)).to.deep.equal(before);
      expect((await coverNft.coverOf(c.coverId)).status).to.equal(STATUS.Active);
    });

    it("NotCoverProduct when the product's cover was written by another pool", async function () {
      const f = await load();
      const { insurance, pool, coverNft, creator, stranger } = f;
      const pool2 = await ethers.deployContract("UnderwritingPool", [
        {
          asset: f.story.addresses.WIP,
          name: "Second",
          symbol: "uw2",
          authority: await insurance.manager.getAddress(),
          coverNFT: await coverNft.getAddress(),
          riskOracle: await f.oracle.getAddress(),
          treasury: await who(insurance.treasury),
          protocolFee: 0n,
          capacityRatio: WAD,
          cooldown: DAY,
          withdrawalWindow: DAY,
        },
      ]);
      const mock2 = await ethers.deployContract("MockCoverProduct", [await pool2.getAddress()]);
      await (await insurance.manager.connect(insurance.admin).grantRole(INSURANCE_ROLES.COVER_POOL, pool2, 0)).wait();
      await (await pool2.connect(insurance.admin).setProduct(mock2, MOCK_TERMS)).wait();
      await (await f.oracle.connect(insurance.riskManager).setDefaultRate(mock2, MOCK_RATE)).wait();
      await fundAndApprove(insurance, stranger, await pool2.getAddress(), 100n * WAD);
      await (await pool2.connect(stranger).deposit(100n * WAD, stranger)).wait();
      await (await f.wip.connect(creator).approve(pool2, MaxUint256)).wait();
      const request = { ...mockRequest(f, await who(creator), 10n * WAD), product: await mock2.getAddress() };
      await (await pool2.connect(creator).buyCover(request)).wait();
      const coverId = await coverNft.coverCount();
      expect(await coverNft.poolOf(coverId)).to.equal(await pool2.getAddress());

      const before = await snapshot(f);
      await expect(mock2.payClaim(pool, coverId, creator, WAD))
        .to.be.revertedWithCustomError(pool, "NotCoverProduct")
        .withArgs(coverId, await mock2.getAddress());
      await expect(mock2.reserveCover(pool, coverId))
        .to.be.revertedWithCustomError(pool, "NotCoverProduct")
        .withArgs(coverId, await mock2.getAddress());
      expect(await snapshot(f)).to.deep.equal(before);
      // Its own pool pays it.
      await expect(mock2.payClaim(pool2, coverId, creator, WAD))
        .to.emit(pool2, "ClaimPaid")
        .withArgs(coverId, await who(creator), WAD);
    });

    it("payClaim pays at most the cover amount, releases the whole lock and marks the cover paid", async function () {
      const f = await load();
      const { pool, coverNft, mock, creator, bob, wip } = f;
      const c = await buy(f, mockRequest(f, await who(creator)), MOCK_RATE, MOCK_TERMS);
      const before = await snapshot(f);
      await expect(mock.payClaim(pool, c.coverId, bob, 0n)).to.be.revertedWithCustomError(pool, "ZeroAmount");
      await expect(mock.payClaim(pool, c.coverId, bob, COVER + 1n))
        .to.be.revertedWithCustomError(pool, "ClaimExceedsCover")
        .withArgs(COVER + 1n, COVER);
      await expect(mock.payClaim(pool, c.coverId, ZeroAddress, 1n)).to.be.revertedWithCustomError(pool, "ZeroAddress");
      expect(await snapshot(f)).to.deep.equal(before);

      const partial = COVER / 3n;
      const t = BigInt(await time.latest()) + DAY;
      await time.setNextBlockTimestamp(t);
      const tx = mock.payClaim(pool, c.coverId, bob, partial);
      await expect(tx)
        .to.emit(pool, "ClaimPaid")
        .withArgs(c.coverId, await who(bob), partial);
      await expect(tx).to.emit(coverNft, "CoverStatusChanged").withArgs(c.coverId, STATUS.Paid);
      await expect(tx).to.changeTokenBalances(ethers, wip, [bob, pool], [partial, -partial]);
      f.model.pay(t, c.lock, partial);
      const state = await expectTotals(f);
      expect(state.locked).to.equal(0n);
      expect((await coverNft.coverOf(c.coverId)).status).to.equal(STATUS.Paid);

      const paid = await snapshot(f);
      await expect(mock.payClaim(pool, c.coverId, bob, 1n))
        .to.be.revertedWithCustomError(pool, "InvalidCoverStatus")
        .withArgs(c.coverId);
      await expect(mock.reserveCover(pool, c.coverId))
        .to.be.revertedWithCustomError(pool, "InvalidCoverStatus")
        .withArgs(c.coverId);
      await expect(mock.releaseCover(pool, c.coverId))
        .to.be.revertedWithCustomError(pool, "InvalidCoverStatus")
        .withArgs(c.coverId);
      expect(await snapshot(f)).to.deep.equal(paid);
    });

    it("reserve takes the cover amount out of totalAssets until released or paid; wrong statuses revert", async function () {
      const f = await load();
      const { pool, coverNft, mock, creator, bob } = f;
      const c = await buy(f, mockRequest(f, await who(creator)), MOCK_RATE, MOCK_TERMS);
      await expect(mock.releaseCover(pool, c.coverId))
        .to.be.revertedWithCustomError(pool, "InvalidCoverStatus")
        .withArgs(c.coverId);

      const t1 = BigInt(await time.latest()) + DAY;
      await time.setNextBlockTimestamp(t1);
      await expect(mock.reserveCover(pool, c.coverId))
        .to.emit(pool, "CoverReserved")
        .withArgs(c.coverId, COVER)
        .and.to.emit(coverNft, "CoverStatusChanged")
        .withArgs(c.coverId, STATUS.Reported);
      f.model.reserve(t1, c.lock, true);
      let state = await expectTotals(f);
      expect(state.totalAssets).to.equal(state.capital - COVER);
      await expect(mock.reserveCover(pool, c.coverId))
        .to.be.revertedWithCustomError(pool, "InvalidCoverStatus")
        .withArgs(c.coverId);

      const t2 = t1 + DAY;
      await time.setNextBlockTimestamp(t2);
      await expect(mock.releaseCover(pool, c.coverId))
        .to.emit(pool, "CoverReleased")
        .withArgs(c.coverId, COVER)
        .and.to.emit(coverNft, "CoverStatusChanged")
        .withArgs(c.coverId, STATUS.Active);
      f.model.reserve(t2, c.lock, false);
      state = await expectTotals(f);
      expect(state.totalAssets).to.equal(state.capital);

      // Reported then paid: the reserve goes with the lock.
      const t3 = t2 + DAY;
      await time.setNextBlockTimestamp(t3);
      await (await mock.reserveCover(pool, c.coverId)).wait();
      f.model.reserve(t3, c.lock, true);
      const t4 = t3 + DAY;
      await time.setNextBlockTimestamp(t4);
      await (await mock.payClaim(pool, c.coverId, bob, COVER)).wait();
      f.model.pay(t4, c.lock, COVER);
      state = await expectTotals(f);
      expect(state.reserved).to.equal(0n);
      expect(state.locked).to.equal(0n);
    });

    it("ClaimWindowClosed after the claim deadline; a reserve left in place ends with the lock", async function () {
      const f = await load();
      const { pool, mock, creator, bob } = f;
      const c = await buy(f, mockRequest(f, await who(creator)), MOCK_RATE, MOCK_TERMS);
      await (await mock.reserveCover(pool, c.coverId)).wait();
      f.model.reserve(BigInt(await time.latest()), c.lock, true);

      await time.setNextBlockTimestamp(c.claimDeadline + 1n);
      await expect(mock.payClaim(pool, c.coverId, bob, 1n))
        .to.be.revertedWithCustomError(pool, "ClaimWindowClosed")
        .withArgs(c.coverId, c.claimDeadline);
      await expect(mock.releaseCover(pool, c.coverId))
        .to.be.revertedWithCustomError(pool, "ClaimWindowClosed")
        .withArgs(c.coverId, c.claimDeadline);
      // The deadline is checked before the status: even the reported cover cannot be reserved again.
      await expect(mock.reserveCover(pool, c.coverId))
        .to.be.revertedWithCustomError(pool, "ClaimWindowClosed")
        .withArgs(c.coverId, c.claimDeadline);
      expect(await pool.reservedCapital()).to.equal(COVER);

      const until = epochAfter(c.claimDeadline);
      await time.increaseTo(until - 1n);
      expect(await pool.reservedCapital()).to.equal(COVER);
      await time.increaseTo(until);
      const state = await expectTotals(f);
      expect(state.reserved).to.equal(0n);
      expect(await pool.totalAssets()).to.equal(state.capital);
    });

    it("payClaim at the claim deadline itself still pays", async function () {
      const f = await load();
      const { pool, mock, creator, bob, wip } = f;
      const c = await buy(f, mockRequest(f, await who(creator)), MOCK_RATE, MOCK_TERMS);
      await time.setNextBlockTimestamp(c.claimDeadline);
      await expect(mock.payClaim(pool, c.coverId, bob, COVER)).to.changeTokenBalances(ethers, wip, [bob], [COVER]);
      f.model.pay(c.claimDeadline, c.lock, COVER);
      await expectTotals(f);
    });

    it("InfringementProduct.reportDispute / releaseReport reserve and release through the pool with a real dispute", async function () {
      const f = await load();
      const { story, pool, insurance, coverNft, ip, creator, disputer } = f;
      const c = await buy(
        f,
        await infringementRequest(insurance, ip.ipId, creator, COVER, DURATION),
        DEFAULT_RATES.infringement,
        INFRINGEMENT_TERMS,
      );
      await time.increase(DAY);
      const disputeId = await raiseDispute(story, disputer, ip.ipId);
      const assetsBefore = await pool.totalAssets();
      const report = insurance.infringement.connect(disputer).reportDispute(c.coverId, disputeId);
      await expect(report).to.emit(pool, "CoverReserved").withArgs(c.coverId, COVER);
      f.model.reserve(await minedAt(insurance, await report), c.lock, true);
      const reserved = await expectTotals(f);
      expect(reserved.totalAssets).to.be.lt(assetsBefore - COVER + WAD / 100n);
      expect(reserved.reserved).to.equal(COVER);
      expect((await coverNft.coverOf(c.coverId)).status).to.equal(STATUS.Reported);

      await judgeDispute(story, disputeId, false);
      const release = insurance.infringement.releaseReport(c.coverId);
      await expect(release).to.emit(pool, "CoverReleased").withArgs(c.coverId, COVER);
      f.model.reserve(await minedAt(insurance, await release), c.lock, false);
      const released = await expectTotals(f);
      expect(released.totalAssets).to.equal(released.capital);
      expect(released.locked).to.equal(COVER);
      expect((await coverNft.coverOf(c.coverId)).status).to.equal(STATUS.Active);
    });
  });
});
