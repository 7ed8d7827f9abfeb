import { expect } from "chai";
import { network } from "hardhat";
import { encodeBytes32String, type Signer } from "ethers";
import { createIpWithVault, loadStory } from "../fixtures/story.ts";
import {
  buySeatsNative,
  buySeatsWithWip,
  createSeriesFromIpAccount,
  DAY,
  deploySeats,
  openSale,
  PROTOCOL_FEE_BPS,
  SEAT_ROLES,
  seriesParams,
  WAD,
  type Seats,
} from "../fixtures/seats.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const addr = (s: Signer) => s.getAddress();
const name = (s: string) => encodeBytes32String(s);
const FEE_DELAY = 2n * DAY;

/* ---------------------------------------------------------------- fixtures */

async function deployFees() {
  const story = await loadStory(connection);
  const seats = await deploySeats(story);
  const [, owner, stranger, newTreasury] = await ethers.getSigners();
  const ip = await createIpWithVault(story, owner);
  return { story, seats, contract: seats.seats, ip, owner, stranger, newTreasury };
}

/** The fee manager's role carries a 2-day execution delay. */
async function deployDelayedFees() {
  const story = await loadStory(connection);
  const seats = await deploySeats(story, { feeManagerDelay: FEE_DELAY });
  const [, owner, stranger, newTreasury] = await ethers.getSigners();
  const ip = await createIpWithVault(story, owner);
  return { story, seats, contract: seats.seats, ip, owner, stranger, newTreasury };
}

/**
 * IP A (signer 1) has series 1 (20% RT, 30 seats to succeed) and series 2 (the default, 50% RT); IP B (signer 2) has
 * series 3. Both sales of IP A are open.
 */
async function deployCollaborators() {
  const story = await loadStory(connection);
  const seats = await deploySeats(story);
  const [, ownerA, ownerB, a, b, c, d] = await ethers.getSigners();
  const ipA = await createIpWithVault(story, ownerA);
  const ipB = await createIpWithVault(story, ownerB);
  const failing = await createSeriesFromIpAccount(
    seats,
    ipA,
    await seriesParams(seats, ipA, { rtAmount: 20_000_000n }),
  );
  const succeeding = await createSeriesFromIpAccount(seats, ipA, await seriesParams(seats, ipA));
  const other = await createSeriesFromIpAccount(seats, ipB, await seriesParams(seats, ipB));
  await openSale(seats, other); // the last to open
  return { story, seats, contract: seats.seats, ipA, ipB, failing, succeeding, other, a, b, c, d };
}

async function configuration(seats: Seats) {
  return [await seats.seats.protocolFeeBps(), await seats.seats.treasury()];
}

/* ---------------------------------------------------------------- tests */

