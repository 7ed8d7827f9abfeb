/**
 * `npm run bench:seats`: scaling bench of CollaborationSeats on the local Story devnet. For 1, 10, 100 and 1,000 seat
 * holders (one series each, 1,000 seats, 1 per wallet, bought by N fresh funded wallets), measures the operations
 * whose cost must not depend on the number of holders: harvest, claim and transfer (which harvests and checkpoints
 * both sides). Fails if any of them varies across N by more than 1%. Prints a table and writes bench/results/seats-gas.json. Figures are `gasUsed` of
 * each transaction (21,000 intrinsic gas and calldata included).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { network } from "hardhat";
import type { ContractTransactionResponse, Signer } from "ethers";
import { createIpWithVault, loadStory, payRoyaltyInWip, RT_SUPPLY, type IpWithVault } from "../test/fixtures/story.ts";
import { WAD, buySeatsNative, createSeriesFromIpAccount, deploySeats, seriesParams } from "../test/fixtures/seats.ts";

const HOLDERS = [1, 10, 100, 1_000];
const MAX_SEATS = 1_000n;
/** Flatness tolerance: the largest spread across N allowed for any operation. */
const MAX_SPREAD = 0.01;

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const [, creator, payer] = await ethers.getSigners();

const story = await loadStory(connection);
const seats = await deploySeats(story);
const wip = story.addresses.WIP;

interface Case {
  holders: number;
  ip: IpWithVault;
  seriesId: bigint;
  wallets: Signer[];
}

/** Fresh wallets with gas money (random keys: every holder is a distinct, never-seen account). */
async function fundedWallets(count: number): Promise<Signer[]> {
  const wallets: Signer[] = [];
  for (let i = 0; i < count; i++) {
    const wallet = ethers.Wallet.createRandom().connect(ethers.provider);
    await networkHelpers.setBalance(wallet.address, 10n * WAD);
    wallets.push(wallet);
  }
  return wallets;
}

async function gasOf(send: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await send).wait();
  return Number(receipt!.gasUsed);
}

// One IP and one series per N, all with the same sale window: 1,000 seats at 1 WIP, 1 per wallet, 1 to succeed.
const cases: Case[] = [];
const start = BigInt(await networkHelpers.time.latest()) + 600n;
for (const holders of HOLDERS) {
  const ip = await createIpWithVault(story, creator);
  const params = await seriesParams(seats, ip, {
    rtAmount: RT_SUPPLY / 2n,
    maxSeats: MAX_SEATS,
    minSeats: 1n,
    maxSeatsPerWallet: 1n,
    saleStart: start,
    saleEnd: start + 7n * 24n * 3600n,
  });
  const seriesId = await createSeriesFromIpAccount(seats, ip, params);
  cases.push({ holders, ip, seriesId, wallets: await fundedWallets(holders) });
}
await networkHelpers.time.increaseTo(start);

const rows: Record<string, Record<number, number>> = {
  harvest: {},
  claim: {},
  "transfer (harvests first)": {},
};
for (const { seriesId, wallets } of cases) {
  for (const wallet of wallets) {
    await buySeatsNative(seats, wallet, seriesId, 1n);
  }
}
await networkHelpers.time.increase(8n * 24n * 3600n);
for (const { seriesId } of cases) {
  await (await seats.seats.finalize(seriesId)).wait();
}

for (const { holders, ip, seriesId, wallets } of cases) {
  const holder = wallets[0];
  const holderAddress = await holder.getAddress();
  await payRoyaltyInWip(story, payer, ip.ipId, 100n * WAD);
  rows.harvest[holders] = await gasOf(seats.seats.harvest(seriesId));
  rows.claim[holders] = await gasOf(seats.seats.connect(holder).claim(seriesId, holderAddress, wip));
  // Revenue paid to Story but not harvested: the transfer harvests it, then checkpoints both sides.
  await payRoyaltyInWip(story, payer, ip.ipId, 100n * WAD);
  const [receiver] = await fundedWallets(1);
  rows["transfer (harvests first)"][holders] = await gasOf(
    seats.seats.connect(holder).safeTransferFrom(holderAddress, await receiver.getAddress(), seriesId, 1n, "0x"),
  );
}

const spreads = Object.fromEntries(
  Object.entries(rows).map(([operation, byN]) => {
    const values = Object.values(byN);
    return [operation, (Math.max(...values) - Math.min(...values)) / Math.min(...values)];
  }),
);
const flat = Object.values(spreads).every((spread) => spread <= MAX_SPREAD);

console.log(
  `\nCollaborationSeats gas by number of seat holders N (gasUsed per transaction, local Story devnet).\n` +
    `Flat across N: claims and transfers are O(1) whatever the number of holders (largest spread ` +
    `${(Math.max(...Object.values(spreads)) * 100).toFixed(2)}%).`,
);
console.table(
  Object.entries(rows).map(([operation, byN]) => ({
    operation,
    ...Object.fromEntries(HOLDERS.map((n) => [`N=${n.toLocaleString("en-US")}`, byN[n].toLocaleString("en-US")])),
  })),
);

mkdirSync("bench/results", { recursive: true });
const result = {
  contract: "CollaborationSeats",
  network: connection.networkName,
  solc: "0.8.37 (optimizer 200 runs)",
  unit: "gasUsed per transaction",
  caption: "Flat across N: claim, transfer and harvest cost the same with 1 or 1,000 seat holders.",
  holders: HOLDERS,
  operations: rows,
  maxSpread: spreads,
  flat,
};
writeFileSync("bench/results/seats-gas.json", `${JSON.stringify(result, null, 2)}\n`);
console.log("written bench/results/seats-gas.json");
if (!flat) {
  throw new Error(`gas is not flat across N: ${JSON.stringify(spreads)}`);
}
