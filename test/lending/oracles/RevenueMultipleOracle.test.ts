import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();

const WAD = 10n ** 18n;
const DAY = 86_400n;
const YEAR = 365n * DAY;
const APPRAISER_ROLE = 1n;
const DEFAULT = { window: 90n * DAY, minHistory: 7n * DAY, multiple: 2n * WAD };
// 1e16 loan-asset wei per RT unit (1e8 units: the IP is worth 1e6 loan-asset tokens), × 1e18.
const APPRAISAL = 10n ** 34n;
// Adapter modes (MockPriceAdapter.Mode).
const REVERT = 1;
const SHORT_RETURN = 2;

type ValueOracle = { getFunction(name: string): { staticCall(...args: unknown[]): Promise<unknown> } };

/** `valueOf` is shadowed by JavaScript's Object.prototype.valueOf on ethers contracts: call it by name. */
async function valueOf(oracle: ValueOracle, ip: string) {
  return (await oracle.getFunction("valueOf").staticCall(ip)) as [bigint, bigint];
}

async function now() {
  return BigInt(await networkHelpers.time.latest());
}

async function deployOracle() {
  const [admin, appraiser, stranger] = await ethers.getSigners();
  const manager = await ethers.deployContract("AccessManager", [admin.address]);
  const authority = await manager.getAddress();
  const appraisal = await ethers.deployContract("AppraisalOracle", [authority, WAD / 5n, DAY]);
  await manager.setTargetFunctionRole(
    await appraisal.getAddress(),
    [appraisal.interface.getFunction("postAppraisal").selector],
    APPRAISER_ROLE,
  );
  await manager.grantRole(APPRAISER_ROLE, appraiser.address, 0);
  const history = await ethers.deployContract("MockRevenueHistory");
  const loanAsset = ethers.Wallet.createRandom().address;
  const oracle = await ethers.deployContract("RevenueMultipleOracle", [
    authority,
    await history.getAddress(),
    await appraisal.getAddress(),
    loanAsset,
    DEFAULT,
  ]);
  const ipId = ethers.Wallet.createRandom().address;
  await appraisal.connect(appraiser).postAppraisal(ipId, APPRAISAL);
  const appraisedAt = await now();
  await networkHelpers.time.increase(3600);
  return { manager, appraisal, history, oracle, loanAsset, ipId, appraisedAt, admin, appraiser, stranger };
}

async function deployWithAdapter() {
  const fixture = await deployOracle();
  const token = ethers.Wallet.createRandom().address;
  const adapter = await ethers.deployContract("MockPriceAdapter");
  await fixture.oracle.setPriceAdapter(token, await adapter.getAddress());
  return { ...fixture, token, adapter };
}

