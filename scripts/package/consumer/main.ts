/**
 * The consumer program of `npm run test:package`: copied into a fresh project outside the repo that installed the
 * packed `@quintessence/contracts`, type-checked there (strict, library types included) and run against a local node
 * (RPC_URL). Uses the package only through its public entry points, as an integrator would.
 */
import assert from "node:assert/strict";
import { JsonRpcProvider, decodeBytes32String, getAddress, isCallException, type ErrorDescription } from "ethers";
import * as pkg from "@quintessence/contracts";
import {
  AccessManager__factory,
  CONTRACT_NAMES,
  IRiskOracle__factory,
  IUnderwritingPool__factory,
  RiskOracle__factory,
  STORY_ADDRESSES,
  abis,
  deployedChainIds,
  deploymentFor,
  parseDeployment,
  type ContractName,
  type IUnderwritingPoolTypes,
  type RiskOracle,
  type RiskOracleTypes,
} from "@quintessence/contracts";
import riskOracleAbi from "@quintessence/contracts/abi/RiskOracle.json" with { type: "json" };

/** True when T is `any`: a missing or untyped binding would make the checks below pass vacuously. */
type IsAny<T> = 0 extends 1 & T ? true : false;
const typed = <T>(_value: T, notAny: IsAny<T> extends false ? true : never): boolean => notAny;

// Types the package must carry (compile-time checks; each line fails type-checking if a type is missing or `any`).
const quoteShape: IUnderwritingPoolTypes.QuoteStructOutput | undefined = undefined;
typed(quoteShape, true);
const name: ContractName = "UnderwritingPool";
// @ts-expect-error test doubles are not part of the package
const mockName: ContractName = "MockSeats1155";
// @ts-expect-error test doubles are not part of the package
void pkg.MockSeats1155__factory;
// @ts-expect-error the devnet is not part of the package
void pkg.IPAssetRegistry__factory;

const url = process.env.RPC_URL;
if (url === undefined) throw new Error("RPC_URL is not set");
const provider = new JsonRpcProvider(url, undefined, { cacheTimeout: -1 });
const admin = await provider.getSigner(0);
const stranger = await provider.getSigner(1);
const product = getAddress("0x00000000000000000000000000000000000000aa");
const subject = getAddress("0x00000000000000000000000000000000000000bb");

/** The custom error a call reverted with, decoded through a contract's typed interface. */
async function revertOf(call: Promise<unknown>, contract: RiskOracle): Promise<ErrorDescription> {
  try {
    await call;
  } catch (error) {
    if (isCallException(error) && error.data) {
      const decoded = contract.interface.parseError(error.data);
      if (decoded !== null) return decoded;
    }
    throw error;
  }
  throw new Error("expected the call to revert");
}

// Deploy the authority and a contract from the package's factories (bytecode included).
const manager = await new AccessManager__factory(admin).deploy(admin.address);
await manager.waitForDeployment();
const oracle: RiskOracle = await new RiskOracle__factory(admin).deploy(manager, 86_400n);
await oracle.waitForDeployment();
assert.equal(await oracle.authority(), await manager.getAddress());
assert.equal(await oracle.maxAge(), 86_400n);
const [isAdmin] = await manager.hasRole(0n, admin.address);
assert.equal(isAdmin, true);

// A restricted call by the admin: the event is decoded from the receipt and by a typed filter.
const rate = 25n * 10n ** 15n; // 2.5% a year
const receipt = await (await oracle.setDefaultRate(product, rate)).wait();
assert.ok(receipt !== null && receipt.status === 1);
const parsed = receipt.logs.map((log) => oracle.interface.parseLog(log)).find((log) => log?.name === "DefaultRateSet");
assert.ok(parsed, "DefaultRateSet not in the receipt");
assert.equal(parsed.args.product, product);
assert.equal(parsed.args.rate, rate);
const events = await oracle.queryFilter(oracle.filters.DefaultRateSet(product), receipt.blockNumber);
assert.equal(events.length, 1);
const eventArgs: RiskOracleTypes.DefaultRateSetEvent.OutputObject = events[0]!.args;
typed(events[0]!.args.rate, true);
assert.equal(eventArgs.rate, rate);
assert.equal(events[0]!.args.product, product);

// Reads through the interface binding.
const view = IRiskOracle__factory.connect(await oracle.getAddress(), provider);
assert.equal(await view.rateOf(product, subject), rate);
assert.equal(await view.defaultRate(product), rate);
typed(await view.postedRate(product, subject), true);

// Custom errors: the AccessManager's refusal, and a bound; state unchanged after each.
const unauthorized = await revertOf(oracle.connect(stranger).setDefaultRate(product, rate * 2n), oracle);
assert.equal(unauthorized.name, "AccessManagedUnauthorized");
assert.equal(unauthorized.args[0], stranger.address);
const tooHigh = (await oracle.MAX_RATE()) + 1n;
const outOfBounds = await revertOf(oracle.setDefaultRate(product, tooHigh), oracle);
assert.equal(outOfBounds.name, "ParameterOutOfBounds");
assert.equal(decodeBytes32String(outOfBounds.args[0] as string), "rate");
assert.equal(await oracle.defaultRate(product), rate);

// ABIs: the JSON files and the `abis` map agree with the factories.
assert.deepEqual(riskOracleAbi, JSON.parse(JSON.stringify(RiskOracle__factory.abi)));
assert.equal(abis.IUnderwritingPool, IUnderwritingPool__factory.abi);
assert.ok(IUnderwritingPool__factory.createInterface().getFunction("quote") !== null);
assert.ok(CONTRACT_NAMES.includes(name));
assert.ok(!(CONTRACT_NAMES as readonly string[]).includes(mockName));

// Addresses: Story's, and the address book (whatever deployments the package ships, each must be well formed).
assert.equal(STORY_ADDRESSES[1514]?.WIP, "0x1514000000000000000000000000000000000000");
assert.equal(deploymentFor(0), undefined);
const chainIds = deployedChainIds();
for (const chainId of chainIds) assert.equal(deploymentFor(chainId)?.chainId, chainId);
const sample = {
  chainId: 1315,
  network: "aeneid",
  deployedAt: "2026-01-01T00:00:00.000Z",
  story: { WIP: STORY_ADDRESSES[1315]!.WIP },
  contracts: { RiskOracle: await oracle.getAddress() },
  roles: { riskAssessor: { id: "3", holders: [admin.address] } },
};
assert.equal(parseDeployment(sample, "sample").contracts.RiskOracle, await oracle.getAddress());
assert.throws(() => parseDeployment({ ...sample, contracts: { RiskOracle: "0x12" } }, "bad"), /RiskOracle/);

console.log(
  `consumer: deployed AccessManager and RiskOracle, decoded DefaultRateSet, AccessManagedUnauthorized and ` +
    `ParameterOutOfBounds; ${CONTRACT_NAMES.length} bindings; deployments for [${chainIds.join(", ")}]`,
);
