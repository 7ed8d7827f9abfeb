/** `npm run demo` must keep working: run it and check the story it tells. */
import { expect } from "chai";
import { spawnSync } from "node:child_process";

describe("demo script", function () {
  it("runs the devnet scenario end to end and reports the judged dispute", function () {
    this.timeout(180_000);
    const result = spawnSync(process.execPath, ["node_modules/hardhat/dist/src/cli.js", "run", "scripts/demo.ts"], {
      encoding: "utf8",
      env: { ...process.env, FORCE_COLOR: "0" },
    });

    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.contain("the first license mint deployed the royalty vault");
    expect(result.stdout).to.contain("the IP account holds 100.0 RT of 100.0 RT");
    expect(result.stdout).to.contain("vault claimable 8.0 WIP");
    expect(result.stdout).to.contain("claimable: IP account 48.0 WIP, investor 10.0 WIP");
    expect(result.stdout).to.contain("investor's WIP balance 10.0 WIP");
    expect(result.stdout).to.contain("isIpTagged = false (false while only in dispute)");
    expect(result.stdout).to.contain("isIpTagged = true; claimable for the IP account is now 0.0 WIP");
  });
});
