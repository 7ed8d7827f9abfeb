/**
 * Deployment configuration per network. Risk parameters are shared; what differs is who holds the roles, the
 * AccessManager delays (none locally and on the Aeneid testnet, days on mainnet) and where Story lives.
 */
import { storyAddressesFor, type StoryAddresses } from "../../config/story-addresses.ts";
import type { DeployConfig, HolderRole, ProductSettings } from "./types.ts";

const WAD = 10n ** 18n;
const HOUR = 3_600n;
const DAY = 24n * HOUR;

/** Environment variables naming the role holders on mainnet (each required there). */
export const HOLDER_VARIABLES: Readonly<Record<HolderRole | "TREASURY", string>> = {
  ADMIN: "QUINTESSENCE_ADMIN",
  RISK_MANAGER: "QUINTESSENCE_RISK_MANAGER",
  APPRAISER: "QUINTESSENCE_APPRAISER",
  GUARDIAN: "QUINTESSENCE_GUARDIAN",
  RISK_ASSESSOR: "QUINTESSENCE_RISK_ASSESSOR",
  FEE_MANAGER: "QUINTESSENCE_FEE_MANAGER",
  TREASURY: "QUINTESSENCE_TREASURY",
};

/** Infringement cover: 30 days to 2 years, a 7-day waiting period, claims up to 120 days after the end. */
const INFRINGEMENT: ProductSettings = {
  minDuration: 30n * DAY,
  maxDuration: 730n * DAY,
  waitingPeriod: 7n * DAY,
  claimWindow: 120n * DAY,
  minAmount: 10n * WAD,
  defaultRate: (2n * WAD) / 100n,
};

/**
 * Loan-shortfall cover: 30 days to 2 years, a 14-day waiting period (an underwater position is visible on-chain, so
 * cover must not be bought minutes before its liquidation), claims up to 30 days after the end.
 */
const SHORTFALL: ProductSettings = {
  minDuration: 30n * DAY,
  maxDuration: 730n * DAY,
  waitingPeriod: 14n * DAY,
  claimWindow: 30n * DAY,
  minAmount: 10n * WAD,
  defaultRate: (5n * WAD) / 100n,
};

const NO_DELAYS: Record<HolderRole, bigint> = {
  ADMIN: 0n,
  RISK_MANAGER: 0n,
  APPRAISER: 0n,
  GUARDIAN: 0n,
  RISK_ASSESSOR: 0n,
  FEE_MANAGER: 0n,
};

/** The parameters every network shares. */
function baseConfig(network: string, chainId: number, story: StoryAddresses): DeployConfig {
  return {
    network,
    chainId,
    story,
    holders: {
      ADMIN: "deployer",
      RISK_MANAGER: "deployer",
      APPRAISER: "deployer",
      GUARDIAN: "deployer",
      RISK_ASSESSOR: "deployer",
      FEE_MANAGER: "deployer",
    },
    treasury: "deployer",
    delays: { execution: NO_DELAYS, grant: NO_DELAYS, targetAdmin: 0n },
    lending: {
      name: "Quintessence WIP Lending",
      symbol: "qWIP",
      rateModel: { base: 0n, slope1: (8n * WAD) / 100n, slope2: 3n * WAD, kink: (80n * WAD) / 100n },
      reserveFactor: WAD / 10n,
      supplyCap: 1_000_000n * WAD,
      minDebt: WAD,
      appraisalMaxChange: WAD / 5n,
      appraisalIncreasePeriod: DAY,
      revenueMultiple: { window: 90n * DAY, minHistory: 30n * DAY, multiple: 3n * WAD },
    },
    seats: { protocolFeeBps: 250n, uri: "https://quintessence.example/seats/{id}.json" },
    insurance: {
      name: "Quintessence WIP Underwriting",
      symbol: "uwWIP",
      protocolFee: WAD / 10n,
      capacityRatio: (80n * WAD) / 100n,
      cooldown: 7n * DAY,
      withdrawalWindow: 3n * DAY,
      rateMaxAge: 30n * DAY,
      infringement: INFRINGEMENT,
      shortfall: SHORTFALL,
    },
  };
}

/** Reads a required address from the environment, naming the variable when it is missing or malformed. */
function requiredAddress(env: NodeJS.ProcessEnv, variable: string, network: string): string {
  const value = env[variable];
  if (value === undefined || !/^0x[0-9a-fA-F]{40}$/.test(value)) {
    throw new Error(`Deploying to ${network} needs ${variable}: set it to the 0x address that should hold it`);
  }
  return value;
}

/**
 * The configuration of `network` (chain `chainId`). Local networks and Aeneid give every role to the deployer with
 * no delays; mainnet (`story`) takes every holder from the environment (HOLDER_VARIABLES) and the seats metadata URI
 * from QUINTESSENCE_SEATS_URI, and sets day-long delays on the roles that change risk.
 */
export function deployConfigFor(
  network: string,
  chainId: number,
  env: NodeJS.ProcessEnv = process.env,
  story: StoryAddresses = storyAddressesFor(chainId, env),
): DeployConfig {
  const config = baseConfig(network, chainId, story);
  if (network !== "story") {
    return config;
  }
  const holder = (role: HolderRole | "TREASURY") => requiredAddress(env, HOLDER_VARIABLES[role], network);
  const holders = {
    ADMIN: holder("ADMIN"),
    RISK_MANAGER: holder("RISK_MANAGER"),
    APPRAISER: holder("APPRAISER"),
    GUARDIAN: holder("GUARDIAN"),
    RISK_ASSESSOR: holder("RISK_ASSESSOR"),
    FEE_MANAGER: holder("FEE_MANAGER"),
  };
  const treasury = holder("TREASURY");
  const uri = env.QUINTESSENCE_SEATS_URI;
  if (uri === undefined || uri === "") {
    throw new Error(`Deploying to ${network} needs QUINTESSENCE_SEATS_URI: the ERC-1155 metadata URI of the seats`);
  }
  return {
    ...config,
    holders,
    treasury,
    // Guardians pause and appraisers and assessors keep prices fresh at once; risk, fee and admin changes wait.
    delays: {
      execution: { ...NO_DELAYS, ADMIN: 2n * DAY, RISK_MANAGER: DAY, FEE_MANAGER: 2n * DAY },
      grant: {
        ADMIN: 2n * DAY,
        RISK_MANAGER: 2n * DAY,
        APPRAISER: 2n * DAY,
        GUARDIAN: 2n * DAY,
        RISK_ASSESSOR: 2n * DAY,
        FEE_MANAGER: 2n * DAY,
      },
      targetAdmin: 2n * DAY,
    },
    seats: { ...config.seats, uri },
  };
}
