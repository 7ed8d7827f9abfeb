/**
 * Attack family: governance by the wrong hands, or beyond its bounds. One table lists every restricted function of
 * every contract (lending vault and its oracles, the insurance pool, its oracle, NFT and products, the seats and
 * their market): for each, a caller without the function's role gets AccessManagedUnauthorized, and, where the
 * function takes a bounded value, the authorized caller gets the bound's error for a value just outside it. No call
 * changes any configuration.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { encodeBytes32String, ZeroAddress, type BaseContract, type Signer } from "ethers";
import { createIpWithVault } from "../fixtures/story.ts";
import { DAY, MARKET, WAD } from "../fixtures/lending.ts";
import { deployInsurance, INFRINGEMENT_TERMS } from "../fixtures/insurance.ts";
import { deploySeats } from "../fixtures/seats.ts";
import { buildLendingWorld } from "./helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const name = (s: string) => encodeBytes32String(s);

/** Every contract with restricted functions, deployed and wired by the fixtures (plus the two optional oracles). */
async function governed() {
  const w = await buildLendingWorld(connection);
  const { story, lending } = w;
  const insurance = await deployInsurance(story, { lending });
  const seats = await deploySeats(story);
  const market = await ethers.deployContract("SeatMarket", [seats.seats, seats.manager], seats.admin);
  const authority = await lending.manager.getAddress();
  const revenueOracle = await ethers.deployContract(
    "RevenueMultipleOracle",
    [
      authority,
      lending.vault,
      lending.appraisal,
      story.addresses.WIP,
      { window: 30n * DAY, minHistory: DAY, multiple: WAD },
    ],
    lending.admin,
  );
  const pyth = await ethers.deployContract("MockPyth", [60n, 1n]);
  const feed = name("WIP/USD");
  const pythAdapter = await ethers.deployContract(
    "PythPriceAdapter",
    [authority, pyth, story.addresses.WIP, feed, 3600n],
    lending.admin,
  );
  const unlisted = await createIpWithVault(story, w.victim);
  const stranger = (await ethers.getSigners())[9];
  return { ...w, insurance, seats, market, revenueOracle, pythAdapter, unlisted, stranger };
}
type Governed = Awaited<ReturnType<typeof governed>>;

/** One restricted function: a valid call, who may make it, and (if bounded) an out-of-bounds call and its error. */
interface Case {
  contract: BaseContract;
  fn: string;
  args: unknown[];
  allowed: Signer;
  outOfBounds?: { args: unknown[]; error: string; errorArgs: unknown[] };
}

