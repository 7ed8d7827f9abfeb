/**
 * The IPFi story told by `npm run demo`, with real contract calls: the demo script prints it and writes the HTML
 * report, and test/scripts/demo.test.ts runs the same function in-process and asserts its result.
 *
 * On a local network it deploys the Story devnet (test/fixtures/story.ts), then the full Quintessence system through
 * Ignition (scripts/deploy/system.ts, local configuration: signer 0 holds every role and is the treasury), and walks
 * through about six simulated months (evm_increaseTime): a creator's IP derived from a dataset IP, licenses and
 * royalties (the dataset's LAP share), a loan repaid by royalties, collaboration seats sold and resold, underwriting,
 * infringement and loan-shortfall cover, an upheld dispute paid out, and a bad loan liquidated with its shortfall paid
 * by the pool.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { config as hardhatConfig } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import {
  MaxUint256,
  formatUnits,
  type ContractTransactionResponse,
  type Interface,
  type Result,
  type Signer,
  type TransactionReceipt,
} from "ethers";
import { deployConfigFor } from "../../deploy/config/networks.ts";
import { deploySystem, type AddressBook } from "../deploy/system.ts";
import {
  DISPUTE_TAGS,
  RT_SUPPLY,
  STORY_PERCENT,
  createIp,
  createIpWithVault,
  fundWip,
  judgeDispute,
  loadStory,
  mintLicense,
  payRoyaltyInWip,
  raiseDispute,
  registerDerivative,
  type IpWithVault,
  type Story,
} from "../../test/fixtures/story.ts";

/* ------------------------------------------------------------------ the story's numbers (the test reads them) */

export const WAD = 10n ** 18n;
export const DAY = 86_400n;
export const MONTH = 30n * DAY;
const RT = RT_SUPPLY / 100n; // 1 RT = 1,000,000 units

/** The dataset's commercial-remix terms: 10% LAP revenue share, 1 WIP per license. */
export const DATASET_REV_SHARE = 10n * STORY_PERCENT;
export const LICENSE_FEE = WAD;
/** Licenses of the creator's IP bought by a brand, and the royalty it pays before the loan. */
export const LICENSES_SOLD = 3n;
export const FIRST_ROYALTY = 100n * WAD;
/** Royalties paid to the creator's IP at the end of each simulated month (the loan's repayment schedule). */
export const MONTHLY_ROYALTIES = [30n, 35n, 40n, 45n, 50n, 55n].map((wip) => wip * WAD);

/** How the creator's 100 RT are split: pledged to the loan, behind the seats, kept in the IP account. */
export const PLEDGED_RT = 50n * RT;
export const SEATS_RT = 20n * RT;
/** All RT of the creator's IP are appraised at 1,000 WIP; the creator borrows 120 WIP (max LTV 50%). */
export const CREATOR_IP_VALUE = 1_000n * WAD;
export const FIRST_LOAN = 120n * WAD;

/** 100 seats at 1 WIP; the investor takes 50, a collector 50; 10 are resold at 1.2 WIP with a 5% royalty. */
export const SEATS = 100n;
export const SEAT_PRICE = WAD;
export const INVESTOR_SEATS = 50n;
export const RESOLD_SEATS = 10n;
export const RESALE_PRICE = (12n * WAD) / 10n;
export const RESALE_ROYALTY_BPS = 500n;

/** Capital: a lender deposits 1,000 WIP in the lending vault, an underwriter 1,000 WIP in the pool. */
export const LENDER_DEPOSIT = 1_000n * WAD;
export const UNDERWRITER_DEPOSIT = 1_000n * WAD;

/** Covers: the creator insures her IP (100 WIP, 1 year); another artist insures his (50 WIP, 180 days). */
export const CREATOR_COVER = 100n * WAD;
export const ARTIST_COVER = 50n * WAD;
/** The lender covers the second loan's IP against shortfall (100 WIP, 1 year). */
export const SHORTFALL_COVER = 100n * WAD;

/** The second loan: all RT of another IP appraised at 400 WIP, 190 WIP borrowed; marked down in 20% steps. */
export const SECOND_IP_VALUE = 400n * WAD;
export const SECOND_LOAN = 190n * WAD;
export const MARKDOWN_STEPS = 5;

/** Market parameters of both listed IPs (ratios in WAD). */
const MARKET = {
  maxLtv: (50n * WAD) / 100n,
  liquidationThreshold: (65n * WAD) / 100n,
  liquidationBonus: (8n * WAD) / 100n,
  loanTerm: 365n * DAY,
  maxPriceAge: DAY,
  borrowCap: 10_000n * WAD,
};

/* ------------------------------------------------------------------ result types */

/** The unit of a balance: WIP (18 decimals), royalty tokens (6 decimals) or seats (whole). */
export type Unit = "WIP" | "RT" | "seats";

/** One balance shown after a step. */
export interface Balance {
  label: string;
  amount: bigint;
  unit: Unit;
}

/** One step of the story. */
export interface Step {
  index: number;
  /** Simulated days since the story began. */
  day: number;
  title: string;
  details: string[];
  balances: Balance[];
}

