import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();

const WIP_FEED = ethers.id("IP/USD");
const USD_FEED = ethers.id("USDC/USD");
const MAX_AGE = 3600n;
const FEE = 1n;

async function now() {
  return BigInt(await networkHelpers.time.latest());
}

async function deployAdapter() {
  const [admin, stranger] = await ethers.getSigners();
  const manager = await ethers.deployContract("AccessManager", [admin.address]);
  const pyth = await ethers.deployContract("MockPyth", [60n, FEE]);
  const wip = await ethers.deployContract("WIP");
  const usd = await ethers.deployContract("DevnetStablecoin");
  const adapter = await ethers.deployContract("PythPriceAdapter", [
    await manager.getAddress(),
    await pyth.getAddress(),
    await wip.getAddress(),
    WIP_FEED,
    MAX_AGE,
  ]);

  /** Pushes a price (mantissa, exponent) published at `publishTime` (default: the next block's time). */
  async function push(feed: string, price: bigint, expo: bigint, publishTime?: bigint) {
    const time = publishTime ?? (await now()) + 1n;
    const data = await pyth.createPriceFeedUpdateData(feed, price, 0n, expo, price, 0n, time, time - 1n);
    await pyth.updatePriceFeeds([data], { value: FEE });
  }

  return { manager, pyth, wip, usd, adapter, push, admin, stranger };
}

async function deployPriced() {
  const fixture = await deployAdapter();
  await fixture.adapter.setFeed(await fixture.usd.getAddress(), USD_FEED);
  // USDC at $0.99987654 (expo -8), IP at $3.14159 (expo -5).
  await fixture.push(USD_FEED, 99_987_654n, -8n);
  await fixture.push(WIP_FEED, 314_159n, -5n);
  return { ...fixture, pricedAt: await now() };
}