async function cases(g: Governed): Promise<Case[]> {
  const { lending, insurance, seats, market, revenueOracle, pythAdapter, ip, unlisted } = g;
  const { vault, appraisal } = lending;
  const params = { ...MARKET, oracle: await appraisal.getAddress() };
  const config = { window: 30n * DAY, minHistory: DAY, multiple: WAD };
  const infringement = await insurance.infringement.getAddress();
  const cover = {
    product: infringement,
    start: 1n,
    status: 1n,
    subject: ip.ipId,
    end: 2n,
    ipId: ip.ipId,
    claimDeadline: 3n,
    amount: WAD,
    premium: 1n,
  };
  const anAddress = await g.stranger.getAddress();
  const { riskManager, appraiser, guardian, admin } = lending;
  const { assessor } = insurance;
  return [
    // Lending vault.
    {
      contract: vault,
      fn: "listMarket",
      args: [unlisted.ipId, params],
      allowed: riskManager,
      outOfBounds: {
        args: [unlisted.ipId, { ...params, liquidationThreshold: (91n * WAD) / 100n }],
        error: "ParameterOutOfBounds",
        errorArgs: [name("liquidationThreshold")],
      },
    },
    {
      contract: vault,
      fn: "updateMarketParams",
      args: [ip.ipId, params],
      allowed: riskManager,
      outOfBounds: {
        args: [ip.ipId, { ...params, maxLtv: params.liquidationThreshold }],
        error: "ParameterOutOfBounds",
        errorArgs: [name("maxLtv")],
      },
    },
    {
      contract: vault,
      fn: "setMarketFrozen",
      args: [ip.ipId, true],
      allowed: appraiser,
      outOfBounds: { args: [unlisted.ipId, true], error: "MarketNotListed", errorArgs: [unlisted.ipId] },
    },
    {
      contract: vault,
      fn: "setInterestRateModel",
      args: [await lending.rateModel.getAddress()],
      allowed: riskManager,
      outOfBounds: { args: [ZeroAddress], error: "ZeroAddress", errorArgs: [] },
    },
    {
      contract: vault,
      fn: "setReserveFactor",
      args: [0n],
      allowed: riskManager,
      outOfBounds: { args: [WAD / 2n + 1n], error: "ParameterOutOfBounds", errorArgs: [name("reserveFactor")] },
    },
    {
      contract: vault,
      fn: "setTreasury",
      args: [anAddress],
      allowed: riskManager,
      outOfBounds: { args: [ZeroAddress], error: "ZeroAddress", errorArgs: [] },
    },
    {
      contract: vault,
      fn: "setSupplyCap",
      args: [0n],
      allowed: riskManager,
      outOfBounds: { args: [10n ** 30n + 1n], error: "ParameterOutOfBounds", errorArgs: [name("supplyCap")] },
    },
    {
      contract: vault,
      fn: "setMinDebt",
      args: [0n],
      allowed: riskManager,
      outOfBounds: { args: [1_000n * WAD + 1n], error: "ParameterOutOfBounds", errorArgs: [name("minDebt")] },
    },
    { contract: vault, fn: "setBadDebtCover", args: [ZeroAddress], allowed: riskManager },
    { contract: vault, fn: "pause", args: [], allowed: guardian },
    {
      contract: vault,
      fn: "unpause",
      args: [],
      allowed: admin,
      outOfBounds: { args: [], error: "ExpectedPause", errorArgs: [] },
    },
    // Lending oracles.
    {
      contract: appraisal,
      fn: "postAppraisal",
      args: [ip.ipId, 0n],
      allowed: appraiser,
      outOfBounds: { args: [ip.ipId, 2n ** 192n], error: "AppraisalTooLarge", errorArgs: [2n ** 192n] },
    },
    {
      contract: appraisal,
      fn: "setMaxChangePerUpdate",
      args: [WAD],
      allowed: riskManager,
      outOfBounds: {
        args: [WAD / 100n - 1n],
        error: "MaxChangePerUpdateOutOfBounds",
        errorArgs: [WAD / 100n - 1n, WAD / 100n, WAD],
      },
    },
    {
      contract: appraisal,
      fn: "setIncreasePeriod",
      args: [2n * DAY],
      allowed: riskManager,
      outOfBounds: {
        args: [30n * DAY + 1n],
        error: "IncreasePeriodOutOfBounds",
        errorArgs: [30n * DAY + 1n, 3600n, 30n * DAY],
      },
    },
    {
      contract: revenueOracle,
      fn: "setDefaultConfig",
      args: [config],
      allowed: admin,
      outOfBounds: {
        args: [{ ...config, window: DAY }],
        error: "WindowOutOfBounds",
        errorArgs: [DAY, 7n * DAY, 365n * DAY],
      },
    },
    {
      contract: revenueOracle,
      fn: "setIpConfig",
      args: [ip.ipId, config],
      allowed: admin,
      outOfBounds: {
        args: [ip.ipId, { ...config, multiple: 20n * WAD + 1n }],
        error: "MultipleOutOfBounds",
        errorArgs: [20n * WAD + 1n, WAD / 100n, 20n * WAD],
      },
    },
    { contract: revenueOracle, fn: "clearIpConfig", args: [ip.ipId], allowed: admin },
    {
      contract: revenueOracle,
      fn: "setPriceAdapter",
      args: [anAddress, await pythAdapter.getAddress()],
      allowed: admin,
      outOfBounds: {
        args: [g.story.addresses.WIP, await pythAdapter.getAddress()],
        error: "InvalidRevenueToken",
        errorArgs: [g.story.addresses.WIP],
      },
    },
    {
      contract: pythAdapter,
      fn: "setFeed",
      args: [await ip.vault.getAddress(), name("X/USD")],
      allowed: admin,
      outOfBounds: { args: [ZeroAddress, name("X/USD")], error: "InvalidToken", errorArgs: [ZeroAddress] },
    },
    {
      contract: pythAdapter,
      fn: "setMaxAge",
      args: [60n],
      allowed: admin,
      outOfBounds: { args: [DAY + 1n], error: "MaxAgeOutOfBounds", errorArgs: [DAY + 1n, 60n, DAY] },
    },
    // Insurance.
    {
      contract: insurance.pool,
      fn: "setProduct",
      args: [infringement, INFRINGEMENT_TERMS],
      allowed: riskManager,
      outOfBounds: {
        args: [infringement, { ...INFRINGEMENT_TERMS, claimWindow: 7n * DAY - 1n }],
        error: "ParameterOutOfBounds",
        errorArgs: [name("claimWindow")],
      },
    },
    {
      contract: insurance.pool,
      fn: "setCapacityRatio",
      args: [WAD],
      allowed: riskManager,
      outOfBounds: { args: [WAD + 1n], error: "ParameterOutOfBounds", errorArgs: [name("capacityRatio")] },
    },
    {
      contract: insurance.pool,
      fn: "setProtocolFee",
      args: [0n],
      allowed: riskManager,
      outOfBounds: { args: [WAD / 5n + 1n], error: "ParameterOutOfBounds", errorArgs: [name("protocolFee")] },
    },
    {
      contract: insurance.pool,
      fn: "setTreasury",
      args: [anAddress],
      allowed: riskManager,
      outOfBounds: { args: [ZeroAddress], error: "ZeroAddress", errorArgs: [] },
    },
    {
      contract: insurance.pool,
      fn: "setRiskOracle",
      args: [await insurance.oracle.getAddress()],
      allowed: riskManager,
      outOfBounds: { args: [ZeroAddress], error: "ZeroAddress", errorArgs: [] },
    },
    {
      contract: insurance.pool,
      fn: "setWithdrawalTimes",
      args: [DAY, DAY],
      allowed: riskManager,
      outOfBounds: { args: [31n * DAY, DAY], error: "ParameterOutOfBounds", errorArgs: [name("cooldown")] },
    },
    { contract: insurance.pool, fn: "pause", args: [], allowed: guardian },
    {
      contract: insurance.pool,
      fn: "unpause",
      args: [],
      allowed: admin,
      outOfBounds: { args: [], error: "ExpectedPause", errorArgs: [] },
    },
    {
      contract: insurance.oracle,
      fn: "setDefaultRate",
      args: [infringement, WAD / 100n],
      allowed: riskManager,
      outOfBounds: { args: [infringement, WAD + 1n], error: "ParameterOutOfBounds", errorArgs: [name("rate")] },
    },
    {
      contract: insurance.oracle,
      fn: "postRates",
      args: [infringement, [ip.ipId], [WAD / 100n]],
      allowed: assessor,
      outOfBounds: {
        args: [infringement, [ip.ipId], [WAD / 10_000n - 1n]],
        error: "ParameterOutOfBounds",
        errorArgs: [name("rate")],
      },
    },
    {
      contract: insurance.oracle,
      fn: "setMaxAge",
      args: [DAY],
      allowed: riskManager,
      outOfBounds: { args: [3600n - 1n], error: "ParameterOutOfBounds", errorArgs: [name("maxAge")] },
    },
    {
      contract: insurance.shortfall,
      fn: "setVault",
      args: [await vault.getAddress(), true],
      allowed: riskManager,
      outOfBounds: { args: [ZeroAddress, true], error: "ZeroAddress", errorArgs: [] },
    },
    // The cover NFT's writers are pools (contracts): no person holds their role.
    { contract: insurance.coverNft, fn: "mint", args: [anAddress, cover], allowed: insurance.admin },
    { contract: insurance.coverNft, fn: "setStatus", args: [1n, 2n], allowed: insurance.admin },
    // Seats.
    {
      contract: seats.seats,
      fn: "setProtocolFee",
      args: [0n],
      allowed: seats.feeManager,
      outOfBounds: { args: [1_001n], error: "ParameterOutOfBounds", errorArgs: [name("protocolFeeBps")] },
    },
    {
      contract: seats.seats,
      fn: "setTreasury",
      args: [anAddress],
      allowed: seats.feeManager,
      outOfBounds: { args: [ZeroAddress], error: "ZeroAddress", errorArgs: [] },
    },
    {
      contract: market,
      fn: "setPaymentToken",
      args: [g.story.addresses.WIP, true],
      allowed: seats.admin,
      outOfBounds: { args: [ZeroAddress, true], error: "ZeroAddress", errorArgs: [] },
    },
  ];
}

