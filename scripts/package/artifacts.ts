/**
 * The contracts the package ships: every contract, interface and library compiled from `contracts/` that has an ABI,
 * except test doubles (`contracts/mocks/`) and the local Story devnet (`contracts/story/devnet/`), plus OpenZeppelin's
 * AccessManager (the authority every deployment is governed by). Shared by the package generator, the docs and the
 * NatSpec check.
 */
import { globSync, readFileSync } from "node:fs";

/** The part of a Hardhat 3 artifact the package scripts read. */
export interface Artifact {
  contractName: string;
  sourceName: string;
  abi: AbiEntry[];
  buildInfoId: string;
}

/** One ABI entry, as solc writes it. */
export interface AbiEntry {
  type: string;
  name?: string;
  inputs?: AbiParam[];
  outputs?: AbiParam[];
  stateMutability?: string;
}

/** One ABI parameter. */
export interface AbiParam {
  name: string;
  type: string;
  internalType?: string;
  indexed?: boolean;
  components?: AbiParam[];
}

/** Contracts from dependencies that integrators need too. */
const DEPENDENCY_CONTRACTS = ["@openzeppelin/contracts/access/manager/AccessManager.sol"];

/** Whether a source of ours is excluded from the package, the docs and the NatSpec check's "public" set. */
export function isInternalSource(sourceName: string): boolean {
  return sourceName.startsWith("contracts/mocks/") || sourceName.includes("/devnet/");
}

/** Every artifact compiled from `contracts/` (mocks and devnet included), sorted by source then name. */
export function projectArtifacts(): Artifact[] {
  return globSync("artifacts/contracts/**/*.json")
    .filter((file) => !file.endsWith(".d.ts") && !file.includes("build-info"))
    .map((file) => JSON.parse(readFileSync(file, "utf8")) as Artifact)
    .sort((a, b) => a.sourceName.localeCompare(b.sourceName) || a.contractName.localeCompare(b.contractName));
}

/**
 * The public artifacts: ours (without mocks and devnet) with a non-empty ABI, then the dependency contracts when
 * `withDependencies`. Throws when two share a name (the ABI folder is flat) or when nothing was compiled.
 */
export function publicArtifacts(withDependencies: boolean): Artifact[] {
  const ours = projectArtifacts().filter((a) => !isInternalSource(a.sourceName) && a.abi.length > 0);
  if (ours.length === 0) throw new Error("no artifacts under artifacts/contracts: run `npx hardhat build` first");
  const deps = withDependencies
    ? DEPENDENCY_CONTRACTS.map((source) => {
        const name = source.slice(source.lastIndexOf("/") + 1, -".sol".length);
        return JSON.parse(readFileSync(`artifacts/${source}/${name}.json`, "utf8")) as Artifact;
      })
    : [];
  const all = [...ours, ...deps];
  const seen = new Map<string, string>();
  for (const artifact of all) {
    const other = seen.get(artifact.contractName);
    if (other !== undefined) {
      throw new Error(`two public contracts are named ${artifact.contractName}: ${other} and ${artifact.sourceName}`);
    }
    seen.set(artifact.contractName, artifact.sourceName);
  }
  return all;
}
