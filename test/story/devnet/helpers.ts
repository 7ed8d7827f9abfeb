/**
 * Shared set-up for the devnet royalty / licensing behaviour tests: the devnet (through `loadStory`), the devnet
 * contracts under their own names (for devnet-only and LicenseRegistry views), and helpers that pay in the devnet
 * stablecoin (a second whitelisted revenue token, minted freely, so balances are exact).
 */
import type { NetworkConnection } from "hardhat/types/network";
import { ZeroAddress, type Signer } from "ethers";
import {
  STORY_PERCENT,
  commercialRemixTerms,
  createIp,
  loadStory,
  type CommercialTermsOptions,
  type CreatedIp,
  type PILTermsStruct,
  type Story,
} from "../../fixtures/story.ts";

export type { PILTermsStruct };

export const USD = 10n ** 6n;
export const PERCENT = STORY_PERCENT;

/** The devnet, with the devnet-typed contracts and the stablecoin. */
export async function loadDevnet(connection: NetworkConnection) {
  const { ethers } = connection;
  const story = await loadStory(connection);
  const a = story.addresses as Story["addresses"] & { Stablecoin: string; LicenseToken: string };
  return {
    story,
    royaltyModule: await ethers.getContractAt("RoyaltyModule", a.RoyaltyModule),
    lap: await ethers.getContractAt("RoyaltyPolicyLAP", a.RoyaltyPolicyLAP),
    licensing: await ethers.getContractAt("LicensingModule", a.LicensingModule),
    template: await ethers.getContractAt("PILicenseTemplate", a.PILicenseTemplate),
    licenseToken: await ethers.getContractAt("LicenseToken", a.LicenseToken),
    usd: await ethers.getContractAt("DevnetStablecoin", a.Stablecoin),
  };
}
export type Devnet = Awaited<ReturnType<typeof loadDevnet>>;

/** Commercial-remix terms under LAP, paid in the stablecoin unless told otherwise. */
export function commercialTerms(d: Devnet, options: CommercialTermsOptions = {}): PILTermsStruct {
  return commercialRemixTerms(d.story, { currency: d.story.addresses.Stablecoin, ...options });
}

/** Story's default non-commercial social remixing terms (id 1). */
export function nonCommercialTerms(): PILTermsStruct {
  return {
    transferable: true,
    royaltyPolicy: ZeroAddress,
    defaultMintingFee: 0n,
    expiration: 0n,
    commercialUse: false,
    commercialAttribution: false,
    commercializerChecker: ZeroAddress,
    commercializerCheckerData: "0x",
    commercialRevShare: 0n,
    commercialRevCeiling: 0n,
    derivativesAllowed: true,
    derivativesAttribution: true,
    derivativesApproval: false,
    derivativesReciprocal: true,
    derivativeRevCeiling: 0n,
    currency: ZeroAddress,
    uri: "https://github.com/piplabs/pil-document/blob/998c13e6ee1d04eb817aefd1fe16dfe8be3cd7a2/off-chain-terms/NCSR.json",
  };
}

/** Registers terms and returns their id. */
export async function registerTerms(d: Devnet, terms: PILTermsStruct): Promise<bigint> {
  await (await d.template.registerLicenseTerms(terms)).wait();
  return d.template.getLicenseTermsId(terms);
}

/** Creates an IP and attaches `termsId` to it (as its owner). */
export async function createIpWithTerms(d: Devnet, owner: Signer, termsId: bigint): Promise<CreatedIp> {
  const ip = await createIp(d.story, owner);
  await (await d.licensing.connect(owner).attachLicenseTerms(ip.ipId, await d.template.getAddress(), termsId)).wait();
  return ip;
}

/** Mints `amount` stablecoin to `account` and approves the royalty module for it. */
export async function fundUsd(d: Devnet, account: Signer, amount: bigint): Promise<void> {
  await (await d.usd.mint(await account.getAddress(), amount)).wait();
  await (await d.usd.connect(account).approve(d.story.addresses.RoyaltyModule, amount)).wait();
}

/** The royalty vault of an IP. */
export async function vaultOf(d: Devnet, ipId: string) {
  const { ethers } = d.story.connection;
  return ethers.getContractAt("IpRoyaltyVault", await d.royaltyModule.ipRoyaltyVaults(ipId));
}

/** Mints one license of `termsId` from `ip` to its owner (deploying the vault for commercial terms). */
export async function mintOne(d: Devnet, ip: CreatedIp, termsId: bigint): Promise<void> {
  const owner = await ip.owner.getAddress();
  const template = await d.template.getAddress();
  await (
    await d.licensing.connect(ip.owner).mintLicenseTokens(ip.ipId, template, termsId, 1n, owner, "0x", 0n, 0)
  ).wait();
}

/** Pays `amount` stablecoin royalties to `ipId` from `payer`. */
export async function payUsd(d: Devnet, payer: Signer, ipId: string, amount: bigint): Promise<void> {
  await fundUsd(d, payer, amount);
  await (await d.royaltyModule.connect(payer).payRoyaltyOnBehalf(ipId, ZeroAddress, d.usd, amount)).wait();
}

/** Registers `child` as a derivative of `parents` under `termsIds` (no fee limit, any RTs, any share). */
export async function linkDerivative(
  d: Devnet,
  child: CreatedIp,
  parents: string[],
  termsIds: bigint[],
): Promise<void> {
  const template = await d.template.getAddress();
  await (
    await d.licensing.connect(child.owner).registerDerivative(child.ipId, parents, termsIds, template, "0x", 0n, 0, 0)
  ).wait();
}
