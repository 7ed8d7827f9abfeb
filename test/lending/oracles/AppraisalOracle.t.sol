// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManager } from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { AppraisalOracle } from "../../../contracts/lending/oracles/AppraisalOracle.sol";
import { Appraisal, IAppraisalOracle } from "../../../contracts/lending/interfaces/IAppraisalOracle.sol";
import { VM, bound } from "../../utils/TestUtils.sol";

/// @dev Fuzz tests of the appraisal bounds, against a model of them kept by the test itself: a fall of at most the max
/// change at once, a rise of at most the max change prorated by the time since the last non-zero appraisal.
contract AppraisalOracleTest {
    address private constant IP = address(0x1D);
    uint256 private constant START = 1_700_000_000;
    uint256 private constant POSTS = 8;

    AppraisalOracle private oracle;

    function setUp() public {
        VM.warp(START);
        // The test contract is the manager's admin: it may call every restricted function.
        AccessManager manager = new AccessManager(address(this));
        oracle = new AppraisalOracle(address(manager), 0.2e18, 1 days);
    }

    /// @dev The test's own model of an IP's bounds.
    struct Model {
        uint256 maxChange;
        uint256 period;
        /// @dev The last non-zero value, and when it was posted.
        uint256 anchor;
        uint256 anchoredAt;
        /// @dev The first value grown by `1 + maxChange × min(elapsed, period) / period` per non-zero post (rounded
        /// up), `elapsed` being the time since the anchor it replaced: the most time allows.
        uint256 ceiling;
    }

    /// @dev Whatever the bounds and the sequence of (wait, value) posts (zeros included), each post is accepted iff
    /// it is zero or within the band the model computes (and `allowedRange` shows, and the error reports): a fall of
    /// at most `anchor × maxChange`, a rise of at most `anchor × maxChange × min(elapsed, period) / period`, rounded
    /// down. So the appraisal never exceeds the growth time allows, and a refused post or a zero leaves the anchor
    /// and its time unchanged.
    function testFuzz_RisesNeverOutpaceTime(
        uint256 maxChange,
        uint256 period,
        uint256 first,
        uint256[POSTS] memory waits,
        uint256[POSTS] memory values
    ) public {
        Model memory m;
        m.maxChange = bound(maxChange, oracle.MIN_MAX_CHANGE(), oracle.MAX_MAX_CHANGE());
        m.period = bound(period, oracle.MIN_INCREASE_PERIOD(), oracle.MAX_INCREASE_PERIOD());
        oracle.setMaxChangePerUpdate(m.maxChange);
        oracle.setIncreasePeriod(m.period);
        m.anchor = bound(first, 1, 1e36);
        m.anchoredAt = block.timestamp;
        m.ceiling = m.anchor;
        oracle.postAppraisal(IP, m.anchor);

        for (uint256 i = 0; i < POSTS; ++i) {
            VM.warp(block.timestamp + bound(waits[i], 0, 2 * m.period));
            // Values from zero to 2.5× the anchor: inside and outside the band, on both sides.
            _post(m, bound(values[i], 0, (m.anchor * 5) / 2 + 1));
            Appraisal memory appraisal = oracle.appraisalOf(IP);
            VM.assertEq(appraisal.anchor, m.anchor, "anchor");
            VM.assertEq(appraisal.anchoredAt, m.anchoredAt, "anchoredAt");
            VM.assertLe(appraisal.value, m.ceiling, "value above the growth time allows");
            VM.assertLe(appraisal.anchor, m.ceiling, "anchor above the growth time allows");
        }
    }

    /// @dev Posts `value` now, expecting what the model says, and moves the model along.
    function _post(Model memory m, uint256 value) private {
        uint256 elapsed = Math.min(block.timestamp - m.anchoredAt, m.period);
        uint256 minAllowed = m.anchor - (m.anchor * m.maxChange) / 1e18;
        uint256 maxAllowed = m.anchor + (m.anchor * m.maxChange * elapsed) / (1e18 * m.period);
        (uint256 shownMin, uint256 shownMax) = oracle.allowedRange(IP);
        VM.assertEq(shownMin, minAllowed, "allowedRange min");
        VM.assertEq(shownMax, maxAllowed, "allowedRange max");
        if (!_postWithin(value, minAllowed, maxAllowed)) {
            return;
        }
        (uint256 current, uint256 updatedAt) = oracle.valueOf(IP);
        VM.assertEq(current, value, "value");
        VM.assertEq(updatedAt, block.timestamp, "updatedAt");
        if (value != 0) {
            uint256 scale = 1e18 * m.period;
            m.ceiling = (m.ceiling * (scale + m.maxChange * elapsed) + scale - 1) / scale;
            m.anchor = value;
            m.anchoredAt = block.timestamp;
        }
    }

    /// @dev Within one block, no sequence of posts ends above the band the block started with: the first non-zero
    /// post restarts the clock, leaving no room for a rise after it. Falls stay possible, each of at most the max
    /// change.
    function testFuzz_BurstInOneBlockCannotCompound(uint256 first, uint256 wait, uint256[POSTS] memory values) public {
        first = bound(first, 1, 1e36);
        oracle.postAppraisal(IP, first);
        VM.warp(block.timestamp + bound(wait, 0, 3 days));
        (, uint256 top) = oracle.allowedRange(IP);

        bool posted;
        for (uint256 i = 0; i < POSTS; ++i) {
            uint256 anchor = oracle.appraisalOf(IP).anchor;
            (uint256 minAllowed, uint256 maxAllowed) = oracle.allowedRange(IP);
            if (posted) {
                VM.assertEq(maxAllowed, anchor, "room for a rise after a post in the same block");
            }
            // Try anything from zero to twice the block's top.
            uint256 value = bound(values[i], 0, 2 * top);
            if (_postWithin(value, minAllowed, maxAllowed)) {
                posted = posted || value != 0;
            }
            Appraisal memory appraisal = oracle.appraisalOf(IP);
            VM.assertLe(appraisal.value, top, "value above the block's band");
            VM.assertLe(appraisal.anchor, top, "anchor above the block's band");
        }
    }

    /// @dev Posts `value`, expecting AppraisalChangeTooLarge with the band when it is non-zero and outside
    /// `[minAllowed, maxAllowed]`; returns whether the post was accepted.
    function _postWithin(uint256 value, uint256 minAllowed, uint256 maxAllowed) private returns (bool accepted) {
        accepted = value == 0 || (value >= minAllowed && value <= maxAllowed);
        if (!accepted) {
            VM.expectRevert(
                abi.encodeWithSelector(
                    IAppraisalOracle.AppraisalChangeTooLarge.selector,
                    IP,
                    value,
                    minAllowed,
                    maxAllowed
                )
            );
        }
        oracle.postAppraisal(IP, value);
    }
}
