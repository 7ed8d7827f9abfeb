/** The typed configuration of a Quintessence deployment on one network. */
import type { StoryAddresses } from "../../config/story-addresses.ts";
import type { RoleName } from "./roles.ts";

/** An account: a 0x address, or "deployer" for the account that runs the deployment. */
export type AccountRef = string;

/** The roles held by people (the pool's COVER_POOL role is held by the pool contract itself). */
export type HolderRole = Exclude<RoleName, "COVER_POOL">;

/** Sale terms and default annual rate of an insurance product. */
export interface ProductSettings {
  minDuration: bigint;
  maxDuration: bigint;
  waitingPeriod: bigint;
  claimWindow: bigint;
  minAmount: bigint;
  /** Default annual premium rate (WAD). */
  defaultRate: bigint;
}

/** Everything a deployment needs; every value is checked again on-chain against the contracts' bounds. */
export interface DeployConfig {
  /** Hardhat network name. */
  network: string;
  chainId: number;
  /** Story core contracts on that chain. */
  story: StoryAddresses;
  /** Who holds each role. */
  holders: Record<HolderRole, AccountRef>;
  /** Receives the lending reserve, seat fees and insurance premium fees. */
  treasury: AccountRef;
  /** AccessManager delays, in seconds. */
  delays: {
    /** Delay before a role holder's restricted call can execute (it must be scheduled first). */
    execution: Record<HolderRole, bigint>;
    /** Delay before a new grant of a role takes effect. */
    grant: Record<HolderRole, bigint>;
    /** Delay before a governed contract's role mapping or admin delay can change. */
    targetAdmin: bigint;
  };
  lending: {
    name: string;
    symbol: string;
    rateModel: { base: bigint; slope1: bigint; slope2: bigint; kink: bigint };
    reserveFactor: bigint;
    supplyCap: bigint;
    minDebt: bigint;
    /** The most an appraisal may move per update (WAD). */
    appraisalMaxChange: bigint;
    /** Seconds after which an appraisal may rise by the whole max change (rises are prorated by time until then). */
    appraisalIncreasePeriod: bigint;
    revenueMultiple: { window: bigint; minHistory: bigint; multiple: bigint };
  };
  seats: {
    protocolFeeBps: bigint;
    uri: string;
  };
  insurance: {
    name: string;
    symbol: string;
    protocolFee: bigint;
    capacityRatio: bigint;
    cooldown: bigint;
    withdrawalWindow: bigint;
    rateMaxAge: bigint;
    infringement: ProductSettings;
    shortfall: ProductSettings;
  };
}
