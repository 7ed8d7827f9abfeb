/**
 * `npm run test:fork:local`: proves fork mode offline. Starts a local Hardhat node (chainId 1514), deploys the
 * Story devnet to it, writes its address book, then runs the fork-mode suites forking from that node with
 * STORY_ADDRESSES pointing at the book and STORY_FORK_BLOCK at the node's latest block.
 */
import { rpc, run, start, stop } from "./run.ts";

const url = "http://127.0.0.1:8545"; // the `localhost` network of hardhat.config.ts
const book = ".fork-local/story-addresses.json";

async function waitForNode(): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      await rpc(url, "eth_chainId");
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`the local node did not answer at ${url} within 60 s`);
}

async function portInUse(): Promise<boolean> {
  try {
    await rpc(url, "eth_chainId");
    return true;
  } catch {
    return false;
  }
}

if (await portInUse()) {
  console.error(`test:fork:local: something already answers at ${url}; stop it first`);
  process.exit(1);
}

const node = start("hardhat", ["node", "--network", "storyNode", "--hostname", "127.0.0.1", "--port", "8545"]);
let code = 1;
try {
  await waitForNode();
  const chainId = BigInt((await rpc(url, "eth_chainId")) as string);
  console.log(`Local Story node up at ${url} (chainId ${chainId})`);
  code = await run("hardhat", ["run", "scripts/devnet/deploy.ts", "--network", "localhost"], {
    ...process.env,
    DEVNET_ADDRESSES_OUT: book,
  });
  if (code === 0) {
    const block = BigInt((await rpc(url, "eth_blockNumber")) as string);
    code = await run("node", ["scripts/fork/test-fork.ts"], {
      ...process.env,
      STORY_RPC_URL: url,
      STORY_CHAIN_ID: chainId.toString(),
      STORY_FORK_BLOCK: block.toString(),
      STORY_ADDRESSES: book,
    });
  }
} finally {
  stop(node);
}
process.exit(code);
