/**
 * InfringementProduct: what may be covered (a registered, untagged IP that is its own subject), when a cover pays
 * (a dispute against the IP raised strictly after the cover's start and no later than its end, judged positively,
 * claimed by anyone before the claim deadline, paid to the NFT holder at claim time), inherited tags (the parent
 * dispute's raise time counts) and reports of open disputes (the pool reserves the amount until the dispute ends).
 * Runs through the fixtures only, so it also runs on a fork of Story.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { ZeroAddress, type Signer } from "ethers";
import {
  createIp,
  disputeArgs,
  createIpWithVault,
  judgeDispute,
  loadStory,
  raiseDispute,
  registerDerivative,
  type Story,
} from "../fixtures/story.ts";
import { deployLending } from "../fixtures/lending.ts";
import {
  DAY,
  DEFAULT_RATES,
  INFRINGEMENT_TERMS,
  WAD,
  buyInfringementCover,
  buyShortfallCover,
  deployInsurance,
  depositToPool,
  premiumFor,
  type Insurance,
} from "../fixtures/insurance.ts";
import { earnedSince, fundAndApprove, infringementRequest, poolSnapshot } from "./UnderwritingPool.helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const CAPITAL = 1_000n * WAD;
const COVER = 100n * WAD;
const DURATION = 180n * DAY;
/** The shortest cover the product sells. */
const SHORT = INFRINGEMENT_TERMS.minDuration;
const CLAIM_WINDOW = INFRINGEMENT_TERMS.claimWindow;
const STATUS = { ACTIVE: 1n, REPORTED: 2n, PAID: 3n } as const;

const addr = (signer: Signer) => signer.getAddress();

/* ---------------------------------------------------------------- helpers */

/** The pool's state right after an accrual, the base of exact before/after comparisons. */
/** Timestamp of the block that mined a transaction. */
async function minedAt(tx: Promise<{ wait(): Promise<unknown> }>): Promise<bigint> {
  const receipt = (await (await tx).wait()) as { blockNumber: number };
  return BigInt((await ethers.provider.getBlock(receipt.blockNumber))!.timestamp);
}

/** Raises a dispute against `ipId` in a block with exactly `timestamp`. Returns its id. */
async function raiseDisputeAt(story: Story, initiator: Signer, ipId: string, timestamp: bigint): Promise<bigint> {
  const args = await disputeArgs(story, initiator, ipId);
  const disputes = story.disputes.connect(initiator);
  const disputeId = await disputes.raiseDispute.staticCall(...args);
  await time.setNextBlockTimestamp(timestamp);
  await (await disputes.raiseDispute(...args)).wait();
  return disputeId;
}

/* ---------------------------------------------------------------- fixtures */

/**
 * A Story world with lending and insurance (the loan-shortfall product knows the vault), 1000 WIP of underwriting
 * capital, and two IPs: `ip` (creator's, commercial terms attached) and `otherIp`.
 */
async function world() {
  const story = await loadStory(connection);
  const lending = await deployLending(story);
  const insurance = await deployInsurance(story, { lending });
  const [, creator, underwriter, disputer, holder, stranger, remixer] = await ethers.getSigners();
  await depositToPool(insurance, underwriter, CAPITAL);
  const ip = await createIpWithVault(story, creator);
  const otherIp = await createIp(story, stranger);
  return { story, lending, insurance, creator, underwriter, disputer, holder, stranger, remixer, ip, otherIp };
}

/** Buys `duration` of cover on `ipId` for `buyer` and checks the terms written against the purchase time. */
async function coverOn(insurance: Insurance, buyer: Signer, ipId: string, duration = DURATION, amount = COVER) {
  const { coverId, premium } = await buyInfringementCover(insurance, buyer, ipId, amount, duration);
  const start = BigInt(await time.latest());
  const cover = await insurance.coverNft.coverOf(coverId);
  expect(premium).to.equal(premiumFor(amount, DEFAULT_RATES.infringement, duration));
  expect(cover.start).to.equal(start);
  expect(cover.end).to.equal(start + duration);
  expect(cover.claimDeadline).to.equal(start + duration + CLAIM_WINDOW);
  expect(cover.status).to.equal(STATUS.ACTIVE);
  return { coverId, start, end: start + duration, claimDeadline: start + duration + CLAIM_WINDOW };
}

