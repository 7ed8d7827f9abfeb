/**
 * Attack family: timing the underwriting pool. An attacker deposits just before a premium arrives (to take it and
 * leave), deposits while a claim is pending (to capture the reserve when the claim fails), or leaves just before a
 * claim is paid (so that the remaining underwriters pay it all).
 */
import { expect } from "chai";
import { network } from "hardhat";
import { judgeDispute, raiseDispute } from "../fixtures/story.ts";
import { buyInfringementCover, depositToPool, POOL_PARAMS, WAD, DAY } from "../fixtures/insurance.ts";
import { toAssets } from "../insurance/UnderwritingPool.helpers.ts";
import { balances, buildPoolWorld } from "./helpers.ts";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;

const STAKE = 1_000n * WAD;
const COVER = 500n * WAD;

const poolWorld = () => buildPoolWorld(connection);

/** The pool world plus a 500 WIP, one-year infringement cover on the IP. */
async function coveredWorld() {
  const w = await buildPoolWorld(connection);
  return withCover(w);
}

/** The pool world where the attacker underwrote 1,000 WIP alongside the honest underwriter, then the cover sold. */
async function coveredWithAttacker() {
  const w = await buildPoolWorld(connection);
  await depositToPool(w.insurance, w.attacker, STAKE);
  return withCover(w);
}

async function withCover(w: Awaited<ReturnType<typeof buildPoolWorld>>) {
  const { coverId, premium } = await buyInfringementCover(w.insurance, w.buyer, w.ip.ipId, COVER, 365n * DAY);
  return { ...w, coverId, premium };
}

/** Requests all of `who`'s shares, waits the cooldown, redeems them; returns the assets received. */
async function leave(w: Awaited<ReturnType<typeof coveredWorld>>, who: typeof w.attacker) {
  const shares = await w.pool.balanceOf(who);
  await (await w.pool.connect(who).requestWithdrawal(shares)).wait();
  await time.increase(POOL_PARAMS.cooldown);
  const [before] = await balances(w.wip, [who]);
  await (await w.pool.connect(who).redeem(shares, who, who)).wait();
  const [after] = await balances(w.wip, [who]);
  return after - before;
}

