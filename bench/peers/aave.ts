/**
 * Deploys an Aave V3 market (v3.0.2, npm `@aave/core-v3` 1.19.3) from the package's compiled artifacts, the way
 * Aave's own deploy scripts do: PoolAddressesProvider, ACLManager, Pool and PoolConfigurator behind their proxies
 * (libraries linked as the artifacts' linkReferences say), AaveOracle over mock Chainlink aggregators, one
 * DefaultReserveInterestRateStrategy, and the AToken / StableDebtToken / VariableDebtToken implementations; then
 * `initReserves` lists a loan reserve (borrowable) and a collateral reserve (LTV, liquidation threshold and bonus).
 * Aave V3 is BUSL-1.1: a devDependency for benchmarking only, never shipped.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Contract, ContractFactory, type JsonFragment, type Signer } from "ethers";

const require = createRequire(import.meta.url);

interface Artifact {
  contractName: string;
  abi: JsonFragment[];
  bytecode: string;
  linkReferences: Record<string, Record<string, { start: number; length: number }[]>>;
}

/** Where each artifact lives in the package. */
const ARTIFACTS: Record<string, string> = {
  PoolAddressesProvider: "protocol/configuration/PoolAddressesProvider.sol",
  ACLManager: "protocol/configuration/ACLManager.sol",
  Pool: "protocol/pool/Pool.sol",
  PoolConfigurator: "protocol/pool/PoolConfigurator.sol",
  AaveOracle: "misc/AaveOracle.sol",
  MockAggregator: "mocks/oracle/CLAggregators/MockAggregator.sol",
  DefaultReserveInterestRateStrategy: "protocol/pool/DefaultReserveInterestRateStrategy.sol",
  AToken: "protocol/tokenization/AToken.sol",
  StableDebtToken: "protocol/tokenization/StableDebtToken.sol",
  VariableDebtToken: "protocol/tokenization/VariableDebtToken.sol",
  BorrowLogic: "protocol/libraries/logic/BorrowLogic.sol",
  BridgeLogic: "protocol/libraries/logic/BridgeLogic.sol",
  ConfiguratorLogic: "protocol/libraries/logic/ConfiguratorLogic.sol",
  EModeLogic: "protocol/libraries/logic/EModeLogic.sol",
  FlashLoanLogic: "protocol/libraries/logic/FlashLoanLogic.sol",
  LiquidationLogic: "protocol/libraries/logic/LiquidationLogic.sol",
  PoolLogic: "protocol/libraries/logic/PoolLogic.sol",
  SupplyLogic: "protocol/libraries/logic/SupplyLogic.sol",
};

function artifact(name: string): Artifact {
  const path = require.resolve(`@aave/core-v3/artifacts/contracts/${ARTIFACTS[name]}/${name}.json`);
  return JSON.parse(readFileSync(path, "utf8")) as Artifact;
}

/** Deploys artifacts, linking (and deploying once) every library their bytecode references. */
class Deployer {
  private readonly libraries = new Map<string, string>();

  constructor(private readonly signer: Signer) {}

  async deploy(name: string, args: unknown[] = []): Promise<Contract> {
    const { abi, bytecode, linkReferences } = artifact(name);
    let code = bytecode.slice(2);
    for (const libraries of Object.values(linkReferences)) {
      for (const [library, offsets] of Object.entries(libraries)) {
        const address = (await this.library(library)).slice(2).toLowerCase();
        for (const { start, length } of offsets) {
          code = code.slice(0, start * 2) + address + code.slice((start + length) * 2);
        }
      }
    }
    const factory = new ContractFactory(abi, `0x${code}`, this.signer);
    const contract = await factory.deploy(...args);
    await contract.waitForDeployment();
    return contract as Contract;
  }

  async at(name: string, address: string): Promise<Contract> {
    return new Contract(address, artifact(name).abi, this.signer);
  }

  private async library(name: string): Promise<string> {
    let address = this.libraries.get(name);
    if (address === undefined) {
      address = await (await this.deploy(name)).getAddress();
      this.libraries.set(name, address);
    }
    return address;
  }
}

/** Risk parameters of the collateral reserve, in Aave's units (basis points; bonus 10,800 = 8%). */
export interface AaveCollateral {
  ltv: bigint;
  liquidationThreshold: bigint;
  liquidationBonus: bigint;
}

/** The kinked curve in Aave's units (ray): optimal usage, base, slope 1, slope 2. */
export interface AaveRateCurve {
  optimalUsage: bigint;
  base: bigint;
  slope1: bigint;
  slope2: bigint;
}

export interface AaveMarketSpec {
  loanAsset: { address: string; decimals: number; price: bigint };
  collateralAsset: { address: string; decimals: number; price: bigint };
  collateral: AaveCollateral;
  curve: AaveRateCurve;
  /** Reserve factor of the loan reserve, basis points. */
  reserveFactor: bigint;
  treasury: string;
}

export interface AaveMarket {
  pool: Contract;
  oracle: Contract;
  aggregators: Contract[];
  /** Points the collateral's price at a new mock aggregator (8-decimal base-currency units per whole token). */
  setCollateralPrice(price: bigint): Promise<void>;
  /** Every contract of the market, by role, for the gas breakdown. */
  addresses: Record<string, string>;
}

