/**
 * `npm run bench:peers`: gas of Quintessence's RoyaltyLendingVault side by side with Morpho Blue and Aave V3, in ONE
 * in-process network and run, on the local Story devnet. The three lend WIP against the royalty tokens (RT) of a
 * Story IP (each its own IP, so each RT token has the same history: one revenue token, WIP), with the same risk
 * parameters (50% LTV, 65% liquidation threshold), the same prices (fixed-price oracles) and the same steps, run in
 * lockstep so that time passes equally for all three:
 *   supply (first, second), withdraw, supplyCollateral, borrow (first, second), repay, withdrawCollateral,
 *   supplyCollateral again once royalties are pending, the first interaction (a supply) after 30 days, a standalone
 *   accrual (measured in a snapshot), and a liquidation once the oracle price has fallen;
 * plus the steps only Quintessence has (openPosition, harvest, settle).
 *
 * Peers, from npm devDependencies (both BUSL-1.1: benchmarking only, never shipped):
 * - Morpho Blue 1.0.0 (`@morpho-org/morpho-blue`) built from its sources with its own compiler settings (solc
 *   0.8.19, viaIR, 999,999 runs; bench/peers/morpho.ts), one market with the package's OracleMock (fixed price) and IrmMock (a linear
 *   curve; like our KinkedRateModel a single view call), fee 10% as our reserve factor;
 * - Aave V3.0.2 (`@aave/core-v3` 1.19.3) from the package's artifacts (bench/peers/aave.ts): two reserves (WIP, the
 *   RT) with our kinked curve (80% kink, 8% then +300% APR), reserve factor 10%, bonus 8%.
 *
 * Figures are `gasUsed` per transaction (21,000 and calldata included). Each operation is also split by where its gas
 * went (bench/peers/breakdown.ts). Prints tables and writes bench/results/gas.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { network } from "hardhat";
import type { Contract, ContractTransactionResponse, Signer } from "ethers";
import {
  createIpWithVault,
  loadStory,
  payRoyaltyInWip,
  RT_SUPPLY,
  transferRoyaltyTokensFromIp,
} from "../test/fixtures/story.ts";
import { DAY, MARKET, RATE_MODEL, WAD, deployLending, listIp, valuePerRtUnit } from "../test/fixtures/lending.ts";
import { deployAave } from "./peers/aave.ts";
import { deployMorpho } from "./peers/morpho.ts";
import { breakdown, CATEGORIES, type Breakdown, type Classifier } from "./peers/breakdown.ts";

const started = Date.now();
const connection = await network.create();
const { ethers, networkHelpers } = connection;
const provider = ethers.provider;
const [, borrower, lender, payer, liquidator] = await ethers.getSigners();

/* ---------------------------------------------------------------- the Story world and the three lenders */

const story = await loadStory(connection);
const wip = story.wip;
const wipAddress = story.addresses.WIP;
const lending = await deployLending(story);
const { vault, appraisal, treasury } = lending;
const vaultAddress = await vault.getAddress();
const [ipOurs, ipMorpho, ipAave] = [
  await createIpWithVault(story, borrower),
  await createIpWithVault(story, borrower),
  await createIpWithVault(story, borrower),
];
const INITIAL_VALUE = 1_000n * WAD; // all 100 RT of an IP are worth 1,000 WIP: 10 WIP per RT
await listIp(lending, ipOurs.ipId, INITIAL_VALUE);

