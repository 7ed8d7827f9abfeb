import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { runInNewContext } from "node:vm";
import { ErrorFragment, EventFragment, Fragment, FunctionFragment, type JsonFragment } from "ethers";

/*
 * Story's official ABIs and addresses, read from `@story-protocol/core-sdk`. The SDK does not export them as values:
 * its CommonJS bundle holds them as module-level `var <name>Abi=[...]` and `var <name>Address={1315:"0x…",...}`
 * literals, which are cut out by bracket matching and evaluated in an empty VM context (they are plain literals).
 */

const require = createRequire(import.meta.url);
const SDK_PACKAGE = "@story-protocol/core-sdk";
const SDK_BUNDLE = "dist/story-protocol-core-sdk.cjs.dev.js";

let bundleCache: string | undefined;

function sdkPackageJsonPath(): string {
  return require.resolve(`${SDK_PACKAGE}/package.json`);
}

/** The installed SDK version (the ABIs and addresses below are those of this version). */
export function sdkVersion(): string {
  return (JSON.parse(readFileSync(sdkPackageJsonPath(), "utf8")) as { version: string }).version;
}

function sdkBundle(): string {
  bundleCache ??= readFileSync(join(dirname(sdkPackageJsonPath()), SDK_BUNDLE), "utf8");
  return bundleCache;
}

/* ------------------------------------------------------------------ */
/*                          LITERAL EXTRACTION                          */
/* ------------------------------------------------------------------ */

const CLOSER: Readonly<Record<string, string>> = { "[": "]", "{": "}" };

/** Index just past the string literal opening at `start` (quote char at `start`), honouring backslash escapes. */
function skipString(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === "\\") i++;
    else if (source[i] === quote) return i + 1;
  }
  throw new Error(`Unterminated string literal at offset ${start}`);
}

/**
 * The source text of the array or object literal assigned by `var <name>=` in `source`: brackets are matched,
 * skipping brackets inside string literals. Throws if the variable is absent or not a `[`/`{` literal.
 */
export function extractVarLiteral(source: string, name: string): string {
  const match = new RegExp(`(?<![\\w$])var ${name}\\s*=\\s*`).exec(source);
  if (match === null) throw new Error(`\`var ${name}=\` not found in the SDK bundle`);
  const start = match.index + match[0].length;
  if (CLOSER[source[start]] === undefined) throw new Error(`\`var ${name}\` is not an array or object literal`);
  const stack: string[] = [];
  for (let i = start; i < source.length;) {
    const c = source[i];
    if (c === '"' || c === "'" || c === "`") {
      i = skipString(source, i);
      continue;
    }
    if (CLOSER[c] !== undefined) stack.push(CLOSER[c]);
    else if (c === "]" || c === "}") {
      if (stack.pop() !== c) throw new Error(`Unbalanced \`${c}\` at offset ${i} in \`var ${name}\``);
      if (stack.length === 0) return source.slice(start, i + 1);
    }
    i++;
  }
  throw new Error(`Unterminated literal for \`var ${name}\``);
}

/** Evaluates a literal cut out of the bundle in an empty context; the JSON round trip makes it a plain local value. */
export function evaluateLiteral(literal: string): unknown {
  return JSON.parse(JSON.stringify(runInNewContext(`(${literal})`, Object.create(null), { timeout: 1000 })));
}

/** An official ABI by its SDK variable name, e.g. `royaltyModuleAbi`. */
export function officialAbi(varName: string): JsonFragment[] {
  const abi = evaluateLiteral(extractVarLiteral(sdkBundle(), varName));
  if (!Array.isArray(abi)) throw new Error(`${varName} is not an array`);
  return abi as JsonFragment[];
}

/** An official address map by its SDK variable name, e.g. `royaltyModuleAddress`: chain id to address. */
export function officialAddresses(varName: string): Record<number, string> {
  const map = evaluateLiteral(extractVarLiteral(sdkBundle(), varName));
  if (typeof map !== "object" || map === null || Array.isArray(map)) throw new Error(`${varName} is not an object`);
  return map as Record<number, string>;
}

/* ------------------------------------------------------------------ */
/*                              COMPARISON                              */
/* ------------------------------------------------------------------ */

