/**
 * Royalty-backed lending: the kinked rate model, the appraisal oracle, the WIP lending vault, and the revenue-multiple
 * oracle that reads the vault's harvested revenue (capped by the appraisal).
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import AuthorityModule from "./Authority.ts";

export default buildModule("Lending", (m) => {
  const { manager } = m.useModule(AuthorityModule);
  const asset = m.getParameter<string>("asset");
  const rateModel = m.contract("KinkedRateModel", [
    m.getParameter<bigint>("baseRate"),
    m.getParameter<bigint>("slope1"),
    m.getParameter<bigint>("slope2"),
    m.getParameter<bigint>("kink"),
  ]);
  const appraisal = m.contract("AppraisalOracle", [
    manager,
    m.getParameter<bigint>("appraisalMaxChange"),
    m.getParameter<bigint>("appraisalIncreasePeriod"),
  ]);
  const vault = m.contract("RoyaltyLendingVault", [
    {
      asset,
      name: m.getParameter<string>("name"),
      symbol: m.getParameter<string>("symbol"),
      authority: manager,
      ipAssetRegistry: m.getParameter<string>("ipAssetRegistry"),
      royaltyModule: m.getParameter<string>("royaltyModule"),
      disputeModule: m.getParameter<string>("disputeModule"),
      rateModel,
      treasury: m.getParameter<string>("treasury"),
      reserveFactor: m.getParameter<bigint>("reserveFactor"),
      supplyCap: m.getParameter<bigint>("supplyCap"),
      minDebt: m.getParameter<bigint>("minDebt"),
    },
  ]);
  const revenueOracle = m.contract("RevenueMultipleOracle", [
    manager,
    vault,
    appraisal,
    asset,
    {
      window: m.getParameter<bigint>("revenueWindow"),
      minHistory: m.getParameter<bigint>("revenueMinHistory"),
      multiple: m.getParameter<bigint>("revenueMultiple"),
    },
  ]);
  return { manager, rateModel, appraisal, vault, revenueOracle };
});