// Morpho Blue: owner enables the IRM and the LLTV (our liquidation threshold), then creates the market.
const admin = lending.admin;
const { morpho, oracle: morphoOracle, irm: morphoIrm } = await deployMorpho(admin);
const morphoAddress = await morpho.getAddress();
/** Morpho Blue as `signer` (untyped: it is built outside the Hardhat build, so TypeChain has no bindings for it). */
const morphoAs = (signer: Signer) => morpho.connect(signer) as Contract;
const marketParams = {
  loanToken: wipAddress,
  collateralToken: await ipMorpho.vault.getAddress(),
  oracle: await morphoOracle.getAddress(),
  irm: await morphoIrm.getAddress(),
  lltv: MARKET.liquidationThreshold,
};
/** Morpho's price: loan-token units per collateral unit, scaled by 1e36. */
const morphoPrice = (valuePerUnit: bigint) => valuePerUnit * 10n ** 18n;
await (await morphoOracle.setPrice(morphoPrice(valuePerRtUnit(INITIAL_VALUE)))).wait();
await (await morpho.enableIrm(marketParams.irm)).wait();
await (await morpho.enableLltv(marketParams.lltv)).wait();
await (await morpho.createMarket(marketParams)).wait();
await (await morpho.setFeeRecipient(await treasury.getAddress())).wait();
await (await morpho.setFee(marketParams, WAD / 10n)).wait();

// Aave V3: prices in an 8-decimal base currency (WIP = 1), per whole token (RT has 6 decimals).
const RAY = 10n ** 27n;
/** Aave's price of one whole RT (1e6 units) in 8-decimal WIP. */
const aavePrice = (valuePerUnit: bigint) => (valuePerUnit * 10n ** 6n * 10n ** 8n) / WAD / WAD;
const aaveRt = await ipAave.vault.getAddress();
const aave = await deployAave(admin, {
  loanAsset: { address: wipAddress, decimals: 18, price: 10n ** 8n },
  collateralAsset: { address: aaveRt, decimals: 6, price: aavePrice(valuePerRtUnit(INITIAL_VALUE)) },
  collateral: { ltv: 5_000n, liquidationThreshold: 6_500n, liquidationBonus: 10_800n },
  curve: {
    optimalUsage: (RATE_MODEL.kink * RAY) / WAD,
    base: (RATE_MODEL.base * RAY) / WAD,
    slope1: (RATE_MODEL.slope1 * RAY) / WAD,
    slope2: (RATE_MODEL.slope2 * RAY) / WAD,
  },
  reserveFactor: 1_000n,
  treasury: await treasury.getAddress(),
});
const pool = aave.pool;
/** The Aave pool as `signer` (ethers' `connect` loses the dynamic methods' type). */
const poolAs = (signer: Signer) => pool.connect(signer) as Contract;
const poolAddress = await pool.getAddress();
const VARIABLE = 2n;

// Every RT token gets the same history (one revenue token, WIP) so that RT transfers cost the same everywhere.
for (const ip of [ipOurs, ipMorpho, ipAave]) {
  await payRoyaltyInWip(story, payer, ip.ipId, WAD);
  await transferRoyaltyTokensFromIp(ip, borrower.address, RT_SUPPLY / 2n);
}
await (await ipOurs.vault.connect(borrower).approve(vaultAddress, RT_SUPPLY)).wait();
await (await ipMorpho.vault.connect(borrower).approve(morphoAddress, RT_SUPPLY)).wait();
await (await ipAave.vault.connect(borrower).approve(poolAddress, RT_SUPPLY)).wait();
for (const [account, amount] of [
  [lender, 2_500n * WAD],
  [borrower, 500n * WAD],
  [liquidator, 500n * WAD],
] as const) {
  await (await wip.connect(account).deposit({ value: amount })).wait();
  for (const spender of [vaultAddress, morphoAddress, poolAddress]) {
    await (await wip.connect(account).approve(spender, ethers.MaxUint256)).wait();
  }
}

/* ---------------------------------------------------------------- measuring */

const PROTOCOLS = ["quintessence", "morpho", "aave"] as const;
type Protocol = (typeof PROTOCOLS)[number];
interface Measured {
  gasUsed: number;
  breakdown: Breakdown;
}
const rows: { operation: string; results: Partial<Record<Protocol, Measured>> }[] = [];

