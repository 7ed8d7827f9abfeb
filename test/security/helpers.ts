/**
 * Shared helpers of the attack suite (test/security): balance snapshots, WIP funding, and the small worlds the
 * attacks run in, built with the fixtures only (test/fixtures), so every attack outside `devnet/` also runs on a fork.
 */
import type { NetworkConnection } from "hardhat/types/network";
import { MaxUint256, type Signer } from "ethers";
import { createIpWithVault, fundWip, loadStory, RT_SUPPLY, type IpWithVault, type Story } from "../fixtures/story.ts";
import {
  APPRAISAL_BOUNDS,
  deployLending,
  depositWip,
  listIp,
  openPositionFromIpAccount,
  WAD,
  type Lending,
} from "../fixtures/lending.ts";
import {
  deployInsurance,
  depositToPool,
  INFRINGEMENT_TERMS,
  POOL_PARAMS,
  type Insurance,
} from "../fixtures/insurance.ts";
import { buySeatsNative, createSeriesFromIpAccount, deploySeats, openSale, seriesParams } from "../fixtures/seats.ts";

/** Anything with an address. */
export type Addressed = { getAddress(): Promise<string> } | string;
/** Anything with ERC-20 balances. */
export type BalanceReader = { balanceOf(account: string): Promise<bigint> };

export const addressOf = async (who: Addressed): Promise<string> => (typeof who === "string" ? who : who.getAddress());

/** Balances of `accounts` in `token`, in order. */
export async function balances(token: BalanceReader, accounts: Addressed[]): Promise<bigint[]> {
  return Promise.all(accounts.map(async (a) => token.balanceOf(await addressOf(a))));
}

/** Wraps `amount` native IP into WIP for `account` and approves `spender` for everything. */
export async function wrapAndApprove(story: Story, account: Signer, spender: Addressed, amount: bigint) {
  await fundWip(story, account, amount);
  await (await story.wip.connect(account).approve(await addressOf(spender), MaxUint256)).wait();
}

/** Parameters of the lending world. */
export interface LendingWorldOptions {
  /** WIP the lender deposits. */
  deposit?: bigint;
  /** What all RT of the IP are appraised at. */
  appraisal?: bigint;
  /** What the borrower borrows against all its RT (0: nothing). */
  borrow?: bigint;
}

/**
 * A lending vault with 1,000 WIP from a lender, one IP listed (all its RT worth 200 WIP, max LTV 50%, liquidation at
 * 65%), and its owner's position holding all the RT with a 50 WIP loan. Signers: 1 lender, 2 borrower, 3 attacker,
 * 4 victim, 5 liquidator, 6 royalty payer.
 */
export async function buildLendingWorld(connection: NetworkConnection, options: LendingWorldOptions = {}) {
  const { ethers } = connection;
  const story = await loadStory(connection);
  const lending = await deployLending(story);
  const [, lender, borrower, attacker, victim, liquidator, payer] = await ethers.getSigners();
  await depositWip(lending, lender, options.deposit ?? 1_000n * WAD);
  const ip = await createIpWithVault(story, borrower);
  await listIp(lending, ip.ipId, options.appraisal ?? 200n * WAD);
  const positionId = await openPositionFromIpAccount(lending, ip, RT_SUPPLY);
  const borrowed = options.borrow ?? 50n * WAD;
  if (borrowed > 0n) {
    await (await lending.vault.connect(borrower).borrow(positionId, borrowed, borrower)).wait();
  }
  return {
    story,
    lending,
    vault: lending.vault,
    wip: story.wip,
    ip,
    positionId,
    lender,
    borrower,
    attacker,
    victim,
    liquidator,
    payer,
  };
}
export type LendingWorld = Awaited<ReturnType<typeof buildLendingWorld>>;

/**
 * An underwriting pool (WIP) with 1,000 WIP from an honest underwriter and an IP to insure. Signers: 1 underwriter,
 * 2 IP owner, 3 attacker, 4 cover buyer.
 */
export async function buildPoolWorld(connection: NetworkConnection, lending?: Lending) {
  const { ethers } = connection;
  const story = lending?.story ?? (await loadStory(connection));
  const insurance: Insurance = await deployInsurance(story, { lending });
  const [, underwriter, owner, attacker, buyer] = await ethers.getSigners();
  await depositToPool(insurance, underwriter, 1_000n * WAD);
  const ip: IpWithVault = await createIpWithVault(story, owner);
  return { story, insurance, pool: insurance.pool, wip: story.wip, ip, underwriter, owner, attacker, buyer };
}
export type PoolWorld = Awaited<ReturnType<typeof buildPoolWorld>>;

/**
 * A seat series that sold out its minimum and was finalized: the attacker holds 40 seats, the victim 20 (60 sold, 40
 * unsold burnt), so the contract escrows 30% of the IP's RT. Signers: 2 creator, 3 attacker, 4 victim, 6 royalty
 * payer, 7 the attacker's second account.
 */
