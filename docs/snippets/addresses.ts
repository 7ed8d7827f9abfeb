import { JsonRpcProvider } from "ethers";
import {
  CollaborationSeats__factory,
  RoyaltyLendingVault__factory,
  STORY_ADDRESSES,
  UnderwritingPool__factory,
  deploymentFor,
  type Deployment,
} from "@quintessence/contracts";

/** The address of one of our contracts in a deployment, or a clear error. */
function addressOf(deployment: Deployment, name: string): string {
  const address = deployment.contracts[name];
  if (address === undefined) throw new Error(`${name} is not deployed on chain ${deployment.chainId}`);
  return address;
}

/** Typed, read-only handles on the deployed primitives of the chain `rpcUrl` serves. */
export async function connect(rpcUrl: string) {
  const provider = new JsonRpcProvider(rpcUrl);
  const { chainId } = await provider.getNetwork();
  const deployment = deploymentFor(chainId);
  if (deployment === undefined) throw new Error(`no Quintessence deployment on chain ${chainId}`);
  return {
    provider,
    wip: STORY_ADDRESSES[Number(chainId)]?.WIP,
    vault: RoyaltyLendingVault__factory.connect(addressOf(deployment, "RoyaltyLendingVault"), provider),
    seats: CollaborationSeats__factory.connect(addressOf(deployment, "CollaborationSeats"), provider),
    pool: UnderwritingPool__factory.connect(addressOf(deployment, "UnderwritingPool"), provider),
  };
}