const lower = async (contract: { getAddress(): Promise<string> }) => (await contract.getAddress()).toLowerCase();
const rtOf = new Set([await lower(ipOurs.vault), await lower(ipMorpho.vault), await lower(ipAave.vault)]);
const oracles = new Set([await lower(appraisal), await lower(morphoOracle), aave.addresses.oracle.toLowerCase()]);
const rateModels = new Set([
  await lower(lending.rateModel),
  await lower(morphoIrm),
  aave.addresses.strategy.toLowerCase(),
]);
const storyCore = new Set([story.addresses.DisputeModule, story.addresses.RoyaltyModule].map((a) => a.toLowerCase()));
const ERC20_SELECTORS = new Set(
  (["transfer", "transferFrom", "balanceOf"] as const).map((name) => wip.interface.getFunction(name)!.selector),
);
const classify: Classifier = (to, selector) => {
  if (to === wipAddress.toLowerCase()) {
    return "tokens";
  }
  if (rtOf.has(to)) {
    // The RT token is also the IP's royalty vault: transfers are token work, claims are Story work.
    return ERC20_SELECTORS.has(selector) ? "tokens" : "story";
  }
  if (oracles.has(to)) {
    return "oracle";
  }
  if (rateModels.has(to)) {
    return "rateModel";
  }
  return storyCore.has(to) ? "story" : undefined;
};

async function gasOf(send: () => Promise<ContractTransactionResponse>): Promise<Measured> {
  const receipt = (await (await send()).wait())!;
  const parts = await breakdown(provider, receipt.hash, classify);
  // The receipt's gasUsed is after refunds: the difference lands in `logic`.
  const gasUsed = Number(receipt.gasUsed);
  parts.logic += gasUsed - CATEGORIES.reduce((sum, category) => sum + parts[category], 0);
  return { gasUsed, breakdown: parts };
}

type Steps = Partial<Record<Protocol, () => Promise<ContractTransactionResponse>>>;
/** Runs one step on each protocol (in order, one block each) and records the gas. */
async function step(operation: string, steps: Steps): Promise<void> {
  const results: Partial<Record<Protocol, Measured>> = {};
  for (const protocol of PROTOCOLS) {
    const send = steps[protocol];
    if (send !== undefined) {
      results[protocol] = await gasOf(send);
    }
  }
  rows.push({ operation, results });
}

/* ---------------------------------------------------------------- the sequence */

const supply = (assets: bigint): Steps => ({
  quintessence: () => vault.connect(lender).deposit(assets, lender.address),
  morpho: () => morphoAs(lender).supply(marketParams, assets, 0n, lender.address, "0x"),
  aave: () => poolAs(lender).supply(wipAddress, assets, lender.address, 0n),
});
const supplyCollateral = (units: bigint): Steps => ({
  quintessence: () => vault.connect(borrower).addCollateral(positionId, units),
  morpho: () => morphoAs(borrower).supplyCollateral(marketParams, units, borrower.address, "0x"),
  aave: () => poolAs(borrower).supply(aaveRt, units, borrower.address, 0n),
});
const borrow = (assets: bigint): Steps => ({
  quintessence: () => vault.connect(borrower).borrow(positionId, assets, borrower.address),
  morpho: () => morphoAs(borrower).borrow(marketParams, assets, 0n, borrower.address, borrower.address),
  aave: () => poolAs(borrower).borrow(wipAddress, assets, VARIABLE, 0n, borrower.address),
});
const payEveryIp = async (amount: bigint) => {
  for (const ip of [ipOurs, ipMorpho, ipAave]) {
    await payRoyaltyInWip(story, payer, ip.ipId, amount);
  }
};

