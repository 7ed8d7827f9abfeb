/**
 * Deploys and describes the full Quintessence system (deploy/modules/Quintessence.ts) on a network connection: used
 * by the deploy script, the demo and the deploy test, so the three run the same code.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { NetworkConnection } from "hardhat/types/network";
import QuintessenceModule from "../../deploy/modules/Quintessence.ts";
import { ROLES, type RoleName } from "../../deploy/config/roles.ts";
import { ignitionParameters, resolveAccount } from "../../deploy/config/parameters.ts";
import type { DeployConfig } from "../../deploy/config/types.ts";
import type { StoryAddresses } from "../../config/story-addresses.ts";

/** The contracts of a deployment, by name. */
export const SYSTEM_CONTRACTS = [
  "AccessManager",
  "KinkedRateModel",
  "AppraisalOracle",
  "RoyaltyLendingVault",
  "RevenueMultipleOracle",
  "CollaborationSeats",
  "SeatMarket",
  "CoverNFT",
  "RiskOracle",
  "UnderwritingPool",
  "InfringementProduct",
  "LoanShortfallProduct",
] as const;

/** A contract of the system. */
export type SystemContract = (typeof SYSTEM_CONTRACTS)[number];

/** What integrators and scripts read after a deployment (`deployments/<chainId>.json`). */
export interface AddressBook {
  chainId: number;
  network: string;
  deployedAt: string;
  story: StoryAddresses;
  contracts: Record<SystemContract, string>;
  roles: Record<RoleName, { id: string; holders: string[] }>;
}

/** The networks whose address books are committed; local ones go to deployments/local/ (ignored by git). */
const PUBLIC_NETWORKS = new Set(["aeneid", "story"]);

/** Where a network's address book lives. */
export function addressBookPath(network: string, chainId: number, root = "deployments"): string {
  if (PUBLIC_NETWORKS.has(network)) {
    return join(root, `${chainId}.json`);
  }
  return join(root, "local", `${network}-${chainId}.json`);
}

/**
 * Deploys the system with Ignition, hands the admin role over when the configured admin is not the deployer (the
 * module has granted it; the deployer then renounces its own), and returns the address book.
 */
export async function deploySystem(
  connection: NetworkConnection,
  config: DeployConfig,
  deploymentId?: string,
): Promise<AddressBook> {
  const { ethers, ignition } = connection;
  const [deployer] = await ethers.getSigners();
  const deployerAddress = await deployer.getAddress();
  const deployed = await ignition.deploy(QuintessenceModule, {
    parameters: ignitionParameters(config, deployerAddress),
    deploymentId,
    displayUi: false,
  });
  const contracts: Record<SystemContract, string> = {
    AccessManager: await deployed.manager.getAddress(),
    KinkedRateModel: await deployed.rateModel.getAddress(),
    AppraisalOracle: await deployed.appraisal.getAddress(),
    RoyaltyLendingVault: await deployed.vault.getAddress(),
    RevenueMultipleOracle: await deployed.revenueOracle.getAddress(),
    CollaborationSeats: await deployed.seats.getAddress(),
    SeatMarket: await deployed.seatMarket.getAddress(),
    CoverNFT: await deployed.coverNft.getAddress(),
    RiskOracle: await deployed.riskOracle.getAddress(),
    UnderwritingPool: await deployed.pool.getAddress(),
    InfringementProduct: await deployed.infringement.getAddress(),
    LoanShortfallProduct: await deployed.shortfall.getAddress(),
  };
  const manager = await ethers.getContractAt("AccessManager", contracts.AccessManager, deployer);
  const admin = resolveAccount(config.holders.ADMIN, deployerAddress);
  if (admin.toLowerCase() !== deployerAddress.toLowerCase()) {
    const [isAdmin] = await manager.hasRole(ROLES.ADMIN, deployerAddress);
    if (isAdmin) {
      await (await manager.renounceRole(ROLES.ADMIN, deployerAddress)).wait();
    }
  }
  return {
    chainId: config.chainId,
    network: config.network,
    deployedAt: new Date().toISOString(),
    story: config.story,
    contracts,
    roles: rolesOf(config, deployerAddress, contracts.UnderwritingPool),
  };
}

/** Who holds each role after the deployment, as the configuration says. */
function rolesOf(config: DeployConfig, deployer: string, pool: string): AddressBook["roles"] {
  const roles = {} as AddressBook["roles"];
  for (const role of Object.keys(ROLES) as RoleName[]) {
    const holder = role === "COVER_POOL" ? pool : resolveAccount(config.holders[role], deployer);
    roles[role] = { id: ROLES[role].toString(), holders: [holder] };
  }
  return roles;
}

/** Writes an address book where `addressBookPath` says; returns the path. */
export function writeAddressBook(book: AddressBook, root = "deployments"): string {
  const path = addressBookPath(book.network, book.chainId, root);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(book, null, 2)}\n`);
  return path;
}

/** Reads the address book of a network, with a clear error when there is none. */
export function readAddressBook(network: string, chainId: number, root = "deployments"): AddressBook {
  const path = addressBookPath(network, chainId, root);
  if (!existsSync(path)) {
    throw new Error(`No Quintessence deployment recorded for ${network} (chain ${chainId}): ${path} does not exist`);
  }
  return JSON.parse(readFileSync(path, "utf8")) as AddressBook;
}

/** Lines describing a deployed system, read from the chain: contracts with their code size, role holders, wiring. */
export async function describeSystem(connection: NetworkConnection, book: AddressBook): Promise<string[]> {
  const { ethers } = connection;
  const lines = [
    `Quintessence on ${book.network} (chain ${book.chainId}), deployed ${book.deployedAt}`,
    "",
    "Contracts",
  ];
  for (const name of SYSTEM_CONTRACTS) {
    const code = await ethers.provider.getCode(book.contracts[name]);
    lines.push(
      `  ${name.padEnd(22)} ${book.contracts[name]}  ${((code.length - 2) / 2).toLocaleString("en-US")} bytes`,
    );
  }
  const manager = await ethers.getContractAt("AccessManager", book.contracts.AccessManager);
  lines.push("", "Roles (holder: member?, execution delay)");
  for (const [role, { id, holders }] of Object.entries(book.roles)) {
    for (const holder of holders) {
      const [member, delay] = await manager.hasRole(BigInt(id), holder);
      lines.push(`  ${role.padEnd(14)} ${holder}  ${member ? "yes" : "NO"}, ${delay}s`);
    }
  }
  const vault = await ethers.getContractAt("RoyaltyLendingVault", book.contracts.RoyaltyLendingVault);
  const pool = await ethers.getContractAt("UnderwritingPool", book.contracts.UnderwritingPool);
  const shortfall = await ethers.getContractAt("LoanShortfallProduct", book.contracts.LoanShortfallProduct);
  lines.push(
    "",
    "Wiring",
    `  vault bad-debt cover     ${await vault.badDebtCover()}`,
    `  vault insurable          ${await shortfall.isInsurable(book.contracts.RoyaltyLendingVault)}`,
    `  pool products            infringement ${(await pool.productConfig(book.contracts.InfringementProduct)).enabled}, shortfall ${(await pool.productConfig(book.contracts.LoanShortfallProduct)).enabled}`,
    `  lending total assets     ${ethers.formatEther(await vault.totalAssets())} WIP`,
    `  underwriting capital     ${ethers.formatEther(await pool.capital())} WIP`,
  );
  return lines;
}
