import { expect } from "chai";
import { network } from "hardhat";
import type { Signer } from "ethers";
import {
  createIpWithVault,
  judgeDispute,
  loadStory,
  payRoyaltyInWip,
  raiseDispute,
  RT_SUPPLY,
  transferRoyaltyTokensFromIp,
} from "../fixtures/story.ts";
import {
  DAY,
  deployLending,
  depositWip,
  listIp,
  MARKET,
  openPositionFromIpAccount,
  valuePerRtUnit,
  WAD,
} from "../fixtures/lending.ts";
import { accrueAt, borrowSharesFor, debtOfShares, readState, VIRTUAL_SHARES } from "./RoyaltyLendingVault.helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const addr = (s: Signer) => s.getAddress();
const MIN_DEBT = WAD / 100n;
const IP_VALUE = 200n * WAD;

/* ---------------------------------------------------------------- fixtures */

/** 1000 WIP deposited; an IP (owner: borrower) worth 200 WIP listed with the default parameters. */
async function deployMarket() {
  const story = await loadStory(connection);
  const lending = await deployLending(story);
  const [, lender, borrower, holder, payer, stranger, receiver, disputer] = await ethers.getSigners();
  await depositWip(lending, lender, 1_000n * WAD);
  const ip = await createIpWithVault(story, borrower);
  await listIp(lending, ip.ipId, IP_VALUE);
  const vault = lending.vault;
  return { story, lending, vault, wip: story.wip, ip, lender, borrower, holder, payer, stranger, receiver, disputer };
}

/** All the IP's RT pledged from its IP account in position 1 (owner: borrower), no debt. */
async function deployPosition() {
  const f = await deployMarket();
  const positionId = await openPositionFromIpAccount(f.lending, f.ip, RT_SUPPLY);
  return { ...f, positionId };
}

/** Position 1 owes 50 WIP (max LTV allows 100). */
async function deployLoan() {
  const f = await deployPosition();
  await (await f.vault.connect(f.borrower).borrow(f.positionId, 50n * WAD, await addr(f.borrower))).wait();
  return f;
}

/** Two positions on the same IP: 60% of the RT (30 WIP owed) and 40% (20 WIP owed). */
async function deployTwoPositions() {
  const f = await deployMarket();
  const first = await openPositionFromIpAccount(f.lending, f.ip, (RT_SUPPLY * 60n) / 100n);
  const second = await openPositionFromIpAccount(f.lending, f.ip, (RT_SUPPLY * 40n) / 100n);
  await (await f.vault.connect(f.borrower).borrow(first, 30n * WAD, await addr(f.borrower))).wait();
  await (await f.vault.connect(f.borrower).borrow(second, 20n * WAD, await addr(f.borrower))).wait();
  return { ...f, first, second };
}

type Fixture = Awaited<ReturnType<typeof deployMarket>>;

async function fund(f: Fixture, account: Signer, amount: bigint) {
  await (await f.wip.connect(account).deposit({ value: amount })).wait();
  await (await f.wip.connect(account).approve(await f.vault.getAddress(), amount)).wait();
}

/** Sets the next block `seconds` after the latest one and returns the position's debt at that block. */
async function debtAtNext(f: Fixture, positionId: bigint, seconds = 1n) {
  const state = await readState(f.vault);
  const t = BigInt(await time.latest()) + seconds;
  await time.setNextBlockTimestamp(t);
  const accrued = accrueAt(state, t);
  const { borrowShares } = await f.vault.position(positionId);
  return { debt: debtOfShares(borrowShares, accrued), accrued, t };
}

