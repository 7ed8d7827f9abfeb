import { expect } from "chai";
import { network } from "hardhat";
import { encodeBytes32String, type Signer } from "ethers";
import {
  createIp,
  createIpWithVault,
  judgeDispute,
  loadStory,
  raiseDispute,
  RT_SUPPLY,
  transferRoyaltyTokensFromIp,
  type IpWithVault,
} from "../fixtures/story.ts";
import {
  createSeriesFromIpAccount,
  DAY,
  deploySeats,
  PROTOCOL_FEE_BPS,
  seriesParams,
  WAD,
  type Seats,
  type SeriesParamsInput,
} from "../fixtures/seats.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const addr = (s: Signer) => s.getAddress();
const name = (s: string) => encodeBytes32String(s);

/** The SeriesParams struct as events and views decode it. */
const asTuple = (p: SeriesParamsInput) => [
  p.ipId,
  p.rtAmount,
  p.maxSeats,
  p.minSeats,
  p.maxSeatsPerWallet,
  p.resaleRoyaltyBps,
  p.saleToken,
  p.seatPrice,
  p.saleStart,
  p.saleEnd,
  p.royaltyReceiver,
];

/* ---------------------------------------------------------------- fixtures */

/** A seats deployment and an IP (owned by signer 1) whose IP account holds all its RT. */
async function deployWorld() {
  const story = await loadStory(connection);
  const seats = await deploySeats(story);
  const [, owner, stranger, receiver, disputer] = await ethers.getSigners();
  const ip = await createIpWithVault(story, owner);
  return { story, seats, contract: seats.seats, ip, owner, stranger, receiver, disputer };
}

/** As deployWorld, with the IP account approving the seats contract for all its RT (so a missed check would move RT). */
async function deployApproved() {
  const f = await deployWorld();
  const approve = f.ip.vault.interface.encodeFunctionData("approve", [await f.contract.getAddress(), RT_SUPPLY]);
  await (await f.ip.account.connect(f.owner).execute(await f.ip.vault.getAddress(), 0n, approve)).wait();
  return f;
}

/** Calls createSeries through the IP account (the owner has it `execute` the call). */
async function createThroughAccount(seats: Seats, ip: IpWithVault, params: SeriesParamsInput) {
  const data = seats.seats.interface.encodeFunctionData("createSeries", [params]);
  return ip.account.connect(ip.owner).execute(await seats.seats.getAddress(), 0n, data);
}

/** Everything a refused createSeries could have moved. */
async function snapshot(seats: Seats, ip: IpWithVault) {
  const seatsAddress = await seats.seats.getAddress();
  const count = await seats.seats.seriesCount();
  return {
    count,
    rtOfIp: await ip.vault.balanceOf(ip.ipId),
    rtOfSeats: await ip.vault.balanceOf(seatsAddress),
    rtOfOwner: await ip.vault.balanceOf(await addr(ip.owner)),
    nextSupply: await seats.seats["totalSupply(uint256)"](count + 1n),
    royaltyOfNext: (await seats.seats.royaltyInfo(count + 1n, 10_000n))[1],
  };
}

/* ---------------------------------------------------------------- tests */

