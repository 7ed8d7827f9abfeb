import { MaxUint256, formatUnits, type Provider } from "ethers";
import { RoyaltyLendingVault__factory } from "@quintessence/contracts";

const WAD = 10n ** 18n;

/** A borrower's position as a lending UI shows it. */
export async function describePosition(provider: Provider, vaultAddress: string, positionId: bigint) {
  const vault = RoyaltyLendingVault__factory.connect(vaultAddress, provider);
  const position = await vault.position(positionId); // owner, maturity, ipId, collateral (RT units), borrowShares
  const market = await vault.market(position.ipId); // params (maxLtv, liquidationThreshold, …), royaltyVault, …
  const debt = await vault.debtOf(positionId); // loan-asset units, interest and harvested revenue applied
  const health = await vault.healthFactor(positionId); // WAD; MaxUint256 without debt; 0 if disputed or unvalued
  const decimals = await vault.decimals();
  return {
    owner: position.owner,
    ipId: position.ipId,
    collateralRt: formatUnits(position.collateral, 6), // RT have 6 decimals
    debt: formatUnits(debt, decimals),
    healthFactor: health === MaxUint256 ? "∞" : formatUnits(health, 18),
    liquidatable: health < WAD,
    overdue: position.maturity !== 0n && BigInt(Math.floor(Date.now() / 1000)) > position.maturity,
    maxLtv: formatUnits(market.params.maxLtv, 16) + "%",
  };
}
