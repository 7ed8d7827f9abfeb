import type { Provider } from "ethers";
import { RoyaltyLendingVault__factory, UnderwritingPool__factory } from "@quintessence/contracts";

/** Follows liquidations live (typed listener arguments) and returns a function that stops listening. */
export async function watchLiquidations(provider: Provider, vaultAddress: string): Promise<() => Promise<void>> {
  const vault = RoyaltyLendingVault__factory.connect(vaultAddress, provider);
  const filter = vault.filters.Liquidated(); // Liquidated(positionId) narrows to one position
  await vault.on(filter, (positionId, liquidator, repaid, seized) => {
    console.log(`position ${positionId} liquidated by ${liquidator}: repaid ${repaid}, seized ${seized} RT units`);
  });
  return async () => {
    await vault.off(filter);
  };
}

/** Covers sold for one IP in a block range (historical logs, decoded and typed). */
export async function coversSoldFor(provider: Provider, poolAddress: string, ipId: string, fromBlock: number) {
  const pool = UnderwritingPool__factory.connect(poolAddress, provider);
  // coverId, product and subject are indexed: pass undefined to leave one open.
  const logs = await pool.queryFilter(pool.filters.CoverPurchased(undefined, undefined, ipId), fromBlock, "latest");
  return logs.map(({ args, blockNumber }) => ({
    coverId: args.coverId,
    buyer: args.buyer,
    amount: args.amount,
    premium: args.premium,
    blockNumber,
  }));
}
