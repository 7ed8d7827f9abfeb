/**
 * Prints a recorded Quintessence deployment as the chain sees it now: contracts and code sizes, role holders and
 * delays, the lending ↔ insurance wiring.
 *
 *   npx hardhat run scripts/deploy/print.ts --network aeneid     (or: npm run system -- --network aeneid)
 */
import { network } from "hardhat";
import { describeSystem, readAddressBook } from "./system.ts";

const connection = await network.connect();
const { chainId } = await connection.ethers.provider.getNetwork();
const book = readAddressBook(connection.networkName, Number(chainId));
console.log((await describeSystem(connection, book)).join("\n"));
