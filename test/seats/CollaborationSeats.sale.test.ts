import { expect } from "chai";
import { network } from "hardhat";
import type { ContractTransactionResponse, Interface, Signer } from "ethers";
import { createIpWithVault, fundWip, loadStory, RT_SUPPLY, type IpWithVault } from "../fixtures/story.ts";
import {
  buySeatsNative,
  buySeatsWithWip,
  createSeriesFromIpAccount,
  deploySeats,
  openSale,
  PROTOCOL_FEE_BPS,
  seriesParams,
  WAD,
  type Seats,
} from "../fixtures/seats.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const addr = (s: Signer) => s.getAddress();
const SALE = { Pending: 0n, Selling: 1n, Succeeded: 2n, Failed: 3n } as const;
/** RT behind the default series: half the IP's RT. */
const SERIES_RT = RT_SUPPLY / 2n;

/* ---------------------------------------------------------------- fixtures */

/** Series 1 of an IP (signer 1): the default 100 seats at 1 WIP, 30 to succeed, 60 per wallet; sale pending. */
async function deploySale() {
  const story = await loadStory(connection);
  const seats = await deploySeats(story);
  const [, owner, a, b, c, stranger, receiver] = await ethers.getSigners();
  const ip = await createIpWithVault(story, owner);
  const seriesId = await createSeriesFromIpAccount(seats, ip, await seriesParams(seats, ip));
  const seatsAddress = await seats.seats.getAddress();
  return {
    story,
    seats,
    contract: seats.seats,
    wip: story.wip,
    ip,
    seriesId,
    seatsAddress,
    owner,
    a,
    b,
    c,
    stranger,
    receiver,
  };
}

async function deployOpen() {
  const f = await deploySale();
  await openSale(f.seats, f.seriesId);
  return f;
}

/** 50 seats bought by a (native), 10 by b (WIP), window over: the sale succeeded. */
async function deploySucceeded() {
  const f = await deployOpen();
  await buySeatsNative(f.seats, f.a, f.seriesId, 50n);
  await buySeatsWithWip(f.seats, f.b, f.seriesId, 10n);
  await endSale(f.seats, f.seriesId);
  return f;
}

/** 10 seats bought by a, 5 by b (minimum 30), window over: the sale failed. */
async function deployFailed() {
  const f = await deployOpen();
  await buySeatsNative(f.seats, f.a, f.seriesId, 10n);
  await buySeatsWithWip(f.seats, f.b, f.seriesId, 5n);
  await endSale(f.seats, f.seriesId);
  return f;
}

type Fixture = Awaited<ReturnType<typeof deploySale>>;

async function endSale(seats: Seats, seriesId: bigint) {
  const { params } = await seats.seats.series(seriesId);
  await time.increaseTo(params.saleEnd + 1n);
}

/** Native balance change of `account` over `tx`, gas excluded. */
async function nativeDeltaWithoutGas(account: string, send: () => Promise<ContractTransactionResponse>) {
  const before = await ethers.provider.getBalance(account);
  const receipt = (await (await send()).wait())!;
  const after = await ethers.provider.getBalance(account);
  return after - before + receipt.gasUsed * receipt.gasPrice;
}

/** Everything a refused sale action could have changed. */
async function saleSnapshot(f: Fixture, seriesId = f.seriesId) {
  const s = await f.contract.series(seriesId);
  const holders = await Promise.all([f.a, f.b, f.c, f.owner].map(addr));
  return {
    sold: s.sold,
    proceeds: s.proceeds,
    rtHeld: s.rtHeld,
    finalized: s.finalized,
    closedEarly: s.closedEarly,
    supply: await f.contract["totalSupply(uint256)"](seriesId),
    unsold: await f.contract.balanceOf(f.seatsAddress, seriesId),
    seats: await Promise.all(holders.map((h) => f.contract.balanceOf(h, seriesId))),
    wipOfContract: await f.wip.balanceOf(f.seatsAddress),
    wipOfHolders: await Promise.all(holders.map((h) => f.wip.balanceOf(h))),
    rtOfContract: await f.ip.vault.balanceOf(f.seatsAddress),
    rtOfIp: await f.ip.vault.balanceOf(f.ip.ipId),
  };
}

/** Has the IP account (as its owner directs) call the seats contract. */
async function fromIpAccount(f: Fixture, ip: IpWithVault, fn: string, args: unknown[]) {
  const data = (f.contract.interface as Interface).encodeFunctionData(fn, args);
  return ip.account.connect(ip.owner).execute(f.seatsAddress, 0n, data);
}

/* ---------------------------------------------------------------- tests */

