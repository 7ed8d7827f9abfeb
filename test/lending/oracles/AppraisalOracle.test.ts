import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

const WAD = 10n ** 18n;
const APPRAISER_ROLE = 1n;
const MAX_CHANGE = (WAD * 2n) / 10n; // 20%
const HOUR = 3_600n;
const DAY = 24n * HOUR;
const PERIOD = DAY; // a rise may reach the whole 20% a day after the last non-zero appraisal
const MAX_UINT192 = 2n ** 192n - 1n;

/** `valueOf` is shadowed by JavaScript's Object.prototype.valueOf on ethers contracts: call it by name. */
async function valueOf(
  oracle: { getFunction(name: string): { staticCall(...args: unknown[]): Promise<unknown> } },
  ip: string,
) {
  return (await oracle.getFunction("valueOf").staticCall(ip)) as [bigint, bigint];
}

async function deployAppraisal() {
  const [admin, appraiser, stranger] = await ethers.getSigners();
  const manager = await ethers.deployContract("AccessManager", [admin.address]);
  const oracle = await ethers.deployContract("AppraisalOracle", [await manager.getAddress(), MAX_CHANGE, PERIOD]);
  const post = oracle.interface.getFunction("postAppraisal").selector;
  await manager.setTargetFunctionRole(await oracle.getAddress(), [post], APPRAISER_ROLE);
  await manager.grantRole(APPRAISER_ROLE, appraiser.address, 0);
  const ipId = ethers.Wallet.createRandom().address;
  return { manager, oracle, admin, appraiser, stranger, ipId };
}

/** The oracle with the IP appraised at 1,000 (the anchor) at `appraisedAt`. */
async function deployAppraised() {
  const fixture = await deployAppraisal();
  await fixture.oracle.connect(fixture.appraiser).postAppraisal(fixture.ipId, 1_000n * WAD);
  return { ...fixture, appraisedAt: BigInt(await time.latest()) };
}

/** The appraisal record as a plain array: [value, updatedAt, anchor, anchoredAt]. */
async function recordOf(oracle: Awaited<ReturnType<typeof deployAppraisal>>["oracle"], ipId: string) {
  return [...(await oracle.appraisalOf(ipId))];
}

