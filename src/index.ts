/**
 * `@quintessence/contracts`: typed ethers v6 factories and contracts (TypeChain) for every public contract and
 * interface, their ABIs, the per-chain address book, and Story's core addresses.
 */
export * from "./generated/contracts.ts";
export { deployedChainIds, deploymentFor, parseDeployment, type Deployment, type DeployedRole } from "./deployments.ts";
export { STORY_ADDRESSES, type StoryAddresses } from "../config/story-addresses.ts";
export type {
  TypedContractEvent,
  TypedContractMethod,
  TypedDeferredTopicFilter,
  TypedEventLog,
  TypedListener,
  TypedLogDescription,
} from "../typechain-types/common.ts";
