/**
 * UnderwritingPool — authority: every restricted function refuses callers without its role, every parameter is
 * bounded (in the setters and in the constructor), values at the bounds are accepted with their event, and setters
 * only affect what comes after them.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { ZeroAddress, type Signer } from "ethers";
import { createIp, loadStory } from "../fixtures/story.ts";
import { DAY, INFRINGEMENT_TERMS, POOL_PARAMS, WAD, deployInsurance } from "../fixtures/insurance.ts";
import { fundAndApprove, infringementRequest, name } from "./UnderwritingPool.helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function deployAuthority() {
  const story = await loadStory(connection);
  const insurance = await deployInsurance(story);
  const [, creator, alice, stranger] = await ethers.getSigners();
  const { pool } = insurance;
  const poolAddress = await pool.getAddress();
  const ip = await createIp(story, creator);
  await fundAndApprove(insurance, alice, poolAddress, 1_000n * WAD);
  await (await pool.connect(alice).deposit(1_000n * WAD, alice)).wait();
  const product = await insurance.infringement.getAddress();
  const otherOracle = await ethers.deployContract("RiskOracle", [await insurance.manager.getAddress(), DAY]);
  return { story, insurance, pool, poolAddress, ip, product, creator, alice, stranger, otherOracle };
}
type Fixture = Awaited<ReturnType<typeof deployAuthority>>;

/** Every piece of configuration a restricted function can change. */
async function configuration(f: Fixture) {
  const { pool, product } = f;
  const values = [
    await pool.capacityRatio(),
    await pool.protocolFee(),
    await pool.treasury(),
    await pool.riskOracle(),
    await pool.cooldown(),
    await pool.withdrawalWindow(),
    await pool.paused(),
    [...(await pool.productConfig(product))],
    [...(await pool.productConfig(await f.insurance.shortfall.getAddress()))],
  ];
  return JSON.stringify(values, (_, v) => (typeof v === "bigint" ? v.toString() : v));
}

const who = (s: Signer) => s.getAddress();
const terms = (t: typeof INFRINGEMENT_TERMS | Record<string, unknown>) => ({ ...INFRINGEMENT_TERMS, ...t });
const asTuple = (t: ReturnType<typeof terms>) => [
  t.enabled,
  t.minDuration,
  t.maxDuration,
  t.waitingPeriod,
  t.claimWindow,
  t.minAmount,
];

