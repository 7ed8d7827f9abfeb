import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();

const coder = ethers.AbiCoder.defaultAbiCoder();
const EXECUTE = new ethers.Interface(["function execute(address to, uint256 value, bytes data)"]);

/** Story's IP account state chain: keccak(abi.encode(previous, abi.encodeWithSignature("execute(...)", ...))). */
function nextState(previous: string, to: string, value: bigint, data: string): string {
  const call = EXECUTE.encodeFunctionData("execute", [to, value, data]);
  return ethers.keccak256(coder.encode(["bytes32", "bytes"], [previous, call]));
}

async function deployAccount() {
  const [, alice, bob, carol] = await ethers.getSigners();
  const nft = await ethers.deployContract("DevnetNFT");
  const impl = await ethers.deployContract("IPAccountImpl");
  const registry = await ethers.deployContract("IPAssetRegistry", [await impl.getAddress()]);
  const usd = await ethers.deployContract("DevnetStablecoin");
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const nftAddress = await nft.getAddress();
  await nft.mint(alice.address); // token 1
  await registry.register(chainId, nftAddress, 1n);
  const ipId = await registry.ipId(chainId, nftAddress, 1n);
  const account = await ethers.getContractAt("IPAccountImpl", ipId);
  await usd.mint(ipId, 1_000n);
  return {
    nft,
    impl,
    usd,
    account,
    ipId,
    chainId,
    nftAddress,
    alice,
    bob,
    carol,
  };
}

describe("IPAccountImpl (devnet)", function () {
  it("is bound to its NFT and owned by the NFT holder, following transfers", async function () {
    const { nft, account, chainId, nftAddress, alice, bob } = await networkHelpers.loadFixture(deployAccount);
    expect(await account.token()).to.deep.equal([chainId, nftAddress, 1n]);
    expect(await account.owner()).to.equal(alice.address);
    await nft.connect(alice).transferFrom(alice.address, bob.address, 1n);
    expect(await account.owner()).to.equal(bob.address);
    expect(await account.state()).to.equal(ethers.ZeroHash);
  });

  it("the implementation itself is bound to nothing", async function () {
    const { impl } = await networkHelpers.loadFixture(deployAccount);
    expect(await impl.token()).to.deep.equal([0n, ethers.ZeroAddress, 0n]);
    expect(await impl.owner()).to.equal(ethers.ZeroAddress);
  });

  it("the owner executes an ERC-20 transfer out; state and Executed follow Story's chain", async function () {
    const { usd, account, ipId, alice, carol } = await networkHelpers.loadFixture(deployAccount);
    const data = usd.interface.encodeFunctionData("transfer", [carol.address, 400n]);
    const usdAddress = await usd.getAddress();
    const expected = nextState(ethers.ZeroHash, usdAddress, 0n, data);
    const tx = account.connect(alice).execute(usdAddress, 0n, data);
    await expect(tx).to.changeTokenBalances(ethers, usd, [ipId, carol.address], [-400n, 400n]);
    await expect(tx).to.emit(account, "Executed").withArgs(usdAddress, 0n, data, expected);
    expect(await account.state()).to.equal(expected);
    // A second call moves the state on again.
    await account.connect(alice).execute(usdAddress, 0n, data);
    expect(await account.state()).to.equal(nextState(expected, usdAddress, 0n, data));
  });

  it("returns the callee's return data", async function () {
    const { usd, account, alice } = await networkHelpers.loadFixture(deployAccount);
    const data = usd.interface.encodeFunctionData("transfer", [alice.address, 1n]);
    const result = await account.connect(alice).execute.staticCall(await usd.getAddress(), 0n, data);
    expect(coder.decode(["bool"], result)[0]).to.equal(true);
  });

  it("anyone but the owner is refused with IPAccount__InvalidSigner, nothing moves", async function () {
    const { nft, usd, account, ipId, alice, bob } = await networkHelpers.loadFixture(deployAccount);
    const data = usd.interface.encodeFunctionData("transfer", [bob.address, 1n]);
    await expect(account.connect(bob).execute(await usd.getAddress(), 0n, data)).to.be.revertedWithCustomError(
      account,
      "IPAccount__InvalidSigner",
    );
    // The previous holder loses control when the NFT moves.
    await nft.connect(alice).transferFrom(alice.address, bob.address, 1n);
    await expect(account.connect(alice).execute(await usd.getAddress(), 0n, data)).to.be.revertedWithCustomError(
      account,
      "IPAccount__InvalidSigner",
    );
    expect(await usd.balanceOf(ipId)).to.equal(1_000n);
    expect(await account.state()).to.equal(ethers.ZeroHash);
  });

  it("bubbles up the callee's revert data and keeps the state", async function () {
    const { usd, account, ipId, alice } = await networkHelpers.loadFixture(deployAccount);
    const data = usd.interface.encodeFunctionData("transfer", [alice.address, 1_001n]);
    await expect(account.connect(alice).execute(await usd.getAddress(), 0n, data))
      .to.be.revertedWithCustomError(usd, "ERC20InsufficientBalance")
      .withArgs(ipId, 1_000n, 1_001n);
    expect(await account.state()).to.equal(ethers.ZeroHash);
  });

  it("receives native tokens and sends them with execute", async function () {
    const { account, ipId, alice, carol } = await networkHelpers.loadFixture(deployAccount);
    await alice.sendTransaction({ to: ipId, value: 1000n });
    expect(await ethers.provider.getBalance(ipId)).to.equal(1000n);
    await expect(account.connect(alice).execute(carol.address, 600n, "0x")).to.changeEtherBalances(
      ethers,
      [ipId, carol],
      [-600n, 600n],
    );
  });

  it("accepts safe ERC-721 transfers but not its own NFT (SelfOwnDetected)", async function () {
    const { nft, account, ipId, alice, bob } = await networkHelpers.loadFixture(deployAccount);
    await nft.mint(bob.address); // token 2
    await nft.connect(bob)["safeTransferFrom(address,address,uint256)"](bob.address, ipId, 2n);
    expect(await nft.ownerOf(2n)).to.equal(ipId);
    await expect(
      nft.connect(alice)["safeTransferFrom(address,address,uint256)"](alice.address, ipId, 1n),
    ).to.be.revertedWithCustomError(account, "SelfOwnDetected");
    expect(await nft.ownerOf(1n)).to.equal(alice.address);
  });

  it("answers the ERC-1155 receiver hooks, isValidSigner and ERC-165", async function () {
    const { account, alice, bob } = await networkHelpers.loadFixture(deployAccount);
    expect(await account.onERC1155Received(bob.address, bob.address, 1n, 1n, "0x")).to.equal("0xf23a6e61");
    expect(await account.onERC1155BatchReceived(bob.address, bob.address, [1n], [1n], "0x")).to.equal("0xbc197c81");
    expect(await account.isValidSigner(alice.address, "0x")).to.equal("0x523e3260");
    expect(await account.isValidSigner(bob.address, "0x")).to.equal("0x00000000");
    for (const id of ["0x01ffc9a7", "0x6faff5f1", "0x150b7a02", "0x4e2312e0"]) {
      expect(await account.supportsInterface(id)).to.equal(true);
    }
    expect(await account.supportsInterface("0xffffffff")).to.equal(false);
  });
});
