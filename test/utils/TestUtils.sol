// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev The Foundry cheatcodes the Solidity tests use (Hardhat 3 serves them at the standard address; no forge-std).
interface IVm {
    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function deal(address account, uint256 balance) external;
    function warp(uint256 timestamp) external;
    function etch(address target, bytes calldata code) external;
    function assume(bool condition) external pure;
    function expectRevert(bytes calldata revertData) external;
    function assertEq(uint256 left, uint256 right, string calldata message) external pure;
    function assertLe(uint256 left, uint256 right, string calldata message) external pure;
    function assertGe(uint256 left, uint256 right, string calldata message) external pure;
    function assertGt(uint256 left, uint256 right, string calldata message) external pure;
    function assertTrue(bool condition, string calldata message) external pure;
}

/// @dev Hardhat's cheatcode address (`address(uint160(uint256(keccak256("hevm cheat code"))))`).
IVm constant VM = IVm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

/// @dev `x` mapped into [min, max] (forge-std's `bound` is not a cheatcode): `min + x % (max - min + 1)`, `x` itself
/// for the full range [0, type(uint256).max], and `min` when `max <= min`.
function bound(uint256 x, uint256 min, uint256 max) pure returns (uint256) {
    if (max <= min) {
        return min;
    }
    uint256 size = max - min;
    if (size == type(uint256).max) {
        return x;
    }
    return min + (x % (size + 1));
}

/// @dev The invariant fuzzer's selector filter (forge-std's StdInvariant.FuzzSelector): the fuzzer calls only
/// `selectors` on `addr`.
struct FuzzSelector {
    address addr;
    bytes4[] selectors;
}

/// @dev For invariant handlers: swallows a revert whose selector is one of the allowed ones (unused slots are
/// bytes4(0)), and re-throws anything else, so that failOnRevert still catches unexpected failures.
function allowRevert(bytes memory reason, bytes4 a, bytes4 b, bytes4 c, bytes4 d, bytes4 e) pure {
    bytes4 selector = reason.length >= 4 ? bytes4(reason) : bytes4(0);
    if (selector != bytes4(0) && (selector == a || selector == b || selector == c || selector == d || selector == e)) {
        return;
    }
    assembly ("memory-safe") {
        revert(add(reason, 0x20), mload(reason))
    }
}
