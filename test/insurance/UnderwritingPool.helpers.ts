/**
 * Independent BigInt mirror of the UnderwritingPool's share and premium-stream arithmetic, used by its Mocha suites
 * to compute expected values from the specification (same integer operations and rounding), plus small helpers to
 * fund buyers and buy cover at a chosen timestamp.
 */
import { expect } from "chai";
import { MaxUint256, encodeBytes32String, type Signer } from "ethers";
import type { Insurance } from "../fixtures/insurance.ts";
import type { UnderwritingPool } from "../../typechain-types/index.ts";
import { EPOCH, WAD, YEAR } from "../fixtures/insurance.ts";

/** Pool shares carry 6 more decimals than the asset: 1e6 virtual shares and 1 virtual asset. */
export const VIRTUAL_SHARES = 10n ** 6n;
export const VIRTUAL_ASSETS = 1n;
/** Premium rates are per second, scaled by 1e18. */
export const RATE_SCALE = WAD;

export const name = (s: string) => encodeBytes32String(s);
export const addr = (s: Signer | { getAddress(): Promise<string> }) => s.getAddress();

const mulDiv = (x: bigint, y: bigint, d: bigint) => (x * y) / d;
const mulDivUp = (x: bigint, y: bigint, d: bigint) => (x * y + d - 1n) / d;

