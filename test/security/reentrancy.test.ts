/**
 * Attack family: reentrancy through a token with transfer hooks (ERC-777 style, `MockHookToken`). The attacker
 * contract (`MockHookAttacker`) registers a hook on the token and, from inside the hook that a contract's transfer
 * triggers, calls the contract again. Each primitive is deployed over the hook token wherever a token is chosen (the
 * vault's and the pool's asset at deployment, a series' sale token, a market payment token), and every path that
 * moves it is tried: the re-entry must hit the reentrancy guard and the whole transaction must revert. Two probes
 * read the share price from inside a deposit's hook (read-only reentrancy, what an integrator pricing the shares
 * would see). Story itself is reached through the fixtures only.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { MaxUint256, type BaseContract } from "ethers";
import {
  createIpWithVault,
  judgeDispute,
  raiseDispute,
  RT_SUPPLY,
  transferRoyaltyTokensFromIp,
} from "../fixtures/story.ts";
import { DAY, MARKET, valuePerRtUnit, WAD } from "../fixtures/lending.ts";
import { POOL_PARAMS } from "../fixtures/insurance.ts";
import { buySeatsNative, createSeriesFromIpAccount, deploySeats, openSale, seriesParams } from "../fixtures/seats.ts";
import { loadStory } from "../fixtures/story.ts";
import type { MockHookAttacker } from "../../typechain-types/index.ts";
import { balances, deployPoolOver, deployVaultOver } from "./helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const FUNDS = 1_000n * WAD;

async function hookWorld() {
  const story = await loadStory(connection);
  const [, lender, owner, seller] = await ethers.getSigners();
  const token = await ethers.deployContract("MockHookToken");
  const attacker = await ethers.deployContract("MockHookAttacker");
  await (
    await attacker.execute(token, token.interface.encodeFunctionData("setHook", [await attacker.getAddress()]))
  ).wait();
  await (await token.mint(attacker, FUNDS)).wait();

  // Lending vault over the hook token: a lender's 1,000 tokens; an IP listed whose RT the attacker holds.
  const lending = await deployVaultOver(story, token);
  await (await token.mint(lender, FUNDS)).wait();
  await (await token.connect(lender).approve(lending.vault, MaxUint256)).wait();
  await (await lending.vault.connect(lender).deposit(FUNDS, lender)).wait();
  const ip = await createIpWithVault(story, owner);
  await (await lending.appraisal.postAppraisal(ip.ipId, valuePerRtUnit(200n * WAD))).wait();
  await (await lending.vault.listMarket(ip.ipId, { ...MARKET, oracle: await lending.appraisal.getAddress() })).wait();
  await transferRoyaltyTokensFromIp(ip, await attacker.getAddress(), RT_SUPPLY);

  // Underwriting pool over the hook token: an underwriter's 1,000 tokens.
  const insurance = await deployPoolOver(story, token);
  await (await token.mint(lender, FUNDS)).wait();
  await (await token.connect(lender).approve(insurance.pool, MaxUint256)).wait();
  await (await insurance.pool.connect(lender).deposit(FUNDS, lender)).wait();

  // Seats: a series sold in the hook token (selling now), and a seat market accepting it, with a listing of 10 seats
  // of a succeeded WIP series.
  const seats = await deploySeats(story);
  const wipIp = await createIpWithVault(story, owner);
  const wipSeries = await createSeriesFromIpAccount(seats, wipIp, await seriesParams(seats, wipIp));
  await openSale(seats, wipSeries);
  await buySeatsNative(seats, seller, wipSeries, 30n);
  const { params } = await seats.seats.series(wipSeries);
  await time.increaseTo(params.saleEnd + 1n);
  const market = await ethers.deployContract("SeatMarket", [seats.seats, seats.manager], seats.admin);
  await (await market.connect(seats.admin).setPaymentToken(token, true)).wait();
  await (await seats.seats.connect(seller).setApprovalForAll(market, true)).wait();
  await (await market.connect(seller).list(wipSeries, 10n, token, WAD, 0n)).wait();
  const saleIp = await createIpWithVault(story, owner);
  const seriesId = await createSeriesFromIpAccount(
    seats,
    saleIp,
    await seriesParams(seats, saleIp, { saleToken: await token.getAddress() }),
  );
  // A fresh appraisal after the time the seat sale took.
  await (await lending.appraisal.postAppraisal(ip.ipId, valuePerRtUnit(200n * WAD))).wait();
  return {
    story,
    token,
    attacker,
    lending,
    ip,
    insurance,
    seats,
    seriesId,
    market,
    listingId: 1n,
    lender,
    owner,
    seller,
  };
}
type HookWorld = Awaited<ReturnType<typeof hookWorld>>;

/** Has the attacker contract call `contract.fn(...args)`. */
async function attackerCalls(attacker: MockHookAttacker, contract: BaseContract, fn: string, args: unknown[]) {
  return attacker.execute(contract, contract.interface.encodeFunctionData(fn, args));
}

