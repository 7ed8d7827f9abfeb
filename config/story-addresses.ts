import { readFileSync } from "node:fs";

/** The Story core contracts Quintessence talks to, for one chain. */
export interface StoryAddresses {
  IPAssetRegistry: string;
  LicensingModule: string;
  PILicenseTemplate: string;
  RoyaltyModule: string;
  RoyaltyPolicyLAP: string;
  DisputeModule: string;
  /** The arbitration policy that judges disputes (ArbitrationPolicyUMA on Story; a mock policy on the devnet). */
  ArbitrationPolicy: string;
  WIP: string;
  /** A second whitelisted revenue token, where the chain has one (Aeneid's MERC20, the devnet's stablecoin). */
  Stablecoin?: string;
}

/** Story core v1.3.2 sits at the same addresses on mainnet and Aeneid (`@story-protocol/core-sdk` 1.4.4). */
const STORY_CORE = {
  IPAssetRegistry: "0x77319B4031e6eF1250907aa00018B8B1c67a244b",
  LicensingModule: "0x04fbd8a2e56dd85CFD5500A4A4DfA955B9f1dE6f",
  PILicenseTemplate: "0x2E896b0b2Fdb7457499B56AAaA4AE55BCB4Cd316",
  RoyaltyModule: "0xD2f60c40fEbccf6311f8B47c4f2Ec6b040400086",
  RoyaltyPolicyLAP: "0xBe54FB168b3c982b7AaE60dB6CF75Bd8447b390E",
  DisputeModule: "0x9b7A9c70AFF961C799110954fc06F3093aeb94C5",
  ArbitrationPolicy: "0xfFD98c3877B8789124f02C7E8239A4b0Ef11E936",
  WIP: "0x1514000000000000000000000000000000000000",
} as const satisfies StoryAddresses;

/** Story addresses per chain: mainnet (1514) and Aeneid (1315, which also whitelists the MERC20 test token). */
export const STORY_ADDRESSES: Readonly<Record<number, StoryAddresses>> = {
  1514: STORY_CORE,
  1315: { ...STORY_CORE, Stablecoin: "0xF2104833d386a2734a4eB3B8ad6FC6812F29E38E" },
};

const REQUIRED: readonly (keyof StoryAddresses)[] = [
  "IPAssetRegistry",
  "LicensingModule",
  "PILicenseTemplate",
  "RoyaltyModule",
  "RoyaltyPolicyLAP",
  "DisputeModule",
  "ArbitrationPolicy",
  "WIP",
];

/** Checks a parsed address book and returns it typed; throws naming the first missing or malformed entry. */
export function parseStoryAddresses(value: unknown, source: string): StoryAddresses {
  if (typeof value !== "object" || value === null) throw new Error(`${source}: expected a JSON object`);
  const book = value as Record<string, unknown>;
  for (const key of [...REQUIRED, "Stablecoin"] as const) {
    const entry = book[key];
    if (entry === undefined && key === "Stablecoin") continue;
    if (typeof entry !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(entry)) {
      throw new Error(`${source}: "${key}" must be a 0x-prefixed 20-byte address`);
    }
  }
  return book as unknown as StoryAddresses;
}

/**
 * The Story addresses for a chain: the JSON file named by `STORY_ADDRESSES` when set (custom deployments, the
 * local devnet node), else the official addresses of 1514 / 1315.
 */
export function storyAddressesFor(chainId: number, env: NodeJS.ProcessEnv = process.env): StoryAddresses {
  const file = env.STORY_ADDRESSES;
  if (file !== undefined && file !== "") {
    return parseStoryAddresses(JSON.parse(readFileSync(file, "utf8")), file);
  }
  const known = STORY_ADDRESSES[chainId];
  if (known === undefined) {
    throw new Error(`No Story addresses for chain ${chainId}: set STORY_ADDRESSES to a JSON address book`);
  }
  return known;
}
