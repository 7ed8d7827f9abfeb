/**
 * The per-chain address book shipped in `deployments/<chainId>.json` (written by the deploy scripts): Story's core
 * contracts, ours, and who holds each AccessManager role.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { StoryAddresses } from "../config/story-addresses.ts";

/** An AccessManager role of a deployment: its numeric id (a uint64, as a decimal string) and its holders. */
export interface DeployedRole {
  id: string;
  holders: string[];
}

/** One chain's deployment, as `deployments/<chainId>.json` records it. */
export interface Deployment {
  chainId: number;
  /** The network's name in the deploy configuration (e.g. `story`, `aeneid`). */
  network: string;
  /** When it was deployed (ISO 8601). */
  deployedAt: string;
  /** The Story core contracts it was wired to. */
  story: Partial<StoryAddresses>;
  /** Our contracts by name (the names of the package's factories without `__factory`). */
  contracts: Record<string, string>;
  /** AccessManager roles by name. */
  roles: Record<string, DeployedRole>;
}

const PACKAGE_NAME = "@quintessence/contracts";
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** The package's root: the nearest folder above this module whose package.json names the package. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === PACKAGE_NAME
    ) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${PACKAGE_NAME}: cannot find the package root above ${import.meta.url}`);
    dir = parent;
  }
}

/** Checks a parsed deployment record and returns it typed; throws naming the first malformed entry. */
export function parseDeployment(value: unknown, source: string): Deployment {
  const fail = (what: string): never => {
    throw new Error(`${source}: ${what}`);
  };
  if (typeof value !== "object" || value === null) fail("expected a JSON object");
  const record = value as Record<string, unknown>;
  if (!Number.isSafeInteger(record.chainId)) fail(`"chainId" must be an integer`);
  if (typeof record.network !== "string") fail(`"network" must be a string`);
  if (typeof record.deployedAt !== "string" || Number.isNaN(Date.parse(record.deployedAt))) {
    fail(`"deployedAt" must be an ISO date`);
  }
  for (const key of ["story", "contracts"] as const) {
    const book = record[key];
    if (typeof book !== "object" || book === null) fail(`"${key}" must be an object`);
    for (const [name, address] of Object.entries(book as Record<string, unknown>)) {
      if (typeof address !== "string" || !ADDRESS.test(address)) fail(`"${key}.${name}" must be an address`);
    }
  }
  const roles = record.roles;
  if (typeof roles !== "object" || roles === null) fail(`"roles" must be an object`);
  for (const [name, role] of Object.entries(roles as Record<string, unknown>)) {
    const { id, holders } = (role ?? {}) as { id?: unknown; holders?: unknown };
    if (typeof id !== "string" || !/^[0-9]+$/.test(id)) fail(`"roles.${name}.id" must be a decimal string`);
    if (!Array.isArray(holders) || !holders.every((h) => typeof h === "string" && ADDRESS.test(h))) {
      fail(`"roles.${name}.holders" must be a list of addresses`);
    }
  }
  return record as unknown as Deployment;
}

/** The chain ids the package has a deployment for, ascending. */
export function deployedChainIds(): number[] {
  const dir = join(packageRoot(), "deployments");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => /^[0-9]+\.json$/.test(file))
    .map((file) => Number(file.slice(0, -".json".length)))
    .sort((a, b) => a - b);
}

/** The package's deployment on a chain, or undefined when there is none; throws if its record is malformed. */
export function deploymentFor(chainId: number | bigint): Deployment | undefined {
  const file = join(packageRoot(), "deployments", `${chainId}.json`);
  if (!existsSync(file)) return undefined;
  const deployment = parseDeployment(JSON.parse(readFileSync(file, "utf8")), file);
  if (BigInt(deployment.chainId) !== BigInt(chainId)) {
    throw new Error(`${file}: records chain ${deployment.chainId}, not ${chainId}`);
  }
  return deployment;
}