describe("RoyaltyLendingVault — borrowers", function () {
  describe("openPosition", function () {
    it("opens numbered positions owned by the caller and emits PositionOpened", async function () {
      const { vault, ip, borrower, stranger } = await networkHelpers.loadFixture(deployMarket);
      await expect(vault.connect(borrower).openPosition(ip.ipId))
        .to.emit(vault, "PositionOpened")
        .withArgs(1n, await addr(borrower), ip.ipId);
      await expect(vault.connect(stranger).openPosition(ip.ipId))
        .to.emit(vault, "PositionOpened")
        .withArgs(2n, await addr(stranger), ip.ipId);
      expect(await vault.positionCount()).to.equal(2n);
      const p = await vault.position(2n);
      expect(p.owner).to.equal(await addr(stranger));
      expect(p.ipId).to.equal(ip.ipId);
      expect(p.collateral).to.equal(0n);
      expect(p.borrowShares).to.equal(0n);
      expect(p.maturity).to.equal(0n);
    });

    it("refuses an unlisted IP", async function () {
      const { vault, story, borrower } = await networkHelpers.loadFixture(deployMarket);
      const other = await createIpWithVault(story, borrower);
      await expect(vault.connect(borrower).openPosition(other.ipId))
        .to.be.revertedWithCustomError(vault, "MarketNotListed")
        .withArgs(other.ipId);
      expect(await vault.positionCount()).to.equal(0n);
    });
  });

  describe("addCollateral", function () {
    it("pledges RT from the IP account through execute", async function () {
      const { vault, ip, borrower } = await networkHelpers.loadFixture(deployMarket);
      await (await vault.connect(borrower).openPosition(ip.ipId)).wait();
      const amount = RT_SUPPLY / 2n;
      const vaultAddress = await vault.getAddress();
      const approve = ip.vault.interface.encodeFunctionData("approve", [vaultAddress, amount]);
      await (await ip.account.connect(borrower).execute(await ip.vault.getAddress(), 0n, approve)).wait();
      const pledge = vault.interface.encodeFunctionData("addCollateral", [1n, amount]);
      const tx = ip.account.connect(borrower).execute(vaultAddress, 0n, pledge);
      await expect(tx).to.emit(vault, "CollateralAdded").withArgs(1n, ip.ipId, amount);
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [ip.ipId, vaultAddress], [-amount, amount]);
      expect((await vault.position(1n)).collateral).to.equal(amount);
      expect((await vault.market(ip.ipId)).totalCollateral).to.equal(amount);
    });

    it("accepts RT from any holder into any position", async function () {
      const { vault, ip, holder, borrower, positionId } = await networkHelpers.loadFixture(deployPosition);
      // Take RT out again so a third party holds some: withdraw 30% to the holder.
      const amount = (RT_SUPPLY * 30n) / 100n;
      await (await vault.connect(borrower).withdrawCollateral(positionId, amount, await addr(holder))).wait();
      await (await ip.vault.connect(holder).approve(await vault.getAddress(), amount)).wait();
      const tx = vault.connect(holder).addCollateral(positionId, amount);
      await expect(tx)
        .to.emit(vault, "CollateralAdded")
        .withArgs(positionId, await addr(holder), amount);
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [holder, vault], [-amount, amount]);
      expect((await vault.position(positionId)).collateral).to.equal(RT_SUPPLY);
      expect((await vault.position(positionId)).owner).to.equal(await addr(borrower));
    });

    it("accepts RT a holder got from the IP account, and rejects zero amounts and unknown positions", async function () {
      const { vault, ip, holder, borrower } = await networkHelpers.loadFixture(deployMarket);
      await transferRoyaltyTokensFromIp(ip, await addr(holder), 1_000n);
      await (await vault.connect(borrower).openPosition(ip.ipId)).wait();
      await (await ip.vault.connect(holder).approve(await vault.getAddress(), 1_000n)).wait();
      await expect(vault.connect(holder).addCollateral(1n, 0n)).to.be.revertedWithCustomError(vault, "ZeroAmount");
      await expect(vault.connect(holder).addCollateral(7n, 1_000n))
        .to.be.revertedWithCustomError(vault, "UnknownPosition")
        .withArgs(7n);
      await expect(vault.connect(holder).addCollateral(1n, 1_000n))
        .to.emit(vault, "CollateralAdded")
        .withArgs(1n, await addr(holder), 1_000n);
      expect(await ip.vault.balanceOf(await addr(holder))).to.equal(0n);
      expect((await vault.position(1n)).collateral).to.equal(1_000n);
    });
  });

  describe("withdrawCollateral", function () {
    it("without debt returns any amount to the receiver", async function () {
      const { vault, ip, borrower, receiver, positionId } = await networkHelpers.loadFixture(deployPosition);
      const tx = vault.connect(borrower).withdrawCollateral(positionId, RT_SUPPLY, await addr(receiver));
      await expect(tx)
        .to.emit(vault, "CollateralWithdrawn")
        .withArgs(positionId, await addr(receiver), RT_SUPPLY);
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [vault, receiver], [-RT_SUPPLY, RT_SUPPLY]);
      expect((await vault.position(positionId)).collateral).to.equal(0n);
      expect((await vault.market(ip.ipId)).totalCollateral).to.equal(0n);
    });

    it("rejects zero amounts, a zero receiver, non-owners and amounts above the collateral", async function () {
      const { vault, borrower, stranger, positionId } = await networkHelpers.loadFixture(deployPosition);
      const b = await addr(borrower);
      await expect(vault.connect(borrower).withdrawCollateral(positionId, 0n, b)).to.be.revertedWithCustomError(
        vault,
        "ZeroAmount",
      );
      await expect(
        vault.connect(borrower).withdrawCollateral(positionId, 1n, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(vault, "ZeroAddress");
      await expect(vault.connect(stranger).withdrawCollateral(positionId, 1n, await addr(stranger)))
        .to.be.revertedWithCustomError(vault, "NotPositionOwner")
        .withArgs(positionId, await addr(stranger));
      await expect(vault.connect(borrower).withdrawCollateral(positionId, RT_SUPPLY + 1n, b))
        .to.be.revertedWithCustomError(vault, "ExceedsAvailable")
        .withArgs(RT_SUPPLY + 1n, RT_SUPPLY);
      await expect(vault.connect(borrower).withdrawCollateral(9n, 1n, b))
        .to.be.revertedWithCustomError(vault, "UnknownPosition")
        .withArgs(9n);
      expect((await vault.position(positionId)).collateral).to.equal(RT_SUPPLY);
    });

    it("with debt keeps the rest above max LTV (InsufficientCollateral with the debt and the limit)", async function () {
      const f = await networkHelpers.loadFixture(deployLoan);
      const { vault, ip, borrower, positionId } = f;
      const b = await addr(borrower);
      const price = valuePerRtUnit(IP_VALUE);
      // 50 WIP owed: at 50% max LTV the rest must be worth ≥ 100 WIP = 50% of the RT (+ interest).
      const tooMuch = RT_SUPPLY / 2n + 1n;
      const { debt } = await debtAtNext(f, positionId);
      const maxDebt = ((((RT_SUPPLY - tooMuch) * price) / WAD) * MARKET.maxLtv) / WAD;
      await expect(vault.connect(borrower).withdrawCollateral(positionId, tooMuch, b))
        .to.be.revertedWithCustomError(vault, "InsufficientCollateral")
        .withArgs(debt, maxDebt);
      // Even exactly 50% fails: a second of interest makes the debt exceed 50 WIP.
      const half = RT_SUPPLY / 2n;
      const { debt: debt2 } = await debtAtNext(f, positionId);
      await expect(vault.connect(borrower).withdrawCollateral(positionId, half, b))
        .to.be.revertedWithCustomError(vault, "InsufficientCollateral")
        .withArgs(debt2, 50n * WAD);
      const ok = (RT_SUPPLY * 40n) / 100n;
      const tx = vault.connect(borrower).withdrawCollateral(positionId, ok, b);
      await expect(tx).to.emit(vault, "CollateralWithdrawn").withArgs(positionId, b, ok);
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [vault, borrower], [-ok, ok]);
      expect((await vault.position(positionId)).collateral).to.equal(RT_SUPPLY - ok);
    });

    it("with debt needs a fresh price (StalePrice) and reverts for a disputed IP (IpDisputed)", async function () {
      const f = await networkHelpers.loadFixture(deployLoan);
      const { vault, story, ip, borrower, disputer, positionId, lending } = f;
      const b = await addr(borrower);
      const { updatedAt } = await lending.appraisal.appraisalOf(ip.ipId);
      await time.increaseTo(updatedAt + DAY + 1n);
      await expect(vault.connect(borrower).withdrawCollateral(positionId, 1n, b))
        .to.be.revertedWithCustomError(vault, "StalePrice")
        .withArgs(ip.ipId, updatedAt);
      const disputeId = await raiseDispute(story, disputer, ip.ipId);
      await judgeDispute(story, disputeId, true);
      await expect(vault.connect(borrower).withdrawCollateral(positionId, 1n, b))
        .to.be.revertedWithCustomError(vault, "IpDisputed")
        .withArgs(ip.ipId);
      expect((await vault.position(positionId)).collateral).to.equal(RT_SUPPLY);
    });
  });

  describe("borrow", function () {
    it("lends, records shares, debt and maturity, and emits Borrowed", async function () {
      const { vault, wip, ip, borrower, receiver, positionId } = await networkHelpers.loadFixture(deployPosition);
      const assets = 40n * WAD;
      const shares = assets * VIRTUAL_SHARES; // empty debt pool: 1e6 borrow shares per unit
      const tx = vault.connect(borrower).borrow(positionId, assets, await addr(receiver));
      await expect(tx)
        .to.emit(vault, "Borrowed")
        .withArgs(positionId, await addr(receiver), assets, shares);
      await expect(tx).to.changeTokenBalances(ethers, wip, [vault, receiver, borrower], [-assets, assets, 0n]);
      const now = BigInt(await time.latest());
      const p = await vault.position(positionId);
      expect(p.borrowShares).to.equal(shares);
      expect(p.maturity).to.equal(now + MARKET.loanTerm);
      expect(await vault.debtOf(positionId)).to.equal(assets);
      expect(await vault.totalDebt()).to.equal(assets);
      expect(await vault.totalBorrowShares()).to.equal(shares);
      expect(await vault.idleLiquidity()).to.equal(1_000n * WAD - assets);
      expect((await vault.market(ip.ipId)).borrowShares).to.equal(shares);
      expect(await vault.healthFactor(positionId)).to.equal(
        (((IP_VALUE * MARKET.liquidationThreshold) / WAD) * WAD) / assets,
      );
    });

    it("a second borrow adds shares at the accrued price, and keeps the maturity", async function () {
      const f = await networkHelpers.loadFixture(deployLoan);
      const { vault, borrower, positionId } = f;
      const maturity = (await vault.position(positionId)).maturity;
      const { accrued, debt } = await debtAtNext(f, positionId, 10n * 3600n);
      const assets = 5n * WAD;
      const shares = borrowSharesFor(assets, accrued, true);
      await expect(vault.connect(borrower).borrow(positionId, assets, await addr(borrower)))
        .to.emit(vault, "Borrowed")
        .withArgs(positionId, await addr(borrower), assets, shares);
      const p = await vault.position(positionId);
      expect(p.maturity).to.equal(maturity);
      expect(p.borrowShares).to.equal(50n * WAD * VIRTUAL_SHARES + shares);
      const after = { borrowAssets: accrued.borrowAssets + assets, borrowShares: accrued.borrowShares + shares };
      expect(await vault.debtOf(positionId)).to.equal(debtOfShares(p.borrowShares, after));
      expect(await vault.debtOf(positionId)).to.be.greaterThanOrEqual(debt + assets);
    });

    it("refuses more borrowing once the loan is overdue (LoanOverdue), changing nothing", async function () {
      const f = await networkHelpers.loadFixture(deployLoan);
      const { vault, borrower, positionId } = f;
      const before = await vault.position(positionId);
      await time.increaseTo(before.maturity + 1n);
      await expect(vault.connect(borrower).borrow(positionId, WAD, await addr(borrower)))
        .to.be.revertedWithCustomError(vault, "LoanOverdue")
        .withArgs(positionId, before.maturity);
      const after = await vault.position(positionId);
      expect(after.borrowShares).to.equal(before.borrowShares);
      expect(after.maturity).to.equal(before.maturity);
    });

    it("borrows up to max LTV exactly, not one wei more (InsufficientCollateral)", async function () {
      const { vault, wip, borrower, positionId } = await networkHelpers.loadFixture(deployPosition);
      const b = await addr(borrower);
      const maxDebt = (IP_VALUE * MARKET.maxLtv) / WAD;
      await expect(vault.connect(borrower).borrow(positionId, maxDebt + 1n, b))
        .to.be.revertedWithCustomError(vault, "InsufficientCollateral")
        .withArgs(maxDebt + 1n, maxDebt);
      await expect(vault.connect(borrower).borrow(positionId, maxDebt, b)).to.changeTokenBalances(
        ethers,
        wip,
        [borrower],
        [maxDebt],
      );
      expect(await vault.debtOf(positionId)).to.equal(maxDebt);
    });

    it("respects the IP's borrow cap (BorrowCapExceeded)", async function () {
      const { vault, lending, ip, borrower, positionId } = await networkHelpers.loadFixture(deployPosition);
      const cap = 10n * WAD;
      const params = { ...MARKET, borrowCap: cap, oracle: await lending.appraisal.getAddress() };
      await (await vault.connect(lending.riskManager).updateMarketParams(ip.ipId, params)).wait();
      await expect(vault.connect(borrower).borrow(positionId, cap + 1n, await addr(borrower)))
        .to.be.revertedWithCustomError(vault, "BorrowCapExceeded")
        .withArgs(ip.ipId, cap + 1n, cap);
      await expect(vault.connect(borrower).borrow(positionId, cap, await addr(borrower)))
        .to.emit(vault, "Borrowed")
        .withArgs(positionId, await addr(borrower), cap, cap * VIRTUAL_SHARES);
      expect(await vault.totalDebt()).to.equal(cap);
    });

    it("rejects borrowing beyond idle liquidity (InsufficientLiquidity) and below the minimum debt", async function () {
      const { vault, borrower, positionId } = await networkHelpers.loadFixture(deployPosition);
      const b = await addr(borrower);
      await expect(vault.connect(borrower).borrow(positionId, 1_000n * WAD + 1n, b))
        .to.be.revertedWithCustomError(vault, "InsufficientLiquidity")
        .withArgs(1_000n * WAD + 1n, 1_000n * WAD);
      expect(await vault.minDebt()).to.equal(MIN_DEBT);
      await expect(vault.connect(borrower).borrow(positionId, MIN_DEBT - 1n, b))
        .to.be.revertedWithCustomError(vault, "DebtBelowMinimum")
        .withArgs(MIN_DEBT - 1n, MIN_DEBT);
      await expect(vault.connect(borrower).borrow(positionId, MIN_DEBT, b))
        .to.emit(vault, "Borrowed")
        .withArgs(positionId, b, MIN_DEBT, MIN_DEBT * VIRTUAL_SHARES);
      expect(await vault.debtOf(positionId)).to.equal(MIN_DEBT);
    });

    it("needs an appraisal no older than maxPriceAge (StalePrice)", async function () {
      const { vault, lending, ip, borrower, positionId } = await networkHelpers.loadFixture(deployPosition);
      const b = await addr(borrower);
      const { updatedAt } = await lending.appraisal.appraisalOf(ip.ipId);
      await time.setNextBlockTimestamp(updatedAt + DAY + 1n);
      await expect(vault.connect(borrower).borrow(positionId, WAD, b))
        .to.be.revertedWithCustomError(vault, "StalePrice")
        .withArgs(ip.ipId, updatedAt);
      expect(await vault.totalDebt()).to.equal(0n);
      // A new appraisal makes it usable again.
      await (
        await lending.appraisal.connect(lending.appraiser).postAppraisal(ip.ipId, valuePerRtUnit(IP_VALUE))
      ).wait();
      await expect(vault.connect(borrower).borrow(positionId, WAD, b))
        .to.emit(vault, "Borrowed")
        .withArgs(positionId, b, WAD, WAD * VIRTUAL_SHARES);
    });

    it("accepts an appraisal exactly maxPriceAge old", async function () {
      const { vault, lending, ip, borrower, positionId } = await networkHelpers.loadFixture(deployPosition);
      const { updatedAt } = await lending.appraisal.appraisalOf(ip.ipId);
      await time.setNextBlockTimestamp(updatedAt + DAY);
      await expect(vault.connect(borrower).borrow(positionId, WAD, await addr(borrower)))
        .to.emit(vault, "Borrowed")
        .withArgs(positionId, await addr(borrower), WAD, WAD * VIRTUAL_SHARES);
      expect(await vault.debtOf(positionId)).to.equal(WAD);
    });

    it("rejects borrowing on a frozen market (MarketIsFrozen) until it is unfrozen", async function () {
      const { vault, lending, ip, borrower, positionId } = await networkHelpers.loadFixture(deployPosition);
      const b = await addr(borrower);
      await expect(vault.connect(lending.appraiser).setMarketFrozen(ip.ipId, true))
        .to.emit(vault, "MarketFrozen")
        .withArgs(ip.ipId, true);
      expect((await vault.market(ip.ipId)).frozen).to.equal(true);
      await expect(vault.connect(borrower).borrow(positionId, WAD, b))
        .to.be.revertedWithCustomError(vault, "MarketIsFrozen")
        .withArgs(ip.ipId);
      await (await vault.connect(lending.appraiser).setMarketFrozen(ip.ipId, false)).wait();
      await expect(vault.connect(borrower).borrow(positionId, WAD, b)).to.emit(vault, "Borrowed");
      expect(await vault.debtOf(positionId)).to.equal(WAD);
    });

    it("rejects borrowing against an IP tagged by a positive dispute judgement (IpDisputed)", async function () {
      const { vault, story, ip, borrower, disputer, positionId } = await networkHelpers.loadFixture(deployPosition);
      const b = await addr(borrower);
      const disputeId = await raiseDispute(story, disputer, ip.ipId);
      // A raised dispute alone does not tag the IP.
      expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(false);
      await judgeDispute(story, disputeId, true);
      expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(true);
      await expect(vault.connect(borrower).borrow(positionId, WAD, b))
        .to.be.revertedWithCustomError(vault, "IpDisputed")
        .withArgs(ip.ipId);
      expect(await vault.totalDebt()).to.equal(0n);
      expect(await vault.healthFactor(positionId)).to.equal(ethers.MaxUint256);
    });

    it("rejects non-owners, unknown positions, zero amounts and a zero receiver", async function () {
      const { vault, borrower, stranger, positionId } = await networkHelpers.loadFixture(deployPosition);
      const b = await addr(borrower);
      await expect(vault.connect(stranger).borrow(positionId, WAD, await addr(stranger)))
        .to.be.revertedWithCustomError(vault, "NotPositionOwner")
        .withArgs(positionId, await addr(stranger));
      await expect(vault.connect(borrower).borrow(99n, WAD, b))
        .to.be.revertedWithCustomError(vault, "UnknownPosition")
        .withArgs(99n);
      await expect(vault.connect(borrower).borrow(positionId, 0n, b)).to.be.revertedWithCustomError(
        vault,
        "ZeroAmount",
      );
      await expect(vault.connect(borrower).borrow(positionId, WAD, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        vault,
        "ZeroAddress",
      );
      expect(await vault.totalDebt()).to.equal(0n);
      expect((await vault.position(positionId)).borrowShares).to.equal(0n);
    });
  });

  describe("positions without collateral value on an undisputed IP", function () {
    // Zero value is a dispute only when Story tags the IP; an empty position simply lacks collateral.
    it("borrowing on a position without collateral reverts InsufficientCollateral(assets, 0)", async function () {
      const { vault, story, ip, stranger } = await networkHelpers.loadFixture(deployMarket);
      await (await vault.connect(stranger).openPosition(ip.ipId)).wait();
      expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(false);
      await expect(vault.connect(stranger).borrow(1n, WAD, await addr(stranger)))
        .to.be.revertedWithCustomError(vault, "InsufficientCollateral")
        .withArgs(WAD, 0n);
    });

    it("withdrawing all collateral of an indebted position reverts InsufficientCollateral(debt, 0)", async function () {
      const f = await networkHelpers.loadFixture(deployLoan);
      const { vault, borrower, positionId } = f;
      const { debt } = await debtAtNext(f, positionId);
      await expect(vault.connect(borrower).withdrawCollateral(positionId, RT_SUPPLY, await addr(borrower)))
        .to.be.revertedWithCustomError(vault, "InsufficientCollateral")
        .withArgs(debt, 0n);
    });
  });

  describe("repay", function () {
    it("anyone repays part of the debt; shares burnt are rounded down", async function () {
      const f = await networkHelpers.loadFixture(deployLoan);
      const { vault, wip, payer, positionId } = f;
      await fund(f, payer, 20n * WAD);
      const { accrued, debt } = await debtAtNext(f, positionId, 30n * DAY);
      const assets = 20n * WAD;
      const shares = borrowSharesFor(assets, accrued, false);
      const tx = vault.connect(payer).repay(positionId, assets);
      await expect(tx)
        .to.emit(vault, "Repaid")
        .withArgs(positionId, await addr(payer), assets, shares);
      await expect(tx).to.changeTokenBalances(ethers, wip, [payer, vault], [-assets, assets]);
      const p = await vault.position(positionId);
      expect(p.borrowShares).to.equal(50n * WAD * VIRTUAL_SHARES - shares);
      const after = { borrowAssets: accrued.borrowAssets - assets, borrowShares: accrued.borrowShares - shares };
      expect(await vault.debtOf(positionId)).to.equal(debtOfShares(p.borrowShares, after));
      expect(await vault.debtOf(positionId)).to.be.within(debt - assets, debt - assets + 1n);
      expect(p.maturity).to.not.equal(0n);
    });

    it("more than the debt repays exactly the debt and clears the position", async function () {
      const f = await networkHelpers.loadFixture(deployLoan);
      const { vault, wip, payer, positionId, ip } = f;
      await fund(f, payer, 100n * WAD);
      const { debt } = await debtAtNext(f, positionId, 60n * DAY);
      expect(debt).to.be.greaterThan(50n * WAD);
      const tx = vault.connect(payer).repay(positionId, 100n * WAD);
      await expect(tx)
        .to.emit(vault, "Repaid")
        .withArgs(positionId, await addr(payer), debt, 50n * WAD * VIRTUAL_SHARES);
      await expect(tx).to.changeTokenBalances(ethers, wip, [payer, vault], [-debt, debt]);
      const p = await vault.position(positionId);
      expect(p.borrowShares).to.equal(0n);
      expect(p.maturity).to.equal(0n);
      expect(await vault.debtOf(positionId)).to.equal(0n);
      expect(await vault.totalDebt()).to.equal(0n);
      expect(await vault.totalBorrowShares()).to.equal(0n);
      expect((await vault.market(ip.ipId)).borrowShares).to.equal(0n);
      expect(await vault.idleLiquidity()).to.equal(await vault.totalAssets());
    });

    it("rejects a repayment leaving less than the minimum debt, zero amounts, unknown and debt-free positions", async function () {
      const f = await networkHelpers.loadFixture(deployLoan);
      const { vault, payer, positionId, ip } = f;
      await fund(f, payer, 100n * WAD);
      const { debt } = await debtAtNext(f, positionId, 10n);
      const leave = MIN_DEBT - 1n;
      await expect(vault.connect(payer).repay(positionId, debt - leave))
        .to.be.revertedWithCustomError(vault, "DebtBelowMinimum")
        .withArgs(leave, MIN_DEBT);
      await expect(vault.connect(payer).repay(positionId, 0n)).to.be.revertedWithCustomError(vault, "ZeroAmount");
      await expect(vault.connect(payer).repay(5n, WAD))
        .to.be.revertedWithCustomError(vault, "UnknownPosition")
        .withArgs(5n);
      await (await vault.connect(payer).openPosition(ip.ipId)).wait();
      await expect(vault.connect(payer).repay(2n, WAD)).to.be.revertedWithCustomError(vault, "NoDebt").withArgs(2n);
      expect((await vault.position(positionId)).borrowShares).to.equal(50n * WAD * VIRTUAL_SHARES);
    });
  });

  describe("revenue credits and close", function () {
    it("revenue beyond the debt is credited and withdrawn with withdrawCredit", async function () {
      const f = await networkHelpers.loadFixture(deployPosition);
      const { vault, story, wip, ip, borrower, payer, receiver, stranger, positionId } = f;
      const revenue = 10n * WAD;
      await payRoyaltyInWip(story, payer, ip.ipId, revenue);
      const perRt = (revenue * 10n ** 36n) / RT_SUPPLY;
      await expect(vault.harvest(ip.ipId))
        .to.emit(vault, "RevenueHarvested")
        .withArgs(ip.ipId, story.addresses.WIP, revenue, perRt);
      expect(await vault.creditOf(positionId, story.addresses.WIP)).to.equal(revenue);
      await expect(vault.connect(stranger).withdrawCredit(positionId, story.addresses.WIP, await addr(stranger)))
        .to.be.revertedWithCustomError(vault, "NotPositionOwner")
        .withArgs(positionId, await addr(stranger));
      await expect(
        vault.connect(borrower).withdrawCredit(positionId, story.addresses.WIP, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(vault, "ZeroAddress");
      const tx = vault.connect(borrower).withdrawCredit(positionId, story.addresses.WIP, await addr(receiver));
      await expect(tx)
        .to.emit(vault, "RevenueApplied")
        .withArgs(positionId, story.addresses.WIP, 0n, revenue)
        .and.to.emit(vault, "CreditWithdrawn")
        .withArgs(positionId, story.addresses.WIP, await addr(receiver), revenue);
      await expect(tx).to.changeTokenBalances(ethers, wip, [vault, receiver], [-revenue, revenue]);
      expect(await vault.creditOf(positionId, story.addresses.WIP)).to.equal(0n);
      await expect(
        vault.connect(borrower).withdrawCredit(positionId, story.addresses.WIP, await addr(receiver)),
      ).to.be.revertedWithCustomError(vault, "ZeroAmount");
    });

    it("loan-asset revenue repays the debt first; the rest is credit", async function () {
      const f = await networkHelpers.loadFixture(deployPosition);
      const { vault, story, wip, ip, borrower, payer, positionId } = f;
      await (await vault.connect(borrower).borrow(positionId, 4n * WAD, await addr(borrower))).wait();
      await payRoyaltyInWip(story, payer, ip.ipId, 10n * WAD);
      await (await vault.harvest(ip.ipId)).wait();
      const { debt } = await debtAtNext(f, positionId, 5n);
      const tx = vault.connect(borrower).withdrawCredit(positionId, story.addresses.WIP, await addr(borrower));
      await expect(tx)
        .to.emit(vault, "RevenueApplied")
        .withArgs(positionId, story.addresses.WIP, debt, 10n * WAD - debt);
      await expect(tx).to.changeTokenBalances(ethers, wip, [borrower], [10n * WAD - debt]);
      expect(await vault.debtOf(positionId)).to.equal(0n);
      expect((await vault.position(positionId)).maturity).to.equal(0n);
    });

    it("close returns the RT and every credit, harvesting first, and deletes the position", async function () {
      const f = await networkHelpers.loadFixture(deployPosition);
      const { vault, story, wip, ip, borrower, payer, receiver, positionId } = f;
      await payRoyaltyInWip(story, payer, ip.ipId, 3n * WAD);
      const tx = vault.connect(borrower).close(positionId, await addr(receiver));
      await expect(tx)
        .to.emit(vault, "RevenueHarvested")
        .withArgs(ip.ipId, story.addresses.WIP, 3n * WAD, (3n * WAD * 10n ** 36n) / RT_SUPPLY)
        .and.to.emit(vault, "PositionClosed")
        .withArgs(positionId, await addr(receiver))
        .and.to.emit(vault, "CollateralWithdrawn")
        .withArgs(positionId, await addr(receiver), RT_SUPPLY)
        .and.to.emit(vault, "CreditWithdrawn")
        .withArgs(positionId, story.addresses.WIP, await addr(receiver), 3n * WAD);
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [vault, receiver], [-RT_SUPPLY, RT_SUPPLY]);
      await expect(tx).to.changeTokenBalances(ethers, wip, [receiver], [3n * WAD]);
      const p = await vault.position(positionId);
      expect(p.owner).to.equal(ethers.ZeroAddress);
      expect(p.collateral).to.equal(0n);
      expect((await vault.market(ip.ipId)).totalCollateral).to.equal(0n);
      await expect(vault.connect(borrower).close(positionId, await addr(borrower)))
        .to.be.revertedWithCustomError(vault, "UnknownPosition")
        .withArgs(positionId);
    });

    it("close refuses a position with debt (DebtOutstanding), a non-owner and a zero receiver", async function () {
      const f = await networkHelpers.loadFixture(deployLoan);
      const { vault, borrower, stranger, positionId } = f;
      await expect(vault.connect(borrower).close(positionId, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        vault,
        "ZeroAddress",
      );
      await expect(vault.connect(stranger).close(positionId, await addr(stranger)))
        .to.be.revertedWithCustomError(vault, "NotPositionOwner")
        .withArgs(positionId, await addr(stranger));
      const { debt } = await debtAtNext(f, positionId, 100n);
      await expect(vault.connect(borrower).close(positionId, await addr(borrower)))
        .to.be.revertedWithCustomError(vault, "DebtOutstanding")
        .withArgs(debt);
      expect((await vault.position(positionId)).collateral).to.equal(RT_SUPPLY);
    });
  });

  describe("several positions on the same IP", function () {
    it("keep separate collateral and debt, sum into the market, and share revenue pro rata", async function () {
      const f = await networkHelpers.loadFixture(deployTwoPositions);
      const { vault, story, ip, borrower, payer, first, second } = f;
      expect([first, second]).to.deep.equal([1n, 2n]);
      const p1 = await vault.position(first);
      const p2 = await vault.position(second);
      expect(p1.owner).to.equal(await addr(borrower));
      expect(p2.owner).to.equal(await addr(borrower));
      expect(p1.collateral).to.equal((RT_SUPPLY * 60n) / 100n);
      expect(p2.collateral).to.equal((RT_SUPPLY * 40n) / 100n);
      const m = await vault.market(ip.ipId);
      expect(m.totalCollateral).to.equal(RT_SUPPLY);
      expect(m.borrowShares).to.equal(p1.borrowShares + p2.borrowShares);
      expect(await vault.totalBorrowShares()).to.equal(m.borrowShares);

      await payRoyaltyInWip(story, payer, ip.ipId, 10n * WAD);
      await (await vault.harvest(ip.ipId)).wait();
      const { debt: debt1 } = await debtAtNext(f, first, 3n);
      await expect(vault.settle(first))
        .to.emit(vault, "RevenueApplied")
        .withArgs(first, story.addresses.WIP, 6n * WAD, 0n);
      const state = await readState(vault);
      expect(await vault.debtOf(first)).to.equal(debtOfShares((await vault.position(first)).borrowShares, state));
      expect(await vault.debtOf(first)).to.be.within(debt1 - 6n * WAD, debt1 - 6n * WAD + 1n);
      // The second position's share (40%) is still pending and already counted by debtOf.
      const debt2 = debtOfShares((await vault.position(second)).borrowShares, state);
      expect(await vault.debtOf(second)).to.equal(debt2 - 4n * WAD);
      await expect(vault.settle(second))
        .to.emit(vault, "RevenueApplied")
        .withArgs(second, story.addresses.WIP, 4n * WAD, 0n);
    });

    it("the borrow cap counts the debt of every position of the IP", async function () {
      const f = await networkHelpers.loadFixture(deployTwoPositions);
      const { vault, lending, ip, borrower, second } = f;
      const cap = 55n * WAD;
      const params = { ...MARKET, borrowCap: cap, oracle: await lending.appraisal.getAddress() };
      await (await vault.connect(lending.riskManager).updateMarketParams(ip.ipId, params)).wait();
      const state = await readState(vault);
      const t = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      const accrued = accrueAt(state, t);
      const assets = 6n * WAD;
      const shares = borrowSharesFor(assets, accrued, true);
      const marketShares = (await vault.market(ip.ipId)).borrowShares + shares;
      const totals = { borrowAssets: accrued.borrowAssets + assets, borrowShares: accrued.borrowShares + shares };
      const marketDebt = debtOfShares(marketShares, totals);
      expect(marketDebt).to.be.greaterThan(cap);
      await expect(vault.connect(borrower).borrow(second, assets, await addr(borrower)))
        .to.be.revertedWithCustomError(vault, "BorrowCapExceeded")
        .withArgs(ip.ipId, marketDebt, cap);
      await expect(vault.connect(borrower).borrow(second, 4n * WAD, await addr(borrower))).to.emit(vault, "Borrowed");
    });
  });
});
