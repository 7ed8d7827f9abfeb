// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title RevenueAccumulator
/// @notice The revenue-per-share accumulator shared by every Quintessence primitive: revenue is distributed in O(1)
/// by raising a cumulative per-share value, and each holder's due is its shares times the increase since its own
/// checkpoint. Both steps round down, so the sum paid out never exceeds what came in; the remainder (at most one
/// unit per holder) stays in the distributing contract.
/// @dev The precision (1e36) keeps a 1-unit distribution over up to 1e36 shares from rounding to zero, so small
/// harvests are never stranded whatever the share decimals.
library RevenueAccumulator {
    /// @dev Scale of per-share values.
    uint256 internal constant PRECISION = 1e36;

    /// @dev The increase of the per-share value when `amount` is distributed over `totalShares` (> 0).
    function perShareIncrease(uint256 amount, uint256 totalShares) internal pure returns (uint256) {
        return Math.mulDiv(amount, PRECISION, totalShares);
    }

    /// @dev What `shares` earned while the per-share value rose from `checkpoint` to `perShare`, rounded down.
    function earned(uint256 shares, uint256 perShare, uint256 checkpoint) internal pure returns (uint256) {
        return Math.mulDiv(shares, perShare - checkpoint, PRECISION);
    }
}