/** The world with 100 WIP of 180-day cover on `ip` held by its creator, bought a day ago. */
async function coveredFixture() {
  const w = await world();
  const cover = await coverOn(w.insurance, w.creator, w.ip.ipId);
  await time.increase(DAY);
  return { ...w, ...cover };
}

/** The covered world with an open dispute against `ip`, raised inside the cover period. */
async function disputedFixture() {
  const w = await coveredFixture();
  const disputeId = await raiseDispute(w.story, w.disputer, w.ip.ipId);
  const raisedAt = BigInt(await time.latest());
  return { ...w, disputeId, raisedAt };
}

/** The disputed world after the dispute was upheld (the IP is tagged). */
async function upheldFixture() {
  const w = await disputedFixture();
  await judgeDispute(w.story, w.disputeId, true);
  expect(await w.story.disputes.isIpTagged(w.ip.ipId)).to.equal(true);
  return w;
}

/** Checks that a failed call left the cover and the pool's reserves as they were. */
async function expectUnchanged(insurance: Insurance, coverId: bigint, status: bigint, reserved = 0n) {
  expect((await insurance.coverNft.coverOf(coverId)).status).to.equal(status);
  expect(await insurance.pool.reservedCapital()).to.equal(reserved);
  expect(await insurance.pool.lockedCapital()).to.equal(COVER);
}

/* ---------------------------------------------------------------- tests */

