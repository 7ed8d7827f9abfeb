import { network } from "hardhat";
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { createIp, judgeDispute, raiseDispute } from "../../fixtures/story.ts";
import {
  PERCENT,
  USD,
  commercialTerms,
  createIpWithTerms,
  fundUsd,
  loadDevnet,
  mintOne,
  registerTerms,
  vaultOf,
} from "./helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

describe("devnet RoyaltyModule", function () {
  async function moduleFixture() {
    const d = await loadDevnet(connection);
    const [admin, creator, payer, treasury, stranger] = await ethers.getSigners();
    const termsId = await registerTerms(d, commercialTerms(d));
    const ip = await createIpWithTerms(d, creator, termsId);
    await mintOne(d, ip, termsId);
    const vault = await vaultOf(d, ip.ipId);
    const noVaultIp = await createIp(d.story, creator);
    return { d, admin, creator, payer, treasury, stranger, termsId, ip, vault, noVaultIp };
  }

  /** The licensing module as a signer, to call the hooks directly. */
  async function asLicensingModule(d: Awaited<ReturnType<typeof moduleFixture>>["d"]) {
    const address = d.story.addresses.LicensingModule;
    await networkHelpers.impersonateAccount(address);
    await networkHelpers.setBalance(address, 10n ** 18n);
    return d.royaltyModule.connect(await ethers.getSigner(address));
  }

  describe("deployment and admin", function () {
    it("is wired as devnet.ts says: policy, tokens, licensing module, its own vault implementation", async function () {
      const { d, admin } = await networkHelpers.loadFixture(moduleFixture);
      const rm = d.royaltyModule;
      expect(await rm.owner()).to.equal(admin.address);
      expect(await rm.LICENSING_MODULE()).to.equal(d.story.addresses.LicensingModule);
      expect(await rm.IP_ASSET_REGISTRY()).to.equal(d.story.addresses.IPAssetRegistry);
      expect(await rm.DISPUTE_MODULE()).to.equal(d.story.addresses.DisputeModule);
      expect(await rm.isWhitelistedRoyaltyPolicy(d.lap)).to.equal(true);
      expect(await rm.isWhitelistedRoyaltyToken(d.story.addresses.WIP)).to.equal(true);
      expect(await rm.isWhitelistedRoyaltyToken(d.usd)).to.equal(true);
      expect(await rm.isRegisteredExternalRoyaltyPolicy(d.lap)).to.equal(false);
      expect(await rm.maxPercent()).to.equal(100n * PERCENT);
      expect(await rm.royaltyFeePercent()).to.equal(0n);
      expect(await rm.treasury()).to.equal(ZeroAddress);
      const impl = await ethers.getContractAt("IpRoyaltyVault", await rm.IP_ROYALTY_VAULT_IMPL());
      expect(await impl.ROYALTY_MODULE()).to.equal(await rm.getAddress());
      expect(await impl.DISPUTE_MODULE()).to.equal(d.story.addresses.DisputeModule);
    });

    it("rejects zero constructor arguments", async function () {
      const { d, admin } = await networkHelpers.loadFixture(moduleFixture);
      const factory = await ethers.getContractFactory("RoyaltyModule");
      const { IPAssetRegistry, DisputeModule } = d.story.addresses;
      await expect(factory.deploy(ZeroAddress, DisputeModule, admin.address)).to.be.revertedWithCustomError(
        factory,
        "RoyaltyModule__ZeroIpAssetRegistry",
      );
      await expect(factory.deploy(IPAssetRegistry, ZeroAddress, admin.address)).to.be.revertedWithCustomError(
        factory,
        "RoyaltyModule__ZeroDisputeModule",
      );
    });

    it("restricts every admin setter to the admin, with Story's AccessManagedUnauthorized", async function () {
      const { d, stranger } = await networkHelpers.loadFixture(moduleFixture);
      const rm = d.royaltyModule.connect(stranger);
      const calls = [
        rm.whitelistRoyaltyPolicy(stranger.address, true),
        rm.whitelistRoyaltyToken(stranger.address, true),
        rm.setTreasury(stranger.address),
        rm.setRoyaltyFeePercent(1),
        rm.setLicensingModule(stranger.address),
      ];
      for (const call of calls) {
        await expect(call).to.be.revertedWithCustomError(rm, "AccessManagedUnauthorized").withArgs(stranger.address);
      }
      expect(await d.royaltyModule.isWhitelistedRoyaltyToken(stranger.address)).to.equal(false);
    });

    it("whitelists and removes tokens and policies, with Story's events and zero-address errors", async function () {
      const { d, stranger } = await networkHelpers.loadFixture(moduleFixture);
      const rm = d.royaltyModule;
      await expect(rm.whitelistRoyaltyToken(stranger.address, true))
        .to.emit(rm, "RoyaltyTokenWhitelistUpdated")
        .withArgs(stranger.address, true);
      expect(await rm.isWhitelistedRoyaltyToken(stranger.address)).to.equal(true);
      await expect(rm.whitelistRoyaltyToken(stranger.address, false))
        .to.emit(rm, "RoyaltyTokenWhitelistUpdated")
        .withArgs(stranger.address, false);
      expect(await rm.isWhitelistedRoyaltyToken(stranger.address)).to.equal(false);
      await expect(rm.whitelistRoyaltyPolicy(stranger.address, true))
        .to.emit(rm, "RoyaltyPolicyWhitelistUpdated")
        .withArgs(stranger.address, true);
      expect(await rm.isWhitelistedRoyaltyPolicy(stranger.address)).to.equal(true);
      await expect(rm.whitelistRoyaltyToken(ZeroAddress, true)).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__ZeroRoyaltyToken",
      );
      await expect(rm.whitelistRoyaltyPolicy(ZeroAddress, true)).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__ZeroRoyaltyPolicy",
      );
    });

    it("sets the treasury and a bounded fee (the fee needs a treasury)", async function () {
      const { d, treasury } = await networkHelpers.loadFixture(moduleFixture);
      const rm = d.royaltyModule;
      await expect(rm.setRoyaltyFeePercent(PERCENT)).to.be.revertedWithCustomError(rm, "RoyaltyModule__ZeroTreasury");
      await expect(rm.setTreasury(ZeroAddress)).to.be.revertedWithCustomError(rm, "RoyaltyModule__ZeroTreasury");
      await expect(rm.setTreasury(treasury.address)).to.emit(rm, "TreasurySet").withArgs(treasury.address);
      await expect(rm.setRoyaltyFeePercent(100n * PERCENT + 1n)).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__AboveMaxPercent",
      );
      await expect(rm.setRoyaltyFeePercent(5n * PERCENT))
        .to.emit(rm, "RoyaltyFeePercentSet")
        .withArgs(5n * PERCENT);
      expect(await rm.treasury()).to.equal(treasury.address);
      expect(await rm.royaltyFeePercent()).to.equal(5n * PERCENT);
    });

    it("wires the licensing module once", async function () {
      const { d, stranger } = await networkHelpers.loadFixture(moduleFixture);
      const rm = d.royaltyModule;
      await expect(rm.setLicensingModule(stranger.address)).to.be.revertedWithCustomError(
        rm,
        "Devnet__LicensingModuleAlreadySet",
      );
      await expect(rm.setLicensingModule(ZeroAddress)).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__ZeroLicensingModule",
      );
      const fresh = await ethers.deployContract("RoyaltyModule", [
        d.story.addresses.IPAssetRegistry,
        d.story.addresses.DisputeModule,
        (await ethers.getSigners())[0].address,
      ]);
      await expect(fresh.setLicensingModule(stranger.address))
        .to.emit(fresh, "LicensingModuleSet")
        .withArgs(stranger.address);
      expect(await fresh.LICENSING_MODULE()).to.equal(stranger.address);
    });
  });

  describe("payRoyaltyOnBehalf", function () {
    it("pulls from the caller into the receiver's vault, logging the payer IP, and accounts the revenue", async function () {
      const { d, payer, creator, ip, vault, noVaultIp } = await networkHelpers.loadFixture(moduleFixture);
      await fundUsd(d, payer, 40n * USD);
      const tx = d.royaltyModule.connect(payer).payRoyaltyOnBehalf(ip.ipId, noVaultIp.ipId, d.usd, 40n * USD);
      await expect(tx)
        .to.emit(d.royaltyModule, "RoyaltyPaid")
        .withArgs(ip.ipId, noVaultIp.ipId, payer.address, await d.usd.getAddress(), 40n * USD, 40n * USD)
        .and.to.emit(vault, "RevenueTokenAddedToVault")
        .withArgs(await d.usd.getAddress(), 40n * USD);
      await expect(tx).to.changeTokenBalances(
        ethers,
        d.usd,
        [payer.address, await vault.getAddress(), creator.address],
        [-40n * USD, 40n * USD, 0n],
      );
      expect(await d.royaltyModule.totalRevenueTokensReceived(ip.ipId, d.usd)).to.equal(40n * USD);
      expect(await vault.claimableRevenue(ip.ipId, d.usd)).to.equal(40n * USD);
    });

    it("takes the royalty fee to the treasury and reports the amount after fee", async function () {
      const { d, payer, treasury, ip, vault } = await networkHelpers.loadFixture(moduleFixture);
      await (await d.royaltyModule.setTreasury(treasury.address)).wait();
      await (await d.royaltyModule.setRoyaltyFeePercent(5n * PERCENT)).wait();
      await fundUsd(d, payer, 100n * USD);
      const tx = d.royaltyModule.connect(payer).payRoyaltyOnBehalf(ip.ipId, ZeroAddress, d.usd, 100n * USD);
      await expect(tx)
        .to.emit(d.royaltyModule, "RoyaltyPaid")
        .withArgs(ip.ipId, ZeroAddress, payer.address, await d.usd.getAddress(), 100n * USD, 95n * USD);
      await expect(tx).to.changeTokenBalances(
        ethers,
        d.usd,
        [payer.address, treasury.address, await vault.getAddress()],
        [-100n * USD, 5n * USD, 95n * USD],
      );
      expect(await d.royaltyModule.totalRevenueTokensReceived(ip.ipId, d.usd)).to.equal(95n * USD);
      expect(await vault.claimableRevenue(ip.ipId, d.usd)).to.equal(95n * USD);
    });

    it("reverts each bad payment with Story's error, in Story's order, moving nothing", async function () {
      const { d, payer, stranger, ip, vault, noVaultIp, treasury } = await networkHelpers.loadFixture(moduleFixture);
      const rm = d.royaltyModule.connect(payer);
      await fundUsd(d, payer, 10n * USD);
      const notWhitelisted = d.story.addresses.ArbitrationPolicy;

      // amount first, then token, then tag, then the receiver's vault.
      await expect(
        rm.payRoyaltyOnBehalf(noVaultIp.ipId, ZeroAddress, notWhitelisted, 0n),
      ).to.be.revertedWithCustomError(rm, "RoyaltyModule__ZeroAmount");
      await expect(
        rm.payRoyaltyOnBehalf(noVaultIp.ipId, ZeroAddress, notWhitelisted, USD),
      ).to.be.revertedWithCustomError(rm, "RoyaltyModule__NotWhitelistedRoyaltyToken");
      await expect(rm.payRoyaltyOnBehalf(noVaultIp.ipId, ZeroAddress, d.usd, USD)).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__ZeroReceiverVault",
      );
      await expect(rm.payRoyaltyOnBehalf(ZeroAddress, ZeroAddress, d.usd, USD)).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__ZeroReceiverVault",
      );

      // A removed token is refused again.
      await (await d.royaltyModule.whitelistRoyaltyToken(d.usd, false)).wait();
      await expect(rm.payRoyaltyOnBehalf(ip.ipId, ZeroAddress, d.usd, USD)).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__NotWhitelistedRoyaltyToken",
      );
      await (await d.royaltyModule.whitelistRoyaltyToken(d.usd, true)).wait();

      // With a fee in force, a payment whose fee rounds to zero is refused.
      await (await d.royaltyModule.setTreasury(treasury.address)).wait();
      await (await d.royaltyModule.setRoyaltyFeePercent(PERCENT)).wait();
      await expect(rm.payRoyaltyOnBehalf(ip.ipId, ZeroAddress, d.usd, 99n)).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__PaymentAmountIsTooLow",
      );

      // A tagged receiver cannot be paid (checked before its vault).
      const disputeId = await raiseDispute(d.story, stranger, ip.ipId);
      await judgeDispute(d.story, disputeId, true);
      await expect(rm.payRoyaltyOnBehalf(ip.ipId, ZeroAddress, d.usd, USD)).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__IpIsTagged",
      );

      expect(await d.usd.balanceOf(payer.address)).to.equal(10n * USD);
      expect(await d.usd.balanceOf(vault)).to.equal(0n);
      expect(await d.usd.balanceOf(treasury.address)).to.equal(0n);
      expect(await vault.vaultAccBalances(d.usd)).to.equal(0n);
      expect(await d.royaltyModule.totalRevenueTokensReceived(ip.ipId, d.usd)).to.equal(0n);
    });
  });

  describe("licensing hooks", function () {
    it("are reserved to the licensing module", async function () {
      const { d, stranger, ip } = await networkHelpers.loadFixture(moduleFixture);
      const rm = d.royaltyModule.connect(stranger);
      await expect(rm.onLicenseMinting(ip.ipId, d.lap, PERCENT, "0x")).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__NotAllowedCaller",
      );
      await expect(rm.onLinkToParents(ip.ipId, [ip.ipId], [d.lap], [PERCENT], "0x", 0)).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__NotAllowedCaller",
      );
      await expect(rm.payLicenseMintingFee(ip.ipId, stranger.address, d.usd, USD)).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__NotAllowedCaller",
      );
    });

    it("validates onLicenseMinting's policy and percentage, and deploys a vault once", async function () {
      const { d, stranger, noVaultIp, ip } = await networkHelpers.loadFixture(moduleFixture);
      const rm = await asLicensingModule(d);
      await expect(rm.onLicenseMinting(noVaultIp.ipId, ZeroAddress, PERCENT, "0x")).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__ZeroRoyaltyPolicy",
      );
      await expect(rm.onLicenseMinting(noVaultIp.ipId, d.lap, 100n * PERCENT + 1n, "0x")).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__AboveMaxPercent",
      );
      await expect(rm.onLicenseMinting(noVaultIp.ipId, stranger.address, PERCENT, "0x")).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__NotWhitelistedOrRegisteredRoyaltyPolicy",
      );
      await expect(rm.onLicenseMinting(noVaultIp.ipId, d.lap, PERCENT, "0x12"))
        .to.emit(rm, "IpRoyaltyVaultDeployed")
        .and.to.emit(rm, "LicensedWithRoyalty")
        .withArgs(noVaultIp.ipId, await d.lap.getAddress(), PERCENT, "0x12");
      const vault = await rm.ipRoyaltyVaults(noVaultIp.ipId);
      expect(await rm.isIpRoyaltyVault(vault)).to.equal(true);
      // A second license keeps the same vault.
      await expect(rm.onLicenseMinting(noVaultIp.ipId, d.lap, PERCENT, "0x")).to.not.emit(rm, "IpRoyaltyVaultDeployed");
      expect(await rm.ipRoyaltyVaults(noVaultIp.ipId)).to.equal(vault);
      expect(await rm.isIpRoyaltyVault(ip.ipId)).to.equal(false);
    });

    it("validates onLinkToParents' parents and policies", async function () {
      const { d, noVaultIp, ip } = await networkHelpers.loadFixture(moduleFixture);
      const rm = await asLicensingModule(d);
      await expect(rm.onLinkToParents(noVaultIp.ipId, [], [], [], "0x", 0)).to.be.revertedWithCustomError(
        rm,
        "RoyaltyModule__NoParentsOnLinking",
      );
      await expect(
        rm.onLinkToParents(noVaultIp.ipId, [ZeroAddress], [d.lap], [PERCENT], "0x", 0),
      ).to.be.revertedWithCustomError(rm, "RoyaltyModule__ZeroParentIpId");
      await expect(
        rm.onLinkToParents(noVaultIp.ipId, [ip.ipId], [ZeroAddress], [PERCENT], "0x", 0),
      ).to.be.revertedWithCustomError(rm, "RoyaltyModule__ZeroRoyaltyPolicy");
    });
  });
});
