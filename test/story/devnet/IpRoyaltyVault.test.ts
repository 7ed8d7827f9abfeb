import { network } from "hardhat";
import { expect } from "chai";
import type { Signer } from "ethers";
import { RT_SUPPLY, createIp, judgeDispute, raiseDispute } from "../../fixtures/story.ts";
import {
  USD,
  commercialTerms,
  createIpWithTerms,
  fundUsd,
  loadDevnet,
  mintOne,
  payUsd,
  registerTerms,
  vaultOf,
} from "./helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

describe("devnet IpRoyaltyVault", function () {
  async function vaultFixture() {
    const d = await loadDevnet(connection);
    const [, creator, payer, investor, third, stranger] = await ethers.getSigners();
    const termsId = await registerTerms(d, commercialTerms(d));
    const ip = await createIpWithTerms(d, creator, termsId);
    await mintOne(d, ip, termsId);
    const vault = await vaultOf(d, ip.ipId);
    /** Moves RT out of the IP account, as its owner does on Story (IP account `execute`). */
    const sendRtFromIp = async (to: string, amount: bigint) => {
      const data = vault.interface.encodeFunctionData("transfer", [to, amount]);
      await (await ip.account.connect(creator).execute(await vault.getAddress(), 0n, data)).wait();
    };
    return { d, creator, payer, investor, third, stranger, ip, vault, sendRtFromIp };
  }

  describe("royalty token", function () {
    it("is Story's RT: 100,000,000 units with 6 decimals, all minted once to the IP account", async function () {
      const { d, ip, vault } = await networkHelpers.loadFixture(vaultFixture);
      expect(await vault.name()).to.equal("Royalty Token");
      expect(await vault.symbol()).to.equal("RT");
      expect(await vault.decimals()).to.equal(6n);
      expect(await vault.totalSupply()).to.equal(RT_SUPPLY);
      expect(await vault.balanceOf(ip.ipId)).to.equal(RT_SUPPLY);
      expect(await vault.ipId()).to.equal(ip.ipId);
      expect(await vault.ROYALTY_MODULE()).to.equal(d.story.addresses.RoyaltyModule);
      expect(await vault.tokens()).to.deep.equal([]);
    });

    it("cannot be initialized twice, nor can its implementation", async function () {
      const { d, ip, vault, stranger } = await networkHelpers.loadFixture(vaultFixture);
      await expect(
        vault.connect(stranger).initialize("X", "X", 1, ip.ipId, stranger.address),
      ).to.be.revertedWithCustomError(vault, "InvalidInitialization");
      const impl = await ethers.getContractAt("IpRoyaltyVault", await d.royaltyModule.IP_ROYALTY_VAULT_IMPL());
      await expect(impl.initialize("X", "X", 1, ip.ipId, stranger.address)).to.be.revertedWithCustomError(
        impl,
        "InvalidInitialization",
      );
    });

    it("rejects a zero dispute or royalty module at construction", async function () {
      const { d } = await networkHelpers.loadFixture(vaultFixture);
      const factory = await ethers.getContractFactory("IpRoyaltyVault");
      const rm = d.story.addresses.RoyaltyModule;
      await expect(factory.deploy(ethers.ZeroAddress, rm)).to.be.revertedWithCustomError(
        factory,
        "IpRoyaltyVault__ZeroDisputeModule",
      );
      await expect(factory.deploy(rm, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        factory,
        "IpRoyaltyVault__ZeroRoyaltyModule",
      );
    });
  });

  describe("revenue accounting", function () {
    it("accepts revenue only from the royalty module or a whitelisted policy, in whitelisted tokens", async function () {
      const { d, vault, stranger } = await networkHelpers.loadFixture(vaultFixture);
      await expect(vault.connect(stranger).updateVaultBalance(d.usd, USD)).to.be.revertedWithCustomError(
        vault,
        "IpRoyaltyVault__NotAllowedToAddTokenToVault",
      );
      // A whitelisted policy may add revenue (LAP does, in transferToVault): impersonate it.
      const lap = d.story.addresses.RoyaltyPolicyLAP;
      await networkHelpers.impersonateAccount(lap);
      await networkHelpers.setBalance(lap, 10n ** 18n);
      const policy = await ethers.getSigner(lap);
      await expect(
        vault.connect(policy).updateVaultBalance(d.story.addresses.ArbitrationPolicy, USD),
      ).to.be.revertedWithCustomError(vault, "IpRoyaltyVault__NotWhitelistedRoyaltyToken");
      await expect(vault.connect(policy).updateVaultBalance(d.usd, 0n)).to.be.revertedWithCustomError(
        vault,
        "IpRoyaltyVault__ZeroAmount",
      );
      await expect(vault.connect(policy).updateVaultBalance(d.usd, 7n * USD))
        .to.emit(vault, "RevenueTokenAddedToVault")
        .withArgs(await d.usd.getAddress(), 7n * USD);
      expect(await vault.vaultAccBalances(d.usd)).to.equal(7n * USD);
      expect(await vault.tokens()).to.deep.equal([await d.usd.getAddress()]);
      await networkHelpers.stopImpersonatingAccount(lap);
    });

    it("splits revenue pro rata over time; RT transfers leave accrued revenue with the sender", async function () {
      const { d, payer, investor, third, ip, vault, sendRtFromIp } = await networkHelpers.loadFixture(vaultFixture);
      await payUsd(d, payer, ip.ipId, 100n * USD);

      // 25% to the investor: the 100 USD accrued before stays with the IP account.
      const quarter = RT_SUPPLY / 4n;
      const data = vault.interface.encodeFunctionData("transfer", [investor.address, quarter]);
      await expect(ip.account.connect(ip.owner).execute(await vault.getAddress(), 0n, data))
        .to.emit(vault, "RevenueDebtUpdated")
        .withArgs(investor.address, await d.usd.getAddress(), 100n * USD * quarter)
        .and.to.emit(vault, "RevenueDebtUpdated")
        .withArgs(ip.ipId, await d.usd.getAddress(), 100n * USD * (RT_SUPPLY - quarter) - 100n * USD * RT_SUPPLY);
      expect(await vault.claimableRevenue(investor.address, d.usd)).to.equal(0n);
      expect(await vault.claimableRevenue(ip.ipId, d.usd)).to.equal(100n * USD);

      await payUsd(d, payer, ip.ipId, 40n * USD);
      expect(await vault.claimableRevenue(investor.address, d.usd)).to.equal(10n * USD);
      expect(await vault.claimableRevenue(ip.ipId, d.usd)).to.equal(130n * USD);

      // The investor passes 10% of the supply on; its 10 USD stay with it.
      await (await vault.connect(investor).transfer(third.address, RT_SUPPLY / 10n)).wait();
      expect(await vault.claimableRevenue(investor.address, d.usd)).to.equal(10n * USD);
      expect(await vault.claimableRevenue(third.address, d.usd)).to.equal(0n);

      await payUsd(d, payer, ip.ipId, 100n * USD);
      expect(await vault.claimableRevenue(ip.ipId, d.usd)).to.equal(205n * USD);
      expect(await vault.claimableRevenue(investor.address, d.usd)).to.equal(25n * USD);
      expect(await vault.claimableRevenue(third.address, d.usd)).to.equal(10n * USD);
      expect(await vault.vaultAccBalances(d.usd)).to.equal(240n * USD);
      expect(await d.usd.balanceOf(vault)).to.equal(240n * USD);

      // Moving RT back and forth later changes nothing already accrued.
      await sendRtFromIp(third.address, RT_SUPPLY / 20n);
      expect(await vault.claimableRevenue(ip.ipId, d.usd)).to.equal(205n * USD);
      expect(await vault.claimableRevenue(third.address, d.usd)).to.equal(10n * USD);
    });

    it("rounds each claim down and keeps the remainder in the vault", async function () {
      const { d, payer, investor, ip, vault, sendRtFromIp } = await networkHelpers.loadFixture(vaultFixture);
      await sendRtFromIp(investor.address, 33_333_333n);
      await payUsd(d, payer, ip.ipId, 10n);
      expect(await vault.claimableRevenue(investor.address, d.usd)).to.equal(3n);
      expect(await vault.claimableRevenue(ip.ipId, d.usd)).to.equal(6n);
      await expect(vault.claimRevenueOnBehalf(investor.address, d.usd)).to.changeTokenBalances(
        ethers,
        d.usd,
        [investor.address, await vault.getAddress()],
        [3n, -3n],
      );
      // The debt holds the claimed amount scaled by the supply; the fraction left accrues later.
      expect(await vault.claimerRevenueDebt(investor.address, d.usd)).to.equal(3n * RT_SUPPLY);
      await payUsd(d, payer, ip.ipId, 20n);
      expect(await vault.claimableRevenue(investor.address, d.usd)).to.equal(6n);
    });
  });

  describe("claims", function () {
    it("lets anyone claim on behalf of a holder, paying the holder", async function () {
      const { d, payer, stranger, ip, vault } = await networkHelpers.loadFixture(vaultFixture);
      await payUsd(d, payer, ip.ipId, 50n * USD);
      const usd = await d.usd.getAddress();
      const tx = vault.connect(stranger).claimRevenueOnBehalf(ip.ipId, d.usd);
      await expect(tx)
        .to.emit(vault, "RevenueTokenClaimed")
        .withArgs(ip.ipId, usd, 50n * USD)
        .and.to.emit(vault, "RevenueDebtUpdated")
        .withArgs(ip.ipId, usd, 50n * USD * RT_SUPPLY);
      await expect(tx).to.changeTokenBalances(
        ethers,
        d.usd,
        [ip.ipId, await vault.getAddress(), stranger.address],
        [50n * USD, -50n * USD, 0n],
      );
      expect(await vault.claimableRevenue(ip.ipId, d.usd)).to.equal(0n);
      await expect(vault.claimRevenueOnBehalf(ip.ipId, d.usd)).to.be.revertedWithCustomError(
        vault,
        "IpRoyaltyVault__NoClaimableTokens",
      );
    });

    it("claims several tokens at once, and reverts the batch if one has nothing", async function () {
      const { d, payer, ip, vault } = await networkHelpers.loadFixture(vaultFixture);
      await payUsd(d, payer, ip.ipId, 30n * USD);
      const wip = await ethers.getContractAt("IWIP", d.story.addresses.WIP);
      await (await wip.connect(payer).deposit({ value: 2n * 10n ** 18n })).wait();
      await (await wip.connect(payer).approve(d.story.addresses.RoyaltyModule, 2n * 10n ** 18n)).wait();
      await (
        await d.royaltyModule.connect(payer).payRoyaltyOnBehalf(ip.ipId, ethers.ZeroAddress, wip, 2n * 10n ** 18n)
      ).wait();
      const tokens = [await d.usd.getAddress(), d.story.addresses.WIP];
      expect(await vault.tokens()).to.deep.equal(tokens);

      expect(await vault.claimRevenueOnBehalfByTokenBatch.staticCall(ip.ipId, tokens)).to.deep.equal([
        30n * USD,
        2n * 10n ** 18n,
      ]);
      const tx = vault.claimRevenueOnBehalfByTokenBatch(ip.ipId, tokens);
      await expect(tx).to.changeTokenBalances(ethers, d.usd, [ip.ipId], [30n * USD]);
      await expect(tx).to.changeTokenBalances(ethers, wip, [ip.ipId], [2n * 10n ** 18n]);

      await payUsd(d, payer, ip.ipId, USD);
      await expect(vault.claimRevenueOnBehalfByTokenBatch(ip.ipId, tokens)).to.be.revertedWithCustomError(
        vault,
        "IpRoyaltyVault__NoClaimableTokens",
      );
      expect(await vault.claimableRevenue(ip.ipId, d.usd)).to.equal(USD);
    });

    it("reverts a claim for a holder with nothing, and refuses claims for a vault by anyone else", async function () {
      const { d, payer, investor, ip, vault } = await networkHelpers.loadFixture(vaultFixture);
      await payUsd(d, payer, ip.ipId, USD);
      await expect(vault.claimRevenueOnBehalf(investor.address, d.usd)).to.be.revertedWithCustomError(
        vault,
        "IpRoyaltyVault__NoClaimableTokens",
      );
      await expect(vault.claimRevenueOnBehalf(await vault.getAddress(), d.usd)).to.be.revertedWithCustomError(
        vault,
        "IpRoyaltyVault__VaultsMustClaimAsSelf",
      );
    });

    it("freezes a tagged IP's revenue: claimable 0 and claims revert", async function () {
      const { d, payer, stranger, ip, vault } = await networkHelpers.loadFixture(vaultFixture);
      await payUsd(d, payer, ip.ipId, 20n * USD);
      const disputeId = await raiseDispute(d.story, stranger as Signer, ip.ipId);
      // Only a positive judgement tags: while IN_DISPUTE the revenue stays claimable.
      expect(await vault.claimableRevenue(ip.ipId, d.usd)).to.equal(20n * USD);
      await judgeDispute(d.story, disputeId, true);
      expect(await d.story.disputes.isIpTagged(ip.ipId)).to.equal(true);
      expect(await vault.claimableRevenue(ip.ipId, d.usd)).to.equal(0n);
      await expect(vault.claimRevenueOnBehalf(ip.ipId, d.usd)).to.be.revertedWithCustomError(
        vault,
        "IpRoyaltyVault__NoClaimableTokens",
      );
      expect(await d.usd.balanceOf(vault)).to.equal(20n * USD);
    });
  });

  describe("RT transfers", function () {
    it("reverts transfers to self, from empty holders and above the balance with Story's errors", async function () {
      const { investor, stranger, vault, sendRtFromIp } = await networkHelpers.loadFixture(vaultFixture);
      await sendRtFromIp(investor.address, 1_000n);
      const address = await vault.getAddress();
      await expect(vault.connect(investor).transfer(investor.address, 1n))
        .to.be.revertedWithCustomError(vault, "IpRoyaltyVault__SameFromToAddress")
        .withArgs(address, investor.address);
      await expect(vault.connect(stranger).transfer(investor.address, 0n))
        .to.be.revertedWithCustomError(vault, "IpRoyaltyVault__ZeroBalance")
        .withArgs(address, stranger.address);
      await expect(vault.connect(investor).transfer(stranger.address, 1_001n))
        .to.be.revertedWithCustomError(vault, "IpRoyaltyVault__InsufficientBalance")
        .withArgs(address, investor.address, 1_001n);
      expect(await vault.balanceOf(investor.address)).to.equal(1_000n);
    });

    it("lets a holder make a zero-amount transfer, as Story does, without moving revenue", async function () {
      const { d, payer, investor, stranger, ip, vault, sendRtFromIp } = await networkHelpers.loadFixture(vaultFixture);
      await sendRtFromIp(investor.address, RT_SUPPLY / 2n);
      await payUsd(d, payer, ip.ipId, 8n * USD);
      await expect(vault.connect(investor).transfer(stranger.address, 0n)).to.changeTokenBalances(
        ethers,
        vault,
        [investor.address, stranger.address],
        [0n, 0n],
      );
      expect(await vault.claimableRevenue(investor.address, d.usd)).to.equal(4n * USD);
      expect(await vault.claimableRevenue(stranger.address, d.usd)).to.equal(0n);
    });

    it("moves accrued-revenue bookkeeping with transferFrom too", async function () {
      const { d, payer, investor, stranger, ip, vault, sendRtFromIp } = await networkHelpers.loadFixture(vaultFixture);
      await sendRtFromIp(investor.address, RT_SUPPLY / 2n);
      await payUsd(d, payer, ip.ipId, 10n * USD);
      await (await vault.connect(investor).approve(stranger.address, RT_SUPPLY / 2n)).wait();
      await (await vault.connect(stranger).transferFrom(investor.address, stranger.address, RT_SUPPLY / 2n)).wait();
      expect(await vault.claimableRevenue(investor.address, d.usd)).to.equal(5n * USD);
      expect(await vault.claimableRevenue(stranger.address, d.usd)).to.equal(0n);
      await payUsd(d, payer, ip.ipId, 10n * USD);
      expect(await vault.claimableRevenue(stranger.address, d.usd)).to.equal(5n * USD);
    });
  });

  it("is not deployed for an IP that only has non-commercial terms", async function () {
    const { d, creator } = await networkHelpers.loadFixture(vaultFixture);
    const other = await createIp(d.story, creator);
    expect(await d.royaltyModule.ipRoyaltyVaults(other.ipId)).to.equal(ethers.ZeroAddress);
  });
});
