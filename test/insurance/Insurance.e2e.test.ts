/**
 * Insurance end to end through the fixtures (so it also runs on a fork of Story): an underwriter funds the pool, an
 * IP owner buys infringement cover and is paid after a dispute against the IP is upheld on Story's Dispute Module,
 * and a lending vault's bad debt is paid by loan-shortfall cover inside the liquidation that realizes it.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { MaxUint256, ZeroAddress } from "ethers";
import { RT_SUPPLY, createIpWithVault, fundWip, judgeDispute, loadStory, raiseDispute } from "../fixtures/story.ts";
import {
  DAY,
  deployLending,
  depositWip,
  listIp,
  openPositionFromIpAccount,
  valuePerRtUnit,
} from "../fixtures/lending.ts";
import {
  DEFAULT_RATES,
  POOL_PARAMS,
  WAD,
  buyInfringementCover,
  buyShortfallCover,
  deployInsurance,
  depositToPool,
  premiumFor,
} from "../fixtures/insurance.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const CAPITAL = 1_000n * WAD;
const COVER = 200n * WAD;
const DURATION = 180n * DAY;

async function world() {
  const story = await loadStory(connection);
  const lending = await deployLending(story, { minDebt: WAD });
  const insurance = await deployInsurance(story, { lending });
  const [, creator, underwriter, lender, liquidator, disputer, borrower] = await ethers.getSigners();
  await depositToPool(insurance, underwriter, CAPITAL);
  return { story, lending, insurance, creator, underwriter, lender, liquidator, disputer, borrower };
}

describe(`Insurance — end to end (${connection.networkName})`, function () {
  it("pays an infringement cover's holder when a dispute raised during the cover is upheld", async function () {
    const { story, insurance, creator, disputer } = await networkHelpers.loadFixture(world);
    const { pool, infringement, coverNft } = insurance;
    const ip = await createIpWithVault(story, creator);
    const { coverId, premium } = await buyInfringementCover(insurance, creator, ip.ipId, COVER, DURATION);
    expect(premium).to.equal(premiumFor(COVER, DEFAULT_RATES.infringement, DURATION));
    expect(await coverNft.ownerOf(coverId)).to.equal(await creator.getAddress());
    expect(await pool.lockedCapital()).to.equal(COVER);

    await networkHelpers.time.increase(10n * DAY);
    const disputeId = await raiseDispute(story, disputer, ip.ipId);
    await expect(infringement.claim(coverId, disputeId))
      .to.be.revertedWithCustomError(infringement, "DisputeNotJudged")
      .withArgs(disputeId);
    await judgeDispute(story, disputeId, true);

    const assetsBefore = await pool.totalAssets();
    const tx = infringement.connect(disputer).claim(coverId, disputeId);
    await expect(tx)
      .to.emit(infringement, "InfringementClaimPaid")
      .withArgs(coverId, disputeId, await creator.getAddress(), COVER);
    await expect(tx)
      .to.emit(pool, "ClaimPaid")
      .withArgs(coverId, await creator.getAddress(), COVER);
    await expect(tx).to.changeTokenBalances(ethers, story.wip, [creator, pool], [COVER, -COVER]);
    expect(await pool.lockedCapital()).to.equal(0n);
    expect(await pool.totalAssets()).to.be.closeTo(assetsBefore - COVER, WAD / 1000n);
    expect((await coverNft.coverOf(coverId)).status).to.equal(3n);
    await expect(infringement.claim(coverId, disputeId))
      .to.be.revertedWithCustomError(pool, "InvalidCoverStatus")
      .withArgs(coverId);
  });

  it("pays a lending vault's bad debt from loan-shortfall cover during the liquidation", async function () {
    const { story, lending, insurance, borrower, lender, liquidator } = await networkHelpers.loadFixture(world);
    const { pool, shortfall } = insurance;
    const vaultAddress = await lending.vault.getAddress();
    const ip = await createIpWithVault(story, borrower);
    const price = valuePerRtUnit(1_000n * WAD);
    await listIp(lending, ip.ipId, 1_000n * WAD);
    await depositWip(lending, lender, 1_000n * WAD);
    const positionId = await openPositionFromIpAccount(lending, ip, RT_SUPPLY / 2n);
    await (await lending.vault.connect(borrower).borrow(positionId, 250n * WAD, borrower)).wait();
    const { coverId } = await buyShortfallCover(insurance, lender, vaultAddress, ZeroAddress, COVER, DURATION);

    await networkHelpers.time.increase(DAY);
    // Five 20% steps down (the oracle's bound per update): the collateral ends worth 32.8% of the listing value.
    let value = price;
    for (let step = 0; step < 5; step++) {
      value = (value * 80n) / 100n;
      await (await lending.appraisal.connect(lending.appraiser).postAppraisal(ip.ipId, value)).wait();
    }
    await fundWip(story, liquidator, 1_000n * WAD);
    await (await story.wip.connect(liquidator).approve(vaultAddress, MaxUint256)).wait();
    const lendersBefore = await lending.vault.totalAssets();
    const debt = await lending.vault.debtOf(positionId);
    const tx = lending.vault.connect(liquidator).liquidate(positionId, MaxUint256);
    await expect(tx).to.emit(shortfall, "ShortfallPaid");
    await expect(tx).to.emit(pool, "ClaimPaid");
    const receipt = await (await tx).wait();
    const realized = receipt!.logs
      .map((log) => lending.vault.interface.parseLog(log))
      .find((parsed) => parsed?.name === "BadDebtRealized")!;
    const [, badDebt, covered] = realized.args as unknown as [bigint, bigint, bigint];
    expect(badDebt).to.be.gt(0n);
    expect(covered).to.equal(badDebt < COVER ? badDebt : COVER);
    expect(await lending.vault.totalAssets()).to.be.closeTo(lendersBefore - (badDebt - covered), WAD / 1000n);
    expect(debt).to.be.gt(0n);
    expect(await pool.lockedCapital()).to.equal(0n);
    expect((await insurance.coverNft.coverOf(coverId)).status).to.equal(3n);
    expect(await pool.capital()).to.be.lt(CAPITAL);
    expect(POOL_PARAMS.capacityRatio).to.equal((80n * WAD) / 100n);
  });
});
