/**
 * UnderwritingPool — underwriters: deposits and mints (6-decimal share offset, pause, donation resistance), two-step
 * withdrawals (request into escrow, cooldown, execution window, free-capital limit, allowances, cancellation), and
 * the guarantees escrowed shares give the pool: they still bear claims and reserves, and a deposit made just before
 * a premium arrives earns only what streams while it stays.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { MaxUint256 } from "ethers";
import { createIp, judgeDispute, loadStory, raiseDispute } from "../fixtures/story.ts";
import {
  DAY,
  DEFAULT_RATES,
  INFRINGEMENT_TERMS,
  POOL_PARAMS,
  WAD,
  deployInsurance,
  depositToPool,
} from "../fixtures/insurance.ts";
import {
  PoolModel,
  VIRTUAL_SHARES,
  addr,
  feeOf,
  fundAndApprove,
  infringementRequest,
  minedAt,
  premiumOf,
  toAssets,
  toShares,
} from "./UnderwritingPool.helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const CAPITAL = 1_000n * WAD;
const COVER = 400n * WAD;
const DURATION = 180n * DAY;

/* ---------------------------------------------------------------- fixtures */

/** An empty pool and an IP to insure. */
async function deployPool() {
  const story = await loadStory(connection);
  const insurance = await deployInsurance(story);
  const [, creator, alice, bob, mallory, disputer, stranger] = await ethers.getSigners();
  const ip = await createIp(story, creator);
  const pool = insurance.pool;
  const poolAddress = await pool.getAddress();
  const model = new PoolModel();
  return {
    story,
    insurance,
    pool,
    poolAddress,
    wip: story.wip,
    ip,
    creator,
    alice,
    bob,
    mallory,
    disputer,
    stranger,
    model,
  };
}

/** Alice has deposited 1000 WIP. */
async function deployFunded() {
  const f = await deployPool();
  await fundAndApprove(f.insurance, f.alice, f.poolAddress, CAPITAL);
  const tx = await f.pool.connect(f.alice).deposit(CAPITAL, f.alice);
  f.model.deposit(await minedAt(f.insurance, tx), CAPITAL);
  return { ...f, aliceShares: CAPITAL * VIRTUAL_SHARES };
}

/** Buys a 400 WIP / 180 days infringement cover on the IP for the creator and records it in the model. */
async function buyCoverFor(f: Awaited<ReturnType<typeof deployPool>>, amount = COVER) {
  await fundAndApprove(f.insurance, f.creator, f.poolAddress, 100n * WAD);
  const request = await infringementRequest(f.insurance, f.ip.ipId, f.creator, amount, DURATION);
  const tx = await f.pool.connect(f.creator).buyCover(request);
  const t = await minedAt(f.insurance, tx);
  const premium = premiumOf(amount, DEFAULT_RATES.infringement, DURATION);
  const net = premium - feeOf(premium, POOL_PARAMS.protocolFee);
  const end = t + DURATION;
  const lock = f.model.buy(t, amount, net, end, end + INFRINGEMENT_TERMS.claimWindow);
  return { coverId: await f.insurance.coverNft.coverCount(), premium, net, purchasedAt: t, lock };
}

/** Alice's 1000 WIP back a 400 WIP cover bought by the creator. */
async function deployWithCover() {
  const f = await deployFunded();
  const cover = await buyCoverFor(f);
  return { ...f, cover };
}

/** Alice and Bob have deposited 500 WIP each; a 400 WIP cover is sold on the IP. */
async function deployTwoUnderwriters() {
  const f = await deployPool();
  const aliceShares = await depositToPool(f.insurance, f.alice, CAPITAL / 2n);
  f.model.deposit(BigInt(await time.latest()), CAPITAL / 2n);
  const bobShares = await depositToPool(f.insurance, f.bob, CAPITAL / 2n);
  f.model.deposit(BigInt(await time.latest()), CAPITAL / 2n);
  const cover = await buyCoverFor(f);
  return { ...f, aliceShares, bobShares, cover };
}

/** Loads a fixture with a fresh copy of its model (the fixture's objects are shared between tests). */
async function load<T extends { model: PoolModel }>(fixture: () => Promise<T>): Promise<T> {
  const f = await networkHelpers.loadFixture(fixture);
  return { ...f, model: f.model.clone() };
}

/** Sets the next block's time and returns it. */
async function at(t: bigint): Promise<bigint> {
  await time.setNextBlockTimestamp(t);
  return t;
}

/* ---------------------------------------------------------------- tests */

