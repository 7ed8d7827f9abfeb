/**
 * Attack family: non-standard ERC-20s. A USDT-like token whose `transfer`/`transferFrom`/`approve` return nothing
 * must work through SafeERC20 wherever an asset is chosen (the vault's and the pool's asset at deployment); a
 * fee-on-transfer token must be refused where users choose the token (the seats' sale token). The vault's and the
 * pool's asset is chosen once by the deployer and must be a standard ERC-20 (WIP or a vetted stablecoin): like Morpho
 * Blue and Aave, they do not support fee-on-transfer or rebasing assets, which `VaultConfig`/`PoolConfig` document.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { MaxUint256 } from "ethers";
import { createIpWithVault, loadStory } from "../fixtures/story.ts";
import { WAD } from "../fixtures/lending.ts";
import { POOL_PARAMS } from "../fixtures/insurance.ts";
import { createSeriesFromIpAccount, deploySeats, openSale, seriesParams } from "../fixtures/seats.ts";
import { balances, deployPoolOver, deployVaultOver } from "./helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const AMOUNT = 100n * 10n ** 6n;

async function tokens() {
  const story = await loadStory(connection);
  const [, lender, creator, attacker] = await ethers.getSigners();
  const noReturn = await ethers.deployContract("MockNoReturnToken");
  const fot = await ethers.deployContract("MockFeeOnTransferToken");
  for (const who of [lender, attacker]) {
    await (await noReturn.mint(who, 10n * AMOUNT)).wait();
    await (await fot.mint(who, 10n * WAD)).wait();
  }
  return { story, noReturn, fot, lender, creator, attacker };
}

describe(`security — non-standard tokens (${connection.networkName})`, function () {
  it("no-return token (lending vault): deposit and withdraw move exactly the amounts through SafeERC20", async function () {
    const { story, noReturn, lender } = await networkHelpers.loadFixture(tokens);
    const { vault } = await deployVaultOver(story, noReturn);
    await (await noReturn.connect(lender).approve(vault, MaxUint256)).wait();
    const [lenderStart] = await balances(noReturn, [lender]);
    await expect(vault.connect(lender).deposit(AMOUNT, lender)).to.emit(vault, "Deposit");
    expect(await balances(noReturn, [lender, vault])).to.deep.equal([lenderStart - AMOUNT, AMOUNT]);
    await (await vault.connect(lender).withdraw(AMOUNT / 4n, lender, lender)).wait();
    expect(await balances(noReturn, [lender, vault])).to.deep.equal([
      lenderStart - AMOUNT + AMOUNT / 4n,
      AMOUNT - AMOUNT / 4n,
    ]);
    expect(await vault.totalAssets()).to.equal(AMOUNT - AMOUNT / 4n);
  });

  it("no-return token (lending vault): a transfer that fails without returning false still reverts", async function () {
    const { story, noReturn, attacker } = await networkHelpers.loadFixture(tokens);
    const { vault } = await deployVaultOver(story, noReturn);
    // No allowance: the token reverts, SafeERC20 bubbles it, nothing is credited.
    await expect(vault.connect(attacker).deposit(AMOUNT, attacker)).to.be.revertedWithCustomError(
      noReturn,
      "InsufficientFunds",
    );
    expect(await vault.balanceOf(attacker)).to.equal(0n);
    expect(await vault.totalAssets()).to.equal(0n);
  });

  it("no-return token (underwriting pool): deposit, request, redeem move exactly the amounts through SafeERC20", async function () {
    const { story, noReturn, lender } = await networkHelpers.loadFixture(tokens);
    const { pool } = await deployPoolOver(story, noReturn);
    await (await noReturn.connect(lender).approve(pool, MaxUint256)).wait();
    const [lenderStart] = await balances(noReturn, [lender]);
    await (await pool.connect(lender).deposit(AMOUNT, lender)).wait();
    expect(await balances(noReturn, [lender, pool])).to.deep.equal([lenderStart - AMOUNT, AMOUNT]);
    const shares = await pool.balanceOf(lender);
    await (await pool.connect(lender).requestWithdrawal(shares)).wait();
    await networkHelpers.time.increase(POOL_PARAMS.cooldown);
    const assets = await pool.previewRedeem(shares);
    await (await pool.connect(lender).redeem(shares, lender, lender)).wait();
    expect(await balances(noReturn, [lender, pool])).to.deep.equal([lenderStart - AMOUNT + assets, AMOUNT - assets]);
    expect(assets).to.be.at.least(AMOUNT - 1n);
  });

  it("fee-on-transfer (seats): selling seats for a token that takes a fee — refused", async function () {
    const { story, fot, creator, attacker } = await networkHelpers.loadFixture(tokens);
    const seats = await deploySeats(story);
    const ip = await createIpWithVault(story, creator);
    const seriesId = await createSeriesFromIpAccount(
      seats,
      ip,
      await seriesParams(seats, ip, { saleToken: await fot.getAddress() }),
    );
    await openSale(seats, seriesId);
    await (await fot.connect(attacker).approve(seats.seats, MaxUint256)).wait();
    const before = await balances(fot, [attacker, seats.seats]);
    await expect(seats.seats.connect(attacker).buy(seriesId, 1n, WAD))
      .to.be.revertedWithCustomError(seats.seats, "UnsupportedSaleToken")
      .withArgs(await fot.getAddress());
    expect(await balances(fot, [attacker, seats.seats])).to.deep.equal(before);
    expect(await seats.seats.seatsOf(seriesId, attacker)).to.equal(0n);
  });
});
