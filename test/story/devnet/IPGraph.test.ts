import { expect } from "chai";
import { network } from "hardhat";
import { IP_GRAPH_ADDRESS, installIPGraph } from "../../fixtures/devnet.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const LAP = 0n;
const LRP = 1n;
const PCT = 1_000_000n; // 1% (100% = 100_000_000)

const R = ethers.getAddress("0x" + "a1".repeat(20)); // root
const P1 = ethers.getAddress("0x" + "b1".repeat(20)); // child of R
const P2 = ethers.getAddress("0x" + "b2".repeat(20)); // child of R
const C = ethers.getAddress("0x" + "c1".repeat(20)); // child of P1 and P2
const D = ethers.getAddress("0x" + "d1".repeat(20)); // child of C
const X = ethers.getAddress("0x" + "e1".repeat(20)); // unrelated

/**
 * IPGraph installed at 0x0101 with a diamond R <- {P1, P2} <- C <- D:
 * LAP: P1->R 10%, P2->R 5%, C->P1 20%, C->P2 3%. LRP: P1->R 10%, P2->R 50%, C->P1 20%, C->P2 30%, D->C 50%.
 */
async function diamondGraph() {
  await installIPGraph(connection);
  const graph = await ethers.getContractAt("IPGraph", IP_GRAPH_ADDRESS);
  await graph.addParentIp(P1, [R]);
  await graph.addParentIp(P2, [R]);
  await graph.addParentIp(C, [P1, P2]);
  await graph.addParentIp(D, [C]);
  await graph.setRoyalty(P1, R, LAP, 10n * PCT);
  await graph.setRoyalty(P2, R, LAP, 5n * PCT);
  await graph.setRoyalty(C, P1, LAP, 20n * PCT);
  await graph.setRoyalty(C, P2, LAP, 3n * PCT);
  await graph.setRoyalty(P1, R, LRP, 10n * PCT);
  await graph.setRoyalty(P2, R, LRP, 50n * PCT);
  await graph.setRoyalty(C, P1, LRP, 20n * PCT);
  await graph.setRoyalty(C, P2, LRP, 30n * PCT);
  await graph.setRoyalty(D, C, LRP, 50n * PCT);
  return { graph };
}

const sorted = (xs: readonly string[]) => [...xs].sort();

