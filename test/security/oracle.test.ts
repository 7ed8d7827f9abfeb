/**
 * Attack family: valuation manipulation. A borrower (or a compromised appraiser) tries to borrow against a price
 * that jumped beyond the oracle's per-update bound, or that a burst of bounded updates inflated (rises are limited
 * by time), against a stale price, or against a revenue-based valuation it inflated by paying royalties to its own
 * IP.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { createIpWithVault, payRoyaltyInWip, RT_SUPPLY } from "../fixtures/story.ts";
import {
  APPRAISAL_BOUNDS,
  DAY,
  MARKET,
  YEAR,
  openPositionFromIpAccount,
  valuePerRtUnit,
  WAD,
} from "../fixtures/lending.ts";
import { balances, buildLendingWorld } from "./helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const APPRAISAL = 200n * WAD;
const PERIOD = APPRAISAL_BOUNDS.increasePeriod;
const world = () => buildLendingWorld(connection);

/** `valueOf` is shadowed by Object.prototype.valueOf on ethers contracts: call it by name. */
type ValueOracle = { getFunction(name: string): { staticCall(...args: unknown[]): Promise<unknown> } };
const valueOf = async (oracle: ValueOracle, ipId: string) =>
  (await oracle.getFunction("valueOf").staticCall(ipId)) as [bigint, bigint];

/**
 * The lending world plus an attacker-owned IP listed with a RevenueMultipleOracle (revenue harvested by the vault
 * over 30 days × 2, capped by a 200 WIP appraisal), its RT all pledged, two days after listing.
 */
async function revenueWorld() {
  const w = await buildLendingWorld(connection);
  const { lending, story, attacker } = w;
  const ip = await createIpWithVault(story, attacker);
  await (await lending.appraisal.connect(lending.appraiser).postAppraisal(ip.ipId, valuePerRtUnit(APPRAISAL))).wait();
  const config = { window: 30n * DAY, minHistory: DAY, multiple: 2n * WAD };
  const oracle = await ethers.deployContract("RevenueMultipleOracle", [
    await lending.manager.getAddress(),
    await lending.vault.getAddress(),
    await lending.appraisal.getAddress(),
    story.addresses.WIP,
    config,
  ]);
  const params = { ...MARKET, maxPriceAge: 7n * DAY, oracle: await oracle.getAddress() };
  await (await lending.vault.connect(lending.riskManager).listMarket(ip.ipId, params)).wait();
  const positionId = await openPositionFromIpAccount(lending, ip, RT_SUPPLY);
  await time.increase(2n * DAY);
  return { ...w, ip, oracle, positionId };
}