await step("supply (first)", supply(500n * WAD));
await step("supply (second)", supply(100n * WAD));
await step("withdraw", {
  quintessence: () => vault.connect(lender).withdraw(50n * WAD, lender.address, lender.address),
  morpho: () => morphoAs(lender).withdraw(marketParams, 50n * WAD, 0n, lender.address, lender.address),
  aave: () => poolAs(lender).withdraw(wipAddress, 50n * WAD, lender.address),
});
const positionId = await vault.connect(borrower).openPosition.staticCall(ipOurs.ipId);
await step("openPosition (Quintessence only)", {
  quintessence: () => vault.connect(borrower).openPosition(ipOurs.ipId),
});
await step("supplyCollateral (first)", supplyCollateral(RT_SUPPLY / 4n));
await step("borrow (first)", borrow(100n * WAD));
await step("borrow (second)", borrow(10n * WAD));
await step("repay", {
  quintessence: () => vault.connect(borrower).repay(positionId, 10n * WAD),
  morpho: () => morphoAs(borrower).repay(marketParams, 10n * WAD, 0n, borrower.address, "0x"),
  aave: () => poolAs(borrower).repay(wipAddress, 10n * WAD, VARIABLE, borrower.address),
});
await step("withdrawCollateral", {
  quintessence: () => vault.connect(borrower).withdrawCollateral(positionId, RT_SUPPLY / 100n, borrower.address),
  morpho: () =>
    morphoAs(borrower).withdrawCollateral(marketParams, RT_SUPPLY / 100n, borrower.address, borrower.address),
  aave: () => poolAs(borrower).withdraw(aaveRt, RT_SUPPLY / 100n, borrower.address),
});
// Royalties arrive: our vault harvests them (and applies them to the debt) inside the next collateral change. The
// IP's first revenue also creates its accumulator, history and token-list slots (once per IP and revenue token) and
// the position's checkpoint (once per position and token); the next pledge shows the steady state.
await payEveryIp(20n * WAD);
await step("supplyCollateral (second, the IP's first royalties pending)", supplyCollateral(RT_SUPPLY / 100n));
await payEveryIp(20n * WAD);
await step("harvest (Quintessence only)", { quintessence: () => vault.harvest(ipOurs.ipId) });
await step("settle (Quintessence only)", { quintessence: () => vault.settle(positionId) });
await payEveryIp(20n * WAD);
await step("supplyCollateral (third, royalties pending again)", supplyCollateral(RT_SUPPLY / 100n));

await networkHelpers.time.increase(30n * DAY);
const beforeAccrual = await networkHelpers.takeSnapshot();
await step("accrueInterest alone (30 days)", {
  quintessence: () => vault.accrueInterest(),
  morpho: () => morpho.accrueInterest(marketParams),
});
await beforeAccrual.restore();
await step("supply after 30 days (accrues)", supply(10n * WAD));

// The price falls until our position is unhealthy: the appraisal moves at most 20% per update (and went stale
// during the 30 days, so it is re-posted first); the peers' oracles jump straight to the same value.
let value = valuePerRtUnit(INITIAL_VALUE);
await (await appraisal.connect(lending.appraiser).postAppraisal(ipOurs.ipId, value)).wait();
while ((await vault.healthFactor(positionId)) >= WAD) {
  value = (value * 81n) / 100n;
  await (await appraisal.connect(lending.appraiser).postAppraisal(ipOurs.ipId, value)).wait();
}
await (await morphoOracle.setPrice(morphoPrice(value))).wait();
await aave.setCollateralPrice(aavePrice(value));
const aaveHealth = (await pool.getUserAccountData(borrower.address)).healthFactor as bigint;
if (aaveHealth >= WAD) {
  throw new Error(`Aave position still healthy: ${aaveHealth}`);
}
// Each liquidator repays 20 WIP. Morpho takes the collateral to seize: 20 WIP × its incentive factor at that price.
const REPAY = 20n * WAD;
const incentive = WAD ** 2n / (WAD - (3n * (WAD - MARKET.liquidationThreshold)) / 10n);
const morphoIncentive = incentive < (115n * WAD) / 100n ? incentive : (115n * WAD) / 100n;
const morphoSeized = (((REPAY * morphoIncentive) / WAD) * 10n ** 36n) / morphoPrice(value);
await step("liquidate (repays 20 WIP)", {
  quintessence: () => vault.connect(liquidator).liquidate(positionId, REPAY),
  morpho: () => morphoAs(liquidator).liquidate(marketParams, borrower.address, morphoSeized, 0n, "0x"),
  aave: () => poolAs(liquidator).liquidationCall(aaveRt, wipAddress, borrower.address, REPAY, false),
});

/* ---------------------------------------------------------------- report */

