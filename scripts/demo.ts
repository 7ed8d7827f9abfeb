/**
 * `npm run demo`: the IPFi story with real contract calls (scripts/demo/scenario.ts), printed step by step with a
 * final table, and written to `demo-report.html` (charts of the loan's debt, the seat and share values). In-process
 * by default; `npm run demo -- --network localhost` runs it against a running node. `DEMO_REPORT` sets the report path.
 */
import { writeFileSync } from "node:fs";
import { network } from "hardhat";
import { formatAmount, runScenario, type Step } from "./demo/scenario.ts";
import { FINAL_HEADERS, finalTableRows, renderReport } from "./demo/report.ts";

function printStep(step: Step): void {
  console.log(`\n${String(step.index).padStart(2)}. [day ${step.day}] ${step.title}`);
  for (const line of step.details) {
    console.log(`      ${line}`);
  }
  for (const balance of step.balances) {
    console.log(`      · ${balance.label}: ${formatAmount(balance.amount, balance.unit)}`);
  }
}

const startedAt = Date.now();
const connection = await network.create();
const result = await runScenario(connection, printStep);

console.log("\nThe loan, month by month");
console.table(
  result.harvests.map((h) => ({
    month: h.month,
    "royalty paid": formatAmount(h.royalty, "WIP"),
    "to the dataset": formatAmount(h.parentShare, "WIP"),
    "applied to debt": formatAmount(h.repaid, "WIP"),
    "debt after": formatAmount(h.debt, "WIP"),
  })),
);

console.log("\nFinal balances");
console.table(
  finalTableRows(result).map((row) => Object.fromEntries(FINAL_HEADERS.map((header, i) => [header, row[i]]))),
);

const path = process.env.DEMO_REPORT ?? "demo-report.html";
writeFileSync(path, renderReport(result));
console.log(`\nReport written to ${path} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
