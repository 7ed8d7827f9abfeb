import { network } from "hardhat";
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { createIp } from "../../fixtures/story.ts";
import {
  PERCENT,
  USD,
  commercialTerms,
  createIpWithTerms,
  linkDerivative,
  loadDevnet,
  mintOne,
  payUsd,
  registerTerms,
  vaultOf,
} from "./helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

describe("devnet RoyaltyPolicyLAP", function () {
  /** parent (10% LAP terms) ← child ← grandchild, all under the parent's reciprocal terms. */
  async function graphFixture() {
    const d = await loadDevnet(connection);
    const [, creator, remixer, reremixer, payer, stranger] = await ethers.getSigners();
    const termsId = await registerTerms(d, commercialTerms(d, { revShare: 10n * PERCENT }));
    const parent = await createIpWithTerms(d, creator, termsId);
    await mintOne(d, parent, termsId);
    const child = await createIp(d.story, remixer);
    await linkDerivative(d, child, [parent.ipId], [termsId]);
    const grandchild = await createIp(d.story, reremixer);
    await linkDerivative(d, grandchild, [child.ipId], [termsId]);
    const vaults = {
      parent: await vaultOf(d, parent.ipId),
      child: await vaultOf(d, child.ipId),
      grandchild: await vaultOf(d, grandchild.ipId),
    };
    return { d, payer, stranger, termsId, parent, child, grandchild, vaults };
  }

  it("records each derivative's LAP royalty stack from the IP graph", async function () {
    const { d, parent, child, grandchild } = await networkHelpers.loadFixture(graphFixture);
    expect(await d.lap.getPolicyRoyaltyStack(parent.ipId)).to.equal(0n);
    expect(await d.lap.getPolicyRoyaltyStack(child.ipId)).to.equal(10n * PERCENT);
    // LAP percentages are absolute: the grandchild owes 10% to the child and 10% to the parent.
    expect(await d.lap.getPolicyRoyaltyStack(grandchild.ipId)).to.equal(20n * PERCENT);
    expect(await d.royaltyModule.globalRoyaltyStack(grandchild.ipId)).to.equal(20n * PERCENT);
    expect(await d.lap.getPolicyRoyalty.staticCall(grandchild.ipId, parent.ipId)).to.equal(10n * PERCENT);
    expect(await d.lap.getPolicyRoyalty.staticCall(grandchild.ipId, child.ipId)).to.equal(10n * PERCENT);
    expect(await d.royaltyModule.accumulatedRoyaltyPolicies(grandchild.ipId)).to.deep.equal([await d.lap.getAddress()]);
    expect(await d.lap.getPolicyRtsRequiredToLink(parent.ipId, 10n * PERCENT)).to.equal(0n);
  });

  it("sends a child's revenue share to the policy, then to the parent's vault on transferToVault", async function () {
    const { d, payer, stranger, parent, child, vaults } = await networkHelpers.loadFixture(graphFixture);
    const lap = await d.lap.getAddress();
    await payUsd(d, payer, child.ipId, 100n * USD);
    expect(await d.usd.balanceOf(lap)).to.equal(10n * USD);
    expect(await vaults.child.claimableRevenue(child.ipId, d.usd)).to.equal(90n * USD);
    expect(await d.royaltyModule.totalRevenueTokensAccounted(child.ipId, d.usd, lap)).to.equal(100n * USD);

    const usd = await d.usd.getAddress();
    expect(await d.lap.connect(stranger).transferToVault.staticCall(child.ipId, parent.ipId, d.usd)).to.equal(
      10n * USD,
    );
    const tx = d.lap.connect(stranger).transferToVault(child.ipId, parent.ipId, d.usd);
    await expect(tx)
      .to.emit(d.lap, "RevenueTransferredToVault")
      .withArgs(child.ipId, parent.ipId, usd, 10n * USD)
      .and.to.emit(vaults.parent, "RevenueTokenAddedToVault")
      .withArgs(usd, 10n * USD);
    await expect(tx).to.changeTokenBalances(
      ethers,
      d.usd,
      [lap, await vaults.parent.getAddress()],
      [-10n * USD, 10n * USD],
    );
    expect(await vaults.parent.claimableRevenue(parent.ipId, d.usd)).to.equal(10n * USD);
    expect(await d.lap.getTransferredTokens(child.ipId, parent.ipId, d.usd)).to.equal(10n * USD);

    // Nothing left: the vault refuses a zero credit.
    await expect(d.lap.transferToVault(child.ipId, parent.ipId, d.usd)).to.be.revertedWithCustomError(
      vaults.parent,
      "IpRoyaltyVault__ZeroAmount",
    );
    // Later revenue is owed on top of what was moved.
    await payUsd(d, payer, child.ipId, 50n * USD);
    await expect(d.lap.transferToVault(child.ipId, parent.ipId, d.usd))
      .to.emit(d.lap, "RevenueTransferredToVault")
      .withArgs(child.ipId, parent.ipId, usd, 5n * USD);
    expect(await d.lap.getTransferredTokens(child.ipId, parent.ipId, d.usd)).to.equal(15n * USD);
  });

  it("pays each ancestor of a two-level graph its absolute share", async function () {
    const { d, payer, parent, child, grandchild, vaults } = await networkHelpers.loadFixture(graphFixture);
    await payUsd(d, payer, grandchild.ipId, 200n * USD);
    expect(await d.usd.balanceOf(d.lap)).to.equal(40n * USD);
    expect(await vaults.grandchild.claimableRevenue(grandchild.ipId, d.usd)).to.equal(160n * USD);

    await (await d.lap.transferToVault(grandchild.ipId, child.ipId, d.usd)).wait();
    await (await d.lap.transferToVault(grandchild.ipId, parent.ipId, d.usd)).wait();
    expect(await vaults.child.claimableRevenue(child.ipId, d.usd)).to.equal(20n * USD);
    expect(await vaults.parent.claimableRevenue(parent.ipId, d.usd)).to.equal(20n * USD);
    expect(await d.usd.balanceOf(d.lap)).to.equal(0n);
  });

  it("takes nothing for a removed policy or a 0% license: the whole payment reaches the child's vault", async function () {
    const { d, payer, child, vaults } = await networkHelpers.loadFixture(graphFixture);
    const [, creator, , , , , zeroRemixer] = await ethers.getSigners();
    const free = await registerTerms(d, commercialTerms(d, { revShare: 0n }));
    const parent = await createIpWithTerms(d, creator, free);
    const freeChild = await createIp(d.story, zeroRemixer);
    await linkDerivative(d, freeChild, [parent.ipId], [free]);
    expect(await d.lap.getPolicyRoyaltyStack(freeChild.ipId)).to.equal(0n);
    await payUsd(d, payer, freeChild.ipId, 10n * USD);
    expect(await (await vaultOf(d, freeChild.ipId)).claimableRevenue(freeChild.ipId, d.usd)).to.equal(10n * USD);

    await (await d.royaltyModule.whitelistRoyaltyPolicy(d.lap, false)).wait();
    await payUsd(d, payer, child.ipId, 10n * USD);
    expect(await vaults.child.claimableRevenue(child.ipId, d.usd)).to.equal(10n * USD);
    expect(await d.usd.balanceOf(d.lap)).to.equal(0n);
    expect(await d.royaltyModule.totalRevenueTokensAccounted(child.ipId, d.usd, d.lap)).to.equal(0n);
  });

  it("refuses transfers to self and to IPs owed nothing", async function () {
    const { d, payer, parent, child } = await networkHelpers.loadFixture(graphFixture);
    await payUsd(d, payer, child.ipId, 10n * USD);
    await expect(d.lap.transferToVault(child.ipId, child.ipId, d.usd)).to.be.revertedWithCustomError(
      d.lap,
      "RoyaltyPolicyLAP__SameIpTransfer",
    );
    // The parent owes its child nothing.
    await expect(d.lap.transferToVault(parent.ipId, child.ipId, d.usd)).to.be.revertedWithCustomError(
      d.lap,
      "RoyaltyPolicyLAP__ZeroClaimableRoyalty",
    );
    expect(await d.usd.balanceOf(d.lap)).to.equal(USD);
  });

  it("keeps its hooks for the royalty module", async function () {
    const { d, stranger, child, parent } = await networkHelpers.loadFixture(graphFixture);
    const lap = d.lap.connect(stranger);
    await expect(lap.onLicenseMinting(child.ipId, PERCENT, "0x")).to.be.revertedWithCustomError(
      lap,
      "RoyaltyPolicyLAP__NotRoyaltyModule",
    );
    await expect(
      lap.onLinkToParents(child.ipId, [parent.ipId], [await lap.getAddress()], [PERCENT], "0x"),
    ).to.be.revertedWithCustomError(lap, "RoyaltyPolicyLAP__NotRoyaltyModule");
    const factory = await ethers.getContractFactory("RoyaltyPolicyLAP");
    await expect(factory.deploy(ZeroAddress)).to.be.revertedWithCustomError(
      factory,
      "RoyaltyPolicyLAP__ZeroRoyaltyModule",
    );
  });

  it("refuses a license whose share would push the licensor's stack above 100%", async function () {
    const { d } = await networkHelpers.loadFixture(graphFixture);
    const [, creator, remixer] = await ethers.getSigners();
    const heavy = await registerTerms(d, commercialTerms(d, { revShare: 60n * PERCENT }));
    const parent = await createIpWithTerms(d, creator, heavy);
    const child = await createIp(d.story, remixer);
    await linkDerivative(d, child, [parent.ipId], [heavy]);
    expect(await d.royaltyModule.globalRoyaltyStack(child.ipId)).to.equal(60n * PERCENT);
    // The child holds the 60% terms; licensing them again would owe 120%.
    const template = await d.template.getAddress();
    await expect(
      d.licensing.connect(remixer).mintLicenseTokens(child.ipId, template, heavy, 1n, remixer.address, "0x", 0n, 0),
    ).to.be.revertedWithCustomError(d.lap, "RoyaltyPolicyLAP__AboveMaxPercent");
  });
});