describe(`UnderwritingPool — authority (${connection.networkName})`, function () {
  it("reject every caller without the function's role with AccessManagedUnauthorized and change nothing", async function () {
    const f = await networkHelpers.loadFixture(deployAuthority);
    const { pool, insurance, product, stranger, otherOracle } = f;
    await (await pool.connect(insurance.guardian).pause()).wait();
    const calls: [string, unknown[], Signer][] = [
      ["setProduct", [product, terms({ enabled: false })], insurance.riskManager],
      ["setCapacityRatio", [WAD / 2n], insurance.riskManager],
      ["setProtocolFee", [0n], insurance.riskManager],
      ["setTreasury", [await who(stranger)], insurance.riskManager],
      ["setRiskOracle", [await otherOracle.getAddress()], insurance.riskManager],
      ["setWithdrawalTimes", [DAY, DAY], insurance.riskManager],
      ["pause", [], insurance.guardian],
      ["unpause", [], insurance.admin],
    ];
    const everyone = [stranger, insurance.admin, insurance.riskManager, insurance.assessor, insurance.guardian];
    const before = await configuration(f);
    for (const [fn, args, allowed] of calls) {
      for (const caller of everyone) {
        if (caller === allowed) continue;
        await expect(pool.connect(caller).getFunction(fn)(...args), `${fn} by ${await who(caller)}`)
          .to.be.revertedWithCustomError(pool, "AccessManagedUnauthorized")
          .withArgs(await who(caller));
      }
    }
    expect(await configuration(f)).to.equal(before);
  });

  it("pause by the guardian and unpause by the admin, each once (EnforcedPause / ExpectedPause otherwise)", async function () {
    const { pool, insurance } = await networkHelpers.loadFixture(deployAuthority);
    await expect(pool.connect(insurance.admin).unpause()).to.be.revertedWithCustomError(pool, "ExpectedPause");
    await expect(pool.connect(insurance.guardian).pause())
      .to.emit(pool, "Paused")
      .withArgs(await who(insurance.guardian));
    await expect(pool.connect(insurance.guardian).pause()).to.be.revertedWithCustomError(pool, "EnforcedPause");
    expect(await pool.paused()).to.equal(true);
    await expect(pool.connect(insurance.admin).unpause())
      .to.emit(pool, "Unpaused")
      .withArgs(await who(insurance.admin));
    expect(await pool.paused()).to.equal(false);
  });

  it("setCapacityRatio within (0, 100%], with its event, and the capacity follows", async function () {
    const f = await networkHelpers.loadFixture(deployAuthority);
    const rm = f.pool.connect(f.insurance.riskManager);
    const before = await configuration(f);
    for (const bad of [0n, WAD + 1n]) {
      await expect(rm.setCapacityRatio(bad))
        .to.be.revertedWithCustomError(f.pool, "ParameterOutOfBounds")
        .withArgs(name("capacityRatio"));
    }
    expect(await configuration(f)).to.equal(before);
    for (const good of [1n, WAD]) {
      await expect(rm.setCapacityRatio(good)).to.emit(f.pool, "CapacityRatioSet").withArgs(good);
      expect(await f.pool.capacityRatio()).to.equal(good);
      expect(await f.pool.availableCapacity()).to.equal((1_000n * WAD * good) / WAD);
    }
  });

  it("setProtocolFee within [0, 20%], with its event", async function () {
    const f = await networkHelpers.loadFixture(deployAuthority);
    const rm = f.pool.connect(f.insurance.riskManager);
    const before = await configuration(f);
    await expect(rm.setProtocolFee(WAD / 5n + 1n))
      .to.be.revertedWithCustomError(f.pool, "ParameterOutOfBounds")
      .withArgs(name("protocolFee"));
    expect(await configuration(f)).to.equal(before);
    for (const good of [0n, WAD / 5n]) {
      await expect(rm.setProtocolFee(good)).to.emit(f.pool, "ProtocolFeeSet").withArgs(good);
      expect(await f.pool.protocolFee()).to.equal(good);
    }
    // A zero fee sends nothing to the treasury.
    const { pool, insurance, ip, creator } = f;
    await (await rm.setProtocolFee(0n)).wait();
    await fundAndApprove(insurance, creator, f.poolAddress, 10n * WAD);
    const request = await infringementRequest(insurance, ip.ipId, creator, 100n * WAD, 60n * DAY);
    const { premium, fee } = await pool.quote(f.product, ip.ipId, ip.ipId, 100n * WAD, 60n * DAY);
    expect(fee).to.equal(0n);
    await expect(pool.connect(creator).buyCover(request)).to.changeTokenBalances(
      ethers,
      insurance.story.wip,
      [creator, insurance.treasury, pool],
      [-premium, 0n, premium],
    );
  });

  it("setTreasury and setRiskOracle refuse the zero address and emit their events", async function () {
    const f = await networkHelpers.loadFixture(deployAuthority);
    const { pool, insurance, stranger, otherOracle, product, ip } = f;
    const rm = pool.connect(insurance.riskManager);
    const before = await configuration(f);
    await expect(rm.setTreasury(ZeroAddress)).to.be.revertedWithCustomError(pool, "ZeroAddress");
    await expect(rm.setRiskOracle(ZeroAddress)).to.be.revertedWithCustomError(pool, "ZeroAddress");
    expect(await configuration(f)).to.equal(before);
    await expect(rm.setTreasury(stranger))
      .to.emit(pool, "TreasurySet")
      .withArgs(await who(stranger));
    expect(await pool.treasury()).to.equal(await who(stranger));
    await expect(rm.setRiskOracle(otherOracle))
      .to.emit(pool, "RiskOracleSet")
      .withArgs(await otherOracle.getAddress());
    expect(await pool.riskOracle()).to.equal(await otherOracle.getAddress());
    // The new oracle prices from now on: it has no rate for the product yet.
    await expect(pool.quote(product, ip.ipId, ip.ipId, WAD, 60n * DAY))
      .to.be.revertedWithCustomError(otherOracle, "ProductNotPriced")
      .withArgs(product);
    await (await otherOracle.connect(insurance.admin).setDefaultRate(product, WAD / 10n)).wait();
    expect((await pool.quote(product, ip.ipId, ip.ipId, WAD, 60n * DAY)).rate).to.equal(WAD / 10n);
  });

  it("setWithdrawalTimes within [1, 30] days cooldown and [1, 14] days window, for future requests only", async function () {
    const f = await networkHelpers.loadFixture(deployAuthority);
    const { pool, insurance, alice } = f;
    const rm = pool.connect(insurance.riskManager);
    const before = await configuration(f);
    for (const [cooldown, window, param] of [
      [DAY - 1n, DAY, "cooldown"],
      [30n * DAY + 1n, DAY, "cooldown"],
      [DAY, DAY - 1n, "withdrawalWindow"],
      [DAY, 14n * DAY + 1n, "withdrawalWindow"],
    ] as const) {
      await expect(rm.setWithdrawalTimes(cooldown, window))
        .to.be.revertedWithCustomError(pool, "ParameterOutOfBounds")
        .withArgs(name(param));
    }
    expect(await configuration(f)).to.equal(before);

    await (await pool.connect(alice).requestWithdrawal(10n ** 24n)).wait();
    const request = await pool.withdrawalRequest(alice);
    for (const [cooldown, window] of [
      [DAY, DAY],
      [30n * DAY, 14n * DAY],
    ]) {
      await expect(rm.setWithdrawalTimes(cooldown, window))
        .to.emit(pool, "WithdrawalTimesSet")
        .withArgs(cooldown, window);
      expect([await pool.cooldown(), await pool.withdrawalWindow()]).to.deep.equal([cooldown, window]);
    }
    expect(await pool.withdrawalRequest(alice)).to.deep.equal(request);
    const t = BigInt(await networkHelpers.time.latest()) + 1n;
    await networkHelpers.time.setNextBlockTimestamp(t);
    await expect(pool.connect(alice).requestWithdrawal(10n ** 24n))
      .to.emit(pool, "WithdrawalRequested")
      .withArgs(await who(alice), 10n ** 24n, 2n * 10n ** 24n, t + 30n * DAY);
    expect((await pool.withdrawalRequest(alice))[2]).to.equal(t + 44n * DAY);
  });

  it("setProduct bounds every term, refuses the zero address and products of another pool", async function () {
    const f = await networkHelpers.loadFixture(deployAuthority);
    const { pool, insurance, product, story } = f;
    const rm = pool.connect(insurance.riskManager);
    const before = await configuration(f);
    const cases: [Record<string, unknown>, string][] = [
      [{ minDuration: DAY - 1n }, "minDuration"],
      [{ minDuration: 100n * DAY, maxDuration: 100n * DAY - 1n }, "minDuration"],
      [{ maxDuration: 3n * 365n * DAY + 1n }, "maxDuration"],
      [{ waitingPeriod: 90n * DAY + 1n }, "waitingPeriod"],
      [{ claimWindow: 7n * DAY - 1n }, "claimWindow"],
      [{ claimWindow: 400n * DAY + 1n }, "claimWindow"],
      [{ minAmount: 1_000_000n * WAD + 1n }, "minAmount"],
    ];
    for (const [change, param] of cases) {
      await expect(rm.setProduct(product, terms(change)), param)
        .to.be.revertedWithCustomError(pool, "ParameterOutOfBounds")
        .withArgs(name(param));
    }
    await expect(rm.setProduct(ZeroAddress, INFRINGEMENT_TERMS)).to.be.revertedWithCustomError(pool, "ZeroAddress");
    const secondProduct = await ethers.deployContract("InfringementProduct", [
      f.poolAddress,
      story.addresses.DisputeModule,
      story.addresses.IPAssetRegistry,
    ]);
    const mockElsewhere = await ethers.deployContract("MockCoverProduct", [await who(f.stranger)]);
    await expect(rm.setProduct(mockElsewhere, INFRINGEMENT_TERMS))
      .to.be.revertedWithCustomError(pool, "ParameterOutOfBounds")
      .withArgs(name("product"));
    expect(await configuration(f)).to.equal(before);
    expect((await pool.productConfig(mockElsewhere)).enabled).to.equal(false);

    const lowest = terms({
      minDuration: DAY,
      maxDuration: DAY,
      waitingPeriod: 0n,
      claimWindow: 7n * DAY,
      minAmount: 0n,
    });
    const highest = terms({
      minDuration: DAY,
      maxDuration: 3n * 365n * DAY,
      waitingPeriod: 90n * DAY,
      claimWindow: 400n * DAY,
      minAmount: 1_000_000n * WAD,
    });
    for (const config of [lowest, highest]) {
      await expect(rm.setProduct(secondProduct, config))
        .to.emit(pool, "ProductSet")
        .withArgs(await secondProduct.getAddress(), asTuple(config));
      expect([...(await pool.productConfig(secondProduct))]).to.deep.equal(asTuple(config));
    }
  });

  describe("constructor", function () {
    async function config(f: Fixture) {
      return {
        asset: f.story.addresses.WIP,
        name: "Pool",
        symbol: "uw",
        authority: await f.insurance.manager.getAddress(),
        coverNFT: await f.insurance.coverNft.getAddress(),
        riskOracle: await f.insurance.oracle.getAddress(),
        treasury: await who(f.insurance.treasury),
        protocolFee: POOL_PARAMS.protocolFee,
        capacityRatio: POOL_PARAMS.capacityRatio,
        cooldown: POOL_PARAMS.cooldown,
        withdrawalWindow: POOL_PARAMS.withdrawalWindow,
      };
    }

    it("refuses zero addresses and out-of-bounds parameters", async function () {
      const f = await networkHelpers.loadFixture(deployAuthority);
      const factory = await ethers.getContractFactory("UnderwritingPool");
      const good = await config(f);
      for (const field of ["asset", "coverNFT", "riskOracle", "treasury"]) {
        await expect(factory.deploy({ ...good, [field]: ZeroAddress }), field).to.be.revertedWithCustomError(
          factory,
          "ZeroAddress",
        );
      }
      const bad: [Record<string, bigint>, string][] = [
        [{ protocolFee: WAD / 5n + 1n }, "protocolFee"],
        [{ capacityRatio: 0n }, "capacityRatio"],
        [{ capacityRatio: WAD + 1n }, "capacityRatio"],
        [{ cooldown: DAY - 1n }, "cooldown"],
        [{ cooldown: 30n * DAY + 1n }, "cooldown"],
        [{ withdrawalWindow: DAY - 1n }, "withdrawalWindow"],
        [{ withdrawalWindow: 14n * DAY + 1n }, "withdrawalWindow"],
      ];
      for (const [change, param] of bad) {
        await expect(factory.deploy({ ...good, ...change }), param)
          .to.be.revertedWithCustomError(factory, "ParameterOutOfBounds")
          .withArgs(name(param));
      }
    });

    it("deploys at the bounds with the configuration set and its events", async function () {
      const f = await networkHelpers.loadFixture(deployAuthority);
      const good = {
        ...(await config(f)),
        protocolFee: WAD / 5n,
        capacityRatio: WAD,
        cooldown: 30n * DAY,
        withdrawalWindow: 14n * DAY,
      };
      const pool = await ethers.deployContract("UnderwritingPool", [good]);
      const tx = pool.deploymentTransaction()!;
      await expect(tx).to.emit(pool, "RiskOracleSet").withArgs(good.riskOracle);
      await expect(tx).to.emit(pool, "TreasurySet").withArgs(good.treasury);
      await expect(tx).to.emit(pool, "ProtocolFeeSet").withArgs(good.protocolFee);
      await expect(tx).to.emit(pool, "CapacityRatioSet").withArgs(WAD);
      await expect(tx)
        .to.emit(pool, "WithdrawalTimesSet")
        .withArgs(30n * DAY, 14n * DAY);
      expect(await pool.asset()).to.equal(good.asset);
      expect(await pool.COVER_NFT()).to.equal(good.coverNFT);
      expect(await pool.name()).to.equal("Pool");
      expect(await pool.symbol()).to.equal("uw");
      expect(await pool.authority()).to.equal(good.authority);
      expect(await pool.lastAccrual()).to.equal((await tx.getBlock())!.timestamp);
      const low = await ethers.deployContract("UnderwritingPool", [
        { ...good, protocolFee: 0n, capacityRatio: 1n, cooldown: DAY, withdrawalWindow: DAY },
      ]);
      expect([
        await low.protocolFee(),
        await low.capacityRatio(),
        await low.cooldown(),
        await low.withdrawalWindow(),
      ]).to.deep.equal([0n, 1n, DAY, DAY]);
    });
  });
});
