/**
 * NatSpec of the project's contracts, from the compiler: Hardhat 3's build-info holds each compilation's exact
 * solc input but asks solc for no userdoc/devdoc, so this recompiles those inputs with the npm `solc` (the compiler
 * Hardhat uses) asking only for ABIs, NatSpec and ASTs (no code generation), and caches the result per build-info id
 * in cache/natspec/. Shared by `npm run docs` and `npm run natspec`.
 */
import { existsSync, globSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Interface, type Fragment } from "ethers";
import { projectArtifacts, type AbiEntry, type Artifact } from "../package/artifacts.ts";

/** Solc's user documentation of one contract. */
export interface UserDoc {
  notice?: string;
  methods?: Record<string, { notice?: string }>;
  events?: Record<string, { notice?: string }>;
  errors?: Record<string, { notice?: string }[]>;
}

/** One member's developer documentation. */
export interface DevMember {
  details?: string;
  params?: Record<string, string>;
  returns?: Record<string, string>;
  return?: string;
}

/** Solc's developer documentation of one contract. */
export interface DevDoc {
  title?: string;
  details?: string;
  author?: string;
  methods?: Record<string, DevMember>;
  events?: Record<string, DevMember>;
  errors?: Record<string, DevMember[]>;
  stateVariables?: Record<string, DevMember>;
}

/** An AST node (only the fields read here). */
export interface AstNode {
  id: number;
  nodeType: string;
  src: string;
  name?: string;
  kind?: string;
  contractKind?: string;
  abstract?: boolean;
  visibility?: string;
  stateVariable?: boolean;
  functionSelector?: string;
  eventSelector?: string;
  errorSelector?: string;
  linearizedBaseContracts?: number[];
  nodes?: AstNode[];
  parameters?: { parameters: AstNode[] };
  returnParameters?: { parameters: AstNode[] };
}

/** One compiled contract: its ABI, NatSpec and AST node. */
export interface CompiledContract {
  name: string;
  sourceName: string;
  abi: AbiEntry[];
  userdoc: UserDoc;
  devdoc: DevDoc;
  node: AstNode;
  /** Source text, to turn AST offsets into line numbers. */
  source: string;
  /** The build-info (compilation) it comes from: AST ids are per compilation. */
  buildId: string;
}

/** What the NatSpec scripts read: every contract of every source, and every contract definition by AST id. */
export interface NatSpecBuild {
  /** By `<sourceName>:<contractName>`, source names as in artifacts (`contracts/…`, `@openzeppelin/contracts/…`). */
  contracts: Map<string, CompiledContract>;
  /** By AST id (ids are per compilation: `<buildInfoId>#<id>`). */
  byId: Map<string, CompiledContract>;
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<string, Record<string, { abi: AbiEntry[]; userdoc: UserDoc; devdoc: DevDoc }>>;
  sources: Record<string, { id: number; ast: AstNode }>;
}

