/**
 * `npm run bench:insurance`: gas per operation of the insurance stack on the local Story devnet: the underwriting
 * pool's underwriter operations (deposit, withdrawal request, cancel, withdraw), cover purchases of both products,
 * accrual after one epoch and after 52 (the weekly epoch walk), the infringement product's report / release / claim
 * against Story's Dispute Module, and a lending liquidation that realizes bad debt without cover, with a
 * loan-shortfall cover paying inside it, and the vault re-asking its cover later (`claimBadDebtCover`). Prints a table
 * and writes bench/results/insurance-gas.json. Figures are `gasUsed` of each transaction (21,000 intrinsic gas and
 * calldata included).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { network } from "hardhat";
import { MaxUint256, ZeroAddress, type ContractTransactionResponse, type Signer } from "ethers";
import { RT_SUPPLY, createIpWithVault, judgeDispute, loadStory, raiseDispute } from "../test/fixtures/story.ts";
import {
  deployLending,
  depositWip,
  listIp,
  openPositionFromIpAccount,
  valuePerRtUnit,
} from "../test/fixtures/lending.ts";
import { DAY, EPOCH, WAD, deployInsurance } from "../test/fixtures/insurance.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const [, creator, underwriter, buyer, lender, liquidator, disputer, borrower] = await ethers.getSigners();

const story = await loadStory(connection);
const lending = await deployLending(story, { minDebt: WAD });
const insurance = await deployInsurance(story, { lending });
const { pool, infringement, shortfall } = insurance;
const { vault, appraisal } = lending;
const poolAddress = await pool.getAddress();
const vaultAddress = await vault.getAddress();

for (const account of [underwriter, buyer, liquidator]) {
  await (await story.wip.connect(account).deposit({ value: 5_000n * WAD })).wait();
  await (await story.wip.connect(account).approve(poolAddress, MaxUint256)).wait();
  await (await story.wip.connect(account).approve(vaultAddress, MaxUint256)).wait();
}

const rows: { operation: string; gasUsed: number }[] = [];
async function measure(operation: string, send: () => Promise<ContractTransactionResponse>): Promise<void> {
  const receipt = await (await send()).wait();
  rows.push({ operation, gasUsed: Number(receipt!.gasUsed) });
}

/** Buys `amount` of cover for 180 days from `buyer` at the quoted premium; returns the cover id and the tx. */
async function buyCover(product: string, subject: string, ipId: string, amount: bigint) {
  const duration = 180n * DAY;
  const { premium } = await pool.quote(product, subject, ipId, amount, duration);
  const request = { product, subject, ipId, amount, duration, maxPremium: premium, recipient: buyer.address };
  const coverId = await pool.connect(buyer).buyCover.staticCall(request);
  return { coverId, send: () => pool.connect(buyer).buyCover(request) };
}

/** A listed IP (1,000 WIP of RT) whose owner pledged half of its RT and borrowed 240 WIP (just under the 50% max LTV). */
async function borrowedPosition(owner: Signer) {
  const ip = await createIpWithVault(story, owner);
  await listIp(lending, ip.ipId, 1_000n * WAD);
  const positionId = await openPositionFromIpAccount(lending, ip, RT_SUPPLY / 2n);
  await (await vault.connect(owner).borrow(positionId, 240n * WAD, owner)).wait();
  return { ip, positionId };
}

/** Five 20% steps down (the oracle's bound per update): the collateral ends worth 32.8% of its listing value. */
async function crash(ipId: string): Promise<void> {
  let value = valuePerRtUnit(1_000n * WAD);
  for (let step = 0; step < 5; step++) {
    value = (value * 80n) / 100n;
    await (await appraisal.connect(lending.appraiser).postAppraisal(ipId, value)).wait();
  }
}

// Underwriters.
await measure("pool deposit (first)", () => pool.connect(underwriter).deposit(1_000n * WAD, underwriter.address));
await measure("pool deposit (second)", () => pool.connect(underwriter).deposit(500n * WAD, underwriter.address));
const shares = (await pool.balanceOf(underwriter.address)) / 10n;
await measure("requestWithdrawal", () => pool.connect(underwriter).requestWithdrawal(shares));
await measure("cancelWithdrawal", () => pool.connect(underwriter).cancelWithdrawal());
await (await pool.connect(underwriter).requestWithdrawal(shares)).wait();
await networkHelpers.time.increase(7n * DAY);
await measure("withdraw (after cooldown)", () =>
  pool.connect(underwriter).withdraw(50n * WAD, underwriter.address, underwriter.address),
);