describe(`InfringementProduct (${connection.networkName})`, function () {
  describe("buying cover", function () {
    it("reverts with SubjectMismatch when the subject is not the watched IP, in quote and buyCover", async function () {
      const { story, insurance, creator, ip, otherIp } = await networkHelpers.loadFixture(world);
      const { pool, infringement } = insurance;
      const product = await infringement.getAddress();
      await expect(infringement.checkSubject(otherIp.ipId, ip.ipId))
        .to.be.revertedWithCustomError(infringement, "SubjectMismatch")
        .withArgs(otherIp.ipId, ip.ipId);
      await expect(pool.quote(product, otherIp.ipId, ip.ipId, COVER, DURATION))
        .to.be.revertedWithCustomError(infringement, "SubjectMismatch")
        .withArgs(otherIp.ipId, ip.ipId);

      const premium = premiumFor(COVER, DEFAULT_RATES.infringement, DURATION);
      await fundAndApprove(insurance, creator, await pool.getAddress(), premium);
      const request = {
        ...(await infringementRequest(insurance, ip.ipId, creator, COVER, DURATION, { maxPremium: premium })),
        subject: otherIp.ipId,
      };
      await expect(pool.connect(creator).buyCover(request))
        .to.be.revertedWithCustomError(infringement, "SubjectMismatch")
        .withArgs(otherIp.ipId, ip.ipId);
      expect(await insurance.coverNft.coverCount()).to.equal(0n);
      expect(await story.wip.balanceOf(creator)).to.equal(premium);
      expect(await pool.lockedCapital()).to.equal(0n);
    });

    it("reverts with IpNotRegistered for an address that is not a Story IP", async function () {
      const { insurance, creator } = await networkHelpers.loadFixture(world);
      const { pool, infringement } = insurance;
      const random = ethers.Wallet.createRandom().address;
      await expect(infringement.checkSubject(random, random))
        .to.be.revertedWithCustomError(infringement, "IpNotRegistered")
        .withArgs(random);
      await expect(pool.quote(await infringement.getAddress(), random, random, COVER, DURATION))
        .to.be.revertedWithCustomError(infringement, "IpNotRegistered")
        .withArgs(random);
      await expect(buyInfringementCover(insurance, creator, random, COVER, DURATION))
        .to.be.revertedWithCustomError(infringement, "IpNotRegistered")
        .withArgs(random);
      expect(await insurance.coverNft.coverCount()).to.equal(0n);
    });

    it("reverts with IpAlreadyTagged for an IP with an upheld dispute, in quote and buyCover", async function () {
      const { story, insurance, creator, disputer, ip } = await networkHelpers.loadFixture(world);
      const { pool, infringement } = insurance;
      const product = await infringement.getAddress();
      const disputeId = await raiseDispute(story, disputer, ip.ipId);
      await judgeDispute(story, disputeId, true);

      await expect(infringement.checkSubject(ip.ipId, ip.ipId))
        .to.be.revertedWithCustomError(infringement, "IpAlreadyTagged")
        .withArgs(ip.ipId);
      await expect(pool.quote(product, ip.ipId, ip.ipId, COVER, DURATION))
        .to.be.revertedWithCustomError(infringement, "IpAlreadyTagged")
        .withArgs(ip.ipId);
      const premium = premiumFor(COVER, DEFAULT_RATES.infringement, DURATION);
      await fundAndApprove(insurance, creator, await pool.getAddress(), premium);
      const request = await infringementRequest(insurance, ip.ipId, creator, COVER, DURATION, { maxPremium: premium });
      await expect(pool.connect(creator).buyCover(request))
        .to.be.revertedWithCustomError(infringement, "IpAlreadyTagged")
        .withArgs(ip.ipId);
      expect(await insurance.coverNft.coverCount()).to.equal(0n);
      expect(await story.wip.balanceOf(creator)).to.equal(premium);
      expect(await pool.unearnedPremium()).to.equal(0n);
    });

    it("sells cover on an IP with an open dispute, but that dispute never pays (raised before the start)", async function () {
      const { story, insurance, creator, disputer, ip } = await networkHelpers.loadFixture(world);
      const { infringement } = insurance;
      const disputeId = await raiseDispute(story, disputer, ip.ipId);
      const raisedAt = BigInt(await time.latest());
      expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(false);
      expect(await infringement.raisedAt(disputeId)).to.equal(raisedAt);

      const { coverId, start } = await coverOn(insurance, creator, ip.ipId);
      expect(start).to.be.gt(raisedAt);
      await expect(infringement.reportDispute(coverId, disputeId))
        .to.be.revertedWithCustomError(infringement, "DisputeOutsideCoverPeriod")
        .withArgs(disputeId, raisedAt);
      await judgeDispute(story, disputeId, true);
      await expect(infringement.claim(coverId, disputeId))
        .to.be.revertedWithCustomError(infringement, "DisputeOutsideCoverPeriod")
        .withArgs(disputeId, raisedAt);
      await expectUnchanged(insurance, coverId, STATUS.ACTIVE);
    });

    it("refuses onCoverBought from anyone but the pool with NotPool", async function () {
      const { insurance, stranger, ip } = await networkHelpers.loadFixture(world);
      const { infringement } = insurance;
      const cover = {
        product: await infringement.getAddress(),
        start: 1n,
        status: STATUS.ACTIVE,
        subject: ip.ipId,
        end: 2n,
        ipId: ip.ipId,
        claimDeadline: 3n,
        amount: COVER,
        premium: 1n,
      };
      await expect(infringement.connect(stranger).onCoverBought(1n, cover))
        .to.be.revertedWithCustomError(infringement, "NotPool")
        .withArgs(await addr(stranger));
    });
  });

  describe("claims", function () {
    it("pays the current NFT holder, whoever calls: events, balances, status and pool accounting", async function () {
      const { story, insurance, creator, holder, stranger, coverId, disputeId } =
        await networkHelpers.loadFixture(upheldFixture);
      const { pool, infringement, coverNft } = insurance;
      await (await coverNft.connect(creator).transferFrom(creator, holder, coverId)).wait();
      expect(await coverNft.ownerOf(coverId)).to.equal(await addr(holder));

      const before = await poolSnapshot(pool);
      expect(before.locked).to.equal(COVER);
      const tx = infringement.connect(stranger).claim(coverId, disputeId);
      await expect(tx)
        .to.emit(infringement, "InfringementClaimPaid")
        .withArgs(coverId, disputeId, await addr(holder), COVER);
      await expect(tx)
        .to.emit(pool, "ClaimPaid")
        .withArgs(coverId, await addr(holder), COVER);
      await expect(tx).to.emit(coverNft, "CoverStatusChanged").withArgs(coverId, STATUS.PAID);
      await expect(tx).to.changeTokenBalances(
        ethers,
        story.wip,
        [holder, creator, stranger, pool],
        [COVER, 0n, 0n, -COVER],
      );
      const at = await minedAt(tx);
      expect((await coverNft.coverOf(coverId)).status).to.equal(STATUS.PAID);
      expect(await pool.lockedCapital()).to.equal(before.locked - COVER);
      expect(await pool.capital()).to.equal(before.capital + earnedSince(before, at) - COVER);
      expect(await pool.totalAssets()).to.equal(await pool.capital());
      expect(before.reserved).to.equal(0n);
    });

    it("reverts with WrongProduct for a loan-shortfall cover and UnknownCover for an id never minted", async function () {
      const { lending, insurance, stranger, disputeId, coverId } = await networkHelpers.loadFixture(upheldFixture);
      const { infringement, coverNft } = insurance;
      const vault = await lending.vault.getAddress();
      const shortfall = await buyShortfallCover(insurance, stranger, vault, ZeroAddress, COVER, DURATION);
      await expect(infringement.claim(shortfall.coverId, disputeId))
        .to.be.revertedWithCustomError(infringement, "WrongProduct")
        .withArgs(shortfall.coverId);
      await expect(infringement.reportDispute(shortfall.coverId, disputeId))
        .to.be.revertedWithCustomError(infringement, "WrongProduct")
        .withArgs(shortfall.coverId);
      await expect(infringement.releaseReport(shortfall.coverId))
        .to.be.revertedWithCustomError(infringement, "WrongProduct")
        .withArgs(shortfall.coverId);
      await expect(infringement.claim(99n, disputeId))
        .to.be.revertedWithCustomError(coverNft, "UnknownCover")
        .withArgs(99n);
      expect((await coverNft.coverOf(shortfall.coverId)).status).to.equal(STATUS.ACTIVE);
      expect((await coverNft.coverOf(coverId)).status).to.equal(STATUS.ACTIVE);
      expect(await insurance.pool.lockedCapital()).to.equal(2n * COVER);
    });

    it("reverts with WrongSubject for a dispute against another IP and for a dispute id that does not exist", async function () {
      const { story, insurance, disputer, otherIp, coverId } = await networkHelpers.loadFixture(coveredFixture);
      const { infringement } = insurance;
      const otherDispute = await raiseDispute(story, disputer, otherIp.ipId);
      await judgeDispute(story, otherDispute, true);
      await expect(infringement.claim(coverId, otherDispute))
        .to.be.revertedWithCustomError(infringement, "WrongSubject")
        .withArgs(otherDispute, otherIp.ipId);
      const missing = (await story.disputes.disputeCounter()) + 100n;
      await expect(infringement.claim(coverId, missing))
        .to.be.revertedWithCustomError(infringement, "WrongSubject")
        .withArgs(missing, ZeroAddress);
      await expect(infringement.reportDispute(coverId, missing))
        .to.be.revertedWithCustomError(infringement, "WrongSubject")
        .withArgs(missing, ZeroAddress);
      expect(await infringement.raisedAt(missing)).to.equal(0n);
      await expectUnchanged(insurance, coverId, STATUS.ACTIVE);
    });

    it("pays a dispute raised exactly at the cover's end, not a cover that ended earlier", async function () {
      const { story, insurance, creator, disputer, ip } = await networkHelpers.loadFixture(world);
      const { infringement } = insurance;
      const atEnd = await coverOn(insurance, creator, ip.ipId, SHORT + DAY);
      const early = await coverOn(insurance, creator, ip.ipId, SHORT);
      expect(early.end).to.be.lt(atEnd.end);
      const disputeId = await raiseDisputeAt(story, disputer, ip.ipId, atEnd.end);
      expect(await infringement.raisedAt(disputeId)).to.equal(atEnd.end);
      await judgeDispute(story, disputeId, true);

      await expect(infringement.claim(early.coverId, disputeId))
        .to.be.revertedWithCustomError(infringement, "DisputeOutsideCoverPeriod")
        .withArgs(disputeId, atEnd.end);
      expect((await insurance.coverNft.coverOf(early.coverId)).status).to.equal(STATUS.ACTIVE);
      await expect(infringement.claim(atEnd.coverId, disputeId))
        .to.emit(infringement, "InfringementClaimPaid")
        .withArgs(atEnd.coverId, disputeId, await addr(creator), COVER);
    });

    it("reverts with DisputeOutsideCoverPeriod for a dispute raised after the end of a short cover", async function () {
      const { story, insurance, creator, disputer, ip } = await networkHelpers.loadFixture(world);
      const { infringement } = insurance;
      const { coverId, end, claimDeadline } = await coverOn(insurance, creator, ip.ipId, SHORT);
      const disputeId = await raiseDisputeAt(story, disputer, ip.ipId, end + 1n);
      await judgeDispute(story, disputeId, true);
      expect(BigInt(await time.latest())).to.be.lt(claimDeadline);
      await expect(infringement.claim(coverId, disputeId))
        .to.be.revertedWithCustomError(infringement, "DisputeOutsideCoverPeriod")
        .withArgs(disputeId, end + 1n);
      await expectUnchanged(insurance, coverId, STATUS.ACTIVE);
    });

    it("reverts with DisputeOutsideCoverPeriod for a dispute raised in the block that starts the cover", async function () {
      const { story, insurance, creator, disputer, ip } = await networkHelpers.loadFixture(world);
      const { pool, infringement } = insurance;
      const product = await infringement.getAddress();
      const { premium } = await pool.quote(product, ip.ipId, ip.ipId, COVER, DURATION);
      await fundAndApprove(insurance, creator, await pool.getAddress(), premium);
      const args = await disputeArgs(story, disputer, ip.ipId);
      const disputeId = (await story.disputes.disputeCounter()) + 1n;
      const request = await infringementRequest(insurance, ip.ipId, creator, COVER, DURATION, { maxPremium: premium });

      // Both in one block: the cover starts at the dispute's timestamp.
      await connection.provider.request({ method: "evm_setAutomine", params: [false] });
      try {
        await pool.connect(creator).buyCover(request, { gasLimit: 3_000_000n });
        await story.disputes.connect(disputer).raiseDispute(...args, { gasLimit: 3_000_000n });
        await networkHelpers.mine();
      } finally {
        await connection.provider.request({ method: "evm_setAutomine", params: [true] });
      }
      const coverId = await insurance.coverNft.coverCount();
      expect(coverId).to.equal(1n);
      const start = (await insurance.coverNft.coverOf(coverId)).start;
      expect((await story.disputes.disputes(disputeId)).targetIpId).to.equal(ip.ipId);
      expect(await infringement.raisedAt(disputeId)).to.equal(start);

      await judgeDispute(story, disputeId, true);
      await expect(infringement.claim(coverId, disputeId))
        .to.be.revertedWithCustomError(infringement, "DisputeOutsideCoverPeriod")
        .withArgs(disputeId, start);
      await expectUnchanged(insurance, coverId, STATUS.ACTIVE);
    });

    it("reverts with DisputeNotJudged while the dispute is open", async function () {
      const { insurance, coverId, disputeId } = await networkHelpers.loadFixture(disputedFixture);
      await expect(insurance.infringement.claim(coverId, disputeId))
        .to.be.revertedWithCustomError(insurance.infringement, "DisputeNotJudged")
        .withArgs(disputeId);
      await expectUnchanged(insurance, coverId, STATUS.ACTIVE);
    });

    it("reverts with DisputeNotUpheld for a dispute judged negatively", async function () {
      const { story, insurance, ip, coverId, disputeId } = await networkHelpers.loadFixture(disputedFixture);
      await judgeDispute(story, disputeId, false);
      expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(false);
      await expect(insurance.infringement.claim(coverId, disputeId))
        .to.be.revertedWithCustomError(insurance.infringement, "DisputeNotUpheld")
        .withArgs(disputeId);
      await expectUnchanged(insurance, coverId, STATUS.ACTIVE);
    });

    it("reverts with DisputeNotUpheld for an upheld dispute its initiator resolved (the tag is gone)", async function () {
      const { story, insurance, ip, disputer, coverId, disputeId } = await networkHelpers.loadFixture(upheldFixture);
      await expect(story.disputes.connect(disputer).resolveDispute(disputeId, "0x"))
        .to.emit(story.disputes, "DisputeResolved")
        .withArgs(disputeId, "0x");
      expect((await story.disputes.disputes(disputeId)).currentTag).to.equal(ethers.ZeroHash);
      expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(false);
      await expect(insurance.infringement.claim(coverId, disputeId))
        .to.be.revertedWithCustomError(insurance.infringement, "DisputeNotUpheld")
        .withArgs(disputeId);
      await expectUnchanged(insurance, coverId, STATUS.ACTIVE);
    });

    it("pays once: a second claim reverts with the pool's InvalidCoverStatus", async function () {
      const { story, insurance, creator, coverId, disputeId } = await networkHelpers.loadFixture(upheldFixture);
      const { pool, infringement } = insurance;
      await (await infringement.claim(coverId, disputeId)).wait();
      const balance = await story.wip.balanceOf(creator);
      const capital = await pool.capital();
      await expect(infringement.claim(coverId, disputeId))
        .to.be.revertedWithCustomError(pool, "InvalidCoverStatus")
        .withArgs(coverId);
      expect(await story.wip.balanceOf(creator)).to.equal(balance);
      expect(await pool.lockedCapital()).to.equal(0n);
      expect((await insurance.coverNft.coverOf(coverId)).status).to.equal(STATUS.PAID);
      expect(await pool.capital()).to.be.gte(capital);
    });

    it("pays a dispute judged after the cover's end inside the claim window, up to the claim deadline", async function () {
      const { story, insurance, creator, coverId, disputeId, end, claimDeadline } =
        await networkHelpers.loadFixture(disputedFixture);
      const { pool, infringement } = insurance;
      await time.increaseTo(end + 10n * DAY);
      await judgeDispute(story, disputeId, true);
      await time.setNextBlockTimestamp(claimDeadline);
      const tx = infringement.claim(coverId, disputeId);
      await expect(tx)
        .to.emit(pool, "ClaimPaid")
        .withArgs(coverId, await addr(creator), COVER);
      await expect(tx).to.changeTokenBalances(ethers, story.wip, [creator, pool], [COVER, -COVER]);
      expect(await minedAt(tx)).to.equal(claimDeadline);
      expect((await insurance.coverNft.coverOf(coverId)).status).to.equal(STATUS.PAID);
    });

    it("reverts with the pool's ClaimWindowClosed for a dispute judged after the claim deadline", async function () {
      const { story, insurance, creator, coverId, disputeId, claimDeadline } =
        await networkHelpers.loadFixture(disputedFixture);
      const { pool, infringement } = insurance;
      await time.increaseTo(claimDeadline);
      await judgeDispute(story, disputeId, true);
      const balance = await story.wip.balanceOf(creator);
      await expect(infringement.claim(coverId, disputeId))
        .to.be.revertedWithCustomError(pool, "ClaimWindowClosed")
        .withArgs(coverId, claimDeadline);
      expect(await story.wip.balanceOf(creator)).to.equal(balance);
      expect((await insurance.coverNft.coverOf(coverId)).status).to.equal(STATUS.ACTIVE);
    });
  });

  describe("inherited tags", function () {
    /**
     * A derivative of `ip` registered first, cover on the derivative bought before the parent's dispute, the parent
     * disputed, cover bought after the dispute was raised (the derivative is untagged while the parent's dispute is
     * open), then the parent's dispute upheld and the tag propagated to the derivative.
     */
    async function inheritedFixture() {
      const w = await world();
      const { story, insurance, disputer, holder, remixer, ip } = w;
      const child = await createIp(story, remixer);
      await registerDerivative(story, child, ip.ipId, ip.termsId);
      const before = await coverOn(insurance, remixer, child.ipId);
      await time.increase(DAY);
      const parentDispute = await raiseDispute(story, disputer, ip.ipId);
      const parentRaisedAt = BigInt(await time.latest());
      await time.increase(DAY);
      expect(await story.disputes.isIpTagged(child.ipId)).to.equal(false);
      const after = await coverOn(insurance, holder, child.ipId);
      expect(after.start).to.be.gt(parentRaisedAt);
      await time.increase(DAY);
      await judgeDispute(story, parentDispute, true);
      await (await story.disputes.connect(disputer).tagIfRelatedIpInfringed(child.ipId, parentDispute)).wait();
      const childDispute = await story.disputes.disputeCounter();
      const childTaggedAt = BigInt(await time.latest());
      return { ...w, child, before, after, parentDispute, parentRaisedAt, childDispute, childTaggedAt };
    }

    it("counts the parent dispute's raise time: raisedAt() follows the chain", async function () {
      const { story, insurance, child, ip, parentDispute, parentRaisedAt, childDispute, childTaggedAt } =
        await networkHelpers.loadFixture(inheritedFixture);
      const record = await story.disputes.disputes(childDispute);
      expect(record.targetIpId).to.equal(child.ipId);
      expect(record.disputeTimestamp).to.equal(childTaggedAt);
      expect(record.infringerDisputeId).to.equal(parentDispute);
      expect((await story.disputes.disputes(parentDispute)).targetIpId).to.equal(ip.ipId);
      expect(await story.disputes.isIpTagged(child.ipId)).to.equal(true);
      expect(await insurance.infringement.raisedAt(parentDispute)).to.equal(parentRaisedAt);
      expect(await insurance.infringement.raisedAt(childDispute)).to.equal(parentRaisedAt);
      expect(childTaggedAt).to.be.gt(parentRaisedAt);
    });

    it("does not pay a derivative's cover bought after the parent's dispute was raised", async function () {
      const { insurance, after, childDispute, parentRaisedAt } = await networkHelpers.loadFixture(inheritedFixture);
      const { infringement } = insurance;
      await expect(infringement.claim(after.coverId, childDispute))
        .to.be.revertedWithCustomError(infringement, "DisputeOutsideCoverPeriod")
        .withArgs(childDispute, parentRaisedAt);
      expect((await insurance.coverNft.coverOf(after.coverId)).status).to.equal(STATUS.ACTIVE);
      expect(await insurance.pool.lockedCapital()).to.equal(2n * COVER);
    });

    it("pays a derivative's cover bought before the parent's dispute, for the inherited tag only", async function () {
      const { story, insurance, remixer, ip, before, parentDispute, childDispute } =
        await networkHelpers.loadFixture(inheritedFixture);
      const { pool, infringement } = insurance;
      await expect(infringement.claim(before.coverId, parentDispute))
        .to.be.revertedWithCustomError(infringement, "WrongSubject")
        .withArgs(parentDispute, ip.ipId);
      const tx = infringement.claim(before.coverId, childDispute);
      await expect(tx)
        .to.emit(infringement, "InfringementClaimPaid")
        .withArgs(before.coverId, childDispute, await addr(remixer), COVER);
      await expect(tx).to.changeTokenBalances(ethers, story.wip, [remixer, pool], [COVER, -COVER]);
      expect((await insurance.coverNft.coverOf(before.coverId)).status).to.equal(STATUS.PAID);
      expect(await pool.lockedCapital()).to.equal(COVER);
    });
  });

  describe("reports", function () {
    it("reserves the cover amount for a reported open dispute", async function () {
      const { insurance, stranger, coverId, disputeId } = await networkHelpers.loadFixture(disputedFixture);
      const { pool, infringement, coverNft } = insurance;
      const before = await poolSnapshot(pool);
      expect(before.reserved).to.equal(0n);
      const tx = infringement.connect(stranger).reportDispute(coverId, disputeId);
      await expect(tx).to.emit(infringement, "DisputeReported").withArgs(coverId, disputeId);
      await expect(tx).to.emit(pool, "CoverReserved").withArgs(coverId, COVER);
      await expect(tx).to.emit(coverNft, "CoverStatusChanged").withArgs(coverId, STATUS.REPORTED);
      const at = await minedAt(tx);
      const earned = earnedSince(before, at);
      expect(await pool.reservedCapital()).to.equal(COVER);
      expect(await pool.totalAssets()).to.equal(before.totalAssets + earned - COVER);
      expect(await pool.capital()).to.equal(before.capital + earned);
      expect(await pool.lockedCapital()).to.equal(COVER);
      expect((await coverNft.coverOf(coverId)).status).to.equal(STATUS.REPORTED);
      expect(await infringement.reportedDispute(coverId)).to.equal(disputeId);

      // A cover is reported once.
      await expect(infringement.reportDispute(coverId, disputeId))
        .to.be.revertedWithCustomError(pool, "InvalidCoverStatus")
        .withArgs(coverId);
      expect(await pool.reservedCapital()).to.equal(COVER);
    });

    it("refuses to report a judged dispute: DisputeUpheld if upheld, DisputeNotUpheld if rejected", async function () {
      const { story, insurance, disputer, ip, coverId, disputeId } = await networkHelpers.loadFixture(disputedFixture);
      const { infringement } = insurance;
      const rejected = await raiseDispute(story, disputer, ip.ipId);
      await judgeDispute(story, rejected, false);
      await expect(infringement.reportDispute(coverId, rejected))
        .to.be.revertedWithCustomError(infringement, "DisputeNotUpheld")
        .withArgs(rejected);
      await judgeDispute(story, disputeId, true);
      await expect(infringement.reportDispute(coverId, disputeId))
        .to.be.revertedWithCustomError(infringement, "DisputeUpheld")
        .withArgs(disputeId);
      expect(await infringement.reportedDispute(coverId)).to.equal(0n);
      await expectUnchanged(insurance, coverId, STATUS.ACTIVE);
    });

    it("releases a report only once the dispute was rejected: NotReported, DisputeNotJudged, DisputeUpheld", async function () {
      const { story, insurance, ip, coverId, disputeId } = await networkHelpers.loadFixture(disputedFixture);
      const { infringement } = insurance;
      await expect(infringement.releaseReport(coverId))
        .to.be.revertedWithCustomError(infringement, "NotReported")
        .withArgs(coverId);
      await (await infringement.reportDispute(coverId, disputeId)).wait();
      await expect(infringement.releaseReport(coverId))
        .to.be.revertedWithCustomError(infringement, "DisputeNotJudged")
        .withArgs(disputeId);
      await expectUnchanged(insurance, coverId, STATUS.REPORTED, COVER);

      await judgeDispute(story, disputeId, true);
      await expect(infringement.releaseReport(coverId))
        .to.be.revertedWithCustomError(infringement, "DisputeUpheld")
        .withArgs(disputeId);
      await expectUnchanged(insurance, coverId, STATUS.REPORTED, COVER);
      expect(await infringement.reportedDispute(coverId)).to.equal(disputeId);
      expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(true);
    });

    it("releases the reserve after the reported dispute is rejected", async function () {
      const { story, insurance, stranger, coverId, disputeId } = await networkHelpers.loadFixture(disputedFixture);
      const { pool, infringement, coverNft } = insurance;
      await (await infringement.reportDispute(coverId, disputeId)).wait();
      await judgeDispute(story, disputeId, false);
      const before = await poolSnapshot(pool);
      expect(before.reserved).to.equal(COVER);
      const tx = infringement.connect(stranger).releaseReport(coverId);
      await expect(tx).to.emit(infringement, "ReportReleased").withArgs(coverId, disputeId);
      await expect(tx).to.emit(pool, "CoverReleased").withArgs(coverId, COVER);
      await expect(tx).to.emit(coverNft, "CoverStatusChanged").withArgs(coverId, STATUS.ACTIVE);
      const earned = earnedSince(before, await minedAt(tx));
      expect(await pool.reservedCapital()).to.equal(0n);
      expect(await pool.totalAssets()).to.equal(before.totalAssets + earned + COVER);
      expect(await pool.totalAssets()).to.equal(await pool.capital());
      expect(await pool.lockedCapital()).to.equal(COVER);
      expect((await coverNft.coverOf(coverId)).status).to.equal(STATUS.ACTIVE);
      expect(await infringement.reportedDispute(coverId)).to.equal(0n);
      await expect(infringement.releaseReport(coverId))
        .to.be.revertedWithCustomError(infringement, "NotReported")
        .withArgs(coverId);
    });

    it("pays a reported cover once its dispute is upheld and clears the reserve", async function () {
      const { story, insurance, creator, coverId, disputeId } = await networkHelpers.loadFixture(disputedFixture);
      const { pool, infringement, coverNft } = insurance;
      await (await infringement.reportDispute(coverId, disputeId)).wait();
      await judgeDispute(story, disputeId, true);
      const before = await poolSnapshot(pool);
      expect(before.reserved).to.equal(COVER);
      const tx = infringement.claim(coverId, disputeId);
      await expect(tx)
        .to.emit(pool, "ClaimPaid")
        .withArgs(coverId, await addr(creator), COVER);
      await expect(tx).to.changeTokenBalances(ethers, story.wip, [creator, pool], [COVER, -COVER]);
      const earned = earnedSince(before, await minedAt(tx));
      expect(await pool.reservedCapital()).to.equal(0n);
      expect(await pool.lockedCapital()).to.equal(0n);
      expect(await pool.capital()).to.equal(before.capital + earned - COVER);
      // The reserve already took the amount out of the share price: the payout does not move it again.
      expect(await pool.totalAssets()).to.equal(before.totalAssets + earned);
      expect((await coverNft.coverOf(coverId)).status).to.equal(STATUS.PAID);
    });
  });
});
