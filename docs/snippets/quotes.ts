import type { Signer } from "ethers";
import { UnderwritingPool__factory, type IUnderwritingPoolTypes } from "@quintessence/contracts";

/** Quotes infringement cover for an IP, then buys it with a 1% premium tolerance (the rate may move meanwhile). */
export async function quoteAndBuy(
  buyer: Signer,
  poolAddress: string,
  product: string,
  ipId: string,
  amount: bigint,
  durationSeconds: bigint,
) {
  const pool = UnderwritingPool__factory.connect(poolAddress, buyer);
  // Reverts as `buyCover` would (paused pool, disabled product, duration, capacity…): see errors.ts.
  const quote: IUnderwritingPoolTypes.QuoteStructOutput = await pool.quote(
    product,
    ipId,
    ipId,
    amount,
    durationSeconds,
  );
  const request: IUnderwritingPoolTypes.CoverRequestStruct = {
    product,
    subject: ipId,
    ipId,
    amount,
    duration: durationSeconds,
    maxPremium: quote.premium + quote.premium / 100n,
    recipient: await buyer.getAddress(),
  };
  // The pool pulls the premium: approve it in the pool's asset first (an ERC-20 approve, not shown).
  const coverId = await pool.buyCover.staticCall(request); // the id the cover NFT will get
  const receipt = await (await pool.buyCover(request)).wait();
  return { quote, coverId, receipt };
}
