import { network } from "hardhat";
import { expect } from "chai";
import { AbiCoder, ZeroAddress } from "ethers";
import type { PILTermsStruct } from "./helpers.ts";
import { PERCENT, commercialTerms, loadDevnet, nonCommercialTerms } from "./helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const PIL_TUPLE =
  "tuple(bool,address,uint256,uint256,bool,bool,address,bytes,uint32,uint256,bool,bool,bool,bool,uint256,address,string)";

function encodeTerms(t: PILTermsStruct): string {
  return AbiCoder.defaultAbiCoder().encode(
    [PIL_TUPLE],
    [
      [
        t.transferable,
        t.royaltyPolicy,
        t.defaultMintingFee,
        t.expiration,
        t.commercialUse,
        t.commercialAttribution,
        t.commercializerChecker,
        t.commercializerCheckerData,
        t.commercialRevShare,
        t.commercialRevCeiling,
        t.derivativesAllowed,
        t.derivativesAttribution,
        t.derivativesApproval,
        t.derivativesReciprocal,
        t.derivativeRevCeiling,
        t.currency,
        t.uri,
      ],
    ],
  );
}

describe("devnet PILicenseTemplate", function () {
  async function templateFixture() {
    const d = await loadDevnet(connection);
    const [, , , , stranger] = await ethers.getSigners();
    return { d, stranger };
  }

  it("registers Story's non-commercial social remixing terms as id 1 at deployment", async function () {
    const { d } = await networkHelpers.loadFixture(templateFixture);
    expect(await d.template.totalRegisteredLicenseTerms()).to.equal(1n);
    expect(await d.template.exists(1n)).to.equal(true);
    expect(await d.template.exists(0n)).to.equal(false);
    expect(await d.template.exists(2n)).to.equal(false);
    expect(await d.template.getLicenseTermsId(nonCommercialTerms())).to.equal(1n);
    expect(await d.template.getRoyaltyPolicy(1n)).to.deep.equal([ZeroAddress, 0n, 0n, ZeroAddress]);
    expect(await d.template.allowDerivativeRegistration(1n)).to.equal(true);
    expect(await d.template.isLicenseTransferable(1n)).to.equal(true);

    const fresh = await ethers.deployContract("PILicenseTemplate", [d.story.addresses.RoyaltyModule]);
    await expect(fresh.deploymentTransaction())
      .to.emit(fresh, "LicenseTermsRegistered")
      .withArgs(1n, await fresh.getAddress(), encodeTerms(nonCommercialTerms()));
  });

  it("registers new terms once, returning the existing id for identical terms without an event", async function () {
    const { d, stranger } = await networkHelpers.loadFixture(templateFixture);
    const terms = commercialTerms(d, { revShare: 7n * PERCENT, mintingFee: 3n });
    const template = d.template.connect(stranger);
    expect(await template.getLicenseTermsId(terms)).to.equal(0n);
    await expect(template.registerLicenseTerms(terms))
      .to.emit(template, "LicenseTermsRegistered")
      .withArgs(2n, await template.getAddress(), encodeTerms(terms));
    expect(await template.registerLicenseTerms.staticCall(terms)).to.equal(2n);
    await expect(template.registerLicenseTerms(terms)).to.not.emit(template, "LicenseTermsRegistered");
    expect(await template.totalRegisteredLicenseTerms()).to.equal(2n);
    expect(await template.getLicenseTermsId(terms)).to.equal(2n);

    const stored = await template.getLicenseTerms(2n);
    expect(stored.royaltyPolicy).to.equal(terms.royaltyPolicy);
    expect(stored.commercialRevShare).to.equal(7n * PERCENT);
    expect(stored.defaultMintingFee).to.equal(3n);
    expect(stored.currency).to.equal(terms.currency);
    expect(await template.getRoyaltyPolicy(2n)).to.deep.equal([terms.royaltyPolicy, 7n * PERCENT, 3n, terms.currency]);

    // Any difference makes new terms.
    await expect(template.registerLicenseTerms({ ...terms, uri: "x" }))
      .to.emit(template, "LicenseTermsRegistered")
      .withArgs(3n, await template.getAddress(), encodeTerms({ ...terms, uri: "x" }));
  });

  describe("validation (Story's errors, in Story's order)", function () {
    const cases: [
      string,
      (t: PILTermsStruct, d: Awaited<ReturnType<typeof templateFixture>>["d"], x: string) => PILTermsStruct,
    ][] = [
      ["PILicenseTemplate__RoyaltyPolicyNotWhitelisted", (t, _d, x) => ({ ...t, royaltyPolicy: x, currency: x })],
      ["PILicenseTemplate__CurrencyTokenNotWhitelisted", (t, _d, x) => ({ ...t, currency: x })],
      ["PILicenseTemplate__RoyaltyPolicyRequiresCurrencyToken", (t) => ({ ...t, currency: ZeroAddress })],
      [
        "PILicenseTemplate__MintingFeeRequiresRoyaltyPolicy",
        () => ({ ...nonCommercialTerms(), defaultMintingFee: 1n }),
      ],
      [
        "PILicenseTemplate__CommercialDisabled_CantAddAttribution",
        () => ({ ...nonCommercialTerms(), commercialAttribution: true }),
      ],
      [
        "PILicenseTemplate__CommercialDisabled_CantAddCommercializers",
        (_t, _d, x) => ({ ...nonCommercialTerms(), commercializerChecker: x }),
      ],
      [
        "PILicenseTemplate__CommercialDisabled_CantAddRevShare",
        () => ({ ...nonCommercialTerms(), commercialRevShare: 1n }),
      ],
      [
        "PILicenseTemplate__CommercialDisabled_CantAddRevCeiling",
        () => ({ ...nonCommercialTerms(), commercialRevCeiling: 1n }),
      ],
      [
        "PILicenseTemplate__CommercialDisabled_CantAddDerivativeRevCeiling",
        () => ({ ...nonCommercialTerms(), derivativeRevCeiling: 1n }),
      ],
      [
        "PILicenseTemplate__CommercialDisabled_CantAddRoyaltyPolicy",
        (t) => ({ ...t, commercialUse: false, commercialAttribution: false, commercialRevShare: 0n }),
      ],
      [
        "PILicenseTemplate__CommercialEnabled_RoyaltyPolicyRequired",
        () => ({ ...nonCommercialTerms(), commercialUse: true }),
      ],
      [
        "PILicenseTemplate__DerivativesDisabled_CantAddAttribution",
        (t) => ({ ...t, derivativesAllowed: false, derivativesReciprocal: false }),
      ],
      [
        "PILicenseTemplate__DerivativesDisabled_CantAddApproval",
        (t) => ({ ...t, derivativesAllowed: false, derivativesAttribution: false, derivativesApproval: true }),
      ],
      [
        "PILicenseTemplate__DerivativesDisabled_CantAddReciprocal",
        (t) => ({ ...t, derivativesAllowed: false, derivativesAttribution: false }),
      ],
      [
        "PILicenseTemplate__DerivativesDisabled_CantAddDerivativeRevCeiling",
        (t) => ({
          ...t,
          derivativesAllowed: false,
          derivativesAttribution: false,
          derivativesReciprocal: false,
          derivativeRevCeiling: 1n,
        }),
      ],
    ];
    for (const [error, build] of cases) {
      it(`reverts with ${error}`, async function () {
        const { d, stranger } = await networkHelpers.loadFixture(templateFixture);
        const terms = build(commercialTerms(d), d, stranger.address);
        await expect(d.template.registerLicenseTerms(terms)).to.be.revertedWithCustomError(d.template, error);
        expect(await d.template.totalRegisteredLicenseTerms()).to.equal(1n);
      });
    }

    it("refuses a commercializer checker that is not a hook module", async function () {
      const { d, stranger } = await networkHelpers.loadFixture(templateFixture);
      await expect(d.template.registerLicenseTerms({ ...commercialTerms(d), commercializerChecker: stranger.address }))
        .to.be.revertedWithCustomError(d.template, "PILicenseTemplate__CommercializerCheckerDoesNotSupportHook")
        .withArgs(stranger.address);
    });

    it("accepts terms without derivatives when no derivative option is set", async function () {
      const { d } = await networkHelpers.loadFixture(templateFixture);
      const terms = {
        ...commercialTerms(d),
        derivativesAllowed: false,
        derivativesAttribution: false,
        derivativesReciprocal: false,
      };
      await expect(d.template.registerLicenseTerms(terms)).to.emit(d.template, "LicenseTermsRegistered");
      expect(await d.template.allowDerivativeRegistration(2n)).to.equal(false);
    });
  });

  it("tells which terms a derivative may combine", async function () {
    const { d } = await networkHelpers.loadFixture(templateFixture);
    await (await d.template.registerLicenseTerms(commercialTerms(d))).wait();
    await (await d.template.registerLicenseTerms(commercialTerms(d, { revShare: PERCENT }))).wait();
    await (await d.template.registerLicenseTerms({ ...commercialTerms(d), derivativesReciprocal: false })).wait();
    await (
      await d.template.registerLicenseTerms({
        ...commercialTerms(d, { revShare: PERCENT }),
        derivativesReciprocal: false,
      })
    ).wait();
    expect(await d.template.verifyCompatibleLicenses([2n])).to.equal(true);
    expect(await d.template.verifyCompatibleLicenses([2n, 2n])).to.equal(true);
    expect(await d.template.verifyCompatibleLicenses([1n, 2n])).to.equal(false); // commercial vs not
    expect(await d.template.verifyCompatibleLicenses([2n, 3n])).to.equal(false); // reciprocal terms must be equal
    expect(await d.template.verifyCompatibleLicenses([2n, 4n])).to.equal(false); // reciprocity differs
    expect(await d.template.verifyCompatibleLicenses([4n, 5n])).to.equal(true);
  });

  it("rejects a zero royalty module at construction", async function () {
    const factory = await ethers.getContractFactory("PILicenseTemplate");
    await expect(factory.deploy(ZeroAddress)).to.be.revertedWithCustomError(
      factory,
      "PILicenseTemplate__ZeroRoyaltyModule",
    );
  });
});
