/**
 * InfringementProduct's defensive checks that Story's Dispute Module never lets happen: a dispute tag on an IP that
 * `isIpTagged` does not report, and a chain of inherited tags longer than the product follows. A records mock takes
 * the Dispute Module's place for a second infringement product sold by the same pool (devnet only).
 */
import { expect } from "chai";
import { network } from "hardhat";
import { encodeBytes32String } from "ethers";
import { createIpWithVault, loadStory } from "../../fixtures/story.ts";
import { DAY, INFRINGEMENT_TERMS, WAD, buyCover, deployInsurance, depositToPool } from "../../fixtures/insurance.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const COVER = 100n * WAD;
const DURATION = 90n * DAY;
const TAG = encodeBytes32String("IMPROPER_USAGE");

async function world() {
  const story = await loadStory(connection);
  const insurance = await deployInsurance(story);
  const [, owner, underwriter, claimant] = await ethers.getSigners();
  await depositToPool(insurance, underwriter, 1_000n * WAD);
  const records = await ethers.deployContract("MockDisputeRecords");
  const product = await ethers.deployContract("InfringementProduct", [
    await insurance.pool.getAddress(),
    await records.getAddress(),
    story.addresses.IPAssetRegistry,
  ]);
  const productAddress = await product.getAddress();
  await (await insurance.pool.connect(insurance.riskManager).setProduct(productAddress, INFRINGEMENT_TERMS)).wait();
  await (await insurance.oracle.connect(insurance.riskManager).setDefaultRate(productAddress, WAD / 50n)).wait();
  const ip = await createIpWithVault(story, owner);
  const { coverId } = await buyCover(insurance, owner, productAddress, ip.ipId, ip.ipId, COVER, DURATION);
  const cover = await insurance.coverNft.coverOf(coverId);
  return { story, insurance, records, product, ip, owner, claimant, coverId, cover };
}

describe(`InfringementProduct — defensive checks (${connection.networkName})`, function () {
  it("refuses a claim with IpNotTagged when the dispute carries a tag but the IP is not reported tagged", async function () {
    const { insurance, records, product, ip, owner, claimant, coverId, cover } =
      await networkHelpers.loadFixture(world);
    await (
      await records.setRecord(1n, {
        targetIpId: ip.ipId,
        raisedAt: cover.start + DAY,
        currentTag: TAG,
        infringerDisputeId: 0n,
      })
    ).wait();
    await expect(product.connect(claimant).claim(coverId, 1n))
      .to.be.revertedWithCustomError(product, "IpNotTagged")
      .withArgs(ip.ipId);
    expect((await insurance.coverNft.coverOf(coverId)).status).to.equal(1n);
    expect(await insurance.pool.lockedCapital()).to.equal(COVER);

    // The same record with the IP tagged pays: the only missing fact was `isIpTagged`.
    await (await records.setTagged(ip.ipId, true)).wait();
    await expect(product.connect(claimant).claim(coverId, 1n)).to.changeTokenBalances(
      ethers,
      insurance.story.wip,
      [owner, insurance.pool],
      [COVER, -COVER],
    );
  });

  it("follows inherited tags to the original dispute, and stops with TagChainTooDeep past 16 parents", async function () {
    const { insurance, records, product, ip, claimant, coverId, cover } = await networkHelpers.loadFixture(world);
    const depth = Number(await product.MAX_TAG_DEPTH());
    expect(depth).to.equal(16);
    // Dispute 1 is the original (raised inside the cover); 2..18 each inherit from the one before.
    await (
      await records.setRecord(1n, {
        targetIpId: ip.ipId,
        raisedAt: cover.start + DAY,
        currentTag: TAG,
        infringerDisputeId: 0n,
      })
    ).wait();
    for (let id = 2n; id <= BigInt(depth) + 2n; id++) {
      await (
        await records.setRecord(id, {
          targetIpId: ip.ipId,
          raisedAt: cover.end + 1n,
          currentTag: TAG,
          infringerDisputeId: id - 1n,
        })
      ).wait();
    }
    await (await records.setTagged(ip.ipId, true)).wait();
    // 17 inherits through 16 parents: followed, and the original's time counts.
    expect(await product.raisedAt(BigInt(depth) + 1n)).to.equal(cover.start + DAY);
    // 18 would need a 17th parent.
    await expect(product.raisedAt(BigInt(depth) + 2n))
      .to.be.revertedWithCustomError(product, "TagChainTooDeep")
      .withArgs(BigInt(depth) + 2n);
    await expect(product.connect(claimant).claim(coverId, BigInt(depth) + 2n))
      .to.be.revertedWithCustomError(product, "TagChainTooDeep")
      .withArgs(BigInt(depth) + 2n);
    expect((await insurance.coverNft.coverOf(coverId)).status).to.equal(1n);

    const holder = await insurance.coverNft.ownerOf(coverId);
    await expect(product.connect(claimant).claim(coverId, BigInt(depth) + 1n))
      .to.emit(product, "InfringementClaimPaid")
      .withArgs(coverId, BigInt(depth) + 1n, holder, COVER);
  });
});