// Borrowers: three identical positions (bad debt without cover, with cover, and covered later).
await depositWip(lending, lender, 1_000n * WAD);
const uncovered = await borrowedPosition(borrower);
const covered = await borrowedPosition(borrower);
const late = await borrowedPosition(borrower);

// Cover purchases.
const ipX = await createIpWithVault(story, creator);
const infringementAddress = await infringement.getAddress();
const shortfallAddress = await shortfall.getAddress();
const infringementCover = await buyCover(infringementAddress, ipX.ipId, ipX.ipId, 200n * WAD);
await measure("buyCover (infringement)", infringementCover.send);
const shortfallCover = await buyCover(shortfallAddress, vaultAddress, covered.ip.ipId, 200n * WAD);
await measure("buyCover (loan shortfall, one IP)", shortfallCover.send);
await (await (await buyCover(shortfallAddress, vaultAddress, late.ip.ipId, 200n * WAD)).send()).wait();

await networkHelpers.time.increase(EPOCH);
await measure("accrue (1 epoch)", () => pool.accrue());

// Infringement: an open dispute is reported, rejected and released; a second one is upheld and claimed.
const rejected = await raiseDispute(story, disputer, ipX.ipId);
await measure("InfringementProduct.reportDispute", () =>
  infringement.reportDispute(infringementCover.coverId, rejected),
);
await judgeDispute(story, rejected, false);
await measure("InfringementProduct.releaseReport", () => infringement.releaseReport(infringementCover.coverId));
const upheld = await raiseDispute(story, disputer, ipX.ipId);
await judgeDispute(story, upheld, true);
await measure("InfringementProduct.claim", () => infringement.claim(infringementCover.coverId, upheld));

// Liquidations realizing bad debt (collateral worth 164 WIP against 240 WIP of debt).
await crash(uncovered.ip.ipId);
await measure("liquidate with bad debt (no cover bought)", () =>
  vault.connect(liquidator).liquidate(uncovered.positionId, MaxUint256),
);
await crash(covered.ip.ipId);
await measure("liquidate with bad debt (loan-shortfall cover pays)", () =>
  vault.connect(liquidator).liquidate(covered.positionId, MaxUint256),
);
// The vault's cover is unset during the third liquidation, then set again: the vault re-asks it.
await (await vault.connect(lending.riskManager).setBadDebtCover(ZeroAddress)).wait();
await crash(late.ip.ipId);
await measure("liquidate with bad debt (no bad-debt cover set)", () =>
  vault.connect(liquidator).liquidate(late.positionId, MaxUint256),
);
await (await vault.connect(lending.riskManager).setBadDebtCover(shortfallAddress)).wait();
const [lateBadDebt] = await vault.uncoveredBadDebt(late.positionId);
await measure("vault.claimBadDebtCover", () => vault.claimBadDebtCover(late.positionId));

// The bench measured what it claims: the covered paths paid in full, the uncovered one did not.
const PAID = 3n;
const checks: [string, boolean][] = [
  ["infringement cover paid", (await insurance.coverNft.coverOf(infringementCover.coverId)).status === PAID],
  ["shortfall cover paid", (await insurance.coverNft.coverOf(shortfallCover.coverId)).status === PAID],
  ["bad debt left uncovered without cover", (await vault.uncoveredBadDebt(uncovered.positionId))[0] > 0n],
  ["bad debt fully covered by the cover", (await vault.uncoveredBadDebt(covered.positionId))[0] === 0n],
  ["bad debt recorded without a cover contract", lateBadDebt > 0n],
  ["claimBadDebtCover covered the rest", (await vault.uncoveredBadDebt(late.positionId))[0] === 0n],
];
for (const [check, ok] of checks) {
  if (!ok) {
    throw new Error(`bench scenario broken: ${check}`);
  }
}

// The epoch walk: a year of weekly boundaries (streams and locks ending on some of them) in one accrual.
await networkHelpers.time.increase(52n * EPOCH);
await measure("accrue (52 epochs)", () => pool.accrue());

console.log("\nInsurance gas (gasUsed per transaction, local Story devnet)");
console.table(rows.map((row) => ({ operation: row.operation, gas: row.gasUsed.toLocaleString("en-US") })));

mkdirSync("bench/results", { recursive: true });
const result = {
  contract: "UnderwritingPool, InfringementProduct, LoanShortfallProduct, RoyaltyLendingVault",
  network: connection.networkName,
  solc: "0.8.37 (optimizer 200 runs; the lending vault viaIR)",
  unit: "gasUsed per transaction",
  operations: Object.fromEntries(rows.map((row) => [row.operation, row.gasUsed])),
};
writeFileSync("bench/results/insurance-gas.json", `${JSON.stringify(result, null, 2)}\n`);
console.log("written bench/results/insurance-gas.json");
