/**
 * The full Quintessence system on Story: lending, seats and insurance under one AccessManager, configured and wired.
 *
 * Order matters. The deployer is the AccessManager's first admin, and every restricted function starts out
 * admin-only, so the deployer first configures the contracts (insurance products and rates, the lending vault ↔
 * loan-shortfall cover connection, the seat market's payment token); only then are the functions mapped to their
 * roles (deploy/config/roles.ts), the roles granted to their holders with their execution delays, and the grant and
 * target-admin delays set. Handing the admin role over (and the deployer renouncing it) is left to the deploy script,
 * because it depends on whether the configured admin is the deployer.
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture } from "@nomicfoundation/ignition-core";
import { Interface, type InterfaceAbi } from "ethers";
import { ROLES, ROLE_TARGETS, type GovernedContract, type RoleName } from "../config/roles.ts";
import type { HolderRole } from "../config/types.ts";
import InsuranceModule from "./Insurance.ts";
import LendingModule from "./Lending.ts";
import SeatsModule from "./Seats.ts";
import vaultArtifact from "../../artifacts/contracts/lending/RoyaltyLendingVault.sol/RoyaltyLendingVault.json" with { type: "json" };
import appraisalArtifact from "../../artifacts/contracts/lending/oracles/AppraisalOracle.sol/AppraisalOracle.json" with { type: "json" };
import revenueArtifact from "../../artifacts/contracts/lending/oracles/RevenueMultipleOracle.sol/RevenueMultipleOracle.json" with { type: "json" };
import seatsArtifact from "../../artifacts/contracts/seats/CollaborationSeats.sol/CollaborationSeats.json" with { type: "json" };
import marketArtifact from "../../artifacts/contracts/seats/SeatMarket.sol/SeatMarket.json" with { type: "json" };
import coverArtifact from "../../artifacts/contracts/insurance/CoverNFT.sol/CoverNFT.json" with { type: "json" };
import riskArtifact from "../../artifacts/contracts/insurance/RiskOracle.sol/RiskOracle.json" with { type: "json" };
import poolArtifact from "../../artifacts/contracts/insurance/UnderwritingPool.sol/UnderwritingPool.json" with { type: "json" };
import shortfallArtifact from "../../artifacts/contracts/insurance/products/LoanShortfallProduct.sol/LoanShortfallProduct.json" with { type: "json" };

const ABIS: Record<GovernedContract, InterfaceAbi> = {
  RoyaltyLendingVault: vaultArtifact.abi as InterfaceAbi,
  AppraisalOracle: appraisalArtifact.abi as InterfaceAbi,
  RevenueMultipleOracle: revenueArtifact.abi as InterfaceAbi,
  CollaborationSeats: seatsArtifact.abi as InterfaceAbi,
  SeatMarket: marketArtifact.abi as InterfaceAbi,
  CoverNFT: coverArtifact.abi as InterfaceAbi,
  RiskOracle: riskArtifact.abi as InterfaceAbi,
  UnderwritingPool: poolArtifact.abi as InterfaceAbi,
  LoanShortfallProduct: shortfallArtifact.abi as InterfaceAbi,
};

/** The 4-byte selectors of `names` in `contract`'s ABI (throws on a name the contract does not have). */
export function selectorsOf(contract: GovernedContract, names: readonly string[]): string[] {
  const abi = new Interface(ABIS[contract]);
  return names.map((name) => {
    const fragment = abi.getFunction(name);
    if (fragment === null) throw new Error(`${contract} has no function ${name}`);
    return fragment.selector;
  });
}

/** The roles held by accounts, with the parameter names of their holder and delays. */
const HOLDER_ROLES: readonly HolderRole[] = [
  "ADMIN",
  "RISK_MANAGER",
  "APPRAISER",
  "GUARDIAN",
  "RISK_ASSESSOR",
  "FEE_MANAGER",
];

