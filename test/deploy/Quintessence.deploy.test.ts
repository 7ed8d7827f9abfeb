/**
 * The full-system Ignition module (deploy/modules/Quintessence.ts) deployed on Story (the local devnet, or a fork):
 * every contract has code, every restricted function is mapped to the role the configuration says, every role is
 * held as configured with its delays, the lending vault and the insurance pool are wired together, and a mainnet-like
 * configuration hands the admin role over and leaves the deployer with nothing.
 */
import { expect } from "chai";
import { artifacts, network } from "hardhat";
import { Interface, type InterfaceAbi } from "ethers";
import { loadStory } from "../fixtures/story.ts";
import { deployConfigFor, HOLDER_VARIABLES } from "../../deploy/config/networks.ts";
import { ROLES, ROLE_TARGETS, type GovernedContract, type RoleName } from "../../deploy/config/roles.ts";
import type { DeployConfig, HolderRole } from "../../deploy/config/types.ts";
import { SYSTEM_CONTRACTS, deploySystem, describeSystem, type AddressBook } from "../../scripts/deploy/system.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const HOLDER_ROLES: HolderRole[] = ["ADMIN", "RISK_MANAGER", "APPRAISER", "GUARDIAN", "RISK_ASSESSOR", "FEE_MANAGER"];
const DAY = 24n * 3600n;

/** The local configuration: every role with the deployer, no delays. */
async function localDeployment() {
  const story = await loadStory(connection);
  const { chainId } = await ethers.provider.getNetwork();
  const config = deployConfigFor("localhost", Number(chainId), {}, story.addresses);
  const book = await deploySystem(connection, config);
  const [deployer] = await ethers.getSigners();
  return { story, config, book, deployer: await deployer.getAddress() };
}

/** A mainnet-like configuration (holders from the environment, day-long delays) with signers 10–16 as holders. */
async function mainnetLikeDeployment() {
  const story = await loadStory(connection);
  const { chainId } = await ethers.provider.getNetwork();
  const signers = await ethers.getSigners();
  const env: NodeJS.ProcessEnv = { QUINTESSENCE_SEATS_URI: "ipfs://seats/{id}.json" };
  const names = Object.values(HOLDER_VARIABLES);
  for (const [index, name] of names.entries()) {
    env[name] = await signers[10 + index].getAddress();
  }
  const config = deployConfigFor("story", Number(chainId), env, story.addresses);
  const book = await deploySystem(connection, config);
  return { story, config, book, deployer: await signers[0].getAddress(), env };
}

async function contractsOf(book: AddressBook) {
  const at = <T extends string>(name: T, address: string) => ethers.getContractAt(name, address);
  return {
    manager: await at("AccessManager", book.contracts.AccessManager),
    vault: await at("RoyaltyLendingVault", book.contracts.RoyaltyLendingVault),
    appraisal: await at("AppraisalOracle", book.contracts.AppraisalOracle),
    pool: await at("UnderwritingPool", book.contracts.UnderwritingPool),
    riskOracle: await at("RiskOracle", book.contracts.RiskOracle),
    shortfall: await at("LoanShortfallProduct", book.contracts.LoanShortfallProduct),
    seatMarket: await at("SeatMarket", book.contracts.SeatMarket),
    seats: await at("CollaborationSeats", book.contracts.CollaborationSeats),
  };
}

/** The ABI of a governed contract, from its artifact. */
async function abiOf(contract: GovernedContract): Promise<Interface> {
  const artifact = await artifacts.readArtifact(contract);
  return new Interface(artifact.abi as InterfaceAbi);
}

/** Expects every role of `config` to be held as configured, with its execution delay. */
async function expectHolders(book: AddressBook, config: DeployConfig, deployer: string) {
  const { manager } = await contractsOf(book);
  for (const role of HOLDER_ROLES) {
    const holder = config.holders[role] === "deployer" ? deployer : config.holders[role];
    expect(book.roles[role].holders).to.deep.equal([holder]);
    const [member, delay] = await manager.hasRole(ROLES[role], holder);
    expect(member, `${role} held by ${holder}`).to.equal(true);
    expect(delay, `${role} execution delay`).to.equal(config.delays.execution[role]);
  }
  const [poolMember] = await manager.hasRole(ROLES.COVER_POOL, book.contracts.UnderwritingPool);
  expect(poolMember).to.equal(true);
}

