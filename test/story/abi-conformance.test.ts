import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import type { JsonFragment } from "ethers";
import hre from "hardhat";
import { parseStoryAddresses, STORY_ADDRESSES, storyAddressesFor } from "../../config/story-addresses.ts";
import type { StoryAddresses } from "../../config/story-addresses.ts";
import {
  compareAbi,
  evaluateLiteral,
  extractVarLiteral,
  formatMismatches,
  officialAbi,
  officialAddresses,
  sdkVersion,
} from "./helpers/official-abis.ts";

/*
 * Proves our Story interfaces use Story's exact official signatures (core v1.3.2, as shipped in core-sdk 1.4.4):
 * every function, event and error they declare must exist in the official ABI with the same selector, outputs,
 * mutability and indexed flags. Nothing here touches a chain, so it runs unchanged on the devnet and in fork mode.
 */

const SDK_VERSION = "1.4.4";
/** Every artifact compiled from here must be mapped or excluded below. */
const OFFICIAL_INTERFACES_DIR = "contracts/story/interfaces/";
/** Mapped interfaces are looked up under here (official ones and the devnet's mirrors of official entry points). */
const STORY_SOURCES_DIR = "contracts/story/";

/** Our interface → the SDK ABI variable it must conform to. Add a row per new interface. */
const CONFORMANCE: Readonly<Record<string, string>> = {
  IIPAssetRegistry: "ipAssetRegistryAbi",
  ILicensingModule: "licensingModuleAbi",
  IPILicenseTemplate: "piLicenseTemplateAbi",
  IRoyaltyModule: "royaltyModuleAbi",
  IIpRoyaltyVault: "ipRoyaltyVaultImplAbi",
  // The SDK ships only RoyaltyPolicyLRP's ABI; LAP and LRP both implement IGraphAwareRoyaltyPolicy.
  IGraphAwareRoyaltyPolicy: "royaltyPolicyLrpAbi",
  IDisputeModule: "disputeModuleAbi",
  IIPAccount: "ipAccountImplAbi",
  IWIP: "wrappedIpAbi",
  // Story's License Registry: the devnet LicensingModule keeps its state and raises its errors.
  ILicenseRegistry: "licenseRegistryAbi",
  ILicenseToken: "licenseTokenAbi",
  // Devnet interfaces that mirror official entry points.
  IRoyaltyModuleHooks: "royaltyModuleAbi",
};

/** Interfaces deliberately not checked, with the reason. */
const EXCLUDED: Readonly<Record<string, string>> = {
  IIPGraph: "Story's IP-graph precompile at 0x0101: not a contract, no ABI in the SDK",
};

/** Our address-book key → the SDK address map variable. */
const ADDRESS_VARS: Readonly<Record<keyof Omit<StoryAddresses, "Stablecoin">, string>> = {
  IPAssetRegistry: "ipAssetRegistryAddress",
  LicensingModule: "licensingModuleAddress",
  PILicenseTemplate: "piLicenseTemplateAddress",
  RoyaltyModule: "royaltyModuleAddress",
  RoyaltyPolicyLAP: "royaltyPolicyLapAddress",
  DisputeModule: "disputeModuleAddress",
  ArbitrationPolicy: "arbitrationPolicyUmaAddress",
  WIP: "wrappedIpAddress",
};

const CHAINS = [1514, 1315] as const;

/** Fully qualified names of every project artifact compiled from under `dir`. */
async function artifactsUnder(dir: string): Promise<string[]> {
  const names = await hre.artifacts.getAllFullyQualifiedNames();
  return [...names].filter((fqn) => fqn.startsWith(dir)).sort();
}

const contractName = (fqn: string) => fqn.slice(fqn.lastIndexOf(":") + 1);

/** The ABI of the one artifact named `name` under contracts/story/ (bare names may clash with other folders). */
async function ourAbi(name: string): Promise<JsonFragment[]> {
  const found = (await artifactsUnder(STORY_SOURCES_DIR)).filter((fqn) => contractName(fqn) === name);
  expect(found, `artifacts named ${name} under ${STORY_SOURCES_DIR}`).to.have.lengthOf(1);
  return (await hre.artifacts.readArtifact(found[0])).abi as JsonFragment[];
}

