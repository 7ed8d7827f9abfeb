// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { RevenueHistory } from "../../../contracts/lending/libraries/RevenueHistory.sol";
import { VM, bound } from "../../utils/TestUtils.sol";

/// @dev Exposes one history.
contract RevenueHistoryHarness {
    using RevenueHistory for RevenueHistory.History;

    RevenueHistory.History private _history;

    function record(uint256 cumulative) external {
        _history.record(cumulative);
    }

    function increaseSince(uint256 cumulativeNow, uint256 window) external view returns (uint256, uint256) {
        return _history.increaseSince(cumulativeNow, window);
    }

    function count() external view returns (uint256) {
        return _history.count;
    }

    /// @dev Snapshot at logical position `i` (0 = oldest).
    function snapshotAt(uint256 i) external view returns (uint256 time, uint256 value) {
        uint256 size = RevenueHistory.SIZE;
        RevenueHistory.Snapshot memory s = _history.snapshots[(_history.newest + size + 1 - _history.count + i) % size];
        return (s.time, s.value);
    }
}

contract RevenueHistoryTest {
    uint256 private constant START = 1_700_000_000; // 2023-11-14 22:13:20 UTC
    uint256 private constant DAY_START = (START / 1 days) * 1 days;

    error CheckFailed(string what, uint256 actual, uint256 expected);

    RevenueHistoryHarness private h;

    /// @dev Model: every (time, value) recorded, and the per-day latest records (the ring keeps the last SIZE).
    uint256[] private _dayTimes;
    uint256[] private _dayValues;
    uint256[] private _allTimes;
    uint256[] private _allValues;

    function setUp() public {
        h = new RevenueHistoryHarness();
        VM.warp(START);
    }

    /*////////////////////////////////////////////////////////////// examples */

    function test_NoHistory() public view {
        (uint256 inc, uint256 since) = h.increaseSince(123, 7 days);
        _eq(inc, 0, "increase");
        _eq(since, START, "since");
    }

    function test_SameDayOverwrites() public {
        VM.warp(DAY_START + 1 hours);
        h.record(5);
        VM.warp(DAY_START + 23 hours);
        h.record(9);
        _eq(h.count(), 1, "count");
        (uint256 time, uint256 value) = h.snapshotAt(0);
        _eq(time, DAY_START + 23 hours, "time is the last recording's");
        _eq(value, 9, "value is the day's latest");
        VM.warp(DAY_START + 1 days);
        h.record(11);
        _eq(h.count(), 2, "new day, new snapshot");
    }

    function test_PicksNewestSnapshotOldEnough() public {
        VM.warp(DAY_START);
        h.record(0);
        VM.warp(DAY_START + 1 days + 5);
        h.record(100);
        VM.warp(DAY_START + 2 days + 7);
        h.record(250);
        VM.warp(DAY_START + 3 days);
        // now - window = DAY_START + 1 days + 5 exactly: that snapshot qualifies (at or before).
        (uint256 inc, uint256 since) = h.increaseSince(300, 2 days - 5);
        _eq(inc, 200, "increase from 100");
        _eq(since, DAY_START + 1 days + 5, "since");
        // One second longer: only the listing snapshot is old enough.
        (inc, since) = h.increaseSince(300, 2 days - 4);
        _eq(inc, 300, "increase from 0");
        _eq(since, DAY_START, "since listing");
        // Zero window: the newest snapshot.
        (inc, since) = h.increaseSince(300, 0);
        _eq(inc, 50, "increase from newest");
        _eq(since, DAY_START + 2 days + 7, "since newest");
    }

    function test_WindowLongerThanHistoryUsesOldest() public {
        VM.warp(DAY_START);
        h.record(10);
        VM.warp(DAY_START + 2 days);
        h.record(20);
        (uint256 inc, uint256 since) = h.increaseSince(25, 30 days);
        _eq(inc, 15, "from oldest");
        _eq(since, DAY_START, "oldest time");
        (inc, since) = h.increaseSince(25, type(uint256).max);
        _eq(inc, 15, "window beyond the epoch");
        _eq(since, DAY_START, "oldest time again");
    }

    function test_RingWrapsAround() public {
        uint256 days_ = RevenueHistory.SIZE + 6;
        for (uint256 d = 0; d < days_; ++d) {
            VM.warp(DAY_START + d * 1 days + 60);
            h.record(d * 10);
        }
        _eq(h.count(), RevenueHistory.SIZE, "ring full");
        (uint256 oldestTime, uint256 oldestValue) = h.snapshotAt(0);
        _eq(oldestTime, DAY_START + 6 days + 60, "oldest is day 6");
        _eq(oldestValue, 60, "oldest value");
        (uint256 inc, uint256 since) = h.increaseSince(days_ * 10, 365 days);
        _eq(inc, days_ * 10 - 60, "from the oldest kept");
        _eq(since, oldestTime, "since oldest kept");
    }

    function test_ValueAboveBoundIsNotRecorded() public {
        h.record(1);
        VM.warp(START + 1 days);
        h.record(uint256(type(uint216).max) + 1);
        _eq(h.count(), 1, "skipped");
        (uint256 inc, uint256 since) = h.increaseSince(uint256(type(uint216).max) + 1, 0);
        _eq(inc, type(uint216).max, "from the last kept snapshot");
        _eq(since, START, "its time");
    }

    function test_LowerCumulativeYieldsZero() public {
        h.record(50);
        (uint256 inc, ) = h.increaseSince(40, 0);
        _eq(inc, 0, "no negative increase");
    }

    /*////////////////////////////////////////////////////////////// fuzz */

    /// @dev Random record sequences (same-day updates, gaps of days, more days than the ring, idle records):
    /// every answer equals the TRUE increase over [since, now], so increase / (now - since) is a true average rate
    /// and never overstates revenue per unit time; the period is at least `window` whenever the kept history reaches
    /// back that far, and `since` is then the newest such snapshot (else the oldest kept).
    function testFuzz_NeverOverstates(uint256 seed) public {
        uint256 steps = bound(seed, 1, 240);
        uint256 t = START;
        uint256 value = 0;
        _recordModel(t, value);
        for (uint256 i = 0; i < steps; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            // Mostly short gaps (same day), sometimes multi-day gaps.
            uint256 gap = r % 3 == 0 ? bound(r >> 8, 1 days, 9 days) : bound(r >> 8, 0, 10 hours);
            t += gap;
            VM.warp(t);
            if ((r >> 40) % 3 != 0) {
                value += bound(r >> 48, 0, 1e30);
            }
            _recordModel(t, value);
            // Revenue may have arrived since the last record (not yet recorded): cumulativeNow ≥ value.
            uint256 cumulativeNow = value + ((r >> 128) % 2 == 0 ? 0 : bound(r >> 136, 0, 1e24));
            uint256 window = bound(r >> 200, 0, 400 days);
            if ((r >> 230) % 2 == 0) {
                // Aim at a snapshot's time exactly, one second before or after (the boundary cases).
                uint256 k = (r >> 232) % _dayTimes.length;
                window = t - _dayTimes[k] + (t == _dayTimes[k] ? 1 : 0) + ((r >> 240) % 3) - 1;
            }
            _checkAnswer(cumulativeNow, window, t);
        }
    }

    /*////////////////////////////////////////////////////////////// helpers */

    function _recordModel(uint256 t, uint256 value) private {
        h.record(value);
        _allTimes.push(t);
        _allValues.push(value);
        uint256 n = _dayTimes.length;
        if (n != 0 && _dayTimes[n - 1] / 1 days == t / 1 days) {
            _dayTimes[n - 1] = t;
            _dayValues[n - 1] = value;
        } else {
            _dayTimes.push(t);
            _dayValues.push(value);
        }
    }

    function _checkAnswer(uint256 cumulativeNow, uint256 window, uint256 nowTs) private view {
        (uint256 inc, uint256 since) = h.increaseSince(cumulativeNow, window);
        uint256 n = _dayTimes.length;
        uint256 first = n > RevenueHistory.SIZE ? n - RevenueHistory.SIZE : 0;
        // Snapshots recorded before `end` are at least `window` old (none when the window exceeds now).
        uint256 end = nowTs + 1 > window ? nowTs + 1 - window : 0;
        // Expected: newest kept day-snapshot at least `window` old, else the oldest kept.
        uint256 chosen = first;
        for (uint256 j = first; j < n; ++j) {
            if (_dayTimes[j] < end) {
                chosen = j;
            }
        }
        _eq(since, _dayTimes[chosen], "since");
        _eq(inc, cumulativeNow - _trueValueAt(since), "true increase since");
        if (_dayTimes[first] < end) {
            _lt(since, end, "period at least the window");
            // A longer period holds at least the window's revenue; the rate inc / (now - since) stays a true average.
            _le(cumulativeNow - _trueValueAt(end - 1), inc, "period contains window");
            if (chosen + 1 < n) {
                _lt(end - 1, _dayTimes[chosen + 1], "newest qualifying");
            }
        }
    }

    /// @dev The true cumulative value at time `t` (after that second's records); 0 before the first record.
    function _trueValueAt(uint256 t) private view returns (uint256 v) {
        for (uint256 j = 0; j < _allTimes.length; ++j) {
            if (_allTimes[j] < t + 1) {
                v = _allValues[j];
            }
        }
    }

    function _eq(uint256 a, uint256 b, string memory what) private pure {
        if (a != b) revert CheckFailed(what, a, b);
    }

    function _le(uint256 a, uint256 b, string memory what) private pure {
        if (a > b) revert CheckFailed(what, a, b);
    }

    function _lt(uint256 a, uint256 b, string memory what) private pure {
        if (!(a < b)) revert CheckFailed(what, a, b);
    }
}
