import { expect } from "chai";
import { network } from "hardhat";
import {
  DEVNET_MAX_BOND,
  DEVNET_MAX_LIVENESS,
  DEVNET_MIN_BOND,
  DEVNET_MIN_LIVENESS,
  IP_GRAPH_ADDRESS,
  WIP_ADDRESS,
  installIPGraph,
} from "../../fixtures/devnet.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const coder = ethers.AbiCoder.defaultAbiCoder();
const tag = (s: string) => ethers.encodeBytes32String(s);
const IMPROPER_USAGE = tag("IMPROPER_USAGE");
const IN_DISPUTE = tag("IN_DISPUTE");
const ONE = 10n ** 18n;
const BOND = ONE; // 1 WIP
const EVIDENCE = ethers.id("evidence-1");
const umaData = (liveness: bigint, currency: string, bond: bigint) =>
  coder.encode(["uint64", "address", "uint256"], [liveness, currency, bond]);
const DATA = umaData(DEVNET_MIN_LIVENESS, WIP_ADDRESS, BOND);

/** Registry, WIP at 0x1514, IP graph at 0x0101, dispute module and mock UMA policy wired like devnet.ts. */
async function disputeFixture() {
  const [admin, alice, bob, carol] = await ethers.getSigners();
  const wipTemplate = await ethers.deployContract("WIP");
  await networkHelpers.setCode(WIP_ADDRESS, await ethers.provider.getCode(await wipTemplate.getAddress()));
  await installIPGraph(connection);
  const wip = await ethers.getContractAt("WIP", WIP_ADDRESS);
  const graph = await ethers.getContractAt("IPGraph", IP_GRAPH_ADDRESS);

  const nft = await ethers.deployContract("DevnetNFT");
  const impl = await ethers.deployContract("IPAccountImpl");
  const registry = await ethers.deployContract("IPAssetRegistry", [await impl.getAddress()]);
  const dispute = await ethers.deployContract("DisputeModule", [await registry.getAddress(), admin.address]);
  const policy = await ethers.deployContract("MockArbitrationPolicy", [await dispute.getAddress(), admin.address]);
  await policy.setLiveness(DEVNET_MIN_LIVENESS, DEVNET_MAX_LIVENESS);
  await policy.setBondLimits(WIP_ADDRESS, DEVNET_MIN_BOND, DEVNET_MAX_BOND);
  await dispute.whitelistArbitrationPolicy(await policy.getAddress(), true);
  await dispute.setBaseArbitrationPolicy(await policy.getAddress());

  const chainId = (await ethers.provider.getNetwork()).chainId;
  const nftAddress = await nft.getAddress();
  await nft.mint(alice.address); // 1: the disputed IP
  await nft.mint(alice.address); // 2: a derivative of it
  await registry.register(chainId, nftAddress, 1n);
  await registry.register(chainId, nftAddress, 2n);
  const ipId = await registry.ipId(chainId, nftAddress, 1n);
  const childIpId = await registry.ipId(chainId, nftAddress, 2n);
  await graph.addParentIp(childIpId, [ipId]);

  await wip.connect(bob).deposit({ value: 10n * ONE });
  await wip.connect(bob).approve(await policy.getAddress(), ethers.MaxUint256);
  const usd = await ethers.deployContract("DevnetStablecoin");
  return {
    admin,
    alice,
    bob,
    carol,
    wip,
    graph,
    registry,
    dispute,
    policy,
    usd,
    ipId,
    childIpId,
  };
}

/** The fixture plus one open dispute raised by bob against ipId. */
async function openDispute() {
  const f = await disputeFixture();
  await f.dispute.connect(f.bob).raiseDispute(f.ipId, EVIDENCE, IMPROPER_USAGE, DATA);
  return f;
}

