/**
 * Deploys the local Story devnet to the selected network and writes its address book (the same JSON shape that
 * `STORY_ADDRESSES` accepts). Usage: `npx hardhat run scripts/devnet/deploy.ts --network localhost`.
 * Output file: `$DEVNET_ADDRESSES_OUT`, default `.fork-local/story-addresses.json`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { network } from "hardhat";
import { deployStoryDevnet } from "../../test/fixtures/devnet.ts";

const out = process.env.DEVNET_ADDRESSES_OUT ?? ".fork-local/story-addresses.json";
const connection = await network.create();
const { chainId } = await connection.ethers.provider.getNetwork();
const addresses = await deployStoryDevnet(connection);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(addresses, null, 2)}\n`);
console.log(`Story devnet deployed on chain ${chainId} (${connection.networkName}); addresses written to ${out}`);
for (const [name, address] of Object.entries(addresses)) console.log(`  ${name.padEnd(18)} ${address}`);
