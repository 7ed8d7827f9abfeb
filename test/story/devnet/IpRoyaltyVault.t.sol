// SPDX-License-Identifier: MIT
// solhint-disable one-contract-per-file
pragma solidity ^0.8.28;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import { Clones } from "@openzeppelin/contracts/proxy/Clones.sol";

import { IpRoyaltyVault } from "../../../contracts/story/devnet/IpRoyaltyVault.sol";
import { VM, bound } from "../../utils/TestUtils.sol";

/// @dev A revenue token anyone can mint.
contract RevenueToken is ERC20("Revenue", "REV") {
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

/// @title IpRoyaltyVault accounting fuzz test
/// @notice Random sequences of payments, RT transfers and claims among a few holders. Each holder's claimable revenue
/// must equal its time-weighted share (Σ payment × its balance at that time / supply, minus what it claimed),
/// rounded down; Σ claimed + Σ claimable never exceeds Σ paid, and the vault holds exactly Σ paid − Σ claimed.
/// The test contract stands in for the royalty and dispute modules the vault consults.
contract IpRoyaltyVaultAccountingTest {
    uint32 private constant SUPPLY = 100_000_000;
    uint256 private constant HOLDERS = 4;
    uint256 private constant STEPS = 24;

    RevenueToken private token;
    IpRoyaltyVault private vault;
    address[HOLDERS] private holders;
    uint256[HOLDERS] private accruedScaled; // Σ payment × balance at payment time
    uint256[HOLDERS] private claimed;
    uint256 private totalPaid;
    uint256 private totalClaimed;

    /* ---------------------- the modules the vault consults ---------------------- */

    function isIpTagged(address) external pure returns (bool) {
        return false;
    }

    function isWhitelistedRoyaltyPolicy(address) external pure returns (bool) {
        return false;
    }

    function isWhitelistedRoyaltyToken(address) external pure returns (bool) {
        return true;
    }

    function isIpRoyaltyVault(address) external pure returns (bool) {
        return false;
    }

    /* ---------------------------------- setup ---------------------------------- */

    function setUp() public {
        token = new RevenueToken();
        address impl = address(new IpRoyaltyVault(address(this), address(this)));
        vault = IpRoyaltyVault(Clones.clone(impl));
        for (uint256 i = 0; i < HOLDERS; ++i) holders[i] = address(uint160(0x1000 + i));
        // holders[0] plays the IP account: it receives the whole supply.
        vault.initialize("Royalty Token", "RT", SUPPLY, address(0xA11CE), holders[0]);
    }

    /* ---------------------------------- tests ---------------------------------- */

    /// @notice Payments, transfers and claims in a random order keep every holder's share exact.
    /// @param seed Drives the sequence of actions, holders and amounts.
    function testFuzz_TimeWeightedShares(uint256 seed) public {
        for (uint256 step = 0; step < STEPS; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            uint256 action = r % 3;
            if (action == 0) _pay(bound(r >> 8, 1, 1e27));
            else if (action == 1) _transfer(r >> 8);
            else _claim((r >> 8) % HOLDERS);
        }
        _checkShares();

        // Everyone claims what is left; the vault keeps at most the rounding dust.
        for (uint256 i = 0; i < HOLDERS; ++i) _claim(i);
        _checkShares();
        VM.assertLe(token.balanceOf(address(vault)), HOLDERS * STEPS, "dust above 1 unit/holder/step");
    }

    /// @notice A single payment is split exactly pro rata to the balances at payment time.
    /// @param amount The payment.
    /// @param moved The RT moved from holder 0 to holder 1 before the payment.
    function testFuzz_SinglePaymentProRata(uint256 amount, uint256 moved) public {
        amount = bound(amount, 1, 1e30);
        moved = bound(moved, 1, SUPPLY);
        VM.prank(holders[0]);
        vault.transfer(holders[1], moved);
        _pay(amount);
        VM.assertEq(vault.claimableRevenue(holders[1], address(token)), (amount * moved) / SUPPLY, "holder 1 share");
        VM.assertEq(
            vault.claimableRevenue(holders[0], address(token)),
            (amount * (SUPPLY - moved)) / SUPPLY,
            "holder 0 share"
        );
    }

    /* -------------------------------- internals -------------------------------- */

    function _pay(uint256 amount) internal {
        for (uint256 i = 0; i < HOLDERS; ++i) accruedScaled[i] += amount * vault.balanceOf(holders[i]);
        token.mint(address(vault), amount);
        vault.updateVaultBalance(address(token), amount);
        totalPaid += amount;
    }

    function _transfer(uint256 r) internal {
        uint256 from = r % HOLDERS;
        uint256 to = (from + 1 + ((r >> 8) % (HOLDERS - 1))) % HOLDERS;
        uint256 balance = vault.balanceOf(holders[from]);
        if (balance == 0) return; // Story refuses transfers from empty holders.
        uint256 amount = bound(r >> 16, 0, balance);
        VM.prank(holders[from]);
        vault.transfer(holders[to], amount);
    }

    function _claim(uint256 i) internal {
        uint256 claimable = vault.claimableRevenue(holders[i], address(token));
        if (claimable == 0) return; // Story reverts claims of nothing.
        uint256 paid = vault.claimRevenueOnBehalf(holders[i], address(token));
        VM.assertEq(paid, claimable, "claim pays the claimable");
        VM.assertEq(token.balanceOf(holders[i]), claimed[i] + paid, "claimer received payment");
        claimed[i] += paid;
        totalClaimed += paid;
    }

    function _checkShares() internal view {
        uint256 sumClaimable;
        for (uint256 i = 0; i < HOLDERS; ++i) {
            uint256 claimable = vault.claimableRevenue(holders[i], address(token));
            // Exact time-weighted share, rounded down once, minus what was already claimed.
            VM.assertEq(claimable + claimed[i], accruedScaled[i] / SUPPLY, "time-weighted share");
            sumClaimable += claimable;
        }
        VM.assertLe(totalClaimed + sumClaimable, totalPaid, "claimed + claimable <= paid");
        VM.assertEq(token.balanceOf(address(vault)), totalPaid - totalClaimed, "vault holds paid - claimed");
        VM.assertEq(vault.vaultAccBalances(address(token)), totalPaid, "accumulated balance");
        VM.assertEq(vault.totalSupply(), SUPPLY, "supply is fixed");
    }
}
