import { createRequire } from "node:module";
import { configVariable, defineConfig } from "hardhat/config";
import toolbox from "@nomicfoundation/hardhat-toolbox-mocha-ethers";

const require = createRequire(import.meta.url);

/** Storyscan (Blockscout) of a Story chain, for hardhat-verify. */
const storyscan = (url: string) => ({ name: "Storyscan", url, apiUrl: `${url}/api` });

/** Fork target chain (1514 mainnet unless STORY_CHAIN_ID says otherwise). */
const forkChainId = Number(process.env.STORY_CHAIN_ID ?? 1514);
const forkBlock = process.env.STORY_FORK_BLOCK;

/** Solidity: npm `solc` soljson (no compiler download), Prague bytecode runs on Story's Prague and Osaka. */
const compiler = {
  version: "0.8.37",
  path: require.resolve("solc/soljson.js"),
  settings: {
    evmVersion: "prague",
    optimizer: { enabled: true, runs: 200 },
  },
};

/** The lending vault is close to the 24 KiB code limit: the IR pipeline keeps it well below. */
const viaIrCompiler = { ...compiler, settings: { ...compiler.settings, viaIR: true } };
const overrides = { "contracts/lending/RoyaltyLendingVault.sol": viaIrCompiler };

export default defineConfig({
  plugins: [toolbox],
  solidity: {
    // `production` is declared too: Hardhat's implicit production profile would drop `settings`.
    profiles: {
      default: { compilers: [compiler], overrides },
      production: { compilers: [compiler], overrides },
    },
    // npm contracts deployed by name: OpenZeppelin's AccessManager (the authority of every deployment) and, in
    // tests, Pyth's MockPyth. (Morpho Blue, for the gas bench only, is compiled by bench/peers/morpho.ts.)
    npmFilesToBuild: [
      "@openzeppelin/contracts/access/manager/AccessManager.sol",
      "@pythnetwork/pyth-sdk-solidity/MockPyth.sol",
    ],
  },
  paths: {
    ignition: "deploy",
  },
  typechain: { outDir: "typechain-types" },
  test: {
    mocha: { timeout: 120_000 },
    solidity: {
      // 48 fuzz tests × 256 runs ≈ 12,300 fuzz runs per CI run; `npm run test:deep` runs ten times as many.
      fuzz: { runs: Number(process.env.FUZZ_RUNS ?? 256), seed: "0x5155" },
      invariant: { runs: Number(process.env.INVARIANT_RUNS ?? 64), depth: 32, failOnRevert: true },
    },
  },
  coverage: {
    skipFiles: ["test/**", "contracts/mocks/**"],
  },
  // Story's chains are unknown to Hardhat: their hardfork history lets forks replay historical blocks.
  chainDescriptors: {
    1514: {
      name: "Story",
      hardforkHistory: {
        cancun: { blockNumber: 0 },
        prague: { timestamp: 1751934608 },
        osaka: { timestamp: 1768435200 },
      },
      blockExplorers: { blockscout: storyscan("https://www.storyscan.io") },
    },
    1315: {
      name: "Story Aeneid",
      hardforkHistory: {
        cancun: { blockNumber: 0 },
        prague: { timestamp: 1748305808 },
        osaka: { timestamp: 1767830400 },
      },
      blockExplorers: { blockscout: storyscan("https://aeneid.storyscan.io") },
    },
  },
  networks: {
    // In-process Story-like chain (chainId 1514) served by `hardhat node` for `test:fork:local`.
    storyNode: { type: "edr-simulated", chainId: 1514, hardfork: "osaka" },
    // Fork of any Story RPC: `npm run test:fork` (STORY_RPC_URL, STORY_CHAIN_ID, STORY_FORK_BLOCK).
    storyFork: {
      type: "edr-simulated",
      chainId: forkChainId,
      hardfork: "osaka",
      forking: {
        url: configVariable("STORY_RPC_URL"),
        ...(forkBlock ? { blockNumber: Number(forkBlock) } : {}),
      },
    },
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    // Public RPC endpoints by default (AENEID_RPC_URL / STORY_MAINNET_RPC_URL override them); the deployer key comes
    // from the keystore (`npx hardhat keystore set AENEID_PRIVATE_KEY`) or the environment, never from the repo.
    aeneid: {
      type: "http",
      chainType: "l1",
      chainId: 1315,
      url: process.env.AENEID_RPC_URL ?? "https://aeneid.storyrpc.io",
      accounts: [configVariable("AENEID_PRIVATE_KEY")],
    },
    story: {
      type: "http",
      chainType: "l1",
      chainId: 1514,
      url: process.env.STORY_MAINNET_RPC_URL ?? "https://mainnet.storyrpc.io",
      accounts: [configVariable("STORY_PRIVATE_KEY")],
    },
  },
  verify: {
    blockscout: { enabled: true },
    etherscan: { enabled: false },
    sourcify: { enabled: false },
  },
});
