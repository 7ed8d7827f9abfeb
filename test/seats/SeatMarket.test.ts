import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

const SERIES = 1n;
const NO_ROYALTY_SERIES = 2n;
const SEATS = 50n;
const PRICE = 100_000_000n; // 100 dUSD (6 decimals) per seat
const ROYALTY_BPS = 500n; // 5%
const DAY = 24n * 60n * 60n;
const YEAR = 365n * DAY;
const ROLE_LISTING_ADMIN = 7n;

async function deployMarket() {
  const [admin, seller, buyer, receiver, other] = await ethers.getSigners();
  const manager = await ethers.deployContract("AccessManager", [admin.address]);
  const seats = await ethers.deployContract("MockSeats1155");
  const market = await ethers.deployContract("SeatMarket", [await seats.getAddress(), await manager.getAddress()]);
  const usd = await ethers.deployContract("DevnetStablecoin");
  const unlisted = await ethers.deployContract("DevnetStablecoin");
  const marketAddress = await market.getAddress();

  await market.connect(admin).setPaymentToken(await usd.getAddress(), true);
  await seats.mint(seller.address, SERIES, SEATS);
  await seats.mint(seller.address, NO_ROYALTY_SERIES, SEATS);
  await seats.setRoyalty(SERIES, receiver.address, ROYALTY_BPS);
  await seats.connect(seller).setApprovalForAll(marketAddress, true);
  for (const account of [buyer, other]) {
    await usd.mint(account.address, 1_000_000n * PRICE);
    await usd.connect(account).approve(marketAddress, ethers.MaxUint256);
    await unlisted.mint(account.address, 1_000_000n * PRICE);
    await unlisted.connect(account).approve(marketAddress, ethers.MaxUint256);
  }
  return { admin, seller, buyer, receiver, other, manager, seats, market, usd, unlisted, marketAddress };
}

/** The default fixture plus one listing of all 50 seats of SERIES at PRICE, no expiry (id 1). */
async function deployWithListing() {
  const f = await deployMarket();
  await f.market.connect(f.seller).list(SERIES, SEATS, await f.usd.getAddress(), PRICE, 0);
  return { ...f, listingId: 1n };
}

/** Exact split of a sale at the 5% royalty. */
function split(amount: bigint, price = PRICE, bps = ROYALTY_BPS) {
  const total = amount * price;
  const royalty = (total * bps) / 10_000n;
  return { total, royalty, proceeds: total - royalty };
}

