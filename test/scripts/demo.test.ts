/**
 * `npm run demo` must keep telling its story. The scenario (scripts/demo/scenario.ts) runs in-process here and its
 * result and the chain are checked against expectations computed from the story's own numbers; then the script
 * itself is spawned once and must write a self-contained report with charts.
 */
import { expect } from "chai";
import { network } from "hardhat";
import {
  ARTIST_COVER,
  DATASET_REV_SHARE,
  FIRST_LOAN,
  FIRST_ROYALTY,
  INVESTOR_SEATS,
  LENDER_DEPOSIT,
  LICENSE_FEE,
  LICENSES_SOLD,
  MARKDOWN_STEPS,
  MONTHLY_ROYALTIES,
  PLEDGED_RT,
  RESALE_PRICE,
  RESALE_ROYALTY_BPS,
  RESOLD_SEATS,
  SEATS,
  SEATS_RT,
  SEAT_PRICE,
  SECOND_IP_VALUE,
  SECOND_LOAN,
  SHORTFALL_COVER,
  UNDERWRITER_DEPOSIT,
  WAD,
  runScenario,
  type ScenarioResult,
} from "../../scripts/demo/scenario.ts";
import { renderReport } from "../../scripts/demo/report.ts";
import { RT_SUPPLY, STORY_PERCENT } from "../fixtures/story.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

/** Rounding of the revenue accumulators (per-RT, per-seat) is at most a few wei per payment. */
const DUST = 1_000n;
const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
/** What reaches the creator's vault from a payment: all but the dataset's LAP share. */
const afterLap = (amount: bigint) => amount - (amount * DATASET_REV_SHARE) / (100n * STORY_PERCENT);
/** Payment statuses of CoverNFT. */
const COVER_ACTIVE = 1n;
const COVER_PAID = 3n;

let seconds = 0;
async function demoStory(): Promise<ScenarioResult> {
  const started = Date.now();
  const result = await runScenario(connection);
  seconds = (Date.now() - started) / 1000;
  return result;
}

async function contracts(result: ScenarioResult) {
  const { contracts: book } = result.book;
  return {
    vault: await ethers.getContractAt("RoyaltyLendingVault", book.RoyaltyLendingVault),
    pool: await ethers.getContractAt("UnderwritingPool", book.UnderwritingPool),
    seats: await ethers.getContractAt("CollaborationSeats", book.CollaborationSeats),
    coverNft: await ethers.getContractAt("CoverNFT", book.CoverNFT),
    wip: await ethers.getContractAt("IWIP", result.book.story.WIP),
    disputes: await ethers.getContractAt("IDisputeModule", result.book.story.DisputeModule),
  };
}