describe("DisputeModule + MockArbitrationPolicy (devnet)", function () {
  describe("setup and admin", function () {
    it("whitelists Story's four tags at construction; IN_DISPUTE is not a tag", async function () {
      const { dispute, policy, admin } = await networkHelpers.loadFixture(disputeFixture);
      for (const t of ["IMPROPER_REGISTRATION", "IMPROPER_USAGE", "IMPROPER_PAYMENT", "CONTENT_STANDARDS_VIOLATION"]) {
        expect(await dispute.isWhitelistedDisputeTag(tag(t))).to.equal(true);
      }
      expect(await dispute.IN_DISPUTE()).to.equal(IN_DISPUTE);
      expect(await dispute.isWhitelistedDisputeTag(IN_DISPUTE)).to.equal(false);
      expect(await dispute.owner()).to.equal(admin.address);
      expect(await dispute.baseArbitrationPolicy()).to.equal(await policy.getAddress());
      expect(await dispute.isWhitelistedArbitrationPolicy(await policy.getAddress())).to.equal(true);
      expect(await dispute.disputeCounter()).to.equal(0n);
    });

    it("whitelistDisputeTag: events, zero and IN_DISPUTE refused, admin only", async function () {
      const { dispute, bob } = await networkHelpers.loadFixture(disputeFixture);
      await expect(dispute.whitelistDisputeTag(tag("NEW_TAG"), true))
        .to.emit(dispute, "TagWhitelistUpdated")
        .withArgs(tag("NEW_TAG"), true);
      expect(await dispute.isWhitelistedDisputeTag(tag("NEW_TAG"))).to.equal(true);
      await dispute.whitelistDisputeTag(tag("NEW_TAG"), false);
      expect(await dispute.isWhitelistedDisputeTag(tag("NEW_TAG"))).to.equal(false);
      await expect(dispute.whitelistDisputeTag(ethers.ZeroHash, true)).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__ZeroDisputeTag",
      );
      await expect(dispute.whitelistDisputeTag(IN_DISPUTE, true)).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__NotAllowedToWhitelist",
      );
      await expect(dispute.connect(bob).whitelistDisputeTag(tag("X"), true))
        .to.be.revertedWithCustomError(dispute, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });

    it("arbitration policy whitelist and base policy rules", async function () {
      const { dispute, policy, bob, carol } = await networkHelpers.loadFixture(disputeFixture);
      const policyAddress = await policy.getAddress();
      await expect(dispute.whitelistArbitrationPolicy(ethers.ZeroAddress, true)).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__ZeroArbitrationPolicy",
      );
      await expect(dispute.whitelistArbitrationPolicy(policyAddress, false)).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__CannotBlacklistBaseArbitrationPolicy",
      );
      await expect(dispute.setBaseArbitrationPolicy(carol.address)).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__NotWhitelistedArbitrationPolicy",
      );
      await expect(dispute.whitelistArbitrationPolicy(carol.address, true))
        .to.emit(dispute, "ArbitrationPolicyWhitelistUpdated")
        .withArgs(carol.address, true);
      await expect(dispute.setBaseArbitrationPolicy(carol.address))
        .to.emit(dispute, "DefaultArbitrationPolicyUpdated")
        .withArgs(carol.address);
      expect(await dispute.baseArbitrationPolicy()).to.equal(carol.address);
      await dispute.whitelistArbitrationPolicy(policyAddress, false);
      expect(await dispute.isWhitelistedArbitrationPolicy(policyAddress)).to.equal(false);
      await expect(dispute.connect(bob).setBaseArbitrationPolicy(policyAddress))
        .to.be.revertedWithCustomError(dispute, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
      await expect(dispute.connect(bob).whitelistArbitrationPolicy(bob.address, true))
        .to.be.revertedWithCustomError(dispute, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });
  });

  describe("mock arbitration policy", function () {
    it("exposes UMA's views, with itself as oov3", async function () {
      const { policy, dispute } = await networkHelpers.loadFixture(disputeFixture);
      expect(await policy.minLiveness()).to.equal(DEVNET_MIN_LIVENESS);
      expect(await policy.maxLiveness()).to.equal(DEVNET_MAX_LIVENESS);
      expect(await policy.maxBonds(WIP_ADDRESS)).to.equal(DEVNET_MAX_BOND);
      expect(await policy.getMinimumBond(WIP_ADDRESS)).to.equal(DEVNET_MIN_BOND);
      expect(await policy.oov3()).to.equal(await policy.getAddress());
      expect(await policy.DISPUTE_MODULE()).to.equal(await dispute.getAddress());
    });

    it("rejects a zero dispute module", async function () {
      const { policy, admin } = await networkHelpers.loadFixture(disputeFixture);
      const factory = await ethers.getContractFactory("MockArbitrationPolicy");
      await expect(factory.deploy(ethers.ZeroAddress, admin.address)).to.be.revertedWithCustomError(
        policy,
        "ArbitrationPolicyUMA__ZeroDisputeModule",
      );
    });

    it("setLiveness: bounds-checked, emits LivenessSet, owner only", async function () {
      const { policy, bob } = await networkHelpers.loadFixture(disputeFixture);
      await expect(policy.setLiveness(0n, 10n)).to.be.revertedWithCustomError(
        policy,
        "ArbitrationPolicyUMA__ZeroMinLiveness",
      );
      await expect(policy.setLiveness(10n, 0n)).to.be.revertedWithCustomError(
        policy,
        "ArbitrationPolicyUMA__ZeroMaxLiveness",
      );
      await expect(policy.setLiveness(11n, 10n)).to.be.revertedWithCustomError(
        policy,
        "ArbitrationPolicyUMA__MinLivenessAboveMax",
      );
      await expect(policy.connect(bob).setLiveness(1n, 2n))
        .to.be.revertedWithCustomError(policy, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
      await expect(policy.setLiveness(5n, 10n)).to.emit(policy, "LivenessSet").withArgs(5n, 10n, 0n);
      expect(await policy.minLiveness()).to.equal(5n);
      expect(await policy.maxLiveness()).to.equal(10n);
    });

    it("setBondLimits: bounds-checked, emits MinimumBondSet and MaxBondSet, owner only", async function () {
      const { policy, usd, bob } = await networkHelpers.loadFixture(disputeFixture);
      const usdAddress = await usd.getAddress();
      await expect(policy.setBondLimits(ethers.ZeroAddress, 1n, 2n)).to.be.revertedWithCustomError(
        policy,
        "MockArbitrationPolicy__ZeroCurrency",
      );
      await expect(policy.setBondLimits(usdAddress, 3n, 2n)).to.be.revertedWithCustomError(
        policy,
        "ArbitrationPolicyUMA__MaxBondBelowMinimumBond",
      );
      await expect(policy.connect(bob).setBondLimits(usdAddress, 1n, 2n))
        .to.be.revertedWithCustomError(policy, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
      const tx = policy.setBondLimits(usdAddress, 1n, 2n);
      await expect(tx).to.emit(policy, "MinimumBondSet").withArgs(usdAddress, 1n);
      await expect(tx).to.emit(policy, "MaxBondSet").withArgs(usdAddress, 2n);
      expect(await policy.getMinimumBond(usdAddress)).to.equal(1n);
      expect(await policy.maxBonds(usdAddress)).to.equal(2n);
    });

    it("only the dispute module may call the hooks", async function () {
      const { policy, bob, ipId } = await networkHelpers.loadFixture(disputeFixture);
      await expect(
        policy.connect(bob).onRaiseDispute(bob.address, ipId, EVIDENCE, IMPROPER_USAGE, 1n, DATA),
      ).to.be.revertedWithCustomError(policy, "ArbitrationPolicyUMA__NotDisputeModule");
      await expect(policy.connect(bob).onDisputeJudgement(1n, true, "0x")).to.be.revertedWithCustomError(
        policy,
        "ArbitrationPolicyUMA__NotDisputeModule",
      );
      await expect(policy.connect(bob).onDisputeCancel(bob.address, 1n, "0x")).to.be.revertedWithCustomError(
        policy,
        "ArbitrationPolicyUMA__NotDisputeModule",
      );
      await expect(policy.connect(bob).onResolveDispute(bob.address, 1n, "0x")).to.be.revertedWithCustomError(
        policy,
        "ArbitrationPolicyUMA__NotDisputeModule",
      );
    });
  });

  describe("raiseDispute", function () {
    it("records the dispute IN_DISPUTE, pulls the bond, emits DisputeRaised and DisputeRaisedUMA", async function () {
      const { dispute, policy, wip, bob, ipId } = await networkHelpers.loadFixture(disputeFixture);
      const policyAddress = await policy.getAddress();
      expect(await dispute.connect(bob).raiseDispute.staticCall(ipId, EVIDENCE, IMPROPER_USAGE, DATA)).to.equal(1n);
      const tx = dispute.connect(bob).raiseDispute(ipId, EVIDENCE, IMPROPER_USAGE, DATA);
      await expect(tx).to.changeTokenBalances(ethers, wip, [bob.address, policyAddress], [-BOND, BOND]);
      const timestamp = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
      await expect(tx)
        .to.emit(dispute, "DisputeRaised")
        .withArgs(1n, ipId, bob.address, timestamp, policyAddress, EVIDENCE, IMPROPER_USAGE, DATA);
      await expect(tx)
        .to.emit(policy, "DisputeRaisedUMA")
        .withArgs(1n, ethers.toBeHex(1n, 32), bob.address, DEVNET_MIN_LIVENESS, WIP_ADDRESS, BOND);
      expect(await dispute.disputeCounter()).to.equal(1n);
      expect(await dispute.disputes(1n)).to.deep.equal([
        ipId,
        bob.address,
        timestamp,
        policyAddress,
        EVIDENCE,
        IMPROPER_USAGE,
        IN_DISPUTE,
        0n,
      ]);
      expect(await policy.bonds(1n)).to.deep.equal([bob.address, ipId, WIP_ADDRESS, BOND]);
      // Merely disputed is not tagged.
      expect(await dispute.isIpTagged(ipId)).to.equal(false);
    });

    it("every bad input reverts with Story's error and changes nothing", async function () {
      const { dispute, policy, wip, usd, bob, carol, ipId } = await networkHelpers.loadFixture(disputeFixture);
      await dispute.connect(bob).raiseDispute(ipId, EVIDENCE, IMPROPER_USAGE, DATA);
      const fresh = ethers.id("evidence-2");
      const usdAddress = await usd.getAddress();
      const cases: [
        string,
        string,
        string,
        string,
        string,
        { target: { interface: unknown }; error: string; args?: unknown[] },
      ][] = [
        [
          carol.address,
          fresh,
          IMPROPER_USAGE,
          DATA,
          "unregistered",
          { target: dispute, error: "DisputeModule__NotRegisteredIpId" },
        ],
        [
          ipId,
          fresh,
          tag("NOT_A_TAG"),
          DATA,
          "unknown tag",
          { target: dispute, error: "DisputeModule__NotWhitelistedDisputeTag" },
        ],
        [
          ipId,
          fresh,
          IN_DISPUTE,
          DATA,
          "IN_DISPUTE tag",
          { target: dispute, error: "DisputeModule__NotWhitelistedDisputeTag" },
        ],
        [
          ipId,
          ethers.ZeroHash,
          IMPROPER_USAGE,
          DATA,
          "zero evidence",
          { target: dispute, error: "DisputeModule__ZeroDisputeEvidenceHash" },
        ],
        [
          ipId,
          EVIDENCE,
          IMPROPER_USAGE,
          DATA,
          "reused evidence",
          { target: dispute, error: "DisputeModule__EvidenceHashAlreadyUsed" },
        ],
        [
          ipId,
          fresh,
          IMPROPER_USAGE,
          umaData(DEVNET_MIN_LIVENESS - 1n, WIP_ADDRESS, BOND),
          "short liveness",
          { target: policy, error: "ArbitrationPolicyUMA__LivenessBelowMin" },
        ],
        [
          ipId,
          fresh,
          IMPROPER_USAGE,
          umaData(DEVNET_MAX_LIVENESS + 1n, WIP_ADDRESS, BOND),
          "long liveness",
          { target: policy, error: "ArbitrationPolicyUMA__LivenessAboveMax" },
        ],
        [
          ipId,
          fresh,
          IMPROPER_USAGE,
          umaData(DEVNET_MIN_LIVENESS, WIP_ADDRESS, DEVNET_MAX_BOND + 1n),
          "bond above max",
          { target: policy, error: "ArbitrationPolicyUMA__BondAboveMax" },
        ],
        [
          ipId,
          fresh,
          IMPROPER_USAGE,
          umaData(DEVNET_MIN_LIVENESS, usdAddress, 1n),
          "currency with no limits",
          { target: policy, error: "ArbitrationPolicyUMA__BondAboveMax" },
        ],
        [
          ipId,
          fresh,
          IMPROPER_USAGE,
          umaData(DEVNET_MIN_LIVENESS, usdAddress, 0n),
          "currency not whitelisted",
          {
            target: policy,
            error: "ArbitrationPolicyUMA__CurrencyNotWhitelisted",
          },
        ],
        [
          ipId,
          fresh,
          IMPROPER_USAGE,
          umaData(DEVNET_MIN_LIVENESS, WIP_ADDRESS, DEVNET_MIN_BOND - 1n),
          "bond below min",
          {
            target: policy,
            error: "MockArbitrationPolicy__BondBelowMinimum",
            args: [DEVNET_MIN_BOND - 1n, DEVNET_MIN_BOND],
          },
        ],
      ];
      for (const [target, evidence, disputeTag, data, label, expected] of cases) {
        const assertion = expect(
          dispute.connect(bob).raiseDispute(target, evidence, disputeTag, data),
          label,
        ).to.be.revertedWithCustomError(expected.target, expected.error);
        if (expected.args) {
          await assertion.withArgs(...expected.args);
        } else {
          await assertion;
        }
      }
      expect(await dispute.disputeCounter()).to.equal(1n);
      expect(await wip.balanceOf(bob.address)).to.equal(10n * ONE - BOND);
      expect(await wip.balanceOf(await policy.getAddress())).to.equal(BOND);
    });

    it("without an approved bond the transfer fails (WIP's error) and nothing is recorded", async function () {
      const { dispute, policy, wip, carol, ipId } = await networkHelpers.loadFixture(disputeFixture);
      await wip.connect(carol).deposit({ value: BOND });
      await expect(
        dispute.connect(carol).raiseDispute(ipId, EVIDENCE, IMPROPER_USAGE, DATA),
      ).to.be.revertedWithCustomError(wip, "InsufficientAllowance");
      await wip.connect(carol).approve(await policy.getAddress(), 2n * BOND);
      await expect(
        dispute
          .connect(carol)
          .raiseDispute(ipId, EVIDENCE, IMPROPER_USAGE, umaData(DEVNET_MIN_LIVENESS, WIP_ADDRESS, 2n * BOND)),
      ).to.be.revertedWithCustomError(wip, "InsufficientBalance");
      expect(await dispute.disputeCounter()).to.equal(0n);
      expect(await wip.balanceOf(carol.address)).to.equal(BOND);
    });
  });

  describe("judgement", function () {
    it("only the dispute's policy may judge (NotArbitrationRelayer); judge is owner only", async function () {
      const { dispute, policy, bob, admin } = await networkHelpers.loadFixture(openDispute);
      await expect(dispute.connect(admin).setDisputeJudgement(1n, true, "0x")).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__NotArbitrationRelayer",
      );
      await expect(policy.connect(bob).judge(1n, true))
        .to.be.revertedWithCustomError(policy, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
      expect((await dispute.disputes(1n))[6]).to.equal(IN_DISPUTE);
    });

    it("positive: target tag applied, IP tagged, bond back to the initiator", async function () {
      const { dispute, policy, wip, bob, ipId } = await networkHelpers.loadFixture(openDispute);
      const policyAddress = await policy.getAddress();
      const tx = policy.judge(1n, true);
      await expect(tx).to.emit(dispute, "DisputeJudgementSet").withArgs(1n, true, "0x");
      await expect(tx).to.emit(policy, "BondPaid").withArgs(1n, bob.address, WIP_ADDRESS, BOND);
      await expect(tx).to.changeTokenBalances(ethers, wip, [bob.address, policyAddress], [BOND, -BOND]);
      expect((await dispute.disputes(1n))[6]).to.equal(IMPROPER_USAGE);
      expect(await dispute.isIpTagged(ipId)).to.equal(true);
      expect(await policy.bonds(1n)).to.deep.equal([ethers.ZeroAddress, ethers.ZeroAddress, ethers.ZeroAddress, 0n]);
      await expect(policy.judge(1n, false)).to.be.revertedWithCustomError(dispute, "DisputeModule__NotInDisputeState");
    });

    it("negative: tag cleared, IP not tagged, bond to the target IP account", async function () {
      const { dispute, policy, wip, ipId } = await networkHelpers.loadFixture(openDispute);
      const tx = policy.judge(1n, false);
      await expect(tx).to.emit(dispute, "DisputeJudgementSet").withArgs(1n, false, "0x");
      await expect(tx).to.emit(policy, "BondPaid").withArgs(1n, ipId, WIP_ADDRESS, BOND);
      await expect(tx).to.changeTokenBalances(ethers, wip, [ipId, await policy.getAddress()], [BOND, -BOND]);
      expect((await dispute.disputes(1n))[6]).to.equal(ethers.ZeroHash);
      expect(await dispute.isIpTagged(ipId)).to.equal(false);
      await expect(policy.judge(1n, true)).to.be.revertedWithCustomError(dispute, "DisputeModule__NotInDisputeState");
    });

    it("a dispute that does not exist cannot be judged", async function () {
      const { dispute, policy } = await networkHelpers.loadFixture(openDispute);
      await expect(policy.judge(2n, true)).to.be.revertedWithCustomError(dispute, "DisputeModule__NotInDisputeState");
    });
  });

  describe("resolve and cancel", function () {
    it("the initiator resolves a positive dispute: untagged, DisputeResolved, once only", async function () {
      const { dispute, policy, bob, alice, ipId } = await networkHelpers.loadFixture(openDispute);
      await expect(dispute.connect(bob).resolveDispute(1n, "0x")).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__NotAbleToResolve",
      );
      await policy.judge(1n, true);
      await expect(dispute.connect(alice).resolveDispute(1n, "0x")).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__NotDisputeInitiator",
      );
      await expect(dispute.connect(bob).resolveDispute(1n, "0x12"))
        .to.emit(dispute, "DisputeResolved")
        .withArgs(1n, "0x12");
      expect(await dispute.isIpTagged(ipId)).to.equal(false);
      expect((await dispute.disputes(1n))[6]).to.equal(ethers.ZeroHash);
      await expect(dispute.connect(bob).resolveDispute(1n, "0x")).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__NotAbleToResolve",
      );
    });

    it("a negatively judged dispute cannot be resolved", async function () {
      const { dispute, policy, bob } = await networkHelpers.loadFixture(openDispute);
      await policy.judge(1n, false);
      await expect(dispute.connect(bob).resolveDispute(1n, "0x")).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__NotAbleToResolve",
      );
    });

    it("the IP stays tagged until every successful dispute is resolved", async function () {
      const { dispute, policy, bob, ipId } = await networkHelpers.loadFixture(openDispute);
      await dispute.connect(bob).raiseDispute(ipId, ethers.id("evidence-2"), tag("IMPROPER_PAYMENT"), DATA);
      await policy.judge(1n, true);
      await policy.judge(2n, true);
      await dispute.connect(bob).resolveDispute(1n, "0x");
      expect(await dispute.isIpTagged(ipId)).to.equal(true);
      await dispute.connect(bob).resolveDispute(2n, "0x");
      expect(await dispute.isIpTagged(ipId)).to.equal(false);
    });

    it("cancel: initiator only, and UMA's policy refuses it", async function () {
      const { dispute, policy, alice, bob } = await networkHelpers.loadFixture(openDispute);
      await expect(dispute.connect(alice).cancelDispute(1n, "0x")).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__NotDisputeInitiator",
      );
      await expect(dispute.connect(bob).cancelDispute(1n, "0x")).to.be.revertedWithCustomError(
        policy,
        "ArbitrationPolicyUMA__CannotCancel",
      );
      await policy.judge(1n, false);
      await expect(dispute.connect(bob).cancelDispute(1n, "0x")).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__NotInDisputeState",
      );
    });
  });

  describe("tagIfRelatedIpInfringed", function () {
    it("propagates a positive tag to a derivative, once, and resolves after the parent", async function () {
      const { dispute, policy, bob, carol, ipId, childIpId } = await networkHelpers.loadFixture(openDispute);
      await expect(dispute.connect(carol).tagIfRelatedIpInfringed(childIpId, 1n)).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__DisputeWithoutInfringementTag",
      );
      await policy.judge(1n, true);
      await expect(dispute.connect(carol).tagIfRelatedIpInfringed(ipId, 1n)).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__NotDerivativeOrGroupIp",
      );
      const tx = dispute.connect(carol).tagIfRelatedIpInfringed(childIpId, 1n);
      await expect(tx)
        .to.emit(dispute, "IpTaggedOnRelatedIpInfringement")
        .withArgs(2n, ipId, childIpId, 1n, IMPROPER_USAGE, (t: bigint) => t > 0n);
      expect(await dispute.isIpTagged(childIpId)).to.equal(true);
      const record = await dispute.disputes(2n);
      expect([record[0], record[1], record[5], record[6], record[7]]).to.deep.equal([
        childIpId,
        carol.address,
        IMPROPER_USAGE,
        IMPROPER_USAGE,
        1n,
      ]);
      await expect(dispute.connect(carol).tagIfRelatedIpInfringed(childIpId, 1n)).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__DisputeAlreadyPropagated",
      );
      await expect(dispute.connect(carol).resolveDispute(2n, "0x")).to.be.revertedWithCustomError(
        dispute,
        "DisputeModule__RelatedDisputeNotResolved",
      );
      await dispute.connect(bob).resolveDispute(1n, "0x");
      // Anyone may resolve an inherited tag once the parent's dispute is resolved.
      await expect(dispute.connect(bob).resolveDispute(2n, "0x"))
        .to.emit(dispute, "DisputeResolved")
        .withArgs(2n, "0x");
      expect(await dispute.isIpTagged(childIpId)).to.equal(false);
    });
  });
});
