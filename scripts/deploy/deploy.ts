/**
 * Deploys the full Quintessence system to the selected network and records it.
 *
 *   npx hardhat run scripts/deploy/deploy.ts --network aeneid     (or: npm run deploy -- --network aeneid)
 *
 * Reads the typed configuration of the network (deploy/config/networks.ts), deploys with Ignition under the
 * deployment id `quintessence-<chainId>` (so an interrupted deployment resumes where it stopped), writes the address
 * book (`deployments/<chainId>.json` for Aeneid and mainnet, `deployments/local/` otherwise) and prints the system.
 * Verify afterwards on Storyscan with `npx hardhat ignition verify quintessence-<chainId> --network <network>`.
 */
import { network } from "hardhat";
import { deployConfigFor } from "../../deploy/config/networks.ts";
import { describeSystem, deploySystem, writeAddressBook } from "./system.ts";

const connection = await network.connect();
const { chainId } = await connection.ethers.provider.getNetwork();
const signers = await connection.ethers.getSigners();
if (signers.length === 0) {
  throw new Error(`No deployer account on ${connection.networkName}: set its private key (see README, "Deploy")`);
}
const config = deployConfigFor(connection.networkName, Number(chainId));
const book = await deploySystem(connection, config, `quintessence-${chainId}`);
const path = writeAddressBook(book);
console.log((await describeSystem(connection, book)).join("\n"));
console.log(`\nAddress book written to ${path}`);
