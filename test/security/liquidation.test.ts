/**
 * Attack family: liquidation abuse. A liquidator tries to seize a healthy position, to liquidate the same position
 * twice in a row once the first liquidation restored it, or to leave a shortfall unrealized so that lenders who know
 * exit before the loss is booked.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { MaxUint256 } from "ethers";
import { judgeDispute, raiseDispute, RT_SUPPLY } from "../fixtures/story.ts";
import { MARKET, valuePerRtUnit, WAD } from "../fixtures/lending.ts";
import { accrueAt, debtOfShares, readState } from "../lending/RoyaltyLendingVault.helpers.ts";
import { balances, buildLendingWorld, wrapAndApprove, type LendingWorld } from "./helpers.ts";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;

const mulWad = (x: bigint, y: bigint) => (x * y) / WAD;
const divWad = (x: bigint, y: bigint) => (x * WAD) / y;
const BONUS = WAD + MARKET.liquidationBonus;

/** The lending world with a 100 WIP loan (the 50% max LTV of 200 WIP) and a liquidator holding 200 WIP. */
async function fullLoan() {
  const w = await buildLendingWorld(connection, { borrow: 100n * WAD });
  await wrapAndApprove(w.story, w.liquidator, w.vault, 200n * WAD);
  return w;
}

/** `fullLoan` after the appraisal fell from 200 to 150 WIP in two bounded steps: health ≈ 0.975. */
async function mildlyUnhealthy() {
  const w = await fullLoan();
  const { appraisal, appraiser } = w.lending;
  await (await appraisal.connect(appraiser).postAppraisal(w.ip.ipId, valuePerRtUnit(160n * WAD))).wait();
  await (await appraisal.connect(appraiser).postAppraisal(w.ip.ipId, valuePerRtUnit(150n * WAD))).wait();
  return w;
}

/** `fullLoan` with the IP tagged by an upheld dispute: the collateral is worth zero. */
async function disputedLoan() {
  const w = await fullLoan();
  const disputeId = await raiseDispute(w.story, w.victim, w.ip.ipId);
  await judgeDispute(w.story, disputeId, true);
  return w;
}

/** Fixes the next block's time and returns the position's debt and the vault totals at that time. */
async function debtAtNextBlock(w: LendingWorld) {
  const t = BigInt(await time.latest()) + 10n;
  await time.setNextBlockTimestamp(t);
  const accrued = accrueAt(await readState(w.vault), t);
  const position = await w.vault.position(w.positionId);
  return { debt: debtOfShares(position.borrowShares, accrued), accrued, position };
}