/** Everything the restricted functions above can change, as one string. */
async function configuration(g: Governed): Promise<string> {
  const { lending, insurance, seats, market, revenueOracle, pythAdapter, ip, unlisted } = g;
  const { vault, appraisal } = lending;
  const infringement = await insurance.infringement.getAddress();
  const values = await Promise.all([
    vault.market(ip.ipId),
    vault.market(unlisted.ipId),
    vault.rateModel(),
    vault.reserveFactor(),
    vault.treasury(),
    vault.supplyCap(),
    vault.minDebt(),
    vault.badDebtCover(),
    vault.paused(),
    appraisal.appraisalOf(ip.ipId),
    appraisal.maxChangePerUpdate(),
    appraisal.increasePeriod(),
    revenueOracle.configOf(ip.ipId),
    revenueOracle.configOf(ZeroAddress),
    revenueOracle.revenueTokens(),
    pythAdapter.maxAge(),
    pythAdapter.feedOf(await ip.vault.getAddress()),
    insurance.pool.productConfig(infringement),
    insurance.pool.capacityRatio(),
    insurance.pool.protocolFee(),
    insurance.pool.treasury(),
    insurance.pool.riskOracle(),
    insurance.pool.cooldown(),
    insurance.pool.withdrawalWindow(),
    insurance.pool.paused(),
    insurance.oracle.defaultRate(infringement),
    insurance.oracle.postedRate(infringement, ip.ipId),
    insurance.oracle.maxAge(),
    insurance.shortfall.isInsurable(vault),
    insurance.coverNft.balanceOf(g.stranger),
    seats.seats.protocolFeeBps(),
    seats.seats.treasury(),
    market.isPaymentToken(g.story.addresses.WIP),
  ]);
  return JSON.stringify(values, (_, v) => (typeof v === "bigint" ? v.toString() : v));
}

