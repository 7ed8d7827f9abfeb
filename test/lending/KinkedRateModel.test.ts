import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();

const WAD = 10n ** 18n;
const YEAR = 365n * 24n * 60n * 60n;
const CAP = 10n * WAD;
const PCT = WAD / 100n;

/** 2% base, +8% up to an 80% kink, +300% above it. */
const BASE = 2n * PCT;
const SLOPE1 = 8n * PCT;
const SLOPE2 = 300n * PCT;
const KINK = 80n * PCT;

/** Independent BigInt mirror of the curve (per second, rounded down). */
function expectedRate(base: bigint, slope1: bigint, slope2: bigint, kink: bigint, utilization: bigint): bigint {
  const u = utilization > WAD ? WAD : utilization;
  const [b, s1, s2] = [base / YEAR, slope1 / YEAR, slope2 / YEAR];
  if (u <= kink) return b + (s1 * u) / kink;
  return b + s1 + (s2 * (u - kink)) / (WAD - kink);
}

async function deployDefaultModel() {
  const model = await ethers.deployContract("KinkedRateModel", [BASE, SLOPE1, SLOPE2, KINK]);
  return { model };
}

async function deploy(base: bigint, slope1: bigint, slope2: bigint, kink: bigint) {
  const factory = await ethers.getContractFactory("KinkedRateModel");
  return { factory, deployment: factory.deploy(base, slope1, slope2, kink) };
}