describe("CollaborationSeats — sale", function () {
  describe("buy", function () {
    it("only inside the window (both ends inclusive): WrongSaleState(Pending) before, the outcome after", async function () {
      const f = await networkHelpers.loadFixture(deploySale);
      const { contract, seriesId, a } = f;
      const { params } = await contract.series(seriesId);
      const before = await saleSnapshot(f);
      await expect(contract.connect(a).buy(seriesId, 1n, WAD, { value: WAD }))
        .to.be.revertedWithCustomError(contract, "WrongSaleState")
        .withArgs(seriesId, SALE.Pending);
      expect(await saleSnapshot(f)).to.deep.equal(before);

      await time.setNextBlockTimestamp(params.saleStart);
      await expect(contract.connect(a).buy(seriesId, 1n, WAD, { value: WAD }))
        .to.emit(contract, "SeatsPurchased")
        .withArgs(seriesId, await addr(a), 1n, WAD);
      await time.setNextBlockTimestamp(params.saleEnd);
      await expect(contract.connect(a).buy(seriesId, 29n, WAD, { value: 29n * WAD }))
        .to.emit(contract, "SeatsPurchased")
        .withArgs(seriesId, await addr(a), 29n, 29n * WAD);
      expect(await contract.seatsOf(seriesId, await addr(a))).to.equal(30n);

      const after = await saleSnapshot(f);
      await expect(contract.connect(a).buy(seriesId, 1n, WAD, { value: WAD }))
        .to.be.revertedWithCustomError(contract, "WrongSaleState")
        .withArgs(seriesId, SALE.Succeeded);
      expect(await saleSnapshot(f)).to.deep.equal(after);
    });

    it("after a failed window: WrongSaleState(Failed)", async function () {
      const f = await networkHelpers.loadFixture(deployFailed);
      const before = await saleSnapshot(f);
      await expect(f.contract.connect(f.c).buy(f.seriesId, 1n, WAD, { value: WAD }))
        .to.be.revertedWithCustomError(f.contract, "WrongSaleState")
        .withArgs(f.seriesId, SALE.Failed);
      expect(await saleSnapshot(f)).to.deep.equal(before);
    });

    it("in native IP: wraps exactly the cost and refunds the excess", async function () {
      const f = await networkHelpers.loadFixture(deployOpen);
      const { contract, wip, seriesId, seatsAddress, a } = f;
      const buyer = await addr(a);
      const cost = 3n * WAD;
      const wipBefore = await wip.balanceOf(seatsAddress);
      let tx!: ContractTransactionResponse;
      const delta = await nativeDeltaWithoutGas(buyer, async () => {
        tx = await contract.connect(a).buy(seriesId, 3n, WAD, { value: cost + (7n * WAD) / 10n });
        return tx;
      });
      expect(delta).to.equal(-cost);
      await expect(tx)
        .to.emit(contract, "SeatsPurchased")
        .withArgs(seriesId, buyer, 3n, cost)
        .and.to.emit(contract, "TransferSingle")
        .withArgs(buyer, seatsAddress, buyer, seriesId, 3n); // operator: the buyer (msg.sender)
      expect(await wip.balanceOf(seatsAddress)).to.equal(wipBefore + cost);
      expect(await wip.balanceOf(buyer)).to.equal(0n);
      expect(await ethers.provider.getBalance(seatsAddress)).to.equal(0n);
      expect(await contract.seatsOf(seriesId, buyer)).to.equal(3n);
      expect(await contract.balanceOf(seatsAddress, seriesId)).to.equal(97n);
      const s = await contract.series(seriesId);
      expect(s.sold).to.equal(3n);
      expect(s.proceeds).to.equal(cost);
      expect(await contract["totalSupply(uint256)"](seriesId)).to.equal(100n);
    });

    it("in WIP as an ERC-20 (no native sent)", async function () {
      const f = await networkHelpers.loadFixture(deployOpen);
      const { contract, wip, seriesId, seatsAddress, b } = f;
      const buyer = await addr(b);
      await fundWip(f.story, b, 5n * WAD);
      await (await wip.connect(b).approve(seatsAddress, 5n * WAD)).wait();
      const tx = contract.connect(b).buy(seriesId, 4n, 2n * WAD);
      await expect(tx)
        .to.emit(contract, "SeatsPurchased")
        .withArgs(seriesId, buyer, 4n, 4n * WAD);
      await expect(tx).to.changeTokenBalances(ethers, wip, [buyer, seatsAddress], [-4n * WAD, 4n * WAD]);
      expect(await contract.seatsOf(seriesId, buyer)).to.equal(4n);
      expect(await wip.allowance(buyer, seatsAddress)).to.equal(WAD);
      expect((await contract.series(seriesId)).proceeds).to.equal(4n * WAD);
    });

    it("too little native IP: InvalidNativePayment(sent, cost), even with a WIP allowance", async function () {
      const f = await networkHelpers.loadFixture(deployOpen);
      const { contract, wip, seriesId, seatsAddress, a } = f;
      await fundWip(f.story, a, 10n * WAD);
      await (await wip.connect(a).approve(seatsAddress, 10n * WAD)).wait();
      const before = await saleSnapshot(f);
      const sent = 3n * WAD - 1n;
      await expect(contract.connect(a).buy(seriesId, 3n, WAD, { value: sent }))
        .to.be.revertedWithCustomError(contract, "InvalidNativePayment")
        .withArgs(sent, 3n * WAD);
      expect(await saleSnapshot(f)).to.deep.equal(before);
    });

    it("a series priced in the Stablecoin: native refused (InvalidNativePayment), the ERC-20 accepted", async function () {
      const f = await networkHelpers.loadFixture(deployOpen);
      const stablecoin = f.story.addresses.Stablecoin;
      if (stablecoin === undefined) this.skip();
      const { contract, seats, ip, seatsAddress, c } = f;
      const usd = await ethers.getContractAt("DevnetStablecoin", stablecoin);
      const price = 25n * 10n ** 6n;
      const params = await seriesParams(seats, ip, { rtAmount: 1_000n, saleToken: stablecoin, seatPrice: price });
      const seriesId = await createSeriesFromIpAccount(seats, ip, params);
      await openSale(seats, seriesId);
      const buyer = await addr(c);
      await (await usd.mint(buyer, 100n * price)).wait();
      await (await usd.connect(c).approve(seatsAddress, 100n * price)).wait();

      const before = await saleSnapshot(f, seriesId);
      await expect(contract.connect(c).buy(seriesId, 2n, price, { value: 2n * WAD }))
        .to.be.revertedWithCustomError(contract, "InvalidNativePayment")
        .withArgs(2n * WAD, 2n * price);
      expect(await saleSnapshot(f, seriesId)).to.deep.equal(before);
      expect(await usd.balanceOf(buyer)).to.equal(100n * price);

      const tx = contract.connect(c).buy(seriesId, 2n, price);
      await expect(tx)
        .to.emit(contract, "SeatsPurchased")
        .withArgs(seriesId, buyer, 2n, 2n * price);
      await expect(tx).to.changeTokenBalances(ethers, usd, [buyer, seatsAddress], [-2n * price, 2n * price]);
      expect(await contract.seatsOf(seriesId, buyer)).to.equal(2n);
      expect((await contract.series(seriesId)).proceeds).to.equal(2n * price);
    });

    it("refuses a fee-on-transfer sale token (UnsupportedSaleToken): escrowed proceeds must be fully backed", async function () {
      const f = await networkHelpers.loadFixture(deployOpen);
      const { contract, seats, ip, seatsAddress, c } = f;
      const fot = await ethers.deployContract("MockFeeOnTransferToken");
      const params = await seriesParams(seats, ip, { rtAmount: 1_000n, saleToken: await fot.getAddress() });
      const seriesId = await createSeriesFromIpAccount(seats, ip, params);
      await openSale(seats, seriesId);
      const buyer = await addr(c);
      await (await fot.mint(buyer, 10n * WAD)).wait();
      await (await fot.connect(c).approve(seatsAddress, 10n * WAD)).wait();
      await expect(contract.connect(c).buy(seriesId, 2n, WAD))
        .to.be.revertedWithCustomError(contract, "UnsupportedSaleToken")
        .withArgs(await fot.getAddress());
      expect(await fot.balanceOf(buyer)).to.equal(10n * WAD);
      expect(await contract.seatsOf(seriesId, buyer)).to.equal(0n);
      expect((await contract.series(seriesId)).proceeds).to.equal(0n);
    });

    it("refuses a price above the bound, too many seats, the wallet cap and zero seats, moving nothing", async function () {
      const f = await networkHelpers.loadFixture(deployOpen);
      const { contract, seriesId, a, b, c } = f;
      let before = await saleSnapshot(f);
      await expect(contract.connect(a).buy(seriesId, 1n, WAD - 1n, { value: WAD }))
        .to.be.revertedWithCustomError(contract, "PriceAboveMax")
        .withArgs(WAD, WAD - 1n);
      await expect(contract.connect(a).buy(seriesId, 0n, WAD, { value: WAD })).to.be.revertedWithCustomError(
        contract,
        "NothingToPay",
      );
      await expect(contract.connect(a).buy(seriesId, 61n, WAD, { value: 61n * WAD }))
        .to.be.revertedWithCustomError(contract, "WalletCapExceeded")
        .withArgs(60n);
      await expect(contract.connect(a).buy(seriesId, 101n, WAD, { value: 101n * WAD }))
        .to.be.revertedWithCustomError(contract, "NotEnoughSeats")
        .withArgs(101n, 100n);
      expect(await saleSnapshot(f)).to.deep.equal(before);

      // The wallet cap counts seats already held.
      await buySeatsNative(f.seats, a, seriesId, 50n);
      before = await saleSnapshot(f);
      await expect(contract.connect(a).buy(seriesId, 11n, WAD, { value: 11n * WAD }))
        .to.be.revertedWithCustomError(contract, "WalletCapExceeded")
        .withArgs(60n);
      expect(await saleSnapshot(f)).to.deep.equal(before);
      await buySeatsNative(f.seats, a, seriesId, 10n);
      await buySeatsNative(f.seats, b, seriesId, 30n);

      // 10 seats left.
      before = await saleSnapshot(f);
      await expect(contract.connect(c).buy(seriesId, 11n, WAD, { value: 11n * WAD }))
        .to.be.revertedWithCustomError(contract, "NotEnoughSeats")
        .withArgs(11n, 10n);
      expect(await saleSnapshot(f)).to.deep.equal(before);
      await expect(contract.connect(c).buy(seriesId, 10n, WAD, { value: 10n * WAD }))
        .to.emit(contract, "SeatsPurchased")
        .withArgs(seriesId, await addr(c), 10n, 10n * WAD);
      const s = await contract.series(seriesId);
      expect(s.sold).to.equal(100n);
      expect(s.proceeds).to.equal(100n * WAD);
      expect(await contract.balanceOf(f.seatsAddress, seriesId)).to.equal(0n);
      expect(await f.wip.balanceOf(f.seatsAddress)).to.equal(100n * WAD);
      await expect(contract.connect(f.stranger).buy(seriesId, 1n, WAD, { value: WAD }))
        .to.be.revertedWithCustomError(contract, "NotEnoughSeats")
        .withArgs(1n, 0n);
    });
  });

  describe("transfer lock", function () {
    /** Every way a holder could move seats: to another holder or to the seats contract, single or batch. */
    async function expectAllTransfersLocked(f: Fixture) {
      const { contract, seriesId, seatsAddress, a, b } = f;
      const from = await addr(a);
      const to = await addr(b);
      const before = await saleSnapshot(f);
      const attempts = [
        () => contract.connect(a).safeTransferFrom(from, to, seriesId, 1n, "0x"),
        () => contract.connect(a).safeBatchTransferFrom(from, to, [seriesId], [1n], "0x"),
        () => contract.connect(a).safeTransferFrom(from, seatsAddress, seriesId, 1n, "0x"),
        () => contract.connect(a).safeBatchTransferFrom(from, seatsAddress, [seriesId], [1n], "0x"),
      ];
      for (const attempt of attempts) {
        await expect(attempt()).to.be.revertedWithCustomError(contract, "SeatsLocked").withArgs(seriesId);
      }
      // An approved operator is locked out too.
      await (await contract.connect(a).setApprovalForAll(to, true)).wait();
      await expect(contract.connect(b).safeTransferFrom(from, to, seriesId, 1n, "0x"))
        .to.be.revertedWithCustomError(contract, "SeatsLocked")
        .withArgs(seriesId);
      expect(await saleSnapshot(f)).to.deep.equal(before);
    }

    it("seats cannot move during the sale", async function () {
      const f = await networkHelpers.loadFixture(deployOpen);
      await buySeatsNative(f.seats, f.a, f.seriesId, 5n);
      await expectAllTransfersLocked(f);
    });

    it("seats cannot move after a failed sale", async function () {
      const f = await networkHelpers.loadFixture(deployFailed);
      await expectAllTransfersLocked(f);
      await (await f.contract.finalize(f.seriesId)).wait();
      await expectAllTransfersLocked(f);
    });

    it("after a successful sale seats move between holders but never into the seats contract", async function () {
      const f = await networkHelpers.loadFixture(deploySucceeded);
      const { contract, seriesId, seatsAddress, a, b, c } = f;
      const from = await addr(a);
      const before = await saleSnapshot(f);
      await expect(contract.connect(a).safeTransferFrom(from, seatsAddress, seriesId, 1n, "0x"))
        .to.be.revertedWithCustomError(contract, "SeatsLocked")
        .withArgs(seriesId);
      await expect(contract.connect(a).safeBatchTransferFrom(from, seatsAddress, [seriesId], [1n], "0x"))
        .to.be.revertedWithCustomError(contract, "SeatsLocked")
        .withArgs(seriesId);
      expect(await saleSnapshot(f)).to.deep.equal(before);

      await expect(contract.connect(a).safeTransferFrom(from, await addr(c), seriesId, 7n, "0x"))
        .to.emit(contract, "TransferSingle")
        .withArgs(from, from, await addr(c), seriesId, 7n);
      await expect(contract.connect(b).safeBatchTransferFrom(await addr(b), await addr(c), [seriesId], [3n], "0x"))
        .to.emit(contract, "TransferSingle") // OpenZeppelin 5 emits TransferSingle for a batch of one id
        .withArgs(await addr(b), await addr(b), await addr(c), seriesId, 3n);
      expect(await contract.seatsOf(seriesId, from)).to.equal(43n);
      expect(await contract.seatsOf(seriesId, await addr(b))).to.equal(7n);
      expect(await contract.seatsOf(seriesId, await addr(c))).to.equal(10n);
      expect(await contract["totalSupply(uint256)"](seriesId)).to.equal(100n); // unsold seats not finalized yet
    });
  });

  describe("closeSaleEarly", function () {
    it("only the owner (or IP account), only when sold out; then the sale succeeds at once", async function () {
      const f = await networkHelpers.loadFixture(deploySale);
      const { contract, seriesId, ip, owner, a, b, stranger } = f;
      await expect(contract.connect(owner).closeSaleEarly(seriesId))
        .to.be.revertedWithCustomError(contract, "WrongSaleState")
        .withArgs(seriesId, SALE.Pending);
      await openSale(f.seats, seriesId);
      await buySeatsNative(f.seats, a, seriesId, 60n);
      await expect(contract.connect(owner).closeSaleEarly(seriesId))
        .to.be.revertedWithCustomError(contract, "NotSoldOut")
        .withArgs(seriesId);
      await buySeatsWithWip(f.seats, b, seriesId, 40n);
      for (const caller of [stranger, a]) {
        await expect(contract.connect(caller).closeSaleEarly(seriesId))
          .to.be.revertedWithCustomError(contract, "NotIpOwner")
          .withArgs(ip.ipId, await addr(caller));
      }
      expect((await contract.series(seriesId)).closedEarly).to.equal(false);
      expect(await contract.saleState(seriesId)).to.equal(SALE.Selling);

      await expect(contract.connect(owner).closeSaleEarly(seriesId))
        .to.emit(contract, "SaleClosedEarly")
        .withArgs(seriesId);
      expect((await contract.series(seriesId)).closedEarly).to.equal(true);
      expect(await contract.saleState(seriesId)).to.equal(SALE.Succeeded);
      await expect(contract.connect(owner).closeSaleEarly(seriesId))
        .to.be.revertedWithCustomError(contract, "WrongSaleState")
        .withArgs(seriesId, SALE.Succeeded);
      // Transfers unlock and proceeds are withdrawable before the window's end.
      await expect(
        contract.connect(a).safeTransferFrom(await addr(a), await addr(stranger), seriesId, 1n, "0x"),
      ).to.emit(contract, "TransferSingle");
      const tx = contract.connect(owner).withdrawProceeds(seriesId, await addr(owner));
      await expect(tx)
        .to.emit(contract, "SaleFinalized")
        .withArgs(seriesId, true, 100n, 0n)
        .and.to.emit(contract, "ProceedsWithdrawn")
        .withArgs(seriesId, await addr(owner), 100n * WAD - (25n * WAD) / 10n, (25n * WAD) / 10n);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.wip,
        [f.seatsAddress, await addr(owner), await addr(f.seats.treasury)],
        [-100n * WAD, 100n * WAD - (25n * WAD) / 10n, (25n * WAD) / 10n],
      );
      expect((await contract.series(seriesId)).rtHeld).to.equal(SERIES_RT);
    });

    it("the IP account may close too", async function () {
      const f = await networkHelpers.loadFixture(deployOpen);
      await buySeatsNative(f.seats, f.a, f.seriesId, 60n);
      await buySeatsNative(f.seats, f.b, f.seriesId, 40n);
      await expect(fromIpAccount(f, f.ip, "closeSaleEarly", [f.seriesId]))
        .to.emit(f.contract, "SaleClosedEarly")
        .withArgs(f.seriesId);
      expect(await f.contract.saleState(f.seriesId)).to.equal(SALE.Succeeded);
    });
  });

  describe("success", function () {
    it("finalize is permissionless, once: burns unsold seats and returns their RT to the IP account", async function () {
      const f = await networkHelpers.loadFixture(deploySucceeded);
      const { contract, seriesId, seatsAddress, ip, stranger } = f;
      const returned = (SERIES_RT * 40n) / 100n;
      const tx = contract.connect(stranger).finalize(seriesId);
      await expect(tx)
        .to.emit(contract, "SaleFinalized")
        .withArgs(seriesId, true, 60n, returned)
        .and.to.emit(contract, "TransferSingle")
        .withArgs(await addr(stranger), seatsAddress, ethers.ZeroAddress, seriesId, 40n);
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [seatsAddress, ip.ipId], [-returned, returned]);
      expect(await contract["totalSupply(uint256)"](seriesId)).to.equal(60n);
      expect(await contract.balanceOf(seatsAddress, seriesId)).to.equal(0n);
      expect(await ip.vault.balanceOf(ip.ipId)).to.equal(RT_SUPPLY - SERIES_RT + returned);
      const s = await contract.series(seriesId);
      expect(s.finalized).to.equal(true);
      expect(s.sold).to.equal(60n);
      expect(s.rtHeld).to.equal(SERIES_RT - returned);
      expect(s.proceeds).to.equal(60n * WAD);

      const before = await saleSnapshot(f);
      await expect(contract.connect(stranger).finalize(seriesId)).not.to.emit(contract, "SaleFinalized");
      expect(await saleSnapshot(f)).to.deep.equal(before);
    });

    it("finalize before the end: WrongSaleState", async function () {
      const f = await networkHelpers.loadFixture(deploySale);
      await expect(f.contract.finalize(f.seriesId))
        .to.be.revertedWithCustomError(f.contract, "WrongSaleState")
        .withArgs(f.seriesId, SALE.Pending);
      await openSale(f.seats, f.seriesId);
      await buySeatsNative(f.seats, f.a, f.seriesId, 40n);
      const before = await saleSnapshot(f);
      await expect(f.contract.finalize(f.seriesId))
        .to.be.revertedWithCustomError(f.contract, "WrongSaleState")
        .withArgs(f.seriesId, SALE.Selling);
      expect(await saleSnapshot(f)).to.deep.equal(before);
    });

    it("returned RT are rounded down: the dust stays with the seat holders", async function () {
      const f = await networkHelpers.loadFixture(deploySale);
      const { seats, contract, ip, seatsAddress, a } = f;
      const rtAmount = 1_000_001n;
      const params = await seriesParams(seats, ip, { rtAmount, maxSeats: 3n, minSeats: 1n, maxSeatsPerWallet: 3n });
      const seriesId = await createSeriesFromIpAccount(seats, ip, params);
      await openSale(seats, seriesId);
      await buySeatsNative(seats, a, seriesId, 1n);
      await endSale(seats, seriesId);
      const returned = 666_667n; // floor(1,000,001 × 2 / 3) = floor(666,667.33)
      const tx = contract.finalize(seriesId);
      await expect(tx).to.emit(contract, "SaleFinalized").withArgs(seriesId, true, 1n, returned);
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [seatsAddress, ip.ipId], [-returned, returned]);
      expect((await contract.series(seriesId)).rtHeld).to.equal(rtAmount - returned);
      expect(await contract["totalSupply(uint256)"](seriesId)).to.equal(1n);
    });

    it("withdrawProceeds: owner only, after the end, fee to the treasury, rest to the receiver, once", async function () {
      const f = await networkHelpers.loadFixture(deployOpen);
      const { contract, wip, seriesId, seatsAddress, ip, owner, a, b, stranger, receiver } = f;
      const treasury = await addr(f.seats.treasury);
      await buySeatsNative(f.seats, a, seriesId, 50n);
      await buySeatsWithWip(f.seats, b, seriesId, 10n);
      await expect(contract.connect(owner).withdrawProceeds(seriesId, await addr(receiver)))
        .to.be.revertedWithCustomError(contract, "WrongSaleState")
        .withArgs(seriesId, SALE.Selling);
      await endSale(f.seats, seriesId);

      const before = await saleSnapshot(f);
      for (const caller of [stranger, a, receiver, f.seats.treasury]) {
        await expect(contract.connect(caller).withdrawProceeds(seriesId, await addr(caller)))
          .to.be.revertedWithCustomError(contract, "NotIpOwner")
          .withArgs(ip.ipId, await addr(caller));
      }
      await expect(
        contract.connect(owner).withdrawProceeds(seriesId, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(contract, "ZeroAddress");
      expect(await saleSnapshot(f)).to.deep.equal(before);

      const fee = (60n * WAD * PROTOCOL_FEE_BPS) / 10_000n;
      const tx = contract.connect(owner).withdrawProceeds(seriesId, await addr(receiver));
      await expect(tx)
        .to.emit(contract, "SaleFinalized") // settled implicitly
        .withArgs(seriesId, true, 60n, (SERIES_RT * 40n) / 100n)
        .and.to.emit(contract, "ProceedsWithdrawn")
        .withArgs(seriesId, await addr(receiver), 60n * WAD - fee, fee);
      await expect(tx).to.changeTokenBalances(
        ethers,
        wip,
        [seatsAddress, treasury, await addr(receiver), await addr(owner)],
        [-60n * WAD, fee, 60n * WAD - fee, 0n],
      );
      expect(fee).to.equal((15n * WAD) / 10n);
      expect((await contract.series(seriesId)).proceeds).to.equal(0n);
      expect(await wip.balanceOf(seatsAddress)).to.equal(0n);

      const after = await saleSnapshot(f);
      await expect(
        contract.connect(owner).withdrawProceeds(seriesId, await addr(receiver)),
      ).to.be.revertedWithCustomError(contract, "NothingToPay");
      await expect(fromIpAccount(f, ip, "withdrawProceeds", [seriesId, ip.ipId])).to.be.revertedWithCustomError(
        contract,
        "NothingToPay",
      );
      expect(await saleSnapshot(f)).to.deep.equal(after);
    });

    it("the IP account may withdraw, to itself", async function () {
      const f = await networkHelpers.loadFixture(deploySucceeded);
      const fee = (60n * WAD * PROTOCOL_FEE_BPS) / 10_000n;
      const tx = fromIpAccount(f, f.ip, "withdrawProceeds", [f.seriesId, f.ip.ipId]);
      await expect(tx)
        .to.emit(f.contract, "ProceedsWithdrawn")
        .withArgs(f.seriesId, f.ip.ipId, 60n * WAD - fee, fee);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.wip,
        [f.seatsAddress, f.ip.ipId],
        [-60n * WAD, 60n * WAD - fee],
      );
    });

    it("the fee is the one snapshot at creation, even after the fee manager changes it", async function () {
      const f = await networkHelpers.loadFixture(deploySale);
      const { seats, contract, wip, ip, owner, a, b, receiver } = f;
      const treasury = await addr(seats.treasury);
      await expect(contract.connect(seats.feeManager).setProtocolFee(1_000n))
        .to.emit(contract, "ProtocolFeeSet")
        .withArgs(1_000n);
      const later = await createSeriesFromIpAccount(seats, ip, await seriesParams(seats, ip, { rtAmount: 1_000_000n }));
      expect((await contract.series(f.seriesId)).protocolFeeBps).to.equal(PROTOCOL_FEE_BPS);
      expect((await contract.series(later)).protocolFeeBps).to.equal(1_000n);
      await openSale(seats, later); // opens after series 1
      await buySeatsNative(seats, a, f.seriesId, 40n);
      await buySeatsNative(seats, b, later, 40n);
      await endSale(seats, later);

      const oldFee = (40n * WAD * PROTOCOL_FEE_BPS) / 10_000n;
      let tx = contract.connect(owner).withdrawProceeds(f.seriesId, await addr(receiver));
      await expect(tx)
        .to.emit(contract, "ProceedsWithdrawn")
        .withArgs(f.seriesId, await addr(receiver), 40n * WAD - oldFee, oldFee);
      await expect(tx).to.changeTokenBalances(
        ethers,
        wip,
        [treasury, await addr(receiver)],
        [oldFee, 40n * WAD - oldFee],
      );
      const newFee = 4n * WAD;
      tx = contract.connect(owner).withdrawProceeds(later, await addr(receiver));
      await expect(tx)
        .to.emit(contract, "ProceedsWithdrawn")
        .withArgs(later, await addr(receiver), 40n * WAD - newFee, newFee);
      await expect(tx).to.changeTokenBalances(
        ethers,
        wip,
        [treasury, await addr(receiver)],
        [newFee, 40n * WAD - newFee],
      );
      expect(await wip.balanceOf(f.seatsAddress)).to.equal(0n);
    });

    it("with no protocol fee the receiver gets everything and the treasury nothing", async function () {
      const story = await loadStory(connection);
      const seats = await deploySeats(story, { protocolFeeBps: 0n });
      const [, owner, a] = await ethers.getSigners();
      const ip = await createIpWithVault(story, owner);
      const seriesId = await createSeriesFromIpAccount(seats, ip, await seriesParams(seats, ip));
      await openSale(seats, seriesId);
      await buySeatsNative(seats, a, seriesId, 30n);
      await endSale(seats, seriesId);
      const tx = seats.seats.connect(owner).withdrawProceeds(seriesId, await addr(owner));
      await expect(tx)
        .to.emit(seats.seats, "ProceedsWithdrawn")
        .withArgs(seriesId, await addr(owner), 30n * WAD, 0n);
      await expect(tx).to.changeTokenBalances(
        ethers,
        story.wip,
        [await seats.seats.getAddress(), await addr(owner), await addr(seats.treasury)],
        [-30n * WAD, 30n * WAD, 0n],
      );
    });
  });

  describe("failure", function () {
    it("every buyer refunds in full (seats burnt), all RT go back to the IP account, proceeds stay refused", async function () {
      const f = await networkHelpers.loadFixture(deployFailed);
      const { contract, wip, seriesId, seatsAddress, ip, owner, a, b, stranger } = f;
      expect(await contract.saleState(seriesId)).to.equal(SALE.Failed);
      await expect(contract.connect(owner).withdrawProceeds(seriesId, await addr(owner)))
        .to.be.revertedWithCustomError(contract, "WrongSaleState")
        .withArgs(seriesId, SALE.Failed);

      let tx = contract.connect(a).refund(seriesId);
      await expect(tx)
        .to.emit(contract, "SaleFinalized") // settled implicitly by the first refund
        .withArgs(seriesId, false, 15n, SERIES_RT)
        .and.to.emit(contract, "Refunded")
        .withArgs(seriesId, await addr(a), 10n, 10n * WAD)
        .and.to.emit(contract, "TransferSingle")
        .withArgs(await addr(a), await addr(a), ethers.ZeroAddress, seriesId, 10n);
      await expect(tx).to.changeTokenBalances(ethers, wip, [await addr(a), seatsAddress], [10n * WAD, -10n * WAD]);
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [ip.ipId, seatsAddress], [SERIES_RT, -SERIES_RT]);
      expect(await ip.vault.balanceOf(ip.ipId)).to.equal(RT_SUPPLY);
      expect(await contract.seatsOf(seriesId, await addr(a))).to.equal(0n);
      expect(await contract["totalSupply(uint256)"](seriesId)).to.equal(5n);

      tx = contract.connect(b).refund(seriesId);
      await expect(tx)
        .to.emit(contract, "Refunded")
        .withArgs(seriesId, await addr(b), 5n, 5n * WAD)
        .and.not.to.emit(contract, "SaleFinalized");
      await expect(tx).to.changeTokenBalances(ethers, wip, [await addr(b), seatsAddress], [5n * WAD, -5n * WAD]);

      const s = await contract.series(seriesId);
      expect(s.finalized).to.equal(true);
      expect(s.rtHeld).to.equal(0n);
      expect(s.proceeds).to.equal(0n);
      expect(s.sold).to.equal(15n);
      expect(await contract["totalSupply(uint256)"](seriesId)).to.equal(0n);
      expect(await wip.balanceOf(seatsAddress)).to.equal(0n);
      expect(await ip.vault.balanceOf(seatsAddress)).to.equal(0n);

      const after = await saleSnapshot(f);
      for (const caller of [a, b, stranger]) {
        await expect(contract.connect(caller).refund(seriesId)).to.be.revertedWithCustomError(contract, "NothingToPay");
      }
      await expect(contract.connect(owner).withdrawProceeds(seriesId, await addr(owner)))
        .to.be.revertedWithCustomError(contract, "WrongSaleState")
        .withArgs(seriesId, SALE.Failed);
      expect(await saleSnapshot(f)).to.deep.equal(after);
    });

    it("a permissionless finalize first returns all RT; refunds still pay in full", async function () {
      const f = await networkHelpers.loadFixture(deployFailed);
      const { contract, wip, seriesId, seatsAddress, ip, a, stranger } = f;
      const tx = contract.connect(stranger).finalize(seriesId);
      await expect(tx)
        .to.emit(contract, "SaleFinalized")
        .withArgs(seriesId, false, 15n, SERIES_RT)
        .and.to.emit(contract, "TransferSingle")
        .withArgs(await addr(stranger), seatsAddress, ethers.ZeroAddress, seriesId, 85n);
      await expect(tx).to.changeTokenBalances(ethers, ip.vault, [ip.ipId, seatsAddress], [SERIES_RT, -SERIES_RT]);
      expect(await contract["totalSupply(uint256)"](seriesId)).to.equal(15n);
      await expect(contract.connect(a).refund(seriesId)).to.changeTokenBalances(
        ethers,
        wip,
        [await addr(a), seatsAddress],
        [10n * WAD, -10n * WAD],
      );
    });

    it("refunds are refused during the sale and after a success: WrongSaleState", async function () {
      const f = await networkHelpers.loadFixture(deployOpen);
      const { contract, seriesId, a, b } = f;
      await buySeatsNative(f.seats, a, seriesId, 30n);
      await expect(contract.connect(a).refund(seriesId))
        .to.be.revertedWithCustomError(contract, "WrongSaleState")
        .withArgs(seriesId, SALE.Selling);
      await buySeatsWithWip(f.seats, b, seriesId, 5n);
      await endSale(f.seats, seriesId);
      const before = await saleSnapshot(f);
      for (const caller of [a, b]) {
        await expect(contract.connect(caller).refund(seriesId))
          .to.be.revertedWithCustomError(contract, "WrongSaleState")
          .withArgs(seriesId, SALE.Succeeded);
      }
      expect(await saleSnapshot(f)).to.deep.equal(before);
    });
  });

  describe("nothing stuck", function () {
    it("after a succeeded and a failed series of one IP are settled, only the live series' RT remain", async function () {
      const f = await networkHelpers.loadFixture(deploySale);
      const { seats, contract, wip, ip, seatsAddress, owner, a, b, c } = f;
      const failedRt = 20_000_000n;
      const failed = await createSeriesFromIpAccount(seats, ip, await seriesParams(seats, ip, { rtAmount: failedRt }));
      expect(await ip.vault.balanceOf(seatsAddress)).to.equal(SERIES_RT + failedRt);
      await openSale(seats, failed); // opens after series 1
      await buySeatsNative(seats, a, f.seriesId, 45n);
      await buySeatsWithWip(seats, b, f.seriesId, 15n);
      await buySeatsNative(seats, b, failed, 20n);
      await buySeatsWithWip(seats, c, failed, 9n);
      await endSale(seats, failed); // ends after series 1
      expect(await contract.saleState(f.seriesId)).to.equal(SALE.Succeeded);
      expect(await contract.saleState(failed)).to.equal(SALE.Failed);
      expect(await wip.balanceOf(seatsAddress)).to.equal(89n * WAD);

      await (await contract.connect(owner).withdrawProceeds(f.seriesId, await addr(owner))).wait();
      await (await contract.connect(b).refund(failed)).wait();
      await (await contract.connect(c).refund(failed)).wait();

      const live = (await contract.series(f.seriesId)).rtHeld;
      expect(live).to.equal((SERIES_RT * 60n) / 100n);
      expect(await wip.balanceOf(seatsAddress)).to.equal(0n);
      expect(await ip.vault.balanceOf(seatsAddress)).to.equal(live);
      expect(await ip.vault.balanceOf(ip.ipId)).to.equal(RT_SUPPLY - live);
      expect((await contract.series(failed)).rtHeld).to.equal(0n);
      expect(await contract["totalSupply(uint256)"](failed)).to.equal(0n);
      expect(await contract["totalSupply(uint256)"](f.seriesId)).to.equal(60n);
      expect(await contract["totalSupply()"]()).to.equal(60n);
    });
  });
});