describe("PythPriceAdapter", function () {
  describe("deployment", function () {
    it("stores its configuration", async function () {
      const { adapter, pyth, wip } = await networkHelpers.loadFixture(deployAdapter);
      expect(await adapter.pyth()).to.equal(await pyth.getAddress());
      expect(await adapter.loanAsset()).to.equal(await wip.getAddress());
      expect(await adapter.loanAssetFeedId()).to.equal(WIP_FEED);
      expect(await adapter.maxAge()).to.equal(MAX_AGE);
      await expect(adapter.deploymentTransaction()).to.emit(adapter, "MaxAgeSet").withArgs(MAX_AGE);
    });

    it("rejects zero addresses, a zero feed and a max age out of bounds", async function () {
      const { manager, pyth, wip } = await networkHelpers.loadFixture(deployAdapter);
      const factory = await ethers.getContractFactory("PythPriceAdapter");
      const [m, p, w] = [await manager.getAddress(), await pyth.getAddress(), await wip.getAddress()];
      await expect(factory.deploy(m, ethers.ZeroAddress, w, WIP_FEED, MAX_AGE)).to.be.revertedWithCustomError(
        factory,
        "ZeroAddress",
      );
      await expect(factory.deploy(m, p, ethers.ZeroAddress, WIP_FEED, MAX_AGE)).to.be.revertedWithCustomError(
        factory,
        "ZeroAddress",
      );
      await expect(factory.deploy(m, p, w, ethers.ZeroHash, MAX_AGE)).to.be.revertedWithCustomError(
        factory,
        "ZeroFeedId",
      );
      await expect(factory.deploy(m, p, w, WIP_FEED, 59n))
        .to.be.revertedWithCustomError(factory, "MaxAgeOutOfBounds")
        .withArgs(59n, 60n, 86_400n);
    });
  });

  describe("configuration", function () {
    it("sets a feed with the token's decimals, and removes it", async function () {
      const { adapter, usd } = await networkHelpers.loadFixture(deployAdapter);
      const token = await usd.getAddress();
      await expect(adapter.setFeed(token, USD_FEED)).to.emit(adapter, "FeedSet").withArgs(token, USD_FEED, 6n);
      expect(await adapter.feedOf(token)).to.deep.equal([USD_FEED, 6n]);
      await expect(adapter.setFeed(token, ethers.ZeroHash))
        .to.emit(adapter, "FeedSet")
        .withArgs(token, ethers.ZeroHash, 0n);
      expect(await adapter.feedOf(token)).to.deep.equal([ethers.ZeroHash, 0n]);
      await expect(adapter.setFeed(token, ethers.ZeroHash))
        .to.be.revertedWithCustomError(adapter, "FeedNotSet")
        .withArgs(token);
    });

    it("rejects the zero address and the loan asset", async function () {
      const { adapter, wip } = await networkHelpers.loadFixture(deployAdapter);
      for (const token of [ethers.ZeroAddress, await wip.getAddress()]) {
        await expect(adapter.setFeed(token, USD_FEED))
          .to.be.revertedWithCustomError(adapter, "InvalidToken")
          .withArgs(token);
      }
    });

    it("bounds and sets the max age", async function () {
      const { adapter } = await networkHelpers.loadFixture(deployAdapter);
      await expect(adapter.setMaxAge(86_401n))
        .to.be.revertedWithCustomError(adapter, "MaxAgeOutOfBounds")
        .withArgs(86_401n, 60n, 86_400n);
      expect(await adapter.maxAge()).to.equal(MAX_AGE);
      await expect(adapter.setMaxAge(600n)).to.emit(adapter, "MaxAgeSet").withArgs(600n);
      expect(await adapter.maxAge()).to.equal(600n);
    });

    it("restricts its setters", async function () {
      const { adapter, usd, stranger } = await networkHelpers.loadFixture(deployAdapter);
      await expect(adapter.connect(stranger).setFeed(await usd.getAddress(), USD_FEED))
        .to.be.revertedWithCustomError(adapter, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
      await expect(adapter.connect(stranger).setMaxAge(600n))
        .to.be.revertedWithCustomError(adapter, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
      expect(await adapter.feedOf(await usd.getAddress())).to.deep.equal([ethers.ZeroHash, 0n]);
    });
  });

  describe("convert", function () {
    it("converts a 6-decimal stablecoin into 18-decimal WIP exactly, rounding down", async function () {
      const { adapter, usd, pricedAt } = await networkHelpers.loadFixture(deployPriced);
      // 1,000 USDC at $0.99987654 = $999.87654 → / $3.14159 per IP.
      const amount = 1_000n * 10n ** 6n;
      // amount × 99987654e-8 / 10^6 USD, / (314159e-5 USD / 10^18 wei) = amount × 99987654 × 10^9 / 314159.
      const expected = (amount * 99_987_654n * 10n ** 9n) / 314_159n;
      expect(expected).to.equal(318_270_856_477_134_190_012n); // ≈ 318.27 WIP, remainder dropped
      expect(await adapter.convert(await usd.getAddress(), amount)).to.deep.equal([expected, pricedAt - 1n]);
    });

    it("converts round prices to round amounts", async function () {
      const { adapter, usd, push } = await networkHelpers.loadFixture(deployPriced);
      await push(USD_FEED, 100_000_000n, -8n);
      await push(WIP_FEED, 250_000n, -5n);
      // 1,000 USDC at $1 / $2.5 per IP = 400 WIP.
      const [value] = await adapter.convert(await usd.getAddress(), 1_000n * 10n ** 6n);
      expect(value).to.equal(400n * 10n ** 18n);
    });

    it("converts 18-decimal WIP into a 6-decimal stablecoin (negative scale)", async function () {
      const { manager, pyth, wip, usd, push } = await networkHelpers.loadFixture(deployPriced);
      const reverse = await ethers.deployContract("PythPriceAdapter", [
        await manager.getAddress(),
        await pyth.getAddress(),
        await usd.getAddress(),
        USD_FEED,
        MAX_AGE,
      ]);
      await reverse.setFeed(await wip.getAddress(), WIP_FEED);
      await push(USD_FEED, 100_000_000n, -8n);
      await push(WIP_FEED, 250_000n, -5n);
      const [value] = await reverse.convert(await wip.getAddress(), 4n * 10n ** 18n + 1n);
      expect(value).to.equal(10n * 10n ** 6n); // 4 IP at $2.5 = 10 USDC; the extra wei rounds away
    });

    it("returns the loan asset 1:1 at the current time", async function () {
      const { adapter, wip } = await networkHelpers.loadFixture(deployAdapter);
      expect(await adapter.convert(await wip.getAddress(), 777n)).to.deep.equal([777n, await now()]);
    });

    it("reports the older of the two publish times, never a future one", async function () {
      const { adapter, usd, push } = await networkHelpers.loadFixture(deployPriced);
      const token = await usd.getAddress();
      const t = await now();
      await push(WIP_FEED, 250_000n, -5n, t + 1n);
      await push(USD_FEED, 100_000_000n, -8n, t + 2n);
      expect((await adapter.convert(token, 1n))[1]).to.equal(t + 1n);
      // Publish times ahead of the chain's clock are reported as now.
      await push(WIP_FEED, 250_000n, -5n, t + 1_000n);
      await push(USD_FEED, 100_000_000n, -8n, t + 1_000n);
      expect((await adapter.convert(token, 1n))[1]).to.equal(await now());
    });

    it("rejects tokens without a feed", async function () {
      const { adapter } = await networkHelpers.loadFixture(deployPriced);
      const token = ethers.Wallet.createRandom().address;
      await expect(adapter.convert(token, 1n)).to.be.revertedWithCustomError(adapter, "FeedNotSet").withArgs(token);
    });

    it("rejects prices older than the max age, on either side", async function () {
      const { adapter, usd, push, pricedAt } = await networkHelpers.loadFixture(deployPriced);
      const token = await usd.getAddress();
      // USD was published one second before WIP: at exactly max age it still works.
      await networkHelpers.time.increaseTo(pricedAt - 1n + MAX_AGE);
      expect((await adapter.convert(token, 1n))[1]).to.equal(pricedAt - 1n);
      await networkHelpers.time.increaseTo(pricedAt + MAX_AGE);
      await expect(adapter.convert(token, 1n))
        .to.be.revertedWithCustomError(adapter, "PriceTooOld")
        .withArgs(USD_FEED, pricedAt - 1n, MAX_AGE);
      await push(USD_FEED, 100_000_000n, -8n);
      await networkHelpers.time.increase(1);
      await expect(adapter.convert(token, 1n))
        .to.be.revertedWithCustomError(adapter, "PriceTooOld")
        .withArgs(WIP_FEED, pricedAt, MAX_AGE);
    });

    it("rejects negative and zero prices", async function () {
      const { adapter, usd, push } = await networkHelpers.loadFixture(deployPriced);
      const token = await usd.getAddress();
      await push(USD_FEED, -5n, -8n);
      await expect(adapter.convert(token, 1n))
        .to.be.revertedWithCustomError(adapter, "NonPositivePrice")
        .withArgs(USD_FEED, -5n);
      await push(USD_FEED, 100_000_000n, -8n);
      await push(WIP_FEED, 0n, -5n);
      await expect(adapter.convert(token, 1n))
        .to.be.revertedWithCustomError(adapter, "NonPositivePrice")
        .withArgs(WIP_FEED, 0n);
    });

    it("rejects scales beyond the supported power of ten", async function () {
      const { adapter, push } = await networkHelpers.loadFixture(deployPriced);
      const odd = await ethers.deployContract("MockDecimalsToken", [77]);
      const feed = ethers.id("ODD/USD");
      await adapter.setFeed(await odd.getAddress(), feed);
      await push(feed, 1n, -8n);
      // -8 - (-5) + 18 - 77 = -62.
      await expect(adapter.convert(await odd.getAddress(), 1n))
        .to.be.revertedWithCustomError(adapter, "ScaleOutOfRange")
        .withArgs(-62n);
    });
  });
});
