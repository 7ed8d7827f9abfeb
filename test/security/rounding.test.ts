/**
 * Attack family: rounding dust drain. The attacker repeats a tiny operation many times, hoping each rounding goes
 * its way: deposit/redeem cycles and one-wei withdrawals in the lending vault and the pool, and claims after tiny
 * royalty payments in the seats. Every loop asserts that the attacker never ends with more than it put in (or more
 * than its exact share).
 */
import { expect } from "chai";
import { network } from "hardhat";
import { payRoyaltyInWip } from "../fixtures/story.ts";
import { POOL_PARAMS } from "../fixtures/insurance.ts";
import { balances, buildLendingWorld, buildPoolWorld, buySeatsWorld, wrapAndApprove } from "./helpers.ts";

const connection = await network.create();
const { networkHelpers } = connection;

const ROUNDS = 100;

async function lendingWorld() {
  const w = await buildLendingWorld(connection);
  await wrapAndApprove(w.story, w.attacker, w.vault, 10_000n);
  return w;
}

async function poolWorld() {
  const w = await buildPoolWorld(connection);
  await wrapAndApprove(w.story, w.attacker, w.pool, 10_000n);
  return w;
}

const seatsWorld = () => buySeatsWorld(connection);

describe(`security — rounding dust (${connection.networkName})`, function () {
  it(`dust (lending vault): ${ROUNDS} deposit-3-wei / redeem-all cycles while interest accrues — gains nothing`, async function () {
    const { vault, wip, attacker, lender } = await networkHelpers.loadFixture(lendingWorld);
    const [start] = await balances(wip, [attacker]);
    const lenderValue = await vault.convertToAssets(await vault.balanceOf(lender));
    for (let i = 0; i < ROUNDS; i++) {
      await (await vault.connect(attacker).deposit(3n, attacker)).wait();
      const shares = await vault.balanceOf(attacker);
      if ((await vault.previewRedeem(shares)) > 0n) {
        await (await vault.connect(attacker).redeem(shares, attacker, attacker)).wait();
      }
    }
    const [end] = await balances(wip, [attacker]);
    const left = await vault.convertToAssets(await vault.balanceOf(attacker));
    expect(end + left).to.be.at.most(start);
    // The honest lender lost nothing to the loop (its claim only grew with interest).
    expect(await vault.convertToAssets(await vault.balanceOf(lender))).to.be.at.least(lenderValue);
  });

  it(`dust (lending vault): ${ROUNDS} one-wei withdrawals burn at least their worth of shares — gains nothing`, async function () {
    const { vault, wip, attacker } = await networkHelpers.loadFixture(lendingWorld);
    const [start] = await balances(wip, [attacker]);
    await (await vault.connect(attacker).deposit(1_000n, attacker)).wait();
    for (let i = 0; i < ROUNDS; i++) {
      await (await vault.connect(attacker).withdraw(1n, attacker, attacker)).wait();
    }
    const shares = await vault.balanceOf(attacker);
    if ((await vault.previewRedeem(shares)) > 0n) {
      await (await vault.connect(attacker).redeem(shares, attacker, attacker)).wait();
    }
    const [end] = await balances(wip, [attacker]);
    expect(end).to.be.at.most(start);
  });

  it(`dust (underwriting pool): ${ROUNDS} 3-wei deposits then ${ROUNDS} one-wei withdrawals — gains nothing`, async function () {
    const { pool, wip, attacker, underwriter } = await networkHelpers.loadFixture(poolWorld);
    const [start] = await balances(wip, [attacker]);
    const honestValue = await pool.convertToAssets(await pool.balanceOf(underwriter));
    for (let i = 0; i < ROUNDS; i++) {
      await (await pool.connect(attacker).deposit(3n, attacker)).wait();
    }
    await (await pool.connect(attacker).requestWithdrawal(await pool.balanceOf(attacker))).wait();
    await networkHelpers.time.increase(POOL_PARAMS.cooldown);
    for (let i = 0; i < ROUNDS; i++) {
      await (await pool.connect(attacker).withdraw(1n, attacker, attacker)).wait();
    }
    const [requested] = await pool.withdrawalRequest(attacker);
    if (requested > 0n && (await pool.previewRedeem(requested)) > 0n) {
      await (await pool.connect(attacker).redeem(requested, attacker, attacker)).wait();
    }
    const [end] = await balances(wip, [attacker]);
    expect(end).to.be.at.most(start);
    expect(await pool.convertToAssets(await pool.balanceOf(underwriter))).to.be.at.least(honestValue);
  });

  it("dust (seats): 40 tiny royalty payments, each harvested and claimed at once — no more than the exact share", async function () {
    const w = await networkHelpers.loadFixture(seatsWorld);
    const { contract, wip, seriesId, attacker, victim, creator, ip, story } = w;
    const WIP = story.addresses.WIP;
    const seatsAddress = await contract.getAddress();
    const [start] = await balances(wip, [attacker]);
    let harvested = 0n;
    for (let i = 0; i < 40; i++) {
      await payRoyaltyInWip(story, w.payer, ip.ipId, 7n);
      harvested += await ip.vault.claimableRevenue(seatsAddress, WIP);
      await (await contract.harvest(seriesId)).wait();
      if ((await contract.claimable(seriesId, attacker, WIP)) > 0n) {
        await (await contract.claim(seriesId, attacker, WIP)).wait();
      }
    }
    const [end] = await balances(wip, [attacker]);
    // 40 of the 60 seats: never more than 40/60 of what the series harvested.
    expect(end - start).to.be.at.most((harvested * 40n) / 60n);
    // And everything anyone can claim stays within what was harvested.
    const others =
      (await contract.claimable(seriesId, victim, WIP)) + (await contract.claimable(seriesId, creator, WIP));
    expect(end - start + others).to.be.at.most(harvested);
  });
});