describe(`security — restricted functions (${connection.networkName})`, function () {
  it("unauthorized: every restricted function of every contract, called by a stranger and by holders of other roles — fails", async function () {
    const g = await networkHelpers.loadFixture(governed);
    const table = await cases(g);
    const signers = await ethers.getSigners();
    // A stranger, and the holders of the risk manager, guardian and seats fee manager roles.
    const roleHolders = [g.stranger, signers[11], signers[13], signers[16]];
    const before = await configuration(g);
    let checked = 0;
    for (const { contract, fn, args, allowed } of table) {
      for (const caller of roleHolders) {
        if ((await caller.getAddress()) === (await allowed.getAddress())) continue;
        await expect(
          (contract.connect(caller) as BaseContract).getFunction(fn)(...args),
          `${fn} by ${await caller.getAddress()}`,
        )
          .to.be.revertedWithCustomError(contract, "AccessManagedUnauthorized")
          .withArgs(await caller.getAddress());
        checked++;
      }
    }
    expect(checked).to.be.at.least(table.length * 3);
    expect(await configuration(g)).to.equal(before);
  });

  it("out of bounds: every bounded restricted function, called by its role holder just outside its bound — fails", async function () {
    const g = await networkHelpers.loadFixture(governed);
    const table = (await cases(g)).filter((c) => c.outOfBounds);
    expect(table.length).to.equal(31);
    const before = await configuration(g);
    for (const { contract, fn, allowed, outOfBounds } of table) {
      const { args, error, errorArgs } = outOfBounds!;
      const call = (contract.connect(allowed) as BaseContract).getFunction(fn)(...args);
      await expect(call, `${fn}(${error})`)
        .to.be.revertedWithCustomError(contract, error)
        .withArgs(...errorArgs);
    }
    expect(await configuration(g)).to.equal(before);
  });

  it("in bounds: every restricted function accepts its role holder's valid call (the table is not vacuous)", async function () {
    const g = await networkHelpers.loadFixture(governed);
    const table = (await cases(g)).filter((c) => c.contract !== g.insurance.coverNft);
    const before = await configuration(g);
    for (const { contract, fn, args, allowed } of table) {
      if (fn === "unpause") continue;
      await (await (contract.connect(allowed) as BaseContract).getFunction(fn)(...args)).wait();
      if (fn === "pause") {
        await (await (contract.connect(g.lending.admin) as BaseContract).getFunction("unpause")()).wait();
      }
    }
    expect(await configuration(g)).to.not.equal(before);
  });
});