describe("CollaborationSeats — fees and collaborators", function () {
  describe("fee setters", function () {
    it("reject every caller without the fee manager role (AccessManagedUnauthorized) and change nothing", async function () {
      const { seats, contract, owner, stranger, ip } = await networkHelpers.loadFixture(deployFees);
      const before = await configuration(seats);
      const callers = [stranger, owner, seats.admin, seats.treasury];
      for (const caller of callers) {
        const who = await addr(caller);
        await expect(contract.connect(caller).setProtocolFee(500n), `setProtocolFee by ${who}`)
          .to.be.revertedWithCustomError(contract, "AccessManagedUnauthorized")
          .withArgs(who);
        await expect(contract.connect(caller).setTreasury(who), `setTreasury by ${who}`)
          .to.be.revertedWithCustomError(contract, "AccessManagedUnauthorized")
          .withArgs(who);
      }
      // Not even the IP account of a creator.
      const data = contract.interface.encodeFunctionData("setProtocolFee", [0n]);
      await expect(ip.account.connect(owner).execute(await contract.getAddress(), 0n, data))
        .to.be.revertedWithCustomError(contract, "AccessManagedUnauthorized")
        .withArgs(ip.ipId);
      expect(await configuration(seats)).to.deep.equal(before);
      expect(before).to.deep.equal([PROTOCOL_FEE_BPS, await addr(seats.treasury)]);
    });

    it("are bounded: a fee above 10% (ParameterOutOfBounds) and a zero treasury (ZeroAddress) are refused", async function () {
      const { seats, contract } = await networkHelpers.loadFixture(deployFees);
      const fm = contract.connect(seats.feeManager);
      const before = await configuration(seats);
      expect(await contract.MAX_PROTOCOL_FEE_BPS()).to.equal(1_000n);
      await expect(fm.setProtocolFee(1_001n))
        .to.be.revertedWithCustomError(contract, "ParameterOutOfBounds")
        .withArgs(name("protocolFeeBps"));
      await expect(fm.setProtocolFee(65_535n))
        .to.be.revertedWithCustomError(contract, "ParameterOutOfBounds")
        .withArgs(name("protocolFeeBps"));
      await expect(fm.setTreasury(ethers.ZeroAddress)).to.be.revertedWithCustomError(contract, "ZeroAddress");
      expect(await configuration(seats)).to.deep.equal(before);
    });

    it("the constructor holds the same bound", async function () {
      const { story, contract } = await networkHelpers.loadFixture(deployFees);
      await expect(deploySeats(story, { protocolFeeBps: 1_001n }))
        .to.be.revertedWithCustomError(contract, "ParameterOutOfBounds")
        .withArgs(name("protocolFeeBps"));
    });

    it("the fee manager sets the fee (0 to 10%) and the treasury, with events; new fees reach the new treasury", async function () {
      const { seats, contract, ip, owner, stranger, newTreasury } = await networkHelpers.loadFixture(deployFees);
      const fm = contract.connect(seats.feeManager);
      await expect(fm.setProtocolFee(1_000n)).to.emit(contract, "ProtocolFeeSet").withArgs(1_000n);
      expect(await contract.protocolFeeBps()).to.equal(1_000n);
      await expect(fm.setProtocolFee(0n)).to.emit(contract, "ProtocolFeeSet").withArgs(0n);
      expect(await contract.protocolFeeBps()).to.equal(0n);
      await expect(fm.setProtocolFee(300n)).to.emit(contract, "ProtocolFeeSet").withArgs(300n);

      const seriesId = await createSeriesFromIpAccount(seats, ip, await seriesParams(seats, ip));
      expect((await contract.series(seriesId)).protocolFeeBps).to.equal(300n);
      await expect(fm.setTreasury(await addr(newTreasury)))
        .to.emit(contract, "TreasurySet")
        .withArgs(await addr(newTreasury));
      expect(await contract.treasury()).to.equal(await addr(newTreasury));

      await openSale(seats, seriesId);
      await buySeatsNative(seats, stranger, seriesId, 50n);
      await time.increaseTo((await contract.series(seriesId)).params.saleEnd + 1n);
      const fee = (50n * WAD * 300n) / 10_000n;
      const tx = contract.connect(owner).withdrawProceeds(seriesId, await addr(owner));
      await expect(tx)
        .to.emit(contract, "ProceedsWithdrawn")
        .withArgs(seriesId, await addr(owner), 50n * WAD - fee, fee);
      await expect(tx).to.changeTokenBalances(
        ethers,
        seats.story.wip,
        [await addr(newTreasury), await addr(seats.treasury), await addr(owner)],
        [fee, 0n, 50n * WAD - fee],
      );
    });
  });

  describe("fee changes only with a delay (AccessManager)", function () {
    it("setProtocolFee must be scheduled; it cannot execute before the delay; it executes once after", async function () {
      const { seats, contract } = await networkHelpers.loadFixture(deployDelayedFees);
      const { manager, feeManager } = seats;
      const fmAddress = await addr(feeManager);
      const target = await contract.getAddress();
      expect((await manager.getAccess(SEAT_ROLES.FEE_MANAGER, fmAddress))[1]).to.equal(FEE_DELAY);

      const data = contract.interface.encodeFunctionData("setProtocolFee", [800n]);
      const operationId = await manager.hashOperation(fmAddress, target, data);
      await expect(contract.connect(feeManager).setProtocolFee(800n))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotScheduled")
        .withArgs(operationId);
      await expect(manager.connect(feeManager).execute(target, data))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotScheduled")
        .withArgs(operationId);

      const scheduledAt = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(scheduledAt);
      await expect(manager.connect(feeManager).schedule(target, data, 0n))
        .to.emit(manager, "OperationScheduled")
        .withArgs(operationId, 1n, scheduledAt + FEE_DELAY, fmAddress, target, data);
      expect(await manager.getSchedule(operationId)).to.equal(scheduledAt + FEE_DELAY);

      await time.setNextBlockTimestamp(scheduledAt + FEE_DELAY - 1n);
      await expect(manager.connect(feeManager).execute(target, data))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotReady")
        .withArgs(operationId);
      await expect(contract.connect(feeManager).setProtocolFee(800n))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotReady")
        .withArgs(operationId);
      expect(await contract.protocolFeeBps()).to.equal(PROTOCOL_FEE_BPS);

      await time.setNextBlockTimestamp(scheduledAt + FEE_DELAY);
      await expect(manager.connect(feeManager).execute(target, data))
        .to.emit(manager, "OperationExecuted")
        .withArgs(operationId, 1n)
        .and.to.emit(contract, "ProtocolFeeSet")
        .withArgs(800n);
      expect(await contract.protocolFeeBps()).to.equal(800n);
      await expect(manager.connect(feeManager).execute(target, data))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotScheduled")
        .withArgs(operationId);
    });

    it("a scheduled treasury change executes by a direct call after the delay; a scheduled bad fee still fails its bound", async function () {
      const { seats, contract, newTreasury } = await networkHelpers.loadFixture(deployDelayedFees);
      const { manager, feeManager } = seats;
      const target = await contract.getAddress();
      const to = await addr(newTreasury);
      const treasuryData = contract.interface.encodeFunctionData("setTreasury", [to]);
      const badFeeData = contract.interface.encodeFunctionData("setProtocolFee", [1_001n]);
      await (await manager.connect(feeManager).schedule(target, treasuryData, 0n)).wait();
      await (await manager.connect(feeManager).schedule(target, badFeeData, 0n)).wait();
      await expect(contract.connect(feeManager).setTreasury(to)).to.be.revertedWithCustomError(
        manager,
        "AccessManagerNotReady",
      );
      expect(await contract.treasury()).to.equal(await addr(seats.treasury));

      await time.increase(FEE_DELAY);
      await expect(contract.connect(feeManager).setTreasury(to)).to.emit(contract, "TreasurySet").withArgs(to);
      expect(await contract.treasury()).to.equal(to);
      await expect(manager.connect(feeManager).execute(target, badFeeData))
        .to.be.revertedWithCustomError(contract, "ParameterOutOfBounds")
        .withArgs(name("protocolFeeBps"));
      expect(await contract.protocolFeeBps()).to.equal(PROTOCOL_FEE_BPS);
    });
  });

  describe("isCollaborator", function () {
    it("holders of a selling or succeeded series of the IP; not of a failed series, another IP, or after selling out", async function () {
      const f = await networkHelpers.loadFixture(deployCollaborators);
      const { seats, contract, ipA, ipB, failing, succeeding, a, b, c, d } = f;
      const [aAddr, bAddr, cAddr, dAddr] = await Promise.all([a, b, c, d].map(addr));
      expect(await contract.isCollaborator(ipA.ipId, aAddr)).to.equal(false);

      await buySeatsNative(seats, a, succeeding, 30n);
      await buySeatsWithWip(seats, b, succeeding, 1n);
      await buySeatsNative(seats, b, failing, 5n);
      await buySeatsNative(seats, c, failing, 5n);
      // Selling: every holder of IP A counts, nobody counts for IP B.
      for (const holder of [aAddr, bAddr, cAddr]) {
        expect(await contract.isCollaborator(ipA.ipId, holder), holder).to.equal(true);
        expect(await contract.isCollaborator(ipB.ipId, holder), holder).to.equal(false);
      }
      expect(await contract.isCollaborator(ipA.ipId, dAddr)).to.equal(false);
      // The seats contract holds unsold seats but is no collaborator.
      expect(await contract.isCollaborator(ipA.ipId, await contract.getAddress())).to.equal(false);

      await time.increaseTo((await contract.series(f.other)).params.saleEnd + 1n);
      expect(await contract.saleState(succeeding)).to.equal(2n);
      expect(await contract.saleState(failing)).to.equal(3n);
      expect(await contract.isCollaborator(ipA.ipId, aAddr)).to.equal(true);
      expect(await contract.isCollaborator(ipA.ipId, bAddr)).to.equal(true); // past its failed series to the live one
      expect(await contract.isCollaborator(ipA.ipId, cAddr)).to.equal(false); // still holds failed seats
      expect(await contract.seatsOf(failing, cAddr)).to.equal(5n);
      expect(await contract.isCollaborator(ipB.ipId, aAddr)).to.equal(false);

      // a sells all its seats to d.
      await expect(contract.connect(a).safeTransferFrom(aAddr, dAddr, succeeding, 30n, "0x"))
        .to.emit(contract, "TransferSingle")
        .withArgs(aAddr, aAddr, dAddr, succeeding, 30n);
      expect(await contract.seatsOf(succeeding, aAddr)).to.equal(0n);
      expect(await contract.isCollaborator(ipA.ipId, aAddr)).to.equal(false);
      expect(await contract.isCollaborator(ipA.ipId, dAddr)).to.equal(true);

      // Refunds and finalization change nothing for the failed series' holder; b stays a collaborator.
      await (await contract.connect(c).refund(failing)).wait();
      await (await contract.connect(b).refund(failing)).wait();
      await (await contract.finalize(succeeding)).wait();
      expect(await contract.isCollaborator(ipA.ipId, cAddr)).to.equal(false);
      expect(await contract.isCollaborator(ipA.ipId, bAddr)).to.equal(true);
      expect(await contract["totalSupply(uint256)"](succeeding)).to.equal(31n);
    });
  });
});
