/**
 * `npm run docs`: writes the contract reference (docs/reference/, one page per public contract, interface and
 * library, and an index) from the compiler's NatSpec, and copies each docs/snippets/*.ts file verbatim into the
 * ```ts block that follows its `<!-- snippet: docs/snippets/NAME.ts -->` marker in docs/integrating.md.
 * `npm run docs:check` writes nothing and fails if either is out of date. Run `npx hardhat build` first.
 */
import { existsSync, globSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { publicArtifacts, type AbiEntry, type AbiParam } from "../package/artifacts.ts";
import {
  declaringContract,
  describeParams,
  loadNatSpec,
  nodeSelector,
  ownEntry,
  selectorOf,
  signatureOf,
  type AstNode,
  type CompiledContract,
  type DevMember,
} from "./natspec.ts";

const check = process.argv.includes("--check");
const REFERENCE = "docs/reference";
const GUIDE = "docs/integrating.md";
const build = loadNatSpec();

/** A parameter's Solidity type as declared (struct, enum and contract names rather than tuples and addresses). */
function typeOf(param: AbiParam): string {
  const internal = param.internalType;
  if (internal === undefined) return param.type;
  return internal.replace(/^(struct|enum|contract) /, "");
}

/** Text safe inside a Markdown table cell. */
function cell(text: string | undefined): string {
  return (text ?? "").replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}

/** The first sentence of a notice, for the index. */
function summary(text: string | undefined): string {
  const flat = cell(text);
  const end = flat.search(/\.(\s|$)/);
  return end === -1 ? flat : flat.slice(0, end + 1);
}

/** A table of parameters or return values, with their descriptions. */
function table(heading: string, params: AbiParam[], descriptions: (string | undefined)[]): string[] {
  if (params.length === 0) return [];
  const rows = params.map(
    (param, i) =>
      `| ${param.name === "" ? `#${i + 1}` : `\`${param.name}\``} | \`${typeOf(param)}\` | ${cell(descriptions[i])} |`,
  );
  return [`| ${heading} | Type | Description |`, "|---|---|---|", ...rows, ""];
}

/** The declaration line of an ABI entry. */
function declaration(entry: AbiEntry): string {
  const inputs = (entry.inputs ?? [])
    .map((p) => [typeOf(p), p.indexed ? "indexed" : "", p.name].filter((s) => s !== "").join(" "))
    .join(", ");
  const name = entry.type === "constructor" ? "constructor" : `${entry.type} ${entry.name}`;
  const mutability = entry.stateMutability && entry.stateMutability !== "nonpayable" ? ` ${entry.stateMutability}` : "";
  const outputs = (entry.outputs ?? []).map((p) => [typeOf(p), p.name].filter((s) => s !== "").join(" ")).join(", ");
  return `${name}(${inputs})${mutability}${outputs === "" ? "" : ` returns (${outputs})`}`;
}

/** The AST node declaring an ABI member (in the declaring contract), if any. */
function memberNode(contract: CompiledContract, selector: string): AstNode | undefined {
  return contract.node.nodes?.find((node) => nodeSelector(node) === selector);
}

/** The developer doc of a function in the first base (interface) of `contract` that documents it. */
function baseDoc(contract: CompiledContract, signature: string): DevMember | undefined {
  for (const id of contract.node.linearizedBaseContracts ?? []) {
    const doc = build.byId.get(`${contract.buildId}#${id}`)?.devdoc.methods?.[signature];
    if (doc?.params !== undefined || doc?.returns !== undefined) return doc;
  }
  return undefined;
}

/** One reference page. */
function page(contract: CompiledContract): string {
  const { userdoc, devdoc, node } = contract;
  const kind = node.abstract ? `abstract ${node.contractKind}` : node.contractKind!;
  const lines = [
    `# ${contract.name}`,
    "",
    `${kind} · \`${contract.sourceName}\` · ABI \`@quintessence/contracts/abi/${contract.name}.json\` · ` +
      `TypeScript \`${contract.name}__factory\`, \`${contract.name}\``,
    "",
  ];
  if (userdoc.notice) lines.push(userdoc.notice, "");
  if (devdoc.details) lines.push(`> ${devdoc.details.replace(/\n/g, "\n> ")}`, "");

  const section = (title: string, entries: AbiEntry[]) => {
    if (entries.length === 0) return;
    lines.push(`## ${title}`, "");
    for (const entry of [...entries].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""))) {
      const signature = signatureOf(entry);
      const selector = selectorOf(entry);
      let notice: string | undefined;
      let dev: DevMember | undefined;
      if (entry.type === "constructor") {
        notice = ownEntry(userdoc.methods, "constructor")?.notice;
        dev = ownEntry(devdoc.methods, "constructor");
      } else if (entry.type === "function") {
        notice = userdoc.methods?.[signature!]?.notice;
        dev = devdoc.methods?.[signature!];
      } else if (entry.type === "event") {
        notice = userdoc.events?.[signature!]?.notice;
        dev = devdoc.events?.[signature!];
      } else {
        notice = userdoc.errors?.[signature!]?.find((doc) => doc.notice !== undefined)?.notice;
        dev = devdoc.errors?.[signature!]?.[0];
      }
      const owner = selector === undefined ? contract : declaringContract(build, contract, selector);
      const declared =
        selector === undefined ? node.nodes?.find((n) => n.kind === "constructor") : memberNode(owner, selector);
      const describe = (which: "params" | "returns") => {
        const list = (which === "params" ? entry.inputs : entry.outputs) ?? [];
        const own =
          declared === undefined || declared.nodeType !== "FunctionDefinition"
            ? []
            : describeParams(build, owner, declared, dev, which);
        // A public state variable: its tags are under `stateVariables`, or its interface's when inherited.
        const variable =
          declared?.nodeType === "VariableDeclaration"
            ? ownEntry(owner.devdoc.stateVariables, declared.name!)
            : undefined;
        const base = signature === undefined || entry.type !== "function" ? undefined : baseDoc(contract, signature);
        return list.map((param, i) => {
          const key = param.name || `_${i}`;
          return own[i] ?? variable?.[which]?.[key] ?? dev?.[which]?.[key] ?? base?.[which]?.[key];
        });
      };
      lines.push(
        `### ${entry.type === "constructor" ? "constructor" : entry.name}`,
        "",
        "```solidity",
        declaration(entry),
        "```",
        "",
      );
      if (owner !== contract) lines.push(`*Inherited from \`${owner.name}\` (\`${owner.sourceName}\`).*`, "");
      if (notice) lines.push(notice, "");
      if (dev?.details) lines.push(`> ${dev.details.replace(/\n/g, "\n> ")}`, "");
      lines.push(...table("Parameter", entry.inputs ?? [], describe("params")));
      lines.push(...table("Returns", entry.outputs ?? [], describe("returns")));
    }
  };
  section(
    "Constructor",
    contract.abi.filter((e) => e.type === "constructor"),
  );
  section(
    "Functions",
    contract.abi.filter((e) => e.type === "function"),
  );
  section(
    "Events",
    contract.abi.filter((e) => e.type === "event"),
  );
  section(
    "Errors",
    contract.abi.filter((e) => e.type === "error"),
  );
  return lines.join("\n").replace(/\n+$/, "\n");
}

