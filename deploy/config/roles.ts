/**
 * The roles of a Quintessence deployment: one OpenZeppelin AccessManager governs every contract, and this map says
 * which restricted function each role may call. The full-system Ignition module applies it, the deploy test checks
 * it on-chain, and operators read it here. Restricted functions not listed (`unpause`, role administration) stay
 * with the admin role, the AccessManager's default.
 */

/** Role ids (0 is the AccessManager's admin role). */
export const ROLES = {
  ADMIN: 0n,
  RISK_MANAGER: 1n,
  APPRAISER: 2n,
  GUARDIAN: 3n,
  RISK_ASSESSOR: 4n,
  COVER_POOL: 5n,
  FEE_MANAGER: 6n,
} as const;

/** A role's name. */
export type RoleName = keyof typeof ROLES;

/** The contracts of a deployment that have restricted functions. */
export type GovernedContract =
  | "RoyaltyLendingVault"
  | "AppraisalOracle"
  | "RevenueMultipleOracle"
  | "CollaborationSeats"
  | "SeatMarket"
  | "CoverNFT"
  | "RiskOracle"
  | "UnderwritingPool"
  | "LoanShortfallProduct";

/** For each governed contract, the functions each role may call. */
export const ROLE_TARGETS: Readonly<Record<GovernedContract, Partial<Record<RoleName, readonly string[]>>>> = {
  RoyaltyLendingVault: {
    RISK_MANAGER: [
      "listMarket",
      "updateMarketParams",
      "setInterestRateModel",
      "setReserveFactor",
      "setTreasury",
      "setSupplyCap",
      "setMinDebt",
      "setBadDebtCover",
    ],
    APPRAISER: ["setMarketFrozen"],
    GUARDIAN: ["pause"],
  },
  AppraisalOracle: { APPRAISER: ["postAppraisal"], RISK_MANAGER: ["setMaxChangePerUpdate", "setIncreasePeriod"] },
  RevenueMultipleOracle: { RISK_MANAGER: ["setDefaultConfig", "setIpConfig", "clearIpConfig", "setPriceAdapter"] },
  CollaborationSeats: { FEE_MANAGER: ["setProtocolFee", "setTreasury"] },
  SeatMarket: { RISK_MANAGER: ["setPaymentToken"] },
  CoverNFT: { COVER_POOL: ["mint", "setStatus"] },
  RiskOracle: { RISK_MANAGER: ["setDefaultRate", "setMaxAge"], RISK_ASSESSOR: ["postRates"] },
  UnderwritingPool: {
    RISK_MANAGER: [
      "setProduct",
      "setCapacityRatio",
      "setProtocolFee",
      "setTreasury",
      "setRiskOracle",
      "setWithdrawalTimes",
    ],
    GUARDIAN: ["pause"],
  },
  LoanShortfallProduct: { RISK_MANAGER: ["setVault"] },
};
