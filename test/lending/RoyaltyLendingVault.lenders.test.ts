import { expect } from "chai";
import { network } from "hardhat";
import type { Signer } from "ethers";
import { createIpWithVault, loadStory, RT_SUPPLY } from "../fixtures/story.ts";
import { DAY, deployLending, depositWip, listIp, openPositionFromIpAccount, WAD } from "../fixtures/lending.ts";
import {
  accrueAt,
  debtOfShares,
  readState,
  toAssets,
  toShares,
  VIRTUAL_SHARES,
  type VaultState,
} from "./RoyaltyLendingVault.helpers.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const addr = (s: Signer) => s.getAddress();

/* ---------------------------------------------------------------- fixtures */

/** An empty vault (default options: 10% reserve factor, 1e30 cap, 0.01 WIP min debt). */
async function deployVault() {
  const story = await loadStory(connection);
  const lending = await deployLending(story);
  const [, lender, lender2, borrower, attacker, victim, receiver] = await ethers.getSigners();
  return {
    story,
    lending,
    vault: lending.vault,
    wip: story.wip,
    lender,
    lender2,
    borrower,
    attacker,
    victim,
    receiver,
  };
}

/** An empty vault with a supply cap of 100 WIP. */
async function deployCappedVault() {
  const story = await loadStory(connection);
  const lending = await deployLending(story, { supplyCap: 100n * WAD });
  const [, lender, lender2] = await ethers.getSigners();
  return { story, lending, vault: lending.vault, wip: story.wip, lender, lender2 };
}

/** 100 WIP deposited; an IP worth 200 WIP pledged in full; 40 WIP borrowed (40% utilization). */
async function deployWithLoan() {
  const base = await deployVault();
  const { story, lending, lender, borrower } = base;
  await depositWip(lending, lender, 100n * WAD);
  const ip = await createIpWithVault(story, borrower);
  await listIp(lending, ip.ipId, 200n * WAD);
  const positionId = await openPositionFromIpAccount(lending, ip, RT_SUPPLY);
  await (await lending.vault.connect(borrower).borrow(positionId, 40n * WAD, await addr(borrower))).wait();
  return { ...base, ip, positionId };
}

/** Wraps and approves `amount` WIP of `account` for the vault. */
async function fund(
  f: { wip: Awaited<ReturnType<typeof deployVault>>["wip"]; vault: { getAddress(): Promise<string> } },
  account: Signer,
  amount: bigint,
) {
  await (await f.wip.connect(account).deposit({ value: amount })).wait();
  await (await f.wip.connect(account).approve(await f.vault.getAddress(), amount)).wait();
}

/** Next block at `lastUpdate + seconds`, returned. */
async function nextAt(state: VaultState, seconds: bigint): Promise<bigint> {
  const t = state.lastUpdate + seconds;
  await time.setNextBlockTimestamp(t);
  return t;
}