describe(`security — oracle manipulation (${connection.networkName})`, function () {
  it("oracle jump: the appraiser posts 10× the value in one update to lift the credit line — fails", async function () {
    const { lending, vault, wip, ip, positionId, borrower } = await networkHelpers.loadFixture(world);
    const anchor = valuePerRtUnit(APPRAISAL);
    const [min, max] = [anchor - anchor / 5n, anchor + anchor / 5n];
    // A whole increase period after the listing appraisal: the widest band the oracle ever allows (and the price is
    // exactly maxPriceAge old, still fresh).
    const { anchoredAt } = await lending.appraisal.appraisalOf(ip.ipId);
    await time.setNextBlockTimestamp(anchoredAt + PERIOD);
    await expect(lending.appraisal.connect(lending.appraiser).postAppraisal(ip.ipId, anchor * 10n))
      .to.be.revertedWithCustomError(lending.appraisal, "AppraisalChangeTooLarge")
      .withArgs(ip.ipId, anchor * 10n, min, max);
    expect((await lending.appraisal.appraisalOf(ip.ipId)).value).to.equal(anchor);

    // The credit line stays at 50% of 200 WIP: 50 WIP more than the 50 WIP already owed is refused.
    const [borrowerBefore] = await balances(wip, [borrower]);
    const debt = await vault.debtOf(positionId);
    const maxDebt = (((RT_SUPPLY * anchor) / WAD) * MARKET.maxLtv) / WAD;
    await expect(vault.connect(borrower).borrow(positionId, maxDebt - debt + 1n, borrower))
      .to.be.revertedWithCustomError(vault, "InsufficientCollateral")
      .withArgs((total: bigint) => total > maxDebt, maxDebt);
    expect(await wip.balanceOf(borrower)).to.equal(borrowerBefore);
  });

  it("oracle jump: posting zero first to reset the bound, then 10× — fails (the anchor survives a zero)", async function () {
    const { lending, ip } = await networkHelpers.loadFixture(world);
    const anchor = valuePerRtUnit(APPRAISAL);
    const { anchoredAt } = await lending.appraisal.appraisalOf(ip.ipId);
    await time.setNextBlockTimestamp(anchoredAt + PERIOD);
    await expect(lending.appraisal.connect(lending.appraiser).postAppraisal(ip.ipId, 0n))
      .to.emit(lending.appraisal, "AppraisalPosted")
      .withArgs(ip.ipId, 0n, anchor);
    await expect(lending.appraisal.connect(lending.appraiser).postAppraisal(ip.ipId, anchor * 10n))
      .to.be.revertedWithCustomError(lending.appraisal, "AppraisalChangeTooLarge")
      .withArgs(ip.ipId, anchor * 10n, anchor - anchor / 5n, anchor + anchor / 5n);
    const appraisal = await lending.appraisal.appraisalOf(ip.ipId);
    expect([appraisal.value, appraisal.anchor, appraisal.anchoredAt]).to.deep.equal([0n, anchor, anchoredAt]);
  });

  it("burst inflation: 13 consecutive +20% posts to inflate the appraisal 10× (1.2^13) and borrow against it — fails", async function () {
    const { lending, vault, wip, ip, positionId, borrower } = await networkHelpers.loadFixture(world);
    const { appraisal, appraiser } = lending;
    const anchor = valuePerRtUnit(APPRAISAL);
    // The compromised appraiser waits a whole increase period after the listing appraisal, for the widest band.
    const { anchoredAt } = await appraisal.appraisalOf(ip.ipId);
    const start = anchoredAt + PERIOD;
    await time.setNextBlockTimestamp(start);
    const first = (anchor * 6n) / 5n;
    await expect(appraisal.connect(appraiser).postAppraisal(ip.ipId, first))
      .to.emit(appraisal, "AppraisalPosted")
      .withArgs(ip.ipId, first, anchor);
    // The second +20%, one block later: the first restarted the clock, leaving one second's worth of room.
    await time.setNextBlockTimestamp(start + 1n);
    const second = (first * 6n) / 5n;
    const room = (first * APPRAISAL_BOUNDS.maxChange) / WAD / PERIOD;
    await expect(appraisal.connect(appraiser).postAppraisal(ip.ipId, second))
      .to.be.revertedWithCustomError(appraisal, "AppraisalChangeTooLarge")
      .withArgs(ip.ipId, second, first - first / 5n, first + room);
    // And so on for the other eleven: each is refused, in the same block or the next ones.
    let target = second;
    for (let post = 3; post <= 13; post++) {
      target = (target * 6n) / 5n;
      await expect(
        appraisal.connect(appraiser).postAppraisal(ip.ipId, target),
        `post ${post}`,
      ).to.be.revertedWithCustomError(appraisal, "AppraisalChangeTooLarge");
    }
    expect(target).to.be.greaterThan(anchor * 10n);
    const appraised = await appraisal.appraisalOf(ip.ipId);
    expect([appraised.value, appraised.anchor, appraised.anchoredAt]).to.deep.equal([first, first, start]);

    // The credit line is 50% of 1.2 × 200 WIP = 120 WIP, not 50% of 2,140 WIP: more than that is refused.
    const maxDebt = (((RT_SUPPLY * first) / WAD) * MARKET.maxLtv) / WAD;
    expect(maxDebt).to.equal(120n * WAD);
    const [borrowerBefore, vaultBefore] = await balances(wip, [borrower, vault]);
    const debt = await vault.debtOf(positionId);
    await expect(vault.connect(borrower).borrow(positionId, maxDebt - debt + 1n, borrower))
      .to.be.revertedWithCustomError(vault, "InsufficientCollateral")
      .withArgs((total: bigint) => total > maxDebt, maxDebt);
    expect(await balances(wip, [borrower, vault])).to.deep.equal([borrowerBefore, vaultBefore]);
  });

  it("slow inflation: doubling the appraisal by posting the top of the band takes at least ln 2 / 20% ≈ 3.47 increase periods, posted daily or hourly", async function () {
    const { lending, ip } = await networkHelpers.loadFixture(world);
    const { appraisal, appraiser } = lending;
    const anchor = valuePerRtUnit(APPRAISAL);
    const { anchoredAt } = await appraisal.appraisalOf(ip.ipId);
    const snapshot = await networkHelpers.takeSnapshot();
    const elapsedToDouble: bigint[] = [];
    for (const cadence of [PERIOD, PERIOD / 24n]) {
      await snapshot.restore();
      let [now, value, posts] = [anchoredAt, anchor, 0];
      while (value < 2n * anchor) {
        now += cadence;
        await time.setNextBlockTimestamp(now);
        // The top of the band, computed independently: the value plus 20% × cadence / period of it, rounded down.
        const top = value + (value * APPRAISAL_BOUNDS.maxChange * cadence) / (WAD * PERIOD);
        await expect(appraisal.connect(appraiser).postAppraisal(ip.ipId, top + 1n)).to.be.revertedWithCustomError(
          appraisal,
          "AppraisalChangeTooLarge",
        );
        await (await appraisal.connect(appraiser).postAppraisal(ip.ipId, top)).wait();
        [value, posts] = [top, posts + 1];
      }
      expect((await appraisal.appraisalOf(ip.ipId)).value).to.equal(value);
      elapsedToDouble.push(now - anchoredAt);
      if (cadence === PERIOD) expect(posts).to.equal(4); // 1.2³ = 1.728 < 2 ≤ 1.2⁴
    }
    // Daily: four whole periods. Hourly (the room compounds): 84 hours, still above ln 2 / 0.2 = 3.4657 periods.
    expect(elapsedToDouble).to.deep.equal([4n * PERIOD, 84n * (PERIOD / 24n)]);
    for (const elapsed of elapsedToDouble) {
      expect(Number(elapsed) / Number(PERIOD)).to.be.at.least(Math.log(2) / 0.2);
    }
  });

  it("stale oracle: borrowing against a price older than maxPriceAge — fails", async function () {
    const { lending, vault, wip, ip, positionId, borrower } = await networkHelpers.loadFixture(world);
    const [, updatedAt] = await valueOf(lending.appraisal, ip.ipId);
    await time.increaseTo(updatedAt + MARKET.maxPriceAge + 1n);
    const [borrowerBefore, vaultBefore] = await balances(wip, [borrower, vault]);
    const debtBefore = await vault.debtOf(positionId);
    await expect(vault.connect(borrower).borrow(positionId, WAD, borrower))
      .to.be.revertedWithCustomError(vault, "StalePrice")
      .withArgs(ip.ipId, updatedAt);
    // Nor can collateral leave a position with debt on a stale price.
    await expect(vault.connect(borrower).withdrawCollateral(positionId, 1n, borrower))
      .to.be.revertedWithCustomError(vault, "StalePrice")
      .withArgs(ip.ipId, updatedAt);
    expect(await balances(wip, [borrower, vault])).to.deep.equal([borrowerBefore, vaultBefore]);
    expect((await vault.position(positionId)).collateral).to.equal(RT_SUPPLY);
    expect(await vault.debtOf(positionId)).to.equal(debtBefore);
  });

  it("stale oracle: liquidating a loan before its term at a stale price — fails", async function () {
    const { lending, vault, wip, ip, positionId, liquidator } = await networkHelpers.loadFixture(world);
    const [, updatedAt] = await valueOf(lending.appraisal, ip.ipId);
    await time.increaseTo(updatedAt + MARKET.maxPriceAge + 1n);
    await (await wip.connect(liquidator).deposit({ value: 100n * WAD })).wait();
    await (await wip.connect(liquidator).approve(await vault.getAddress(), 100n * WAD)).wait();
    await expect(vault.connect(liquidator).liquidate(positionId, 100n * WAD))
      .to.be.revertedWithCustomError(vault, "StalePrice")
      .withArgs(ip.ipId, updatedAt);
    expect(await wip.balanceOf(liquidator)).to.equal(100n * WAD);
    expect(await ip.vault.balanceOf(liquidator)).to.equal(0n);
    expect((await vault.position(positionId)).collateral).to.equal(RT_SUPPLY);
  });

  it("self-paid royalties: paying royalties to one's own IP to lift a revenue valuation above the appraisal — fails", async function () {
    const { story, vault, wip, ip, oracle, positionId, attacker } = await networkHelpers.loadFixture(revenueWorld);
    const cap = valuePerRtUnit(APPRAISAL);
    // Without revenue the IP is worth nothing: no loan at all.
    expect((await valueOf(oracle, ip.ipId))[0]).to.equal(0n);
    await expect(vault.connect(attacker).borrow(positionId, WAD, attacker)).to.be.revertedWithCustomError(
      vault,
      "StalePrice",
    );

    // The attacker pays 100 WIP of royalties to its own IP; the vault harvests them for its pledged RT.
    const selfPaid = 100n * WAD;
    await payRoyaltyInWip(story, attacker, ip.ipId, selfPaid);
    await (await vault.harvest(ip.ipId)).wait();
    const [revenuePerRt, since] = await vault.trailingRevenuePerRt(ip.ipId, story.addresses.WIP, 30n * DAY);
    expect(revenuePerRt).to.equal((selfPaid * WAD) / RT_SUPPLY);
    const period = BigInt(await time.latest()) - since;
    const uncapped = (((revenuePerRt * YEAR) / period) * 2n * WAD) / WAD;
    expect(uncapped).to.be.greaterThan(cap);
    // The valuation stops at the appraisal: the credit line is 50% of 200 WIP, whatever was paid in.
    expect((await valueOf(oracle, ip.ipId))[0]).to.equal(cap);
    const maxDebt = (((RT_SUPPLY * cap) / WAD) * MARKET.maxLtv) / WAD;
    const [attackerBefore, vaultBefore] = await balances(wip, [attacker, vault]);
    await expect(vault.connect(attacker).borrow(positionId, maxDebt + 1n, attacker))
      .to.be.revertedWithCustomError(vault, "InsufficientCollateral")
      .withArgs((debt: bigint) => debt > maxDebt, maxDebt);
    expect(await balances(wip, [attacker, vault])).to.deep.equal([attackerBefore, vaultBefore]);
    // The royalties came back to the attacker's own position as credit: it paid in what it gets out, no more.
    expect(await vault.creditOf(positionId, story.addresses.WIP)).to.equal(selfPaid);
  });
});
