// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title RevenueHistory
/// @notice Remembers a monotonically non-decreasing cumulative value (a per-RT revenue accumulator) over time in
/// bounded storage: a ring of at most one snapshot per UTC day, so that the increase over a trailing window can be
/// read in O(log n) without trusting anything but past on-chain writes.
/// @dev Each snapshot stores the value passed to the LAST `record` of its day together with THAT call's timestamp
/// (not the day start). Because `record` is called right after every change of the cumulative value, the stored
/// value is the true value from the stored time until the next change, so `increaseSince` returns exactly the true
/// increase over `[since, now]`: it never overstates revenue per unit of time. A missed `record` only coarsens the
/// history (older snapshots are used), it never makes it wrong.
/// Bounds: times are uint40 (year 36812); values are uint216 (~1.05e65). With the vault's 1e36-scaled per-RT
/// accumulator that is ~1e29 token units per RT unit (~1e37 units of revenue for the whole IP), far above any real
/// token supply. A value above the bound is not recorded (no revert, so harvests never fail): the history then just
/// keeps its older snapshots, which keeps every answer exact and conservative.
library RevenueHistory {
    /// @notice Number of daily snapshots kept (the ring's size).
    uint256 internal constant SIZE = 64;

    /// @notice One remembered point of the cumulative value.
    struct Snapshot {
        /// @dev Timestamp of the last `record` of the snapshot's day.
        uint40 time;
        /// @dev The cumulative value recorded then.
        uint216 value;
    }

    /// @notice A ring of daily snapshots, oldest overwritten first.
    struct History {
        /// @dev The ring.
        Snapshot[SIZE] snapshots;
        /// @dev Ring index of the newest snapshot (meaningless while `count` is 0).
        uint8 newest;
        /// @dev Snapshots held (at most SIZE).
        uint8 count;
    }

    /// @notice Records the current cumulative value; keeps one snapshot per day (the day's latest value). O(1).
    /// @dev Call after every change of the value (and once with 0 when the history starts). The value must never
    /// decrease between calls.
    /// @param h The history.
    /// @param cumulative The cumulative value now.
    function record(History storage h, uint256 cumulative) internal {
        if (cumulative > type(uint216).max) {
            // Out of range: skipping keeps the history exact (see the library's notes).
            return;
        }
        uint256 count = h.count;
        uint256 newest = h.newest;
        Snapshot memory snapshot = Snapshot({ time: uint40(block.timestamp), value: uint216(cumulative) });
        if (count != 0 && h.snapshots[newest].time / 1 days == block.timestamp / 1 days) {
            h.snapshots[newest] = snapshot;
            return;
        }
        if (count != 0) {
            newest = (newest + 1) % SIZE;
        }
        h.snapshots[newest] = snapshot;
        h.newest = uint8(newest);
        if (count < SIZE) {
            h.count = uint8(count + 1);
        }
    }

    /// @notice The increase of the value from the newest snapshot taken at or before `block.timestamp - window`
    /// (the oldest snapshot when none is that old) to `cumulativeNow`, and that snapshot's time. The measured
    /// period `block.timestamp - since` is therefore at least `window` whenever the history reaches back that far.
    /// @dev Binary search over the ring: at most log2(SIZE) + 1 snapshot reads.
    /// @param h The history.
    /// @param cumulativeNow The cumulative value now (not below any recorded value; a lower one yields 0).
    /// @param window The trailing window in seconds.
    /// @return increase `cumulativeNow` minus the snapshot's value.
    /// @return since The snapshot's recording time; `block.timestamp` (with 0 increase) when there is no history.
    function increaseSince(
        History storage h,
        uint256 cumulativeNow,
        uint256 window
    ) internal view returns (uint256 increase, uint256 since) {
        uint256 count = h.count;
        if (count == 0) {
            return (0, block.timestamp);
        }
        // Logical position 0 is the oldest snapshot, count - 1 the newest; times increase with the position.
        uint256 oldest = (uint256(h.newest) + SIZE + 1 - count) % SIZE;
        Snapshot memory chosen = h.snapshots[oldest];
        // Snapshots recorded before `end` (exclusive) are at least `window` old; none when the window exceeds now.
        uint256 end = Math.saturatingSub(block.timestamp + 1, window);
        if (chosen.time < end) {
            // Invariant: position `lo` is at least `window` old; find the last such position.
            uint256 lo = 0;
            uint256 hi = count - 1;
            while (lo < hi) {
                uint256 mid = (lo + hi + 1) / 2;
                Snapshot memory candidate = h.snapshots[(oldest + mid) % SIZE];
                if (candidate.time < end) {
                    lo = mid;
                    chosen = candidate;
                } else {
                    hi = mid - 1;
                }
            }
        }
        since = chosen.time;
        if (cumulativeNow > chosen.value) {
            increase = cumulativeNow - chosen.value;
        }
    }
}