describe("RoyaltyLendingVault — lenders", function () {
  describe("deposit, mint, withdraw, redeem", function () {
    it("deposit into an empty vault mints 1e6 shares per asset unit (6-decimal offset)", async function () {
      const { vault, wip, lender, receiver } = await networkHelpers.loadFixture(deployVault);
      const amount = 100n * WAD;
      await fund({ wip, vault }, lender, amount);
      expect(await vault.decimals()).to.equal(24n);
      expect(await vault.previewDeposit(amount)).to.equal(amount * VIRTUAL_SHARES);
      const tx = vault.connect(lender).deposit(amount, await addr(receiver));
      await expect(tx)
        .to.emit(vault, "Deposit")
        .withArgs(await addr(lender), await addr(receiver), amount, amount * VIRTUAL_SHARES);
      await expect(tx).to.changeTokenBalances(ethers, wip, [lender, vault], [-amount, amount]);
      expect(await vault.balanceOf(await addr(receiver))).to.equal(amount * VIRTUAL_SHARES);
      expect(await vault.balanceOf(await addr(lender))).to.equal(0n);
      expect(await vault.totalSupply()).to.equal(amount * VIRTUAL_SHARES);
      expect(await vault.totalAssets()).to.equal(amount);
      expect(await vault.totalSupplyAssets()).to.equal(amount);
      expect(await vault.idleLiquidity()).to.equal(amount);
    });

    it("a 1-wei deposit mints exactly 1e6 shares and is redeemable for that wei", async function () {
      const { vault, wip, lender } = await networkHelpers.loadFixture(deployVault);
      await fund({ wip, vault }, lender, 1n);
      await expect(vault.connect(lender).deposit(1n, await addr(lender)))
        .to.emit(vault, "Deposit")
        .withArgs(await addr(lender), await addr(lender), 1n, VIRTUAL_SHARES);
      expect(await vault.convertToAssets(VIRTUAL_SHARES)).to.equal(1n);
      expect(await vault.convertToShares(1n)).to.equal(VIRTUAL_SHARES);
      const tx = vault.connect(lender).redeem(VIRTUAL_SHARES, await addr(lender), await addr(lender));
      await expect(tx).to.changeTokenBalances(ethers, wip, [lender, vault], [1n, -1n]);
      expect(await vault.totalSupply()).to.equal(0n);
      expect(await vault.totalAssets()).to.equal(0n);
    });

    it("a second deposit is priced at the current share price, rounding shares down", async function () {
      const { vault, wip, lender, lender2 } = await networkHelpers.loadFixture(deployVault);
      const first = 100n * WAD;
      await fund({ wip, vault }, lender, first);
      await (await vault.connect(lender).deposit(first, await addr(lender))).wait();
      const second = 33n * WAD + 7n;
      await fund({ wip, vault }, lender2, second);
      const shares = toShares(second, first, first * VIRTUAL_SHARES);
      await expect(vault.connect(lender2).deposit(second, await addr(lender2)))
        .to.emit(vault, "Deposit")
        .withArgs(await addr(lender2), await addr(lender2), second, shares);
      expect(await vault.balanceOf(await addr(lender2))).to.equal(shares);
      expect(await vault.totalAssets()).to.equal(first + second);
      expect(await vault.totalSupply()).to.equal(first * VIRTUAL_SHARES + shares);
    });

    it("mint pulls the assets for the shares, rounding assets up", async function () {
      const { vault, wip, lender, lender2 } = await networkHelpers.loadFixture(deployVault);
      const first = 100n * WAD + 3n;
      await fund({ wip, vault }, lender, first);
      await (await vault.connect(lender).deposit(first, await addr(lender))).wait();
      const shares = 3n * 10n ** 25n + 7n;
      const assets = toAssets(shares, first, first * VIRTUAL_SHARES, true);
      expect(await vault.previewMint(shares)).to.equal(assets);
      await fund({ wip, vault }, lender2, assets);
      const tx = vault.connect(lender2).mint(shares, await addr(lender2));
      await expect(tx)
        .to.emit(vault, "Deposit")
        .withArgs(await addr(lender2), await addr(lender2), assets, shares);
      await expect(tx).to.changeTokenBalances(ethers, wip, [lender2, vault], [-assets, assets]);
      expect(await vault.balanceOf(await addr(lender2))).to.equal(shares);
      expect(await vault.totalSupplyAssets()).to.equal(first + assets);
    });

    it("withdraw burns shares rounded up and pays the receiver", async function () {
      const { vault, wip, lender, receiver } = await networkHelpers.loadFixture(deployVault);
      const deposited = 100n * WAD + 1n;
      await fund({ wip, vault }, lender, deposited);
      await (await vault.connect(lender).deposit(deposited, await addr(lender))).wait();
      const amount = 30n * WAD;
      const shares = toShares(amount, deposited, deposited * VIRTUAL_SHARES, true);
      expect(await vault.previewWithdraw(amount)).to.equal(shares);
      const tx = vault.connect(lender).withdraw(amount, await addr(receiver), await addr(lender));
      await expect(tx)
        .to.emit(vault, "Withdraw")
        .withArgs(await addr(lender), await addr(receiver), await addr(lender), amount, shares);
      await expect(tx).to.changeTokenBalances(ethers, wip, [vault, receiver, lender], [-amount, amount, 0n]);
      expect(await vault.balanceOf(await addr(lender))).to.equal(deposited * VIRTUAL_SHARES - shares);
      expect(await vault.totalAssets()).to.equal(deposited - amount);
    });

    it("redeem pays assets rounded down; a third party needs an allowance", async function () {
      const { vault, wip, lender, lender2, receiver } = await networkHelpers.loadFixture(deployVault);
      const deposited = 100n * WAD;
      await fund({ wip, vault }, lender, deposited);
      await (await vault.connect(lender).deposit(deposited, await addr(lender))).wait();
      const shares = (deposited * VIRTUAL_SHARES) / 3n;
      const assets = toAssets(shares, deposited, deposited * VIRTUAL_SHARES);
      await expect(vault.connect(lender2).redeem(shares, await addr(receiver), await addr(lender)))
        .to.be.revertedWithCustomError(vault, "ERC20InsufficientAllowance")
        .withArgs(await addr(lender2), 0n, shares);
      await (await vault.connect(lender).approve(await addr(lender2), shares)).wait();
      const tx = vault.connect(lender2).redeem(shares, await addr(receiver), await addr(lender));
      await expect(tx)
        .to.emit(vault, "Withdraw")
        .withArgs(await addr(lender2), await addr(receiver), await addr(lender), assets, shares);
      await expect(tx).to.changeTokenBalances(ethers, wip, [vault, receiver], [-assets, assets]);
      expect(await vault.allowance(await addr(lender), await addr(lender2))).to.equal(0n);
      expect(await vault.balanceOf(await addr(lender))).to.equal(deposited * VIRTUAL_SHARES - shares);
      expect(await vault.totalAssets()).to.equal(deposited - assets);
    });
  });

  describe("interest", function () {
    it("accrues per second at the model's rate with 3-term Taylor growth: totalAssets and share price rise", async function () {
      const { vault, lender } = await networkHelpers.loadFixture(deployWithLoan);
      const state = await readState(vault);
      expect(state.supplyAssets).to.equal(100n * WAD);
      expect(state.borrowAssets).to.equal(40n * WAD);
      // 40% utilization: 8% APR × 0.4 / 0.8 = 4% APR, floored per second.
      const expectedRate = (((8n * WAD) / 100n / (365n * DAY)) * 40n) / 80n;
      let previous = 100n * WAD;
      for (const elapsed of [1n, 2n, 3600n, 30n * DAY, 365n * DAY]) {
        await time.increaseTo(state.lastUpdate + elapsed);
        const accrued = accrueAt(state, state.lastUpdate + elapsed);
        expect(accrued.rate).to.equal(expectedRate);
        expect(await vault.totalAssets()).to.equal(accrued.supplyAssets);
        expect(await vault.totalDebt()).to.equal(accrued.borrowAssets);
        expect(await vault.totalSupply()).to.equal(accrued.shares);
        // Interest goes to both sides: idle liquidity does not move.
        expect(await vault.idleLiquidity()).to.equal(60n * WAD);
        const lenderShares = await vault.balanceOf(await addr(lender));
        expect(await vault.convertToAssets(lenderShares)).to.equal(
          toAssets(lenderShares, accrued.supplyAssets, accrued.shares),
        );
        expect(accrued.supplyAssets).to.be.greaterThan(previous);
        previous = accrued.supplyAssets;
      }
      // One second of interest is borrow × rate (the 2nd and 3rd Taylor terms floor to 0 at this size).
      expect(accrueAt(state, state.lastUpdate + 1n).interest).to.equal((40n * WAD * expectedRate) / WAD);
    });

    it("accrueInterest writes the totals, mints the treasury's reserve shares and emits InterestAccrued", async function () {
      const { vault, lending } = await networkHelpers.loadFixture(deployWithLoan);
      const state = await readState(vault);
      const t = await nextAt(state, 90n * DAY);
      const accrued = accrueAt(state, t);
      expect(accrued.interest).to.be.greaterThan(0n);
      expect(accrued.reserveShares).to.be.greaterThan(0n);
      const treasury = await addr(lending.treasury);
      await expect(vault.accrueInterest())
        .to.emit(vault, "InterestAccrued")
        .withArgs(accrued.rate, accrued.interest, accrued.reserveShares)
        .and.to.emit(vault, "Transfer")
        .withArgs(ethers.ZeroAddress, treasury, accrued.reserveShares);
      expect(await vault.totalSupplyAssets()).to.equal(accrued.supplyAssets);
      expect(await vault.totalBorrowAssets()).to.equal(accrued.borrowAssets);
      expect(await vault.lastUpdate()).to.equal(t);
      expect(await vault.balanceOf(treasury)).to.equal(accrued.reserveShares);
      expect(await vault.totalSupply()).to.equal(accrued.shares);
      expect((await readState(vault)).shares).to.equal(accrued.shares); // the storage read of the raw supply
      // The reserve shares are worth the reserve factor's cut of the interest, at most 1 wei less (two floors:
      // the shares minted, then their conversion back).
      const reserve = (accrued.interest * state.reserveFactor) / WAD;
      const treasuryAssets = await vault.convertToAssets(accrued.reserveShares);
      expect(treasuryAssets).to.be.lessThanOrEqual(reserve);
      expect(treasuryAssets).to.be.greaterThanOrEqual(reserve - 1n);
    });

    it("the treasury redeems its reserve shares once the loan is repaid", async function () {
      const { vault, wip, lending, borrower, positionId } = await networkHelpers.loadFixture(deployWithLoan);
      await time.increase(90n * DAY);
      await (await vault.accrueInterest()).wait();
      const treasury = lending.treasury;
      const reserveShares = await vault.balanceOf(await addr(treasury));
      expect(reserveShares).to.be.greaterThan(0n);
      // Repay everything so nothing accrues any more and the vault is fully liquid.
      await fund({ wip, vault }, borrower, 50n * WAD);
      await (await vault.connect(borrower).repay(positionId, 50n * WAD)).wait();
      expect(await vault.totalDebt()).to.equal(0n);
      const reserveSharesNow = await vault.balanceOf(await addr(treasury));
      const assets = await vault.previewRedeem(reserveSharesNow);
      expect(await vault.maxRedeem(await addr(treasury))).to.equal(reserveSharesNow);
      const tx = vault.connect(treasury).redeem(reserveSharesNow, await addr(treasury), await addr(treasury));
      await expect(tx)
        .to.emit(vault, "Withdraw")
        .withArgs(await addr(treasury), await addr(treasury), await addr(treasury), assets, reserveSharesNow);
      await expect(tx).to.changeTokenBalances(ethers, wip, [treasury, vault], [assets, -assets]);
      expect(await vault.balanceOf(await addr(treasury))).to.equal(0n);
    });

    it("with a zero reserve factor all interest goes to lenders and no shares are minted", async function () {
      const { vault, lending } = await networkHelpers.loadFixture(deployWithLoan);
      await (await vault.connect(lending.riskManager).setReserveFactor(0n)).wait();
      const state = await readState(vault);
      const treasuryShares = await vault.balanceOf(await addr(lending.treasury));
      const t = await nextAt(state, 30n * DAY);
      const accrued = accrueAt(state, t);
      await expect(vault.accrueInterest())
        .to.emit(vault, "InterestAccrued")
        .withArgs(accrued.rate, accrued.interest, 0n);
      expect(await vault.balanceOf(await addr(lending.treasury))).to.equal(treasuryShares);
      expect(await vault.totalSupply()).to.equal(state.shares);
      expect(await vault.totalAssets()).to.equal(state.supplyAssets + accrued.interest);
    });
  });

  describe("limits", function () {
    it("maxWithdraw and maxRedeem are limited by idle liquidity while loans are out", async function () {
      const { vault, wip, lender, lender2 } = await networkHelpers.loadFixture(deployWithLoan);
      const lenderAddress = await addr(lender);
      const state = await readState(vault);
      expect(await vault.idleLiquidity()).to.equal(60n * WAD);
      expect(await vault.maxWithdraw(lenderAddress)).to.equal(60n * WAD);
      expect(await vault.maxRedeem(lenderAddress)).to.equal(toShares(60n * WAD, state.supplyAssets, state.shares));
      // A small lender is limited by its own balance instead.
      await fund({ wip, vault }, lender2, 10n * WAD);
      await (await vault.connect(lender2).deposit(10n * WAD, await addr(lender2))).wait();
      const small = await vault.balanceOf(await addr(lender2));
      expect(await vault.maxRedeem(await addr(lender2))).to.equal(small);
      expect(await vault.maxWithdraw(await addr(lender2))).to.equal(await vault.convertToAssets(small));

      // Idle liquidity is supply − debt, both grown by the same interest: it is still 70 WIP a block later, and
      // maxWithdraw is exactly min(the lender's assets, idle liquidity).
      const t = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(t);
      expect(await vault.idleLiquidity({ blockTag: "pending" })).to.equal(70n * WAD);
      const max = await vault.maxWithdraw(lenderAddress, { blockTag: "pending" });
      expect(max).to.equal(70n * WAD);
      await expect(vault.connect(lender).withdraw(max + 1n, lenderAddress, lenderAddress))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxWithdraw")
        .withArgs(lenderAddress, max + 1n, max);
      const tx = vault.connect(lender).withdraw(max, lenderAddress, lenderAddress);
      await expect(tx).to.changeTokenBalances(ethers, wip, [lender, vault], [max, -max]);
      expect(await vault.idleLiquidity()).to.equal(70n * WAD - max);
      expect(await vault.maxWithdraw(lenderAddress)).to.be.lessThanOrEqual(70n * WAD - max);
      expect(await vault.maxRedeem(lenderAddress)).to.equal(
        toShares(70n * WAD - max, await vault.totalAssets(), await vault.totalSupply()),
      );
      const maxRedeem = await vault.maxRedeem(lenderAddress);
      await expect(vault.connect(lender).redeem(maxRedeem + 10n ** 12n, lenderAddress, lenderAddress))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxRedeem")
        .withArgs(lenderAddress, maxRedeem + 10n ** 12n, maxRedeem);
    });

    it("the supply cap bounds maxDeposit / maxMint and rejects deposits and mints beyond it", async function () {
      const { vault, wip, lender, lender2, lending } = await networkHelpers.loadFixture(deployCappedVault);
      const l2 = await addr(lender2);
      expect(await vault.supplyCap()).to.equal(100n * WAD);
      expect(await vault.maxDeposit(l2)).to.equal(100n * WAD);
      expect(await vault.maxMint(l2)).to.equal(100n * WAD * VIRTUAL_SHARES);
      await depositWip(lending, lender, 60n * WAD);
      expect(await vault.maxDeposit(l2)).to.equal(40n * WAD);
      const maxMint = toShares(40n * WAD, 60n * WAD, 60n * WAD * VIRTUAL_SHARES);
      expect(await vault.maxMint(l2)).to.equal(maxMint);

      await fund({ wip, vault }, lender2, 50n * WAD);
      await expect(vault.connect(lender2).deposit(40n * WAD + 1n, l2))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxDeposit")
        .withArgs(l2, 40n * WAD + 1n, 40n * WAD);
      await expect(vault.connect(lender2).mint(maxMint + 1n, l2))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxMint")
        .withArgs(l2, maxMint + 1n, maxMint);
      await expect(vault.connect(lender2).deposit(40n * WAD, l2)).to.changeTokenBalances(
        ethers,
        wip,
        [lender2, vault],
        [-40n * WAD, 40n * WAD],
      );
      expect(await vault.totalAssets()).to.equal(100n * WAD);
      expect(await vault.maxDeposit(l2)).to.equal(0n);
      expect(await vault.maxMint(l2)).to.equal(0n);
      await expect(vault.connect(lender2).deposit(1n, l2))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxDeposit")
        .withArgs(l2, 1n, 0n);

      // Lowering the cap below the assets leaves maxDeposit at zero (no underflow).
      await expect(vault.connect(lending.riskManager).setSupplyCap(50n * WAD))
        .to.emit(vault, "SupplyCapSet")
        .withArgs(50n * WAD);
      expect(await vault.maxDeposit(l2)).to.equal(0n);
    });
  });

  describe("previews with pending interest", function () {
    it("previewDeposit / previewMint / previewWithdraw / previewRedeem equal the actual results", async function () {
      const { vault, wip, lender, lender2, lending } = await networkHelpers.loadFixture(deployWithLoan);
      const l1 = await addr(lender);
      const l2 = await addr(lender2);
      const treasury = await addr(lending.treasury);
      await fund({ wip, vault }, lender2, 100n * WAD);
      let state = await readState(vault);

      // Deposit 30 days later, nothing accrued in between: the preview (pending block) counts the reserve shares.
      let t = await nextAt(state, 30n * DAY);
      let accrued = accrueAt(state, t);
      expect(accrued.reserveShares).to.be.greaterThan(0n);
      expect(await vault.totalSupply({ blockTag: "pending" })).to.equal(accrued.shares);
      expect(await vault.totalAssets({ blockTag: "pending" })).to.equal(accrued.supplyAssets);
      const depositShares = await vault.previewDeposit(10n * WAD, { blockTag: "pending" });
      expect(depositShares).to.equal(toShares(10n * WAD, accrued.supplyAssets, accrued.shares));
      await expect(vault.connect(lender2).deposit(10n * WAD, l2))
        .to.emit(vault, "Deposit")
        .withArgs(l2, l2, 10n * WAD, depositShares);
      expect(await vault.balanceOf(treasury)).to.equal(accrued.reserveShares);

      state = await readState(vault);
      t = await nextAt(state, 7n * DAY);
      accrued = accrueAt(state, t);
      const mintShares = 5n * 10n ** 24n + 1n;
      const mintAssets = await vault.previewMint(mintShares, { blockTag: "pending" });
      expect(mintAssets).to.equal(toAssets(mintShares, accrued.supplyAssets, accrued.shares, true));
      await expect(vault.connect(lender2).mint(mintShares, l2))
        .to.emit(vault, "Deposit")
        .withArgs(l2, l2, mintAssets, mintShares);

      state = await readState(vault);
      t = await nextAt(state, DAY);
      accrued = accrueAt(state, t);
      const withdrawShares = await vault.previewWithdraw(3n * WAD, { blockTag: "pending" });
      expect(withdrawShares).to.equal(toShares(3n * WAD, accrued.supplyAssets, accrued.shares, true));
      await expect(vault.connect(lender).withdraw(3n * WAD, l1, l1))
        .to.emit(vault, "Withdraw")
        .withArgs(l1, l1, l1, 3n * WAD, withdrawShares);

      state = await readState(vault);
      t = await nextAt(state, 12345n);
      accrued = accrueAt(state, t);
      const redeemShares = 10n ** 25n;
      const redeemAssets = await vault.previewRedeem(redeemShares, { blockTag: "pending" });
      expect(redeemAssets).to.equal(toAssets(redeemShares, accrued.supplyAssets, accrued.shares));
      await expect(vault.connect(lender).redeem(redeemShares, l1, l1))
        .to.emit(vault, "Withdraw")
        .withArgs(l1, l1, l1, redeemAssets, redeemShares);
      expect(await vault.totalSupplyAssets()).to.equal(accrued.supplyAssets - redeemAssets);
    });
  });

  describe("donations and the inflation attack", function () {
    it("WIP sent to the vault directly changes neither totalAssets nor the share price", async function () {
      const { vault, wip, lender, lender2 } = await networkHelpers.loadFixture(deployWithLoan);
      const state = await readState(vault);
      const idle = await vault.idleLiquidity();
      await (await wip.connect(lender2).deposit({ value: 500n * WAD })).wait();
      await expect(wip.connect(lender2).transfer(await vault.getAddress(), 500n * WAD)).to.changeTokenBalances(
        ethers,
        wip,
        [lender2, vault],
        [-500n * WAD, 500n * WAD],
      );
      // Only interest moved the accounting (the mirror ignores the vault's token balance entirely).
      const accrued = accrueAt(state, BigInt(await time.latest()));
      expect(await vault.totalSupplyAssets()).to.equal(state.supplyAssets);
      expect(await vault.totalAssets()).to.equal(accrued.supplyAssets);
      expect(await vault.totalSupply()).to.equal(accrued.shares);
      expect(await vault.convertToAssets(10n ** 24n)).to.equal(
        toAssets(10n ** 24n, accrued.supplyAssets, accrued.shares),
      );
      expect(await vault.idleLiquidity()).to.equal(idle);
      expect(await vault.maxWithdraw(await addr(lender))).to.be.lessThanOrEqual(idle);
      expect(await wip.balanceOf(await vault.getAddress())).to.equal(idle + 500n * WAD);
    });

    it("first depositor's 1-wei deposit + large donation: the victim loses nothing, the attacker loses the donation", async function () {
      const { vault, wip, attacker, victim } = await networkHelpers.loadFixture(deployVault);
      const a = await addr(attacker);
      const v = await addr(victim);
      const vaultAddress = await vault.getAddress();
      const donation = 1_000n * WAD;
      const deposit = 10n * WAD;

      // 1. The attacker is the first depositor, with 1 wei.
      await fund({ wip, vault }, attacker, 1n);
      await (await vault.connect(attacker).deposit(1n, a)).wait();
      expect(await vault.balanceOf(a)).to.equal(VIRTUAL_SHARES);
      // 2. It donates a large amount directly, hoping to inflate the share price.
      await (await wip.connect(attacker).deposit({ value: donation })).wait();
      await (await wip.connect(attacker).transfer(vaultAddress, donation)).wait();
      expect(await vault.totalAssets()).to.equal(1n);
      expect(await vault.convertToShares(deposit)).to.equal(deposit * VIRTUAL_SHARES);
      // 3. The victim deposits and gets shares at the undisturbed price.
      await fund({ wip, vault }, victim, deposit);
      const victimShares = toShares(deposit, 1n, VIRTUAL_SHARES);
      expect(victimShares).to.equal(deposit * VIRTUAL_SHARES);
      await expect(vault.connect(victim).deposit(deposit, v))
        .to.emit(vault, "Deposit")
        .withArgs(v, v, deposit, victimShares);
      // 4. Both exit.
      const totalAssets = deposit + 1n;
      const totalShares = victimShares + VIRTUAL_SHARES;
      const victimOut = toAssets(victimShares, totalAssets, totalShares);
      await expect(vault.connect(victim).redeem(victimShares, v, v)).to.changeTokenBalances(
        ethers,
        wip,
        [victim, vault],
        [victimOut, -victimOut],
      );
      // (1e25 × (1e19 + 2)) / (1e25 + 2e6) = 1e19 exactly: the victim gets its whole deposit back.
      expect(victimOut).to.equal(deposit);
      const attackerOut = toAssets(VIRTUAL_SHARES, totalAssets - victimOut, VIRTUAL_SHARES);
      expect(attackerOut).to.equal(1n);
      await expect(vault.connect(attacker).redeem(VIRTUAL_SHARES, a, a)).to.changeTokenBalances(
        ethers,
        wip,
        [attacker, vault],
        [attackerOut, -attackerOut],
      );
      // The attacker got its wei back and lost the whole donation, which is stranded in the vault: no share is a
      // claim on it and the vault has no sweep.
      expect(await wip.balanceOf(a)).to.equal(1n);
      expect(await wip.balanceOf(v)).to.equal(deposit);
      expect(await vault.totalSupply()).to.equal(0n);
      expect(await vault.totalAssets()).to.equal(0n);
      expect(await wip.balanceOf(vaultAddress)).to.equal(donation);
    });
  });
});
