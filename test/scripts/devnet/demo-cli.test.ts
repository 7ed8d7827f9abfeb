/**
 * `npm run demo` must keep working from the command line: run it as a user would (in-process devnet) and check that
 * it tells the story and writes the self-contained report. Devnet only: the scenario itself runs in both modes in
 * test/scripts/demo.test.ts.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("npm run demo", function () {
  it("runs the script end to end, prints the final table and writes the HTML report", function () {
    this.timeout(180_000);
    const report = join(mkdtempSync(join(tmpdir(), "demo-")), "demo-report.html");
    const started = Date.now();
    const result = spawnSync(process.execPath, ["node_modules/hardhat/dist/src/cli.js", "run", "scripts/demo.ts"], {
      encoding: "utf8",
      env: { ...process.env, FORCE_COLOR: "0", DEMO_REPORT: report },
    });
    console.log(`      (npm run demo took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/ 1\. \[day 0\] Story devnet and Quintessence deployed/);
    expect(result.stdout).to.contain("Final balances");
    expect(result.stdout).to.contain(`Report written to ${report}`);
    expect(readFileSync(report, "utf8")).to.contain("<svg");
  });
});