const format = (gas: number | undefined) => (gas === undefined ? "—" : gas.toLocaleString("en-US"));
const ratio = (ours: number | undefined, peer: number | undefined) =>
  ours === undefined || peer === undefined ? "—" : `${(ours / peer).toFixed(2)}×`;
/** The target: at most 1.2× Morpho Blue and below Aave V3 (for the operations all three have). */
const targetMet = (results: Partial<Record<Protocol, Measured>>): "yes" | "no" | undefined => {
  const { quintessence: ours, morpho: m, aave: a } = results;
  if (ours === undefined || m === undefined || a === undefined) {
    return undefined;
  }
  return ours.gasUsed <= 1.2 * m.gasUsed && ours.gasUsed < a.gasUsed ? "yes" : "no";
};
console.log("\nGas per operation (gasUsed per transaction; local Story devnet; one run, lockstep)");
console.table(
  rows.map(({ operation, results }) => {
    const ours = results.quintessence?.gasUsed;
    return {
      operation,
      Quintessence: format(ours),
      "Morpho Blue": format(results.morpho?.gasUsed),
      "Aave V3": format(results.aave?.gasUsed),
      "ours / Morpho": ratio(ours, results.morpho?.gasUsed),
      "ours / Aave": ratio(ours, results.aave?.gasUsed),
      // Story's own work inside our transaction (royalty claims, dispute checks) has no counterpart at the peers.
      "ours w/o Story / Morpho": ratio(
        ours === undefined ? undefined : ours - results.quintessence!.breakdown.story,
        results.morpho?.gasUsed,
      ),
      "target met": targetMet(results) ?? "—",
    };
  }),
);

const short: Record<Protocol, string> = { quintessence: "Q", morpho: "M", aave: "A" };
console.log(
  "\nWhere the gas goes (intrinsic = 21,000 + calldata; tokens = WIP and RT transfers; story = royalty-vault claims" +
    " and dispute checks; logic = the protocol's own code, CALL opcodes included). Q = Quintessence, M = Morpho, A = Aave",
);
console.table(
  rows.flatMap(({ operation, results }) =>
    PROTOCOLS.filter((protocol) => results[protocol] !== undefined).map((protocol) => ({
      operation: `${operation} [${short[protocol]}]`,
      ...Object.fromEntries(CATEGORIES.map((category) => [category, format(results[protocol]!.breakdown[category])])),
    })),
  ),
);

mkdirSync("bench/results", { recursive: true });
const result = {
  unit: "gasUsed per transaction (21,000 intrinsic gas and calldata included)",
  network: connection.networkName,
  peers: {
    quintessence: "RoyaltyLendingVault, solc 0.8.37 viaIR, optimizer 200 runs, Prague",
    morpho: "@morpho-org/morpho-blue 1.0.0 (BUSL-1.1), solc 0.8.19 viaIR, 999,999 runs, Paris; OracleMock, IrmMock",
    aave: "@aave/core-v3 1.19.3 = Aave V3.0.2 (BUSL-1.1), npm artifacts (solc 0.8.10, 100,000 runs, London)",
  },
  categories:
    "intrinsic = 21,000 + calldata; tokens = WIP/RT transfers; oracle; rateModel; story = royalty-vault claims and " +
    "dispute checks; logic = the rest (the protocol's own code, CALL opcodes and refunds included)",
  target: "Quintessence ≤ 1.2× Morpho Blue and < Aave V3 (gasUsed)",
  operations: Object.fromEntries(
    rows.map(({ operation, results }) => [
      operation,
      {
        ...Object.fromEntries(
          PROTOCOLS.filter((protocol) => results[protocol] !== undefined).map((protocol) => [
            protocol,
            { gasUsed: results[protocol]!.gasUsed, ...results[protocol]!.breakdown },
          ]),
        ),
        ...(targetMet(results) === undefined ? {} : { targetMet: targetMet(results) === "yes" }),
      },
    ]),
  ),
};
writeFileSync("bench/results/gas.json", `${JSON.stringify(result, null, 2)}\n`);
console.log(`written bench/results/gas.json (${((Date.now() - started) / 1000).toFixed(1)} s)`);
