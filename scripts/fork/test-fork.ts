/**
 * `npm run test:fork`: runs the Mocha suites against a fork of the Story chain at STORY_RPC_URL.
 * Optional: STORY_CHAIN_ID (default 1514), STORY_FORK_BLOCK (default: Hardhat's choice), STORY_ADDRESSES (a JSON
 * address book for custom deployments; default: the official addresses of the chain).
 */
import { forkSuites, run } from "./run.ts";

if (!process.env.STORY_RPC_URL) {
  console.error("test:fork: set STORY_RPC_URL to a Story RPC endpoint (e.g. STORY_RPC_URL=<url> npm run test:fork)");
  process.exit(1);
}
const env: NodeJS.ProcessEnv = { ...process.env, STORY_CHAIN_ID: process.env.STORY_CHAIN_ID ?? "1514" };
const suites = forkSuites();
console.log(
  `Forking chain ${env.STORY_CHAIN_ID} at block ${process.env.STORY_FORK_BLOCK ?? "(default)"}: ${suites.length} suites`,
);
process.exit(await run("hardhat", ["test", "mocha", "--network", "storyFork", ...suites], env));
