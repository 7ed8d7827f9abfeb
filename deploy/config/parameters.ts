/** Turns a typed deployment configuration into the Ignition parameters of the Quintessence modules. */
import type { AccountRef, DeployConfig, HolderRole } from "./types.ts";

/** Ignition parameters, per module id. */
export type IgnitionParameters = Record<string, Record<string, string | bigint | boolean>>;

const HOLDER_ROLES: readonly HolderRole[] = [
  "ADMIN",
  "RISK_MANAGER",
  "APPRAISER",
  "GUARDIAN",
  "RISK_ASSESSOR",
  "FEE_MANAGER",
];

/** Resolves "deployer" to the deploying account. */
export function resolveAccount(account: AccountRef, deployer: string): string {
  return account === "deployer" ? deployer : account;
}

/** The parameters of the Lending, Seats, Insurance and Quintessence modules for `config`, deployed by `deployer`. */
export function ignitionParameters(config: DeployConfig, deployer: string): IgnitionParameters {
  const { story, lending, seats, insurance } = config;
  const treasury = resolveAccount(config.treasury, deployer);
  const quintessence: Record<string, string | bigint | boolean> = {
    wip: story.WIP,
    targetAdminDelay: config.delays.targetAdmin,
    infringementRate: insurance.infringement.defaultRate,
    shortfallRate: insurance.shortfall.defaultRate,
  };
  for (const kind of ["infringement", "shortfall"] as const) {
    const product = insurance[kind];
    quintessence[`${kind}MinDuration`] = product.minDuration;
    quintessence[`${kind}MaxDuration`] = product.maxDuration;
    quintessence[`${kind}WaitingPeriod`] = product.waitingPeriod;
    quintessence[`${kind}ClaimWindow`] = product.claimWindow;
    quintessence[`${kind}MinAmount`] = product.minAmount;
  }
  for (const role of HOLDER_ROLES) {
    quintessence[`holder_${role}`] = resolveAccount(config.holders[role], deployer);
    quintessence[`executionDelay_${role}`] = config.delays.execution[role];
    quintessence[`grantDelay_${role}`] = config.delays.grant[role];
  }
  return {
    Lending: {
      asset: story.WIP,
      name: lending.name,
      symbol: lending.symbol,
      ipAssetRegistry: story.IPAssetRegistry,
      royaltyModule: story.RoyaltyModule,
      disputeModule: story.DisputeModule,
      treasury,
      baseRate: lending.rateModel.base,
      slope1: lending.rateModel.slope1,
      slope2: lending.rateModel.slope2,
      kink: lending.rateModel.kink,
      reserveFactor: lending.reserveFactor,
      supplyCap: lending.supplyCap,
      minDebt: lending.minDebt,
      appraisalMaxChange: lending.appraisalMaxChange,
      appraisalIncreasePeriod: lending.appraisalIncreasePeriod,
      revenueWindow: lending.revenueMultiple.window,
      revenueMinHistory: lending.revenueMultiple.minHistory,
      revenueMultiple: lending.revenueMultiple.multiple,
    },
    Seats: {
      royaltyModule: story.RoyaltyModule,
      disputeModule: story.DisputeModule,
      wip: story.WIP,
      treasury,
      protocolFeeBps: seats.protocolFeeBps,
      uri: seats.uri,
    },
    Insurance: {
      asset: story.WIP,
      name: insurance.name,
      symbol: insurance.symbol,
      treasury,
      protocolFee: insurance.protocolFee,
      capacityRatio: insurance.capacityRatio,
      cooldown: insurance.cooldown,
      withdrawalWindow: insurance.withdrawalWindow,
      rateMaxAge: insurance.rateMaxAge,
      disputeModule: story.DisputeModule,
      ipAssetRegistry: story.IPAssetRegistry,
    },
    Quintessence: quintessence,
  };
}