describe("KinkedRateModel", function () {
  describe("construction and getters", function () {
    it("stores the yearly parameters, converts them per second rounding down, and emits RateModelCreated", async function () {
      const { model } = await networkHelpers.loadFixture(deployDefaultModel);
      await expect(model.deploymentTransaction())
        .to.emit(model, "RateModelCreated")
        .withArgs(BASE, SLOPE1, SLOPE2, KINK);
      expect(await model.baseRatePerYear()).to.equal(BASE);
      expect(await model.slope1PerYear()).to.equal(SLOPE1);
      expect(await model.slope2PerYear()).to.equal(SLOPE2);
      expect(await model.kink()).to.equal(KINK);
      // 0.02e18 / 31_536_000 = 634_195_839.67… → 634_195_839 (hand-computed, not derived from the mirror).
      expect(await model.baseRatePerSecond()).to.equal(634_195_839n);
      expect(await model.slope1PerSecond()).to.equal(2_536_783_358n);
      expect(await model.slope2PerSecond()).to.equal(95_129_375_951n);
      expect(await model.maxRatePerSecond()).to.equal(634_195_839n + 2_536_783_358n + 95_129_375_951n);
      expect(await model.MAX_RATE_PER_YEAR()).to.equal(CAP);
      expect(await model.SECONDS_PER_YEAR()).to.equal(YEAR);
    });

    it("is callable through IInterestRateModel", async function () {
      const { model } = await networkHelpers.loadFixture(deployDefaultModel);
      const asInterface = await ethers.getContractAt("IInterestRateModel", await model.getAddress());
      expect(await asInterface.borrowRatePerSecond(KINK)).to.equal(634_195_839n + 2_536_783_358n);
    });

    it("accepts the extreme valid kinks (1 wei and 1e18 - 1)", async function () {
      for (const kink of [1n, WAD - 1n]) {
        const model = await ethers.deployContract("KinkedRateModel", [BASE, SLOPE1, SLOPE2, kink]);
        expect(await model.kink()).to.equal(kink);
        expect(await model.borrowRatePerSecond(kink)).to.equal(BASE / YEAR + SLOPE1 / YEAR);
        expect(await model.borrowRatePerSecond(WAD)).to.equal(await model.maxRatePerSecond());
      }
    });

    it("accepts a max rate exactly at the cap and all-zero rates", async function () {
      const capped = await ethers.deployContract("KinkedRateModel", [CAP / 2n, CAP / 4n, CAP / 4n, KINK]);
      expect(await capped.maxRatePerSecond()).to.equal(CAP / 2n / YEAR + 2n * (CAP / 4n / YEAR));
      expect(await capped.borrowRatePerSecond(WAD)).to.be.lte(CAP / YEAR);
      const zero = await ethers.deployContract("KinkedRateModel", [0n, 0n, 0n, KINK]);
      expect(await zero.borrowRatePerSecond(WAD)).to.equal(0n);
    });

    for (const kink of [0n, WAD, WAD + 1n, ethers.MaxUint256]) {
      it(`reverts with InvalidKink(${kink})`, async function () {
        const { factory, deployment } = await deploy(BASE, SLOPE1, SLOPE2, kink);
        await expect(deployment).to.be.revertedWithCustomError(factory, "InvalidKink").withArgs(kink);
      });
    }

    const tooHigh: [string, bigint, bigint, bigint, bigint][] = [
      ["the sum is one wei above the cap", CAP / 2n, CAP / 4n, CAP / 4n + 1n, CAP + 1n],
      ["the base rate alone is above the cap", CAP + 1n, 0n, 0n, CAP + 1n],
      ["slope1 alone is above the cap", 0n, CAP + 1n, 0n, CAP + 1n],
      ["slope2 alone is above the cap", 0n, 0n, CAP + 1n, CAP + 1n],
      ["the sum would overflow (reported saturated)", ethers.MaxUint256, ethers.MaxUint256, 1n, ethers.MaxUint256],
    ];
    for (const [name, base, slope1, slope2, reported] of tooHigh) {
      it(`reverts with MaxRateAboveCap when ${name}`, async function () {
        const { factory, deployment } = await deploy(base, slope1, slope2, KINK);
        await expect(deployment).to.be.revertedWithCustomError(factory, "MaxRateAboveCap").withArgs(reported, CAP);
      });
    }

    it("checks the kink before the rates", async function () {
      const { factory, deployment } = await deploy(CAP, CAP, CAP, 0n);
      await expect(deployment).to.be.revertedWithCustomError(factory, "InvalidKink").withArgs(0n);
    });
  });

  describe("borrowRatePerSecond", function () {
    const b = 634_195_839n;
    const s1 = 2_536_783_358n;
    const s2 = 95_129_375_951n;
    const cases: [string, bigint, bigint][] = [
      ["0% utilization: the base rate", 0n, b],
      ["kink / 2: base + slope1 / 2", KINK / 2n, b + s1 / 2n],
      ["1 wei below the kink: rounds down", KINK - 1n, b + (s1 * (KINK - 1n)) / KINK],
      ["the kink: base + slope1", KINK, b + s1],
      ["1 wei above the kink", KINK + 1n, b + s1 + (s2 * 1n) / (WAD - KINK)],
      ["90% (half way from the kink to 100%): base + slope1 + slope2 / 2", 90n * PCT, b + s1 + s2 / 2n],
      ["95%: base + slope1 + 3/4 slope2 (rounded down)", 95n * PCT, b + s1 + (s2 * 3n) / 4n],
      ["100%: the maximum", WAD, b + s1 + s2],
      ["above 100%: treated as 100%", WAD + 1n, b + s1 + s2],
      ["far above 100%: treated as 100%", ethers.MaxUint256, b + s1 + s2],
    ];
    for (const [name, utilization, expected] of cases) {
      it(`at ${name}`, async function () {
        const { model } = await networkHelpers.loadFixture(deployDefaultModel);
        expect(expected).to.equal(expectedRate(BASE, SLOPE1, SLOPE2, KINK, utilization));
        expect(await model.borrowRatePerSecond(utilization)).to.equal(expected);
      });
    }

    it("compounds to about the stated APR at the kink (each per-second conversion loses < 1 wei per second)", async function () {
      const { model } = await networkHelpers.loadFixture(deployDefaultModel);
      const perYear = (await model.borrowRatePerSecond(KINK)) * YEAR;
      expect(perYear).to.be.lte(BASE + SLOPE1);
      expect(BASE + SLOPE1 - perYear).to.be.lt(2n * YEAR);
    });

    it("matches the mirror on a grid of utilizations for an asymmetric curve", async function () {
      const [base, slope1, slope2, kink] = [0n, 4n * PCT, 750n * PCT, 333_333_333_333_333_333n];
      const model = await ethers.deployContract("KinkedRateModel", [base, slope1, slope2, kink]);
      let previous = 0n;
      for (let u = 0n; u <= WAD + 5n * PCT; u += PCT / 2n + 7n) {
        const rate = await model.borrowRatePerSecond(u);
        expect(rate).to.equal(expectedRate(base, slope1, slope2, kink, u));
        expect(rate).to.be.gte(previous);
        previous = rate;
      }
    });
  });
});
