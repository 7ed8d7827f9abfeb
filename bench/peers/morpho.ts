/**
 * Builds Morpho Blue 1.0.0 (npm `@morpho-org/morpho-blue`, sources only) for the side-by-side gas bench, outside the
 * Hardhat build so that the project's own compile, tests and coverage never pay for it: `Morpho.sol` pins
 * `pragma solidity 0.8.19`, compiled here with npm `solc@0.8.19` (the `solc-0.8.19` alias) and the settings of Morpho's
 * own foundry.toml (viaIR, 999,999 runs, Paris), together with the package's OracleMock and IrmMock. The output is
 * cached in cache/peers/ by the input's hash. Morpho Blue is BUSL-1.1: a devDependency for benchmarking only.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Contract, ContractFactory, type InterfaceAbi, type Signer } from "ethers";

const require = createRequire(import.meta.url);
const PACKAGE = dirname(require.resolve("@morpho-org/morpho-blue/package.json"));
const ROOTS = ["src/Morpho.sol", "src/mocks/OracleMock.sol", "src/mocks/IrmMock.sol"];
const CACHE = join("cache", "peers");

interface Compiled {
  abi: InterfaceAbi;
  bytecode: string;
}

/** Every source the roots import, read from the package (paths relative to the package root). */
function collectSources(): Record<string, { content: string }> {
  const sources: Record<string, { content: string }> = {};
  const pending = [...ROOTS];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (sources[path] !== undefined) continue;
    const content = readFileSync(join(PACKAGE, path), "utf8");
    sources[path] = { content };
    for (const match of content.matchAll(/import\s+(?:[^"']*from\s+)?["']([^"']+)["']/g)) {
      pending.push(join(dirname(path), match[1]));
    }
  }
  return sources;
}

/** Compiles (or reads from the cache) Morpho, OracleMock and IrmMock. */
function compileMorpho(): Record<"Morpho" | "OracleMock" | "IrmMock", Compiled> {
  const input = {
    language: "Solidity",
    sources: collectSources(),
    settings: {
      evmVersion: "paris",
      viaIR: true,
      optimizer: { enabled: true, runs: 999_999 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const key = createHash("sha256").update(JSON.stringify(input)).digest("hex").slice(0, 16);
  const cached = join(CACHE, `morpho-${key}.json`);
  if (existsSync(cached)) {
    return JSON.parse(readFileSync(cached, "utf8"));
  }
  const solc = require("solc-0.8.19") as { compile(input: string): string };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { abi: InterfaceAbi; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((error) => error.severity === "error");
  if (errors.length > 0) {
    throw new Error(`Morpho Blue failed to compile:\n${errors.map((error) => error.formattedMessage).join("\n")}`);
  }
  const pick = (file: string, name: string): Compiled => {
    const contract = output.contracts[file][name];
    return { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
  };
  const compiled = {
    Morpho: pick("src/Morpho.sol", "Morpho"),
    OracleMock: pick("src/mocks/OracleMock.sol", "OracleMock"),
    IrmMock: pick("src/mocks/IrmMock.sol", "IrmMock"),
  };
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(cached, JSON.stringify(compiled));
  return compiled;
}

/** Morpho Blue (owned by `owner`) with a fixed-price oracle and a rate mock, deployed by `owner`. */
export async function deployMorpho(owner: Signer): Promise<{ morpho: Contract; oracle: Contract; irm: Contract }> {
  const compiled = compileMorpho();
  const deploy = async (name: keyof typeof compiled, args: unknown[]) => {
    const factory = new ContractFactory(compiled[name].abi, compiled[name].bytecode, owner);
    const contract = await factory.deploy(...args);
    await contract.waitForDeployment();
    return new Contract(await contract.getAddress(), compiled[name].abi, owner);
  };
  return {
    morpho: await deploy("Morpho", [await owner.getAddress()]),
    oracle: await deploy("OracleMock", []),
    irm: await deploy("IrmMock", []),
  };
}
