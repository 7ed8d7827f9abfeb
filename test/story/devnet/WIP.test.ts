import { expect } from "chai";
import { network } from "hardhat";
import { WIP_ADDRESS } from "../../fixtures/devnet.ts";

const { ethers, networkHelpers } = await network.create();

const PERMIT2 = "0x000000000022D473030F116dDEE9F6B43aC78BA3";
const ONE = 10n ** 18n;

/** WIP's runtime code copied to Story's predeploy address, as the devnet fixture does. */
async function wipAtPredeploy() {
  const template = await ethers.deployContract("WIP");
  const code = await ethers.provider.getCode(await template.getAddress());
  await networkHelpers.setCode(WIP_ADDRESS, code);
  const wip = await ethers.getContractAt("WIP", WIP_ADDRESS);
  const [, alice, bob] = await ethers.getSigners();
  return { wip, alice, bob };
}

describe("WIP (devnet)", function () {
  it("runs at 0x1514… with constant metadata and no supply", async function () {
    const { wip } = await networkHelpers.loadFixture(wipAtPredeploy);
    expect(await wip.getAddress()).to.equal(WIP_ADDRESS);
    expect(await wip.name()).to.equal("Wrapped IP");
    expect(await wip.symbol()).to.equal("WIP");
    expect(await wip.decimals()).to.equal(18n);
    expect(await wip.totalSupply()).to.equal(0n);
  });

  it("deposit wraps msg.value and emits Deposit and Transfer", async function () {
    const { wip, alice } = await networkHelpers.loadFixture(wipAtPredeploy);
    const tx = wip.connect(alice).deposit({ value: 3n * ONE });
    await expect(tx)
      .to.emit(wip, "Deposit")
      .withArgs(alice.address, 3n * ONE);
    await expect(tx)
      .to.emit(wip, "Transfer")
      .withArgs(ethers.ZeroAddress, alice.address, 3n * ONE);
    await expect(tx).to.changeEtherBalances(ethers, [alice, wip], [-3n * ONE, 3n * ONE]);
    expect(await wip.balanceOf(alice.address)).to.equal(3n * ONE);
    expect(await wip.totalSupply()).to.equal(3n * ONE);
  });

  it("a plain native transfer deposits (receive)", async function () {
    const { wip, bob } = await networkHelpers.loadFixture(wipAtPredeploy);
    const tx = bob.sendTransaction({ to: WIP_ADDRESS, value: ONE });
    await expect(tx).to.emit(wip, "Deposit").withArgs(bob.address, ONE);
    expect(await wip.balanceOf(bob.address)).to.equal(ONE);
    expect(await ethers.provider.getBalance(WIP_ADDRESS)).to.equal(ONE);
  });

  it("withdraw burns and pays native back", async function () {
    const { wip, alice } = await networkHelpers.loadFixture(wipAtPredeploy);
    await wip.connect(alice).deposit({ value: 2n * ONE });
    const tx = wip.connect(alice).withdraw(ONE);
    await expect(tx).to.emit(wip, "Withdrawal").withArgs(alice.address, ONE);
    await expect(tx).to.emit(wip, "Transfer").withArgs(alice.address, ethers.ZeroAddress, ONE);
    await expect(tx).to.changeEtherBalances(ethers, [alice, wip], [ONE, -ONE]);
    expect(await wip.balanceOf(alice.address)).to.equal(ONE);
    expect(await wip.totalSupply()).to.equal(ONE);
  });

  it("withdraw above the balance reverts with InsufficientBalance", async function () {
    const { wip, alice } = await networkHelpers.loadFixture(wipAtPredeploy);
    await wip.connect(alice).deposit({ value: ONE });
    await expect(wip.connect(alice).withdraw(ONE + 1n)).to.be.revertedWithCustomError(wip, "InsufficientBalance");
    expect(await wip.balanceOf(alice.address)).to.equal(ONE);
  });

  it("transfer moves balances and rejects the zero address and WIP itself", async function () {
    const { wip, alice, bob } = await networkHelpers.loadFixture(wipAtPredeploy);
    await wip.connect(alice).deposit({ value: ONE });
    await expect(wip.connect(alice).transfer(bob.address, 400n))
      .to.emit(wip, "Transfer")
      .withArgs(alice.address, bob.address, 400n);
    expect(await wip.balanceOf(bob.address)).to.equal(400n);
    await expect(wip.connect(alice).transfer(ethers.ZeroAddress, 1n))
      .to.be.revertedWithCustomError(wip, "ERC20InvalidReceiver")
      .withArgs(ethers.ZeroAddress);
    await expect(wip.connect(alice).transfer(WIP_ADDRESS, 1n))
      .to.be.revertedWithCustomError(wip, "ERC20InvalidReceiver")
      .withArgs(WIP_ADDRESS);
    await expect(wip.connect(bob).transfer(alice.address, 401n)).to.be.revertedWithCustomError(
      wip,
      "InsufficientBalance",
    );
    expect(await wip.balanceOf(alice.address)).to.equal(ONE - 400n);
  });

  it("approve/transferFrom spend the allowance; self-approval and over-spending revert", async function () {
    const { wip, alice, bob } = await networkHelpers.loadFixture(wipAtPredeploy);
    await wip.connect(alice).deposit({ value: ONE });
    await expect(wip.connect(alice).approve(bob.address, 100n))
      .to.emit(wip, "Approval")
      .withArgs(alice.address, bob.address, 100n);
    await expect(wip.connect(alice).approve(alice.address, 1n))
      .to.be.revertedWithCustomError(wip, "ERC20InvalidSpender")
      .withArgs(alice.address);
    await expect(wip.connect(bob).transferFrom(alice.address, bob.address, 101n)).to.be.revertedWithCustomError(
      wip,
      "InsufficientAllowance",
    );
    await expect(wip.connect(bob).transferFrom(alice.address, bob.address, 60n)).to.changeTokenBalances(
      ethers,
      wip,
      [alice, bob],
      [-60n, 60n],
    );
    expect(await wip.allowance(alice.address, bob.address)).to.equal(40n);
    await expect(wip.connect(bob).transferFrom(alice.address, WIP_ADDRESS, 1n))
      .to.be.revertedWithCustomError(wip, "ERC20InvalidReceiver")
      .withArgs(WIP_ADDRESS);
  });

  it("an infinite allowance is not spent", async function () {
    const { wip, alice, bob } = await networkHelpers.loadFixture(wipAtPredeploy);
    await wip.connect(alice).deposit({ value: ONE });
    await wip.connect(alice).approve(bob.address, ethers.MaxUint256);
    await wip.connect(bob).transferFrom(alice.address, bob.address, ONE);
    expect(await wip.allowance(alice.address, bob.address)).to.equal(ethers.MaxUint256);
    expect(await wip.balanceOf(bob.address)).to.equal(ONE);
  });

  it("Permit2 has a fixed infinite allowance", async function () {
    const { wip, alice } = await networkHelpers.loadFixture(wipAtPredeploy);
    await wip.connect(alice).deposit({ value: ONE });
    expect(await wip.allowance(alice.address, PERMIT2)).to.equal(ethers.MaxUint256);
    await expect(wip.connect(alice).approve(PERMIT2, 5n)).to.be.revertedWithCustomError(
      wip,
      "Permit2AllowanceIsFixedAtInfinity",
    );
    await networkHelpers.impersonateAccount(PERMIT2);
    await networkHelpers.setBalance(PERMIT2, ONE);
    const permit2 = await ethers.getSigner(PERMIT2);
    await expect(wip.connect(permit2).transferFrom(alice.address, PERMIT2, ONE)).to.changeTokenBalances(
      ethers,
      wip,
      [alice, permit2],
      [-ONE, ONE],
    );
  });
});