describe(`Quintessence — full-system deployment (${connection.networkName})`, function () {
  it("deploys every contract with code and records it in the address book", async function () {
    const { book, story } = await networkHelpers.loadFixture(localDeployment);
    expect(Object.keys(book.contracts)).to.deep.equal([...SYSTEM_CONTRACTS]);
    for (const name of SYSTEM_CONTRACTS) {
      expect(await ethers.provider.getCode(book.contracts[name]), name).to.not.equal("0x");
    }
    expect(new Set(Object.values(book.contracts)).size).to.equal(SYSTEM_CONTRACTS.length);
    expect(book.story).to.deep.equal(story.addresses);
    const { vault, pool, seats } = await contractsOf(book);
    for (const governed of [vault, pool, seats]) {
      expect(await governed.authority()).to.equal(book.contracts.AccessManager);
    }
    expect(await vault.asset()).to.equal(story.addresses.WIP);
    expect(await pool.asset()).to.equal(story.addresses.WIP);
  });

  it("maps every restricted function to its configured role, and leaves the others with the admin", async function () {
    const { book } = await networkHelpers.loadFixture(localDeployment);
    const { manager } = await contractsOf(book);
    let mapped = 0;
    for (const [contract, roles] of Object.entries(ROLE_TARGETS) as [GovernedContract, Record<RoleName, string[]>][]) {
      const abi = await abiOf(contract);
      const target = book.contracts[contract];
      for (const [role, names] of Object.entries(roles) as [RoleName, string[]][]) {
        for (const name of names) {
          const selector = abi.getFunction(name)!.selector;
          expect(await manager.getTargetFunctionRole(target, selector), `${contract}.${name}`).to.equal(ROLES[role]);
          mapped++;
        }
      }
    }
    // Vault 10, appraisal 3, revenue oracle 4, seats 2, seat market 1, cover NFT 2, risk oracle 3, pool 7, shortfall 1.
    expect(mapped).to.equal(33);
    for (const contract of ["RoyaltyLendingVault", "UnderwritingPool"] as const) {
      const selector = (await abiOf(contract)).getFunction("unpause")!.selector;
      expect(await manager.getTargetFunctionRole(book.contracts[contract], selector)).to.equal(ROLES.ADMIN);
    }
  });

  it("grants every role as configured (the deployer on a local network) and the pool its cover-writing role", async function () {
    const { book, config, deployer } = await networkHelpers.loadFixture(localDeployment);
    await expectHolders(book, config, deployer);
    const { manager } = await contractsOf(book);
    for (const role of HOLDER_ROLES) {
      expect(await manager.getRoleGrantDelay(ROLES[role])).to.equal(0n);
    }
  });

  it("wires lending and insurance together and configures the appraisal bounds, products, rates and the seat market", async function () {
    const { book, config, story } = await networkHelpers.loadFixture(localDeployment);
    const { vault, appraisal, pool, riskOracle, shortfall, seatMarket, seats } = await contractsOf(book);
    expect(await vault.badDebtCover()).to.equal(book.contracts.LoanShortfallProduct);
    expect(await shortfall.isInsurable(book.contracts.RoyaltyLendingVault)).to.equal(true);
    for (const [name, settings] of [
      ["InfringementProduct", config.insurance.infringement],
      ["LoanShortfallProduct", config.insurance.shortfall],
    ] as const) {
      const product = book.contracts[name];
      expect([...(await pool.productConfig(product))]).to.deep.equal([
        true,
        settings.minDuration,
        settings.maxDuration,
        settings.waitingPeriod,
        settings.claimWindow,
        settings.minAmount,
      ]);
      expect(await riskOracle.defaultRate(product)).to.equal(settings.defaultRate);
    }
    expect(await pool.protocolFee()).to.equal(config.insurance.protocolFee);
    expect(await pool.capacityRatio()).to.equal(config.insurance.capacityRatio);
    expect(await vault.reserveFactor()).to.equal(config.lending.reserveFactor);
    expect(await appraisal.maxChangePerUpdate()).to.equal(config.lending.appraisalMaxChange);
    expect(await appraisal.increasePeriod()).to.equal(config.lending.appraisalIncreasePeriod);
    expect(config.lending.appraisalIncreasePeriod).to.equal(DAY);
    expect(await seatMarket.isPaymentToken(story.addresses.WIP)).to.equal(true);
    expect(await seats.protocolFeeBps()).to.equal(config.seats.protocolFeeBps);
    const description = (await describeSystem(connection, book)).join("\n");
    expect(description).to.contain(`vault bad-debt cover     ${book.contracts.LoanShortfallProduct}`);
    expect(description).to.not.contain(" NO,");
  });

  it("with a mainnet-like configuration hands the admin role over and sets the delays", async function () {
    const { book, config, deployer } = await networkHelpers.loadFixture(mainnetLikeDeployment);
    await expectHolders(book, config, deployer);
    const { manager } = await contractsOf(book);
    const [deployerIsAdmin] = await manager.hasRole(ROLES.ADMIN, deployer);
    expect(deployerIsAdmin).to.equal(false);
    expect(config.delays.execution.RISK_MANAGER).to.equal(DAY);
    // AccessManager applies delay changes after its 5-day minimum setback.
    await networkHelpers.time.increase(5n * DAY + 1n);
    for (const role of HOLDER_ROLES) {
      expect(await manager.getRoleGrantDelay(ROLES[role]), role).to.equal(config.delays.grant[role]);
    }
    expect(await manager.getTargetAdminDelay(book.contracts.UnderwritingPool)).to.equal(config.delays.targetAdmin);
  });

  it("refuses a mainnet configuration without its role holders or seats URI, naming the variable", function () {
    expect(() => deployConfigFor("story", 1514, {})).to.throw(/QUINTESSENCE_ADMIN/);
    const env: NodeJS.ProcessEnv = {};
    for (const name of Object.values(HOLDER_VARIABLES)) env[name] = "0x000000000000000000000000000000000000dEaD";
    expect(() => deployConfigFor("story", 1514, env)).to.throw(/QUINTESSENCE_SEATS_URI/);
    env.QUINTESSENCE_TREASURY = "not an address";
    expect(() => deployConfigFor("story", 1514, env)).to.throw(/QUINTESSENCE_TREASURY/);
  });
});
