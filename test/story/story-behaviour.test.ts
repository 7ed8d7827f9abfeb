/**
 * Story behaviour that every Quintessence primitive relies on, exercised through the official interfaces only.
 * Runs on the local devnet by default and, unchanged, on a fork of a Story chain (`npm run test:fork`), so the
 * devnet is held to what Story really does.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { ZeroAddress, ZeroHash } from "ethers";
import {
  DISPUTE_TAGS,
  RT_SUPPLY,
  STORY_PERCENT,
  createIp,
  createIpWithVault,
  judgeDispute,
  loadStory,
  payRoyaltyInWip,
  raiseDispute,
  registerCommercialTerms,
  registerDerivative,
  transferRoyaltyTokensFromIp,
  type Story,
} from "../fixtures/story.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const WIP = 10n ** 18n;

describe(`Story behaviour (${connection.networkName})`, function () {
  async function storyFixture(): Promise<Story> {
    return loadStory(connection);
  }

  async function ipWithVaultFixture() {
    const story = await storyFixture();
    const [, creator, payer, investor, stranger] = await ethers.getSigners();
    const ip = await createIpWithVault(story, creator);
    return { story, creator, payer, investor, stranger, ip };
  }

  /** Funds `payer` with WIP and approves the Royalty Module, so that a failing payment fails only on its own check. */
  async function approvePayment(story: Story, payer: { address: string }, amount: bigint) {
    const signer = await ethers.getSigner(payer.address);
    await story.wip.connect(signer).deposit({ value: amount });
    await story.wip.connect(signer).approve(story.addresses.RoyaltyModule, amount);
  }

  describe("IP registration", function () {
    it("registers an NFT as an IP whose account is owned by the NFT holder", async function () {
      const story = await networkHelpers.loadFixture(storyFixture);
      const [, creator, buyer] = await ethers.getSigners();
      const ip = await createIp(story, creator);

      expect(await story.registry.isRegistered(ip.ipId)).to.equal(true);
      const nft = await story.nft.getAddress();
      expect(await story.registry.ipId(story.chainId, nft, ip.tokenId)).to.equal(ip.ipId);
      expect(await ip.account.owner()).to.equal(creator.address);
      const [chainId, tokenContract, tokenId] = await ip.account.token();
      expect([chainId, tokenContract, tokenId]).to.deep.equal([story.chainId, nft, ip.tokenId]);

      await story.nft.connect(creator).transferFrom(creator.address, buyer.address, ip.tokenId);
      expect(await ip.account.owner()).to.equal(buyer.address);
    });

    it("emits IPRegistered for the id it predicted before registration", async function () {
      const story = await networkHelpers.loadFixture(storyFixture);
      const [, creator] = await ethers.getSigners();
      const nft = await story.nft.getAddress();
      const tokenId = await story.nft.mint.staticCall(creator.address);
      await story.nft.mint(creator.address);
      const predicted = await story.registry.ipId(story.chainId, nft, tokenId);
      expect(await story.registry.isRegistered(predicted)).to.equal(false);

      await expect(story.registry.register(story.chainId, nft, tokenId))
        .to.emit(story.registry, "IPRegistered")
        .withArgs(
          predicted,
          story.chainId,
          nft,
          tokenId,
          (name: string) => name.length > 0,
          (uri: string) => uri.length > 0,
          (date: bigint) => date > 0n,
        );
      expect(await story.registry.isRegistered(predicted)).to.equal(true);
    });
  });

  describe("royalty vault", function () {
    it("is deployed by the first commercial license mint, 100,000,000 RT (6 decimals) in the IP account", async function () {
      const { story, ip } = await networkHelpers.loadFixture(ipWithVaultFixture);

      expect(await story.royalty.ipRoyaltyVaults(ip.ipId)).to.equal(await ip.vault.getAddress());
      expect(await ip.vault.decimals()).to.equal(6n);
      expect(await ip.vault.totalSupply()).to.equal(RT_SUPPLY);
      expect(await ip.vault.balanceOf(ip.ipId)).to.equal(RT_SUPPLY);
      expect(await ip.vault.ipId()).to.equal(ip.ipId);
    });

    it("does not exist before a commercial license is minted, and payments to such an IP revert", async function () {
      const story = await networkHelpers.loadFixture(storyFixture);
      const [, creator, payer] = await ethers.getSigners();
      const ip = await createIp(story, creator);
      expect(await story.royalty.ipRoyaltyVaults(ip.ipId)).to.equal(ZeroAddress);

      await approvePayment(story, payer, WIP);
      await expect(
        story.royalty.connect(payer).payRoyaltyOnBehalf(ip.ipId, ZeroAddress, story.addresses.WIP, WIP),
      ).to.be.revertedWithCustomError(story.royalty, "RoyaltyModule__ZeroReceiverVault");
      expect(await story.wip.balanceOf(payer.address)).to.equal(WIP);
    });

    it("credits a royalty payment to the vault and lets anyone claim it for the holder", async function () {
      const { story, payer, stranger, ip } = await networkHelpers.loadFixture(ipWithVaultFixture);
      const vault = await ip.vault.getAddress();
      const amount = 5n * WIP;

      await payRoyaltyInWip(story, payer, ip.ipId, amount);
      expect(await story.wip.balanceOf(vault)).to.equal(amount);
      expect(await ip.vault.claimableRevenue(ip.ipId, story.addresses.WIP)).to.equal(amount);

      await expect(ip.vault.connect(stranger).claimRevenueOnBehalf(ip.ipId, story.addresses.WIP))
        .to.emit(ip.vault, "RevenueTokenClaimed")
        .withArgs(ip.ipId, story.addresses.WIP, amount);
      expect(await story.wip.balanceOf(ip.ipId)).to.equal(amount);
      expect(await story.wip.balanceOf(vault)).to.equal(0n);
      expect(await ip.vault.claimableRevenue(ip.ipId, story.addresses.WIP)).to.equal(0n);
    });

    it("keeps revenue accrued before an RT transfer with the sender", async function () {
      const { story, payer, investor, ip } = await networkHelpers.loadFixture(ipWithVaultFixture);
      await payRoyaltyInWip(story, payer, ip.ipId, 10n * WIP);

      await transferRoyaltyTokensFromIp(ip, investor.address, RT_SUPPLY / 4n);
      expect(await ip.vault.balanceOf(investor.address)).to.equal(RT_SUPPLY / 4n);
      expect(await ip.vault.claimableRevenue(investor.address, story.addresses.WIP)).to.equal(0n);
      expect(await ip.vault.claimableRevenue(ip.ipId, story.addresses.WIP)).to.equal(10n * WIP);

      await payRoyaltyInWip(story, payer, ip.ipId, 4n * WIP);
      expect(await ip.vault.claimableRevenue(investor.address, story.addresses.WIP)).to.equal(1n * WIP);
      expect(await ip.vault.claimableRevenue(ip.ipId, story.addresses.WIP)).to.equal(13n * WIP);

      await expect(ip.vault.claimRevenueOnBehalf(investor.address, story.addresses.WIP)).to.changeTokenBalances(
        ethers,
        story.wip,
        [investor.address, await ip.vault.getAddress()],
        [1n * WIP, -1n * WIP],
      );
    });

    it("reverts a claim when nothing is claimable", async function () {
      const { story, investor, ip } = await networkHelpers.loadFixture(ipWithVaultFixture);
      await expect(ip.vault.claimRevenueOnBehalf(investor.address, story.addresses.WIP)).to.be.revertedWithCustomError(
        ip.vault,
        "IpRoyaltyVault__NoClaimableTokens",
      );
    });
  });

  describe("royalty payment checks", function () {
    it("rejects a zero amount and a token that is not whitelisted, moving nothing", async function () {
      const { story, payer, ip } = await networkHelpers.loadFixture(ipWithVaultFixture);
      // Relative: a fixture's first run builds on whatever state earlier tests left (Hardhat's loadFixture).
      const before = await story.wip.balanceOf(payer.address);
      await approvePayment(story, payer, WIP);
      await expect(
        story.royalty.connect(payer).payRoyaltyOnBehalf(ip.ipId, ZeroAddress, story.addresses.WIP, 0n),
      ).to.be.revertedWithCustomError(story.royalty, "RoyaltyModule__ZeroAmount");

      const notWhitelisted = await story.nft.getAddress();
      expect(await story.royalty.isWhitelistedRoyaltyToken(notWhitelisted)).to.equal(false);
      expect(await story.royalty.isWhitelistedRoyaltyToken(story.addresses.WIP)).to.equal(true);
      await expect(
        story.royalty.connect(payer).payRoyaltyOnBehalf(ip.ipId, ZeroAddress, notWhitelisted, WIP),
      ).to.be.revertedWithCustomError(story.royalty, "RoyaltyModule__NotWhitelistedRoyaltyToken");
      expect(await story.wip.balanceOf(payer.address)).to.equal(before + WIP);
      expect(await ip.vault.claimableRevenue(ip.ipId, story.addresses.WIP)).to.equal(0n);
    });
  });

  describe("derivatives", function () {
    it("sends the parent's LAP share of a derivative's revenue to the parent's vault", async function () {
      const { story, creator, payer, ip: parent } = await networkHelpers.loadFixture(ipWithVaultFixture);
      const [, , , , , remixer] = await ethers.getSigners();
      const child = await createIp(story, remixer);
      const childVault = await registerDerivative(story, child, parent.ipId, parent.termsId);
      expect(await childVault.balanceOf(child.ipId)).to.equal(RT_SUPPLY);

      await payRoyaltyInWip(story, payer, child.ipId, 100n * WIP);
      // 10% LAP terms: 90 WIP reach the child's vault; 10 WIP wait in the LAP policy for the parent.
      expect(await childVault.claimableRevenue(child.ipId, story.addresses.WIP)).to.equal(90n * WIP);
      await expect(story.lap.transferToVault(child.ipId, parent.ipId, story.addresses.WIP))
        .to.emit(story.lap, "RevenueTransferredToVault")
        .withArgs(child.ipId, parent.ipId, story.addresses.WIP, 10n * WIP);
      expect(await parent.vault.claimableRevenue(parent.ipId, story.addresses.WIP)).to.equal(10n * WIP);
      expect(await parent.account.owner()).to.equal(creator.address);
    });

    it("registers identical terms once and finds them by content", async function () {
      const story = await networkHelpers.loadFixture(storyFixture);
      const first = await registerCommercialTerms(story, { revShare: 7n * STORY_PERCENT });
      const again = await registerCommercialTerms(story, { revShare: 7n * STORY_PERCENT });
      expect(again).to.equal(first);
      expect(await story.template.exists(first)).to.equal(true);
      expect((await story.template.getLicenseTerms(first)).commercialRevShare).to.equal(7n * STORY_PERCENT);
    });
  });

  describe("disputes", function () {
    it("tags an IP only after a positive judgement; a tagged IP can be neither paid nor claimed from", async function () {
      const { story, payer, stranger, ip } = await networkHelpers.loadFixture(ipWithVaultFixture);
      await payRoyaltyInWip(story, payer, ip.ipId, 3n * WIP);

      const disputeId = await raiseDispute(story, stranger, ip.ipId, DISPUTE_TAGS.IMPROPER_USAGE);
      expect(await story.disputes.disputeCounter()).to.equal(disputeId);
      const raised = await story.disputes.disputes(disputeId);
      expect(raised.targetIpId).to.equal(ip.ipId);
      expect(raised.disputeInitiator).to.equal(stranger.address);
      expect(raised.targetTag).to.equal(DISPUTE_TAGS.IMPROPER_USAGE);
      expect(raised.currentTag).to.equal(DISPUTE_TAGS.IN_DISPUTE);
      expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(false);

      await judgeDispute(story, disputeId, true);
      expect((await story.disputes.disputes(disputeId)).currentTag).to.equal(DISPUTE_TAGS.IMPROPER_USAGE);
      expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(true);

      expect(await ip.vault.claimableRevenue(ip.ipId, story.addresses.WIP)).to.equal(0n);
      await expect(ip.vault.claimRevenueOnBehalf(ip.ipId, story.addresses.WIP)).to.be.revertedWithCustomError(
        ip.vault,
        "IpRoyaltyVault__NoClaimableTokens",
      );
      await approvePayment(story, payer, WIP);
      await expect(
        story.royalty.connect(payer).payRoyaltyOnBehalf(ip.ipId, ZeroAddress, story.addresses.WIP, WIP),
      ).to.be.revertedWithCustomError(story.royalty, "RoyaltyModule__IpIsTagged");
      expect(await story.wip.balanceOf(payer.address)).to.equal(WIP);
    });

    it("clears the tag after a negative judgement", async function () {
      const { story, stranger, ip } = await networkHelpers.loadFixture(ipWithVaultFixture);
      const disputeId = await raiseDispute(story, stranger, ip.ipId);
      await judgeDispute(story, disputeId, false);
      expect((await story.disputes.disputes(disputeId)).currentTag).to.equal(ZeroHash);
      expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(false);
    });

    it("lets the initiator resolve a positively judged dispute, which removes the tag", async function () {
      const { story, stranger, ip } = await networkHelpers.loadFixture(ipWithVaultFixture);
      const disputeId = await raiseDispute(story, stranger, ip.ipId);
      await judgeDispute(story, disputeId, true);
      expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(true);
      await expect(story.disputes.connect(stranger).resolveDispute(disputeId, "0x"))
        .to.emit(story.disputes, "DisputeResolved")
        .withArgs(disputeId, "0x");
      expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(false);
    });
  });
});
