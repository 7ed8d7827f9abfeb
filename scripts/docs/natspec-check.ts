/**
 * `npm run natspec`: fails unless every contract, interface and library under contracts/ (test doubles in
 * contracts/mocks excepted) documents, in the NatSpec the compiler extracts (userdoc/devdoc, `@inheritdoc` resolved):
 * itself (`@notice`); each external or public function and public state variable it declares (`@notice`, and for
 * functions `@param` for every named parameter and `@return` for every return value); each event and error it
 * declares (`@notice`, `@param` for every named parameter); its constructor's named parameters (`@param`). Prints
 * every offender as file:line. Run `npx hardhat build` first.
 */
import {
  describeParams,
  loadNatSpec,
  ownEntry,
  lineOf,
  nodeSelector,
  selectorOf,
  signatureOf,
  type AstNode,
  type CompiledContract,
  type DevMember,
} from "./natspec.ts";

const offenders: string[] = [];

function report(contract: CompiledContract, node: AstNode, what: string, missing: string[]): void {
  if (missing.length === 0) return;
  offenders.push(
    `${contract.sourceName}:${lineOf(contract, node)} ${contract.name} ${what}: missing ${missing.join(", ")}`,
  );
}

const build = loadNatSpec();

/** Missing `@param` tags for a declaration's named parameters. */
function missingParams(contract: CompiledContract, node: AstNode, doc: DevMember | undefined): string[] {
  const described = describeParams(build, contract, node, doc, "params");
  return (node.parameters?.parameters ?? [])
    .filter((param, index) => param.name !== "" && described[index] === undefined)
    .map((param) => `@param ${param.name}`);
}

/** Missing `@return` tags, one per return value. */
function missingReturns(contract: CompiledContract, node: AstNode, doc: DevMember | undefined): string[] {
  const described = describeParams(build, contract, node, doc, "returns");
  return (node.returnParameters?.parameters ?? [])
    .map((ret, index) => (described[index] !== undefined ? undefined : ret.name || `(value ${index + 1})`))
    .filter((name) => name !== undefined)
    .map((name) => `@return ${name}`);
}

let checked = 0;
for (const contract of build.contracts.values()) {
  if (!contract.sourceName.startsWith("contracts/") || contract.sourceName.startsWith("contracts/mocks/")) continue;
  checked++;
  const { userdoc, devdoc, node: definition } = contract;
  report(contract, definition, "(itself)", userdoc.notice === undefined ? ["@notice"] : []);
  // The canonical signature (solc's NatSpec key) of each ABI member, by the selector the AST records.
  const signatures = new Map<string, string>();
  for (const entry of contract.abi) {
    const selector = selectorOf(entry);
    if (selector !== undefined) signatures.set(selector, signatureOf(entry)!);
  }
  for (const member of definition.nodes ?? []) {
    if (member.nodeType === "FunctionDefinition" && member.kind === "constructor") {
      report(contract, member, "constructor", missingParams(contract, member, ownEntry(devdoc.methods, "constructor")));
      continue;
    }
    const selector = nodeSelector(member);
    const signature = selector === undefined ? undefined : signatures.get(selector);
    if (signature === undefined) continue; // internal, private, or not part of the ABI
    if (member.nodeType === "FunctionDefinition" || member.nodeType === "VariableDeclaration") {
      const doc = devdoc.methods?.[signature];
      const missing = userdoc.methods?.[signature]?.notice === undefined ? ["@notice"] : [];
      if (member.nodeType === "FunctionDefinition")
        missing.push(...missingParams(contract, member, doc), ...missingReturns(contract, member, doc));
      report(contract, member, `function ${signature}`, missing);
    } else if (member.nodeType === "EventDefinition") {
      const missing = userdoc.events?.[signature]?.notice === undefined ? ["@notice"] : [];
      report(contract, member, `event ${signature}`, [
        ...missing,
        ...missingParams(contract, member, devdoc.events?.[signature]),
      ]);
    } else if (member.nodeType === "ErrorDefinition") {
      const notice = userdoc.errors?.[signature]?.find((doc) => doc.notice !== undefined);
      const missing = notice === undefined ? ["@notice"] : [];
      report(contract, member, `error ${signature}`, [
        ...missing,
        ...missingParams(contract, member, devdoc.errors?.[signature]?.[0]),
      ]);
    }
  }
}

if (offenders.length > 0) {
  console.error(`natspec: ${offenders.length} undocumented member(s) in ${checked} contracts:`);
  for (const offender of offenders) console.error(`  ${offender}`);
  process.exit(1);
}
console.log(`natspec: ${checked} contracts, interfaces and libraries fully documented`);
