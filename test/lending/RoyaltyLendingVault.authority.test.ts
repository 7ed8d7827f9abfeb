import { expect } from "chai";
import { network } from "hardhat";
import { encodeBytes32String, type Signer } from "ethers";
import {
  createIp,
  createIpWithVault,
  judgeDispute,
  loadStory,
  payRoyaltyInWip,
  raiseDispute,
  RT_SUPPLY,
} from "../fixtures/story.ts";
import {
  DAY,
  deployLending,
  depositWip,
  listIp,
  MARKET,
  openPositionFromIpAccount,
  ROLES,
  WAD,
} from "../fixtures/lending.ts";
import { accrueAt, compoundedGrowth, readState } from "./RoyaltyLendingVault.helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const addr = (s: Signer) => s.getAddress();
const name = (s: string) => encodeBytes32String(s);
const YEARS_10 = 10n * 365n * DAY;

/* ---------------------------------------------------------------- fixtures */

/** 1000 WIP deposited; IP A listed (worth 200 WIP) with a 50 WIP loan; IP B (with vault) not listed. */
async function deployAuthority() {
  const story = await loadStory(connection);
  const lending = await deployLending(story);
  const [stranger, lender, borrower, other] = await ethers.getSigners();
  await depositWip(lending, lender, 1_000n * WAD);
  const ip = await createIpWithVault(story, borrower);
  await listIp(lending, ip.ipId, 200n * WAD);
  const positionId = await openPositionFromIpAccount(lending, ip, RT_SUPPLY);
  await (await lending.vault.connect(borrower).borrow(positionId, 50n * WAD, await addr(borrower))).wait();
  const unlisted = await createIpWithVault(story, other);
  const params = { ...MARKET, oracle: await lending.appraisal.getAddress() };
  return { story, lending, vault: lending.vault, ip, unlisted, params, stranger, lender, borrower, other, positionId };
}

/**
 * Paused by the guardian with: position 1 (60% RT, 50 WIP owed), position 2 (40% RT, no debt), 10 WIP of royalties
 * paid to the IP and not yet harvested.
 */
async function deployPaused() {
  const story = await loadStory(connection);
  const lending = await deployLending(story);
  const [, lender, borrower, payer, liquidator] = await ethers.getSigners();
  await depositWip(lending, lender, 1_000n * WAD);
  const ip = await createIpWithVault(story, borrower);
  await listIp(lending, ip.ipId, 200n * WAD);
  const indebted = await openPositionFromIpAccount(lending, ip, (RT_SUPPLY * 60n) / 100n);
  const free = await openPositionFromIpAccount(lending, ip, (RT_SUPPLY * 40n) / 100n);
  await (await lending.vault.connect(borrower).borrow(indebted, 50n * WAD, await addr(borrower))).wait();
  await payRoyaltyInWip(story, payer, ip.ipId, 10n * WAD);
  await (await lending.vault.connect(lending.guardian).pause()).wait();
  return {
    story,
    lending,
    vault: lending.vault,
    wip: story.wip,
    ip,
    lender,
    borrower,
    payer,
    liquidator,
    indebted,
    free,
  };
}

type AuthorityFixture = Awaited<ReturnType<typeof deployAuthority>>;

/** Every piece of configuration a restricted function can change. */
async function configuration(f: AuthorityFixture) {
  const { vault } = f;
  const values = [
    await vault.reserveFactor(),
    await vault.treasury(),
    await vault.supplyCap(),
    await vault.minDebt(),
    await vault.badDebtCover(),
    await vault.rateModel(),
    await vault.paused(),
    await vault.market(f.ip.ipId),
    await vault.market(f.unlisted.ipId),
  ];
  return JSON.stringify(values, (_, v) => (typeof v === "bigint" ? v.toString() : v));
}

/** Bonus cap of a liquidation threshold: min(15%, 1 / (1 − 0.3 × (1 − LT)) − 1), rounded as the vault does. */
function bonusCap(threshold: bigint): bigint {
  const cut = ((WAD - threshold) * 3n * WAD + 10n * WAD - 1n) / (10n * WAD); // mulWadUp(WAD − LT, 0.3e18)
  const cap = (WAD * WAD) / (WAD - cut) - WAD;
  return cap < (15n * WAD) / 100n ? cap : (15n * WAD) / 100n;
}