describe(`security — liquidation (${connection.networkName})`, function () {
  it("healthy liquidation: seizing RT of a position above the liquidation threshold — fails", async function () {
    const w = await networkHelpers.loadFixture(fullLoan);
    const { vault, wip, ip, positionId, liquidator, borrower } = w;
    const [liquidatorBefore, vaultBefore] = await balances(wip, [liquidator, vault]);
    const { debt, position } = await debtAtNextBlock(w);
    const value = mulWad(position.collateral, valuePerRtUnit(200n * WAD));
    const health = divWad(mulWad(value, MARKET.liquidationThreshold), debt);
    expect(health).to.be.greaterThan(WAD);
    await expect(vault.connect(liquidator).liquidate(positionId, MaxUint256))
      .to.be.revertedWithCustomError(vault, "PositionHealthy")
      .withArgs(positionId, health);
    expect(await balances(wip, [liquidator, vault])).to.deep.equal([liquidatorBefore, vaultBefore]);
    expect(await balances(ip.vault, [liquidator, vault, borrower])).to.deep.equal([0n, RT_SUPPLY, 0n]);
  });

  it("repeated liquidation: liquidating again once the first liquidation restored the position — fails", async function () {
    const w = await networkHelpers.loadFixture(mildlyUnhealthy);
    const { vault, wip, ip, positionId, liquidator } = w;
    const price = valuePerRtUnit(150n * WAD);
    const { debt, position } = await debtAtNextBlock(w);
    const value = mulWad(position.collateral, price);
    const health = divWad(mulWad(value, MARKET.liquidationThreshold), debt);
    expect(health).to.be.lessThan(WAD);
    expect(health).to.be.at.least((95n * WAD) / 100n);
    // Mildly unhealthy: the close factor caps the first liquidation at half the debt.
    const repaid = mulWad(debt, WAD / 2n);
    const seized = (mulWad(repaid, BONUS) * position.collateral) / value;
    const [liquidatorBefore] = await balances(wip, [liquidator]);
    await expect(vault.connect(liquidator).liquidate(positionId, MaxUint256))
      .to.emit(vault, "Liquidated")
      .withArgs(positionId, liquidator, repaid, seized);
    expect(await wip.balanceOf(liquidator)).to.equal(liquidatorBefore - repaid);
    expect(await ip.vault.balanceOf(liquidator)).to.equal(seized);

    // The second bite finds the position healthy again.
    const second = await debtAtNextBlock(w);
    const valueLeft = mulWad(second.position.collateral, price);
    const healthAfter = divWad(mulWad(valueLeft, MARKET.liquidationThreshold), second.debt);
    expect(healthAfter).to.be.greaterThan(WAD);
    await expect(vault.connect(liquidator).liquidate(positionId, MaxUint256))
      .to.be.revertedWithCustomError(vault, "PositionHealthy")
      .withArgs(positionId, healthAfter);
    expect(await wip.balanceOf(liquidator)).to.equal(liquidatorBefore - repaid);
    expect(await ip.vault.balanceOf(liquidator)).to.equal(seized);
    expect((await vault.position(positionId)).collateral).to.equal(RT_SUPPLY - seized);
  });

  it("bad debt: a liquidation that exhausts the collateral realizes the shortfall in the same transaction", async function () {
    const w = await networkHelpers.loadFixture(disputedLoan);
    const { vault, ip, positionId, liquidator } = w;
    const { debt, accrued } = await debtAtNextBlock(w);
    // Worth zero: the liquidator gets all the RT for debt / (1 + bonus), rounded up; the rest is bad debt.
    const repaid = (debt * WAD + BONUS - 1n) / BONUS;
    const badDebt = debt - repaid;
    const tx = vault.connect(liquidator).liquidate(positionId, MaxUint256);
    await expect(tx).to.emit(vault, "Liquidated").withArgs(positionId, liquidator, repaid, RT_SUPPLY);
    await expect(tx).to.emit(vault, "BadDebtRealized").withArgs(positionId, badDebt, 0n);
    const position = await vault.position(positionId);
    expect([position.collateral, position.borrowShares]).to.deep.equal([0n, 0n]);
    expect(await ip.vault.balanceOf(liquidator)).to.equal(RT_SUPPLY);
    // Lenders' assets are written down in the same transaction, by exactly the shortfall.
    expect(await vault.totalSupplyAssets()).to.equal(accrued.supplyAssets - badDebt);
    expect(await vault.totalBorrowAssets()).to.equal(accrued.borrowAssets - debt);
    expect((await vault.uncoveredBadDebt(positionId))[0]).to.equal(badDebt);
  });

  it("bad debt left unrealized: seizing all but one RT unit of a disputed IP so the shortfall is never booked — fails", async function () {
    const w = await networkHelpers.loadFixture(disputedLoan);
    const { vault, wip, positionId, liquidator } = w;
    const { debt } = await debtAtNextBlock(w);
    // Pro rata × (1 + bonus) for a worthless IP: this repayment seizes RT_SUPPLY − 1 units.
    const target = ((RT_SUPPLY - 1n) * debt + RT_SUPPLY - 1n) / RT_SUPPLY;
    const repay = (target * WAD + BONUS - 1n) / BONUS;
    const seized = (mulWad(repay, BONUS) * RT_SUPPLY) / debt;
    expect(seized).to.equal(RT_SUPPLY - 1n);
    const [liquidatorBefore, vaultBefore] = await balances(wip, [liquidator, vault]);
    // Expected: refused, because the unit left is worth nothing and keeps debt - repay from ever being realized.
    await expect(vault.connect(liquidator).liquidate(positionId, repay)).to.be.revertedWithCustomError(
      vault,
      "LiquidationLeavesDust",
    );
    expect(await balances(wip, [liquidator, vault])).to.deep.equal([liquidatorBefore, vaultBefore]);
    expect((await vault.position(positionId)).collateral).to.equal(RT_SUPPLY);
  });
});
