import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();

async function deployRegistry() {
  const [, alice, bob] = await ethers.getSigners();
  const nft = await ethers.deployContract("DevnetNFT");
  const impl = await ethers.deployContract("IPAccountImpl");
  const registry = await ethers.deployContract("IPAssetRegistry", [await impl.getAddress()]);
  const chainId = (await ethers.provider.getNetwork()).chainId;
  await nft.mint(alice.address); // token 1
  await nft.mint(bob.address); // token 2
  return {
    nft,
    impl,
    registry,
    chainId,
    alice,
    bob,
    nftAddress: await nft.getAddress(),
  };
}

describe("IPAssetRegistry (devnet)", function () {
  it("rejects a zero IP account implementation", async function () {
    const { registry } = await networkHelpers.loadFixture(deployRegistry);
    const factory = await ethers.getContractFactory("IPAssetRegistry");
    await expect(factory.deploy(ethers.ZeroAddress)).to.be.revertedWithCustomError(
      registry,
      "IPAssetRegistry__ZeroIpAccountImpl",
    );
  });

  it("predicts deterministic, distinct IP ids before registration", async function () {
    const { registry, impl, chainId, nftAddress } = await networkHelpers.loadFixture(deployRegistry);
    const id1 = await registry.ipId(chainId, nftAddress, 1n);
    const id2 = await registry.ipId(chainId, nftAddress, 2n);
    expect(id1).to.not.equal(id2);
    expect(await registry.ipId(chainId, nftAddress, 1n)).to.equal(id1);
    expect(await registry.ipAccount(chainId, nftAddress, 1n)).to.equal(id1);
    expect(await registry.ipId(1n, nftAddress, 1n)).to.not.equal(id1);
    expect(await registry.isRegistered(id1)).to.equal(false);
    expect(await ethers.provider.getCode(id1)).to.equal("0x");
    expect(await registry.getIPAccountImpl()).to.equal(await impl.getAddress());
    expect(await registry.IP_ACCOUNT_IMPL()).to.equal(await impl.getAddress());
  });

  it("registers permissionlessly: account deployed at the id, events, state", async function () {
    const { registry, chainId, nftAddress, bob } = await networkHelpers.loadFixture(deployRegistry);
    const id = await registry.ipId(chainId, nftAddress, 1n);
    expect(await registry.connect(bob).register.staticCall(chainId, nftAddress, 1n)).to.equal(id);
    const tx = registry.connect(bob).register(chainId, nftAddress, 1n);
    await expect(tx)
      .to.emit(registry, "IPAccountRegistered")
      .withArgs(id, await registry.IP_ACCOUNT_IMPL(), chainId, nftAddress, 1n);
    const block = await ethers.provider.getBlock("latest");
    await expect(tx)
      .to.emit(registry, "IPRegistered")
      .withArgs(
        id,
        chainId,
        nftAddress,
        1n,
        `${chainId}: Quintessence Devnet NFT #1`,
        "qdnft://token/1",
        BigInt(block!.timestamp),
      );
    expect(await registry.isRegistered(id)).to.equal(true);
    expect(await registry.totalSupply()).to.equal(1n);
    const account = await ethers.getContractAt("IPAccountImpl", id);
    expect(await account.token()).to.deep.equal([chainId, nftAddress, 1n]);
  });

  it("re-registering returns the same id without IPRegistered (Story's behaviour)", async function () {
    const { registry, chainId, nftAddress } = await networkHelpers.loadFixture(deployRegistry);
    await registry.register(chainId, nftAddress, 1n);
    const id = await registry.ipId(chainId, nftAddress, 1n);
    expect(await registry.register.staticCall(chainId, nftAddress, 1n)).to.equal(id);
    const tx = registry.register(chainId, nftAddress, 1n);
    await expect(tx).to.not.emit(registry, "IPRegistered");
    await expect(tx).to.emit(registry, "IPAccountRegistered");
    expect(await registry.totalSupply()).to.equal(1n);
    expect(await registry.isRegistered(id)).to.equal(true);
  });

  it("reverts for a contract that is not ERC-721, and for an EOA", async function () {
    const { registry, chainId, alice } = await networkHelpers.loadFixture(deployRegistry);
    const usd = await ethers.deployContract("DevnetStablecoin");
    const usdAddress = await usd.getAddress();
    await expect(registry.register(chainId, usdAddress, 1n))
      .to.be.revertedWithCustomError(registry, "IPAssetRegistry__UnsupportedIERC721")
      .withArgs(usdAddress);
    await expect(registry.register(chainId, alice.address, 1n))
      .to.be.revertedWithCustomError(registry, "IPAssetRegistry__UnsupportedIERC721")
      .withArgs(alice.address);
    expect(await registry.totalSupply()).to.equal(0n);
    expect(await ethers.provider.getCode(await registry.ipId(chainId, usdAddress, 1n))).to.equal("0x");
  });

  it("reverts for a token that does not exist (the NFT's own error, as on Story)", async function () {
    const { registry, nft, chainId, nftAddress } = await networkHelpers.loadFixture(deployRegistry);
    await expect(registry.register(chainId, nftAddress, 99n))
      .to.be.revertedWithCustomError(nft, "ERC721NonexistentToken")
      .withArgs(99n);
    expect(await registry.isRegistered(await registry.ipId(chainId, nftAddress, 99n))).to.equal(false);
  });

  it("registers an NFT of another chain with Story's generated name and no URI", async function () {
    const { registry, nftAddress } = await networkHelpers.loadFixture(deployRegistry);
    const id = await registry.ipId(1n, nftAddress, 7n);
    await expect(registry.register(1n, nftAddress, 7n))
      .to.emit(registry, "IPRegistered")
      .withArgs(id, 1n, nftAddress, 7n, `1: ${nftAddress.toLowerCase()} #7`, "", (t: bigint) => t > 0n);
    expect(await registry.isRegistered(id)).to.equal(true);
    const account = await ethers.getContractAt("IPAccountImpl", id);
    expect(await account.owner()).to.equal(ethers.ZeroAddress);
  });
});
