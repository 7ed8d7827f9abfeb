/**
 * Attack family: ERC-4626 first-depositor inflation. The attacker is the first depositor (1 wei), donates a large
 * amount straight to the contract to inflate the share price, and hopes the next deposit rounds down to zero shares
 * so that it can redeem the victim's deposit. Both ERC-4626 contracts keep internal accounting (a donation does not
 * move the price) and a 6-decimal share offset.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { loadStory } from "../fixtures/story.ts";
import { deployLending, WAD } from "../fixtures/lending.ts";
import { deployInsurance, POOL_PARAMS } from "../fixtures/insurance.ts";
import { toAssets, toShares } from "../lending/RoyaltyLendingVault.helpers.ts";
import { balances, wrapAndApprove } from "./helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const DONATION = 100n * WAD;
const VICTIM_DEPOSIT = 10n * WAD;

async function freshVault() {
  const story = await loadStory(connection);
  const lending = await deployLending(story);
  const [, , , attacker, victim] = await ethers.getSigners();
  await wrapAndApprove(story, attacker, lending.vault, DONATION + 1n);
  await wrapAndApprove(story, victim, lending.vault, VICTIM_DEPOSIT);
  return { story, vault: lending.vault, wip: story.wip, attacker, victim };
}

async function freshPool() {
  const story = await loadStory(connection);
  const insurance = await deployInsurance(story);
  const [, , , attacker, victim] = await ethers.getSigners();
  await wrapAndApprove(story, attacker, insurance.pool, DONATION + 1n);
  await wrapAndApprove(story, victim, insurance.pool, VICTIM_DEPOSIT);
  return { story, pool: insurance.pool, wip: story.wip, attacker, victim };
}

describe(`security — ERC-4626 inflation (${connection.networkName})`, function () {
  it("inflation (lending vault): first depositor donates to steal the second deposit — fails", async function () {
    const { vault, wip, attacker, victim } = await networkHelpers.loadFixture(freshVault);
    const [attackerStart, victimStart] = await balances(wip, [attacker, victim]);

    await (await vault.connect(attacker).deposit(1n, attacker)).wait();
    const attackerShares = toShares(1n, 0n, 0n);
    expect(await vault.balanceOf(attacker)).to.equal(attackerShares);
    await (await wip.connect(attacker).transfer(await vault.getAddress(), DONATION)).wait();
    // The donation is not an asset of the lenders: the price did not move.
    expect(await vault.totalAssets()).to.equal(1n);

    await (await vault.connect(victim).deposit(VICTIM_DEPOSIT, victim)).wait();
    const victimShares = toShares(VICTIM_DEPOSIT, 1n, attackerShares);
    expect(victimShares).to.be.greaterThan(0n);
    expect(await vault.balanceOf(victim)).to.equal(victimShares);

    const totalAssets = 1n + VICTIM_DEPOSIT;
    const totalShares = attackerShares + victimShares;
    const attackerOut = toAssets(attackerShares, totalAssets, totalShares);
    await (await vault.connect(attacker).redeem(attackerShares, attacker, attacker)).wait();
    const victimOut = toAssets(victimShares, totalAssets - attackerOut, victimShares);
    await (await vault.connect(victim).redeem(victimShares, victim, victim)).wait();

    const [attackerEnd, victimEnd] = await balances(wip, [attacker, victim]);
    expect(attackerOut).to.be.at.most(1n);
    expect(attackerEnd).to.equal(attackerStart - 1n - DONATION + attackerOut);
    expect(victimOut).to.be.at.least(VICTIM_DEPOSIT - 1n);
    expect(victimEnd).to.equal(victimStart - VICTIM_DEPOSIT + victimOut);
    // The attacker lost its donation; nobody's deposit was taken.
    expect(await wip.balanceOf(await vault.getAddress())).to.equal(
      DONATION + 1n + VICTIM_DEPOSIT - attackerOut - victimOut,
    );
    expect(await vault.totalSupply()).to.equal(0n);
  });

  it("inflation (underwriting pool): first depositor donates to steal the second deposit — fails", async function () {
    const { pool, wip, attacker, victim } = await networkHelpers.loadFixture(freshPool);
    const [attackerStart, victimStart] = await balances(wip, [attacker, victim]);

    await (await pool.connect(attacker).deposit(1n, attacker)).wait();
    const attackerShares = toShares(1n, 0n, 0n);
    expect(await pool.balanceOf(attacker)).to.equal(attackerShares);
    await (await wip.connect(attacker).transfer(await pool.getAddress(), DONATION)).wait();
    expect(await pool.totalAssets()).to.equal(1n);
    expect(await pool.capital()).to.equal(1n);

    await (await pool.connect(victim).deposit(VICTIM_DEPOSIT, victim)).wait();
    const victimShares = toShares(VICTIM_DEPOSIT, 1n, attackerShares);
    expect(await pool.balanceOf(victim)).to.equal(victimShares);

    // Both leave through the two-step withdrawal.
    await (await pool.connect(attacker).requestWithdrawal(attackerShares)).wait();
    await (await pool.connect(victim).requestWithdrawal(victimShares)).wait();
    await networkHelpers.time.increase(POOL_PARAMS.cooldown);
    const totalAssets = 1n + VICTIM_DEPOSIT;
    const attackerOut = toAssets(attackerShares, totalAssets, attackerShares + victimShares);
    await (await pool.connect(attacker).redeem(attackerShares, attacker, attacker)).wait();
    const victimOut = toAssets(victimShares, totalAssets - attackerOut, victimShares);
    await (await pool.connect(victim).redeem(victimShares, victim, victim)).wait();

    const [attackerEnd, victimEnd] = await balances(wip, [attacker, victim]);
    expect(attackerOut).to.be.at.most(1n);
    expect(attackerEnd).to.equal(attackerStart - 1n - DONATION + attackerOut);
    expect(victimOut).to.be.at.least(VICTIM_DEPOSIT - 1n);
    expect(victimEnd).to.equal(victimStart - VICTIM_DEPOSIT + victimOut);
    expect(await pool.totalSupply()).to.equal(0n);
  });

  it("inflation (lending vault): a 1-wei mint then a donation cannot round the victim to zero shares — fails", async function () {
    const { vault, wip, attacker, victim } = await networkHelpers.loadFixture(freshVault);
    await (await vault.connect(attacker).mint(1n, attacker)).wait();
    expect(await vault.totalAssets()).to.equal(1n);
    await (await wip.connect(attacker).transfer(await vault.getAddress(), DONATION)).wait();
    // Any deposit of at least one wei mints shares: the victim's 1-wei deposit is priced as the attacker's was.
    const shares = await vault.previewDeposit(1n);
    expect(shares).to.equal(toShares(1n, 1n, 1n));
    expect(shares).to.be.greaterThan(0n);
    await expect(vault.connect(victim).deposit(1n, victim))
      .to.emit(vault, "Deposit")
      .withArgs(victim, victim, 1n, shares);
  });
});