describe(`security — underwriting pool timing (${connection.networkName})`, function () {
  it("flash deposit: deposit just before a premium, take it and leave at once — fails", async function () {
    const w = await networkHelpers.loadFixture(poolWorld);
    const { insurance, pool, ip, attacker, buyer } = w;
    const shares = await depositToPool(insurance, attacker, STAKE);
    const { premium } = await buyInfringementCover(insurance, buyer, ip.ipId, COVER, 365n * DAY);
    expect(premium).to.be.greaterThan(0n);
    // Leaving takes a request and a cooldown: nothing can leave in the purchase's block or the next.
    await (await pool.connect(attacker).requestWithdrawal(shares)).wait();
    const [, unlocksAt] = await pool.withdrawalRequest(attacker);
    await expect(pool.connect(attacker).redeem(shares, attacker, attacker))
      .to.be.revertedWithCustomError(pool, "CooldownNotOver")
      .withArgs(unlocksAt);
    expect(await pool.balanceOf(pool)).to.equal(shares);
  });

  it("flash deposit: a depositor just before a premium earns only its time share of it", async function () {
    const w = await networkHelpers.loadFixture(poolWorld);
    const { insurance, pool, ip, attacker, buyer, underwriter } = w;
    await depositToPool(insurance, attacker, STAKE);
    const { premium } = await buyInfringementCover(insurance, buyer, ip.ipId, COVER, 365n * DAY);
    const net = premium - (premium * POOL_PARAMS.protocolFee) / WAD;
    const received = await leave({ ...w, coverId: 0n, premium }, attacker);
    // Half the capital for about 7 of the stream's ~371 days: far less than half the premium.
    const gain = received - STAKE;
    expect(gain).to.be.greaterThan(0n);
    expect(gain).to.be.lessThan((net * 8n) / 365n / 2n);
    // The honest underwriter, who stays, keeps the rest of the stream.
    const honestShares = await pool.balanceOf(underwriter);
    await time.increase(370n * DAY);
    await (await pool.accrue()).wait();
    const honestValue = await pool.convertToAssets(honestShares);
    // Every premium is earned once its stream ends: the two underwriters shared exactly the net premium.
    expect(honestValue - STAKE + gain).to.be.at.most(net);
    expect(honestValue - STAKE + gain).to.be.at.least(net - 2n);
  });

  it("flash deposit: deposit while a claim is pending to capture the reserve when the dispute fails — fails", async function () {
    const w = await networkHelpers.loadFixture(coveredWorld);
    const { story, insurance, pool, ip, attacker, buyer, coverId } = w;
    await time.increase(DAY);
    const disputeId = await raiseDispute(story, buyer, ip.ipId);
    await (await insurance.infringement.reportDispute(coverId, disputeId)).wait();
    expect(await pool.reservedCapital()).to.equal(COVER);
    // The exit price is down by the reserve; the attacker buys in at the full-capital price regardless.
    const capitalBefore = await pool.capital();
    const shares = await depositToPool(insurance, attacker, STAKE);
    await judgeDispute(story, disputeId, false);
    await (await insurance.infringement.releaseReport(coverId)).wait();
    expect(await pool.reservedCapital()).to.equal(0n);
    // The attacker's shares are worth its deposit plus its part of the premium earned since: the release gave it
    // nothing.
    const earned = (await pool.capital()) - capitalBefore - STAKE;
    const value = await pool.convertToAssets(shares);
    expect(value).to.be.at.most(STAKE + (earned * STAKE) / (capitalBefore + STAKE) + 1n);
    expect(value).to.be.at.least(STAKE - 1n);
  });

  it("withdraw before claim: an underwriter leaves once a dispute is reported, before the claim is paid — fails", async function () {
    const w = await networkHelpers.loadFixture(coveredWithAttacker);
    const { story, insurance, pool, wip, ip, attacker, buyer, underwriter, coverId } = w;
    // The attacker underwrote alongside the honest underwriter, at the same price (no premium earned yet).
    expect(await pool.balanceOf(attacker)).to.equal(await pool.balanceOf(underwriter));
    await time.increase(DAY);
    const disputeId = await raiseDispute(story, buyer, ip.ipId);
    // The cover holder (or anyone) reports the open dispute: its amount leaves the exit price at once.
    await (await insurance.infringement.reportDispute(coverId, disputeId)).wait();
    const received = await leave(w, attacker);
    // The attacker's exit was priced net of the claim: it bears half of it (same shares as the honest underwriter).
    expect(received).to.be.lessThan(STAKE - COVER / 2n + w.premium);
    await judgeDispute(story, disputeId, true);
    const [buyerBefore] = await balances(wip, [buyer]);
    await (await insurance.infringement.claim(coverId, disputeId)).wait();
    expect(await wip.balanceOf(buyer)).to.equal(buyerBefore + COVER);
    // What the honest underwriter holds after paying the claim is at least what the attacker took out.
    const honestShares = await pool.balanceOf(underwriter);
    const honestValue = toAssets(honestShares, await pool.totalAssets(), await pool.totalSupply());
    expect(honestValue).to.be.at.least(received);
    expect(honestValue).to.be.lessThan(STAKE - COVER / 2n + w.premium);
  });

  it("withdraw before claim: leaving with locked capital beyond the free capital — fails", async function () {
    const w = await networkHelpers.loadFixture(coveredWorld);
    const { insurance, pool, ip, buyer } = w;
    // Sell cover up to the capacity so almost all capital is locked, then try to leave with all of it.
    const extra = await pool.availableCapacity();
    await buyInfringementCover(insurance, buyer, ip.ipId, extra, 365n * DAY);
    const shares = await pool.balanceOf(w.underwriter);
    await (await pool.connect(w.underwriter).requestWithdrawal(shares)).wait();
    await time.increase(POOL_PARAMS.cooldown);
    const free = await pool.freeCapital();
    const assets = await pool.previewRedeem(shares);
    expect(assets).to.be.greaterThan(free);
    await expect(pool.connect(w.underwriter).redeem(shares, w.underwriter, w.underwriter))
      .to.be.revertedWithCustomError(pool, "InsufficientFreeCapital")
      .withArgs(
        (asked: bigint) => asked >= assets,
        (left: bigint) => left >= free && left < assets,
      );
    expect(await pool.maxRedeem(w.underwriter)).to.be.lessThan(shares);
  });
});
