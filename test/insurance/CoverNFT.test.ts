/**
 * CoverNFT: covers as ERC-721 tokens written only by pools holding the COVER_POOL role, each cover's status moved
 * only by the pool that wrote it, unknown ids, events, and ordinary ERC-721 transfers of covers.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { ZeroAddress, type Signer } from "ethers";
import { createIp, judgeDispute, loadStory, raiseDispute } from "../fixtures/story.ts";
import { DAY, INSURANCE_ROLES, WAD, deployInsurance } from "../fixtures/insurance.ts";
import { fundAndApprove, infringementRequest } from "./UnderwritingPool.helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const COVER = 100n * WAD;
const DURATION = 60n * DAY;
const STATUS = { None: 0n, Active: 1n, Reported: 2n, Paid: 3n } as const;

/** Alice has deposited 1000 WIP and the creator holds cover 1 on their IP. */
async function deployNft() {
  const story = await loadStory(connection);
  const insurance = await deployInsurance(story);
  const [, creator, alice, bob, disputer, stranger, writer] = await ethers.getSigners();
  const { pool, coverNft } = insurance;
  const poolAddress = await pool.getAddress();
  await fundAndApprove(insurance, alice, poolAddress, 1_000n * WAD);
  await (await pool.connect(alice).deposit(1_000n * WAD, alice)).wait();
  const ip = await createIp(story, creator);
  await fundAndApprove(insurance, creator, poolAddress, 10n * WAD);
  await (
    await pool.connect(creator).buyCover(await infringementRequest(insurance, ip.ipId, creator, COVER, DURATION))
  ).wait();
  // An account granted the pools' role, to write and move covers directly.
  await (await insurance.manager.connect(insurance.admin).grantRole(INSURANCE_ROLES.COVER_POOL, writer, 0)).wait();
  return { story, insurance, pool, poolAddress, coverNft, ip, creator, alice, bob, disputer, stranger, writer };
}

const who = (s: Signer) => s.getAddress();

/** Some cover terms for direct mints. */
async function someTerms(f: Awaited<ReturnType<typeof deployNft>>) {
  const now = BigInt(await networkHelpers.time.latest());
  return {
    product: await f.insurance.infringement.getAddress(),
    start: now,
    status: STATUS.Active as bigint,
    subject: f.ip.ipId,
    end: now + DURATION,
    ipId: f.ip.ipId,
    claimDeadline: now + DURATION + 10n * DAY,
    amount: 5n * WAD,
    premium: WAD / 100n,
  };
}
const tuple = (c: Awaited<ReturnType<typeof someTerms>>) => [
  c.product,
  c.start,
  c.status,
  c.subject,
  c.end,
  c.ipId,
  c.claimDeadline,
  c.amount,
  c.premium,
];