// The reference.
const outputs = new Map<string, string>();
const contracts = publicArtifacts(false).map((artifact) => {
  const compiled = build.contracts.get(`${artifact.sourceName}:${artifact.contractName}`);
  if (compiled === undefined) throw new Error(`no NatSpec for ${artifact.sourceName}:${artifact.contractName}`);
  return compiled;
});
const index = [
  "# Contract reference",
  "",
  "Generated by `npm run docs` from the contracts' NatSpec (do not edit; `npm run docs:check` fails when it is out of",
  "date). Integration guide: [../integrating.md](../integrating.md).",
  "",
];
let folder = "";
for (const contract of contracts) {
  outputs.set(`${REFERENCE}/${contract.name}.md`, page(contract));
  const dir = dirname(contract.sourceName);
  if (dir !== folder) {
    folder = dir;
    index.push("", `## \`${dir}\``, "", "| Contract | Kind | Summary |", "|---|---|---|");
  }
  index.push(
    `| [${contract.name}](${contract.name}.md) | ${contract.node.contractKind} | ${summary(contract.userdoc.notice)} |`,
  );
}
outputs.set(`${REFERENCE}/README.md`, index.join("\n").replace(/\n{3,}/g, "\n\n") + "\n");

// The guide's snippets.
const guide = readFileSync(GUIDE, "utf8");
const used = new Set<string>();
const updatedGuide = guide.replace(
  /(<!-- snippet: (\S+) -->\n)```ts\n[\s\S]*?```\n/g,
  (_match, marker: string, file: string) => {
    if (!existsSync(file)) throw new Error(`${GUIDE}: snippet ${file} does not exist`);
    used.add(file);
    return `${marker}\`\`\`ts\n${readFileSync(file, "utf8")}\`\`\`\n`;
  },
);
const unused = globSync("docs/snippets/*.ts").filter((file) => !used.has(file));
if (unused.length > 0) throw new Error(`${GUIDE} includes no marker for ${unused.join(", ")}`);
outputs.set(GUIDE, updatedGuide);

if (check) {
  const stale = [...outputs]
    .filter(([file, text]) => !existsSync(file) || readFileSync(file, "utf8") !== text)
    .map(([f]) => f);
  const extra = globSync(`${REFERENCE}/*.md`).filter((file) => !outputs.has(file));
  if (stale.length > 0 || extra.length > 0) {
    console.error(`docs:check: out of date (run \`npm run docs\`): ${[...stale, ...extra].join(", ")}`);
    process.exit(1);
  }
  console.log(`docs:check: ${contracts.length} reference pages and ${used.size} snippets up to date`);
} else {
  rmSync(REFERENCE, { recursive: true, force: true });
  mkdirSync(REFERENCE, { recursive: true });
  for (const [file, text] of outputs) writeFileSync(file, text);
  console.log(`docs: ${contracts.length} reference pages in ${REFERENCE}/, ${used.size} snippets in ${GUIDE}`);
}