describe(`demo scenario (${connection.networkName})`, function () {
  this.timeout(300_000);

  it("derives the creator's IP from the dataset, whose LAP share of every payment reaches its vault", async function () {
    const result = await networkHelpers.loadFixture(demoStory);
    console.log(`      (scenario ran in ${seconds.toFixed(1)} s)`);
    const { figures, harvests } = result;
    const paid = LICENSES_SOLD * LICENSE_FEE + FIRST_ROYALTY + sum(MONTHLY_ROYALTIES);
    expect(figures.paidToCreatorIp).to.equal(paid);
    expect(figures.lapToDataset).to.equal(paid - afterLap(paid));
    expect(figures.lapToDataset).to.equal((paid * 10n) / 100n);
    expect(harvests.map((h) => h.parentShare)).to.deep.equal(MONTHLY_ROYALTIES.map((r) => r / 10n));
    // The dataset also earned its own license fee and the creator's derivative registration fee.
    expect(figures.datasetClaimed).to.equal(figures.lapToDataset + 2n * LICENSE_FEE);
    const { wip } = await contracts(result);
    expect(await wip.balanceOf(result.ips.dataset)).to.equal(figures.datasetClaimed);
  });

  it("repays the creator's loan from harvested royalties, month after month", async function () {
    const result = await networkHelpers.loadFixture(demoStory);
    const { harvests, figures } = result;
    expect(harvests).to.have.length(MONTHLY_ROYALTIES.length);
    let previous = FIRST_LOAN;
    for (const [index, harvest] of harvests.entries()) {
      // The pledged RT's share of what reached the creator's vault.
      const expected = (afterLap(MONTHLY_ROYALTIES[index]) * PLEDGED_RT) / RT_SUPPLY;
      expect(harvest.repaid).to.be.closeTo(expected, DUST);
      expect(harvest.debt, `month ${harvest.month}`).to.be.lt(previous);
      // Interest accrued between harvests (utilization ≈ 30%, under 1% a month) comes on top.
      const withoutInterest = previous - harvest.repaid;
      expect(harvest.debt).to.be.gt(withoutInterest);
      expect(harvest.debt - withoutInterest).to.be.lt(previous / 100n);
      previous = harvest.debt;
    }
    // At least 90% of the loan repaid by royalties alone.
    expect(figures.loanDebtAfterHarvests * 10n).to.be.lt(FIRST_LOAN);
    // The chart's points at each month end fall too (between them, interest accrues second by second).
    const debtSeries = result.timeline.filter((s) => /^(loans taken|month \d)$/.test(s.label)).map((s) => s.loanDebt);
    expect(debtSeries).to.have.length(MONTHLY_ROYALTIES.length + 1);
    for (let i = 1; i < debtSeries.length; i++) {
      expect(debtSeries[i]).to.be.lt(debtSeries[i - 1]);
    }
    const { vault } = await contracts(result);
    const debtNow = await vault.debtOf(figures.loanPositionId);
    expect(debtNow).to.be.gte(figures.loanDebtAfterHarvests);
    expect(debtNow - figures.loanDebtAfterHarvests).to.be.lt(WAD / 10n ** 6n);
    expect((await vault.position(figures.loanPositionId)).collateral).to.equal(PLEDGED_RT);
  });

  it("sells 100 seats, resells 10 of the investor's on the market, and pays each holder its share", async function () {
    const result = await networkHelpers.loadFixture(demoStory);
    const { figures, actors } = result;
    expect(figures.seatsOf).to.deep.equal({
      investor: INVESTOR_SEATS - RESOLD_SEATS,
      collector: SEATS - INVESTOR_SEATS,
      seatBuyer: RESOLD_SEATS,
    });
    const { seats, wip } = await contracts(result);
    expect(await seats.balanceOf(actors.investor, figures.seriesId)).to.equal(INVESTOR_SEATS - RESOLD_SEATS);
    expect(await seats.balanceOf(actors["seat buyer"], figures.seriesId)).to.equal(RESOLD_SEATS);
    expect(figures.seatProceedsToCreator).to.equal((SEATS * SEAT_PRICE * (10_000n - 250n)) / 10_000n);
    const resale = RESOLD_SEATS * RESALE_PRICE;
    expect(figures.resaleRoyalty).to.equal((resale * RESALE_ROYALTY_BPS) / 10_000n);
    expect(figures.resaleSellerProceeds).to.equal(resale - figures.resaleRoyalty);

    // Per seat and month: the seats' RT share of what reached the creator's vault, over 100 seats. The resale
    // happened after month 3: the investor earned on 50 seats before it and 40 after, the buyer on 10 after.
    const perSeat = MONTHLY_ROYALTIES.map((r) => (afterLap(r) * SEATS_RT) / RT_SUPPLY / SEATS);
    const before = sum(perSeat.slice(0, 3));
    const after = sum(perSeat.slice(3));
    const claimed = figures.seatRevenueClaimed;
    expect(claimed.collector).to.be.closeTo((SEATS - INVESTOR_SEATS) * (before + after), DUST);
    expect(claimed.investor).to.be.closeTo(INVESTOR_SEATS * before + (INVESTOR_SEATS - RESOLD_SEATS) * after, DUST);
    expect(claimed.seatBuyer).to.be.closeTo(RESOLD_SEATS * after, DUST);
    expect(await wip.balanceOf(actors.investor)).to.equal(claimed.investor + figures.resaleSellerProceeds);
    expect(await wip.balanceOf(actors["seat buyer"])).to.equal(claimed.seatBuyer);
    const revenuePerSeat = result.timeline.map((s) => s.revenuePerSeat);
    for (let i = 1; i < revenuePerSeat.length; i++) {
      expect(revenuePerSeat[i]).to.be.gte(revenuePerSeat[i - 1]);
    }
    expect(result.timeline[result.timeline.length - 1].seatPrice).to.equal(RESALE_PRICE);
  });

  it("pays the insured artist his full infringement cover once the dispute against his IP is upheld", async function () {
    const result = await networkHelpers.loadFixture(demoStory);
    const { figures, actors, ips } = result;
    expect(figures.artistPaid).to.equal(ARTIST_COVER);
    expect(figures.artistCoverStatus).to.equal(COVER_PAID);
    expect(figures.creatorCoverStatus).to.equal(COVER_ACTIVE);
    const { coverNft, wip, disputes } = await contracts(result);
    expect(await coverNft.ownerOf(figures.artistCoverId)).to.equal(actors["artist (insured)"]);
    // The artist's premium was wrapped and spent: his WIP is exactly the payout.
    expect(await wip.balanceOf(actors["artist (insured)"])).to.equal(ARTIST_COVER);
    expect(await disputes.isIpTagged(ips.artist)).to.equal(true);
    expect(await disputes.isIpTagged(ips.creator)).to.equal(false);
    expect(await disputes.isIpTagged(ips.dataset)).to.equal(false);
  });

  it("liquidates the marked-down loan and has the pool pay its shortfall: min(cover, bad debt)", async function () {
    const result = await networkHelpers.loadFixture(demoStory);
    const { figures } = result;
    // Five 20% markdowns of the appraisal, then a full liquidation: the liquidator repays the collateral's value
    // less the 8% bonus (rounded up) and takes every RT.
    let price = (SECOND_IP_VALUE * WAD) / RT_SUPPLY;
    for (let step = 0; step < MARKDOWN_STEPS; step++) {
      price = (price * 80n) / 100n;
    }
    const value = (RT_SUPPLY * price) / WAD;
    const bonusFactor = WAD + (8n * WAD) / 100n;
    expect(figures.liquidationRepaid).to.equal((value * WAD + bonusFactor - 1n) / bonusFactor);
    const debtAtLiquidation = figures.liquidationRepaid + figures.badDebt;
    expect(debtAtLiquidation).to.be.gt(SECOND_LOAN);
    expect(debtAtLiquidation).to.be.lt((SECOND_LOAN * 101n) / 100n);
    expect(figures.badDebt).to.be.gt(0n);
    expect(figures.covered).to.equal(min(SHORTFALL_COVER, figures.badDebt));
    expect(figures.shortfallPaid).to.equal(figures.covered);
    expect(figures.uncoveredBadDebt).to.equal(figures.badDebt - figures.covered);
    expect(figures.lendingAssetsChange).to.be.gte(0n);
    expect(figures.poolClaimsPaid).to.equal(ARTIST_COVER + figures.covered);

    const { vault, pool } = await contracts(result);
    expect(await vault.debtOf(figures.secondPositionId)).to.equal(0n);
    expect((await vault.position(figures.secondPositionId)).collateral).to.equal(0n);
    expect(result.timeline[result.timeline.length - 1].secondLoanDebt).to.equal(0n);
    // Underwriters paid both claims and earned at most the premiums net of the 10% fee.
    const afterClaims = UNDERWRITER_DEPOSIT - figures.poolClaimsPaid;
    const totalAssets = await pool.totalAssets();
    expect(totalAssets).to.be.gt(afterClaims);
    expect(totalAssets).to.be.lte(afterClaims + (figures.premiums * 9n) / 10n);
    expect(figures.poolSharePriceEnd).to.be.lt(figures.poolSharePriceStart);
    // Lenders lost nothing: their shares gained interest.
    expect(await vault.convertToAssets(await vault.balanceOf(result.actors.lender))).to.be.gt(LENDER_DEPOSIT);
  });

  it("ends with the creator's 100 RT split between her IP account, the loan and the seats", async function () {
    const result = await networkHelpers.loadFixture(demoStory);
    const rtOf = (actor: string) => result.final.find((row) => row.actor === actor)!.creatorRt;
    expect(rtOf("creator's IP account")).to.equal(RT_SUPPLY - PLEDGED_RT - SEATS_RT);
    expect(rtOf("lending vault (pledged)")).to.equal(PLEDGED_RT);
    expect(rtOf("seats contract (escrow)")).to.equal(SEATS_RT);
    expect(sum(result.final.map((row) => row.seats))).to.equal(SEATS);
  });

  it("renders a self-contained report with three charts and the final table", async function () {
    const result = await networkHelpers.loadFixture(demoStory);
    const html = renderReport(result);
    expect(html.match(/<svg /g)).to.have.length(3);
    expect(html).to.contain("<polyline");
    expect(html).to.contain("Final balances");
    expect(html).to.not.match(/<script|<link|src=|@import|url\(/);
    // The only URL is SVG's namespace.
    expect(html.match(/https?:\/\/[^"]+/g)?.filter((url) => url !== "http://www.w3.org/2000/svg") ?? []).to.deep.equal(
      [],
    );
  });
});