describe("SeatMarket", function () {
  describe("deployment", function () {
    it("stores the seats contract and authority, starts ids at 1, and exposes the bounds", async function () {
      const { market, seats, manager } = await networkHelpers.loadFixture(deployMarket);
      expect(await market.seats()).to.equal(await seats.getAddress());
      expect(await market.authority()).to.equal(await manager.getAddress());
      expect(await market.nextListingId()).to.equal(1n);
      expect(await market.MAX_ROYALTY_BPS()).to.equal(1_000n);
      expect(await market.MAX_LISTING_DURATION()).to.equal(YEAR);
    });

    it("rejects a seats contract without ERC-1155 + ERC-2981 (an ERC-20, an EOA, a plain ERC-1155) with UnsupportedSeats", async function () {
      const { market, manager, usd, other } = await networkHelpers.loadFixture(deployMarket);
      const factory = await ethers.getContractFactory("SeatMarket");
      for (const bad of [await usd.getAddress(), other.address, ethers.ZeroAddress]) {
        await expect(factory.deploy(bad, await manager.getAddress()))
          .to.be.revertedWithCustomError(market, "UnsupportedSeats")
          .withArgs(bad);
      }
      // An ERC-1155 that does not declare ERC-2981.
      const plain = await ethers.deployContract("MockSeats1155");
      await plain.setHideERC2981(true);
      await expect(factory.deploy(await plain.getAddress(), await manager.getAddress()))
        .to.be.revertedWithCustomError(market, "UnsupportedSeats")
        .withArgs(await plain.getAddress());
    });
  });

  describe("setPaymentToken", function () {
    it("the admin allows and disallows a token (PaymentTokenSet)", async function () {
      const { market, admin, unlisted } = await networkHelpers.loadFixture(deployMarket);
      const token = await unlisted.getAddress();
      expect(await market.isPaymentToken(token)).to.equal(false);
      await expect(market.connect(admin).setPaymentToken(token, true))
        .to.emit(market, "PaymentTokenSet")
        .withArgs(token, true);
      expect(await market.isPaymentToken(token)).to.equal(true);
      await expect(market.connect(admin).setPaymentToken(token, false))
        .to.emit(market, "PaymentTokenSet")
        .withArgs(token, false);
      expect(await market.isPaymentToken(token)).to.equal(false);
    });

    it("reverts with AccessManagedUnauthorized for anyone else, and ZeroAddress for token 0", async function () {
      const { market, admin, other, unlisted } = await networkHelpers.loadFixture(deployMarket);
      await expect(market.connect(other).setPaymentToken(await unlisted.getAddress(), true))
        .to.be.revertedWithCustomError(market, "AccessManagedUnauthorized")
        .withArgs(other.address);
      expect(await market.isPaymentToken(await unlisted.getAddress())).to.equal(false);
      await expect(market.connect(admin).setPaymentToken(ethers.ZeroAddress, true)).to.be.revertedWithCustomError(
        market,
        "ZeroAddress",
      );
    });

    it("a role granted with an execution delay must schedule and wait", async function () {
      const { market, manager, admin, other, unlisted, marketAddress } = await networkHelpers.loadFixture(deployMarket);
      const selector = market.interface.getFunction("setPaymentToken").selector;
      await manager.connect(admin).setTargetFunctionRole(marketAddress, [selector], ROLE_LISTING_ADMIN);
      await manager.connect(admin).grantRole(ROLE_LISTING_ADMIN, other.address, DAY);
      const token = await unlisted.getAddress();
      const data = market.interface.encodeFunctionData("setPaymentToken", [token, true]);
      const operationId = await manager.hashOperation(other.address, marketAddress, data);

      await expect(market.connect(other).setPaymentToken(token, true))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotScheduled")
        .withArgs(operationId);
      await manager.connect(other).schedule(marketAddress, data, 0n);
      await time.increase(DAY - 2n);
      await expect(manager.connect(other).execute(marketAddress, data))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotReady")
        .withArgs(operationId);
      await time.increase(2n);
      await expect(manager.connect(other).execute(marketAddress, data))
        .to.emit(market, "PaymentTokenSet")
        .withArgs(token, true);
      expect(await market.isPaymentToken(token)).to.equal(true);
    });
  });

  describe("list", function () {
    it("records the listing without custody and emits Listed", async function () {
      const { market, seats, seller, usd, marketAddress } = await networkHelpers.loadFixture(deployMarket);
      const expiry = BigInt(await time.latest()) + 7n * DAY;
      const token = await usd.getAddress();
      await expect(market.connect(seller).list(SERIES, 20n, token, PRICE, expiry))
        .to.emit(market, "Listed")
        .withArgs(1n, seller.address, SERIES, 20n, token, PRICE, expiry);
      expect(await market.listing(1n)).to.deep.equal([seller.address, expiry, token, SERIES, 20n, PRICE]);
      expect(await market.nextListingId()).to.equal(2n);
      expect(await market.fillable(1n)).to.equal(20n);
      // No custody: the seats stay with the seller.
      expect(await seats.balanceOf(seller.address, SERIES)).to.equal(SEATS);
      expect(await seats.balanceOf(marketAddress, SERIES)).to.equal(0n);

      // A second listing of the same seats is allowed (both are limited by what the seller holds when bought).
      await expect(market.connect(seller).list(SERIES, SEATS, token, PRICE * 2n, 0))
        .to.emit(market, "Listed")
        .withArgs(2n, seller.address, SERIES, SEATS, token, PRICE * 2n, 0n);
      expect(await market.nextListingId()).to.equal(3n);
    });

    it("accepts an expiry exactly MAX_LISTING_DURATION away, rejects one second more and any past expiry", async function () {
      const { market, seller, usd } = await networkHelpers.loadFixture(deployMarket);
      const token = await usd.getAddress();
      const now = BigInt(await time.latest());

      await time.setNextBlockTimestamp(now + 10n);
      await expect(market.connect(seller).list(SERIES, 1n, token, PRICE, now + 10n + YEAR + 1n))
        .to.be.revertedWithCustomError(market, "InvalidExpiry")
        .withArgs(now + 10n + YEAR + 1n);
      await time.setNextBlockTimestamp(now + 20n);
      await expect(market.connect(seller).list(SERIES, 1n, token, PRICE, now + 20n))
        .to.be.revertedWithCustomError(market, "InvalidExpiry")
        .withArgs(now + 20n);
      await time.setNextBlockTimestamp(now + 30n);
      await expect(market.connect(seller).list(SERIES, 1n, token, PRICE, now + 30n + YEAR))
        .to.emit(market, "Listed")
        .withArgs(1n, seller.address, SERIES, 1n, token, PRICE, now + 30n + YEAR);
    });

    it("rejects zero amount, zero price and a price whose total overflows", async function () {
      const { market, seller, usd } = await networkHelpers.loadFixture(deployMarket);
      const token = await usd.getAddress();
      await expect(market.connect(seller).list(SERIES, 0n, token, PRICE, 0)).to.be.revertedWithCustomError(
        market,
        "ZeroAmount",
      );
      await expect(market.connect(seller).list(SERIES, 1n, token, 0n, 0))
        .to.be.revertedWithCustomError(market, "InvalidPrice")
        .withArgs(0n);
      const tooHigh = ethers.MaxUint256 / 2n + 1n;
      await expect(market.connect(seller).list(SERIES, 2n, token, tooHigh, 0))
        .to.be.revertedWithCustomError(market, "InvalidPrice")
        .withArgs(tooHigh);
      // The largest price that fits 2 seats is fine.
      await expect(market.connect(seller).list(SERIES, 2n, token, ethers.MaxUint256 / 2n, 0)).to.emit(market, "Listed");
    });

    it("rejects a payment token that is not allowed", async function () {
      const { market, seller, unlisted } = await networkHelpers.loadFixture(deployMarket);
      await expect(market.connect(seller).list(SERIES, 1n, await unlisted.getAddress(), PRICE, 0))
        .to.be.revertedWithCustomError(market, "PaymentTokenNotAllowed")
        .withArgs(await unlisted.getAddress());
      await expect(market.connect(seller).list(SERIES, 1n, ethers.ZeroAddress, PRICE, 0))
        .to.be.revertedWithCustomError(market, "PaymentTokenNotAllowed")
        .withArgs(ethers.ZeroAddress);
      expect(await market.nextListingId()).to.equal(1n);
    });

    it("rejects more seats than held (InsufficientSeats) and a missing approval (MarketNotApproved)", async function () {
      const { market, seller, other, usd, seats, marketAddress } = await networkHelpers.loadFixture(deployMarket);
      const token = await usd.getAddress();
      await expect(market.connect(seller).list(SERIES, SEATS + 1n, token, PRICE, 0))
        .to.be.revertedWithCustomError(market, "InsufficientSeats")
        .withArgs(SERIES, SEATS, SEATS + 1n);
      await expect(market.connect(other).list(SERIES, 1n, token, PRICE, 0))
        .to.be.revertedWithCustomError(market, "InsufficientSeats")
        .withArgs(SERIES, 0n, 1n);
      await seats.connect(seller).setApprovalForAll(marketAddress, false);
      await expect(market.connect(seller).list(SERIES, 1n, token, PRICE, 0))
        .to.be.revertedWithCustomError(market, "MarketNotApproved")
        .withArgs(seller.address);
      expect(await market.nextListingId()).to.equal(1n);
    });
  });

  describe("buy", function () {
    it("fills a whole listing: exact payments to receiver and seller, seats to the buyer, listing closed", async function () {
      const { market, seats, usd, seller, buyer, receiver, marketAddress, listingId } =
        await networkHelpers.loadFixture(deployWithListing);
      const { total, royalty, proceeds } = split(SEATS);
      expect(royalty).to.equal(250_000_000n); // 5% of 5,000 dUSD
      const tx = market.connect(buyer).buy(listingId, SEATS, total);
      await expect(tx)
        .to.emit(market, "Purchased")
        .withArgs(listingId, buyer.address, seller.address, SERIES, SEATS, total, receiver.address, royalty);
      await expect(tx).to.changeTokenBalances(
        ethers,
        usd,
        [buyer, seller, receiver, marketAddress],
        [-total, proceeds, royalty, 0n],
      );
      await expect(tx)
        .to.emit(seats, "TransferSingle")
        .withArgs(marketAddress, seller.address, buyer.address, SERIES, SEATS);
      expect(await seats.balanceOf(buyer.address, SERIES)).to.equal(SEATS);
      expect(await seats.balanceOf(seller.address, SERIES)).to.equal(0n);
      expect(await market.listing(listingId)).to.deep.equal([ethers.ZeroAddress, 0n, ethers.ZeroAddress, 0n, 0n, 0n]);
      expect(await market.fillable(listingId)).to.equal(0n);
      await expect(market.connect(buyer).buy(listingId, 1n, PRICE))
        .to.be.revertedWithCustomError(market, "ListingNotActive")
        .withArgs(listingId);
    });

    it("fills part of a listing, leaving the rest listed, then the rest closes it", async function () {
      const { market, seats, usd, seller, buyer, other, receiver, listingId } =
        await networkHelpers.loadFixture(deployWithListing);
      const first = split(20n);
      const tx = market.connect(buyer).buy(listingId, 20n, first.total);
      await expect(tx)
        .to.emit(market, "Purchased")
        .withArgs(listingId, buyer.address, seller.address, SERIES, 20n, first.total, receiver.address, first.royalty);
      await expect(tx).to.changeTokenBalances(
        ethers,
        usd,
        [buyer, seller, receiver],
        [-first.total, first.proceeds, first.royalty],
      );
      const remaining = await market.listing(listingId);
      expect(remaining.amount).to.equal(30n);
      expect(remaining.seller).to.equal(seller.address);
      expect(remaining.pricePerSeat).to.equal(PRICE);
      expect(await market.fillable(listingId)).to.equal(30n);

      await expect(market.connect(other).buy(listingId, 31n, ethers.MaxUint256))
        .to.be.revertedWithCustomError(market, "AmountExceedsListing")
        .withArgs(listingId, 31n, 30n);

      const second = split(30n);
      await expect(market.connect(other).buy(listingId, 30n, second.total)).to.changeTokenBalances(
        ethers,
        usd,
        [other, seller, receiver],
        [-second.total, second.proceeds, second.royalty],
      );
      expect(await seats.balanceOf(buyer.address, SERIES)).to.equal(20n);
      expect(await seats.balanceOf(other.address, SERIES)).to.equal(30n);
      expect(await seats.balanceOf(seller.address, SERIES)).to.equal(0n);
      expect((await market.listing(listingId)).amount).to.equal(0n);
    });

    it("quote returns exactly what buy charges, and reverts like buy on bad amounts", async function () {
      const { market, receiver, listingId } = await networkHelpers.loadFixture(deployWithListing);
      const { total, royalty, proceeds } = split(7n);
      expect(await market.quote(listingId, 7n)).to.deep.equal([total, receiver.address, royalty, proceeds]);
      await expect(market.quote(listingId, 0n)).to.be.revertedWithCustomError(market, "ZeroAmount");
      await expect(market.quote(listingId, SEATS + 1n))
        .to.be.revertedWithCustomError(market, "AmountExceedsListing")
        .withArgs(listingId, SEATS + 1n, SEATS);
      await expect(market.quote(99n, 1n)).to.be.revertedWithCustomError(market, "ListingNotActive").withArgs(99n);
    });

    it("reverts with PriceAboveMax when the total exceeds maxTotalPrice (exactly the total passes)", async function () {
      const { market, usd, buyer, listingId } = await networkHelpers.loadFixture(deployWithListing);
      const { total } = split(10n);
      await expect(market.connect(buyer).buy(listingId, 10n, total - 1n))
        .to.be.revertedWithCustomError(market, "PriceAboveMax")
        .withArgs(total, total - 1n);
      await expect(market.connect(buyer).buy(listingId, 10n, total)).to.changeTokenBalance(ethers, usd, buyer, -total);
    });

    it("reverts with ZeroAmount, SelfPurchase, and ListingNotActive for an unknown id", async function () {
      const { market, seller, buyer, listingId } = await networkHelpers.loadFixture(deployWithListing);
      await expect(market.connect(buyer).buy(listingId, 0n, 0n)).to.be.revertedWithCustomError(market, "ZeroAmount");
      await expect(market.connect(seller).buy(listingId, 1n, PRICE))
        .to.be.revertedWithCustomError(market, "SelfPurchase")
        .withArgs(listingId);
      await expect(market.connect(buyer).buy(0n, 1n, PRICE))
        .to.be.revertedWithCustomError(market, "ListingNotActive")
        .withArgs(0n);
      expect((await market.listing(listingId)).amount).to.equal(SEATS);
    });

    it("reverts with PaymentTokenNotAllowed when the listing's token was disallowed after listing", async function () {
      const { market, admin, usd, buyer, listingId } = await networkHelpers.loadFixture(deployWithListing);
      await market.connect(admin).setPaymentToken(await usd.getAddress(), false);
      expect(await market.fillable(listingId)).to.equal(0n);
      await expect(market.connect(buyer).buy(listingId, 1n, PRICE))
        .to.be.revertedWithCustomError(market, "PaymentTokenNotAllowed")
        .withArgs(await usd.getAddress());
      await market.connect(admin).setPaymentToken(await usd.getAddress(), true);
      expect(await market.fillable(listingId)).to.equal(SEATS);
    });
    it("a buyer contract re-entering buy from its ERC-1155 hook reverts the whole purchase", async function () {
      const f = await networkHelpers.loadFixture(deployWithListing);
      const { market, usd, seats, seller, listingId, marketAddress } = f;
      const attacker = await ethers.deployContract("MockReentrantBuyer", [marketAddress]);
      const attackerAddress = await attacker.getAddress();
      await usd.mint(attackerAddress, 10n * PRICE);
      await expect(attacker.attack(await usd.getAddress(), listingId, 2n)).to.be.revertedWithCustomError(
        market,
        "ReentrancyGuardReentrantCall",
      );
      expect(await usd.balanceOf(attackerAddress)).to.equal(10n * PRICE);
      expect(await usd.balanceOf(seller.address)).to.equal(0n);
      expect(await seats.balanceOf(attackerAddress, SERIES)).to.equal(0n);
      expect((await market.listing(listingId)).amount).to.equal(SEATS);
    });
  });

  describe("royalty", function () {
    it("caps an excessive royalty (50%) at 10% of the sale", async function () {
      const { market, seats, usd, seller, buyer, receiver, listingId } =
        await networkHelpers.loadFixture(deployWithListing);
      await seats.setRoyalty(SERIES, receiver.address, 5_000n);
      const { total, royalty, proceeds } = split(10n, PRICE, 1_000n);
      expect(await market.quote(listingId, 10n)).to.deep.equal([total, receiver.address, royalty, proceeds]);
      const tx = market.connect(buyer).buy(listingId, 10n, total);
      await expect(tx)
        .to.emit(market, "Purchased")
        .withArgs(listingId, buyer.address, seller.address, SERIES, 10n, total, receiver.address, royalty);
      await expect(tx).to.changeTokenBalances(ethers, usd, [buyer, seller, receiver], [-total, proceeds, royalty]);
    });

    it("caps a broken royalty (reports more than the price) at 10%, rounding down for the seller", async function () {
      const { market, seats, usd, seller, buyer, receiver } = await networkHelpers.loadFixture(deployMarket);
      await seats.setBrokenRoyalty(SERIES, ethers.MaxUint256);
      // 19 seats at 1 wei: the 10% cap is 1.9 wei → 1.
      await market.connect(seller).list(SERIES, 19n, await usd.getAddress(), 1n, 0);
      const tx = market.connect(buyer).buy(1n, 19n, 19n);
      await expect(tx)
        .to.emit(market, "Purchased")
        .withArgs(1n, buyer.address, seller.address, SERIES, 19n, 19n, receiver.address, 1n);
      await expect(tx).to.changeTokenBalances(ethers, usd, [buyer, seller, receiver], [-19n, 18n, 1n]);
    });

    it("pays the seller everything when the series has no royalty (zero receiver)", async function () {
      const { market, seats, usd, seller, buyer } = await networkHelpers.loadFixture(deployMarket);
      await market.connect(seller).list(NO_ROYALTY_SERIES, 5n, await usd.getAddress(), PRICE, 0);
      expect(await market.quote(1n, 5n)).to.deep.equal([5n * PRICE, ethers.ZeroAddress, 0n, 5n * PRICE]);
      const tx = market.connect(buyer).buy(1n, 5n, 5n * PRICE);
      await expect(tx)
        .to.emit(market, "Purchased")
        .withArgs(1n, buyer.address, seller.address, NO_ROYALTY_SERIES, 5n, 5n * PRICE, ethers.ZeroAddress, 0n);
      await expect(tx).to.changeTokenBalances(ethers, usd, [buyer, seller], [-5n * PRICE, 5n * PRICE]);
      expect(await seats.balanceOf(buyer.address, NO_ROYALTY_SERIES)).to.equal(5n);
    });

    it("treats a royalty reported to the zero address as no royalty", async function () {
      const { market, seats, usd, seller, buyer } = await networkHelpers.loadFixture(deployMarket);
      await seats.setBrokenRoyalty(NO_ROYALTY_SERIES, 1n); // receiver stays address(0)
      await market.connect(seller).list(NO_ROYALTY_SERIES, 1n, await usd.getAddress(), PRICE, 0);
      expect(await market.quote(1n, 1n)).to.deep.equal([PRICE, ethers.ZeroAddress, 0n, PRICE]);
      await expect(market.connect(buyer).buy(1n, 1n, PRICE)).to.changeTokenBalances(
        ethers,
        usd,
        [buyer, seller],
        [-PRICE, PRICE],
      );
    });
  });

  describe("unfillable listings", function () {
    async function snapshot(f: Awaited<ReturnType<typeof deployWithListing>>) {
      const accounts = [f.buyer.address, f.seller.address, f.receiver.address, f.marketAddress];
      return {
        usd: await Promise.all(accounts.map((a) => f.usd.balanceOf(a))),
        seats: await Promise.all(accounts.map((a) => f.seats.balanceOf(a, SERIES))),
        listing: await f.market.listing(f.listingId),
      };
    }

    it("after the seller moved seats away: ListingUnfillable(available), nothing moved, the rest still buyable", async function () {
      const f = await networkHelpers.loadFixture(deployWithListing);
      const { market, seats, seller, other, buyer, listingId } = f;
      await seats.connect(seller).safeTransferFrom(seller.address, other.address, SERIES, 40n, "0x");
      expect(await market.fillable(listingId)).to.equal(10n);
      const before = await snapshot(f);
      await expect(market.connect(buyer).buy(listingId, 11n, ethers.MaxUint256))
        .to.be.revertedWithCustomError(market, "ListingUnfillable")
        .withArgs(listingId, 10n);
      expect(await snapshot(f)).to.deep.equal(before);

      const { total } = split(10n);
      await expect(market.connect(buyer).buy(listingId, 10n, total)).to.changeTokenBalance(
        ethers,
        f.usd,
        buyer,
        -total,
      );
      expect((await market.listing(listingId)).amount).to.equal(40n);
      expect(await market.fillable(listingId)).to.equal(0n);
      await expect(market.connect(buyer).buy(listingId, 1n, PRICE))
        .to.be.revertedWithCustomError(market, "ListingUnfillable")
        .withArgs(listingId, 0n);
    });

    it("after the seller revoked the approval: ListingUnfillable(0), nothing moved", async function () {
      const f = await networkHelpers.loadFixture(deployWithListing);
      const { market, seats, seller, buyer, listingId, marketAddress } = f;
      await seats.connect(seller).setApprovalForAll(marketAddress, false);
      expect(await market.fillable(listingId)).to.equal(0n);
      const before = await snapshot(f);
      await expect(market.connect(buyer).buy(listingId, 1n, PRICE))
        .to.be.revertedWithCustomError(market, "ListingUnfillable")
        .withArgs(listingId, 0n);
      expect(await snapshot(f)).to.deep.equal(before);
      // Re-approving makes the untouched listing buyable again.
      await seats.connect(seller).setApprovalForAll(marketAddress, true);
      expect(await market.fillable(listingId)).to.equal(SEATS);
    });

    it("when the seats contract refuses the transfer, the whole purchase reverts and no money moves", async function () {
      const f = await networkHelpers.loadFixture(deployWithListing);
      const { market, seats, buyer, listingId } = f;
      await seats.setTransfersBlocked(true);
      const before = await snapshot(f);
      await expect(market.connect(buyer).buy(listingId, 1n, PRICE)).to.be.revertedWithCustomError(
        seats,
        "TransfersBlocked",
      );
      expect(await snapshot(f)).to.deep.equal(before);
    });

    it("when the buyer cannot pay, the whole purchase reverts and no seat moves", async function () {
      const f = await networkHelpers.loadFixture(deployWithListing);
      const { market, usd, buyer, listingId, marketAddress } = f;
      await usd.connect(buyer).approve(marketAddress, PRICE - 1n);
      const royalty = (PRICE * ROYALTY_BPS) / 10_000n;
      const before = await snapshot(f);
      // The royalty leg passes, the seller leg exceeds the remaining allowance.
      await expect(market.connect(buyer).buy(listingId, 1n, PRICE))
        .to.be.revertedWithCustomError(usd, "ERC20InsufficientAllowance")
        .withArgs(marketAddress, PRICE - 1n - royalty, PRICE - royalty);
      expect(await snapshot(f)).to.deep.equal(before);
    });
  });

  describe("expiry and cancel", function () {
    async function deployExpiring() {
      const f = await deployMarket();
      const expiry = BigInt(await time.latest()) + DAY;
      await f.market.connect(f.seller).list(SERIES, 10n, await f.usd.getAddress(), PRICE, expiry);
      return { ...f, listingId: 1n, expiry };
    }

    it("is buyable until the second before expiry, then ListingExpired", async function () {
      const { market, buyer, usd, listingId, expiry } = await networkHelpers.loadFixture(deployExpiring);
      await time.setNextBlockTimestamp(expiry - 1n);
      await expect(market.connect(buyer).buy(listingId, 1n, PRICE)).to.changeTokenBalance(ethers, usd, buyer, -PRICE);
      await time.setNextBlockTimestamp(expiry);
      await expect(market.connect(buyer).buy(listingId, 1n, PRICE))
        .to.be.revertedWithCustomError(market, "ListingExpired")
        .withArgs(listingId, expiry);
      // The reverted call was never mined: mine the expiry block so views see it.
      await time.increaseTo(expiry);
      expect(await market.fillable(listingId)).to.equal(0n);
      expect((await market.listing(listingId)).amount).to.equal(9n);
    });

    it("the seller cancels at any time (ListingCancelled); the listing is gone", async function () {
      const { market, seller, buyer, listingId } = await networkHelpers.loadFixture(deployExpiring);
      await expect(market.connect(seller).cancel(listingId)).to.emit(market, "ListingCancelled").withArgs(listingId);
      expect(await market.listing(listingId)).to.deep.equal([ethers.ZeroAddress, 0n, ethers.ZeroAddress, 0n, 0n, 0n]);
      await expect(market.connect(buyer).buy(listingId, 1n, PRICE))
        .to.be.revertedWithCustomError(market, "ListingNotActive")
        .withArgs(listingId);
      await expect(market.connect(seller).cancel(listingId))
        .to.be.revertedWithCustomError(market, "ListingNotActive")
        .withArgs(listingId);
    });

    it("anyone else may cancel only once expired (cleanup); never a listing without expiry", async function () {
      const { market, usd, seller, other, listingId, expiry } = await networkHelpers.loadFixture(deployExpiring);
      await market.connect(seller).list(SERIES, 10n, await usd.getAddress(), PRICE, 0);
      await time.setNextBlockTimestamp(expiry - 1n);
      await expect(market.connect(other).cancel(listingId))
        .to.be.revertedWithCustomError(market, "NotListingSeller")
        .withArgs(listingId, other.address);
      await time.setNextBlockTimestamp(expiry);
      await expect(market.connect(other).cancel(listingId)).to.emit(market, "ListingCancelled").withArgs(listingId);
      expect((await market.listing(listingId)).amount).to.equal(0n);

      await time.increase(10n * YEAR);
      await expect(market.connect(other).cancel(2n))
        .to.be.revertedWithCustomError(market, "NotListingSeller")
        .withArgs(2n, other.address);
      expect((await market.listing(2n)).amount).to.equal(10n);
    });
  });
});