describe("AppraisalOracle", function () {
  describe("deployment", function () {
    it("stores the max change and the increase period and emits them", async function () {
      const { oracle } = await networkHelpers.loadFixture(deployAppraisal);
      expect(await oracle.maxChangePerUpdate()).to.equal(MAX_CHANGE);
      expect(await oracle.increasePeriod()).to.equal(PERIOD);
      expect(await oracle.MIN_INCREASE_PERIOD()).to.equal(HOUR);
      expect(await oracle.MAX_INCREASE_PERIOD()).to.equal(30n * DAY);
      await expect(oracle.deploymentTransaction()).to.emit(oracle, "MaxChangePerUpdateSet").withArgs(MAX_CHANGE);
      await expect(oracle.deploymentTransaction()).to.emit(oracle, "IncreasePeriodSet").withArgs(PERIOD);
    });

    it("rejects a max change out of bounds", async function () {
      const { manager } = await networkHelpers.loadFixture(deployAppraisal);
      const factory = await ethers.getContractFactory("AppraisalOracle");
      const min = WAD / 100n;
      await expect(factory.deploy(await manager.getAddress(), min - 1n, PERIOD))
        .to.be.revertedWithCustomError(factory, "MaxChangePerUpdateOutOfBounds")
        .withArgs(min - 1n, min, WAD);
      await expect(factory.deploy(await manager.getAddress(), WAD + 1n, PERIOD))
        .to.be.revertedWithCustomError(factory, "MaxChangePerUpdateOutOfBounds")
        .withArgs(WAD + 1n, min, WAD);
    });

    it("rejects an increase period out of bounds", async function () {
      const { manager } = await networkHelpers.loadFixture(deployAppraisal);
      const factory = await ethers.getContractFactory("AppraisalOracle");
      for (const period of [0n, HOUR - 1n, 30n * DAY + 1n]) {
        await expect(factory.deploy(await manager.getAddress(), MAX_CHANGE, period))
          .to.be.revertedWithCustomError(factory, "IncreasePeriodOutOfBounds")
          .withArgs(period, HOUR, 30n * DAY);
      }
    });
  });

  describe("postAppraisal", function () {
    it("is restricted to the appraiser role", async function () {
      const { oracle, stranger, admin, ipId } = await networkHelpers.loadFixture(deployAppraisal);
      for (const caller of [stranger, admin]) {
        await expect(oracle.connect(caller).postAppraisal(ipId, WAD))
          .to.be.revertedWithCustomError(oracle, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
      expect(await valueOf(oracle, ipId)).to.deep.equal([0n, 0n]);
    });

    it("accepts any non-zero first appraisal, which anchors the bounds", async function () {
      const { oracle, appraiser, ipId } = await networkHelpers.loadFixture(deployAppraisal);
      expect(await oracle.allowedRange(ipId)).to.deep.equal([0n, MAX_UINT192]);
      const value = 123_456_789n * WAD;
      await expect(oracle.connect(appraiser).postAppraisal(ipId, value))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, value, 0n);
      const now = BigInt(await time.latest());
      expect(await valueOf(oracle, ipId)).to.deep.equal([value, now]);
      const appraisal = await oracle.appraisalOf(ipId);
      expect(appraisal.value).to.equal(value);
      expect(appraisal.updatedAt).to.equal(now);
      expect(appraisal.anchor).to.equal(value);
      expect(appraisal.anchoredAt).to.equal(now);
    });

    it("accepts a fall of the whole max change at once, and a rise of it a full period after the anchor", async function () {
      const { oracle, appraiser, ipId, appraisedAt } = await networkHelpers.loadFixture(deployAppraised);
      await time.setNextBlockTimestamp(appraisedAt + PERIOD);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 1_200n * WAD))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, 1_200n * WAD, 1_000n * WAD);
      // The bound now follows the new value: down to 1200 − 240 at once.
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 960n * WAD))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, 960n * WAD, 1_200n * WAD);
      const now = BigInt(await time.latest());
      expect(await valueOf(oracle, ipId)).to.deep.equal([960n * WAD, now]);
      expect(await recordOf(oracle, ipId)).to.deep.equal([960n * WAD, now, 960n * WAD, now]);
    });

    it("rejects a rise beyond the max change even after a full period, state unchanged", async function () {
      const { oracle, appraiser, ipId, appraisedAt } = await networkHelpers.loadFixture(deployAppraised);
      const before = await recordOf(oracle, ipId);
      await time.setNextBlockTimestamp(appraisedAt + 10n * PERIOD);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 1_200n * WAD + 1n))
        .to.be.revertedWithCustomError(oracle, "AppraisalChangeTooLarge")
        .withArgs(ipId, 1_200n * WAD + 1n, 800n * WAD, 1_200n * WAD);
      expect(await valueOf(oracle, ipId)).to.deep.equal([1_000n * WAD, appraisedAt]);
      expect(await recordOf(oracle, ipId)).to.deep.equal(before);
    });

    it("rejects a fall beyond the max change, state unchanged", async function () {
      const { oracle, appraiser, ipId, appraisedAt } = await networkHelpers.loadFixture(deployAppraised);
      const before = await recordOf(oracle, ipId);
      await time.setNextBlockTimestamp(appraisedAt + PERIOD / 4n);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 800n * WAD - 1n))
        .to.be.revertedWithCustomError(oracle, "AppraisalChangeTooLarge")
        .withArgs(ipId, 800n * WAD - 1n, 800n * WAD, 1_050n * WAD);
      expect(await valueOf(oracle, ipId)).to.deep.equal([1_000n * WAD, appraisedAt]);
      expect(await recordOf(oracle, ipId)).to.deep.equal(before);
    });

    it("zero is a kill switch at any time, and the bound and its clock survive it", async function () {
      const { oracle, appraiser, ipId, appraisedAt } = await networkHelpers.loadFixture(deployAppraised);
      await time.setNextBlockTimestamp(appraisedAt + HOUR);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 0n))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, 0n, 1_000n * WAD);
      const killedAt = appraisedAt + HOUR;
      expect(await valueOf(oracle, ipId)).to.deep.equal([0n, killedAt]);
      // The anchor and the time it was set are kept.
      expect(await recordOf(oracle, ipId)).to.deep.equal([0n, killedAt, 1_000n * WAD, appraisedAt]);
      // Re-valuing after a kill is bounded by the last non-zero appraisal, the rise counted from when it was set.
      await time.setNextBlockTimestamp(appraisedAt + PERIOD / 2n);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 5_000n * WAD))
        .to.be.revertedWithCustomError(oracle, "AppraisalChangeTooLarge")
        .withArgs(ipId, 5_000n * WAD, 800n * WAD, 1_100n * WAD);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 1_100n * WAD))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, 1_100n * WAD, 0n);
      const revaluedAt = appraisedAt + PERIOD / 2n;
      expect(await recordOf(oracle, ipId)).to.deep.equal([1_100n * WAD, revaluedAt, 1_100n * WAD, revaluedAt]);
    });

    it("rejects values that do not fit uint192", async function () {
      const { oracle, appraiser, ipId } = await networkHelpers.loadFixture(deployAppraisal);
      const tooLarge = 2n ** 192n;
      await expect(oracle.connect(appraiser).postAppraisal(ipId, tooLarge))
        .to.be.revertedWithCustomError(oracle, "AppraisalTooLarge")
        .withArgs(tooLarge);
      expect(await valueOf(oracle, ipId)).to.deep.equal([0n, 0n]);
    });

    it("keeps IPs independent", async function () {
      const { oracle, appraiser, ipId } = await networkHelpers.loadFixture(deployAppraised);
      const other = ethers.Wallet.createRandom().address;
      await oracle.connect(appraiser).postAppraisal(other, 7n);
      expect((await valueOf(oracle, other))[0]).to.equal(7n);
      expect((await valueOf(oracle, ipId))[0]).to.equal(1_000n * WAD);
    });
  });

  describe("rises limited by time", function () {
    it("the band's top grows linearly with the time since the anchor, to the max change after a period", async function () {
      const { oracle, ipId, appraisedAt } = await networkHelpers.loadFixture(deployAppraised);
      // In the anchor's own block no time has passed: no rise at all, a fall of the whole 20%.
      expect(await oracle.allowedRange(ipId)).to.deep.equal([800n * WAD, 1_000n * WAD]);
      const figures: [bigint, bigint][] = [
        [1n, 1_000n * WAD + 2_314_814_814_814_814n], // 200 / 86,400 per second, rounded down
        [PERIOD / 4n, 1_050n * WAD],
        [PERIOD / 2n, 1_100n * WAD],
        [(PERIOD * 3n) / 4n, 1_150n * WAD],
        [PERIOD, 1_200n * WAD],
        [PERIOD + 1n, 1_200n * WAD],
        [30n * PERIOD, 1_200n * WAD],
      ];
      for (const [elapsed, maxAllowed] of figures) {
        await time.increaseTo(appraisedAt + elapsed);
        expect(await oracle.allowedRange(ipId), `after ${elapsed}s`).to.deep.equal([800n * WAD, maxAllowed]);
      }
    });

    it("rounds the rise down, in the protocol's favour", async function () {
      const { oracle, appraiser } = await networkHelpers.loadFixture(deployAppraisal);
      const ipId = ethers.Wallet.createRandom().address;
      await oracle.connect(appraiser).postAppraisal(ipId, 7n);
      const appraisedAt = BigInt(await time.latest());
      // 7 + 7 × 20% × ½ = 7.7: 7. The fall, 7 × 20% = 1.4, rounds down too: 6.
      await time.increaseTo(appraisedAt + PERIOD / 2n);
      expect(await oracle.allowedRange(ipId)).to.deep.equal([6n, 7n]);
      await time.setNextBlockTimestamp(appraisedAt + PERIOD / 2n + 1n);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 8n))
        .to.be.revertedWithCustomError(oracle, "AppraisalChangeTooLarge")
        .withArgs(ipId, 8n, 6n, 7n);
      await time.increaseTo(appraisedAt + PERIOD);
      expect(await oracle.allowedRange(ipId)).to.deep.equal([6n, 8n]);
    });

    it("refuses a rise above the band with the band in the error, state unchanged; accepts the top", async function () {
      const { oracle, appraiser, ipId, appraisedAt } = await networkHelpers.loadFixture(deployAppraised);
      const before = await recordOf(oracle, ipId);
      await time.setNextBlockTimestamp(appraisedAt + PERIOD / 2n);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 1_100n * WAD + 1n))
        .to.be.revertedWithCustomError(oracle, "AppraisalChangeTooLarge")
        .withArgs(ipId, 1_100n * WAD + 1n, 800n * WAD, 1_100n * WAD);
      expect(await recordOf(oracle, ipId)).to.deep.equal(before);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 1_100n * WAD))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, 1_100n * WAD, 1_000n * WAD);
      const now = appraisedAt + PERIOD / 2n;
      expect(await recordOf(oracle, ipId)).to.deep.equal([1_100n * WAD, now, 1_100n * WAD, now]);
    });

    it("a rise restarts the clock: a second rise right after it has almost no room", async function () {
      const { oracle, appraiser, ipId, appraisedAt } = await networkHelpers.loadFixture(deployAppraised);
      const rose = appraisedAt + PERIOD;
      await time.setNextBlockTimestamp(rose);
      await (await oracle.connect(appraiser).postAppraisal(ipId, 1_200n * WAD)).wait();
      // One second later: 1200 × 20% / 86,400 = 0.00277… of room, where 20% more would need 240.
      await time.setNextBlockTimestamp(rose + 1n);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 1_440n * WAD))
        .to.be.revertedWithCustomError(oracle, "AppraisalChangeTooLarge")
        .withArgs(ipId, 1_440n * WAD, 960n * WAD, 1_200n * WAD + 2_777_777_777_777_777n);
      expect(await recordOf(oracle, ipId)).to.deep.equal([1_200n * WAD, rose, 1_200n * WAD, rose]);
    });

    it("a fall is immediate, however recent the anchor", async function () {
      const { oracle, appraiser, ipId, appraisedAt } = await networkHelpers.loadFixture(deployAppraised);
      await time.setNextBlockTimestamp(appraisedAt + 1n);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 800n * WAD))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, 800n * WAD, 1_000n * WAD);
      await time.setNextBlockTimestamp(appraisedAt + 2n);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 640n * WAD))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, 640n * WAD, 800n * WAD);
      const now = appraisedAt + 2n;
      expect(await recordOf(oracle, ipId)).to.deep.equal([640n * WAD, now, 640n * WAD, now]);
      expect(await oracle.allowedRange(ipId)).to.deep.equal([512n * WAD, 640n * WAD]);
    });

    it("re-posting the same value (a refresh) is always accepted and restarts the clock", async function () {
      const { oracle, appraiser, ipId, appraisedAt } = await networkHelpers.loadFixture(deployAppraised);
      const refreshed = appraisedAt + PERIOD / 2n;
      await time.setNextBlockTimestamp(refreshed);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 1_000n * WAD))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, 1_000n * WAD, 1_000n * WAD);
      expect(await recordOf(oracle, ipId)).to.deep.equal([1_000n * WAD, refreshed, 1_000n * WAD, refreshed]);
      expect(await oracle.allowedRange(ipId)).to.deep.equal([800n * WAD, 1_000n * WAD]);
      await time.increaseTo(refreshed + PERIOD / 2n);
      expect(await oracle.allowedRange(ipId)).to.deep.equal([800n * WAD, 1_100n * WAD]);
    });
  });

  describe("allowedRange", function () {
    it("is (0, uint192 max) without an anchor, and caps the top at uint192 max", async function () {
      const { oracle, appraiser, ipId } = await networkHelpers.loadFixture(deployAppraisal);
      expect(await oracle.allowedRange(ipId)).to.deep.equal([0n, MAX_UINT192]);
      await oracle.connect(appraiser).postAppraisal(ipId, MAX_UINT192);
      const appraisedAt = BigInt(await time.latest());
      await time.increaseTo(appraisedAt + PERIOD);
      const fall = (MAX_UINT192 * MAX_CHANGE) / WAD;
      expect(await oracle.allowedRange(ipId)).to.deep.equal([MAX_UINT192 - fall, MAX_UINT192]);
      // A kill keeps the anchor, so the range stays.
      await oracle.connect(appraiser).postAppraisal(ipId, 0n);
      expect(await oracle.allowedRange(ipId)).to.deep.equal([MAX_UINT192 - fall, MAX_UINT192]);
    });

    it("is the band postAppraisal enforces: the top passes, one beyond either end fails", async function () {
      const { oracle, appraiser, ipId, appraisedAt } = await networkHelpers.loadFixture(deployAppraised);
      const at = appraisedAt + (PERIOD * 3n) / 10n;
      await time.increaseTo(at);
      expect(await oracle.allowedRange(ipId)).to.deep.equal([800n * WAD, 1_060n * WAD]);
      // The next block, one second later, has 200 / 86,400 more room at the top (rounded down).
      await time.setNextBlockTimestamp(at + 1n);
      const top = 1_060n * WAD + 2_314_814_814_814_814n;
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 800n * WAD - 1n))
        .to.be.revertedWithCustomError(oracle, "AppraisalChangeTooLarge")
        .withArgs(ipId, 800n * WAD - 1n, 800n * WAD, top);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, top + 1n))
        .to.be.revertedWithCustomError(oracle, "AppraisalChangeTooLarge")
        .withArgs(ipId, top + 1n, 800n * WAD, top);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, top))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, top, 1_000n * WAD);
      expect(await recordOf(oracle, ipId)).to.deep.equal([top, at + 1n, top, at + 1n]);
    });
  });

  describe("setMaxChangePerUpdate", function () {
    it("is restricted", async function () {
      const { oracle, appraiser } = await networkHelpers.loadFixture(deployAppraisal);
      await expect(oracle.connect(appraiser).setMaxChangePerUpdate(WAD / 2n))
        .to.be.revertedWithCustomError(oracle, "AccessManagedUnauthorized")
        .withArgs(appraiser.address);
      expect(await oracle.maxChangePerUpdate()).to.equal(MAX_CHANGE);
    });

    it("is bounded", async function () {
      const { oracle, admin } = await networkHelpers.loadFixture(deployAppraisal);
      const min = WAD / 100n;
      await expect(oracle.connect(admin).setMaxChangePerUpdate(min - 1n))
        .to.be.revertedWithCustomError(oracle, "MaxChangePerUpdateOutOfBounds")
        .withArgs(min - 1n, min, WAD);
      await expect(oracle.connect(admin).setMaxChangePerUpdate(WAD + 1n))
        .to.be.revertedWithCustomError(oracle, "MaxChangePerUpdateOutOfBounds")
        .withArgs(WAD + 1n, min, WAD);
      expect(await oracle.maxChangePerUpdate()).to.equal(MAX_CHANGE);
    });

    it("sets the bound used by later appraisals", async function () {
      const { oracle, admin, appraiser, ipId, appraisedAt } = await networkHelpers.loadFixture(deployAppraised);
      await expect(oracle.connect(admin).setMaxChangePerUpdate(WAD / 10n))
        .to.emit(oracle, "MaxChangePerUpdateSet")
        .withArgs(WAD / 10n);
      expect(await oracle.maxChangePerUpdate()).to.equal(WAD / 10n);
      await time.setNextBlockTimestamp(appraisedAt + PERIOD);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 1_150n * WAD))
        .to.be.revertedWithCustomError(oracle, "AppraisalChangeTooLarge")
        .withArgs(ipId, 1_150n * WAD, 900n * WAD, 1_100n * WAD);
      await oracle.connect(appraiser).postAppraisal(ipId, 1_100n * WAD);
      expect((await valueOf(oracle, ipId))[0]).to.equal(1_100n * WAD);
    });
  });

  describe("setIncreasePeriod", function () {
    it("is restricted", async function () {
      const { oracle, appraiser, stranger } = await networkHelpers.loadFixture(deployAppraisal);
      for (const caller of [appraiser, stranger]) {
        await expect(oracle.connect(caller).setIncreasePeriod(2n * DAY))
          .to.be.revertedWithCustomError(oracle, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
      expect(await oracle.increasePeriod()).to.equal(PERIOD);
    });

    it("is bounded to [1 hour, 30 days], both ends included", async function () {
      const { oracle, admin } = await networkHelpers.loadFixture(deployAppraisal);
      for (const period of [0n, HOUR - 1n, 30n * DAY + 1n, 2n ** 64n]) {
        await expect(oracle.connect(admin).setIncreasePeriod(period))
          .to.be.revertedWithCustomError(oracle, "IncreasePeriodOutOfBounds")
          .withArgs(period, HOUR, 30n * DAY);
      }
      expect(await oracle.increasePeriod()).to.equal(PERIOD);
      for (const period of [HOUR, 30n * DAY]) {
        await expect(oracle.connect(admin).setIncreasePeriod(period))
          .to.emit(oracle, "IncreasePeriodSet")
          .withArgs(period);
        expect(await oracle.increasePeriod()).to.equal(period);
      }
    });

    it("sets the period used by later appraisals, counted from each anchor's time", async function () {
      const { oracle, admin, appraiser, ipId, appraisedAt } = await networkHelpers.loadFixture(deployAppraised);
      await expect(oracle.connect(admin).setIncreasePeriod(2n * DAY))
        .to.emit(oracle, "IncreasePeriodSet")
        .withArgs(2n * DAY);
      expect(await oracle.increasePeriod()).to.equal(2n * DAY);
      // A day after the anchor is now half the period: half the max change.
      await time.setNextBlockTimestamp(appraisedAt + DAY);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 1_100n * WAD + 1n))
        .to.be.revertedWithCustomError(oracle, "AppraisalChangeTooLarge")
        .withArgs(ipId, 1_100n * WAD + 1n, 800n * WAD, 1_100n * WAD);
      await oracle.connect(appraiser).postAppraisal(ipId, 1_100n * WAD);
      expect((await valueOf(oracle, ipId))[0]).to.equal(1_100n * WAD);
    });
  });
});