/** Arms the attacker to call `contract.fn(...args)` from its next token hook (a view probe if `probe`). */
async function arm(attacker: MockHookAttacker, contract: BaseContract, fn: string, args: unknown[], probe = false) {
  await (await attacker.arm(contract, contract.interface.encodeFunctionData(fn, args), probe)).wait();
}

/** `attackerCalls`, with the re-entry armed first; expects the guard of `guarded` to stop it and nothing to move. */
async function expectGuarded(
  w: HookWorld,
  guarded: BaseContract,
  call: [BaseContract, string, unknown[]],
  reentry: [BaseContract, string, unknown[]],
) {
  const watched = [w.attacker, w.lending.vault, w.insurance.pool, w.seats.seats, w.seller, w.lender];
  const before = await balances(w.token, watched);
  await arm(w.attacker, ...reentry);
  await expect(attackerCalls(w.attacker, ...call)).to.be.revertedWithCustomError(
    guarded,
    "ReentrancyGuardReentrantCall",
  );
  expect(await balances(w.token, watched)).to.deep.equal(before);
  expect(await w.attacker.armed()).to.equal(true);
}

/** The attacker approves `spender` for the hook token (no hook runs on approvals). */
async function approve(w: HookWorld, spender: BaseContract) {
  await (await attackerCalls(w.attacker, w.token, "approve", [await spender.getAddress(), MaxUint256])).wait();
}

/** An infringement-cover request on the world's IP (100 tokens, 60 days, any premium) paid to `recipient`. */
async function coverRequest(w: HookWorld, recipient: { getAddress(): Promise<string> }) {
  return {
    product: await w.insurance.product.getAddress(),
    subject: w.ip.ipId,
    ipId: w.ip.ipId,
    amount: 100n * WAD,
    duration: 60n * DAY,
    maxPremium: MaxUint256,
    recipient: await recipient.getAddress(),
  };
}

/**
 * The attacker deposits FUNDS into `vault` with a view probe of the price of 1e24 shares armed in its sender hook;
 * returns that price before the deposit and as the hook saw it.
 */
async function priceSeenFromDepositHook(
  w: HookWorld,
  vault: BaseContract & { convertToAssets(shares: bigint): Promise<bigint> },
): Promise<{ before: bigint; seen: bigint }> {
  const me = await w.attacker.getAddress();
  await approve(w, vault);
  const before = await vault.convertToAssets(10n ** 24n);
  await arm(w.attacker, vault, "convertToAssets", [10n ** 24n], true);
  await (await attackerCalls(w.attacker, vault, "deposit", [FUNDS, me])).wait();
  const [seen] = vault.interface.decodeFunctionResult("convertToAssets", await w.attacker.probeResult());
  return { before, seen };
}

/** The attacker opens a position with all its RT and borrows 50 tokens (hooks disarmed). */
async function attackerBorrows(w: HookWorld) {
  const { vault } = w.lending;
  await (await attackerCalls(w.attacker, vault, "openPosition", [w.ip.ipId])).wait();
  await (await attackerCalls(w.attacker, w.ip.vault, "approve", [await vault.getAddress(), RT_SUPPLY])).wait();
  await (await attackerCalls(w.attacker, vault, "addCollateral", [1n, RT_SUPPLY])).wait();
  await (await attackerCalls(w.attacker, vault, "borrow", [1n, 50n * WAD, await w.attacker.getAddress()])).wait();
  return 1n;
}

