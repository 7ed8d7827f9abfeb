import { network } from "hardhat";
import { expect } from "chai";
import { ZeroAddress, type Signer } from "ethers";
import { RT_SUPPLY, createIp, judgeDispute, raiseDispute, type CreatedIp } from "../../fixtures/story.ts";
import {
  PERCENT,
  USD,
  commercialTerms,
  createIpWithTerms,
  fundUsd,
  linkDerivative,
  loadDevnet,
  mintOne,
  registerTerms,
  vaultOf,
} from "./helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

describe("devnet LicensingModule", function () {
  async function licensingFixture() {
    const d = await loadDevnet(connection);
    const [admin, creator, remixer, minter, stranger] = await ethers.getSigners();
    const template = await d.template.getAddress();
    const commercial = await registerTerms(d, commercialTerms(d, { revShare: 10n * PERCENT, mintingFee: 2n * USD }));
    const parent = await createIpWithTerms(d, creator, commercial);
    const child = await createIp(d.story, remixer);
    return { d, admin, creator, remixer, minter, stranger, template, commercial, parent, child };
  }
  type F = Awaited<ReturnType<typeof licensingFixture>>;

  async function tag(f: F, ipId: string) {
    const disputeId = await raiseDispute(f.d.story, f.stranger as Signer, ipId);
    await judgeDispute(f.d.story, disputeId, true);
  }

  /** Registers `child` as a derivative, paying fees up to `maxFee` from its owner. */
  function register(f: F, child: CreatedIp, parents: string[], terms: bigint[], maxFee = 0n, maxShare = 0n) {
    return f.d.licensing
      .connect(child.owner)
      .registerDerivative(child.ipId, parents, terms, f.template, "0x", maxFee, 0, maxShare);
  }

  describe("attachLicenseTerms", function () {
    it("attaches terms for the IP's owner or the IP account itself", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, creator, parent, template, commercial } = f;
      expect(await d.licensing.hasIpAttachedLicenseTerms(parent.ipId, template, commercial)).to.equal(true);
      await expect(d.licensing.connect(creator).attachLicenseTerms(parent.ipId, template, 1n))
        .to.emit(d.licensing, "LicenseTermsAttached")
        .withArgs(creator.address, parent.ipId, template, 1n);
      expect(await d.licensing.getAttachedLicenseTermsCount(parent.ipId)).to.equal(2n);

      const other = await registerTerms(d, commercialTerms(d, { revShare: PERCENT }));
      const data = d.licensing.interface.encodeFunctionData("attachLicenseTerms", [parent.ipId, template, other]);
      await expect(parent.account.connect(creator).execute(await d.licensing.getAddress(), 0n, data))
        .to.emit(d.licensing, "LicenseTermsAttached")
        .withArgs(parent.ipId, parent.ipId, template, other);
      expect(await d.licensing.hasIpAttachedLicenseTerms(parent.ipId, template, other)).to.equal(true);
    });

    it("reverts bad attachments with Story's errors", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, creator, remixer, stranger, parent, child, template, commercial } = f;
      const lm = d.licensing;
      await expect(lm.connect(stranger).attachLicenseTerms(stranger.address, template, 1n))
        .to.be.revertedWithCustomError(lm, "AccessControlled__NotIpAccount")
        .withArgs(stranger.address);
      await expect(lm.connect(stranger).attachLicenseTerms(parent.ipId, template, 1n))
        .to.be.revertedWithCustomError(lm, "AccessController__PermissionDenied")
        .withArgs(
          parent.ipId,
          stranger.address,
          await lm.getAddress(),
          lm.interface.getFunction("attachLicenseTerms").selector,
        );
      await expect(lm.connect(creator).attachLicenseTerms(parent.ipId, template, 99n))
        .to.be.revertedWithCustomError(lm, "LicensingModule__LicenseTermsNotFound")
        .withArgs(template, 99n);
      await expect(lm.connect(creator).attachLicenseTerms(parent.ipId, stranger.address, 1n))
        .to.be.revertedWithCustomError(lm, "LicensingModule__LicenseTermsNotFound")
        .withArgs(stranger.address, 1n);
      await expect(lm.connect(creator).attachLicenseTerms(parent.ipId, template, commercial))
        .to.be.revertedWithCustomError(lm, "LicenseRegistry__LicenseTermsAlreadyAttached")
        .withArgs(parent.ipId, template, commercial);

      await fundUsd(d, remixer, 2n * USD);
      await linkDerivative(d, child, [parent.ipId], [commercial]);
      await expect(lm.connect(remixer).attachLicenseTerms(child.ipId, template, 1n)).to.be.revertedWithCustomError(
        lm,
        "LicensingModule__DerivativesCannotAddLicenseTerms",
      );

      await tag(f, parent.ipId);
      await expect(lm.connect(creator).attachLicenseTerms(parent.ipId, template, 1n)).to.be.revertedWithCustomError(
        lm,
        "LicensingModule__DisputedIpId",
      );
    });
  });

  describe("mintLicenseTokens", function () {
    it("mints non-commercial licenses without a vault or a fee", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, creator, minter, stranger, template } = f;
      const ip = await createIpWithTerms(d, creator, 1n);
      const tx = d.licensing
        .connect(minter)
        .mintLicenseTokens(ip.ipId, template, 1n, 2n, stranger.address, "0x", 0n, 0);
      await expect(tx)
        .to.emit(d.licensing, "LicenseTokensMinted")
        .withArgs(minter.address, ip.ipId, template, 1n, 2n, stranger.address, 0n)
        .and.to.emit(d.licenseToken, "LicenseTokenMinted")
        .withArgs(minter.address, stranger.address, 1n);
      await expect(tx).to.not.emit(d.royaltyModule, "IpRoyaltyVaultDeployed");
      expect(await d.royaltyModule.ipRoyaltyVaults(ip.ipId)).to.equal(ZeroAddress);
      expect(await d.licenseToken.ownerOf(0n)).to.equal(stranger.address);
      expect(await d.licenseToken.ownerOf(1n)).to.equal(stranger.address);
      expect(await d.licenseToken.getLicenseTermsId(1n)).to.equal(1n);
      expect(await d.licenseToken.getLicensorIpId(1n)).to.equal(ip.ipId);
      expect(await d.licenseToken.getLicenseTemplate(1n)).to.equal(template);
      expect(await d.licenseToken.getTotalTokensByLicensor(ip.ipId)).to.equal(2n);
      expect(await d.licenseToken.totalMintedTokens()).to.equal(2n);
    });

    it("deploys the vault on the first commercial mint and pays the minting fee into it as revenue", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, minter, parent, template, commercial } = f;
      await fundUsd(d, minter, 6n * USD);
      const lm = d.licensing.connect(minter);
      expect(
        await lm.mintLicenseTokens.staticCall(
          parent.ipId,
          template,
          commercial,
          3n,
          minter.address,
          "0x",
          6n * USD,
          10n * PERCENT,
        ),
      ).to.equal(0n);
      const tx = lm.mintLicenseTokens(
        parent.ipId,
        template,
        commercial,
        3n,
        minter.address,
        "0x",
        6n * USD,
        10n * PERCENT,
      );
      await expect(tx)
        .to.emit(d.royaltyModule, "IpRoyaltyVaultDeployed")
        .and.to.emit(d.royaltyModule, "LicensedWithRoyalty")
        .withArgs(parent.ipId, await d.lap.getAddress(), 10n * PERCENT, "0x")
        .and.to.emit(d.royaltyModule, "LicenseMintingFeePaid")
        .withArgs(parent.ipId, minter.address, await d.usd.getAddress(), 6n * USD, 6n * USD)
        .and.to.emit(d.licensing, "LicenseTokensMinted")
        .withArgs(minter.address, parent.ipId, template, commercial, 3n, minter.address, 0n);
      const vault = await vaultOf(d, parent.ipId);
      await expect(tx).to.changeTokenBalances(
        ethers,
        d.usd,
        [minter.address, await vault.getAddress()],
        [-6n * USD, 6n * USD],
      );
      expect(await vault.balanceOf(parent.ipId)).to.equal(RT_SUPPLY);
      expect(await vault.claimableRevenue(parent.ipId, d.usd)).to.equal(6n * USD);
      expect(await d.licenseToken.balanceOf(minter.address)).to.equal(3n);

      // The next mint reuses the vault.
      await fundUsd(d, minter, 2n * USD);
      await expect(
        lm.mintLicenseTokens(parent.ipId, template, commercial, 1n, minter.address, "0x", 0n, 0),
      ).to.not.emit(d.royaltyModule, "IpRoyaltyVaultDeployed");
      expect(await vault.claimableRevenue(parent.ipId, d.usd)).to.equal(8n * USD);
    });

    it("enforces maxMintingFee and maxRevenueShare (0 = no limit)", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, minter, parent, template, commercial } = f;
      await fundUsd(d, minter, 4n * USD);
      const lm = d.licensing.connect(minter);
      await expect(lm.mintLicenseTokens(parent.ipId, template, commercial, 2n, minter.address, "0x", 4n * USD - 1n, 0))
        .to.be.revertedWithCustomError(lm, "LicensingModule__MintingFeeExceedMaxMintingFee")
        .withArgs(4n * USD, 4n * USD - 1n);
      await expect(lm.mintLicenseTokens(parent.ipId, template, commercial, 2n, minter.address, "0x", 0n, 5n * PERCENT))
        .to.be.revertedWithCustomError(d.licenseToken, "LicenseToken__CommercialRevenueShareExceedMaxRevenueShare")
        .withArgs(10n * PERCENT, 5n * PERCENT, parent.ipId, template, commercial);
      expect(await d.usd.balanceOf(minter.address)).to.equal(4n * USD);
      expect(await d.royaltyModule.ipRoyaltyVaults(parent.ipId)).to.equal(ZeroAddress);
    });

    it("lets the licensor's owner mint existing terms it has not attached, but not others", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, creator, minter, parent, template } = f;
      const lm = d.licensing;
      await expect(lm.connect(creator).mintLicenseTokens(parent.ipId, template, 1n, 1n, creator.address, "0x", 0n, 0))
        .to.emit(lm, "LicenseTokensMinted")
        .withArgs(creator.address, parent.ipId, template, 1n, 1n, creator.address, 0n);
      expect(await lm.hasIpAttachedLicenseTerms(parent.ipId, template, 1n)).to.equal(false);
      await expect(lm.connect(minter).mintLicenseTokens(parent.ipId, template, 1n, 1n, minter.address, "0x", 0n, 0))
        .to.be.revertedWithCustomError(lm, "LicenseRegistry__LicensorIpHasNoLicenseTerms")
        .withArgs(parent.ipId, template, 1n);
      await expect(lm.connect(creator).mintLicenseTokens(parent.ipId, template, 42n, 1n, creator.address, "0x", 0n, 0))
        .to.be.revertedWithCustomError(lm, "LicenseRegistry__LicenseTermsNotExists")
        .withArgs(template, 42n);
    });

    it("reverts bad mints with Story's errors, in Story's order", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, minter, stranger, parent, template, commercial } = f;
      const lm = d.licensing.connect(minter);
      await expect(
        lm.mintLicenseTokens(stranger.address, template, commercial, 0n, ZeroAddress, "0x", 0n, 0),
      ).to.be.revertedWithCustomError(lm, "LicensingModule__MintAmountZero");
      await expect(
        lm.mintLicenseTokens(stranger.address, template, commercial, 1n, ZeroAddress, "0x", 0n, 0),
      ).to.be.revertedWithCustomError(lm, "LicensingModule__ReceiverZeroAddress");
      await expect(
        lm.mintLicenseTokens(stranger.address, template, commercial, 1n, minter.address, "0x", 0n, 0),
      ).to.be.revertedWithCustomError(lm, "LicensingModule__LicensorIpNotRegistered");
      await tag(f, parent.ipId);
      await expect(
        lm.mintLicenseTokens(parent.ipId, template, commercial, 1n, minter.address, "0x", 0n, 0),
      ).to.be.revertedWithCustomError(lm, "LicensingModule__DisputedIpId");
    });

    it("refuses commercial mints once the terms' policy is no longer whitelisted", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, minter, parent, template, commercial } = f;
      await (await d.royaltyModule.whitelistRoyaltyPolicy(d.lap, false)).wait();
      await fundUsd(d, minter, 2n * USD);
      await expect(
        d.licensing
          .connect(minter)
          .mintLicenseTokens(parent.ipId, template, commercial, 1n, minter.address, "0x", 0n, 0),
      ).to.be.revertedWithCustomError(d.royaltyModule, "RoyaltyModule__NotWhitelistedOrRegisteredRoyaltyPolicy");
    });

    it("lets a derivative sublicense only the reciprocal terms it holds", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, remixer, parent, child, template, commercial } = f;
      await fundUsd(d, remixer, 4n * USD);
      await linkDerivative(d, child, [parent.ipId], [commercial]);
      await expect(
        d.licensing.connect(remixer).mintLicenseTokens(child.ipId, template, 1n, 1n, remixer.address, "0x", 0n, 0),
      )
        .to.be.revertedWithCustomError(d.licensing, "LicensingModule__LicenseDenyMintLicenseToken")
        .withArgs(template, 1n, child.ipId);
      await expect(
        d.licensing
          .connect(remixer)
          .mintLicenseTokens(child.ipId, template, commercial, 1n, remixer.address, "0x", 0n, 0),
      ).to.emit(d.licensing, "LicenseTokensMinted");
    });
  });

  describe("registerDerivative", function () {
    it("pays the parent's fee into its vault, links the graph, deploys the child's vault and inherits the terms", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, remixer, parent, child, template, commercial } = f;
      await mintOne(d, { ...parent, owner: f.creator }, 1n);
      await fundUsd(d, remixer, 2n * USD);
      const tx = register(f, child, [parent.ipId], [commercial], 2n * USD, 10n * PERCENT);
      await expect(tx)
        .to.emit(d.licensing, "DerivativeRegistered")
        .withArgs(remixer.address, child.ipId, [], [parent.ipId], [commercial], template)
        .and.to.emit(d.royaltyModule, "LinkedToParents")
        .withArgs(child.ipId, [parent.ipId], [await d.lap.getAddress()], [10n * PERCENT], "0x")
        .and.to.emit(d.royaltyModule, "LicenseMintingFeePaid")
        .withArgs(parent.ipId, remixer.address, await d.usd.getAddress(), 2n * USD, 2n * USD);
      const parentVault = await vaultOf(d, parent.ipId);
      await expect(tx).to.changeTokenBalances(
        ethers,
        d.usd,
        [remixer.address, await parentVault.getAddress()],
        [-2n * USD, 2n * USD],
      );
      const childVault = await vaultOf(d, child.ipId);
      expect(await childVault.balanceOf(child.ipId)).to.equal(RT_SUPPLY);
      expect(await childVault.balanceOf(d.royaltyModule)).to.equal(0n);
      expect(await parentVault.claimableRevenue(parent.ipId, d.usd)).to.equal(2n * USD);
      expect(await d.licensing.isDerivativeIp(child.ipId)).to.equal(true);
      expect(await d.licensing.getDerivativeIpCount(parent.ipId)).to.equal(1n);
      expect(await d.licensing.hasIpAttachedLicenseTerms(child.ipId, template, commercial)).to.equal(true);
      expect(await d.licensing.getParentLicenseTerms(child.ipId, parent.ipId)).to.deep.equal([template, commercial]);
      expect(await d.royaltyModule.globalRoyaltyStack(child.ipId)).to.equal(10n * PERCENT);
    });

    it("registers a non-commercial derivative without vaults or fees", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, creator, child } = f;
      const parent = await createIpWithTerms(d, creator, 1n);
      await expect(register(f, child, [parent.ipId], [1n])).to.not.emit(d.royaltyModule, "LinkedToParents");
      expect(await d.royaltyModule.ipRoyaltyVaults(child.ipId)).to.equal(ZeroAddress);
      expect(await d.licensing.isDerivativeIp(child.ipId)).to.equal(true);
    });

    it("sums the parents' fees and shares against maxMintingFee and maxRevenueShare; LAP needs no RT (maxRts 0)", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, creator, remixer, child, template } = f;
      const a = await registerTerms(d, {
        ...commercialTerms(d, { revShare: 10n * PERCENT, mintingFee: USD }),
        derivativesReciprocal: false,
      });
      const b = await registerTerms(d, {
        ...commercialTerms(d, { revShare: 20n * PERCENT, mintingFee: 2n * USD }),
        derivativesReciprocal: false,
      });
      const p1 = await createIpWithTerms(d, creator, a);
      const p2 = await createIpWithTerms(d, creator, b);
      await fundUsd(d, remixer, 3n * USD);
      await expect(register(f, child, [p1.ipId, p2.ipId], [a, b], 3n * USD - 1n))
        .to.be.revertedWithCustomError(d.licensing, "LicensingModule__MintingFeeExceedMaxMintingFee")
        .withArgs(3n * USD, 3n * USD - 1n);
      await expect(register(f, child, [p1.ipId, p2.ipId], [a, b], 0n, 25n * PERCENT))
        .to.be.revertedWithCustomError(d.licensing, "LicensingModule__ExceedMaxRevenueShare")
        .withArgs(p2.ipId, template, b, 30n * PERCENT, 25n * PERCENT);
      await expect(register(f, child, [p1.ipId, p2.ipId], [a, b], 3n * USD, 30n * PERCENT)).to.emit(
        d.licensing,
        "DerivativeRegistered",
      );
      expect(await d.royaltyModule.globalRoyaltyStack(child.ipId)).to.equal(30n * PERCENT);
      expect(await d.usd.balanceOf(remixer.address)).to.equal(0n);
    });

    it("reverts bad callers and arguments with Story's errors", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, stranger, remixer, parent, child, template, commercial } = f;
      const lm = d.licensing;
      await expect(
        lm
          .connect(stranger)
          .registerDerivative(stranger.address, [parent.ipId], [commercial], template, "0x", 0n, 0, 0),
      )
        .to.be.revertedWithCustomError(lm, "AccessControlled__NotIpAccount")
        .withArgs(stranger.address);
      await expect(
        lm.connect(stranger).registerDerivative(child.ipId, [parent.ipId], [commercial], template, "0x", 0n, 0, 0),
      )
        .to.be.revertedWithCustomError(lm, "AccessController__PermissionDenied")
        .withArgs(
          child.ipId,
          stranger.address,
          await lm.getAddress(),
          lm.interface.getFunction("registerDerivative").selector,
        );
      await expect(register(f, child, [parent.ipId], [commercial, 1n]))
        .to.be.revertedWithCustomError(lm, "LicensingModule__LicenseTermsLengthMismatch")
        .withArgs(1n, 2n);
      await expect(register(f, child, [], [])).to.be.revertedWithCustomError(lm, "LicensingModule__NoParentIp");

      // Licensing-compatibility refusals from the template.
      const other = await createIpWithTerms(d, f.creator, 1n);
      await expect(register(f, child, [parent.ipId, other.ipId], [commercial, 1n]))
        .to.be.revertedWithCustomError(lm, "LicensingModule__LicenseNotCompatibleForDerivative")
        .withArgs(child.ipId);
      const noDerivatives = await registerTerms(d, {
        ...commercialTerms(d),
        derivativesAllowed: false,
        derivativesAttribution: false,
        derivativesReciprocal: false,
      });
      const approval = await registerTerms(d, { ...commercialTerms(d), derivativesApproval: true });
      for (const terms of [noDerivatives, approval, 999n]) {
        await expect(register(f, child, [parent.ipId], [terms]))
          .to.be.revertedWithCustomError(lm, "LicensingModule__LicenseNotCompatibleForDerivative")
          .withArgs(child.ipId);
      }

      // An IP that minted licenses cannot become a derivative.
      await (
        await lm.connect(remixer).mintLicenseTokens(child.ipId, template, 1n, 1n, remixer.address, "0x", 0n, 0)
      ).wait();
      await expect(register(f, child, [parent.ipId], [commercial]))
        .to.be.revertedWithCustomError(lm, "LicensingModule__DerivativeAlreadyHasBeenMintedLicenseTokens")
        .withArgs(child.ipId);
    });

    it("reverts bad children and parents with the License Registry's errors", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, creator, remixer, stranger, parent, child, template, commercial } = f;
      const lm = d.licensing;
      await expect(register(f, child, [stranger.address], [1n]))
        .to.be.revertedWithCustomError(lm, "LicenseRegistry__ParentIpNotRegistered")
        .withArgs(stranger.address);
      await expect(register(f, child, [child.ipId], [1n]))
        .to.be.revertedWithCustomError(lm, "LicenseRegistry__DerivativeIsParent")
        .withArgs(child.ipId);
      const bare = await createIp(d.story, creator);
      await expect(register(f, child, [bare.ipId], [1n]))
        .to.be.revertedWithCustomError(lm, "LicenseRegistry__ParentIpUnmatchedLicenseTemplate")
        .withArgs(bare.ipId, template);
      await expect(
        lm.connect(remixer).registerDerivative(child.ipId, [parent.ipId], [1n], stranger.address, "0x", 0n, 0, 0),
      )
        .to.be.revertedWithCustomError(lm, "LicenseRegistry__ParentIpUnmatchedLicenseTemplate")
        .withArgs(parent.ipId, stranger.address);
      await expect(register(f, child, [parent.ipId], [1n]))
        .to.be.revertedWithCustomError(lm, "LicenseRegistry__ParentIpHasNoLicenseTerms")
        .withArgs(parent.ipId, 1n);
      await fundUsd(d, remixer, 4n * USD);
      await expect(register(f, child, [parent.ipId, parent.ipId], [commercial, commercial]))
        .to.be.revertedWithCustomError(lm, "LicenseRegistry__DuplicateParentIp")
        .withArgs(child.ipId, parent.ipId);

      // The child itself: already a derivative, already a parent, already licensed.
      await (await register(f, child, [parent.ipId], [commercial])).wait();
      await fundUsd(d, remixer, 2n * USD);
      await expect(register(f, child, [parent.ipId], [commercial]))
        .to.be.revertedWithCustomError(lm, "LicenseRegistry__DerivativeAlreadyRegistered")
        .withArgs(child.ipId);
      await fundUsd(d, creator, 2n * USD);
      const gp = await createIpWithTerms(d, creator, commercial);
      await expect(register(f, parent, [gp.ipId], [commercial]))
        .to.be.revertedWithCustomError(lm, "LicenseRegistry__DerivativeIpAlreadyHasChild")
        .withArgs(parent.ipId);
      const licensed = await createIpWithTerms(d, creator, 1n);
      await expect(register(f, licensed, [gp.ipId], [commercial]))
        .to.be.revertedWithCustomError(lm, "LicenseRegistry__DerivativeIpAlreadyHasLicense")
        .withArgs(licensed.ipId);

      await tag(f, gp.ipId);
      const orphan = await createIp(d.story, remixer);
      await expect(register(f, orphan, [gp.ipId], [commercial]))
        .to.be.revertedWithCustomError(lm, "LicenseRegistry__ParentIpTagged")
        .withArgs(gp.ipId);
      await tag(f, orphan.ipId);
      await expect(register(f, orphan, [parent.ipId], [commercial])).to.be.revertedWithCustomError(
        lm,
        "LicensingModule__DisputedIpId",
      );
    });

    it("limits a derivative to 16 parents", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, creator, child } = f;
      const parents: string[] = [];
      for (let i = 0; i < 17; i++) parents.push((await createIpWithTerms(d, creator, 1n)).ipId);
      await expect(
        register(
          f,
          child,
          parents,
          parents.map(() => 1n),
        ),
      )
        .to.be.revertedWithCustomError(d.licensing, "LicenseRegistry__TooManyParents")
        .withArgs(child.ipId, 17n, 16n);
      await expect(
        register(
          f,
          child,
          parents.slice(0, 16),
          parents.slice(0, 16).map(() => 1n),
        ),
      ).to.emit(d.licensing, "DerivativeRegistered");
    });
  });

  it("rejects zero constructor arguments", async function () {
    const f = await networkHelpers.loadFixture(licensingFixture);
    const a = f.d.story.addresses as typeof f.d.story.addresses & { LicenseToken: string };
    const args = [a.IPAssetRegistry, a.RoyaltyModule, a.DisputeModule, a.LicenseToken, a.PILicenseTemplate];
    const errors = [
      "AccessControlled__ZeroAddress",
      "LicensingModule__ZeroRoyaltyModule",
      "LicensingModule__ZeroDisputeModule",
      "LicensingModule__ZeroLicenseToken",
      "LicensingModule__ZeroLicenseTemplate",
    ];
    const factory = await ethers.getContractFactory("LicensingModule");
    for (let i = 0; i < args.length; i++) {
      const bad = args.map((x, j) => (j === i ? ZeroAddress : x));
      await expect(factory.deploy(bad[0], bad[1], bad[2], bad[3], bad[4])).to.be.revertedWithCustomError(
        factory,
        errors[i],
      );
    }
  });

  describe("LicenseToken", function () {
    it("is minted only by the licensing module, which is wired once by the admin", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, stranger, parent, template } = f;
      const lt = d.licenseToken;
      expect(await lt.LICENSING_MODULE()).to.equal(await d.licensing.getAddress());
      await expect(
        lt.connect(stranger).mintLicenseTokens(parent.ipId, template, 1n, 1n, stranger.address, stranger.address, 0),
      ).to.be.revertedWithCustomError(lt, "LicenseToken__CallerNotLicensingModule");
      await expect(lt.connect(stranger).setLicensingModule(stranger.address))
        .to.be.revertedWithCustomError(lt, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
      await expect(lt.setLicensingModule(stranger.address)).to.be.revertedWithCustomError(
        lt,
        "Devnet__LicensingModuleAlreadySet",
      );
      await expect(lt.setLicensingModule(ZeroAddress)).to.be.revertedWithCustomError(lt, "Devnet__ZeroLicensingModule");
    });

    it("keeps non-transferable licenses with their holder", async function () {
      const f = await networkHelpers.loadFixture(licensingFixture);
      const { d, creator, minter, stranger, template } = f;
      const locked = await registerTerms(d, { ...commercialTerms(d), transferable: false });
      const ip = await createIpWithTerms(d, creator, locked);
      await (
        await d.licensing.connect(minter).mintLicenseTokens(ip.ipId, template, locked, 1n, minter.address, "0x", 0n, 0)
      ).wait();
      await fundUsd(d, minter, 2n * USD);
      await (
        await d.licensing
          .connect(minter)
          .mintLicenseTokens(f.parent.ipId, template, f.commercial, 1n, minter.address, "0x", 0n, 0)
      ).wait();
      await expect(
        d.licenseToken.connect(minter).transferFrom(minter.address, stranger.address, 0n),
      ).to.be.revertedWithCustomError(d.licenseToken, "LicenseToken__NotTransferable");
      expect(await d.licenseToken.ownerOf(0n)).to.equal(minter.address);
      // Transferable licenses move freely.
      await expect(
        d.licenseToken.connect(minter).transferFrom(minter.address, stranger.address, 1n),
      ).to.changeTokenBalances(ethers, d.licenseToken, [minter.address, stranger.address], [-1n, 1n]);
    });
  });
});