describe("RevenueMultipleOracle", function () {
  describe("deployment", function () {
    it("wires its dependencies and default configuration", async function () {
      const { oracle, history, appraisal, loanAsset } = await networkHelpers.loadFixture(deployOracle);
      expect(await oracle.history()).to.equal(await history.getAddress());
      expect(await oracle.appraisal()).to.equal(await appraisal.getAddress());
      expect(await oracle.loanAsset()).to.equal(loanAsset);
      expect(await oracle.revenueTokens()).to.deep.equal([]);
      const config = await oracle.configOf(ethers.ZeroAddress);
      expect([config.window, config.minHistory, config.multiple]).to.deep.equal([
        DEFAULT.window,
        DEFAULT.minHistory,
        DEFAULT.multiple,
      ]);
      await expect(oracle.deploymentTransaction())
        .to.emit(oracle, "DefaultConfigSet")
        .withArgs([DEFAULT.window, DEFAULT.minHistory, DEFAULT.multiple]);
    });

    it("rejects zero addresses and a bad default configuration", async function () {
      const { manager, history, appraisal } = await networkHelpers.loadFixture(deployOracle);
      const factory = await ethers.getContractFactory("RevenueMultipleOracle");
      const [m, h, a] = [await manager.getAddress(), await history.getAddress(), await appraisal.getAddress()];
      const asset = ethers.Wallet.createRandom().address;
      for (const args of [
        [m, ethers.ZeroAddress, a, asset],
        [m, h, ethers.ZeroAddress, asset],
        [m, h, a, ethers.ZeroAddress],
      ]) {
        await expect(factory.deploy(args[0], args[1], args[2], args[3], DEFAULT)).to.be.revertedWithCustomError(
          factory,
          "ZeroAddress",
        );
      }
      await expect(factory.deploy(m, h, a, asset, { ...DEFAULT, window: 6n * DAY }))
        .to.be.revertedWithCustomError(factory, "WindowOutOfBounds")
        .withArgs(6n * DAY, 7n * DAY, 365n * DAY);
    });
  });

  describe("configuration", function () {
    it("bounds every field with exact errors, state unchanged", async function () {
      const { oracle, ipId } = await networkHelpers.loadFixture(deployOracle);
      const cases: [Partial<typeof DEFAULT>, string, bigint[]][] = [
        [{ window: 7n * DAY - 1n }, "WindowOutOfBounds", [7n * DAY - 1n, 7n * DAY, YEAR]],
        [{ window: YEAR + 1n }, "WindowOutOfBounds", [YEAR + 1n, 7n * DAY, YEAR]],
        [{ minHistory: DAY - 1n }, "MinHistoryOutOfBounds", [DAY - 1n, DAY, DEFAULT.window]],
        [{ minHistory: DEFAULT.window + 1n }, "MinHistoryOutOfBounds", [DEFAULT.window + 1n, DAY, DEFAULT.window]],
        [{ multiple: WAD / 100n - 1n }, "MultipleOutOfBounds", [WAD / 100n - 1n, WAD / 100n, 20n * WAD]],
        [{ multiple: 20n * WAD + 1n }, "MultipleOutOfBounds", [20n * WAD + 1n, WAD / 100n, 20n * WAD]],
      ];
      for (const [change, error, args] of cases) {
        const config = { ...DEFAULT, ...change };
        await expect(oracle.setDefaultConfig(config))
          .to.be.revertedWithCustomError(oracle, error)
          .withArgs(...args);
        await expect(oracle.setIpConfig(ipId, config))
          .to.be.revertedWithCustomError(oracle, error)
          .withArgs(...args);
      }
      expect((await oracle.configOf(ipId)).window).to.equal(DEFAULT.window);
    });

    it("sets and clears per-IP configurations over the default", async function () {
      const { oracle, ipId } = await networkHelpers.loadFixture(deployOracle);
      const own = { window: 30n * DAY, minHistory: DAY, multiple: 5n * WAD };
      await expect(oracle.setIpConfig(ipId, own))
        .to.emit(oracle, "IpConfigSet")
        .withArgs(ipId, [own.window, own.minHistory, own.multiple]);
      expect((await oracle.configOf(ipId)).multiple).to.equal(own.multiple);
      const other = { window: YEAR, minHistory: YEAR, multiple: 20n * WAD };
      await expect(oracle.setDefaultConfig(other))
        .to.emit(oracle, "DefaultConfigSet")
        .withArgs([other.window, other.minHistory, other.multiple]);
      expect((await oracle.configOf(ipId)).window).to.equal(own.window);
      expect((await oracle.configOf(ethers.ZeroAddress)).window).to.equal(YEAR);
      await expect(oracle.clearIpConfig(ipId)).to.emit(oracle, "IpConfigCleared").withArgs(ipId);
      expect((await oracle.configOf(ipId)).window).to.equal(YEAR);
    });

    it("restricts every setter", async function () {
      const { oracle, stranger, ipId } = await networkHelpers.loadFixture(deployOracle);
      const o = oracle.connect(stranger);
      const token = ethers.Wallet.createRandom().address;
      for (const call of [
        o.setDefaultConfig(DEFAULT),
        o.setIpConfig(ipId, DEFAULT),
        o.clearIpConfig(ipId),
        o.setPriceAdapter(token, token),
      ]) {
        await expect(call)
          .to.be.revertedWithCustomError(oracle, "AccessManagedUnauthorized")
          .withArgs(stranger.address);
      }
      expect(await oracle.priceAdapterOf(token)).to.equal(ethers.ZeroAddress);
    });
  });

  describe("price adapters", function () {
    it("adds, replaces and removes revenue tokens", async function () {
      const { oracle, loanAsset } = await networkHelpers.loadFixture(deployOracle);
      const [t1, t2, t3] = [1, 2, 3].map(() => ethers.Wallet.createRandom().address);
      const [a1, a2] = [ethers.Wallet.createRandom().address, ethers.Wallet.createRandom().address];
      await expect(oracle.setPriceAdapter(t1, a1)).to.emit(oracle, "PriceAdapterSet").withArgs(t1, a1);
      await oracle.setPriceAdapter(t2, a1);
      await oracle.setPriceAdapter(t3, a1);
      await oracle.setPriceAdapter(t1, a2);
      expect(await oracle.revenueTokens()).to.deep.equal([t1, t2, t3]);
      expect(await oracle.priceAdapterOf(t1)).to.equal(a2);
      await expect(oracle.setPriceAdapter(t1, ethers.ZeroAddress))
        .to.emit(oracle, "PriceAdapterSet")
        .withArgs(t1, ethers.ZeroAddress);
      expect(await oracle.revenueTokens()).to.deep.equal([t3, t2]);
      expect(await oracle.priceAdapterOf(t1)).to.equal(ethers.ZeroAddress);
      await expect(oracle.setPriceAdapter(t1, ethers.ZeroAddress))
        .to.be.revertedWithCustomError(oracle, "PriceAdapterNotSet")
        .withArgs(t1);
      for (const bad of [ethers.ZeroAddress, loanAsset]) {
        await expect(oracle.setPriceAdapter(bad, a1))
          .to.be.revertedWithCustomError(oracle, "InvalidRevenueToken")
          .withArgs(bad);
      }
    });

    it("caps the number of revenue tokens", async function () {
      const { oracle } = await networkHelpers.loadFixture(deployOracle);
      const adapter = ethers.Wallet.createRandom().address;
      for (let i = 0; i < 8; i++) {
        await oracle.setPriceAdapter(ethers.Wallet.createRandom().address, adapter);
      }
      await expect(oracle.setPriceAdapter(ethers.Wallet.createRandom().address, adapter))
        .to.be.revertedWithCustomError(oracle, "TooManyRevenueTokens")
        .withArgs(8n);
      expect((await oracle.revenueTokens()).length).to.equal(8);
    });
  });

  describe("valueOf", function () {
    it("annualizes loan-asset revenue by the measured period, times the multiple", async function () {
      const { oracle, history, loanAsset, ipId, appraisedAt } = await networkHelpers.loadFixture(deployOracle);
      // 73e30 per RT unit (×1e18) over 73 days = a fifth of a year → 365e30 a year → × 2 = 730e30.
      await history.setRevenue(ipId, loanAsset, 73n * 10n ** 30n, 73n * DAY);
      await history.setExpectedWindow(DEFAULT.window);
      expect(await valueOf(oracle, ipId)).to.deep.equal([730n * 10n ** 30n, appraisedAt]);
    });

    it("rounds down", async function () {
      const { oracle, history, loanAsset, ipId } = await networkHelpers.loadFixture(deployOracle);
      const revenue = 10n ** 30n + 7n;
      const period = 30n * DAY + 13n;
      await history.setRevenue(ipId, loanAsset, revenue, period);
      const expected = (((revenue * YEAR) / period) * DEFAULT.multiple) / WAD;
      expect((await valueOf(oracle, ipId))[0]).to.equal(expected);
    });

    it("uses the IP's own window and multiple", async function () {
      const { oracle, history, loanAsset, ipId } = await networkHelpers.loadFixture(deployOracle);
      await oracle.setIpConfig(ipId, { window: 30n * DAY, minHistory: DAY, multiple: 5n * WAD });
      await history.setExpectedWindow(30n * DAY);
      await history.setRevenue(ipId, loanAsset, 365n * 10n ** 28n, 365n * DAY);
      expect((await valueOf(oracle, ipId))[0]).to.equal(5n * 365n * 10n ** 28n);
    });

    it("is zero below the minimum history, and counts from exactly the minimum", async function () {
      const { oracle, history, loanAsset, ipId } = await networkHelpers.loadFixture(deployOracle);
      await history.setRevenue(ipId, loanAsset, 7n * 10n ** 30n, DEFAULT.minHistory - 1n);
      expect((await valueOf(oracle, ipId))[0]).to.equal(0n);
      await history.setRevenue(ipId, loanAsset, 7n * 10n ** 30n, DEFAULT.minHistory);
      expect((await valueOf(oracle, ipId))[0]).to.equal(2n * 365n * 10n ** 30n);
    });

    it("is zero without history", async function () {
      const { oracle, ipId, appraisedAt } = await networkHelpers.loadFixture(deployOracle);
      expect(await valueOf(oracle, ipId)).to.deep.equal([0n, appraisedAt]);
    });

    it("is capped by the appraisal: self-paid royalties cannot lift the value above it", async function () {
      const { oracle, history, loanAsset, ipId, appraisedAt } = await networkHelpers.loadFixture(deployOracle);
      // The borrower pays its own IP a fortune in royalties: revenue would value an RT unit at 1e12 × the appraisal.
      await history.setRevenue(ipId, loanAsset, APPRAISAL * 10n ** 12n, 8n * DAY);
      expect(await valueOf(oracle, ipId)).to.deep.equal([APPRAISAL, appraisedAt]);
      // Even absurd numbers saturate at the cap instead of reverting.
      await history.setRevenue(ipId, loanAsset, ethers.MaxUint256, 8n * DAY);
      expect(await valueOf(oracle, ipId)).to.deep.equal([APPRAISAL, appraisedAt]);
    });

    it("is zero when the appraisal is zero (kill switch), with the appraisal's time", async function () {
      const { oracle, appraisal, appraiser, history, loanAsset, ipId } = await networkHelpers.loadFixture(deployOracle);
      await history.setRevenue(ipId, loanAsset, 10n ** 30n, 30n * DAY);
      await appraisal.connect(appraiser).postAppraisal(ipId, 0n);
      const killedAt = await now();
      expect(await valueOf(oracle, ipId)).to.deep.equal([0n, killedAt]);
    });

    it("counts other tokens through their adapter, with the older price time", async function () {
      const { oracle, history, loanAsset, ipId, token, adapter, appraisedAt } =
        await networkHelpers.loadFixture(deployWithAdapter);
      const period = 73n * DAY;
      await history.setRevenue(ipId, loanAsset, 73n * 10n ** 30n, period);
      await history.setRevenue(ipId, token, 146n * 10n ** 30n, period);
      // Token at 0.5 loan-asset units: 730e30 a year of it → 365e30 → loan total 730e30 → × 2.
      await adapter.setRate(WAD / 2n, appraisedAt - 10n);
      expect(await valueOf(oracle, ipId)).to.deep.equal([2n * 730n * 10n ** 30n, appraisedAt - 10n]);
      // A fresher price leaves the appraisal's time.
      await adapter.setRate(WAD / 2n, appraisedAt + 10n);
      expect(await valueOf(oracle, ipId)).to.deep.equal([2n * 730n * 10n ** 30n, appraisedAt]);
    });

    it("counts a failing adapter as zero instead of reverting", async function () {
      const { oracle, history, loanAsset, ipId, token, adapter, appraisedAt } =
        await networkHelpers.loadFixture(deployWithAdapter);
      const period = 73n * DAY;
      await history.setRevenue(ipId, loanAsset, 73n * 10n ** 30n, period);
      await history.setRevenue(ipId, token, 146n * 10n ** 30n, period);
      await adapter.setRate(WAD / 2n, 1n);
      for (const mode of [REVERT, SHORT_RETURN]) {
        await adapter.setMode(mode);
        expect(await valueOf(oracle, ipId)).to.deep.equal([730n * 10n ** 30n, appraisedAt]);
      }
      // An adapter address without code answers nothing: also zero.
      await oracle.setPriceAdapter(token, ethers.Wallet.createRandom().address);
      expect(await valueOf(oracle, ipId)).to.deep.equal([730n * 10n ** 30n, appraisedAt]);
    });

    it("skips a token whose history is below the minimum without asking its adapter", async function () {
      const { oracle, history, ipId, token, adapter, appraisedAt } =
        await networkHelpers.loadFixture(deployWithAdapter);
      await adapter.setMode(REVERT);
      await history.setRevenue(ipId, token, 10n ** 30n, DAY);
      expect(await valueOf(oracle, ipId)).to.deep.equal([0n, appraisedAt]);
    });
  });
});
