/**
 * RiskOracle: default rates, posted per-subject rates while fresh, the stale rule (never below the default), bounds
 * on every rate and on the staleness limit, batch checks, events and the roles of the fixture (the risk assessor
 * posts, the risk manager sets defaults and the staleness limit).
 */
import { expect } from "chai";
import { network } from "hardhat";
import { type Signer } from "ethers";
import { loadStory } from "../fixtures/story.ts";
import { DAY, DEFAULT_RATES, POOL_PARAMS, WAD, deployInsurance } from "../fixtures/insurance.ts";
import { name } from "./UnderwritingPool.helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const MIN_RATE = WAD / 10_000n;
const MAX_RATE = WAD;
const HOUR = 3600n;

async function deployOracle() {
  const story = await loadStory(connection);
  const insurance = await deployInsurance(story);
  const [, a, b, c, stranger] = await ethers.getSigners();
  const subjects = await Promise.all([a, b, c].map((s) => s.getAddress()));
  const product = await insurance.infringement.getAddress();
  return { insurance, oracle: insurance.oracle, product, subjects, stranger };
}

const who = (s: Signer) => s.getAddress();

/** Sets the next block's time to `t`, posts one rate and returns `t`. */
async function postAt(f: Awaited<ReturnType<typeof deployOracle>>, subject: string, rate: bigint, t: bigint) {
  await time.setNextBlockTimestamp(t);
  await (await f.oracle.connect(f.insurance.assessor).postRates(f.product, [subject], [rate])).wait();
  return t;
}