/** One way our ABI departs from the official one. */
export interface AbiMismatch {
  contract: string;
  kind: string;
  /** Our entry, canonical form. */
  ours: string;
  /** Official entries of the same kind and name, closest first (empty if none). */
  official: string[];
  reason: string;
}

type Member = FunctionFragment | EventFragment | ErrorFragment;

function types(params: readonly { format(f: "sighash"): string }[]): string {
  return params.map((p) => p.format("sighash")).join(",");
}

/** Canonical one-line form: selector-relevant types plus what else we compare (mutability, outputs, indexed). */
export function describeMember(f: Member): string {
  if (f instanceof FunctionFragment) {
    const returns = f.outputs.length > 0 ? ` returns (${types(f.outputs)})` : "";
    return `function ${f.format("sighash")} ${f.stateMutability}${returns}`;
  }
  if (f instanceof EventFragment) {
    const inputs = f.inputs.map((p) => p.format("sighash") + (p.indexed ? " indexed" : "")).join(",");
    return `event ${f.name}(${inputs})${f.anonymous ? " anonymous" : ""}`;
  }
  return `error ${f.format("sighash")}`;
}

function identity(f: Member): string {
  return f instanceof EventFragment ? f.topicHash : f.selector;
}

/** How many input positions differ (type or presence): orders same-name official entries by closeness. */
function distance(a: Member, b: Member): number {
  const n = Math.max(a.inputs.length, b.inputs.length);
  let d = 0;
  for (let i = 0; i < n; i++) {
    if (a.inputs[i]?.format("sighash") !== b.inputs[i]?.format("sighash")) d++;
  }
  return d;
}

function members(abi: readonly JsonFragment[]): Member[] {
  const out: Member[] = [];
  for (const entry of abi) {
    const f = Fragment.from(entry);
    if (f instanceof FunctionFragment || f instanceof EventFragment || f instanceof ErrorFragment) out.push(f);
  }
  return out;
}

/**
 * Every function, event and error of `ours` must exist in `official` with the same kind, name and selector (topic
 * hash for events); functions must also agree on output types and stateMutability, events on `indexed` flags.
 * Returns every mismatch (empty when `ours` conforms).
 */
export function compareAbi(
  contract: string,
  ours: readonly JsonFragment[],
  official: readonly JsonFragment[],
): AbiMismatch[] {
  const officialMembers = members(official);
  const unsupported = ours.filter((e) => !["function", "event", "error"].includes(e.type ?? "function"));
  const mismatches: AbiMismatch[] = unsupported.map((e) => ({
    contract,
    kind: e.type ?? "?",
    ours: JSON.stringify(e),
    official: [],
    reason: "interfaces may only declare functions, events and errors",
  }));
  for (const f of members(ours)) {
    const sameName = officialMembers
      .filter((o) => o.type === f.type && o.name === f.name)
      .sort((a, b) => distance(f, a) - distance(f, b));
    const report = (reason: string, closest: Member[]) =>
      mismatches.push({
        contract,
        kind: f.type,
        ours: describeMember(f),
        official: closest.map(describeMember),
        reason,
      });
    const match = sameName.find((o) => identity(o) === identity(f));
    if (match === undefined) {
      report(
        sameName.length === 0 ? `no official ${f.type} named ${f.name}` : "no official overload with these input types",
        sameName,
      );
      continue;
    }
    if (f instanceof FunctionFragment && match instanceof FunctionFragment) {
      if (types(f.outputs) !== types(match.outputs)) report("output types differ", [match]);
      if (f.stateMutability !== match.stateMutability) report("stateMutability differs", [match]);
    }
    if (f instanceof EventFragment && match instanceof EventFragment) {
      const flags = (e: EventFragment) => e.inputs.map((p) => p.indexed === true).join(",");
      if (flags(f) !== flags(match) || f.anonymous !== match.anonymous) report("indexed flags differ", [match]);
    }
  }
  return mismatches;
}

/** A readable multi-line report of mismatches, one block per mismatch. */
export function formatMismatches(mismatches: readonly AbiMismatch[]): string {
  return mismatches
    .map(
      (m) =>
        `${m.contract} ${m.kind}: ${m.reason}\n    ours:     ${m.ours}\n    official: ${
          m.official.length === 0 ? "(none with this name)" : m.official.join("\n              ")
        }`,
    )
    .join("\n");
}