/** The state the report charts, taken at the end of each month and after the key events. */
export interface Snapshot {
  day: number;
  label: string;
  /** The creator's loan (position 1). */
  loanDebt: bigint;
  /** The second loan (0 once liquidated). */
  secondLoanDebt: bigint;
  /** Revenue earned by one seat since the sale (the collector's unclaimed revenue / 50 seats). */
  revenuePerSeat: bigint;
  /** The price of the seats' last trade (the sale, then the resale). */
  seatPrice: bigint;
  /** Assets behind one whole underwriting-pool share (1.0 WIP at the first deposit). */
  poolSharePrice: bigint;
  /** Assets behind one whole lending-vault share. */
  lendingSharePrice: bigint;
}

/** One monthly royalty payment and the harvest that followed. */
export interface Harvest {
  month: number;
  day: number;
  royalty: bigint;
  /** What the harvest applied to the creator's debt (RevenueApplied.repaid). */
  repaid: bigint;
  /** The creator's debt after the harvest and settlement. */
  debt: bigint;
  /** What LAP moved to the dataset's vault for this payment. */
  parentShare: bigint;
}

/** One row of the final table. */
export interface FinalRow {
  actor: string;
  /** WIP balance, less what the account held before the story (a node reused for several runs keeps balances). */
  wip: bigint;
  /** RT of the creator's IP. */
  creatorRt: bigint;
  seats: bigint;
  /** Value of lending-vault or underwriting-pool shares held (WIP). */
  deposits: bigint;
}

/** Everything the story did, for the printout, the report and the test. */
export interface ScenarioResult {
  network: string;
  chainId: bigint;
  storyMode: Story["mode"];
  book: AddressBook;
  actors: Record<string, string>;
  ips: { dataset: string; creator: string; artist: string; borrower: string };
  steps: Step[];
  timeline: Snapshot[];
  harvests: Harvest[];
  final: FinalRow[];
  figures: {
    /** WIP paid to the creator's IP (license fees and royalties), and what LAP moved to the dataset's vault. */
    paidToCreatorIp: bigint;
    lapToDataset: bigint;
    datasetClaimed: bigint;
    /** The creator's loan. */
    loanPositionId: bigint;
    borrowed: bigint;
    loanDebtAfterHarvests: bigint;
    /** Seats. */
    seriesId: bigint;
    seatsOf: { investor: bigint; collector: bigint; seatBuyer: bigint };
    resaleRoyalty: bigint;
    resaleSellerProceeds: bigint;
    seatProceedsToCreator: bigint;
    seatRevenueClaimed: { investor: bigint; collector: bigint; seatBuyer: bigint };
    /** Infringement: the upheld dispute against the artist's IP and his cover. */
    disputeId: bigint;
    artistCoverId: bigint;
    artistPaid: bigint;
    artistCoverStatus: bigint;
    creatorCoverId: bigint;
    creatorCoverStatus: bigint;
    /** The second loan's liquidation. */
    secondPositionId: bigint;
    shortfallCoverId: bigint;
    liquidationRepaid: bigint;
    badDebt: bigint;
    covered: bigint;
    shortfallPaid: bigint;
    uncoveredBadDebt: bigint;
    /** The lending vault's total assets after the liquidation minus before (no loss when fully covered). */
    lendingAssetsChange: bigint;
    poolClaimsPaid: bigint;
    premiums: bigint;
    /** Pool and lending share prices at the start and the end. */
    poolSharePriceStart: bigint;
    poolSharePriceEnd: bigint;
    lendingSharePriceEnd: bigint;
  };
}

/** Receives each step as it happens (the demo prints it). */
export type StepLogger = (step: Step) => void;

/* ------------------------------------------------------------------ formatting */

/** A readable amount: WIP and RT with up to 4 decimals, seats whole. */
export function formatAmount(amount: bigint, unit: Unit): string {
  if (unit === "seats") {
    return `${amount} seats`;
  }
  const text = formatUnits(amount, unit === "WIP" ? 18 : 6);
  const [whole, fraction = ""] = text.split(".");
  const trimmed = fraction.slice(0, 4).replace(/0+$/, "");
  return `${whole}${trimmed ? `.${trimmed}` : ""} ${unit}`;
}

const wip = (amount: bigint) => formatAmount(amount, "WIP");
const rt = (amount: bigint) => formatAmount(amount, "RT");

/* ------------------------------------------------------------------ the scenario */

async function sent(tx: Promise<ContractTransactionResponse>): Promise<TransactionReceipt> {
  const receipt = await (await tx).wait();
  if (receipt === null) {
    throw new Error("transaction dropped");
  }
  return receipt;
}

/** The arguments of every `name` event that `address` emitted in `receipt`. */
function eventsOf(receipt: TransactionReceipt, abi: Interface, address: string, name: string): Result[] {
  return receipt.logs
    .filter((entry) => entry.address.toLowerCase() === address.toLowerCase())
    .map((entry) => abi.parseLog(entry))
    .filter((parsed) => parsed?.name === name)
    .map((parsed) => parsed!.args);
}

/**
 * Runs the whole story on `connection` and returns what happened. Deploys the Story devnet (or attaches to Story on
 * a fork) and a fresh Quintessence system every time.
 */