/** Artifact source names from solc input source names (`project/contracts/…`, `npm/@openzeppelin/contracts@5.7.0/…`). */
function artifactSourceName(inputName: string): string {
  if (inputName.startsWith("project/")) return inputName.slice("project/".length);
  return inputName.replace(/^npm\//, "").replace(/@[0-9][^/]*\//, "/");
}

/** Compiles (or reads from the cache) the NatSpec of every build the current artifacts come from. */
export function loadNatSpec(): NatSpecBuild {
  const solc = createRequire(import.meta.url)("solc") as { compile(input: string): string };
  // Incremental builds leave several build-infos compiling the same source: each contract's artifact names the
  // current one.
  const current = new Map<string, string>();
  for (const file of globSync("artifacts/**/*.json", { exclude: ["artifacts/build-info/**"] })) {
    const artifact = JSON.parse(readFileSync(file, "utf8")) as Artifact;
    current.set(`${artifact.sourceName}:${artifact.contractName}`, artifact.buildInfoId);
  }
  const buildIds = [...new Set(projectArtifacts().map((artifact) => artifact.buildInfoId))].sort();
  const result: NatSpecBuild = { contracts: new Map(), byId: new Map() };
  mkdirSync("cache/natspec", { recursive: true });
  for (const file of readdirSync("cache/natspec")) {
    if (!buildIds.includes(file.replace(/\.json$/, ""))) rmSync(`cache/natspec/${file}`);
  }
  for (const buildId of buildIds) {
    const cached = `cache/natspec/${buildId}.json`;
    const buildInfo = JSON.parse(readFileSync(`artifacts/build-info/${buildId}.json`, "utf8")) as {
      input: { sources: Record<string, { content: string }>; settings: Record<string, unknown> };
    };
    let output: SolcOutput;
    if (existsSync(cached)) {
      output = JSON.parse(readFileSync(cached, "utf8")) as SolcOutput;
    } else {
      const input = structuredClone(buildInfo.input);
      input.settings.outputSelection = { "*": { "*": ["abi", "userdoc", "devdoc"], "": ["ast"] } };
      output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
      const errors = (output.errors ?? []).filter((error) => error.severity === "error");
      if (errors.length > 0) throw new Error(errors.map((error) => error.formattedMessage).join("\n"));
      writeFileSync(cached, JSON.stringify({ contracts: output.contracts, sources: output.sources }));
    }
    for (const [inputName, { ast }] of Object.entries(output.sources)) {
      const sourceName = artifactSourceName(inputName);
      for (const node of ast.nodes ?? []) {
        if (node.nodeType !== "ContractDefinition") continue;
        const compiled = output.contracts[inputName]?.[node.name!];
        if (compiled === undefined) continue;
        const contract: CompiledContract = {
          name: node.name!,
          sourceName,
          abi: compiled.abi,
          userdoc: compiled.userdoc,
          devdoc: compiled.devdoc,
          node,
          source: buildInfo.input.sources[inputName]!.content,
          buildId,
        };
        const key = `${sourceName}:${contract.name}`;
        result.byId.set(`${buildId}#${node.id}`, contract);
        if (current.get(key) === buildId || (!current.has(key) && !result.contracts.has(key))) {
          result.contracts.set(key, contract);
        }
      }
    }
  }
  return result;
}

/** The line (1-based) of an AST node in its source. */
export function lineOf(contract: CompiledContract, node: AstNode): number {
  const offset = Number(node.src.split(":")[0]);
  return contract.source.slice(0, offset).split("\n").length;
}

/** The NatSpec key (canonical signature) and kind of an ABI entry, or undefined for constructor/fallback/receive. */
export function signatureOf(entry: AbiEntry): string | undefined {
  if (entry.type !== "function" && entry.type !== "event" && entry.type !== "error") return undefined;
  const fragment = Interface.from([entry]).fragments[0] as Fragment;
  return fragment.format("sighash");
}

/** The selector (functions, errors: 4 bytes; events: topic) of an ABI entry, as the AST records it (no 0x). */
export function selectorOf(entry: AbiEntry): string | undefined {
  const iface = Interface.from([entry]);
  if (entry.type === "function") return iface.getFunction(entry.name!)!.selector.slice(2);
  if (entry.type === "event") return iface.getEvent(entry.name!)!.topicHash.slice(2);
  if (entry.type === "error") return iface.getError(entry.name!)!.selector.slice(2);
  return undefined;
}

/** The AST selector of a declaration node (function, public state variable, event, error). */
export function nodeSelector(node: AstNode): string | undefined {
  return node.functionSelector ?? node.eventSelector ?? node.errorSelector;
}

/**
 * The contract declaring the member with this selector: the most derived of `contract`'s linearization, else (errors
 * of libraries) any contract of the same compilation, else `contract` itself.
 */
export function declaringContract(build: NatSpecBuild, contract: CompiledContract, selector: string): CompiledContract {
  const { buildId } = contract;
  for (const id of contract.node.linearizedBaseContracts ?? []) {
    const base = build.byId.get(`${buildId}#${id}`);
    if (base?.node.nodes?.some((member) => nodeSelector(member) === selector)) return base;
  }
  // Errors raised through a library (SafeERC20, SafeCast, …) are declared outside the linearization.
  for (const [key, other] of build.byId) {
    if (!key.startsWith(`${buildId}#`)) continue;
    if (other.node.nodes?.some((member) => nodeSelector(member) === selector)) return other;
  }
  return contract;
}

/** A function's overridden declarations (AST `baseFunctions`), found in the contract's linearization. */
function baseFunctionsOf(build: NatSpecBuild, contract: CompiledContract, member: AstNode): AstNode[] {
  const ids = (member as AstNode & { baseFunctions?: number[] }).baseFunctions ?? [];
  const { buildId } = contract;
  const found: AstNode[] = [];
  for (const contractId of contract.node.linearizedBaseContracts ?? []) {
    for (const node of build.byId.get(`${buildId}#${contractId}`)?.node.nodes ?? []) {
      if (ids.includes(node.id)) found.push(node, ...baseFunctionsOf(build, contract, node));
    }
  }
  return found;
}

/**
 * The description of each parameter (`params`) or return value (`returns`) of a declaration, in order. solc keys
 * them by name (`_<index>` for unnamed returns); NatSpec inherited with `@inheritdoc` keeps the base declaration's
 * names, so a renamed parameter is found at its position in an overridden declaration.
 */
export function describeParams(
  build: NatSpecBuild,
  contract: CompiledContract,
  member: AstNode,
  doc: DevMember | undefined,
  which: "params" | "returns",
): (string | undefined)[] {
  const list = (node: AstNode) => (which === "params" ? node.parameters : node.returnParameters)?.parameters ?? [];
  const key = (param: AstNode, index: number) => (param.name !== "" ? param.name! : `_${index}`);
  const tags = doc?.[which] ?? {};
  const bases = member.nodeType === "FunctionDefinition" ? baseFunctionsOf(build, contract, member) : [];
  return list(member).map((param, index) => {
    const own = tags[key(param, index)];
    if (own !== undefined) return own;
    for (const base of bases) {
      const baseParam = list(base)[index];
      if (baseParam !== undefined && tags[key(baseParam, index)] !== undefined) return tags[key(baseParam, index)];
    }
    return undefined;
  });
}

/** A NatSpec entry by key, own properties only (`constructor` is also a property of every object's prototype). */
export function ownEntry<T>(entries: Record<string, T> | undefined, key: string): T | undefined {
  return entries !== undefined && Object.hasOwn(entries, key) ? entries[key] : undefined;
}