describe(`UnderwritingPool — underwriters (${connection.networkName})`, function () {
  describe("deposit and mint", function () {
    it("mints assets × 1e6 shares to the receiver of the first deposit and books the assets as capital", async function () {
      const { insurance, pool, poolAddress, wip, alice, bob } = await load(deployPool);
      const assets = 123n * WAD + 456n;
      await fundAndApprove(insurance, alice, poolAddress, assets);
      expect(await pool.decimals()).to.equal(24n);
      expect(await pool.previewDeposit(assets)).to.equal(assets * VIRTUAL_SHARES);

      const tx = pool.connect(alice).deposit(assets, bob);
      await expect(tx)
        .to.emit(pool, "Deposit")
        .withArgs(await addr(alice), await addr(bob), assets, assets * VIRTUAL_SHARES);
      await expect(tx).to.changeTokenBalances(ethers, wip, [alice, pool], [-assets, assets]);
      await expect(tx).to.changeTokenBalances(ethers, pool, [alice, bob], [0n, assets * VIRTUAL_SHARES]);
      expect(await pool.totalSupply()).to.equal(assets * VIRTUAL_SHARES);
      expect(await pool.capital()).to.equal(assets);
      expect(await pool.totalAssets()).to.equal(assets);
      expect(await pool.freeCapital()).to.equal(assets);
      expect(await pool.convertToAssets(assets * VIRTUAL_SHARES)).to.equal(assets);
    });

    it("prices later deposits and mints at the accrued share price (deposit floors shares, mint rounds assets up)", async function () {
      const f = await load(deployWithCover);
      const { insurance, pool, poolAddress, wip, bob, model } = f;
      await fundAndApprove(insurance, bob, poolAddress, 1_000n * WAD);

      let supply = f.aliceShares;
      const t1 = await at(f.cover.purchasedAt + 20n * DAY + 17n);
      const { totalAssets: before1 } = model.at(t1);
      expect(before1).to.be.gt(CAPITAL); // premium earned since the purchase
      const assets = 333n * WAD + 1n;
      const shares = toShares(assets, before1, supply);
      expect(shares).to.be.lt(assets * VIRTUAL_SHARES);
      const deposit = pool.connect(bob).deposit(assets, bob);
      await expect(deposit)
        .to.emit(pool, "Deposit")
        .withArgs(await addr(bob), await addr(bob), assets, shares);
      await expect(deposit).to.changeTokenBalances(ethers, wip, [bob, pool], [-assets, assets]);
      model.deposit(t1, assets);
      supply += shares;
      expect(await pool.balanceOf(bob)).to.equal(shares);
      expect(await pool.capital()).to.equal(model.at(t1).capital);

      const t2 = await at(t1 + 3n * DAY + 5n);
      const wanted = 77n * 10n ** 24n + 3n;
      const cost = toAssets(wanted, model.at(t2).totalAssets, supply, true);
      const mint = pool.connect(bob).mint(wanted, bob);
      await expect(mint)
        .to.emit(pool, "Deposit")
        .withArgs(await addr(bob), await addr(bob), cost, wanted);
      await expect(mint).to.changeTokenBalances(ethers, wip, [bob, pool], [-cost, cost]);
      model.deposit(t2, cost);
      expect(await pool.balanceOf(bob)).to.equal(shares + wanted);
      expect(await pool.totalSupply()).to.equal(supply + wanted);
      expect(await pool.capital()).to.equal(model.at(t2).capital);
    });

    it("rejects zero deposits and zero mints with ZeroAmount and changes nothing", async function () {
      const { insurance, pool, poolAddress, alice } = await load(deployFunded);
      await fundAndApprove(insurance, alice, poolAddress, WAD);
      const [supply, capital] = [await pool.totalSupply(), await pool.capital()];
      await expect(pool.connect(alice).deposit(0n, alice)).to.be.revertedWithCustomError(pool, "ZeroAmount");
      await expect(pool.connect(alice).mint(0n, alice)).to.be.revertedWithCustomError(pool, "ZeroAmount");
      expect(await pool.totalSupply()).to.equal(supply);
      expect(await pool.capital()).to.equal(capital);
    });

    it("while paused rejects deposits and mints with EnforcedPause and reports maxDeposit and maxMint 0", async function () {
      const { insurance, pool, poolAddress, alice } = await load(deployFunded);
      await fundAndApprove(insurance, alice, poolAddress, WAD);
      expect(await pool.maxDeposit(alice)).to.equal(MaxUint256);
      expect(await pool.maxMint(alice)).to.equal(MaxUint256);
      await expect(pool.connect(insurance.guardian).pause())
        .to.emit(pool, "Paused")
        .withArgs(await addr(insurance.guardian));
      expect(await pool.maxDeposit(alice)).to.equal(0n);
      expect(await pool.maxMint(alice)).to.equal(0n);
      const [supply, capital] = [await pool.totalSupply(), await pool.capital()];
      await expect(pool.connect(alice).deposit(WAD, alice)).to.be.revertedWithCustomError(pool, "EnforcedPause");
      await expect(pool.connect(alice).mint(10n ** 24n, alice)).to.be.revertedWithCustomError(pool, "EnforcedPause");
      expect(await pool.totalSupply()).to.equal(supply);
      expect(await pool.capital()).to.equal(capital);

      await (await pool.connect(insurance.admin).unpause()).wait();
      expect(await pool.maxDeposit(alice)).to.equal(MaxUint256);
      expect(await pool.maxMint(alice)).to.equal(MaxUint256);
      await expect(pool.connect(alice).deposit(WAD, alice)).to.changeTokenBalances(
        ethers,
        pool,
        [alice],
        [WAD * VIRTUAL_SHARES],
      );
    });

    it("ignores donations: a 1-wei first depositor who donates cannot take the next depositor's assets", async function () {
      const { insurance, pool, poolAddress, wip, mallory, bob } = await load(deployPool);
      const donation = 10n * WAD;
      await fundAndApprove(insurance, mallory, poolAddress, donation + 1n);
      await (await pool.connect(mallory).deposit(1n, mallory)).wait();
      expect(await pool.balanceOf(mallory)).to.equal(VIRTUAL_SHARES);
      await (await wip.connect(mallory).transfer(poolAddress, donation)).wait();

      // The donation sits in the pool's balance but not in its accounting.
      expect(await wip.balanceOf(poolAddress)).to.equal(donation + 1n);
      expect(await pool.totalAssets()).to.equal(1n);
      expect(await pool.capital()).to.equal(1n);

      const assets = 100n * WAD;
      await fundAndApprove(insurance, bob, poolAddress, assets);
      const expected = toShares(assets, 1n, VIRTUAL_SHARES);
      expect(expected).to.equal(assets * VIRTUAL_SHARES);
      await expect(pool.connect(bob).deposit(assets, bob)).to.changeTokenBalances(ethers, pool, [bob], [expected]);
      const supply = VIRTUAL_SHARES + expected;
      expect(await pool.totalAssets()).to.equal(assets + 1n);
      expect(await pool.convertToAssets(expected)).to.equal(toAssets(expected, assets + 1n, supply));
      expect(await pool.convertToAssets(expected)).to.be.gte(assets - 1n);
      expect(await pool.convertToAssets(VIRTUAL_SHARES)).to.be.lte(1n);
    });
  });

  describe("withdrawal requests", function () {
    it("escrow the shares in the pool and open the execution window after the cooldown", async function () {
      const { pool, alice, aliceShares } = await load(deployFunded);
      const shares = aliceShares / 3n;
      const t = await at(BigInt(await time.latest()) + 100n);
      const unlocksAt = t + POOL_PARAMS.cooldown;
      const tx = pool.connect(alice).requestWithdrawal(shares);
      await expect(tx)
        .to.emit(pool, "WithdrawalRequested")
        .withArgs(await addr(alice), shares, shares, unlocksAt);
      await expect(tx)
        .to.emit(pool, "Transfer")
        .withArgs(await addr(alice), await pool.getAddress(), shares);
      await expect(tx).to.changeTokenBalances(ethers, pool, [alice, pool], [-shares, shares]);
      expect(await pool.withdrawalRequest(alice)).to.deep.equal([
        shares,
        unlocksAt,
        unlocksAt + POOL_PARAMS.withdrawalWindow,
      ]);
      // Escrowed shares stay in the supply: they still back cover.
      expect(await pool.totalSupply()).to.equal(aliceShares);
      expect(await pool.capital()).to.equal(CAPITAL);
    });

    it("a top-up adds shares to the request and restarts the cooldown of all of it", async function () {
      const { pool, alice, aliceShares } = await load(deployFunded);
      const first = aliceShares / 4n;
      const t1 = await at(BigInt(await time.latest()) + 10n);
      await (await pool.connect(alice).requestWithdrawal(first)).wait();
      const t2 = await at(t1 + 5n * DAY);
      const second = aliceShares / 2n;
      await expect(pool.connect(alice).requestWithdrawal(second))
        .to.emit(pool, "WithdrawalRequested")
        .withArgs(await addr(alice), second, first + second, t2 + POOL_PARAMS.cooldown);
      expect(await pool.withdrawalRequest(alice)).to.deep.equal([
        first + second,
        t2 + POOL_PARAMS.cooldown,
        t2 + POOL_PARAMS.cooldown + POOL_PARAMS.withdrawalWindow,
      ]);
      expect(await pool.balanceOf(alice)).to.equal(aliceShares - first - second);
      // The first part's original unlock time no longer opens the window.
      await at(t1 + POOL_PARAMS.cooldown);
      await expect(pool.connect(alice).redeem(first, alice, alice))
        .to.be.revertedWithCustomError(pool, "CooldownNotOver")
        .withArgs(t2 + POOL_PARAMS.cooldown);
    });

    it("reject zero shares (ZeroAmount) and more than the balance (ERC20InsufficientBalance)", async function () {
      const { pool, alice, bob, aliceShares } = await load(deployFunded);
      await expect(pool.connect(alice).requestWithdrawal(0n)).to.be.revertedWithCustomError(pool, "ZeroAmount");
      await expect(pool.connect(alice).requestWithdrawal(aliceShares + 1n))
        .to.be.revertedWithCustomError(pool, "ERC20InsufficientBalance")
        .withArgs(await addr(alice), aliceShares, aliceShares + 1n);
      await expect(pool.connect(bob).requestWithdrawal(1n))
        .to.be.revertedWithCustomError(pool, "ERC20InsufficientBalance")
        .withArgs(await addr(bob), 0n, 1n);
      // Shares already escrowed are no longer in the balance.
      await (await pool.connect(alice).requestWithdrawal(aliceShares - 5n)).wait();
      const request = await pool.withdrawalRequest(alice);
      await expect(pool.connect(alice).requestWithdrawal(6n))
        .to.be.revertedWithCustomError(pool, "ERC20InsufficientBalance")
        .withArgs(await addr(alice), 5n, 6n);
      expect(await pool.withdrawalRequest(alice)).to.deep.equal(request);
      expect(await pool.withdrawalRequest(bob)).to.deep.equal([0n, 0n, 0n]);
      expect(await pool.balanceOf(alice)).to.equal(5n);
    });

    it("cancelWithdrawal returns the escrowed shares and deletes the request; without one it reverts", async function () {
      const { pool, alice, bob, aliceShares } = await load(deployFunded);
      await expect(pool.connect(alice).cancelWithdrawal())
        .to.be.revertedWithCustomError(pool, "NoWithdrawalRequest")
        .withArgs(await addr(alice));
      const shares = aliceShares / 2n;
      await (await pool.connect(alice).requestWithdrawal(shares)).wait();
      await expect(pool.connect(bob).cancelWithdrawal())
        .to.be.revertedWithCustomError(pool, "NoWithdrawalRequest")
        .withArgs(await addr(bob));
      const tx = pool.connect(alice).cancelWithdrawal();
      await expect(tx)
        .to.emit(pool, "WithdrawalCancelled")
        .withArgs(await addr(alice), shares);
      await expect(tx).to.changeTokenBalances(ethers, pool, [alice, pool], [shares, -shares]);
      expect(await pool.withdrawalRequest(alice)).to.deep.equal([0n, 0n, 0n]);
      expect(await pool.balanceOf(alice)).to.equal(aliceShares);
      await expect(pool.connect(alice).cancelWithdrawal()).to.be.revertedWithCustomError(pool, "NoWithdrawalRequest");
      await expect(pool.connect(alice).redeem(shares, alice, alice))
        .to.be.revertedWithCustomError(pool, "NoWithdrawalRequest")
        .withArgs(await addr(alice));
    });
  });

  describe("withdraw and redeem", function () {
    it("without a request revert NoWithdrawalRequest, even for an owner holding shares", async function () {
      const { pool, alice, bob } = await load(deployFunded);
      await expect(pool.connect(alice).withdraw(WAD, alice, alice))
        .to.be.revertedWithCustomError(pool, "NoWithdrawalRequest")
        .withArgs(await addr(alice));
      await expect(pool.connect(alice).redeem(10n ** 24n, alice, alice))
        .to.be.revertedWithCustomError(pool, "NoWithdrawalRequest")
        .withArgs(await addr(alice));
      await expect(pool.connect(bob).withdraw(WAD, bob, alice))
        .to.be.revertedWithCustomError(pool, "NoWithdrawalRequest")
        .withArgs(await addr(alice));
      await expect(pool.connect(alice).withdraw(0n, alice, alice)).to.be.revertedWithCustomError(pool, "ZeroAmount");
      await expect(pool.connect(alice).redeem(0n, alice, alice)).to.be.revertedWithCustomError(pool, "ZeroAmount");
      expect(await pool.capital()).to.equal(CAPITAL);
    });

    it("execute only inside [unlocksAt, closesAt]: CooldownNotOver before, WithdrawalWindowClosed after", async function () {
      const { pool, wip, alice, aliceShares, model } = await load(deployFunded);
      const t = await at(BigInt(await time.latest()) + 1n);
      await (await pool.connect(alice).requestWithdrawal(aliceShares)).wait();
      const unlocksAt = t + POOL_PARAMS.cooldown;
      const closesAt = unlocksAt + POOL_PARAMS.withdrawalWindow;

      await at(unlocksAt - 1n);
      await expect(pool.connect(alice).redeem(aliceShares, alice, alice))
        .to.be.revertedWithCustomError(pool, "CooldownNotOver")
        .withArgs(unlocksAt);
      await expect(pool.connect(alice).withdraw(WAD, alice, alice))
        .to.be.revertedWithCustomError(pool, "CooldownNotOver")
        .withArgs(unlocksAt);

      const part = aliceShares / 4n;
      await at(unlocksAt);
      await expect(pool.connect(alice).redeem(part, alice, alice)).to.changeTokenBalances(
        ethers,
        wip,
        [alice, pool],
        [part / VIRTUAL_SHARES, -(part / VIRTUAL_SHARES)],
      );
      model.withdraw(unlocksAt, part / VIRTUAL_SHARES);

      await at(closesAt + 1n);
      await expect(pool.connect(alice).redeem(part, alice, alice))
        .to.be.revertedWithCustomError(pool, "WithdrawalWindowClosed")
        .withArgs(closesAt);
      await expect(pool.connect(alice).withdraw(WAD, alice, alice))
        .to.be.revertedWithCustomError(pool, "WithdrawalWindowClosed")
        .withArgs(closesAt);
      expect(await pool.withdrawalRequest(alice)).to.deep.equal([aliceShares - part, unlocksAt, closesAt]);
      expect(await pool.capital()).to.equal(model.at(closesAt + 1n).capital);
      // A closed request can only be cancelled (and requested again).
      await (await pool.connect(alice).cancelWithdrawal()).wait();
      expect(await pool.balanceOf(alice)).to.equal(aliceShares - part);
    });

    it("the window's last second (closesAt) still executes", async function () {
      const { pool, wip, alice, aliceShares } = await load(deployFunded);
      const t = await at(BigInt(await time.latest()) + 1n);
      await (await pool.connect(alice).requestWithdrawal(aliceShares)).wait();
      await at(t + POOL_PARAMS.cooldown + POOL_PARAMS.withdrawalWindow);
      await expect(pool.connect(alice).redeem(aliceShares, alice, alice)).to.changeTokenBalances(
        ethers,
        wip,
        [alice, pool],
        [CAPITAL, -CAPITAL],
      );
      expect(await pool.withdrawalRequest(alice)).to.deep.equal([0n, 0n, 0n]);
      expect(await pool.totalSupply()).to.equal(0n);
      expect(await pool.capital()).to.equal(0n);
    });

    it("revert ExceedsRequest for more shares than requested, via redeem and via withdraw", async function () {
      const { pool, alice, aliceShares } = await load(deployFunded);
      const requested = aliceShares / 2n;
      await (await pool.connect(alice).requestWithdrawal(requested)).wait();
      const [, unlocksAt] = await pool.withdrawalRequest(alice);
      await at(unlocksAt);
      await expect(pool.connect(alice).redeem(requested + 1n, alice, alice))
        .to.be.revertedWithCustomError(pool, "ExceedsRequest")
        .withArgs(requested + 1n, requested);
      // 1 wei more than the request is worth needs the request's shares plus the price of one more wei.
      const assets = requested / VIRTUAL_SHARES + 1n;
      const shares = toShares(assets, CAPITAL, aliceShares, true);
      expect(shares).to.equal(requested + VIRTUAL_SHARES);
      await at(unlocksAt + 1n);
      await expect(pool.connect(alice).withdraw(assets, alice, alice))
        .to.be.revertedWithCustomError(pool, "ExceedsRequest")
        .withArgs(shares, requested);
      expect((await pool.withdrawalRequest(alice))[0]).to.equal(requested);
      expect(await pool.capital()).to.equal(CAPITAL);
    });

    it("burn escrowed shares, pay the receiver and shrink then delete the request", async function () {
      const f = await load(deployWithCover);
      const { pool, wip, alice, bob, aliceShares, model } = f;
      const requested = aliceShares / 2n;
      await (await pool.connect(alice).requestWithdrawal(requested)).wait();
      const [, unlocksAt, closesAt] = await pool.withdrawalRequest(alice);

      // withdraw: shares rounded up at the accrued price.
      const t1 = await at(unlocksAt + 1n);
      const assets = 100n * WAD + 7n;
      const state1 = model.at(t1);
      const burned = toShares(assets, state1.totalAssets, aliceShares, true);
      const tx1 = pool.connect(alice).withdraw(assets, bob, alice);
      await expect(tx1)
        .to.emit(pool, "Withdraw")
        .withArgs(await addr(alice), await addr(bob), await addr(alice), assets, burned);
      await expect(tx1).to.emit(pool, "Accrued").withArgs(state1.earned, model.streams[0].rate, COVER);
      await expect(tx1).to.changeTokenBalances(ethers, wip, [alice, bob, pool], [0n, assets, -assets]);
      await expect(tx1).to.changeTokenBalances(ethers, pool, [alice, pool], [0n, -burned]);
      model.withdraw(t1, assets);
      expect(await pool.withdrawalRequest(alice)).to.deep.equal([requested - burned, unlocksAt, closesAt]);
      expect(await pool.totalSupply()).to.equal(aliceShares - burned);
      expect(await pool.capital()).to.equal(model.at(t1).capital);

      // redeem the rest: assets rounded down at the accrued price.
      const t2 = await at(t1 + DAY);
      const rest = requested - burned;
      const paid = toAssets(rest, model.at(t2).totalAssets, aliceShares - burned);
      const tx2 = pool.connect(alice).redeem(rest, alice, alice);
      await expect(tx2)
        .to.emit(pool, "Withdraw")
        .withArgs(await addr(alice), await addr(alice), await addr(alice), paid, rest);
      await expect(tx2).to.changeTokenBalances(ethers, wip, [alice, pool], [paid, -paid]);
      model.withdraw(t2, paid);
      expect(await pool.withdrawalRequest(alice)).to.deep.equal([0n, 0n, 0n]);
      expect(await pool.balanceOf(await pool.getAddress())).to.equal(0n);
      expect(await pool.totalSupply()).to.equal(aliceShares - requested);
      expect(await pool.capital()).to.equal(model.at(t2).capital);
      expect(await pool.balanceOf(alice)).to.equal(aliceShares - requested);
    });

    it("cannot take capital locked by cover: InsufficientFreeCapital, and maxWithdraw / maxRedeem stop at free capital", async function () {
      const f = await load(deployWithCover);
      const { pool, wip, alice, aliceShares, model } = f;
      await (await pool.connect(alice).requestWithdrawal(aliceShares)).wait();
      const [, unlocksAt] = await pool.withdrawalRequest(alice);
      await time.increaseTo(unlocksAt);

      let state = model.at(unlocksAt);
      const free = state.capital - COVER;
      expect(await pool.freeCapital()).to.equal(free);
      expect(await pool.lockedCapital()).to.equal(COVER);
      expect(await pool.maxWithdraw(alice)).to.equal(free);
      expect(await pool.maxRedeem(alice)).to.equal(toShares(free, state.totalAssets, aliceShares));
      expect(await pool.maxRedeem(alice)).to.be.lt(aliceShares);

      const t1 = await at(unlocksAt + 1n);
      state = model.at(t1);
      const freeAt1 = state.capital - COVER;
      await expect(pool.connect(alice).withdraw(freeAt1 + 1n, alice, alice))
        .to.be.revertedWithCustomError(pool, "InsufficientFreeCapital")
        .withArgs(freeAt1 + 1n, freeAt1);
      const all = toAssets(aliceShares, state.totalAssets, aliceShares);
      await expect(pool.connect(alice).redeem(aliceShares, alice, alice))
        .to.be.revertedWithCustomError(pool, "InsufficientFreeCapital")
        .withArgs(all, freeAt1);

      await expect(pool.connect(alice).withdraw(freeAt1, alice, alice)).to.changeTokenBalances(
        ethers,
        wip,
        [alice, pool],
        [freeAt1, -freeAt1],
      );
      model.withdraw(t1, freeAt1);
      expect(await pool.freeCapital()).to.equal(0n);
      expect(await pool.capital()).to.equal(COVER);
      expect(await pool.maxWithdraw(alice)).to.equal(0n);
      expect(await pool.maxRedeem(alice)).to.equal(0n);
      // A second later only that second's premium is free.
      const t2 = await at(t1 + 1n);
      const freeAt2 = model.at(t2).capital - COVER;
      await expect(pool.connect(alice).withdraw(WAD, alice, alice))
        .to.be.revertedWithCustomError(pool, "InsufficientFreeCapital")
        .withArgs(WAD, freeAt2);
    });

    it("a third party withdraws for the owner only within an allowance (ERC20InsufficientAllowance without)", async function () {
      const { pool, wip, alice, bob, stranger, aliceShares } = await load(deployFunded);
      const requested = aliceShares / 2n;
      await (await pool.connect(alice).requestWithdrawal(requested)).wait();
      const [, unlocksAt] = await pool.withdrawalRequest(alice);
      await time.increaseTo(unlocksAt);

      await expect(pool.connect(bob).redeem(requested, bob, alice))
        .to.be.revertedWithCustomError(pool, "ERC20InsufficientAllowance")
        .withArgs(await addr(bob), 0n, requested);
      const allowance = requested / 2n;
      await (await pool.connect(alice).approve(bob, allowance)).wait();
      await expect(pool.connect(bob).redeem(allowance + 1n, bob, alice))
        .to.be.revertedWithCustomError(pool, "ERC20InsufficientAllowance")
        .withArgs(await addr(bob), allowance, allowance + 1n);

      const assets = allowance / VIRTUAL_SHARES;
      const tx = pool.connect(bob).withdraw(assets, stranger, alice);
      await expect(tx)
        .to.emit(pool, "Withdraw")
        .withArgs(await addr(bob), await addr(stranger), await addr(alice), assets, allowance);
      await expect(tx).to.changeTokenBalances(ethers, wip, [alice, bob, stranger], [0n, 0n, assets]);
      expect(await pool.allowance(alice, bob)).to.equal(0n);
      expect((await pool.withdrawalRequest(alice))[0]).to.equal(requested - allowance);
      expect(await pool.capital()).to.equal(CAPITAL - assets);
    });

    it("maxWithdraw and maxRedeem are 0 without a request and outside the window, the request's value inside it", async function () {
      const { pool, alice, aliceShares } = await load(deployFunded);
      expect(await pool.maxWithdraw(alice)).to.equal(0n);
      expect(await pool.maxRedeem(alice)).to.equal(0n);
      const requested = aliceShares / 5n;
      await (await pool.connect(alice).requestWithdrawal(requested)).wait();
      const [, unlocksAt, closesAt] = await pool.withdrawalRequest(alice);
      await time.increaseTo(unlocksAt - 1n);
      expect(await pool.maxWithdraw(alice)).to.equal(0n);
      expect(await pool.maxRedeem(alice)).to.equal(0n);
      await time.increaseTo(unlocksAt);
      expect(await pool.maxWithdraw(alice)).to.equal(requested / VIRTUAL_SHARES);
      expect(await pool.maxRedeem(alice)).to.equal(requested);
      await time.increaseTo(closesAt);
      expect(await pool.maxRedeem(alice)).to.equal(requested);
      await time.increaseTo(closesAt + 1n);
      expect(await pool.maxWithdraw(alice)).to.equal(0n);
      expect(await pool.maxRedeem(alice)).to.equal(0n);
    });

    it("requests, withdrawals and cancellations keep working while the pool is paused", async function () {
      const { insurance, pool, wip, alice, aliceShares } = await load(deployFunded);
      await (await pool.connect(insurance.guardian).pause()).wait();
      const requested = aliceShares / 2n;
      await expect(pool.connect(alice).requestWithdrawal(requested)).to.emit(pool, "WithdrawalRequested");
      const [, unlocksAt] = await pool.withdrawalRequest(alice);
      await at(unlocksAt);
      await expect(pool.connect(alice).redeem(requested / 2n, alice, alice)).to.changeTokenBalances(
        ethers,
        wip,
        [alice],
        [requested / 2n / VIRTUAL_SHARES],
      );
      await expect(pool.connect(alice).cancelWithdrawal())
        .to.emit(pool, "WithdrawalCancelled")
        .withArgs(await addr(alice), requested / 2n);
      await expect(pool.connect(alice).accrue()).to.emit(pool, "Accrued");
      expect(await pool.paused()).to.equal(true);
      expect(await pool.balanceOf(alice)).to.equal(aliceShares - requested / 2n);
    });
  });

  describe("escrowed shares and the share price", function () {
    it("escrowed shares bear a claim paid during the cooldown: withdraw-before-claim cannot escape", async function () {
      const f = await load(deployTwoUnderwriters);
      const { story, insurance, pool, wip, ip, alice, disputer, aliceShares, bobShares, model, cover } = f;
      expect(aliceShares).to.equal(bobShares);
      await (await pool.connect(alice).requestWithdrawal(aliceShares)).wait();
      const [, unlocksAt] = await pool.withdrawalRequest(alice);

      // The covered IP is disputed, the dispute upheld and the cover paid, all during Alice's cooldown.
      await time.increase(DAY);
      const disputeId = await raiseDispute(story, disputer, ip.ipId);
      await judgeDispute(story, disputeId, true);
      const claim = await insurance.infringement.connect(disputer).claim(cover.coverId, disputeId);
      model.pay(await minedAt(insurance, claim), cover.lock, COVER);
      expect(unlocksAt).to.be.gt(BigInt(await time.latest()));
      expect(await pool.lockedCapital()).to.equal(0n);

      const t = await at(unlocksAt);
      const state = model.at(t);
      const supply = aliceShares + bobShares;
      const paid = toAssets(aliceShares, state.totalAssets, supply);
      // Alice bears half of the payout: she leaves with well under her 500 WIP.
      expect(paid).to.be.lt(CAPITAL / 2n - COVER / 2n + cover.net);
      expect(paid).to.be.gt(CAPITAL / 2n - COVER / 2n);
      await expect(pool.connect(alice).redeem(aliceShares, alice, alice)).to.changeTokenBalances(
        ethers,
        wip,
        [alice, pool],
        [paid, -paid],
      );
      model.withdraw(t, paid);
      // Bob, who stayed, holds exactly what is left: the same value for the same shares.
      expect(await pool.totalAssets()).to.equal(model.at(t).totalAssets);
      expect(await pool.convertToAssets(bobShares)).to.be.closeTo(paid, 2n);
    });

    it("a reported pending claim lowers the price escrowed shares leave at; releasing it restores the price", async function () {
      const f = await load(deployTwoUnderwriters);
      const { story, insurance, pool, wip, ip, alice, bob, disputer, aliceShares, bobShares, model, cover } = f;
      await (await pool.connect(alice).requestWithdrawal(aliceShares)).wait();
      const [, unlocksAt] = await pool.withdrawalRequest(alice);
      const disputeId = await raiseDispute(story, disputer, ip.ipId);
      const report = await insurance.infringement.connect(disputer).reportDispute(cover.coverId, disputeId);
      model.reserve(await minedAt(insurance, report), cover.lock, true);

      const t = await at(unlocksAt);
      const supply = aliceShares + bobShares;
      const state = model.at(t);
      expect(state.reserved).to.equal(COVER);
      const paid = toAssets(aliceShares, state.totalAssets, supply);
      expect(paid).to.be.lt(CAPITAL / 2n - COVER / 2n + cover.net);
      await expect(pool.connect(alice).redeem(aliceShares, alice, alice)).to.changeTokenBalances(
        ethers,
        wip,
        [alice],
        [paid],
      );
      model.withdraw(t, paid);

      // The dispute fails: the reserve returns to Bob, who stayed.
      await judgeDispute(story, disputeId, false);
      const release = await insurance.infringement.releaseReport(cover.coverId);
      const tr = await minedAt(insurance, release);
      model.reserve(tr, cover.lock, false);
      expect(await pool.reservedCapital()).to.equal(0n);
      expect(await pool.totalAssets()).to.equal(model.at(tr).totalAssets);
      expect(await pool.convertToAssets(bobShares)).to.be.gt(paid + COVER / 2n);
      expect(await pool.balanceOf(bob)).to.equal(bobShares);
    });

    it("a deposit made while a claim is reported does not capture the reserve when the report is released", async function () {
      // Reserves price the shares as if the claim were paid. That protects the pool from underwriters leaving, but
      // a depositor entering at that price gets the reserve back as a gift from the others once the dispute fails.
      const f = await load(deployTwoUnderwriters);
      const { story, insurance, pool, poolAddress, ip, mallory, disputer, cover } = f;
      const disputeId = await raiseDispute(story, disputer, ip.ipId);
      await (await insurance.infringement.connect(disputer).reportDispute(cover.coverId, disputeId)).wait();
      expect(await pool.reservedCapital()).to.equal(COVER);

      const deposit = 600n * WAD;
      await fundAndApprove(insurance, mallory, poolAddress, deposit);
      await (await pool.connect(mallory).deposit(deposit, mallory)).wait();
      const shares = await pool.balanceOf(mallory);
      const capitalAfterDeposit = await pool.capital();

      await judgeDispute(story, disputeId, false);
      await (await insurance.infringement.releaseReport(cover.coverId)).wait();
      expect(await pool.reservedCapital()).to.equal(0n);
      // At most her deposit plus every premium earned since she came in.
      const earnedSince = (await pool.capital()) - capitalAfterDeposit;
      expect(await pool.convertToAssets(shares)).to.be.lte(deposit + earnedSince);
    });

    it("a flash deposit just before a premium earns only what streams while it stays", async function () {
      const f = await load(deployFunded);
      const { insurance, pool, poolAddress, wip, mallory, aliceShares, model } = f;
      await time.increase(10n * DAY);
      await fundAndApprove(insurance, mallory, poolAddress, CAPITAL);
      const tm = await at(BigInt(await time.latest()) + 10n);
      await (await pool.connect(mallory).deposit(CAPITAL, mallory)).wait();
      model.deposit(tm, CAPITAL);
      const malloryShares = await pool.balanceOf(mallory);
      expect(malloryShares).to.equal(aliceShares);

      const cover = await buyCoverFor(f);
      await (await pool.connect(mallory).requestWithdrawal(malloryShares)).wait();
      await expect(pool.connect(mallory).redeem(malloryShares, mallory, mallory)).to.be.revertedWithCustomError(
        pool,
        "CooldownNotOver",
      );
      const [, unlocksAt] = await pool.withdrawalRequest(mallory);

      const t = await at(unlocksAt);
      const state = model.at(t);
      const paid = toAssets(malloryShares, state.totalAssets, aliceShares + malloryShares);
      await expect(pool.connect(mallory).redeem(malloryShares, mallory, mallory)).to.changeTokenBalances(
        ethers,
        wip,
        [mallory],
        [paid],
      );
      model.withdraw(t, paid);
      const gain = paid - CAPITAL;
      const stream = model.streams[0];
      const streamedSoFar = (stream.rate * (t - cover.purchasedAt)) / WAD;
      // Half of what streamed while she stayed, nowhere near half of the premium.
      expect(gain).to.be.gt(0n);
      expect(gain).to.be.lte(streamedSoFar / 2n + 1n);
      expect(gain * 10n).to.be.lt(cover.net / 2n);

      // Alice, who was there before and stays, ends with the rest of the premium.
      await time.increaseTo(stream.streamEnd);
      expect(await pool.unearnedPremium()).to.equal(0n);
      expect(await pool.capital()).to.equal(model.at(stream.streamEnd).capital);
      expect(await pool.capital()).to.equal(CAPITAL + cover.net - gain);
      expect(await pool.convertToAssets(aliceShares)).to.be.closeTo(CAPITAL + cover.net - gain, 1n);
    });
  });
});