describe(`CoverNFT (${connection.networkName})`, function () {
  it("is the ERC-721 'Quintessence Cover' (QCOVER) and records the pool of each cover", async function () {
    const { coverNft, creator, poolAddress } = await networkHelpers.loadFixture(deployNft);
    expect(await coverNft.name()).to.equal("Quintessence Cover");
    expect(await coverNft.symbol()).to.equal("QCOVER");
    expect(await coverNft.supportsInterface("0x80ac58cd")).to.equal(true); // IERC721
    expect(await coverNft.coverCount()).to.equal(1n);
    expect(await coverNft.ownerOf(1n)).to.equal(await who(creator));
    expect(await coverNft.balanceOf(creator)).to.equal(1n);
    expect(await coverNft.poolOf(1n)).to.equal(poolAddress);
  });

  it("mint and setStatus are restricted to the COVER_POOL role (AccessManagedUnauthorized)", async function () {
    const f = await networkHelpers.loadFixture(deployNft);
    const { coverNft, insurance, stranger, creator } = f;
    const terms = await someTerms(f);
    for (const caller of [stranger, creator, insurance.admin, insurance.riskManager, insurance.guardian]) {
      await expect(coverNft.connect(caller).mint(caller, terms))
        .to.be.revertedWithCustomError(coverNft, "AccessManagedUnauthorized")
        .withArgs(await who(caller));
      await expect(coverNft.connect(caller).setStatus(1n, STATUS.Paid))
        .to.be.revertedWithCustomError(coverNft, "AccessManagedUnauthorized")
        .withArgs(await who(caller));
    }
    expect(await coverNft.coverCount()).to.equal(1n);
    expect((await coverNft.coverOf(1n)).status).to.equal(STATUS.Active);
  });

  it("a pool-role holder mints with CoverMinted and Transfer events, ids counting up, and moves its own covers", async function () {
    const f = await networkHelpers.loadFixture(deployNft);
    const { coverNft, writer, bob } = f;
    const terms = await someTerms(f);
    const tx = coverNft.connect(writer).mint(bob, terms);
    await expect(tx)
      .to.emit(coverNft, "CoverMinted")
      .withArgs(2n, await who(writer), tuple(terms));
    await expect(tx)
      .to.emit(coverNft, "Transfer")
      .withArgs(ZeroAddress, await who(bob), 2n);
    expect(await coverNft.coverCount()).to.equal(2n);
    expect([...(await coverNft.coverOf(2n))]).to.deep.equal(tuple(terms));
    expect(await coverNft.poolOf(2n)).to.equal(await who(writer));
    expect(await coverNft.ownerOf(2n)).to.equal(await who(bob));

    await expect(coverNft.connect(writer).setStatus(2n, STATUS.Reported))
      .to.emit(coverNft, "CoverStatusChanged")
      .withArgs(2n, STATUS.Reported);
    expect((await coverNft.coverOf(2n)).status).to.equal(STATUS.Reported);
    // Only the status changes.
    expect([...(await coverNft.coverOf(2n))]).to.deep.equal(tuple({ ...terms, status: STATUS.Reported }));
  });

  it("NotCoverPool when an authorized writer moves a cover another pool wrote", async function () {
    const f = await networkHelpers.loadFixture(deployNft);
    const { coverNft, writer, poolAddress, bob } = f;
    await expect(coverNft.connect(writer).setStatus(1n, STATUS.Paid))
      .to.be.revertedWithCustomError(coverNft, "NotCoverPool")
      .withArgs(1n, await who(writer));
    expect((await coverNft.coverOf(1n)).status).to.equal(STATUS.Active);
    expect(await coverNft.poolOf(1n)).to.equal(poolAddress);

    // The other way round, the fixture's pool refuses to pay a cover it did not write, even for its own product.
    await (await coverNft.connect(writer).mint(bob, await someTerms(f))).wait();
    await networkHelpers.time.increase(DAY);
    const disputeId = await raiseDispute(f.story, f.disputer, f.ip.ipId);
    await judgeDispute(f.story, disputeId, true);
    const product = await f.insurance.infringement.getAddress();
    await expect(f.insurance.infringement.claim(2n, disputeId))
      .to.be.revertedWithCustomError(f.pool, "NotCoverProduct")
      .withArgs(2n, product);
    expect((await coverNft.coverOf(2n)).status).to.equal(STATUS.Active);
    expect(await f.pool.lockedCapital()).to.equal(COVER);
  });

  it("UnknownCover for ids never minted (coverOf, poolOf)", async function () {
    const { coverNft } = await networkHelpers.loadFixture(deployNft);
    for (const id of [0n, 2n, 2n ** 64n]) {
      await expect(coverNft.coverOf(id)).to.be.revertedWithCustomError(coverNft, "UnknownCover").withArgs(id);
      await expect(coverNft.poolOf(id)).to.be.revertedWithCustomError(coverNft, "UnknownCover").withArgs(id);
    }
    await expect(coverNft.ownerOf(2n)).to.be.revertedWithCustomError(coverNft, "ERC721NonexistentToken").withArgs(2n);
  });

  it("setStatus on an id never minted reverts UnknownCover, as ICoverNFT documents", async function () {
    // ICoverNFT.UnknownCover: "Fires from `coverOf`, `poolOf` and `setStatus` for an id never minted."
    const { coverNft, writer } = await networkHelpers.loadFixture(deployNft);
    await expect(coverNft.connect(writer).setStatus(7n, STATUS.Paid))
      .to.be.revertedWithCustomError(coverNft, "UnknownCover")
      .withArgs(7n);
    await expect(coverNft.coverOf(7n)).to.be.revertedWithCustomError(coverNft, "UnknownCover");
  });

  it("pool status changes emit CoverStatusChanged: reported, released, paid", async function () {
    const f = await networkHelpers.loadFixture(deployNft);
    const { story, coverNft, insurance, ip, disputer } = f;
    await networkHelpers.time.increase(DAY);
    const rejected = await raiseDispute(story, disputer, ip.ipId);
    await expect(insurance.infringement.reportDispute(1n, rejected))
      .to.emit(coverNft, "CoverStatusChanged")
      .withArgs(1n, STATUS.Reported);
    await judgeDispute(story, rejected, false);
    await expect(insurance.infringement.releaseReport(1n))
      .to.emit(coverNft, "CoverStatusChanged")
      .withArgs(1n, STATUS.Active);
    const upheld = await raiseDispute(story, disputer, ip.ipId);
    await judgeDispute(story, upheld, true);
    await expect(insurance.infringement.claim(1n, upheld))
      .to.emit(coverNft, "CoverStatusChanged")
      .withArgs(1n, STATUS.Paid);
    expect((await coverNft.coverOf(1n)).status).to.equal(STATUS.Paid);
  });

  it("covers transfer as ERC-721 tokens (owner, approved, operator) with their terms unchanged", async function () {
    const f = await networkHelpers.loadFixture(deployNft);
    const { coverNft, creator, alice, bob, stranger } = f;
    const terms = [...(await coverNft.coverOf(1n))];
    await expect(coverNft.connect(stranger).transferFrom(creator, stranger, 1n))
      .to.be.revertedWithCustomError(coverNft, "ERC721InsufficientApproval")
      .withArgs(await who(stranger), 1n);

    await expect(coverNft.connect(creator).transferFrom(creator, alice, 1n))
      .to.emit(coverNft, "Transfer")
      .withArgs(await who(creator), await who(alice), 1n);
    expect(await coverNft.ownerOf(1n)).to.equal(await who(alice));
    expect([await coverNft.balanceOf(creator), await coverNft.balanceOf(alice)]).to.deep.equal([0n, 1n]);

    await (await coverNft.connect(alice).approve(bob, 1n)).wait();
    await (await coverNft.connect(bob)["safeTransferFrom(address,address,uint256)"](alice, bob, 1n)).wait();
    expect(await coverNft.ownerOf(1n)).to.equal(await who(bob));
    expect(await coverNft.getApproved(1n)).to.equal(ZeroAddress);

    await (await coverNft.connect(bob).setApprovalForAll(stranger, true)).wait();
    await (await coverNft.connect(stranger).transferFrom(bob, creator, 1n)).wait();
    expect(await coverNft.ownerOf(1n)).to.equal(await who(creator));
    expect([...(await coverNft.coverOf(1n))]).to.deep.equal(terms);
    expect(await coverNft.poolOf(1n)).to.equal(f.poolAddress);
  });

  it("refuses to mint to a contract that cannot receive ERC-721 tokens (the whole purchase reverts)", async function () {
    const f = await networkHelpers.loadFixture(deployNft);
    const { coverNft, insurance, pool, ip, creator } = f;
    const receiver = await insurance.oracle.getAddress();
    const request = await infringementRequest(insurance, ip.ipId, receiver, COVER, DURATION);
    const locked = await pool.lockedCapital();
    await expect(pool.connect(creator).buyCover(request))
      .to.be.revertedWithCustomError(coverNft, "ERC721InvalidReceiver")
      .withArgs(receiver);
    expect(await coverNft.coverCount()).to.equal(1n);
    expect(await pool.lockedCapital()).to.equal(locked);
  });
});
