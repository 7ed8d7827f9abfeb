/**
 * Attack family: profiting from a dispute. An IP owner keeps borrowing (or takes its collateral back) once a dispute
 * against its IP is upheld, opens seats on a tagged IP, or buys infringement cover once it knows a dispute was raised.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { judgeDispute, raiseDispute, RT_SUPPLY } from "../fixtures/story.ts";
import { DAY, WAD } from "../fixtures/lending.ts";
import { buyInfringementCover } from "../fixtures/insurance.ts";
import { deploySeats, seriesParams } from "../fixtures/seats.ts";
import { balances, buildLendingWorld, buildPoolWorld, wrapAndApprove } from "./helpers.ts";

const connection = await network.create();
const { networkHelpers } = connection;

/** The lending world with the borrower's IP tagged by an upheld dispute. */
async function disputedLoan() {
  const w = await buildLendingWorld(connection);
  const disputeId = await raiseDispute(w.story, w.victim, w.ip.ipId);
  await judgeDispute(w.story, disputeId, true);
  return { ...w, disputeId };
}

/** CoverStatus.Active. */
const COVER_ACTIVE = 1n;

const poolWorld = () => buildPoolWorld(connection);

describe(`security — disputes (${connection.networkName})`, function () {
  it("disputed IP: borrowing against RT of an IP tagged by an upheld dispute — fails", async function () {
    const { story, vault, wip, ip, positionId, borrower } = await networkHelpers.loadFixture(disputedLoan);
    expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(true);
    const [borrowerBefore, vaultBefore] = await balances(wip, [borrower, vault]);
    const debtBefore = await vault.debtOf(positionId);
    await expect(vault.connect(borrower).borrow(positionId, WAD, borrower))
      .to.be.revertedWithCustomError(vault, "IpDisputed")
      .withArgs(ip.ipId);
    await expect(vault.connect(borrower).withdrawCollateral(positionId, 1n, borrower))
      .to.be.revertedWithCustomError(vault, "IpDisputed")
      .withArgs(ip.ipId);
    expect(await balances(wip, [borrower, vault])).to.deep.equal([borrowerBefore, vaultBefore]);
    expect(await ip.vault.balanceOf(borrower)).to.equal(0n);
    expect((await vault.position(positionId)).collateral).to.equal(RT_SUPPLY);
    expect(await vault.debtOf(positionId)).to.be.at.least(debtBefore);
    // The collateral is worth zero: the position is open to liquidation instead.
    expect(await vault.healthFactor(positionId)).to.equal(0n);
  });

  it("disputed IP: opening a seat series on a tagged IP — fails", async function () {
    const { story, ip } = await networkHelpers.loadFixture(disputedLoan);
    const seats = await deploySeats(story);
    const params = await seriesParams(seats, ip);
    await expect(seats.seats.connect(ip.owner).createSeries(params))
      .to.be.revertedWithCustomError(seats.seats, "IpDisputed")
      .withArgs(ip.ipId);
    expect(await seats.seats.seriesCount()).to.equal(0n);
  });

  it("cover after the fact: buying infringement cover once a dispute was raised, then claiming it — fails", async function () {
    const { story, insurance, pool, wip, ip, attacker, buyer } = await networkHelpers.loadFixture(poolWorld);
    // The dispute is raised first (the attacker sees it in the mempool or on-chain) ...
    const disputeId = await raiseDispute(story, buyer, ip.ipId);
    const [attackerStart, poolStart, treasuryStart] = await balances(wip, [attacker, pool, insurance.treasury]);
    // ... then the attacker insures the IP (it is not tagged yet, so the sale goes through) ...
    const { coverId, premium } = await buyInfringementCover(insurance, attacker, ip.ipId, 100n * WAD, 60n * DAY);
    const capitalAfterSale = await pool.capital();
    // ... and the dispute is upheld.
    await judgeDispute(story, disputeId, true);
    const raisedAt = await insurance.infringement.raisedAt(disputeId);
    await expect(insurance.infringement.connect(attacker).claim(coverId, disputeId))
      .to.be.revertedWithCustomError(insurance.infringement, "DisputeOutsideCoverPeriod")
      .withArgs(disputeId, raisedAt);
    // Nor can the pending dispute freeze underwriters' capital through a report.
    await expect(insurance.infringement.reportDispute(coverId, disputeId))
      .to.be.revertedWithCustomError(insurance.infringement, "DisputeOutsideCoverPeriod")
      .withArgs(disputeId, raisedAt);
    // The attacker paid the premium (wrapped for the purchase) and got nothing back; the pool and treasury kept it.
    const fee = (premium * (await pool.protocolFee())) / WAD;
    expect(premium).to.be.greaterThan(0n);
    expect(await balances(wip, [attacker, pool, insurance.treasury])).to.deep.equal([
      attackerStart,
      poolStart + premium - fee,
      treasuryStart + fee,
    ]);
    expect((await insurance.coverNft.coverOf(coverId)).status).to.equal(COVER_ACTIVE);
    expect(await pool.capital()).to.be.at.least(capitalAfterSale);
    expect(await pool.reservedCapital()).to.equal(0n);
  });

  it("cover after the fact: buying infringement cover once the dispute is upheld — fails", async function () {
    const { story, insurance, pool, ip, attacker, buyer } = await networkHelpers.loadFixture(poolWorld);
    const disputeId = await raiseDispute(story, buyer, ip.ipId);
    await judgeDispute(story, disputeId, true);
    const product = await insurance.infringement.getAddress();
    await expect(pool.quote(product, ip.ipId, ip.ipId, 100n * WAD, 60n * DAY))
      .to.be.revertedWithCustomError(insurance.infringement, "IpAlreadyTagged")
      .withArgs(ip.ipId);
    await wrapAndApprove(story, attacker, pool, 10n * WAD);
    const request = {
      product,
      subject: ip.ipId,
      ipId: ip.ipId,
      amount: 100n * WAD,
      duration: 60n * DAY,
      maxPremium: 10n * WAD,
      recipient: await attacker.getAddress(),
    };
    await expect(pool.connect(attacker).buyCover(request))
      .to.be.revertedWithCustomError(insurance.infringement, "IpAlreadyTagged")
      .withArgs(ip.ipId);
    expect(await story.wip.balanceOf(attacker)).to.equal(10n * WAD);
    expect(await insurance.pool.lockedCapital()).to.equal(0n);
  });
});
