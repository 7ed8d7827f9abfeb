/**
 * `npm run demo`: a short walk through the Story behaviour Quintessence builds on, with real contract calls on the
 * local Story devnet (in-process by default; `npm run demo -- --network localhost` against a running node).
 * A creator registers an IP, sells a license, receives royalties, claims them; a dispute is raised and judged.
 */
import { network } from "hardhat";
import { formatEther, formatUnits } from "ethers";
import {
  DISPUTE_TAGS,
  RT_SUPPLY,
  createIpWithVault,
  judgeDispute,
  loadStory,
  mintLicense,
  payRoyaltyInWip,
  raiseDispute,
  transferRoyaltyTokensFromIp,
} from "../test/fixtures/story.ts";

const connection = await network.create();
const { ethers } = connection;
const [, creator, licensee, fan, investor, challenger] = await ethers.getSigners();
const WIP = 10n ** 18n;
let step = 0;

function say(title: string, ...details: string[]): void {
  step += 1;
  console.log(`\n${String(step).padStart(2)}. ${title}`);
  for (const line of details) console.log(`    ${line}`);
}
const wip = (amount: bigint) => `${formatEther(amount)} WIP`;
const rt = (amount: bigint) => `${formatUnits(amount, 6)} RT`;

const story = await loadStory(connection);
say(
  `Story ${story.mode} on ${connection.networkName} (chain ${story.chainId})`,
  `IPAssetRegistry ${story.addresses.IPAssetRegistry}`,
  `RoyaltyModule   ${story.addresses.RoyaltyModule}`,
  `DisputeModule   ${story.addresses.DisputeModule}`,
);

const mintingFee = 2n * WIP;
const ip = await createIpWithVault(story, creator, { mintingFee });
say(
  "Creator registers an NFT as an IP and attaches commercial-remix terms (10% LAP, 2 WIP minting fee)",
  `ipId ${ip.ipId} (IP account owned by ${await ip.account.owner()})`,
  `license terms #${ip.termsId}; the first license mint deployed the royalty vault ${await ip.vault.getAddress()}`,
  `the IP account holds ${rt(await ip.vault.balanceOf(ip.ipId))} of ${rt(await ip.vault.totalSupply())}`,
);

await mintLicense(story, licensee, ip.ipId, ip.termsId, 3n, mintingFee);
say(
  "A licensee mints 3 licenses, paying 3 x 2 WIP",
  `the creator's first mint paid 2 WIP too: vault claimable ${wip(await ip.vault.claimableRevenue(ip.ipId, story.addresses.WIP))}`,
);

await transferRoyaltyTokensFromIp(ip, investor.address, RT_SUPPLY / 5n);
say(
  "The creator moves 20% of the RT out of the IP account to an early investor (IP account execute)",
  `investor ${rt(await ip.vault.balanceOf(investor.address))}, IP account ${rt(await ip.vault.balanceOf(ip.ipId))}`,
  "revenue accrued before the transfer stays with the IP account",
);

await payRoyaltyInWip(story, fan, ip.ipId, 50n * WIP);
const accountClaimable = await ip.vault.claimableRevenue(ip.ipId, story.addresses.WIP);
const investorClaimable = await ip.vault.claimableRevenue(investor.address, story.addresses.WIP);
say(
  "A fan pays 50 WIP of royalties to the IP",
  `claimable: IP account ${wip(accountClaimable)}, investor ${wip(investorClaimable)}`,
);

await (await ip.vault.connect(fan).claimRevenueOnBehalf(investor.address, story.addresses.WIP)).wait();
say(
  "Anyone may claim on a holder's behalf: the fan claims for the investor",
  `investor's WIP balance ${wip(await story.wip.balanceOf(investor.address))}`,
);

const disputeId = await raiseDispute(story, challenger, ip.ipId, DISPUTE_TAGS.IMPROPER_USAGE);
say(
  `A challenger raises dispute #${disputeId} (IMPROPER_USAGE) with a bond`,
  `current tag IN_DISPUTE; isIpTagged = ${await story.disputes.isIpTagged(ip.ipId)} (false while only in dispute)`,
);

await judgeDispute(story, disputeId, true);
say(
  "The arbitration policy judges the dispute positively",
  `isIpTagged = ${await story.disputes.isIpTagged(ip.ipId)}; claimable for the IP account is now ${wip(
    await ip.vault.claimableRevenue(ip.ipId, story.addresses.WIP),
  )} and new royalty payments to the IP revert`,
);

console.log("\nSummary");
console.table([
  { holder: "IP account", RT: rt(await ip.vault.balanceOf(ip.ipId)), WIP: wip(await story.wip.balanceOf(ip.ipId)) },
  {
    holder: "investor",
    RT: rt(await ip.vault.balanceOf(investor.address)),
    WIP: wip(await story.wip.balanceOf(investor.address)),
  },
  { holder: "vault (unclaimed)", RT: "-", WIP: wip(await story.wip.balanceOf(await ip.vault.getAddress())) },
]);
