import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();

const WAD = 10n ** 18n;
const APPRAISER_ROLE = 1n;
const MAX_CHANGE = (WAD * 2n) / 10n; // 20%

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
  const oracle = await ethers.deployContract("AppraisalOracle", [await manager.getAddress(), MAX_CHANGE]);
  const post = oracle.interface.getFunction("postAppraisal").selector;
  await manager.setTargetFunctionRole(await oracle.getAddress(), [post], APPRAISER_ROLE);
  await manager.grantRole(APPRAISER_ROLE, appraiser.address, 0);
  const ipId = ethers.Wallet.createRandom().address;
  return { manager, oracle, admin, appraiser, stranger, ipId };
}

async function deployAppraised() {
  const fixture = await deployAppraisal();
  await fixture.oracle.connect(fixture.appraiser).postAppraisal(fixture.ipId, 1_000n * WAD);
  return { ...fixture, appraisedAt: BigInt(await networkHelpers.time.latest()) };
}

describe("AppraisalOracle", function () {
  describe("deployment", function () {
    it("stores the max change and emits it", async function () {
      const { oracle } = await networkHelpers.loadFixture(deployAppraisal);
      expect(await oracle.maxChangePerUpdate()).to.equal(MAX_CHANGE);
      await expect(oracle.deploymentTransaction()).to.emit(oracle, "MaxChangePerUpdateSet").withArgs(MAX_CHANGE);
    });

    it("rejects a max change out of bounds", async function () {
      const { manager } = await networkHelpers.loadFixture(deployAppraisal);
      const factory = await ethers.getContractFactory("AppraisalOracle");
      const min = WAD / 100n;
      await expect(factory.deploy(await manager.getAddress(), min - 1n))
        .to.be.revertedWithCustomError(factory, "MaxChangePerUpdateOutOfBounds")
        .withArgs(min - 1n, min, WAD);
      await expect(factory.deploy(await manager.getAddress(), WAD + 1n))
        .to.be.revertedWithCustomError(factory, "MaxChangePerUpdateOutOfBounds")
        .withArgs(WAD + 1n, min, WAD);
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

    it("accepts any non-zero first appraisal", async function () {
      const { oracle, appraiser, ipId } = await networkHelpers.loadFixture(deployAppraisal);
      const value = 123_456_789n * WAD;
      await expect(oracle.connect(appraiser).postAppraisal(ipId, value))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, value, 0n);
      const now = BigInt(await networkHelpers.time.latest());
      expect(await valueOf(oracle, ipId)).to.deep.equal([value, now]);
      const appraisal = await oracle.appraisalOf(ipId);
      expect(appraisal.value).to.equal(value);
      expect(appraisal.updatedAt).to.equal(now);
      expect(appraisal.anchor).to.equal(value);
    });

    it("accepts moves up to the max change both ways", async function () {
      const { oracle, appraiser, ipId } = await networkHelpers.loadFixture(deployAppraised);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 1_200n * WAD))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, 1_200n * WAD, 1_000n * WAD);
      // The bound now follows the new value: 1200 ± 240.
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 960n * WAD))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, 960n * WAD, 1_200n * WAD);
      const now = BigInt(await networkHelpers.time.latest());
      expect(await valueOf(oracle, ipId)).to.deep.equal([960n * WAD, now]);
    });

    it("rejects a rise beyond the max change, state unchanged", async function () {
      const { oracle, appraiser, ipId, appraisedAt } = await networkHelpers.loadFixture(deployAppraised);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 1_200n * WAD + 1n))
        .to.be.revertedWithCustomError(oracle, "AppraisalChangeTooLarge")
        .withArgs(ipId, 1_200n * WAD + 1n, 800n * WAD, 1_200n * WAD);
      expect(await valueOf(oracle, ipId)).to.deep.equal([1_000n * WAD, appraisedAt]);
    });

    it("rejects a fall beyond the max change, state unchanged", async function () {
      const { oracle, appraiser, ipId, appraisedAt } = await networkHelpers.loadFixture(deployAppraised);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 800n * WAD - 1n))
        .to.be.revertedWithCustomError(oracle, "AppraisalChangeTooLarge")
        .withArgs(ipId, 800n * WAD - 1n, 800n * WAD, 1_200n * WAD);
      expect(await valueOf(oracle, ipId)).to.deep.equal([1_000n * WAD, appraisedAt]);
    });

    it("zero is a kill switch at any time, and the bound survives it", async function () {
      const { oracle, appraiser, ipId } = await networkHelpers.loadFixture(deployAppraised);
      await networkHelpers.time.increase(3600);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 0n))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, 0n, 1_000n * WAD);
      const killedAt = BigInt(await networkHelpers.time.latest());
      expect(await valueOf(oracle, ipId)).to.deep.equal([0n, killedAt]);
      expect((await oracle.appraisalOf(ipId)).anchor).to.equal(1_000n * WAD);
      // Re-valuing after a kill is bounded by the last non-zero appraisal.
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 5_000n * WAD))
        .to.be.revertedWithCustomError(oracle, "AppraisalChangeTooLarge")
        .withArgs(ipId, 5_000n * WAD, 800n * WAD, 1_200n * WAD);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 1_100n * WAD))
        .to.emit(oracle, "AppraisalPosted")
        .withArgs(ipId, 1_100n * WAD, 0n);
      expect((await valueOf(oracle, ipId))[0]).to.equal(1_100n * WAD);
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
      const { oracle, admin, appraiser, ipId } = await networkHelpers.loadFixture(deployAppraised);
      await expect(oracle.connect(admin).setMaxChangePerUpdate(WAD / 10n))
        .to.emit(oracle, "MaxChangePerUpdateSet")
        .withArgs(WAD / 10n);
      expect(await oracle.maxChangePerUpdate()).to.equal(WAD / 10n);
      await expect(oracle.connect(appraiser).postAppraisal(ipId, 1_150n * WAD))
        .to.be.revertedWithCustomError(oracle, "AppraisalChangeTooLarge")
        .withArgs(ipId, 1_150n * WAD, 900n * WAD, 1_100n * WAD);
      await oracle.connect(appraiser).postAppraisal(ipId, 1_100n * WAD);
      expect((await valueOf(oracle, ipId))[0]).to.equal(1_100n * WAD);
    });
  });
});
