import { isCallException } from "ethers";
import { UnderwritingPool__factory, type IUnderwritingPoolTypes, type UnderwritingPool } from "@quintessence/contracts";

/**
 * Runs a pool call and turns a custom error into a message. Every contract's factory knows its own errors and those
 * of what it inherits (OpenZeppelin's ERC-4626, AccessManaged, Pausable), so one `parseError` decodes them all.
 */
export async function explainPoolCall<T>(call: () => Promise<T>): Promise<T | string> {
  try {
    return await call();
  } catch (error) {
    if (!isCallException(error) || !error.data) throw error;
    const decoded = UnderwritingPool__factory.createInterface().parseError(error.data);
    if (decoded === null) throw error;
    switch (decoded.name) {
      case "ExceedsCapacity": {
        const [amount, available] = decoded.args as unknown as [bigint, bigint];
        return `the pool can cover at most ${available} more (asked ${amount})`;
      }
      case "PremiumAboveMax":
        return `the premium rose to ${decoded.args[0]} (your limit: ${decoded.args[1]}): quote again`;
      case "EnforcedPause":
        return "cover sales are paused";
      case "AccessManagedUnauthorized":
        return `${decoded.args[0]} may not call this function`;
      default:
        return `${decoded.name}(${decoded.args.join(", ")})`;
    }
  }
}

/** Example: try to buy cover, explaining a refusal instead of throwing. */
export function tryBuyCover(pool: UnderwritingPool, request: IUnderwritingPoolTypes.CoverRequestStruct) {
  return explainPoolCall(() => pool.buyCover.staticCall(request));
}
