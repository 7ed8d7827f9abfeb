/** IP insurance: the cover NFT, the risk oracle, the WIP underwriting pool and its two products. */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import AuthorityModule from "./Authority.ts";

export default buildModule("Insurance", (m) => {
  const { manager } = m.useModule(AuthorityModule);
  const disputeModule = m.getParameter<string>("disputeModule");
  const coverNft = m.contract("CoverNFT", [manager]);
  const riskOracle = m.contract("RiskOracle", [manager, m.getParameter<bigint>("rateMaxAge")]);
  const pool = m.contract("UnderwritingPool", [
    {
      asset: m.getParameter<string>("asset"),
      name: m.getParameter<string>("name"),
      symbol: m.getParameter<string>("symbol"),
      authority: manager,
      coverNFT: coverNft,
      riskOracle,
      treasury: m.getParameter<string>("treasury"),
      protocolFee: m.getParameter<bigint>("protocolFee"),
      capacityRatio: m.getParameter<bigint>("capacityRatio"),
      cooldown: m.getParameter<bigint>("cooldown"),
      withdrawalWindow: m.getParameter<bigint>("withdrawalWindow"),
    },
  ]);
  const infringement = m.contract("InfringementProduct", [
    pool,
    disputeModule,
    m.getParameter<string>("ipAssetRegistry"),
  ]);
  const shortfall = m.contract("LoanShortfallProduct", [manager, pool, disputeModule]);
  return { manager, coverNft, riskOracle, pool, infringement, shortfall };
});
