/**
 * `npm run bench:lending-scaling`: scaling bench of RoyaltyLendingVault on the local Story devnet. For 1, 10, 100 and
 * 1,000 positions pledging the RT of one IP (one IP per N), measures the operations whose cost must not depend on the
 * number of positions: `harvest` (claims the IP's revenue for all of them), `settle` of one position (its share
 * repays its debt, the rest becomes credit), `withdrawCredit` (the borrower's claim) and `addCollateral` (which
 * harvests and settles first). Fails if any of them varies across N by more than 1%. Prints a table and writes
 * bench/results/lending-scaling.json. Figures are `gasUsed` of each transaction (21,000 and calldata included).
 * Positions are not transferable, so there is no transfer row (seats have one: bench/seats-gas.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { network } from "hardhat";
import type { ContractTransactionResponse } from "ethers";
import {
  createIpWithVault,
  loadStory,
  payRoyaltyInWip,
  RT_SUPPLY,
  transferRoyaltyTokensFromIp,
  type IpWithVault,
} from "../test/fixtures/story.ts";
import { WAD, deployLending, depositWip, listIp } from "../test/fixtures/lending.ts";

const POSITIONS = [1, 10, 100, 1_000];
/** Flatness tolerance: the largest spread across N allowed for any operation. */
const MAX_SPREAD = 0.01;
/** The measured position pledges 1 RT (worth 10 WIP) and borrows 2 WIP; every other position pledges 0.04 RT. */
const MEASURED_COLLATERAL = RT_SUPPLY / 100n;
const OTHER_COLLATERAL = RT_SUPPLY / 2_500n;
const DEBT = 2n * WAD;
/** Royalties paid to each IP: the measured position's 1% share (3 WIP) repays its debt and leaves credit. */
const ROYALTY = 300n * WAD;

const started = Date.now();
const connection = await network.create();
const { ethers } = connection;
const [, borrower, lender, payer] = await ethers.getSigners();

const story = await loadStory(connection);
const lending = await deployLending(story);
const { vault } = lending;
const vaultAddress = await vault.getAddress();
await depositWip(lending, lender, 1_000n * WAD);

async function gasOf(send: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await send).wait();
  return Number(receipt!.gasUsed);
}

interface Case {
  positions: number;
  ip: IpWithVault;
  measured: bigint;
}

// A standing loan on another IP keeps the vault's debt non-zero throughout, so every measured operation accrues
// interest the same way (the cases' own debts are repaid by their revenue as the bench goes).
const background = await createIpWithVault(story, borrower);
await listIp(lending, background.ipId, 1_000n * WAD);
await transferRoyaltyTokensFromIp(background, borrower.address, RT_SUPPLY / 2n);
await (await background.vault.connect(borrower).approve(vaultAddress, RT_SUPPLY)).wait();
const backgroundPosition = await vault.connect(borrower).openPosition.staticCall(background.ipId);
await (await vault.connect(borrower).openPosition(background.ipId)).wait();
await (await vault.connect(borrower).addCollateral(backgroundPosition, RT_SUPPLY / 10n)).wait();
await (await vault.connect(borrower).borrow(backgroundPosition, 10n * WAD, borrower.address)).wait();

// One IP per N: the borrower holds half of its RT and opens N positions (the first is the measured one).
const cases: Case[] = [];
for (const positions of POSITIONS) {
  const ip = await createIpWithVault(story, borrower);
  await listIp(lending, ip.ipId, 1_000n * WAD);
  await transferRoyaltyTokensFromIp(ip, borrower.address, RT_SUPPLY / 2n);
  await (await ip.vault.connect(borrower).approve(vaultAddress, RT_SUPPLY)).wait();
  const measured = await vault.connect(borrower).openPosition.staticCall(ip.ipId);
  for (let i = 0; i < positions; i++) {
    const positionId = await vault.connect(borrower).openPosition.staticCall(ip.ipId);
    await (await vault.connect(borrower).openPosition(ip.ipId)).wait();
    const collateral = i === 0 ? MEASURED_COLLATERAL : OTHER_COLLATERAL;
    await (await vault.connect(borrower).addCollateral(positionId, collateral)).wait();
  }
  await (await vault.connect(borrower).borrow(measured, DEBT, borrower.address)).wait();
  cases.push({ positions, ip, measured });
}

const rows: Record<string, Record<number, number>> = {
  harvest: {},
  "settle (revenue repays the debt)": {},
  "withdrawCredit (claim)": {},
  "addCollateral (harvests and settles first)": {},
};
const wip = story.addresses.WIP;
for (const { positions, ip, measured } of cases) {
  await payRoyaltyInWip(story, payer, ip.ipId, ROYALTY);
  rows.harvest[positions] = await gasOf(vault.harvest(ip.ipId));
  rows["settle (revenue repays the debt)"][positions] = await gasOf(vault.settle(measured));
  rows["withdrawCredit (claim)"][positions] = await gasOf(
    vault.connect(borrower).withdrawCredit(measured, wip, borrower.address),
  );
  await payRoyaltyInWip(story, payer, ip.ipId, ROYALTY);
  rows["addCollateral (harvests and settles first)"][positions] = await gasOf(
    vault.connect(borrower).addCollateral(measured, OTHER_COLLATERAL),
  );
}

console.log("\nRoyaltyLendingVault scaling (gasUsed per transaction by number of positions on one IP)");
console.table(
  Object.entries(rows).map(([operation, byCount]) => ({
    operation,
    ...Object.fromEntries(POSITIONS.map((n) => [`${n} positions`, byCount[n].toLocaleString("en-US")])),
  })),
);

const failures: string[] = [];
for (const [operation, byCount] of Object.entries(rows)) {
  const values = POSITIONS.map((n) => byCount[n]);
  const spread = (Math.max(...values) - Math.min(...values)) / Math.min(...values);
  if (spread > MAX_SPREAD) {
    failures.push(`${operation}: spread ${(spread * 100).toFixed(2)}% across ${values.join(", ")}`);
  }
}

mkdirSync("bench/results", { recursive: true });
const result = {
  contract: "RoyaltyLendingVault",
  network: connection.networkName,
  solc: "0.8.37 (viaIR, optimizer 200 runs)",
  unit: "gasUsed per transaction",
  positions: POSITIONS,
  operations: rows,
};
writeFileSync("bench/results/lending-scaling.json", `${JSON.stringify(result, null, 2)}\n`);
console.log(`written bench/results/lending-scaling.json (${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (failures.length > 0) {
  throw new Error(`gas is not flat in the number of positions:\n${failures.join("\n")}`);
}