function expectConforms(contract: string, ours: readonly JsonFragment[], official: readonly JsonFragment[]) {
  const mismatches = compareAbi(contract, ours, official);
  expect(mismatches, `\n${formatMismatches(mismatches)}\n`).to.deep.equal([]);
}

describe("Story ABI conformance", function () {
  describe("official ABI source", function () {
    it(`is @story-protocol/core-sdk ${SDK_VERSION} (Story core v1.3.2)`, function () {
      expect(sdkVersion(), "re-check the conformance table and address book after an SDK bump").to.equal(SDK_VERSION);
    });

    it("extracts a named literal, ignoring brackets and quotes inside strings", function () {
      const source = `var xAbi=[0];var fooAbi=[{name:"a]\\"[",s:'}\\''},{t:\`[\`}],y=1;var fooAddress={1:"0x1"};`;
      expect(extractVarLiteral(source, "fooAbi")).to.equal(`[{name:"a]\\"[",s:'}\\''},{t:\`[\`}]`);
      expect(evaluateLiteral(extractVarLiteral(source, "fooAbi"))).to.deep.equal([
        { name: 'a]"[', s: "}'" },
        { t: "[" },
      ]);
      expect(evaluateLiteral(extractVarLiteral(source, "fooAddress"))).to.deep.equal({ 1: "0x1" });
      expect(() => extractVarLiteral(source, "oAbi")).to.throw("`var oAbi=` not found");
      expect(() => extractVarLiteral("var zAbi=[1,[2]", "zAbi")).to.throw("Unterminated literal");
      expect(() => extractVarLiteral("var zAbi=[1}", "zAbi")).to.throw("Unbalanced `}`");
    });

    it("loads every mapped official ABI", function () {
      for (const varName of new Set(Object.values(CONFORMANCE))) {
        const abi = officialAbi(varName);
        expect(
          abi.some((e) => e.type === "function"),
          `${varName} has functions`,
        ).to.equal(true);
      }
    });
  });

  describe("coverage of our interfaces", function () {
    it(`maps or excludes every interface under ${OFFICIAL_INTERFACES_DIR}`, async function () {
      const names = (await artifactsUnder(OFFICIAL_INTERFACES_DIR)).map(contractName);
      expect(names, "no artifacts found: run `npx hardhat build`").to.not.be.empty;
      const unchecked = names.filter((n) => CONFORMANCE[n] === undefined && EXCLUDED[n] === undefined);
      expect(unchecked, "add these interfaces to CONFORMANCE (or EXCLUDED, with a reason)").to.deep.equal([]);
    });

    it("has no stale or contradictory rows", async function () {
      const built = new Set((await artifactsUnder(STORY_SOURCES_DIR)).map(contractName));
      const rows = [...Object.keys(CONFORMANCE), ...Object.keys(EXCLUDED)];
      expect(
        rows.filter((n) => !built.has(n)),
        "rows naming no artifact",
      ).to.deep.equal([]);
      expect(
        Object.keys(EXCLUDED).filter((n) => CONFORMANCE[n] !== undefined),
        "both mapped and excluded",
      ).to.deep.equal([]);
    });
  });

  describe("our interfaces match the official ABIs", function () {
    for (const [name, varName] of Object.entries(CONFORMANCE)) {
      it(`${name} conforms to ${varName}`, async function () {
        const ours = await ourAbi(name);
        expect(ours, `${name} declares nothing`).to.not.be.empty;
        expectConforms(name, ours, officialAbi(varName));
      });
    }
  });

  describe("the comparison catches drift", function () {
    const clone = (abi: readonly JsonFragment[]) => structuredClone(abi) as JsonFragment[];
    const entry = (abi: JsonFragment[], type: string, name: string) => {
      const found = abi.find((e) => e.type === type && e.name === name);
      expect(found, `${type} ${name}`).to.not.equal(undefined);
      return found as { inputs: { type: string; indexed?: boolean }[]; stateMutability?: string };
    };
    let royaltyModule: JsonFragment[];
    let official: JsonFragment[];

    before(async function () {
      royaltyModule = await ourAbi("IRoyaltyModule");
      official = officialAbi("royaltyModuleAbi");
    });

    it("reports nothing for the unmodified ABI", function () {
      expect(compareAbi("IRoyaltyModule", royaltyModule, official)).to.deep.equal([]);
    });

    it("reports a changed parameter type, with the official signature", function () {
      const abi = clone(royaltyModule);
      entry(abi, "function", "payRoyaltyOnBehalf").inputs[3].type = "uint128";
      const [mismatch, ...rest] = compareAbi("IRoyaltyModule", abi, official);
      expect(rest).to.deep.equal([]);
      expect(mismatch).to.deep.equal({
        contract: "IRoyaltyModule",
        kind: "function",
        ours: "function payRoyaltyOnBehalf(address,address,address,uint128) nonpayable",
        official: ["function payRoyaltyOnBehalf(address,address,address,uint256) nonpayable"],
        reason: "no official overload with these input types",
      });
      expect(formatMismatches([mismatch])).to.include("payRoyaltyOnBehalf(address,address,address,uint256)");
    });

    it("reports a flipped indexed flag", function () {
      const abi = clone(royaltyModule);
      entry(abi, "event", "IpRoyaltyVaultDeployed").inputs[0].indexed = true;
      expect(compareAbi("IRoyaltyModule", abi, official)).to.deep.equal([
        {
          contract: "IRoyaltyModule",
          kind: "event",
          ours: "event IpRoyaltyVaultDeployed(address indexed,address)",
          official: ["event IpRoyaltyVaultDeployed(address,address)"],
          reason: "indexed flags differ",
        },
      ]);
    });

    it("reports a wrong stateMutability", function () {
      const abi = clone(royaltyModule);
      entry(abi, "function", "isWhitelistedRoyaltyToken").stateMutability = "nonpayable";
      expect(compareAbi("IRoyaltyModule", abi, official)).to.deep.equal([
        {
          contract: "IRoyaltyModule",
          kind: "function",
          ours: "function isWhitelistedRoyaltyToken(address) nonpayable returns (bool)",
          official: ["function isWhitelistedRoyaltyToken(address) view returns (bool)"],
          reason: "stateMutability differs",
        },
      ]);
    });

    it("reports wrong output types", function () {
      const abi = clone(royaltyModule);
      (entry(abi, "function", "ipRoyaltyVaults") as { outputs?: { type: string }[] }).outputs![0].type = "uint256";
      const mismatches = compareAbi("IRoyaltyModule", abi, official);
      expect(mismatches.map((m) => m.reason)).to.deep.equal(["output types differ"]);
    });

    it("reports made-up functions, events and errors, and every mismatch at once", function () {
      const abi = clone(royaltyModule);
      abi.push(
        { type: "function", name: "drainVault", inputs: [], outputs: [], stateMutability: "nonpayable" },
        { type: "event", name: "Drained", inputs: [{ name: "x", type: "uint256", indexed: false }], anonymous: false },
        { type: "error", name: "RoyaltyModule__NotARealError", inputs: [] },
      );
      entry(abi, "function", "payRoyaltyOnBehalf").inputs[3].type = "uint128";
      const mismatches = compareAbi("IRoyaltyModule", abi, official);
      expect(mismatches.map((m) => `${m.kind} ${m.ours}: ${m.reason}`)).to.have.members([
        "function function payRoyaltyOnBehalf(address,address,address,uint128) nonpayable: no official overload with these input types",
        "function function drainVault() nonpayable: no official function named drainVault",
        "event event Drained(uint256): no official event named Drained",
        "error error RoyaltyModule__NotARealError(): no official error named RoyaltyModule__NotARealError",
      ]);
      const report = formatMismatches(mismatches);
      expect(report).to.include("drainVault").and.to.include("(none with this name)");
    });

    it("checks errors by selector", function () {
      const officialError = official.find((e) => e.type === "error" && (e.inputs ?? []).length > 0)!;
      expect(compareAbi("X", [officialError], official)).to.deep.equal([]);
      const changed = structuredClone(officialError) as { inputs: { type: string }[] };
      changed.inputs[0].type = changed.inputs[0].type === "address" ? "uint256" : "address";
      const [mismatch] = compareAbi("X", [changed as JsonFragment], official);
      expect(mismatch.reason).to.equal("no official overload with these input types");
      expect(mismatch.official[0]).to.match(new RegExp(`^error ${officialError.name}\\(`));
    });
  });

  describe("address book", function () {
    for (const chainId of CHAINS) {
      it(`STORY_ADDRESSES[${chainId}] equals the SDK's addresses`, function () {
        const ours = STORY_ADDRESSES[chainId];
        for (const [key, varName] of Object.entries(ADDRESS_VARS)) {
          const official = officialAddresses(varName)[chainId];
          expect(official, `${varName}[${chainId}]`).to.be.a("string");
          expect(ours[key as keyof StoryAddresses]?.toLowerCase(), `${key} on ${chainId}`).to.equal(
            official.toLowerCase(),
          );
        }
      });
    }

    it("lists Aeneid's whitelisted MERC20 as its Stablecoin", function () {
      expect(STORY_ADDRESSES[1315].Stablecoin?.toLowerCase()).to.equal(
        officialAddresses("erc20Address")[1315].toLowerCase(),
      );
    });
  });

  describe("parseStoryAddresses / storyAddressesFor", function () {
    const book: StoryAddresses = { ...STORY_ADDRESSES[1315] };
    let dir: string;

    before(function () {
      dir = mkdtempSync(join(tmpdir(), "story-addresses-"));
    });

    after(function () {
      rmSync(dir, { recursive: true, force: true });
    });

    function writeBook(name: string, value: unknown): string {
      const file = join(dir, name);
      writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
      return file;
    }

    it("returns the official book for 1514 and 1315 when STORY_ADDRESSES is unset or empty", function () {
      expect(storyAddressesFor(1514, {})).to.equal(STORY_ADDRESSES[1514]);
      expect(storyAddressesFor(1315, { STORY_ADDRESSES: "" })).to.equal(STORY_ADDRESSES[1315]);
    });

    it("reads the JSON file named by STORY_ADDRESSES, for any chain", function () {
      const file = writeBook("valid.json", book);
      expect(storyAddressesFor(31337, { STORY_ADDRESSES: file })).to.deep.equal(book);
      expect(storyAddressesFor(1514, { STORY_ADDRESSES: file })).to.deep.equal(book);
    });

    it("accepts a book without the optional Stablecoin", function () {
      const { Stablecoin: _omitted, ...required } = book;
      expect(parseStoryAddresses(required, "inline")).to.deep.equal(required);
    });

    it("rejects a missing key, naming it and the source", function () {
      const { WIP: _omitted, ...incomplete } = book;
      const file = writeBook("missing.json", incomplete);
      expect(() => storyAddressesFor(1514, { STORY_ADDRESSES: file })).to.throw(
        `${file}: "WIP" must be a 0x-prefixed 20-byte address`,
      );
    });

    it("rejects malformed addresses, including a malformed Stablecoin", function () {
      const short = writeBook("short.json", { ...book, RoyaltyModule: "0x1234" });
      expect(() => storyAddressesFor(1514, { STORY_ADDRESSES: short })).to.throw(
        `${short}: "RoyaltyModule" must be a 0x-prefixed 20-byte address`,
      );
      expect(() => parseStoryAddresses({ ...book, DisputeModule: book.DisputeModule.slice(2) }, "src")).to.throw(
        `src: "DisputeModule" must be a 0x-prefixed 20-byte address`,
      );
      expect(() => parseStoryAddresses({ ...book, Stablecoin: 42 }, "src")).to.throw(
        `src: "Stablecoin" must be a 0x-prefixed 20-byte address`,
      );
    });

    it("rejects a book that is not a JSON object", function () {
      expect(() => parseStoryAddresses(null, "src")).to.throw("src: expected a JSON object");
      const file = writeBook("number.json", "7");
      expect(() => storyAddressesFor(1514, { STORY_ADDRESSES: file })).to.throw(`${file}: expected a JSON object`);
      const broken = writeBook("broken.json", "{ not json");
      expect(() => storyAddressesFor(1514, { STORY_ADDRESSES: broken })).to.throw(SyntaxError);
    });

    it("rejects an unknown chain without an override", function () {
      expect(() => storyAddressesFor(31337, {})).to.throw(
        "No Story addresses for chain 31337: set STORY_ADDRESSES to a JSON address book",
      );
    });
  });
});
