// SPDX-License-Identifier: MIT
/* solhint-disable one-contract-per-file */
pragma solidity ^0.8.28;

import { WIP } from "../../../contracts/story/devnet/WIP.sol";
import { IWIP } from "../../../contracts/story/interfaces/IWIP.sol";
import { VM, bound } from "../../utils/TestUtils.sol";

/// @dev A WIP holder that cannot receive native tokens.
contract NativeRejecter {
    function unwrap(IWIP wip, uint256 amount) external {
        wip.withdraw(amount);
    }

    function wrap(IWIP wip) external payable {
        wip.deposit{ value: msg.value }();
    }
}

contract WIPTest {
    error CheckFailed(string what);
    WIP private wip;

    function setUp() public {
        wip = new WIP();
    }

    function test_WithdrawToRejectingContractReverts() public {
        NativeRejecter rejecter = new NativeRejecter();
        rejecter.wrap{ value: 1 ether }(wip);
        VM.expectRevert(abi.encodeWithSelector(IWIP.IPTransferFailed.selector));
        rejecter.unwrap(wip, 1 ether);
        _check(wip.balanceOf(address(rejecter)) == 1 ether, "balance kept");
        _check(address(wip).balance == 1 ether, "native kept");
    }

    /// @dev Wrapping and unwrapping keeps supply == native held == sum of balances.
    function testFuzz_DepositWithdrawAccounting(uint256 a, uint256 b, uint256 outA, uint256 moved) public {
        address alice = address(0xA11CE);
        address bob = address(0xB0B);
        a = bound(a, 0, 1e30);
        b = bound(b, 0, 1e30);
        VM.deal(alice, a);
        VM.deal(bob, b);
        VM.prank(alice);
        wip.deposit{ value: a }();
        VM.prank(bob);
        (bool ok, ) = address(wip).call{ value: b }("");
        _check(ok, "receive");

        moved = bound(moved, 0, a);
        VM.prank(alice);
        wip.transfer(bob, moved);
        outA = bound(outA, 0, a - moved);
        VM.prank(alice);
        wip.withdraw(outA);

        _check(wip.balanceOf(alice) == a - moved - outA, "alice");
        _check(wip.balanceOf(bob) == b + moved, "bob");
        _check(alice.balance == outA, "alice native");
        _check(wip.totalSupply() == a + b - outA, "supply");
        _check(address(wip).balance == wip.totalSupply(), "backing");
    }

    function testFuzz_WithdrawAboveBalanceReverts(uint256 a, uint256 extra) public {
        address alice = address(0xA11CE);
        a = bound(a, 0, 1e30);
        extra = bound(extra, 1, 1e30);
        VM.deal(alice, a);
        VM.prank(alice);
        wip.deposit{ value: a }();
        VM.expectRevert(abi.encodeWithSelector(IWIP.InsufficientBalance.selector));
        VM.prank(alice);
        wip.withdraw(a + extra);
    }

    function _check(bool ok, string memory what) private pure {
        if (!ok) {
            revert CheckFailed(what);
        }
    }
}
