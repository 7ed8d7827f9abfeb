/**
 * Independent BigInt mirror of the RoyaltyLendingVault's interest and share arithmetic, used by its Mocha suites to
 * compute expected values (same integer operations and rounding as the contract, written from the specification).
 */
import type { RoyaltyLendingVault } from "../../typechain-types/index.ts";
import { RATE_MODEL, WAD, YEAR } from "../fixtures/lending.ts";

/** Lender shares carry 6 more decimals than the asset: 1e6 virtual shares and 1 virtual asset. */
export const VIRTUAL_SHARES = 10n ** 6n;
export const VIRTUAL_ASSETS = 1n;

export const mulDiv = (x: bigint, y: bigint, d: bigint): bigint => (x * y) / d;
export const mulDivUp = (x: bigint, y: bigint, d: bigint): bigint => (x * y + d - 1n) / d;

/** Assets ↔ shares of the lender vault (OpenZeppelin ERC-4626 with a 6-decimal offset). */
export const toShares = (assets: bigint, totalAssets: bigint, totalShares: bigint, up = false): bigint =>
  (up ? mulDivUp : mulDiv)(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
export const toAssets = (shares: bigint, totalAssets: bigint, totalShares: bigint, up = false): bigint =>
  (up ? mulDivUp : mulDiv)(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);

/** The kinked rate model of the fixtures, per second, each yearly parameter floored per second first. */
export function borrowRatePerSecond(utilization: bigint): bigint {
  const u = utilization > WAD ? WAD : utilization;
  const [base, slope1, slope2] = [RATE_MODEL.base / YEAR, RATE_MODEL.slope1 / YEAR, RATE_MODEL.slope2 / YEAR];
  if (u <= RATE_MODEL.kink) return base + (slope1 * u) / RATE_MODEL.kink;
  return base + slope1 + (slope2 * (u - RATE_MODEL.kink)) / (WAD - RATE_MODEL.kink);
}

/** e^(rate × elapsed) − 1 by three Taylor terms, each floored as WadMath.compoundedGrowth does. */
export function compoundedGrowth(rate: bigint, elapsed: bigint): bigint {
  const first = rate * elapsed;
  const second = (first * first) / (2n * WAD);
  const third = (second * first) / (3n * WAD);
  return first + second + third;
}

export function utilizationOf(borrowAssets: bigint, supplyAssets: bigint): bigint {
  if (supplyAssets === 0n) return 0n;
  const u = (borrowAssets * WAD) / supplyAssets;
  return u > WAD ? WAD : u;
}

/** The vault's stored accounting, read right after one of its transactions (so nothing is pending). */
export interface VaultState {
  supplyAssets: bigint;
  borrowAssets: bigint;
  borrowShares: bigint;
  shares: bigint;
  lastUpdate: bigint;
  reserveFactor: bigint;
}

/** ERC20 `_totalSupply` slot of the vault (OpenZeppelin 5 ERC20: balances 0, allowances 1, total supply 2). */
const TOTAL_SUPPLY_SLOT = 2n;

/** The vault's stored accounting (raw share supply read from storage: `totalSupply()` adds pending reserve). */
export async function readState(vault: RoyaltyLendingVault): Promise<VaultState> {
  const provider = vault.runner!.provider!;
  const [supplyAssets, borrowAssets, borrowShares, rawShares, lastUpdate, reserveFactor] = await Promise.all([
    vault.totalSupplyAssets(),
    vault.totalBorrowAssets(),
    vault.totalBorrowShares(),
    provider.getStorage(vault.getAddress(), TOTAL_SUPPLY_SLOT),
    vault.lastUpdate(),
    vault.reserveFactor(),
  ]);
  return { supplyAssets, borrowAssets, borrowShares, shares: BigInt(rawShares), lastUpdate, reserveFactor };
}

/** What the vault's totals become when interest accrues at `timestamp` (mirror of `_accrue`). */
export interface Accrued extends VaultState {
  rate: bigint;
  interest: bigint;
  reserveShares: bigint;
}

export function accrueAt(state: VaultState, timestamp: bigint): Accrued {
  const elapsed = timestamp - state.lastUpdate;
  if (elapsed === 0n || state.borrowAssets === 0n) {
    return { ...state, lastUpdate: timestamp, rate: 0n, interest: 0n, reserveShares: 0n };
  }
  const rate = borrowRatePerSecond(utilizationOf(state.borrowAssets, state.supplyAssets));
  const interest = (state.borrowAssets * compoundedGrowth(rate, elapsed)) / WAD;
  const supplyAssets = state.supplyAssets + interest;
  const reserve = (interest * state.reserveFactor) / WAD;
  const reserveShares =
    reserve === 0n ? 0n : mulDiv(reserve, state.shares + VIRTUAL_SHARES, supplyAssets - reserve + 1n);
  return {
    ...state,
    supplyAssets,
    borrowAssets: state.borrowAssets + interest,
    shares: state.shares + reserveShares,
    lastUpdate: timestamp,
    rate,
    interest,
    reserveShares,
  };
}

/** Debt of `borrowShares` at the given totals, rounded up (SharesMath.toAssetsUp). */
export function debtOfShares(borrowShares: bigint, state: { borrowAssets: bigint; borrowShares: bigint }): bigint {
  return mulDivUp(borrowShares, state.borrowAssets + VIRTUAL_ASSETS, state.borrowShares + VIRTUAL_SHARES);
}

/** Borrow shares for `assets`, rounded up (borrow) or down (repay). */
export function borrowSharesFor(
  assets: bigint,
  state: { borrowAssets: bigint; borrowShares: bigint },
  up: boolean,
): bigint {
  return (up ? mulDivUp : mulDiv)(assets, state.borrowShares + VIRTUAL_SHARES, state.borrowAssets + VIRTUAL_ASSETS);
}