/** Deploys the market with `admin` as owner, ACL admin, pool admin and risk admin. */
export async function deployAave(admin: Signer, spec: AaveMarketSpec): Promise<AaveMarket> {
  const deployer = new Deployer(admin);
  const adminAddress = await admin.getAddress();

  const provider = await deployer.deploy("PoolAddressesProvider", ["Quintessence bench", adminAddress]);
  const providerAddress = await provider.getAddress();
  await (await provider.setACLAdmin(adminAddress)).wait();
  const acl = await deployer.deploy("ACLManager", [providerAddress]);
  await (await provider.setACLManager(await acl.getAddress())).wait();
  await (await acl.addPoolAdmin(adminAddress)).wait();

  const poolImpl = await deployer.deploy("Pool", [providerAddress]);
  await (await poolImpl.initialize(providerAddress)).wait();
  await (await provider.setPoolImpl(await poolImpl.getAddress())).wait();
  const pool = await deployer.at("Pool", await provider.getPool());

  const configuratorImpl = await deployer.deploy("PoolConfigurator");
  await (await configuratorImpl.initialize(providerAddress)).wait();
  await (await provider.setPoolConfiguratorImpl(await configuratorImpl.getAddress())).wait();
  const configurator = await deployer.at("PoolConfigurator", await provider.getPoolConfigurator());

  const assets = [spec.loanAsset, spec.collateralAsset];
  const aggregators = await Promise.all(assets.map((asset) => deployer.deploy("MockAggregator", [asset.price])));
  // Base currency: USD-like, 8 decimals (address 0), as Aave's own markets.
  const oracle = await deployer.deploy("AaveOracle", [
    providerAddress,
    assets.map((asset) => asset.address),
    await Promise.all(aggregators.map((aggregator) => aggregator.getAddress())),
    "0x0000000000000000000000000000000000000000",
    "0x0000000000000000000000000000000000000000",
    10n ** 8n,
  ]);
  await (await provider.setPriceOracle(await oracle.getAddress())).wait();

  const { optimalUsage, base, slope1, slope2 } = spec.curve;
  const strategy = await deployer.deploy("DefaultReserveInterestRateStrategy", [
    providerAddress,
    optimalUsage,
    base,
    slope1,
    slope2,
    0n, // no stable borrowing
    0n,
    0n,
    0n,
    0n,
  ]);
  const poolAddress = await pool.getAddress();
  const aToken = await deployer.deploy("AToken", [poolAddress]);
  const stableDebt = await deployer.deploy("StableDebtToken", [poolAddress]);
  const variableDebt = await deployer.deploy("VariableDebtToken", [poolAddress]);

  const names = ["Loan", "Collateral"];
  await (
    await configurator.initReserves(
      await Promise.all(
        assets.map(async (asset, i) => ({
          aTokenImpl: await aToken.getAddress(),
          stableDebtTokenImpl: await stableDebt.getAddress(),
          variableDebtTokenImpl: await variableDebt.getAddress(),
          underlyingAssetDecimals: asset.decimals,
          interestRateStrategyAddress: await strategy.getAddress(),
          underlyingAsset: asset.address,
          treasury: spec.treasury,
          incentivesController: "0x0000000000000000000000000000000000000000",
          aTokenName: `Aave ${names[i]}`,
          aTokenSymbol: `a${names[i]}`,
          variableDebtTokenName: `Aave Variable Debt ${names[i]}`,
          variableDebtTokenSymbol: `variableDebt${names[i]}`,
          stableDebtTokenName: `Aave Stable Debt ${names[i]}`,
          stableDebtTokenSymbol: `stableDebt${names[i]}`,
          params: "0x",
        })),
      ),
    )
  ).wait();
  await (await configurator.setReserveBorrowing(spec.loanAsset.address, true)).wait();
  await (await configurator.setReserveFactor(spec.loanAsset.address, spec.reserveFactor)).wait();
  const { ltv, liquidationThreshold, liquidationBonus } = spec.collateral;
  await (
    await configurator.configureReserveAsCollateral(
      spec.collateralAsset.address,
      ltv,
      liquidationThreshold,
      liquidationBonus,
    )
  ).wait();

  const loanData = await pool.getReserveData(spec.loanAsset.address);
  const collateralData = await pool.getReserveData(spec.collateralAsset.address);
  return {
    pool,
    oracle,
    aggregators,
    async setCollateralPrice(price: bigint) {
      const aggregator = await deployer.deploy("MockAggregator", [price]);
      await (await oracle.setAssetSources([spec.collateralAsset.address], [await aggregator.getAddress()])).wait();
    },
    addresses: {
      pool: poolAddress,
      poolImpl: await poolImpl.getAddress(),
      oracle: await oracle.getAddress(),
      strategy: await strategy.getAddress(),
      loanAToken: loanData.aTokenAddress,
      loanVariableDebt: loanData.variableDebtTokenAddress,
      loanStableDebt: loanData.stableDebtTokenAddress,
      collateralAToken: collateralData.aTokenAddress,
      collateralVariableDebt: collateralData.variableDebtTokenAddress,
      collateralStableDebt: collateralData.stableDebtTokenAddress,
      provider: providerAddress,
      acl: await acl.getAddress(),
    },
  };
}
