/**
 * Attack family: claiming seat revenue twice. The attacker claims what its seats earned, moves the seats to a second
 * account (directly or through the market), and claims again; or moves them before claiming so that both accounts
 * claim the same revenue.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { payRoyaltyInWip } from "../fixtures/story.ts";
import { WAD } from "../fixtures/seats.ts";
import { balances, buySeatsWorld, type SeatsWorld } from "./helpers.ts";

const connection = await network.create();
const { networkHelpers } = connection;

const ROYALTY = 100n * WAD;

/** The seats world with 100 WIP of royalties paid to the IP and harvested; returns the series' part of them. */
async function harvested() {
  const w = await buySeatsWorld(connection);
  const seatsAddress = await w.contract.getAddress();
  await payRoyaltyInWip(w.story, w.payer, w.ip.ipId, ROYALTY);
  const seriesRevenue = await w.ip.vault.claimableRevenue(seatsAddress, w.story.addresses.WIP);
  await (await w.contract.harvest(w.seriesId)).wait();
  return { ...w, seriesRevenue };
}

/** What 40 of the 60 seats earned out of the series' revenue (the accumulator rounds per seat, down). */
const attackerShare = (w: SeatsWorld & { seriesRevenue: bigint }) => {
  const perSeat = (w.seriesRevenue * 10n ** 36n) / 60n;
  return (40n * perSeat) / 10n ** 36n;
};

const transferSeats = async (w: SeatsWorld, count: bigint) =>
  (await w.contract.connect(w.attacker).safeTransferFrom(w.attacker, w.accomplice, w.seriesId, count, "0x")).wait();

describe(`security — seat revenue double claim (${connection.networkName})`, function () {
  it("double claim: claim, transfer the seats to a second account, claim again — fails", async function () {
    const w = await networkHelpers.loadFixture(harvested);
    const { contract, wip, seriesId, attacker, accomplice } = w;
    const WIP = w.story.addresses.WIP;
    const share = attackerShare(w);
    const [attackerStart, accompliceStart] = await balances(wip, [attacker, accomplice]);
    await expect(contract.claim(seriesId, attacker, WIP))
      .to.emit(contract, "RevenueClaimed")
      .withArgs(seriesId, attacker, attacker, WIP, share);
    await transferSeats(w, 40n);
    await expect(contract.claim(seriesId, accomplice, WIP)).to.be.revertedWithCustomError(contract, "NothingToPay");
    await expect(contract.claim(seriesId, attacker, WIP)).to.be.revertedWithCustomError(contract, "NothingToPay");
    expect(await balances(wip, [attacker, accomplice])).to.deep.equal([attackerStart + share, accompliceStart]);
    expect(await contract.seatsOf(seriesId, accomplice)).to.equal(40n);
  });

  it("double claim: transfer the seats before claiming so both accounts claim the same revenue — fails", async function () {
    const w = await networkHelpers.loadFixture(harvested);
    const { contract, wip, seriesId, attacker, accomplice, victim } = w;
    const WIP = w.story.addresses.WIP;
    const share = attackerShare(w);
    const [attackerStart, accompliceStart] = await balances(wip, [attacker, accomplice]);
    await transferSeats(w, 40n);
    // The revenue earned before the transfer stayed with the seller.
    expect(await contract.claimable(seriesId, accomplice, WIP)).to.equal(0n);
    expect(await contract.claimable(seriesId, attacker, WIP)).to.equal(share);
    await expect(contract.claim(seriesId, accomplice, WIP)).to.be.revertedWithCustomError(contract, "NothingToPay");
    await (await contract.claim(seriesId, attacker, WIP)).wait();
    await expect(contract.claim(seriesId, attacker, WIP)).to.be.revertedWithCustomError(contract, "NothingToPay");
    expect(await balances(wip, [attacker, accomplice])).to.deep.equal([attackerStart + share, accompliceStart]);
    // The victim's part is untouched, and nothing was paid beyond what the series harvested.
    const victimShare = await contract.claimable(seriesId, victim, WIP);
    expect(victimShare).to.equal((20n * ((w.seriesRevenue * 10n ** 36n) / 60n)) / 10n ** 36n);
    expect(share + victimShare).to.be.at.most(w.seriesRevenue);
  });

  it("double claim: ping-pong transfers of one seat between two accounts, claiming at each hop — gains nothing", async function () {
    const w = await networkHelpers.loadFixture(harvested);
    const { contract, wip, seriesId, attacker, accomplice } = w;
    const WIP = w.story.addresses.WIP;
    const share = attackerShare(w);
    const [attackerStart, accompliceStart] = await balances(wip, [attacker, accomplice]);
    for (let hop = 0; hop < 5; hop++) {
      const [from, to] = hop % 2 === 0 ? [attacker, accomplice] : [accomplice, attacker];
      await (await contract.connect(from).safeTransferFrom(from, to, seriesId, 1n, "0x")).wait();
      for (const who of [attacker, accomplice]) {
        if ((await contract.claimable(seriesId, who, WIP)) > 0n) {
          await (await contract.claim(seriesId, who, WIP)).wait();
        }
      }
    }
    const [attackerEnd, accompliceEnd] = await balances(wip, [attacker, accomplice]);
    expect(attackerEnd - attackerStart + (accompliceEnd - accompliceStart)).to.equal(share);
  });
});