/** Assets → shares (OpenZeppelin ERC-4626 with a 6-decimal offset). */
export const toShares = (assets: bigint, totalAssets: bigint, totalShares: bigint, up = false): bigint =>
  (up ? mulDivUp : mulDiv)(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
/** Shares → assets (OpenZeppelin ERC-4626 with a 6-decimal offset). */
export const toAssets = (shares: bigint, totalAssets: bigint, totalShares: bigint, up = false): bigint =>
  (up ? mulDivUp : mulDiv)(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);

/** The first epoch boundary strictly after `t` (boundaries are multiples of 7 days since unix 0). */
export const epochAfter = (t: bigint): bigint => (t / EPOCH + 1n) * EPOCH;

/** Premium = ceil(amount × rate × duration / (1e18 × year)). */
export const premiumOf = (amount: bigint, rate: bigint, duration: bigint): bigint =>
  mulDivUp(amount, rate * duration, WAD * YEAR);
/** Protocol fee = floor(premium × fee / 1e18). */
export const feeOf = (premium: bigint, protocolFee: bigint): bigint => (premium * protocolFee) / WAD;

/** A premium stream: the net premium streamed from purchase to the epoch boundary strictly after the cover's end. */
export interface Stream {
  net: bigint;
  purchasedAt: bigint;
  streamEnd: bigint;
  rate: bigint;
}

export function streamOf(net: bigint, purchasedAt: bigint, end: bigint): Stream {
  const streamEnd = epochAfter(end);
  return { net, purchasedAt, streamEnd, rate: (net * RATE_SCALE) / (streamEnd - purchasedAt) };
}

/**
 * Premium earned from `streams` between two accruals at `from` and `to` (no accrual in between), as the pool computes
 * it: Σ rate × seconds each stream ran in (from, to], floored once; everything left is earned once no stream runs.
 */
export function earnedBetween(streams: Stream[], from: bigint, to: bigint, unearned: bigint): bigint {
  let streamed = 0n;
  let running = false;
  for (const s of streams) {
    const start = s.purchasedAt > from ? s.purchasedAt : from;
    const stop = s.streamEnd < to ? s.streamEnd : to;
    if (stop > start) streamed += s.rate * (stop - start);
    if (s.streamEnd > to) running = true;
  }
  const earned = streamed / RATE_SCALE;
  if (!running) return unearned;
  return earned > unearned ? unearned : earned;
}

/** Wraps `amount` native IP into WIP for `account` and approves `spender` for all of it. */
export async function fundAndApprove(insurance: Insurance, account: Signer, spender: string, amount: bigint) {
  const { wip } = insurance.story;
  await (await wip.connect(account).deposit({ value: amount })).wait();
  await (await wip.connect(account).approve(spender, MaxUint256)).wait();
}

/** A cover request with sane defaults for the infringement product on `ipId`. */
export async function infringementRequest(
  insurance: Insurance,
  ipId: string,
  recipient: Signer | string,
  amount: bigint,
  duration: bigint,
  overrides: Partial<{ maxPremium: bigint }> = {},
) {
  return {
    product: await insurance.infringement.getAddress(),
    subject: ipId,
    ipId,
    amount,
    duration,
    maxPremium: overrides.maxPremium ?? MaxUint256,
    recipient: typeof recipient === "string" ? recipient : await recipient.getAddress(),
  };
}

/** The block timestamp of a mined transaction. */
export async function minedAt(insurance: Insurance, tx: { wait(): Promise<unknown> }): Promise<bigint> {
  const receipt = (await tx.wait()) as { blockNumber: number };
  const block = await insurance.story.connection.ethers.provider.getBlock(receipt.blockNumber);
  return BigInt(block!.timestamp);
}

/** A cover's lock: its amount is locked (and reserved while reported) until the boundary after its claim deadline. */
export interface Lock {
  amount: bigint;
  until: bigint;
  reserved: boolean;
}

/**
 * The pool's totals replayed from the specification: every state-changing pool call accrues at its block time
 * (`accrue`), then applies its effect. Views (`at`) bring the totals to a time without changing the model.
 */
export class PoolModel {
  capital = 0n;
  unearned = 0n;
  last = 0n;
  streams: Stream[] = [];
  locks: Lock[] = [];

  /** The totals at `t`, had the pool accrued last at `this.last`. */
  at(t: bigint) {
    const earned = t === this.last ? 0n : earnedBetween(this.streams, this.last, t, this.unearned);
    const live = this.locks.filter((l) => l.until > t);
    const locked = live.reduce((s, l) => s + l.amount, 0n);
    const reserved = live.filter((l) => l.reserved).reduce((s, l) => s + l.amount, 0n);
    const capital = this.capital + earned;
    return { capital, unearned: this.unearned - earned, earned, locked, reserved, totalAssets: capital - reserved };
  }

  accrue(t: bigint) {
    const { capital, unearned } = this.at(t);
    this.capital = capital;
    this.unearned = unearned;
    this.last = t;
    return this;
  }

  deposit(t: bigint, assets: bigint) {
    this.accrue(t).capital += assets;
  }

  withdraw(t: bigint, assets: bigint) {
    this.accrue(t).capital -= assets;
  }

  /** A cover bought at `t`: locks its amount and streams the net premium. Returns the lock's index. */
  buy(t: bigint, amount: bigint, net: bigint, end: bigint, claimDeadline: bigint): number {
    this.accrue(t);
    this.streams.push(streamOf(net, t, end));
    this.unearned += net;
    this.locks.push({ amount, until: epochAfter(claimDeadline), reserved: false });
    return this.locks.length - 1;
  }

  /** A claim of `amount` paid on the cover of lock `index`: its lock (and reserve) end, the capital pays. */
  pay(t: bigint, index: number, amount: bigint) {
    this.accrue(t);
    this.locks[index] = { ...this.locks[index], until: 0n };
    this.capital -= amount;
  }

  /** The cover of lock `index` is reported (`reserved`) or released. */
  reserve(t: bigint, index: number, reserved: boolean) {
    this.accrue(t);
    this.locks[index] = { ...this.locks[index], reserved };
  }

  /** A copy (fixtures are shared between tests: each test replays on its own copy). */
  clone(): PoolModel {
    const copy = new PoolModel();
    copy.capital = this.capital;
    copy.unearned = this.unearned;
    copy.last = this.last;
    copy.streams = this.streams.map((s) => ({ ...s }));
    copy.locks = this.locks.map((l) => ({ ...l }));
    return copy;
  }
}

/** The pool's totals and premium rate, read right after an accrual. */
export interface PoolSnapshot {
  at: bigint;
  capital: bigint;
  totalAssets: bigint;
  locked: bigint;
  reserved: bigint;
  rate: bigint;
}

/** Accrues the pool now (so nothing is pending) and reads its totals and premium rate. */
export async function poolSnapshot(pool: UnderwritingPool): Promise<PoolSnapshot> {
  await (await pool.accrue()).wait();
  const block = await pool.runner!.provider!.getBlock("latest");
  return {
    at: BigInt(block!.timestamp),
    capital: await pool.capital(),
    totalAssets: await pool.totalAssets(),
    locked: await pool.lockedCapital(),
    reserved: await pool.reservedCapital(),
    rate: await pool.premiumRate(),
  };
}

/** Premium earned from the snapshot to `timestamp`, at the snapshot's rate (no epoch boundary may lie between). */
export function earnedSince(snap: PoolSnapshot, timestamp: bigint): bigint {
  expect(timestamp / EPOCH, "an epoch boundary passed between snapshot and call").to.equal(snap.at / EPOCH);
  return (snap.rate * (timestamp - snap.at)) / RATE_SCALE;
}