export default buildModule("Quintessence", (m) => {
  const lending = m.useModule(LendingModule);
  const seats = m.useModule(SeatsModule);
  const insurance = m.useModule(InsuranceModule);
  const { manager } = lending;
  const { pool, riskOracle, infringement, shortfall } = insurance;
  const deployer = m.getAccount(0);

  // 1. Configuration, while every restricted function is still admin-only.
  const product = (kind: "infringement" | "shortfall") => ({
    enabled: true,
    minDuration: m.getParameter<bigint>(`${kind}MinDuration`),
    maxDuration: m.getParameter<bigint>(`${kind}MaxDuration`),
    waitingPeriod: m.getParameter<bigint>(`${kind}WaitingPeriod`),
    claimWindow: m.getParameter<bigint>(`${kind}ClaimWindow`),
    minAmount: m.getParameter<bigint>(`${kind}MinAmount`),
  });
  const configuration = [
    m.call(pool, "setProduct", [infringement, product("infringement")], { id: "product_infringement" }),
    m.call(pool, "setProduct", [shortfall, product("shortfall")], { id: "product_shortfall" }),
    m.call(riskOracle, "setDefaultRate", [infringement, m.getParameter<bigint>("infringementRate")], {
      id: "rate_infringement",
    }),
    m.call(riskOracle, "setDefaultRate", [shortfall, m.getParameter<bigint>("shortfallRate")], {
      id: "rate_shortfall",
    }),
    m.call(shortfall, "setVault", [lending.vault, true], { id: "insure_vault" }),
    m.call(lending.vault, "setBadDebtCover", [shortfall], { id: "wire_bad_debt_cover" }),
    m.call(seats.seatMarket, "setPaymentToken", [m.getParameter<string>("wip"), true], { id: "market_wip" }),
  ];

  // 2. Map every restricted function to its role.
  const targets: Record<GovernedContract, ContractFuture<string>> = {
    RoyaltyLendingVault: lending.vault,
    AppraisalOracle: lending.appraisal,
    RevenueMultipleOracle: lending.revenueOracle,
    CollaborationSeats: seats.seats,
    SeatMarket: seats.seatMarket,
    CoverNFT: insurance.coverNft,
    RiskOracle: riskOracle,
    UnderwritingPool: pool,
    LoanShortfallProduct: shortfall,
  };
  const targetAdminDelay = m.getParameter<bigint>("targetAdminDelay", 0n);
  const mapping = [];
  for (const [contract, roles] of Object.entries(ROLE_TARGETS) as [
    GovernedContract,
    (typeof ROLE_TARGETS)[GovernedContract],
  ][]) {
    for (const [role, names] of Object.entries(roles) as [RoleName, readonly string[]][]) {
      mapping.push(
        m.call(manager, "setTargetFunctionRole", [targets[contract], selectorsOf(contract, names), ROLES[role]], {
          id: `map_${contract}_${role}`,
          after: configuration,
        }),
      );
    }
    mapping.push(
      m.call(manager, "setTargetAdminDelay", [targets[contract], targetAdminDelay], {
        id: `admin_delay_${contract}`,
        after: configuration,
      }),
    );
  }

  // 3. Label and grant the roles: the pool holds COVER_POOL; people hold the rest, with their delays.
  // (The admin role is locked: it cannot be labelled.)
  for (const role of (Object.keys(ROLES) as RoleName[]).filter((name) => name !== "ADMIN")) {
    m.call(manager, "labelRole", [ROLES[role], role], { id: `label_${role}` });
  }
  m.call(manager, "grantRole", [ROLES.COVER_POOL, pool, 0n], { id: "grant_COVER_POOL", after: mapping });
  for (const role of HOLDER_ROLES) {
    const holder = m.getParameter(`holder_${role}`, deployer);
    m.call(manager, "grantRole", [ROLES[role], holder, m.getParameter<bigint>(`executionDelay_${role}`, 0n)], {
      id: `grant_${role}`,
      after: mapping,
    });
    m.call(manager, "setGrantDelay", [ROLES[role], m.getParameter<bigint>(`grantDelay_${role}`, 0n)], {
      id: `grant_delay_${role}`,
      after: mapping,
    });
  }

  return { ...lending, ...seats, ...insurance };
});