export async function runScenario(connection: NetworkConnection, log: StepLogger = () => {}): Promise<ScenarioResult> {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [
    operator,
    datasetOwner,
    creator,
    brand,
    lender,
    underwriter,
    investor,
    collector,
    seatBuyer,
    artist,
    rightsHolder,
    borrower,
    liquidator,
  ] = signers;
  const actors: Record<string, Signer> = {
    "operator (all roles, treasury)": operator,
    "dataset owner": datasetOwner,
    creator,
    "brand (licensee)": brand,
    lender,
    underwriter,
    investor,
    collector,
    "seat buyer": seatBuyer,
    "artist (insured)": artist,
    "rights holder": rightsHolder,
    "second borrower": borrower,
    liquidator,
  };
  const addressOf = async (signer: Signer) => signer.getAddress();

  /* ---------------------------------------------------------------- Story and Quintessence */
  const story = await loadStory(connection);
  const { chainId } = await ethers.provider.getNetwork();
  const config = deployConfigFor(connection.networkName, Number(chainId), {}, story.addresses);
  // A node keeps Ignition's journal on disk: start a fresh deployment every run, so a restarted node never meets a
  // journal of contracts it no longer has (in-process networks keep no journal).
  const deploymentId = `demo-${chainId}`;
  if (connection.networkConfig.type !== "edr-simulated") {
    rmSync(join(hardhatConfig.paths.ignition, "deployments", deploymentId), { recursive: true, force: true });
  }
  const book = await deploySystem(connection, config, deploymentId);
  const vault = await ethers.getContractAt("RoyaltyLendingVault", book.contracts.RoyaltyLendingVault);
  const appraisal = await ethers.getContractAt("AppraisalOracle", book.contracts.AppraisalOracle);
  const seats = await ethers.getContractAt("CollaborationSeats", book.contracts.CollaborationSeats);
  const market = await ethers.getContractAt("SeatMarket", book.contracts.SeatMarket);
  const pool = await ethers.getContractAt("UnderwritingPool", book.contracts.UnderwritingPool);
  const coverNft = await ethers.getContractAt("CoverNFT", book.contracts.CoverNFT);
  const infringement = await ethers.getContractAt("InfringementProduct", book.contracts.InfringementProduct);
  const shortfall = await ethers.getContractAt("LoanShortfallProduct", book.contracts.LoanShortfallProduct);
  const { wip: wipToken } = story;
  const WIP = story.addresses.WIP;
  const wipAtStart = new Map<string, bigint>();
  for (const signer of Object.values(actors)) {
    const address = await signer.getAddress();
    wipAtStart.set(address, await wipToken.balanceOf(address));
  }
  const vaultAddress = book.contracts.RoyaltyLendingVault;
  const poolAddress = book.contracts.UnderwritingPool;

  const start = BigInt(await networkHelpers.time.latest());
  const today = async () => Number((BigInt(await networkHelpers.time.latest()) - start) / DAY);
  const steps: Step[] = [];
  const say = async (title: string, details: string[], balances: Balance[] = []) => {
    const step = { index: steps.length + 1, day: await today(), title, details, balances };
    steps.push(step);
    log(step);
  };
  const wipOf = async (holder: Signer | string) =>
    wipToken.balanceOf(typeof holder === "string" ? holder : await addressOf(holder));

  await say(`Story ${story.mode} and Quintessence deployed on ${connection.networkName} (chain ${chainId})`, [
    `Story IPAssetRegistry ${story.addresses.IPAssetRegistry}, RoyaltyModule ${story.addresses.RoyaltyModule}`,
    `Quintessence by Ignition: lending vault ${vaultAddress}, seats ${book.contracts.CollaborationSeats}, pool ${poolAddress}`,
    `every role is held by the operator (signer 0); infringement cover waits ${Number(
      config.insurance.infringement.waitingPeriod / DAY,
    )} days, shortfall cover ${Number(config.insurance.shortfall.waitingPeriod / DAY)} days`,
  ]);

  /* ---------------------------------------------------------------- 1. IPs: a dataset and a derivative */
  const dataset = await createIpWithVault(story, datasetOwner, {
    revShare: DATASET_REV_SHARE,
    mintingFee: LICENSE_FEE,
  });
  const creatorIpBase = await createIp(story, creator);
  const creatorVault = await registerDerivative(story, creatorIpBase, dataset.ipId, dataset.termsId, LICENSE_FEE);
  const creatorIp: IpWithVault = { ...creatorIpBase, termsId: dataset.termsId, vault: creatorVault };
  await say(
    "A dataset owner registers a dataset IP with commercial-remix terms; the creator registers her IP as its derivative",
    [
      `dataset IP ${dataset.ipId}: terms #${dataset.termsId}, 10% LAP revenue share, ${wip(LICENSE_FEE)} per license`,
      `creator's IP ${creatorIp.ipId}: registerDerivative under those terms (paying the ${wip(LICENSE_FEE)} fee)`,
      "both IPs now have a royalty vault of 100 RT, held by the IP account",
    ],
    [
      {
        label: "dataset vault: claimable by the dataset IP",
        amount: await dataset.vault.claimableRevenue(dataset.ipId, WIP),
        unit: "WIP",
      },
      { label: "creator's IP account", amount: await creatorVault.balanceOf(creatorIp.ipId), unit: "RT" },
    ],
  );

  /* ---------------------------------------------------------------- 2. licenses and royalties, the parent's share */
  await mintLicense(story, brand, creatorIp.ipId, creatorIp.termsId, LICENSES_SOLD, LICENSE_FEE);
  await payRoyaltyInWip(story, brand, creatorIp.ipId, FIRST_ROYALTY);
  let paidToCreatorIp = LICENSES_SOLD * LICENSE_FEE + FIRST_ROYALTY;
  const lapHeld = await wipToken.balanceOf(story.addresses.RoyaltyPolicyLAP);
  const transferToDataset = async () => {
    const amount = await story.lap.transferToVault.staticCall(creatorIp.ipId, dataset.ipId, WIP);
    await sent(story.lap.connect(operator).transferToVault(creatorIp.ipId, dataset.ipId, WIP));
    return amount;
  };
  let lapToDataset = await transferToDataset();
  const datasetClaimable = await dataset.vault.claimableRevenue(dataset.ipId, WIP);
  await sent(dataset.vault.connect(datasetOwner).claimRevenueOnBehalf(dataset.ipId, WIP));
  let datasetClaimed = datasetClaimable;
  await say(
    `A brand mints ${LICENSES_SOLD} licenses of the creator's IP and pays ${wip(FIRST_ROYALTY)} of royalties`,
    [
      `the royalty module sends 10% of each payment to the LAP policy (${wip(lapHeld)} waiting for the dataset)`,
      `LAP transferToVault moves ${wip(lapToDataset)} into the dataset's vault; the dataset IP claims ${wip(datasetClaimable)} (its own license fees included)`,
      `the creator's IP account can claim ${wip(await creatorVault.claimableRevenue(creatorIp.ipId, WIP))} (90%)`,
    ],
    [
      { label: "dataset IP account", amount: await wipOf(dataset.ipId), unit: "WIP" },
      {
        label: "creator's vault: claimable by the IP account",
        amount: await creatorVault.claimableRevenue(creatorIp.ipId, WIP),
        unit: "WIP",
      },
    ],
  );

  /* ---------------------------------------------------------------- 3. underwriting */
  const deposit = async (signer: Signer, target: string, amount: bigint) => {
    await fundWip(story, signer, amount);
    await sent(wipToken.connect(signer).approve(target, amount));
  };
  await deposit(underwriter, poolAddress, UNDERWRITER_DEPOSIT);
  await sent(pool.connect(underwriter).deposit(UNDERWRITER_DEPOSIT, await addressOf(underwriter)));
  const ONE_POOL_SHARE = 10n ** (await pool.decimals());
  const ONE_VAULT_SHARE = 10n ** (await vault.decimals());
  const poolSharePriceStart = await pool.convertToAssets(ONE_POOL_SHARE);
  await say(
    `An underwriter deposits ${wip(UNDERWRITER_DEPOSIT)} in the underwriting pool`,
    [`one pool share is worth ${wip(poolSharePriceStart)}; covers may reach 80% of the capital`],
    [{ label: "pool capital", amount: await pool.capital(), unit: "WIP" }],
  );

  /* ---------------------------------------------------------------- 4. the creator borrows against her RT */
  const list = async (ipId: string, totalValue: bigint) => {
    await sent(appraisal.connect(operator).postAppraisal(ipId, (totalValue * WAD) / RT_SUPPLY));
    await sent(vault.connect(operator).listMarket(ipId, { ...MARKET, oracle: book.contracts.AppraisalOracle }));
  };
  const pledgeFromIpAccount = async (ip: IpWithVault, amount: bigint) => {
    const asOwner = vault.connect(ip.owner);
    const positionId = await asOwner.openPosition.staticCall(ip.ipId);
    await sent(asOwner.openPosition(ip.ipId));
    const approve = ip.vault.interface.encodeFunctionData("approve", [vaultAddress, amount]);
    await sent(ip.account.connect(ip.owner).execute(await ip.vault.getAddress(), 0n, approve));
    const pledge = vault.interface.encodeFunctionData("addCollateral", [positionId, amount]);
    await sent(ip.account.connect(ip.owner).execute(vaultAddress, 0n, pledge));
    return positionId;
  };
  await list(creatorIp.ipId, CREATOR_IP_VALUE);
  await deposit(lender, vaultAddress, LENDER_DEPOSIT);
  await sent(vault.connect(lender).deposit(LENDER_DEPOSIT, await addressOf(lender)));
  const loanPositionId = await pledgeFromIpAccount(creatorIp, PLEDGED_RT);
  await sent(vault.connect(creator).borrow(loanPositionId, FIRST_LOAN, await addressOf(creator)));
  await say(
    `The appraiser values the creator's 100 RT at ${wip(CREATOR_IP_VALUE)}, the risk manager lists the IP; a lender deposits ${wip(LENDER_DEPOSIT)}`,
    [
      `the creator pledges ${rt(PLEDGED_RT)} from the IP account (IP account execute) and borrows ${wip(FIRST_LOAN)} (max LTV 50%: ${wip(
        (((CREATOR_IP_VALUE * PLEDGED_RT) / RT_SUPPLY) * MARKET.maxLtv) / WAD,
      )})`,
      `health factor ${formatUnits(await vault.healthFactor(loanPositionId), 18).slice(0, 5)}, vault utilization ${formatUnits(
        (await vault.utilization()) * 100n,
        18,
      ).slice(0, 5)}%`,
    ],
    [
      { label: "creator", amount: await wipOf(creator), unit: "WIP" },
      { label: "creator's debt", amount: await vault.debtOf(loanPositionId), unit: "WIP" },
      { label: "RT pledged in the vault", amount: await creatorVault.balanceOf(vaultAddress), unit: "RT" },
    ],
  );

  /* ---------------------------------------------------------------- 5. collaboration seats */
  const seatsAddress = book.contracts.CollaborationSeats;
  const saleStart = BigInt(await networkHelpers.time.latest()) + 60n;
  const seriesParams = {
    ipId: creatorIp.ipId,
    rtAmount: SEATS_RT,
    maxSeats: SEATS,
    minSeats: 30n,
    maxSeatsPerWallet: 60n,
    resaleRoyaltyBps: RESALE_ROYALTY_BPS,
    saleToken: WIP,
    seatPrice: SEAT_PRICE,
    saleStart,
    saleEnd: saleStart + 7n * DAY,
    royaltyReceiver: await addressOf(creator),
  };
  const approveSeats = creatorVault.interface.encodeFunctionData("approve", [seatsAddress, SEATS_RT]);
  await sent(creatorIp.account.connect(creator).execute(await creatorVault.getAddress(), 0n, approveSeats));
  const seriesId = (await seats.seriesCount()) + 1n;
  const create = seats.interface.encodeFunctionData("createSeries", [seriesParams]);
  await sent(creatorIp.account.connect(creator).execute(seatsAddress, 0n, create));
  await networkHelpers.time.increaseTo(saleStart);
  const collectorSeats = SEATS - INVESTOR_SEATS;
  await sent(seats.connect(investor).buy(seriesId, INVESTOR_SEATS, SEAT_PRICE, { value: INVESTOR_SEATS * SEAT_PRICE }));
  await sent(
    seats.connect(collector).buy(seriesId, collectorSeats, SEAT_PRICE, { value: collectorSeats * SEAT_PRICE }),
  );
  await sent(seats.connect(creator).closeSaleEarly(seriesId));
  const creatorWipBeforeProceeds = await wipOf(creator);
  await sent(seats.connect(creator).withdrawProceeds(seriesId, await addressOf(creator)));
  const seatProceedsToCreator = (await wipOf(creator)) - creatorWipBeforeProceeds;
  await say(
    `The creator puts ${rt(SEATS_RT)} behind ${SEATS} collaboration seats at ${wip(SEAT_PRICE)}; an investor takes ${INVESTOR_SEATS}, a collector ${collectorSeats}`,
    [
      "the sale sells out, the creator closes it early and withdraws the proceeds less the 2.5% protocol fee",
      `each seat now earns 1/${SEATS} of what ${rt(SEATS_RT)} of the creator's IP earn`,
    ],
    [
      { label: "investor", amount: await seats.balanceOf(await addressOf(investor), seriesId), unit: "seats" },
      { label: "collector", amount: await seats.balanceOf(await addressOf(collector), seriesId), unit: "seats" },
      { label: "proceeds to the creator", amount: seatProceedsToCreator, unit: "WIP" },
      { label: "creator's IP account keeps", amount: await creatorVault.balanceOf(creatorIp.ipId), unit: "RT" },
    ],
  );

  /* ---------------------------------------------------------------- 6. covers */
  const buyCover = async (
    buyer: Signer,
    product: string,
    subject: string,
    ipId: string,
    amount: bigint,
    duration: bigint,
  ) => {
    const { premium } = await pool.quote(product, subject, ipId, amount, duration);
    await deposit(buyer, poolAddress, premium);
    const request = {
      product,
      subject,
      ipId,
      amount,
      duration,
      maxPremium: premium,
      recipient: await addressOf(buyer),
    };
    const coverId = await pool.connect(buyer).buyCover.staticCall(request);
    await sent(pool.connect(buyer).buyCover(request));
    return { coverId, premium };
  };
  const artistIp = await createIpWithVault(story, artist);
  const secondIp = await createIpWithVault(story, borrower);
  await list(secondIp.ipId, SECOND_IP_VALUE);
  const secondPositionId = await pledgeFromIpAccount(secondIp, RT_SUPPLY);
  await sent(vault.connect(borrower).borrow(secondPositionId, SECOND_LOAN, await addressOf(borrower)));
  const infringementAddress = book.contracts.InfringementProduct;
  const creatorCover = await buyCover(
    creator,
    infringementAddress,
    creatorIp.ipId,
    creatorIp.ipId,
    CREATOR_COVER,
    365n * DAY,
  );
  const artistCover = await buyCover(
    artist,
    infringementAddress,
    artistIp.ipId,
    artistIp.ipId,
    ARTIST_COVER,
    180n * DAY,
  );
  const shortfallCover = await buyCover(
    lender,
    book.contracts.LoanShortfallProduct,
    vaultAddress,
    secondIp.ipId,
    SHORTFALL_COVER,
    365n * DAY,
  );
  const premiums = creatorCover.premium + artistCover.premium + shortfallCover.premium;
  await say(
    "Insurance: the creator and another artist buy infringement cover on their IPs; a second borrower borrows, and the lender covers that loan",
    [
      `creator: cover #${creatorCover.coverId}, ${wip(CREATOR_COVER)} for 1 year, premium ${wip(creatorCover.premium)}`,
      `artist: cover #${artistCover.coverId} on IP ${artistIp.ipId}, ${wip(ARTIST_COVER)} for 180 days, premium ${wip(artistCover.premium)}`,
      `second borrower: all 100 RT of IP ${secondIp.ipId} appraised at ${wip(SECOND_IP_VALUE)}, pledged, ${wip(SECOND_LOAN)} borrowed`,
      `lender: loan-shortfall cover #${shortfallCover.coverId} on that IP, ${wip(SHORTFALL_COVER)} for 1 year, premium ${wip(shortfallCover.premium)}`,
      "covers start after their waiting period (7 days infringement, 14 days shortfall) and lock their amount in the pool",
    ],
    [
      { label: "pool capital", amount: await pool.capital(), unit: "WIP" },
      { label: "pool locked by covers", amount: await pool.lockedCapital(), unit: "WIP" },
      { label: "second loan's debt", amount: await vault.debtOf(secondPositionId), unit: "WIP" },
    ],
  );

  /* ---------------------------------------------------------------- 7. six months of royalties */
  const timeline: Snapshot[] = [];
  let lastSeatPrice = SEAT_PRICE;
  const collectorAddress = await addressOf(collector);
  const snapshot = async (label: string) => {
    timeline.push({
      day: await today(),
      label,
      loanDebt: await vault.debtOf(loanPositionId),
      secondLoanDebt: await vault.debtOf(secondPositionId),
      revenuePerSeat: (await seats.claimable(seriesId, collectorAddress, WIP)) / collectorSeats,
      seatPrice: lastSeatPrice,
      poolSharePrice: await pool.convertToAssets(ONE_POOL_SHARE),
      lendingSharePrice: await vault.convertToAssets(ONE_VAULT_SHARE),
    });
  };
  await snapshot("loans taken");

  const harvests: Harvest[] = [];
  let disputeId = 0n;
  let artistPaid = 0n;
  let resaleRoyalty = 0n;
  let resaleSellerProceeds = 0n;
  let liquidationRepaid = 0n;
  let badDebt = 0n;
  let covered = 0n;
  let shortfallPaid = 0n;
  let poolClaimsPaid = 0n;
  let lendersAfter = 0n;
  let lendingAssetsChange = 0n;
  const claimsPaidIn = (receipt: TransactionReceipt) =>
    eventsOf(receipt, pool.interface, poolAddress, "ClaimPaid").reduce(
      (sum, args) => sum + (args.amount as bigint),
      0n,
    );

  for (const [index, royalty] of MONTHLY_ROYALTIES.entries()) {
    const month = index + 1;
    await networkHelpers.time.increase(MONTH);
    await payRoyaltyInWip(story, brand, creatorIp.ipId, royalty);
    paidToCreatorIp += royalty;
    const parentShare = await transferToDataset();
    lapToDataset += parentShare;
    await sent(vault.connect(operator).harvest(creatorIp.ipId));
    const receipt = await sent(vault.connect(operator).settle(loanPositionId));
    const repaid = eventsOf(receipt, vault.interface, vaultAddress, "RevenueApplied").reduce(
      (sum, args) => sum + (args.repaid as bigint),
      0n,
    );
    await sent(seats.connect(operator).harvest(seriesId));
    const debt = await vault.debtOf(loanPositionId);
    harvests.push({ month, day: await today(), royalty, repaid, debt, parentShare });
    await say(
      `Month ${month}: the brand pays ${wip(royalty)} of royalties; harvest repays the loan`,
      [
        `${wip(parentShare)} (10%) goes to the dataset through LAP; the creator's vault receives the rest`,
        `vault.harvest(ip) claims what the ${rt(PLEDGED_RT)} pledged earned, settle applies ${wip(repaid)} to the debt`,
        `seats.harvest(series) claims what the ${rt(SEATS_RT)} behind the seats earned`,
      ],
      [
        { label: "creator's debt", amount: debt, unit: "WIP" },
        {
          label: "collector's unclaimed seat revenue",
          amount: await seats.claimable(seriesId, collectorAddress, WIP),
          unit: "WIP",
        },
      ],
    );
    await snapshot(`month ${month}`);

    if (month === 1) {
      // A rights holder disputes the artist's IP; anyone may report the open dispute so the pool reserves the cover.
      disputeId = await raiseDispute(story, rightsHolder, artistIp.ipId, DISPUTE_TAGS.IMPROPER_USAGE);
      await sent(infringement.connect(operator).reportDispute(artistCover.coverId, disputeId));
      await say(
        `A rights holder raises dispute #${disputeId} (IMPROPER_USAGE) against the artist's IP; it is reported to the pool`,
        [
          "the dispute was raised after the cover's waiting period, inside its period",
          `the pool reserves the ${wip(ARTIST_COVER)} cover out of its share price while the dispute is open`,
        ],
        [
          { label: "pool reserved", amount: await pool.reservedCapital(), unit: "WIP" },
          { label: "one pool share", amount: await pool.convertToAssets(ONE_POOL_SHARE), unit: "WIP" },
        ],
      );
      await snapshot("dispute reported");
    }
    if (month === 2) {
      await judgeDispute(story, disputeId, true);
      const before = await wipOf(artist);
      const claim = await sent(infringement.connect(artist).claim(artistCover.coverId, disputeId));
      artistPaid = (await wipOf(artist)) - before;
      poolClaimsPaid += claimsPaidIn(claim);
      await say(
        `The arbitration policy upholds dispute #${disputeId}: the artist's IP is tagged; his infringement cover pays`,
        [
          `InfringementProduct.claim(#${artistCover.coverId}, #${disputeId}) pays the cover holder the full amount`,
          `isIpTagged(artist's IP) = ${await story.disputes.isIpTagged(artistIp.ipId)}`,
        ],
        [
          { label: "paid to the artist", amount: artistPaid, unit: "WIP" },
          { label: "pool capital", amount: await pool.capital(), unit: "WIP" },
        ],
      );
      await snapshot("infringement paid");
    }
    if (month === 3) {
      await sent(seats.connect(investor).setApprovalForAll(book.contracts.SeatMarket, true));
      const listingId = await market.connect(investor).list.staticCall(seriesId, RESOLD_SEATS, WIP, RESALE_PRICE, 0n);
      await sent(market.connect(investor).list(seriesId, RESOLD_SEATS, WIP, RESALE_PRICE, 0n));
      const [total, , royaltyAmount, sellerProceeds] = await market.quote(listingId, RESOLD_SEATS);
      await deposit(seatBuyer, book.contracts.SeatMarket, total);
      await sent(market.connect(seatBuyer).buy(listingId, RESOLD_SEATS, total));
      resaleRoyalty = royaltyAmount;
      resaleSellerProceeds = sellerProceeds;
      lastSeatPrice = RESALE_PRICE;
      await say(
        `The investor resells ${RESOLD_SEATS} seats on the seat market at ${wip(RESALE_PRICE)} each`,
        [
          `the buyer pays ${wip(total)}: ${wip(royaltyAmount)} resale royalty (5%) to the creator, ${wip(sellerProceeds)} to the investor`,
          "revenue the seats earned before the sale stays with the investor",
        ],
        [
          { label: "investor", amount: await seats.balanceOf(await addressOf(investor), seriesId), unit: "seats" },
          { label: "seat buyer", amount: await seats.balanceOf(await addressOf(seatBuyer), seriesId), unit: "seats" },
        ],
      );
      await snapshot("seats resold");
    }
    if (month === 4) {
      // The second IP loses its licensee: the appraiser marks it down, each update bounded to 20%.
      const anchor = (SECOND_IP_VALUE * WAD) / RT_SUPPLY;
      let value = anchor;
      for (let step = 0; step < MARKDOWN_STEPS; step++) {
        value = (value * 80n) / 100n;
        await sent(appraisal.connect(operator).postAppraisal(secondIp.ipId, value));
      }
      const health = await vault.healthFactor(secondPositionId);
      await fundWip(story, liquidator, SECOND_LOAN * 2n);
      await sent(wipToken.connect(liquidator).approve(vaultAddress, MaxUint256));
      const liquidatorBefore = await wipOf(liquidator);
      const lendersBefore = await vault.totalAssets();
      const receipt = await sent(vault.connect(liquidator).liquidate(secondPositionId, MaxUint256));
      liquidationRepaid = liquidatorBefore - (await wipOf(liquidator));
      const [realized] = eventsOf(receipt, vault.interface, vaultAddress, "BadDebtRealized");
      badDebt = realized.badDebt as bigint;
      covered = realized.covered as bigint;
      for (const args of eventsOf(receipt, shortfall.interface, book.contracts.LoanShortfallProduct, "ShortfallPaid")) {
        shortfallPaid += args.amount as bigint;
      }
      poolClaimsPaid += claimsPaidIn(receipt);
      lendersAfter = await vault.totalAssets();
      lendingAssetsChange = lendersAfter - lendersBefore;
      await say(
        `The second IP loses its licensee: the appraiser marks it down in ${MARKDOWN_STEPS} steps of 20% (the oracle's bound per update); it is liquidated`,
        [
          `${wip(SECOND_IP_VALUE)} → ${wip((value * RT_SUPPLY) / WAD)} for all its RT; health factor ${formatUnits(health, 18).slice(0, 5)}`,
          `a liquidator repays ${wip(liquidationRepaid)} and takes all 100 RT: ${wip(badDebt)} of bad debt is left`,
          `the vault asks its loan-shortfall cover in the same transaction: the pool pays ${wip(covered)} (BadDebtRealized covered)`,
          `lenders carry ${wip(badDebt - covered)} of it: the vault's assets went from ${wip(lendersBefore)} to ${wip(lendersAfter)}`,
        ],
        [
          { label: "bad debt", amount: badDebt, unit: "WIP" },
          { label: "paid by the pool", amount: covered, unit: "WIP" },
          { label: "liquidator", amount: await secondIp.vault.balanceOf(await addressOf(liquidator)), unit: "RT" },
        ],
      );
      await snapshot("bad loan liquidated");
    }
  }

  /* ---------------------------------------------------------------- 8. everyone collects */
  const claimSeats = async (holder: Signer) => {
    const holderAddress = await addressOf(holder);
    const amount = await seats.claimable(seriesId, holderAddress, WIP);
    await sent(seats.connect(holder).claim(seriesId, holderAddress, WIP));
    return amount;
  };
  const seatRevenueClaimed = {
    investor: await claimSeats(investor),
    collector: await claimSeats(collector),
    seatBuyer: await claimSeats(seatBuyer),
  };
  const datasetMore = await dataset.vault.claimableRevenue(dataset.ipId, WIP);
  await sent(dataset.vault.connect(datasetOwner).claimRevenueOnBehalf(dataset.ipId, WIP));
  datasetClaimed += datasetMore;
  await sent(creatorVault.connect(creator).claimRevenueOnBehalf(creatorIp.ipId, WIP));
  await say(
    "Seat holders claim their revenue; the dataset and the creator's IP accounts claim theirs",
    [
      `seats: investor ${wip(seatRevenueClaimed.investor)}, collector ${wip(seatRevenueClaimed.collector)}, seat buyer ${wip(
        seatRevenueClaimed.seatBuyer,
      )}`,
      `the dataset earned ${wip(lapToDataset)} from its derivative in all`,
    ],
    [
      { label: "creator's debt left", amount: await vault.debtOf(loanPositionId), unit: "WIP" },
      { label: "creator's IP account", amount: await wipOf(creatorIp.ipId), unit: "WIP" },
      { label: "dataset IP account", amount: await wipOf(dataset.ipId), unit: "WIP" },
    ],
  );

  /* ---------------------------------------------------------------- the final table */
  const final: FinalRow[] = [];
  const lenderShares = await vault.balanceOf(await addressOf(lender));
  const underwriterShares = await pool.balanceOf(await addressOf(underwriter));
  const rows: [string, string, bigint][] = [
    ["creator", await addressOf(creator), 0n],
    ["creator's IP account", creatorIp.ipId, 0n],
    ["dataset IP account", dataset.ipId, 0n],
    ["investor", await addressOf(investor), 0n],
    ["collector", collectorAddress, 0n],
    ["seat buyer", await addressOf(seatBuyer), 0n],
    ["lender", await addressOf(lender), await vault.convertToAssets(lenderShares)],
    ["underwriter", await addressOf(underwriter), await pool.convertToAssets(underwriterShares)],
    ["artist (insured)", await addressOf(artist), 0n],
    ["second borrower", await addressOf(borrower), 0n],
    ["liquidator", await addressOf(liquidator), 0n],
    ["operator (treasury)", await addressOf(operator), 0n],
  ];
  for (const [actor, address, deposits] of rows) {
    final.push({
      actor,
      wip: (await wipToken.balanceOf(address)) - (wipAtStart.get(address) ?? 0n),
      creatorRt: await creatorVault.balanceOf(address),
      seats: await seats.balanceOf(address, seriesId),
      deposits,
    });
  }
  final.push({
    actor: "lending vault (pledged)",
    wip: await wipToken.balanceOf(vaultAddress),
    creatorRt: await creatorVault.balanceOf(vaultAddress),
    seats: 0n,
    deposits: await vault.totalAssets(),
  });
  final.push({
    actor: "seats contract (escrow)",
    wip: await wipToken.balanceOf(seatsAddress),
    creatorRt: await creatorVault.balanceOf(seatsAddress),
    seats: await seats.balanceOf(seatsAddress, seriesId),
    deposits: 0n,
  });
  final.push({
    actor: "underwriting pool",
    wip: await wipToken.balanceOf(poolAddress),
    creatorRt: 0n,
    seats: 0n,
    deposits: await pool.totalAssets(),
  });

  const actorAddresses: Record<string, string> = {};
  for (const [name, signer] of Object.entries(actors)) {
    actorAddresses[name] = await addressOf(signer);
  }
  const [uncoveredBadDebt] = await vault.uncoveredBadDebt(secondPositionId);
  return {
    network: connection.networkName,
    chainId,
    storyMode: story.mode,
    book,
    actors: actorAddresses,
    ips: { dataset: dataset.ipId, creator: creatorIp.ipId, artist: artistIp.ipId, borrower: secondIp.ipId },
    steps,
    timeline,
    harvests,
    final,
    figures: {
      paidToCreatorIp,
      lapToDataset,
      datasetClaimed,
      loanPositionId,
      borrowed: FIRST_LOAN,
      loanDebtAfterHarvests: harvests[harvests.length - 1].debt,
      seriesId,
      seatsOf: {
        investor: await seats.balanceOf(await addressOf(investor), seriesId),
        collector: await seats.balanceOf(collectorAddress, seriesId),
        seatBuyer: await seats.balanceOf(await addressOf(seatBuyer), seriesId),
      },
      resaleRoyalty,
      resaleSellerProceeds,
      seatProceedsToCreator,
      seatRevenueClaimed,
      disputeId,
      artistCoverId: artistCover.coverId,
      artistPaid,
      artistCoverStatus: (await coverNft.coverOf(artistCover.coverId)).status,
      creatorCoverId: creatorCover.coverId,
      creatorCoverStatus: (await coverNft.coverOf(creatorCover.coverId)).status,
      secondPositionId,
      shortfallCoverId: shortfallCover.coverId,
      liquidationRepaid,
      badDebt,
      covered,
      shortfallPaid,
      uncoveredBadDebt,
      lendingAssetsChange,
      poolClaimsPaid,
      premiums,
      poolSharePriceStart,
      poolSharePriceEnd: await pool.convertToAssets(ONE_POOL_SHARE),
      lendingSharePriceEnd: await vault.convertToAssets(ONE_VAULT_SHARE),
    },
  };
}