describe("CollaborationSeats — series", function () {
  describe("createSeries", function () {
    it("from the IP account: escrows the RT, mints maxSeats to the contract, sets ERC-2981 and snapshots the fee", async function () {
      const { seats, contract, ip } = await networkHelpers.loadFixture(deployWorld);
      const seatsAddress = await contract.getAddress();
      const params = await seriesParams(seats, ip);
      const approve = ip.vault.interface.encodeFunctionData("approve", [seatsAddress, params.rtAmount]);
      await (await ip.account.connect(ip.owner).execute(await ip.vault.getAddress(), 0n, approve)).wait();

      const tx = createThroughAccount(seats, ip, params);
      await expect(tx)
        .to.emit(contract, "SeriesCreated")
        .withArgs(1n, ip.ipId, ip.ipId, asTuple(params), PROTOCOL_FEE_BPS);
      await expect(tx).to.changeTokenBalances(
        ethers,
        ip.vault,
        [ip.ipId, seatsAddress],
        [-params.rtAmount, params.rtAmount],
      );
      await expect(tx)
        .to.emit(contract, "TransferSingle")
        .withArgs(ip.ipId, ethers.ZeroAddress, seatsAddress, 1n, params.maxSeats);

      expect(await contract.seriesCount()).to.equal(1n);
      expect(await ip.vault.balanceOf(ip.ipId)).to.equal(RT_SUPPLY - params.rtAmount);
      expect(await ip.vault.balanceOf(seatsAddress)).to.equal(params.rtAmount);
      expect(await contract.balanceOf(seatsAddress, 1n)).to.equal(params.maxSeats);
      expect(await contract["totalSupply(uint256)"](1n)).to.equal(params.maxSeats);
      expect(await contract.seatsOf(1n, seatsAddress)).to.equal(params.maxSeats);
      const s = await contract.series(1n);
      expect([...s.params]).to.deep.equal(asTuple(params));
      expect(s.sold).to.equal(0n);
      expect(s.finalized).to.equal(false);
      expect(s.closedEarly).to.equal(false);
      expect(s.protocolFeeBps).to.equal(PROTOCOL_FEE_BPS);
      expect(s.rtHeld).to.equal(params.rtAmount);
      expect(s.proceeds).to.equal(0n);
      expect(await contract.saleState(1n)).to.equal(0n); // Pending
      const [royaltyReceiver, royalty] = await contract.royaltyInfo(1n, 100n * WAD);
      expect(royaltyReceiver).to.equal(params.royaltyReceiver);
      expect(royalty).to.equal(5n * WAD); // 5% of 100 WIP
      expect(await contract.supportsInterface("0x2a55205a")).to.equal(true); // ERC-2981
    });

    it("directly by the IP owner holding RT: creator is the owner, RT leave the owner, custom receiver and royalty", async function () {
      const { seats, contract, ip, owner, receiver } = await networkHelpers.loadFixture(deployWorld);
      const seatsAddress = await contract.getAddress();
      const ownerAddress = await addr(owner);
      const rtAmount = 12_345_678n;
      await transferRoyaltyTokensFromIp(ip, ownerAddress, rtAmount);
      await (await ip.vault.connect(owner).approve(seatsAddress, rtAmount)).wait();
      const params = await seriesParams(seats, ip, {
        rtAmount,
        maxSeats: 10_000n,
        minSeats: 1n,
        maxSeatsPerWallet: 10_000n,
        resaleRoyaltyBps: 1_000n,
        royaltyReceiver: await addr(receiver),
      });

      const tx = contract.connect(owner).createSeries(params);
      await expect(tx)
        .to.emit(contract, "SeriesCreated")
        .withArgs(1n, ip.ipId, ownerAddress, asTuple(params), PROTOCOL_FEE_BPS);
      await expect(tx).to.changeTokenBalances(
        ethers,
        ip.vault,
        [ownerAddress, ip.ipId, seatsAddress],
        [-rtAmount, 0n, rtAmount],
      );
      expect(await ip.vault.balanceOf(ownerAddress)).to.equal(0n);
      expect(await contract.balanceOf(seatsAddress, 1n)).to.equal(10_000n);
      expect(await contract["totalSupply(uint256)"](1n)).to.equal(10_000n);
      expect((await contract.series(1n)).rtHeld).to.equal(rtAmount);
      const [royaltyReceiver, royalty] = await contract.royaltyInfo(1n, 1_000n);
      expect(royaltyReceiver).to.equal(await addr(receiver));
      expect(royalty).to.equal(100n);
    });

    it("numbers series of all IPs consecutively and keeps each IP's RT apart", async function () {
      const { story, seats, contract, ip, stranger } = await networkHelpers.loadFixture(deployWorld);
      const seatsAddress = await contract.getAddress();
      const other = await createIpWithVault(story, stranger);
      const first = await createSeriesFromIpAccount(seats, ip, await seriesParams(seats, ip, { rtAmount: 1_000n }));
      const second = await createSeriesFromIpAccount(
        seats,
        other,
        await seriesParams(seats, other, { rtAmount: 2_000n }),
      );
      const third = await createSeriesFromIpAccount(seats, ip, await seriesParams(seats, ip, { rtAmount: 3_000n }));
      expect([first, second, third]).to.deep.equal([1n, 2n, 3n]);
      expect(await contract.seriesCount()).to.equal(3n);
      expect(await ip.vault.balanceOf(seatsAddress)).to.equal(4_000n);
      expect(await other.vault.balanceOf(seatsAddress)).to.equal(2_000n);
      expect((await contract.series(2n)).params.ipId).to.equal(other.ipId);
      expect((await contract.series(3n)).rtHeld).to.equal(3_000n);
    });
  });

  describe("createSeries refusals (nothing moved)", function () {
    it("an IP without a royalty vault: NoRoyaltyVault", async function () {
      const { story, seats, contract, ip, owner } = await networkHelpers.loadFixture(deployWorld);
      const bare = await createIp(story, owner);
      const params = await seriesParams(seats, ip, { ipId: bare.ipId });
      const data = contract.interface.encodeFunctionData("createSeries", [params]);
      await expect(bare.account.connect(owner).execute(await contract.getAddress(), 0n, data))
        .to.be.revertedWithCustomError(contract, "NoRoyaltyVault")
        .withArgs(bare.ipId);
      await expect(contract.connect(owner).createSeries(params))
        .to.be.revertedWithCustomError(contract, "NoRoyaltyVault")
        .withArgs(bare.ipId);
      expect(await contract.seriesCount()).to.equal(0n);
      expect(await contract["totalSupply(uint256)"](1n)).to.equal(0n);
    });

    it("a disputed IP (tagged by a positive judgement): IpDisputed", async function () {
      const { story, seats, contract, ip, disputer } = await networkHelpers.loadFixture(deployApproved);
      const disputeId = await raiseDispute(story, disputer, ip.ipId);
      expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(false);
      await judgeDispute(story, disputeId, true);
      expect(await story.disputes.isIpTagged(ip.ipId)).to.equal(true);
      const before = await snapshot(seats, ip);
      const params = await seriesParams(seats, ip);
      await expect(createThroughAccount(seats, ip, params))
        .to.be.revertedWithCustomError(contract, "IpDisputed")
        .withArgs(ip.ipId);
      expect(await snapshot(seats, ip)).to.deep.equal(before);
    });

    it("a caller that is neither the IP owner nor the IP account: NotIpOwner, even holding and approving RT", async function () {
      const { seats, contract, ip, stranger } = await networkHelpers.loadFixture(deployApproved);
      const strangerAddress = await addr(stranger);
      await transferRoyaltyTokensFromIp(ip, strangerAddress, 1_000n);
      await (await ip.vault.connect(stranger).approve(await contract.getAddress(), 1_000n)).wait();
      const before = await snapshot(seats, ip);
      const rtOfStranger = await ip.vault.balanceOf(strangerAddress);
      const params = await seriesParams(seats, ip, { rtAmount: 1_000n });
      await expect(contract.connect(stranger).createSeries(params))
        .to.be.revertedWithCustomError(contract, "NotIpOwner")
        .withArgs(ip.ipId, strangerAddress);
      expect(await snapshot(seats, ip)).to.deep.equal(before);
      expect(await ip.vault.balanceOf(strangerAddress)).to.equal(rtOfStranger);
    });

    it("each out-of-bounds parameter: ParameterOutOfBounds naming it", async function () {
      const { seats, contract, ip } = await networkHelpers.loadFixture(deployApproved);
      const now = BigInt(await time.latest());
      // Timestamps are computed for the next block (now + 1) with margin: the window checks use block.timestamp.
      const start = now + 3_600n;
      const cases: [string, Partial<SeriesParamsInput>][] = [
        ["rtAmount", { rtAmount: 0n }],
        ["rtAmount", { rtAmount: RT_SUPPLY + 1n }],
        ["maxSeats", { maxSeats: 0n, minSeats: 0n, maxSeatsPerWallet: 0n }],
        ["maxSeats", { maxSeats: 10_001n }],
        ["minSeats", { minSeats: 0n }],
        ["minSeats", { minSeats: 101n }],
        ["maxSeatsPerWallet", { maxSeatsPerWallet: 0n }],
        ["maxSeatsPerWallet", { maxSeatsPerWallet: 101n }],
        ["seatPrice", { seatPrice: 0n }],
        ["saleStart", { saleStart: now, saleEnd: now + DAY }],
        ["saleEnd", { saleStart: start, saleEnd: start }],
        ["saleEnd", { saleStart: start, saleEnd: start - 1n }],
        ["saleEnd", { saleStart: start, saleEnd: start + 90n * DAY + 1n }],
        ["resaleRoyaltyBps", { resaleRoyaltyBps: 1_001n }],
      ];
      const before = await snapshot(seats, ip);
      for (const [parameter, overrides] of cases) {
        const params = await seriesParams(seats, ip, { saleStart: start, ...overrides });
        await expect(
          createThroughAccount(seats, ip, params),
          `${parameter} ${JSON.stringify(overrides, (_, v) => `${v}`)}`,
        )
          .to.be.revertedWithCustomError(contract, "ParameterOutOfBounds")
          .withArgs(name(parameter));
      }
      expect(await snapshot(seats, ip)).to.deep.equal(before);
    });

    it("the bounds themselves are accepted: all RT, 10,000 seats, a 90-day window, a 10% royalty, min = max", async function () {
      const { seats, contract, ip } = await networkHelpers.loadFixture(deployApproved);
      const start = BigInt(await time.latest()) + 3_600n;
      const params = await seriesParams(seats, ip, {
        rtAmount: RT_SUPPLY,
        maxSeats: 10_000n,
        minSeats: 10_000n,
        maxSeatsPerWallet: 10_000n,
        seatPrice: 1n,
        saleStart: start,
        saleEnd: start + 90n * DAY,
        resaleRoyaltyBps: 1_000n,
      });
      await expect(createThroughAccount(seats, ip, params))
        .to.emit(contract, "SeriesCreated")
        .withArgs(1n, ip.ipId, ip.ipId, asTuple(params), PROTOCOL_FEE_BPS);
      expect(await ip.vault.balanceOf(ip.ipId)).to.equal(0n);
      expect(await ip.vault.balanceOf(await contract.getAddress())).to.equal(RT_SUPPLY);
    });

    it("a sale start at the far end of uint64: ParameterOutOfBounds, not an arithmetic panic", async function () {
      const { seats, contract, ip } = await networkHelpers.loadFixture(deployApproved);
      const before = await snapshot(seats, ip);
      const saleEnd = 2n ** 64n - 1n;
      const params = await seriesParams(seats, ip, { saleStart: saleEnd - DAY, saleEnd });
      await expect(createThroughAccount(seats, ip, params))
        .to.be.revertedWithCustomError(contract, "ParameterOutOfBounds")
        .withArgs(name("saleStart"));
      expect(await snapshot(seats, ip)).to.deep.equal(before);
    });

    it("a zero sale token or royalty receiver: ZeroAddress", async function () {
      const { seats, contract, ip } = await networkHelpers.loadFixture(deployApproved);
      const before = await snapshot(seats, ip);
      for (const overrides of [{ saleToken: ethers.ZeroAddress }, { royaltyReceiver: ethers.ZeroAddress }]) {
        const params = await seriesParams(seats, ip, overrides);
        await expect(createThroughAccount(seats, ip, params)).to.be.revertedWithCustomError(contract, "ZeroAddress");
      }
      expect(await snapshot(seats, ip)).to.deep.equal(before);
    });

    it("a 17th series of one IP: TooManySeries (other IPs unaffected)", async function () {
      const { story, seats, contract, ip, stranger } = await networkHelpers.loadFixture(deployApproved);
      const max = await contract.MAX_SERIES_PER_IP();
      expect(max).to.equal(16n);
      for (let i = 0n; i < max; i++) {
        await (await createThroughAccount(seats, ip, await seriesParams(seats, ip, { rtAmount: 1_000n }))).wait();
      }
      expect(await contract.seriesCount()).to.equal(16n);
      expect(await ip.vault.balanceOf(await contract.getAddress())).to.equal(16_000n);
      const before = await snapshot(seats, ip);
      await expect(createThroughAccount(seats, ip, await seriesParams(seats, ip, { rtAmount: 1_000n })))
        .to.be.revertedWithCustomError(contract, "TooManySeries")
        .withArgs(ip.ipId);
      expect(await snapshot(seats, ip)).to.deep.equal(before);
      // The cap is per IP.
      const other = await createIpWithVault(story, stranger);
      expect(await createSeriesFromIpAccount(seats, other, await seriesParams(seats, other))).to.equal(17n);

      // A failed raise frees its slot: series 1 sells nothing, ends, and is finalized as failed.
      await networkHelpers.time.increase(8n * 24n * 3600n);
      expect(await contract.saleState(1n)).to.equal(3n); // Failed
      await expect(contract.finalize(1n)).to.emit(contract, "SaleFinalized").withArgs(1n, false, 0n, 1_000n);
      await expect(createThroughAccount(seats, ip, await seriesParams(seats, ip, { rtAmount: 1_000n })))
        .to.emit(contract, "SeriesCreated")
        .withArgs(18n, ip.ipId, ip.ipId, (p: unknown) => p !== undefined, await contract.protocolFeeBps());
    });
  });

  describe("deployment and foreign tokens", function () {
    it("refuses a zero Story module or WIP address (ZeroAddress)", async function () {
      const { story, seats } = await networkHelpers.loadFixture(deployWorld);
      const factory = await ethers.getContractFactory("CollaborationSeats");
      const args = [
        await seats.manager.getAddress(),
        story.addresses.RoyaltyModule,
        story.addresses.DisputeModule,
        story.addresses.WIP,
        await seats.treasury.getAddress(),
        0n,
        "",
      ] as const;
      const [authority, royaltyModule, disputeModule, wip, treasury, fee, uri] = args;
      const zero = ethers.ZeroAddress;
      for (const bad of [
        [authority, zero, disputeModule, wip, treasury, fee, uri],
        [authority, royaltyModule, zero, wip, treasury, fee, uri],
        [authority, royaltyModule, disputeModule, zero, treasury, fee, uri],
      ] as const) {
        await expect(factory.deploy(...bad)).to.be.revertedWithCustomError(factory, "ZeroAddress");
      }
    });

    it("refuses other contracts' ERC-1155 tokens, single and batch, so nothing can be stuck in it", async function () {
      const { contract, stranger } = await networkHelpers.loadFixture(deployWorld);
      const foreign = await ethers.deployContract("MockSeats1155");
      const seatsAddress = await contract.getAddress();
      await expect(foreign.mint(seatsAddress, 7n, 1n))
        .to.be.revertedWithCustomError(contract, "SeatsLocked")
        .withArgs(7n);
      await (await foreign.mint(await addr(stranger), 7n, 2n)).wait();
      await expect(
        foreign.connect(stranger).safeBatchTransferFrom(await addr(stranger), seatsAddress, [7n], [1n], "0x"),
      )
        .to.be.revertedWithCustomError(contract, "SeatsLocked")
        .withArgs(0n);
      expect(await foreign.balanceOf(seatsAddress, 7n)).to.equal(0n);
    });
  });

  describe("unknown series", function () {
    it("views and actions on ids 0 and seriesCount + 1 revert with UnknownSeries", async function () {
      const { seats, contract, ip, owner, stranger } = await networkHelpers.loadFixture(deployWorld);
      await createSeriesFromIpAccount(seats, ip, await seriesParams(seats, ip));
      const wip = seats.story.addresses.WIP;
      const strangerAddress = await addr(stranger);
      for (const id of [0n, 2n]) {
        await expect(contract.saleState(id)).to.be.revertedWithCustomError(contract, "UnknownSeries").withArgs(id);
        const calls: [string, unknown[], Signer][] = [
          ["buy", [id, 1n, WAD], stranger],
          ["closeSaleEarly", [id], owner],
          ["finalize", [id], stranger],
          ["withdrawProceeds", [id, strangerAddress], owner],
          ["refund", [id], stranger],
          ["harvest", [id], stranger],
          ["claim", [id, strangerAddress, wip], stranger],
          ["claimUnsoldRevenue", [id, wip, strangerAddress], owner],
        ];
        for (const [fn, args, caller] of calls) {
          await expect(contract.connect(caller).getFunction(fn)(...args), `${fn}(${id})`)
            .to.be.revertedWithCustomError(contract, "UnknownSeries")
            .withArgs(id);
        }
      }
      expect(await contract.seriesCount()).to.equal(1n);
      expect(await contract["totalSupply(uint256)"](2n)).to.equal(0n);
    });
  });
});