export async function buySeatsWorld(connection: NetworkConnection) {
  const { ethers } = connection;
  const { deploySeats, createSeriesFromIpAccount, seriesParams, openSale, buySeatsNative } =
    await import("../fixtures/seats.ts");
  const story = await loadStory(connection);
  const seats = await deploySeats(story);
  const [, , creator, attacker, victim, , payer, accomplice] = await ethers.getSigners();
  const ip = await createIpWithVault(story, creator);
  const seriesId = await createSeriesFromIpAccount(seats, ip, await seriesParams(seats, ip));
  await openSale(seats, seriesId);
  await buySeatsNative(seats, attacker, seriesId, 40n);
  await buySeatsNative(seats, victim, seriesId, 20n);
  const { params } = await seats.seats.series(seriesId);
  await connection.networkHelpers.time.increaseTo(params.saleEnd + 1n);
  await (await seats.seats.finalize(seriesId)).wait();
  return {
    story,
    seats,
    contract: seats.seats,
    wip: story.wip,
    ip,
    seriesId,
    creator,
    attacker,
    victim,
    payer,
    accomplice,
  };
}
export type SeatsWorld = Awaited<ReturnType<typeof buySeatsWorld>>;

/**
 * A lending vault over any ERC-20 `asset` (the vault's asset is fixed at deployment), with its own AccessManager
 * whose admin (the first signer) may call every restricted function, and the fixture's rate model and appraisal
 * oracle wiring. Returns the vault, its appraisal oracle and the admin.
 */
export async function deployVaultOver(story: Story, asset: Addressed) {
  const { ethers } = story.connection;
  const [admin] = await ethers.getSigners();
  const manager = await ethers.deployContract("AccessManager", [admin]);
  const rateModel = await ethers.deployContract("KinkedRateModel", [0n, WAD / 10n, 3n * WAD, (8n * WAD) / 10n]);
  const appraisal = await ethers.deployContract("AppraisalOracle", [
    manager,
    APPRAISAL_BOUNDS.maxChange,
    APPRAISAL_BOUNDS.increasePeriod,
  ]);
  const vault = await ethers.deployContract("RoyaltyLendingVault", [
    {
      asset: await addressOf(asset),
      name: "Test Lending",
      symbol: "qTEST",
      authority: await manager.getAddress(),
      ipAssetRegistry: story.addresses.IPAssetRegistry,
      royaltyModule: story.addresses.RoyaltyModule,
      disputeModule: story.addresses.DisputeModule,
      rateModel: await rateModel.getAddress(),
      treasury: await admin.getAddress(),
      reserveFactor: WAD / 10n,
      supplyCap: 10n ** 30n,
      minDebt: 0n,
    },
  ]);
  return { vault, appraisal, manager, admin };
}

/**
 * An underwriting pool over any ERC-20 `asset`, with its own AccessManager (admin: the first signer), cover NFT and
 * risk oracle, selling one `MockCoverProduct` (a product that pays whatever claim it is told to) at a 2% default rate.
 */
export async function deployPoolOver(story: Story, asset: Addressed) {
  const { ethers } = story.connection;
  const [admin] = await ethers.getSigners();
  const manager = await ethers.deployContract("AccessManager", [admin]);
  const coverNft = await ethers.deployContract("CoverNFT", [manager]);
  const oracle = await ethers.deployContract("RiskOracle", [manager, POOL_PARAMS.rateMaxAge]);
  const pool = await ethers.deployContract("UnderwritingPool", [
    {
      asset: await addressOf(asset),
      name: "Test Underwriting",
      symbol: "uwTEST",
      authority: await manager.getAddress(),
      coverNFT: await coverNft.getAddress(),
      riskOracle: await oracle.getAddress(),
      treasury: await admin.getAddress(),
      protocolFee: POOL_PARAMS.protocolFee,
      capacityRatio: POOL_PARAMS.capacityRatio,
      cooldown: POOL_PARAMS.cooldown,
      withdrawalWindow: POOL_PARAMS.withdrawalWindow,
    },
  ]);
  const product = await ethers.deployContract("MockCoverProduct", [pool]);
  const writer = 5n;
  const nftSelectors = [
    coverNft.interface.getFunction("mint").selector,
    coverNft.interface.getFunction("setStatus").selector,
  ];
  await (await manager.setTargetFunctionRole(coverNft, nftSelectors, writer)).wait();
  await (await manager.grantRole(writer, pool, 0)).wait();
  await (await pool.setProduct(product, { ...INFRINGEMENT_TERMS, minAmount: 1n })).wait();
  await (await oracle.setDefaultRate(product, WAD / 50n)).wait();
  return { pool, product, coverNft, oracle, manager, admin };
}
