import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();

async function deployStablecoin() {
  const usd = await ethers.deployContract("DevnetStablecoin");
  const [, alice, bob] = await ethers.getSigners();
  return { usd, alice, bob };
}

describe("DevnetStablecoin", function () {
  it("has dUSD metadata, 6 decimals and no supply", async function () {
    const { usd } = await networkHelpers.loadFixture(deployStablecoin);
    expect(await usd.name()).to.equal("Devnet USD");
    expect(await usd.symbol()).to.equal("dUSD");
    expect(await usd.decimals()).to.equal(6n);
    expect(await usd.totalSupply()).to.equal(0n);
  });

  it("anyone can mint to anyone (devnet faucet)", async function () {
    const { usd, alice, bob } = await networkHelpers.loadFixture(deployStablecoin);
    await expect(usd.connect(alice).mint(bob.address, 1_000_000n))
      .to.emit(usd, "Transfer")
      .withArgs(ethers.ZeroAddress, bob.address, 1_000_000n);
    expect(await usd.balanceOf(bob.address)).to.equal(1_000_000n);
    expect(await usd.totalSupply()).to.equal(1_000_000n);
  });

  it("minting to the zero address reverts", async function () {
    const { usd, alice } = await networkHelpers.loadFixture(deployStablecoin);
    await expect(usd.connect(alice).mint(ethers.ZeroAddress, 1n))
      .to.be.revertedWithCustomError(usd, "ERC20InvalidReceiver")
      .withArgs(ethers.ZeroAddress);
  });
});