describe(`RiskOracle (${connection.networkName})`, function () {
  it("exposes its bounds and the fixture's configuration", async function () {
    const { oracle, product, insurance } = await networkHelpers.loadFixture(deployOracle);
    expect(await oracle.MIN_RATE()).to.equal(MIN_RATE);
    expect(await oracle.MAX_RATE()).to.equal(MAX_RATE);
    expect(await oracle.MIN_MAX_AGE()).to.equal(HOUR);
    expect(await oracle.MAX_MAX_AGE()).to.equal(365n * DAY);
    expect(await oracle.maxAge()).to.equal(POOL_PARAMS.rateMaxAge);
    expect(await oracle.defaultRate(product)).to.equal(DEFAULT_RATES.infringement);
    expect(await oracle.defaultRate(insurance.shortfall)).to.equal(DEFAULT_RATES.shortfall);
  });

  it("quotes the default rate for a subject without a posted rate", async function () {
    const { oracle, product, subjects } = await networkHelpers.loadFixture(deployOracle);
    expect(await oracle.rateOf(product, subjects[0])).to.equal(DEFAULT_RATES.infringement);
    expect(await oracle.postedRate(product, subjects[0])).to.deep.equal([0n, 0n]);
  });

  it("reverts ProductNotPriced for a product without a default rate, even with posted rates", async function () {
    const { oracle, insurance, subjects, stranger } = await networkHelpers.loadFixture(deployOracle);
    const unpriced = await who(stranger);
    await expect(oracle.rateOf(unpriced, subjects[0]))
      .to.be.revertedWithCustomError(oracle, "ProductNotPriced")
      .withArgs(unpriced);
    await (await oracle.connect(insurance.assessor).postRates(unpriced, [subjects[0]], [WAD / 10n])).wait();
    expect((await oracle.postedRate(unpriced, subjects[0]))[0]).to.equal(WAD / 10n);
    await expect(oracle.rateOf(unpriced, subjects[0]))
      .to.be.revertedWithCustomError(oracle, "ProductNotPriced")
      .withArgs(unpriced);
  });

  it("posts a batch of rates with one event each and quotes them while fresh, below or above the default", async function () {
    const f = await networkHelpers.loadFixture(deployOracle);
    const { oracle, product, subjects, insurance } = f;
    const rates = [MIN_RATE, DEFAULT_RATES.infringement * 3n, MAX_RATE];
    const t = BigInt(await time.latest()) + 5n;
    await time.setNextBlockTimestamp(t);
    const tx = oracle.connect(insurance.assessor).postRates(product, subjects, rates);
    for (let i = 0; i < 3; i++) {
      await expect(tx).to.emit(oracle, "RatePosted").withArgs(product, subjects[i], rates[i]);
    }
    for (let i = 0; i < 3; i++) {
      expect(await oracle.postedRate(product, subjects[i])).to.deep.equal([rates[i], t]);
      expect(await oracle.rateOf(product, subjects[i])).to.equal(rates[i]);
    }
    // Rates are per product.
    expect(await oracle.rateOf(insurance.shortfall, subjects[0])).to.equal(DEFAULT_RATES.shortfall);
  });

  it("a posted rate is fresh for maxAge seconds; stale, it quotes max(posted, default) in both orders", async function () {
    const f = await networkHelpers.loadFixture(deployOracle);
    const { oracle, product, subjects } = f;
    const low = DEFAULT_RATES.infringement / 2n;
    const high = DEFAULT_RATES.infringement * 2n;
    const t = BigInt(await time.latest()) + 10n;
    await time.setNextBlockTimestamp(t);
    await (
      await oracle.connect(f.insurance.assessor).postRates(product, [subjects[0], subjects[1]], [low, high])
    ).wait();

    await time.increaseTo(t + POOL_PARAMS.rateMaxAge);
    expect(await oracle.rateOf(product, subjects[0])).to.equal(low);
    expect(await oracle.rateOf(product, subjects[1])).to.equal(high);
    await time.increaseTo(t + POOL_PARAMS.rateMaxAge + 1n);
    expect(await oracle.rateOf(product, subjects[0])).to.equal(DEFAULT_RATES.infringement);
    expect(await oracle.rateOf(product, subjects[1])).to.equal(high);
    // The stale rate is kept; only the quote changes.
    expect(await oracle.postedRate(product, subjects[0])).to.deep.equal([low, t]);

    // A new post refreshes it.
    const t2 = await postAt(f, subjects[0], low, t + POOL_PARAMS.rateMaxAge + 10n);
    expect(await oracle.rateOf(product, subjects[0])).to.equal(low);
    expect(await oracle.postedRate(product, subjects[0])).to.deep.equal([low, t2]);
    // A default raised above a stale posted rate lifts the quote, not the fresh one.
    await (await oracle.connect(f.insurance.riskManager).setDefaultRate(product, high * 2n)).wait();
    expect(await oracle.rateOf(product, subjects[1])).to.equal(high * 2n);
    expect(await oracle.rateOf(product, subjects[0])).to.equal(low);
  });

  it("setMaxAge within [1 hour, 365 days] with its event; freshness follows the new limit", async function () {
    const f = await networkHelpers.loadFixture(deployOracle);
    const { oracle, product, subjects, insurance } = f;
    const rm = oracle.connect(insurance.riskManager);
    for (const bad of [HOUR - 1n, 365n * DAY + 1n, 0n]) {
      await expect(rm.setMaxAge(bad))
        .to.be.revertedWithCustomError(oracle, "ParameterOutOfBounds")
        .withArgs(name("maxAge"));
    }
    expect(await oracle.maxAge()).to.equal(POOL_PARAMS.rateMaxAge);
    const low = MIN_RATE;
    const t = await postAt(f, subjects[0], low, BigInt(await time.latest()) + 1n);
    await time.increaseTo(t + 2n * HOUR);
    expect(await oracle.rateOf(product, subjects[0])).to.equal(low);
    await expect(rm.setMaxAge(HOUR)).to.emit(oracle, "MaxAgeSet").withArgs(HOUR);
    expect(await oracle.maxAge()).to.equal(HOUR);
    expect(await oracle.rateOf(product, subjects[0])).to.equal(DEFAULT_RATES.infringement);
    await expect(rm.setMaxAge(365n * DAY))
      .to.emit(oracle, "MaxAgeSet")
      .withArgs(365n * DAY);
    expect(await oracle.rateOf(product, subjects[0])).to.equal(low);
  });

  it("bounds every rate to [MIN_RATE, MAX_RATE]: defaults and posts (a bad entry reverts the whole batch)", async function () {
    const f = await networkHelpers.loadFixture(deployOracle);
    const { oracle, product, subjects, insurance } = f;
    const rm = oracle.connect(insurance.riskManager);
    const assessor = oracle.connect(insurance.assessor);
    for (const bad of [0n, MIN_RATE - 1n, MAX_RATE + 1n]) {
      await expect(rm.setDefaultRate(product, bad))
        .to.be.revertedWithCustomError(oracle, "ParameterOutOfBounds")
        .withArgs(name("rate"));
      await expect(assessor.postRates(product, [subjects[0], subjects[1]], [WAD / 10n, bad]))
        .to.be.revertedWithCustomError(oracle, "ParameterOutOfBounds")
        .withArgs(name("rate"));
    }
    expect(await oracle.defaultRate(product)).to.equal(DEFAULT_RATES.infringement);
    expect(await oracle.postedRate(product, subjects[0])).to.deep.equal([0n, 0n]);
    for (const good of [MIN_RATE, MAX_RATE]) {
      await expect(rm.setDefaultRate(product, good)).to.emit(oracle, "DefaultRateSet").withArgs(product, good);
      expect(await oracle.defaultRate(product)).to.equal(good);
      expect(await oracle.rateOf(product, subjects[2])).to.equal(good);
    }
  });

  it("postRates reverts LengthMismatch for arrays of different lengths; an empty batch does nothing", async function () {
    const { oracle, product, subjects, insurance } = await networkHelpers.loadFixture(deployOracle);
    const assessor = oracle.connect(insurance.assessor);
    await expect(assessor.postRates(product, subjects, [WAD / 10n])).to.be.revertedWithCustomError(
      oracle,
      "LengthMismatch",
    );
    await expect(assessor.postRates(product, [subjects[0]], [WAD / 10n, WAD / 10n])).to.be.revertedWithCustomError(
      oracle,
      "LengthMismatch",
    );
    expect(await oracle.postedRate(product, subjects[0])).to.deep.equal([0n, 0n]);
    await expect(assessor.postRates(product, [], [])).not.to.emit(oracle, "RatePosted");
  });

  it("only the risk assessor posts and only the risk manager sets defaults and the staleness limit", async function () {
    const { oracle, product, subjects, insurance, stranger } = await networkHelpers.loadFixture(deployOracle);
    const { admin, riskManager, assessor, guardian } = insurance;
    const calls: [string, unknown[], Signer][] = [
      ["postRates", [product, [subjects[0]], [WAD / 10n]], assessor],
      ["setDefaultRate", [product, WAD / 10n], riskManager],
      ["setMaxAge", [DAY], riskManager],
    ];
    for (const [fn, args, allowed] of calls) {
      for (const caller of [stranger, admin, riskManager, assessor, guardian]) {
        if (caller === allowed) continue;
        await expect(oracle.connect(caller).getFunction(fn)(...args), `${fn} by ${await who(caller)}`)
          .to.be.revertedWithCustomError(oracle, "AccessManagedUnauthorized")
          .withArgs(await who(caller));
      }
    }
    expect(await oracle.postedRate(product, subjects[0])).to.deep.equal([0n, 0n]);
    expect(await oracle.defaultRate(product)).to.equal(DEFAULT_RATES.infringement);
    expect(await oracle.maxAge()).to.equal(POOL_PARAMS.rateMaxAge);
  });

  it("the constructor bounds the staleness limit and emits MaxAgeSet", async function () {
    const { insurance } = await networkHelpers.loadFixture(deployOracle);
    const authority = await insurance.manager.getAddress();
    const factory = await ethers.getContractFactory("RiskOracle");
    for (const bad of [HOUR - 1n, 365n * DAY + 1n]) {
      await expect(factory.deploy(authority, bad))
        .to.be.revertedWithCustomError(factory, "ParameterOutOfBounds")
        .withArgs(name("maxAge"));
    }
    const oracle = await ethers.deployContract("RiskOracle", [authority, HOUR]);
    await expect(oracle.deploymentTransaction()).to.emit(oracle, "MaxAgeSet").withArgs(HOUR);
    expect(await oracle.maxAge()).to.equal(HOUR);
    expect(await oracle.authority()).to.equal(authority);
  });
});
