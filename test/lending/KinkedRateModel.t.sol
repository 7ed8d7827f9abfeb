// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { KinkedRateModel } from "../../contracts/lending/KinkedRateModel.sol";
import { VM, bound } from "../utils/TestUtils.sol";

/// @dev Fuzz properties of the kinked curve over random (valid) parameters and utilizations.
contract KinkedRateModelFuzzTest {
    uint256 private constant WAD = 1e18;
    uint256 private constant CAP = 10e18;
    uint256 private constant YEAR = 365 days;

    /// @dev A valid model: the three rates split a random total no larger than the cap.
    function _model(uint256 seed, uint256 kink) private returns (KinkedRateModel) {
        uint256 total = bound(seed, 0, CAP);
        uint256 base = bound(uint256(keccak256(abi.encode(seed, 1))), 0, total);
        uint256 slope1 = bound(uint256(keccak256(abi.encode(seed, 2))), 0, total - base);
        uint256 slope2 = total - base - slope1;
        return new KinkedRateModel(base, slope1, slope2, bound(kink, 1, WAD - 1));
    }

    function testFuzz_MonotonicInUtilization(uint256 seed, uint256 kink, uint256 u1, uint256 u2) public {
        KinkedRateModel model = _model(seed, kink);
        u1 = bound(u1, 0, 2 * WAD);
        u2 = bound(u2, u1, 2 * WAD);
        VM.assertLe(model.borrowRatePerSecond(u1), model.borrowRatePerSecond(u2), "rate decreased");
    }

    /// @dev Same, with both utilizations close to the kink, where the two formulas meet.
    function testFuzz_MonotonicAcrossKink(uint256 seed, uint256 kink, uint256 d1, uint256 d2) public {
        KinkedRateModel model = _model(seed, kink);
        kink = model.kink();
        uint256 low = kink - bound(d1, 0, Math.min(kink, 1e6));
        uint256 high = kink + bound(d2, 0, Math.min(WAD - kink, 1e6));
        VM.assertLe(model.borrowRatePerSecond(low), model.borrowRatePerSecond(kink), "below kink > at kink");
        VM.assertLe(model.borrowRatePerSecond(kink), model.borrowRatePerSecond(high), "at kink > above kink");
    }

    /// @dev Both segments meet at the kink: the rate there is exactly base + slope1, and moving `d` away changes
    /// it by no more than the segment's slope predicts, rounded up (1 wei per second of rounding).
    function testFuzz_ContinuousAtKink(uint256 seed, uint256 kink, uint256 d) public {
        KinkedRateModel model = _model(seed, kink);
        kink = model.kink();
        uint256 atKink = model.borrowRatePerSecond(kink);
        VM.assertEq(atKink, model.baseRatePerSecond() + model.slope1PerSecond(), "rate at kink");

        uint256 down = bound(d, 1, kink);
        uint256 below = model.borrowRatePerSecond(kink - down);
        uint256 maxDrop = Math.mulDiv(model.slope1PerSecond(), down, kink, Math.Rounding.Ceil);
        VM.assertLe(atKink - below, maxDrop, "jump below kink");
        VM.assertLe(maxDrop - (atKink - below), 1, "drop below kink under-predicted");

        uint256 up = bound(d, 1, WAD - kink);
        uint256 above = model.borrowRatePerSecond(kink + up);
        uint256 maxRise = Math.mulDiv(model.slope2PerSecond(), up, WAD - kink);
        VM.assertEq(above - atKink, maxRise, "rise above kink");
        VM.assertLe(
            model.borrowRatePerSecond(kink + 1) - atKink,
            Math.ceilDiv(model.slope2PerSecond(), WAD - kink),
            "1 wei"
        );
    }

    /// @dev Never above the model's own maximum nor the global cap, whatever the utilization.
    function testFuzz_NeverAboveCap(uint256 seed, uint256 kink, uint256 u) public {
        KinkedRateModel model = _model(seed, kink);
        uint256 rate = model.borrowRatePerSecond(u);
        VM.assertLe(rate, model.maxRatePerSecond(), "above model max");
        VM.assertLe(rate, CAP / YEAR, "above cap");
        VM.assertLe(rate * YEAR, CAP, "yearly above cap");
        VM.assertEq(model.borrowRatePerSecond(bound(u, WAD, type(uint256).max)), model.maxRatePerSecond(), "clamp");
    }

    /// @dev The rate is the floor of the exact curve: it never exceeds it and is less than 1 wei below it.
    function testFuzz_FloorOfExactCurve(uint256 seed, uint256 kink, uint256 u) public {
        KinkedRateModel model = _model(seed, kink);
        kink = model.kink();
        u = bound(u, 0, WAD);
        uint256 rate = model.borrowRatePerSecond(u);
        uint256 b = model.baseRatePerSecond();
        uint256 s1 = model.slope1PerSecond();
        uint256 s2 = model.slope2PerSecond();
        // Exact curve times kink * (1e18 - kink), so both segments are integers.
        uint256 scale = kink * (WAD - kink);
        uint256 exactScaled =
            (b * scale) + (s1 * Math.min(u, kink) * (WAD - kink)) + (u > kink ? s2 * (u - kink) * kink : 0);
        VM.assertLe(rate * scale, exactScaled, "above exact curve");
        VM.assertGe((rate + 1) * scale, exactScaled + 1, "1 wei or more below exact curve");
    }
}
