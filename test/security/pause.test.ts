/**
 * Attack family: paused-state escapes. While a guardian has paused a contract, nobody may enter (deposit, borrow,
 * buy cover), and nobody may be trapped: lenders and underwriters leave, borrowers repay and take back collateral,
 * liquidations and claims go on. The seats have no pause at all (nothing to trap, nothing to escape).
 */
import { expect } from "chai";
import { network } from "hardhat";
import { MaxUint256 } from "ethers";
import { judgeDispute, raiseDispute } from "../fixtures/story.ts";
import { DAY, WAD } from "../fixtures/lending.ts";
import { buyInfringementCover, POOL_PARAMS } from "../fixtures/insurance.ts";
import { balances, buildLendingWorld, buildPoolWorld, wrapAndApprove } from "./helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function pausedVault() {
  const w = await buildLendingWorld(connection);
  await wrapAndApprove(w.story, w.attacker, w.vault, 100n * WAD);
  await wrapAndApprove(w.story, w.borrower, w.vault, 100n * WAD);
  await wrapAndApprove(w.story, w.liquidator, w.vault, 100n * WAD);
  await (await w.vault.connect(w.lending.guardian).pause()).wait();
  return w;
}

/** The pool with a cover sold, the attacker's withdrawal request matured, a dispute upheld, then paused. */
async function pausedPool() {
  const w = await buildPoolWorld(connection);
  const { coverId } = await buyInfringementCover(w.insurance, w.buyer, w.ip.ipId, 100n * WAD, 60n * DAY);
  await (await w.pool.connect(w.underwriter).requestWithdrawal(10n ** 24n)).wait();
  await networkHelpers.time.increase(DAY);
  const disputeId = await raiseDispute(w.story, w.buyer, w.ip.ipId);
  await judgeDispute(w.story, disputeId, true);
  await networkHelpers.time.increase(POOL_PARAMS.cooldown);
  await wrapAndApprove(w.story, w.attacker, w.pool, 100n * WAD);
  await (await w.pool.connect(w.insurance.guardian).pause()).wait();
  return { ...w, coverId, disputeId };
}

