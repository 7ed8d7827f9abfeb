/**
 * `npm run bench`: gas per operation of the royalty lending vault on the local Story devnet, for the operations
 * lenders compare (supply, withdraw, supplyCollateral, borrow, repay, liquidate, accrual after time passes) and the
 * ones only Quintessence has (harvest, settle). Prints a table and writes bench/results/lending-gas.json.
 * Figures are `gasUsed` of each transaction (21,000 intrinsic gas and calldata included), as in PEERS.md.
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
} from "../test/fixtures/story.ts";
import { DAY, WAD, deployLending, listIp, valuePerRtUnit } from "../test/fixtures/lending.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const [, creator, lender, payer, liquidator] = await ethers.getSigners();

const story = await loadStory(connection);
const lending = await deployLending(story);
const { vault, appraisal } = lending;
const vaultAddress = await vault.getAddress();
const ip = await createIpWithVault(story, creator);
await listIp(lending, ip.ipId, 1_000n * WAD);

// The creator holds RT directly (as any RT holder may pledge), and every account has WIP approved.
await transferRoyaltyTokensFromIp(ip, creator.address, RT_SUPPLY / 2n);
await (await ip.vault.connect(creator).approve(vaultAddress, RT_SUPPLY)).wait();
for (const account of [lender, creator, liquidator]) {
  await (await story.wip.connect(account).deposit({ value: 1_000n * WAD })).wait();
  await (await story.wip.connect(account).approve(vaultAddress, ethers.MaxUint256)).wait();
}

const rows: { operation: string; gasUsed: number }[] = [];
async function measure(operation: string, send: () => Promise<ContractTransactionResponse>): Promise<void> {
  const receipt = await (await send()).wait();
  rows.push({ operation, gasUsed: Number(receipt!.gasUsed) });
}

await measure("supply (first)", () => vault.connect(lender).deposit(500n * WAD, lender.address));
await measure("supply (second)", () => vault.connect(lender).deposit(100n * WAD, lender.address));
await measure("withdraw", () => vault.connect(lender).withdraw(50n * WAD, lender.address, lender.address));
const positionId = await vault.connect(creator).openPosition.staticCall(ip.ipId);
await measure("openPosition", () => vault.connect(creator).openPosition(ip.ipId));
await measure("supplyCollateral", () => vault.connect(creator).addCollateral(positionId, RT_SUPPLY / 4n));
await measure("borrow (first)", () => vault.connect(creator).borrow(positionId, 100n * WAD, creator.address));
await measure("borrow (second)", () => vault.connect(creator).borrow(positionId, 10n * WAD, creator.address));
await networkHelpers.time.increase(30n * DAY);
await measure("accrueInterest (30 days)", () => vault.accrueInterest());
// Appraisals go stale after a day: the appraiser re-posts the same value.
let value = valuePerRtUnit(1_000n * WAD);
await (await appraisal.connect(lending.appraiser).postAppraisal(ip.ipId, value)).wait();
await measure("repay", () => vault.connect(creator).repay(positionId, 10n * WAD));
await payRoyaltyInWip(story, payer, ip.ipId, 20n * WAD);
await measure("harvest (1 revenue token)", () => vault.harvest(ip.ipId));
await measure("settle (revenue repays debt)", () => vault.settle(positionId));
await measure("withdrawCollateral", () =>
  vault.connect(creator).withdrawCollateral(positionId, RT_SUPPLY / 100n, creator.address),
);

// Make the position unhealthy: the appraisal falls in steps of at most the oracle's max change (20%).
while ((await vault.healthFactor(positionId)) >= WAD) {
  value = (value * 81n) / 100n;
  await (await appraisal.connect(lending.appraiser).postAppraisal(ip.ipId, value)).wait();
}
await measure("liquidate", () => vault.connect(liquidator).liquidate(positionId, 20n * WAD));

console.log("\nRoyaltyLendingVault gas (gasUsed per transaction, local Story devnet)");
console.table(rows.map((row) => ({ operation: row.operation, gas: row.gasUsed.toLocaleString("en-US") })));

mkdirSync("bench/results", { recursive: true });
const result = {
  contract: "RoyaltyLendingVault",
  network: connection.networkName,
  solc: "0.8.37 (viaIR, optimizer 200 runs)",
  unit: "gasUsed per transaction",
  operations: Object.fromEntries(rows.map((row) => [row.operation, row.gasUsed])),
};
writeFileSync("bench/results/lending-gas.json", `${JSON.stringify(result, null, 2)}\n`);
console.log("written bench/results/lending-gas.json");
