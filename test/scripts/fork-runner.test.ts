/** The fork-mode runners: what they run, and how they fail without configuration. */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import hre from "hardhat";
import { forkSuites } from "../../scripts/fork/run.ts";

describe("fork-mode runner", function () {
  it("stops with a one-line error naming STORY_RPC_URL when it is not set", function () {
    const env = { ...process.env };
    delete env.STORY_RPC_URL;
    const result = spawnSync(process.execPath, ["scripts/fork/test-fork.ts"], { env, encoding: "utf8" });

    expect(result.status).to.equal(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).to.have.length(1);
    expect(lines[0]).to.contain("STORY_RPC_URL");
    expect(result.stdout).to.equal("");
  });

  it("runs every Mocha suite except the devnet-only ones and the attack suite", function () {
    const suites = forkSuites();
    expect(suites).to.include("test/story/story-behaviour.test.ts");
    expect(suites).to.include("test/scripts/fork-runner.test.ts");
    expect(suites.filter((file) => file.includes("/devnet/"))).to.deep.equal([]);
    expect(suites.filter((file) => file.startsWith("test/security/"))).to.deep.equal([]);
    expect(suites).to.include("test/insurance/InfringementProduct.test.ts");
  });

  it("declares Story's hardfork history so forks can replay it", function () {
    for (const [chainId, prague, osaka] of [
      [1514n, 1751934608, 1768435200],
      [1315n, 1748305808, 1767830400],
    ] as const) {
      const history = hre.config.chainDescriptors.get(chainId)?.hardforkHistory;
      expect(history?.get("cancun")).to.deep.equal({ blockNumber: 0 });
      expect(history?.get("prague")).to.deep.equal({ timestamp: prague });
      expect(history?.get("osaka")).to.deep.equal({ timestamp: osaka });
    }
  });
});