describe(`security — paused-state escapes (${connection.networkName})`, function () {
  it("pause escape (lending): depositing, opening, pledging or borrowing while paused — fails", async function () {
    const { vault, wip, ip, positionId, attacker, borrower } = await networkHelpers.loadFixture(pausedVault);
    const [attackerBefore, borrowerBefore, vaultBefore] = await balances(wip, [attacker, borrower, vault]);
    const blocked = [
      () => vault.connect(attacker).deposit(WAD, attacker),
      () => vault.connect(attacker).mint(10n ** 24n, attacker),
      () => vault.connect(attacker).openPosition(ip.ipId),
      () => vault.connect(borrower).addCollateral(positionId, 1n),
      () => vault.connect(borrower).borrow(positionId, WAD, borrower),
    ];
    for (const call of blocked) {
      await expect(call()).to.be.revertedWithCustomError(vault, "EnforcedPause");
    }
    expect(await balances(wip, [attacker, borrower, vault])).to.deep.equal([
      attackerBefore,
      borrowerBefore,
      vaultBefore,
    ]);
    expect(await vault.maxDeposit(attacker)).to.equal(0n);
  });

  it("pause trap (lending): a pause stops neither repayment, collateral release, lender exits nor liquidation", async function () {
    const { vault, wip, ip, positionId, borrower, lender } = await networkHelpers.loadFixture(pausedVault);
    const [borrowerBefore] = await balances(wip, [borrower]);
    await (await vault.connect(borrower).repay(positionId, MaxUint256)).wait();
    expect(await vault.debtOf(positionId)).to.equal(0n);
    await (await vault.connect(borrower).withdrawCollateral(positionId, 1n, borrower)).wait();
    expect(await ip.vault.balanceOf(borrower)).to.equal(1n);
    const [borrowerAfter] = await balances(wip, [borrower]);
    expect(borrowerAfter).to.be.lessThan(borrowerBefore - 50n * WAD + 1n);
    const max = await vault.maxWithdraw(lender);
    expect(max).to.be.greaterThan(0n);
    const [lenderBefore] = await balances(wip, [lender]);
    await (await vault.connect(lender).withdraw(max, lender, lender)).wait();
    expect(await wip.balanceOf(lender)).to.equal(lenderBefore + max);
  });

  it("pause trap (lending): an unhealthy position cannot shelter behind a pause from liquidation", async function () {
    const w = await networkHelpers.loadFixture(pausedVault);
    const { vault, ip, positionId, liquidator } = w;
    const disputeId = await raiseDispute(w.story, w.victim, ip.ipId);
    await judgeDispute(w.story, disputeId, true);
    await expect(vault.connect(liquidator).liquidate(positionId, MaxUint256)).to.emit(vault, "Liquidated");
    expect(await ip.vault.balanceOf(liquidator)).to.be.greaterThan(0n);
  });

  it("pause escape (pool): depositing or buying cover while paused — fails", async function () {
    const { insurance, pool, wip, ip, attacker } = await networkHelpers.loadFixture(pausedPool);
    const [attackerBefore, poolBefore] = await balances(wip, [attacker, pool]);
    const product = await insurance.infringement.getAddress();
    const request = {
      product,
      subject: ip.ipId,
      ipId: ip.ipId,
      amount: 10n * WAD,
      duration: 60n * DAY,
      maxPremium: 10n * WAD,
      recipient: await attacker.getAddress(),
    };
    for (const call of [
      () => pool.connect(attacker).deposit(WAD, attacker),
      () => pool.connect(attacker).mint(10n ** 24n, attacker),
      () => pool.connect(attacker).buyCover(request),
      () => pool.quote(product, ip.ipId, ip.ipId, 10n * WAD, 60n * DAY),
    ]) {
      await expect(call()).to.be.revertedWithCustomError(pool, "EnforcedPause");
    }
    expect(await balances(wip, [attacker, pool])).to.deep.equal([attackerBefore, poolBefore]);
    expect(await pool.maxDeposit(attacker)).to.equal(0n);
  });

  it("pause trap (pool): a pause stops neither withdrawals, requests nor a valid claim", async function () {
    const { insurance, pool, wip, underwriter, buyer, coverId, disputeId } =
      await networkHelpers.loadFixture(pausedPool);
    const [buyerBefore, underwriterBefore] = await balances(wip, [buyer, underwriter]);
    await (await insurance.infringement.claim(coverId, disputeId)).wait();
    expect(await wip.balanceOf(buyer)).to.equal(buyerBefore + 100n * WAD);
    const quoted = await pool.previewRedeem(10n ** 24n);
    const receipt = await (await pool.connect(underwriter).redeem(10n ** 24n, underwriter, underwriter)).wait();
    const event = receipt!.logs.map((l) => pool.interface.parseLog(l)).find((l) => l?.name === "Withdraw");
    const assets: bigint = event!.args.assets;
    // Premium keeps streaming while paused: the redemption pays at least the quote of the block before.
    expect(assets).to.be.at.least(quoted);
    expect(await wip.balanceOf(underwriter)).to.equal(underwriterBefore + assets);
    await expect(pool.connect(underwriter).requestWithdrawal(10n ** 24n)).to.emit(pool, "WithdrawalRequested");
  });

  it("pause (seats): CollaborationSeats and SeatMarket have no pause to trap holders or to escape", async function () {
    const seats = await ethers.getContractFactory("CollaborationSeats");
    const market = await ethers.getContractFactory("SeatMarket");
    for (const factory of [seats, market]) {
      expect(factory.interface.getFunction("pause")).to.equal(null);
      expect(factory.interface.getFunction("paused")).to.equal(null);
    }
  });
});