describe("IPGraph (devnet, at 0x0101)", function () {
  it("runs at 0x0101 with no constructor state", async function () {
    const { graph } = await networkHelpers.loadFixture(diamondGraph);
    expect(await ethers.provider.getCode(IP_GRAPH_ADDRESS)).to.not.equal("0x");
    expect(await graph.MAX_ANCESTORS()).to.equal(1040n);
    expect(await graph.getParentIpsCount(X)).to.equal(0n);
  });

  it("records parents and emits ParentIpsSet; addParentIp replaces the list", async function () {
    const { graph } = await networkHelpers.loadFixture(diamondGraph);
    expect(await graph.getParentIps(C)).to.deep.equal([P1, P2]);
    expect(await graph.getParentIpsCount(C)).to.equal(2n);
    expect(await graph.hasParentIp(C, P1)).to.equal(true);
    expect(await graph.hasParentIp(C, R)).to.equal(false);
    await expect(graph.addParentIp(X, [R, P1]))
      .to.emit(graph, "ParentIpsSet")
      .withArgs(X, [R, P1]);
    await graph.addParentIp(X, [P2]);
    expect(await graph.getParentIps(X)).to.deep.equal([P2]);
  });

  it("walks ancestors over the diamond, each once", async function () {
    const { graph } = await networkHelpers.loadFixture(diamondGraph);
    expect(sorted(await graph.getAncestorIps(D))).to.deep.equal(sorted([C, P1, P2, R]));
    expect(await graph.getAncestorIpsCount(D)).to.equal(4n);
    expect(await graph.getAncestorIpsCount(C)).to.equal(3n);
    expect(await graph.getAncestorIps(R)).to.deep.equal([]);
    expect(await graph.hasAncestorIp(D, R)).to.equal(true);
    expect(await graph.hasAncestorIp(C, P2)).to.equal(true);
    expect(await graph.hasAncestorIp(R, C)).to.equal(false);
    expect(await graph.hasAncestorIp(C, C)).to.equal(false);
    expect(await graph.hasAncestorIp(C, X)).to.equal(false);
  });

  it("LAP royalty: an ancestor gets what each IP above the derivative owes it directly", async function () {
    const { graph } = await networkHelpers.loadFixture(diamondGraph);
    expect(await graph.getRoyalty(C, R, LAP)).to.equal(15n * PCT); // 10% via P1 + 5% via P2
    expect(await graph.getRoyalty(D, R, LAP)).to.equal(15n * PCT);
    expect(await graph.getRoyalty(C, P1, LAP)).to.equal(20n * PCT);
    expect(await graph.getRoyalty(C, X, LAP)).to.equal(0n);
    expect(await graph.getRoyalty(C, C, LAP)).to.equal(0n);
  });

  it("LAP stack: every link above the derivative", async function () {
    const { graph } = await networkHelpers.loadFixture(diamondGraph);
    expect(await graph.getRoyaltyStack(C, LAP)).to.equal(38n * PCT); // 20 + 3 + 10 + 5
    expect(await graph.getRoyaltyStack(P1, LAP)).to.equal(10n * PCT);
    expect(await graph.getRoyaltyStack(R, LAP)).to.equal(0n);
  });

  it("LRP royalty: products along paths, summed over paths", async function () {
    const { graph } = await networkHelpers.loadFixture(diamondGraph);
    expect(await graph.getRoyalty(C, R, LRP)).to.equal(17n * PCT); // 20%*10% + 30%*50%
    expect(await graph.getRoyalty(D, R, LRP)).to.equal(8_500_000n); // 50% * 17%
    expect(await graph.getRoyalty(D, P2, LRP)).to.equal(15n * PCT); // 50% * 30%
    expect(await graph.getRoyalty(C, C, LRP)).to.equal(100n * PCT);
    expect(await graph.getRoyalty(C, X, LRP)).to.equal(0n);
  });

  it("LRP rounds down per link, like the precompile", async function () {
    const { graph } = await networkHelpers.loadFixture(diamondGraph);
    await graph.setRoyalty(D, C, LRP, 33_333_333n);
    // C: 33_333_333; P1: 6_666_666; P2: 9_999_999; R: 666_666 + 4_999_999.
    expect(await graph.getRoyalty(D, R, LRP)).to.equal(5_666_665n);
  });

  it("LRP stack: direct parents only", async function () {
    const { graph } = await networkHelpers.loadFixture(diamondGraph);
    expect(await graph.getRoyaltyStack(C, LRP)).to.equal(50n * PCT);
    expect(await graph.getRoyaltyStack(D, LRP)).to.equal(50n * PCT);
  });

  it("setRoyalty emits RoyaltySet and rejects values above uint32", async function () {
    const { graph } = await networkHelpers.loadFixture(diamondGraph);
    await expect(graph.setRoyalty(X, R, LAP, 7n))
      .to.emit(graph, "RoyaltySet")
      .withArgs(X, R, LAP, 7n);
    await expect(graph.setRoyalty(X, R, LAP, 2n ** 32n))
      .to.be.revertedWithCustomError(graph, "IPGraph__RoyaltyAboveUint32")
      .withArgs(2n ** 32n);
  });

  it("getRoyalty reverts when the sum exceeds uint32", async function () {
    const { graph } = await networkHelpers.loadFixture(diamondGraph);
    await graph.addParentIp(X, [R]);
    await graph.addParentIp(D, [X, C]);
    await graph.setRoyalty(X, R, LAP, 2n ** 32n - 1n);
    await expect(graph.getRoyalty(D, R, LAP))
      .to.be.revertedWithCustomError(graph, "IPGraph__RoyaltyAboveUint32")
      .withArgs(2n ** 32n - 1n + 15n * PCT);
  });

  it("rejects unknown policy kinds", async function () {
    const { graph } = await networkHelpers.loadFixture(diamondGraph);
    await expect(graph.getRoyalty(C, R, 2n))
      .to.be.revertedWithCustomError(graph, "IPGraph__UnknownPolicyKind")
      .withArgs(2n);
    await expect(graph.getRoyaltyStack(C, 2n))
      .to.be.revertedWithCustomError(graph, "IPGraph__UnknownPolicyKind")
      .withArgs(2n);
  });

  it("caps parents per IP and ancestors per walk", async function () {
    const { graph } = await networkHelpers.loadFixture(diamondGraph);
    const many = (tag: number, n: number) =>
      Array.from({ length: n }, (_, i) => ethers.getAddress(ethers.toBeHex((BigInt(tag) << 32n) + BigInt(i + 1), 20)));
    await expect(graph.addParentIp(X, many(1, 257)))
      .to.be.revertedWithCustomError(graph, "IPGraph__TooManyParents")
      .withArgs(257n, 256n);
    // X has 9 parents; 8 of them have 128 parents each and the 9th 7: exactly 9 + 1024 + 7 = 1040 ancestors.
    const middles = many(2, 9);
    await graph.addParentIp(X, middles);
    for (let i = 0; i < 8; i++) {
      await graph.addParentIp(middles[i], many(10 + i, 128));
    }
    await graph.addParentIp(middles[8], many(20, 7));
    expect(await graph.getAncestorIpsCount(X)).to.equal(1040n);
    // One more ancestor is one too many.
    await graph.addParentIp(middles[8], many(20, 8));
    await expect(graph.getAncestorIpsCount(X))
      .to.be.revertedWithCustomError(graph, "IPGraph__TooManyAncestors")
      .withArgs(X, 1040n);
    await expect(graph.getRoyaltyStack(X, LAP))
      .to.be.revertedWithCustomError(graph, "IPGraph__TooManyAncestors")
      .withArgs(X, 1040n);
  });
});