/** The MarketParams struct as the event decodes it. */
const asTuple = (p: AuthorityFixture["params"]) => [
  p.oracle,
  p.maxLtv,
  p.maxPriceAge,
  p.liquidationThreshold,
  p.liquidationBonus,
  p.borrowCap,
  p.loanTerm,
];

describe("RoyaltyLendingVault — authority and pause", function () {
  describe("restricted functions", function () {
    it("reject every caller without the function's role with AccessManagedUnauthorized and change nothing", async function () {
      const f = await networkHelpers.loadFixture(deployAuthority);
      const { vault, lending, ip, unlisted, params, stranger } = f;
      const newModel = await ethers.deployContract("KinkedRateModel", [0n, WAD / 10n, WAD, (WAD * 9n) / 10n]);
      const calls: [string, unknown[], Signer][] = [
        ["listMarket", [unlisted.ipId, params], lending.riskManager],
        ["updateMarketParams", [ip.ipId, { ...params, maxLtv: WAD / 10n }], lending.riskManager],
        ["setMarketFrozen", [ip.ipId, true], lending.appraiser],
        ["setInterestRateModel", [await newModel.getAddress()], lending.riskManager],
        ["setReserveFactor", [0n], lending.riskManager],
        ["setTreasury", [await addr(stranger)], lending.riskManager],
        ["setSupplyCap", [1n], lending.riskManager],
        ["setMinDebt", [1n], lending.riskManager],
        ["setBadDebtCover", [await addr(stranger)], lending.riskManager],
        ["pause", [], lending.guardian],
        ["unpause", [], lending.admin],
      ];
      const everyone = [stranger, lending.admin, lending.riskManager, lending.appraiser, lending.guardian];
      const before = await configuration(f);
      for (const [fn, args, allowed] of calls) {
        for (const caller of everyone) {
          if (caller === allowed) continue;
          await expect(vault.connect(caller).getFunction(fn)(...args), `${fn} by ${await addr(caller)}`)
            .to.be.revertedWithCustomError(vault, "AccessManagedUnauthorized")
            .withArgs(await addr(caller));
        }
      }
      expect(await configuration(f)).to.equal(before);
    });

    it("the risk manager sets every parameter, each with its event (accruing interest first where it matters)", async function () {
      const f = await networkHelpers.loadFixture(deployAuthority);
      const { vault, lending, stranger } = f;
      const rm = vault.connect(lending.riskManager);
      const newModel = await ethers.deployContract("KinkedRateModel", [0n, WAD / 10n, WAD, (WAD * 9n) / 10n]);

      let state = await readState(vault);
      let t = BigInt(await time.latest()) + DAY;
      await time.setNextBlockTimestamp(t);
      let accrued = accrueAt(state, t);
      await expect(rm.setInterestRateModel(await newModel.getAddress()))
        .to.emit(vault, "InterestAccrued")
        .withArgs(accrued.rate, accrued.interest, accrued.reserveShares)
        .and.to.emit(vault, "InterestRateModelSet")
        .withArgs(await newModel.getAddress());
      expect(await vault.rateModel()).to.equal(await newModel.getAddress());
      expect(await vault.totalBorrowAssets()).to.equal(accrued.borrowAssets);

      // The old reserve factor applies to interest accrued before the change.
      state = await readState(vault);
      t = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      const elapsed = t - state.lastUpdate;
      const rate = await newModel.borrowRatePerSecond((state.borrowAssets * WAD) / state.supplyAssets);
      await expect(rm.setReserveFactor(WAD / 2n))
        .to.emit(vault, "ReserveFactorSet")
        .withArgs(WAD / 2n)
        .and.to.emit(vault, "InterestAccrued")
        .withArgs(rate, (state.borrowAssets * compoundedGrowth(rate, elapsed)) / WAD, (v: bigint) => v > 0n);
      expect(await vault.reserveFactor()).to.equal(WAD / 2n);

      await expect(rm.setTreasury(await addr(stranger)))
        .to.emit(vault, "TreasurySet")
        .withArgs(await addr(stranger))
        .and.to.emit(vault, "InterestAccrued");
      expect(await vault.treasury()).to.equal(await addr(stranger));
      await expect(rm.setSupplyCap(10n ** 30n))
        .to.emit(vault, "SupplyCapSet")
        .withArgs(10n ** 30n);
      await expect(rm.setSupplyCap(0n)).to.emit(vault, "SupplyCapSet").withArgs(0n);
      expect(await vault.supplyCap()).to.equal(0n);
      await expect(rm.setMinDebt(5n * WAD))
        .to.emit(vault, "MinDebtSet")
        .withArgs(5n * WAD);
      expect(await vault.minDebt()).to.equal(5n * WAD);
      await expect(rm.setBadDebtCover(await addr(stranger)))
        .to.emit(vault, "BadDebtCoverSet")
        .withArgs(await addr(stranger));
      expect(await vault.badDebtCover()).to.equal(await addr(stranger));
      await expect(rm.setBadDebtCover(ethers.ZeroAddress))
        .to.emit(vault, "BadDebtCoverSet")
        .withArgs(ethers.ZeroAddress);
      expect(await vault.badDebtCover()).to.equal(ethers.ZeroAddress);
    });

    it("rejects out-of-bounds reserve factor and supply cap, and zero model or treasury", async function () {
      const f = await networkHelpers.loadFixture(deployAuthority);
      const { vault, lending } = f;
      const rm = vault.connect(lending.riskManager);
      const before = await configuration(f);
      await expect(rm.setReserveFactor(WAD / 2n + 1n))
        .to.be.revertedWithCustomError(vault, "ParameterOutOfBounds")
        .withArgs(name("reserveFactor"));
      await expect(rm.setSupplyCap(10n ** 30n + 1n))
        .to.be.revertedWithCustomError(vault, "ParameterOutOfBounds")
        .withArgs(name("supplyCap"));
      await expect(rm.setMinDebt(1_000n * WAD + 1n))
        .to.be.revertedWithCustomError(vault, "ParameterOutOfBounds")
        .withArgs(name("minDebt"));
      await expect(rm.setTreasury(ethers.ZeroAddress)).to.be.revertedWithCustomError(vault, "ZeroAddress");
      await expect(rm.setInterestRateModel(ethers.ZeroAddress)).to.be.revertedWithCustomError(vault, "ZeroAddress");
      expect(await configuration(f)).to.equal(before);
      expect(await vault.MAX_RESERVE_FACTOR()).to.equal(WAD / 2n);
      expect(await vault.MAX_SUPPLY_CAP()).to.equal(10n ** 30n);
      await expect(rm.setMinDebt(1_000n * WAD))
        .to.emit(vault, "MinDebtSet")
        .withArgs(1_000n * WAD);
    });

    it("refuses a deployment with a zero asset or Story module address (ZeroAddress)", async function () {
      const { story, lending } = await networkHelpers.loadFixture(deployAuthority);
      const config = {
        asset: story.addresses.WIP,
        name: "Quintessence WIP Lending",
        symbol: "qWIP",
        authority: await lending.manager.getAddress(),
        ipAssetRegistry: story.addresses.IPAssetRegistry,
        royaltyModule: story.addresses.RoyaltyModule,
        disputeModule: story.addresses.DisputeModule,
        rateModel: await lending.rateModel.getAddress(),
        treasury: await lending.treasury.getAddress(),
        reserveFactor: 0n,
        supplyCap: 0n,
        minDebt: 0n,
      };
      const factory = await ethers.getContractFactory("RoyaltyLendingVault");
      for (const key of ["asset", "ipAssetRegistry", "royaltyModule", "disputeModule"] as const) {
        await expect(factory.deploy({ ...config, [key]: ethers.ZeroAddress })).to.be.revertedWithCustomError(
          factory,
          "ZeroAddress",
        );
      }
      const vault = await factory.deploy(config);
      expect(await vault.utilization()).to.equal(0n);
      expect(await vault.totalAssets()).to.equal(0n);
    });

    it("the appraiser freezes and unfreezes a listed market; unlisted markets are refused", async function () {
      const { vault, lending, ip, unlisted } = await networkHelpers.loadFixture(deployAuthority);
      const appraiser = vault.connect(lending.appraiser);
      await expect(appraiser.setMarketFrozen(ip.ipId, true)).to.emit(vault, "MarketFrozen").withArgs(ip.ipId, true);
      expect((await vault.market(ip.ipId)).frozen).to.equal(true);
      await expect(appraiser.setMarketFrozen(ip.ipId, false)).to.emit(vault, "MarketFrozen").withArgs(ip.ipId, false);
      expect((await vault.market(ip.ipId)).frozen).to.equal(false);
      await expect(appraiser.setMarketFrozen(unlisted.ipId, true))
        .to.be.revertedWithCustomError(vault, "MarketNotListed")
        .withArgs(unlisted.ipId);
      await expect(
        vault
          .connect(lending.riskManager)
          .updateMarketParams(unlisted.ipId, { ...MARKET, oracle: await lending.appraisal.getAddress() }),
      )
        .to.be.revertedWithCustomError(vault, "MarketNotListed")
        .withArgs(unlisted.ipId);
    });
  });

  describe("listMarket", function () {
    it("lists a registered IP with a royalty vault and emits MarketListed", async function () {
      const { vault, lending, unlisted, params } = await networkHelpers.loadFixture(deployAuthority);
      const royaltyVault = await unlisted.vault.getAddress();
      await expect(vault.connect(lending.riskManager).listMarket(unlisted.ipId, params))
        .to.emit(vault, "MarketListed")
        .withArgs(unlisted.ipId, royaltyVault, asTuple(params));
      const m = await vault.market(unlisted.ipId);
      expect(m.listed).to.equal(true);
      expect(m.frozen).to.equal(false);
      expect(m.royaltyVault).to.equal(royaltyVault);
      expect(m.totalCollateral).to.equal(0n);
      expect(m.params.maxLtv).to.equal(params.maxLtv);
      expect(m.params.borrowCap).to.equal(params.borrowCap);
      expect(m.params.oracle).to.equal(params.oracle);
    });

    it("refuses an unregistered IP, an IP without royalty vault, a disputed IP and a listed IP", async function () {
      const f = await networkHelpers.loadFixture(deployAuthority);
      const { vault, lending, story, ip, params, other } = f;
      const rm = vault.connect(lending.riskManager);
      const random = ethers.Wallet.createRandom().address;
      await expect(rm.listMarket(random, params))
        .to.be.revertedWithCustomError(vault, "IpNotRegistered")
        .withArgs(random);
      const bare = await createIp(story, other);
      await expect(rm.listMarket(bare.ipId, params))
        .to.be.revertedWithCustomError(vault, "NoRoyaltyVault")
        .withArgs(bare.ipId);
      const disputed = await createIpWithVault(story, other);
      const disputeId = await raiseDispute(story, other, disputed.ipId);
      await judgeDispute(story, disputeId, true);
      await expect(rm.listMarket(disputed.ipId, params))
        .to.be.revertedWithCustomError(vault, "IpDisputed")
        .withArgs(disputed.ipId);
      await expect(rm.listMarket(ip.ipId, params))
        .to.be.revertedWithCustomError(vault, "MarketAlreadyListed")
        .withArgs(ip.ipId);
      for (const id of [random, bare.ipId, disputed.ipId]) {
        expect((await vault.market(id)).listed).to.equal(false);
      }
    });

    it("bounds every market parameter with ParameterOutOfBounds(name) or ZeroAddress", async function () {
      const f = await networkHelpers.loadFixture(deployAuthority);
      const { vault, lending, unlisted, params } = f;
      const rm = vault.connect(lending.riskManager);
      const LT = params.liquidationThreshold;
      const cases: [string, Partial<typeof params>][] = [
        ["liquidationThreshold", { liquidationThreshold: 0n }],
        ["liquidationThreshold", { liquidationThreshold: (9n * WAD) / 10n + 1n }],
        ["maxLtv", { maxLtv: 0n }],
        ["maxLtv", { maxLtv: LT }],
        ["liquidationBonus", { liquidationBonus: bonusCap(LT) + 1n }],
        // Low threshold: Morpho's formula allows more than 15%, the absolute cap binds.
        [
          "liquidationBonus",
          { liquidationThreshold: WAD / 5n, maxLtv: WAD / 10n, liquidationBonus: (15n * WAD) / 100n + 1n },
        ],
        ["maxPriceAge", { maxPriceAge: 59n }],
        ["maxPriceAge", { maxPriceAge: 30n * DAY + 1n }],
        ["loanTerm", { loanTerm: DAY - 1n }],
        ["loanTerm", { loanTerm: YEARS_10 + 1n }],
      ];
      for (const [parameter, change] of cases) {
        await expect(
          rm.listMarket(unlisted.ipId, { ...params, ...change }),
          `${parameter} ${JSON.stringify(change, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`,
        )
          .to.be.revertedWithCustomError(vault, "ParameterOutOfBounds")
          .withArgs(name(parameter));
      }
      await expect(
        rm.listMarket(unlisted.ipId, { ...params, oracle: ethers.ZeroAddress }),
      ).to.be.revertedWithCustomError(vault, "ZeroAddress");
      expect((await vault.market(unlisted.ipId)).listed).to.equal(false);
      // updateMarketParams runs the same checks.
      await expect(vault.connect(lending.riskManager).updateMarketParams(f.ip.ipId, { ...params, maxLtv: LT }))
        .to.be.revertedWithCustomError(vault, "ParameterOutOfBounds")
        .withArgs(name("maxLtv"));
      expect((await vault.market(f.ip.ipId)).params.maxLtv).to.equal(params.maxLtv);
    });

    it("accepts every bound itself (inclusive limits), via listMarket and updateMarketParams", async function () {
      const f = await networkHelpers.loadFixture(deployAuthority);
      const { vault, lending, unlisted, params } = f;
      const rm = vault.connect(lending.riskManager);
      // 65% threshold: cap = 1 / (1 − 0.105) − 1 = 11.7318…%.
      expect(bonusCap(params.liquidationThreshold)).to.equal(117318435754189944n);
      const first = {
        ...params,
        liquidationBonus: bonusCap(params.liquidationThreshold),
        maxPriceAge: 60n,
        loanTerm: 0n,
      };
      await expect(rm.listMarket(unlisted.ipId, first))
        .to.emit(vault, "MarketListed")
        .withArgs(unlisted.ipId, await unlisted.vault.getAddress(), asTuple(first));
      const accepted: (typeof params)[] = [
        {
          ...params,
          liquidationThreshold: (9n * WAD) / 10n,
          maxLtv: (9n * WAD) / 10n - 1n,
          liquidationBonus: bonusCap((9n * WAD) / 10n),
          maxPriceAge: 30n * DAY,
          loanTerm: DAY,
        },
        {
          ...params,
          liquidationThreshold: WAD / 5n,
          maxLtv: 1n,
          liquidationBonus: (15n * WAD) / 100n,
          loanTerm: YEARS_10,
        },
        { ...params, liquidationBonus: 0n, borrowCap: 0n },
      ];
      expect(bonusCap((9n * WAD) / 10n)).to.equal(30927835051546391n);
      for (const p of accepted) {
        await expect(rm.updateMarketParams(unlisted.ipId, p))
          .to.emit(vault, "MarketParamsUpdated")
          .withArgs(unlisted.ipId, asTuple(p));
        const stored = (await vault.market(unlisted.ipId)).params;
        expect([stored.maxLtv, stored.liquidationThreshold, stored.liquidationBonus, stored.loanTerm]).to.deep.equal([
          p.maxLtv,
          p.liquidationThreshold,
          p.liquidationBonus,
          p.loanTerm,
        ]);
      }
    });
  });

  describe("AccessManager execution delay", function () {
    it("a delayed risk manager must schedule, wait, then execute; early execution fails", async function () {
      const { vault, lending } = await networkHelpers.loadFixture(deployAuthority);
      const { manager, riskManager } = lending;
      const rmAddress = await addr(riskManager);
      const target = await vault.getAddress();
      await expect(manager.connect(lending.admin).grantRole(ROLES.RISK_MANAGER, rmAddress, DAY))
        .to.emit(manager, "RoleGranted")
        .withArgs(ROLES.RISK_MANAGER, rmAddress, DAY, (v: bigint) => v > 0n, false);
      expect((await manager.getAccess(ROLES.RISK_MANAGER, rmAddress))[1]).to.equal(DAY); // current delay

      const data = vault.interface.encodeFunctionData("setSupplyCap", [5n * WAD]);
      const operationId = await manager.hashOperation(rmAddress, target, data);
      // A direct call now needs a scheduled operation.
      await expect(vault.connect(riskManager).setSupplyCap(5n * WAD))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotScheduled")
        .withArgs(operationId);

      const scheduledAt = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(scheduledAt);
      await expect(manager.connect(riskManager).schedule(target, data, 0n))
        .to.emit(manager, "OperationScheduled")
        .withArgs(operationId, 1n, scheduledAt + DAY, rmAddress, target, data);
      expect(await manager.getSchedule(operationId)).to.equal(scheduledAt + DAY);

      await time.setNextBlockTimestamp(scheduledAt + DAY - 1n);
      await expect(manager.connect(riskManager).execute(target, data))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotReady")
        .withArgs(operationId);
      await expect(vault.connect(riskManager).setSupplyCap(5n * WAD))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotReady")
        .withArgs(operationId);
      expect(await vault.supplyCap()).to.equal(10n ** 30n);

      await time.setNextBlockTimestamp(scheduledAt + DAY);
      await expect(manager.connect(riskManager).execute(target, data))
        .to.emit(manager, "OperationExecuted")
        .withArgs(operationId, 1n)
        .and.to.emit(vault, "SupplyCapSet")
        .withArgs(5n * WAD);
      expect(await vault.supplyCap()).to.equal(5n * WAD);
      // The operation is consumed: it cannot be replayed.
      await expect(manager.connect(riskManager).execute(target, data))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotScheduled")
        .withArgs(operationId);
    });
  });

  describe("pause", function () {
    it("the guardian pauses (Paused) and only the admin unpauses (Unpaused)", async function () {
      const { vault, lending } = await networkHelpers.loadFixture(deployAuthority);
      await expect(vault.connect(lending.guardian).pause())
        .to.emit(vault, "Paused")
        .withArgs(await addr(lending.guardian));
      expect(await vault.paused()).to.equal(true);
      await expect(vault.connect(lending.guardian).unpause())
        .to.be.revertedWithCustomError(vault, "AccessManagedUnauthorized")
        .withArgs(await addr(lending.guardian));
      await expect(vault.connect(lending.admin).unpause())
        .to.emit(vault, "Unpaused")
        .withArgs(await addr(lending.admin));
      expect(await vault.paused()).to.equal(false);
    });

    it("blocks deposit, mint, openPosition, addCollateral and borrow (EnforcedPause); maxDeposit/maxMint are 0", async function () {
      const { vault, wip, ip, lender, borrower, free, indebted } = await networkHelpers.loadFixture(deployPaused);
      const l = await addr(lender);
      await (await wip.connect(lender).deposit({ value: WAD })).wait();
      await (await wip.connect(lender).approve(await vault.getAddress(), WAD)).wait();
      const supplyAssets = await vault.totalSupplyAssets();
      await expect(vault.connect(lender).deposit(WAD, l)).to.be.revertedWithCustomError(vault, "EnforcedPause");
      await expect(vault.connect(lender).mint(10n ** 24n, l)).to.be.revertedWithCustomError(vault, "EnforcedPause");
      await expect(vault.connect(borrower).openPosition(ip.ipId)).to.be.revertedWithCustomError(vault, "EnforcedPause");
      await expect(vault.connect(borrower).addCollateral(free, 1n)).to.be.revertedWithCustomError(
        vault,
        "EnforcedPause",
      );
      await expect(vault.connect(borrower).borrow(indebted, WAD, await addr(borrower))).to.be.revertedWithCustomError(
        vault,
        "EnforcedPause",
      );
      expect(await vault.maxDeposit(l)).to.equal(0n);
      expect(await vault.maxMint(l)).to.equal(0n);
      expect(await vault.positionCount()).to.equal(2n);
      expect(await vault.balanceOf(l)).to.be.greaterThan(0n);
      expect(await vault.totalSupplyAssets()).to.equal(supplyAssets);
      expect((await vault.position(free)).collateral).to.equal((RT_SUPPLY * 40n) / 100n);
      expect(await wip.balanceOf(l)).to.equal(WAD);
    });

    it("lets lenders withdraw and redeem", async function () {
      const { vault, wip, lender } = await networkHelpers.loadFixture(deployPaused);
      const l = await addr(lender);
      await expect(vault.connect(lender).withdraw(WAD, l, l)).to.changeTokenBalances(
        ethers,
        wip,
        [lender, vault],
        [WAD, -WAD],
      );
      const shares = 10n ** 24n;
      const t = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      const assets = await vault.previewRedeem(shares, { blockTag: "pending" });
      await expect(vault.connect(lender).redeem(shares, l, l))
        .to.emit(vault, "Withdraw")
        .withArgs(l, l, l, assets, shares);
    });

    it("lets anyone repay and the owner withdraw collateral", async function () {
      const { vault, wip, ip, payer, borrower, indebted, free } = await networkHelpers.loadFixture(deployPaused);
      await (await wip.connect(payer).deposit({ value: 10n * WAD })).wait();
      await (await wip.connect(payer).approve(await vault.getAddress(), 10n * WAD)).wait();
      const tx = vault.connect(payer).repay(indebted, 10n * WAD);
      await expect(tx).to.emit(vault, "Repaid");
      await expect(tx).to.changeTokenBalances(ethers, wip, [payer, vault], [-10n * WAD, 10n * WAD]);
      const amount = RT_SUPPLY / 10n;
      const w = vault.connect(borrower).withdrawCollateral(free, amount, await addr(borrower));
      await expect(w)
        .to.emit(vault, "CollateralWithdrawn")
        .withArgs(free, await addr(borrower), amount);
      await expect(w).to.changeTokenBalances(ethers, ip.vault, [vault, borrower], [-amount, amount]);
    });

    it("lets anyone harvest and settle, and the owner withdraw credits and close", async function () {
      const { vault, story, wip, ip, borrower, indebted, free } = await networkHelpers.loadFixture(deployPaused);
      const WIP = story.addresses.WIP;
      await expect(vault.harvest(ip.ipId))
        .to.emit(vault, "RevenueHarvested")
        .withArgs(ip.ipId, WIP, 10n * WAD, (10n * WAD * 10n ** 36n) / RT_SUPPLY);
      await expect(vault.settle(indebted))
        .to.emit(vault, "RevenueApplied")
        .withArgs(indebted, WIP, 6n * WAD, 0n);
      const credit = vault.connect(borrower).withdrawCredit(free, WIP, await addr(borrower));
      await expect(credit)
        .to.emit(vault, "CreditWithdrawn")
        .withArgs(free, WIP, await addr(borrower), 4n * WAD);
      await expect(credit).to.changeTokenBalances(ethers, wip, [vault, borrower], [-4n * WAD, 4n * WAD]);
      const collateral = (await vault.position(free)).collateral;
      const close = vault.connect(borrower).close(free, await addr(borrower));
      await expect(close)
        .to.emit(vault, "PositionClosed")
        .withArgs(free, await addr(borrower));
      await expect(close).to.changeTokenBalances(ethers, ip.vault, [vault, borrower], [-collateral, collateral]);
      expect((await vault.position(free)).owner).to.equal(ethers.ZeroAddress);
    });

    it("lets a liquidator liquidate an overdue position", async function () {
      const { vault, wip, ip, liquidator, indebted } = await networkHelpers.loadFixture(deployPaused);
      const maturity = (await vault.position(indebted)).maturity;
      await time.increaseTo(maturity + 1n);
      const repay = 20n * WAD;
      await (await wip.connect(liquidator).deposit({ value: repay })).wait();
      await (await wip.connect(liquidator).approve(await vault.getAddress(), repay)).wait();
      const collateralBefore = (await vault.position(indebted)).collateral;
      const tx = await vault.connect(liquidator).liquidate(indebted, repay);
      const receipt = await tx.wait();
      const event = receipt!.logs
        .map((log) => vault.interface.parseLog(log))
        .find((parsed) => parsed?.name === "Liquidated");
      expect(event!.args.positionId).to.equal(indebted);
      expect(event!.args.liquidator).to.equal(await addr(liquidator));
      expect(event!.args.repaid).to.equal(repay);
      const seized = event!.args.seized as bigint;
      expect(seized).to.be.greaterThan(0n);
      expect(await ip.vault.balanceOf(await addr(liquidator))).to.equal(seized);
      expect(await wip.balanceOf(await addr(liquidator))).to.equal(0n);
      expect((await vault.position(indebted)).collateral).to.equal(collateralBefore - seized);
    });

    it("after unpause by the admin, deposits work again", async function () {
      const { vault, lending, lender } = await networkHelpers.loadFixture(deployPaused);
      await (await vault.connect(lending.admin).unpause()).wait();
      const l = await addr(lender);
      const before = await vault.balanceOf(l);
      await depositWip(lending, lender, WAD);
      expect(await vault.balanceOf(l)).to.be.greaterThan(before);
      expect(await vault.maxDeposit(l)).to.be.greaterThan(0n);
    });
  });
});