describe(`security — reentrancy through a hook token (${connection.networkName})`, function () {
  describe("lending vault over a hook token", function () {
    it("reentrancy: deposit re-entered from the sender hook — fails", async function () {
      const w = await networkHelpers.loadFixture(hookWorld);
      const me = await w.attacker.getAddress();
      await approve(w, w.lending.vault);
      const sharesBefore = await w.lending.vault.balanceOf(me);
      await expectGuarded(
        w,
        w.lending.vault,
        [w.lending.vault, "deposit", [10n * WAD, me]],
        [w.lending.vault, "deposit", [WAD, me]],
      );
      expect(await w.lending.vault.balanceOf(me)).to.equal(sharesBefore);
    });

    it("reentrancy: withdraw re-entered from the recipient hook — fails", async function () {
      const w = await networkHelpers.loadFixture(hookWorld);
      const me = await w.attacker.getAddress();
      await approve(w, w.lending.vault);
      await (await attackerCalls(w.attacker, w.lending.vault, "deposit", [10n * WAD, me])).wait();
      await expectGuarded(
        w,
        w.lending.vault,
        [w.lending.vault, "withdraw", [5n * WAD, me, me]],
        [w.lending.vault, "withdraw", [5n * WAD, me, me]],
      );
    });

    it("reentrancy: borrow re-entered from the recipient hook to borrow twice — fails", async function () {
      const w = await networkHelpers.loadFixture(hookWorld);
      const me = await w.attacker.getAddress();
      await attackerBorrows(w);
      const { borrowShares } = await w.lending.vault.position(1n);
      await expectGuarded(
        w,
        w.lending.vault,
        [w.lending.vault, "borrow", [1n, 20n * WAD, me]],
        [w.lending.vault, "borrow", [1n, 20n * WAD, me]],
      );
      expect((await w.lending.vault.position(1n)).borrowShares).to.equal(borrowShares);
    });

    it("reentrancy: repay re-entered from the sender hook — fails", async function () {
      const w = await networkHelpers.loadFixture(hookWorld);
      await attackerBorrows(w);
      await approve(w, w.lending.vault);
      await expectGuarded(
        w,
        w.lending.vault,
        [w.lending.vault, "repay", [1n, 10n * WAD]],
        [w.lending.vault, "withdrawCollateral", [1n, RT_SUPPLY / 2n, await w.attacker.getAddress()]],
      );
      expect((await w.lending.vault.position(1n)).collateral).to.equal(RT_SUPPLY);
    });

    it("reentrancy: liquidate re-entered from the liquidator's sender hook — fails", async function () {
      const w = await networkHelpers.loadFixture(hookWorld);
      await attackerBorrows(w);
      const disputeId = await raiseDispute(w.story, w.seller, w.ip.ipId);
      await judgeDispute(w.story, disputeId, true);
      await approve(w, w.lending.vault);
      await expectGuarded(
        w,
        w.lending.vault,
        [w.lending.vault, "liquidate", [1n, MaxUint256]],
        [w.lending.vault, "liquidate", [1n, MaxUint256]],
      );
      expect((await w.lending.vault.position(1n)).collateral).to.equal(RT_SUPPLY);
    });

    it("read-only reentrancy: the share price seen from a deposit's hook is the pre-deposit price", async function () {
      const w = await networkHelpers.loadFixture(hookWorld);
      const { before: price, seen } = await priceSeenFromDepositHook(w, w.lending.vault);
      // A consistent state: the vault books the assets after OpenZeppelin's transfer-then-mint, so a hook during the
      // transfer sees neither the assets nor the shares.
      expect(seen).to.equal(price);
    });
  });

  describe("underwriting pool over a hook token", function () {
    it("reentrancy: deposit re-entered from the sender hook — fails", async function () {
      const w = await networkHelpers.loadFixture(hookWorld);
      const me = await w.attacker.getAddress();
      await approve(w, w.insurance.pool);
      await expectGuarded(
        w,
        w.insurance.pool,
        [w.insurance.pool, "deposit", [10n * WAD, me]],
        [w.insurance.pool, "deposit", [WAD, me]],
      );
      expect(await w.insurance.pool.balanceOf(me)).to.equal(0n);
    });

    it("reentrancy: redeem re-entered from the recipient hook — fails", async function () {
      const w = await networkHelpers.loadFixture(hookWorld);
      const { pool } = w.insurance;
      const me = await w.attacker.getAddress();
      await approve(w, pool);
      await (await attackerCalls(w.attacker, pool, "deposit", [10n * WAD, me])).wait();
      const shares = await pool.balanceOf(me);
      await (await attackerCalls(w.attacker, pool, "requestWithdrawal", [shares])).wait();
      await time.increase(POOL_PARAMS.cooldown);
      await expectGuarded(w, pool, [pool, "redeem", [shares / 2n, me, me]], [pool, "redeem", [shares / 2n, me, me]]);
      expect((await pool.withdrawalRequest(me))[0]).to.equal(shares);
    });

    it("reentrancy: buyCover re-entered from the sender hook — fails", async function () {
      const w = await networkHelpers.loadFixture(hookWorld);
      const { pool } = w.insurance;
      await approve(w, pool);
      const request = await coverRequest(w, w.attacker);
      await expectGuarded(w, pool, [pool, "buyCover", [request]], [pool, "buyCover", [request]]);
      expect(await pool.lockedCapital()).to.equal(0n);
    });

    it("reentrancy: a claim payout re-entered from the recipient hook to be paid twice — fails", async function () {
      const w = await networkHelpers.loadFixture(hookWorld);
      const { pool, product } = w.insurance;
      await (await w.token.mint(w.lender, 10n * WAD)).wait();
      await (await w.token.connect(w.lender).approve(pool, MaxUint256)).wait();
      await (await pool.connect(w.lender).buyCover(await coverRequest(w, w.lender))).wait();
      const coverId = await product.lastCoverId();
      const me = await w.attacker.getAddress();
      await expectGuarded(
        w,
        pool,
        [product, "payClaim", [await pool.getAddress(), coverId, me, 100n * WAD]],
        [product, "payClaim", [await pool.getAddress(), coverId, me, 100n * WAD]],
      );
      expect(await pool.lockedCapital()).to.equal(100n * WAD);
    });

    it("read-only reentrancy: the share price seen from a deposit's hook is the pre-deposit price", async function () {
      const w = await networkHelpers.loadFixture(hookWorld);
      const { before: price, seen } = await priceSeenFromDepositHook(w, w.insurance.pool);
      // The pre-deposit price: `_deposit` raises `_capital` only after the transfer and the mint.
      expect(seen).to.equal(price);
    });
  });

  describe("seats and market over a hook token", function () {
    it("reentrancy: buying seats re-entered from the payer's sender hook — fails", async function () {
      const w = await networkHelpers.loadFixture(hookWorld);
      const contract = w.seats.seats;
      await openSale(w.seats, w.seriesId);
      await approve(w, contract);
      await expectGuarded(
        w,
        contract,
        [contract, "buy", [w.seriesId, 5n, WAD]],
        [contract, "buy", [w.seriesId, 5n, WAD]],
      );
      expect((await contract.series(w.seriesId)).sold).to.equal(0n);
    });

    it("reentrancy: a refund re-entered from the recipient hook to be refunded twice — fails", async function () {
      const w = await networkHelpers.loadFixture(hookWorld);
      const contract = w.seats.seats;
      await openSale(w.seats, w.seriesId);
      await approve(w, contract);
      await (await attackerCalls(w.attacker, contract, "buy", [w.seriesId, 1n, WAD])).wait();
      const { params } = await contract.series(w.seriesId);
      await time.increaseTo(params.saleEnd + 1n);
      await expectGuarded(w, contract, [contract, "refund", [w.seriesId]], [contract, "refund", [w.seriesId]]);
      expect(await contract.seatsOf(w.seriesId, w.attacker)).to.equal(1n);
    });

    it("reentrancy: a market purchase re-entered from the buyer's sender hook — fails", async function () {
      const w = await networkHelpers.loadFixture(hookWorld);
      await approve(w, w.market);
      const listing = await w.market.listing(w.listingId);
      await expectGuarded(
        w,
        w.market,
        [w.market, "buy", [w.listingId, 2n, MaxUint256]],
        [w.market, "buy", [w.listingId, 2n, MaxUint256]],
      );
      expect((await w.market.listing(w.listingId)).amount).to.equal(listing.amount);
    });
  });
});
