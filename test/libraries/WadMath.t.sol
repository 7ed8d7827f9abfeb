// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { WadMath } from "../../contracts/libraries/WadMath.sol";
import { VM, bound } from "../utils/TestUtils.sol";

/// @dev Exposes the internal library externally.
contract WadMathHarness {
    function mulWadDown(uint256 x, uint256 y) external pure returns (uint256) {
        return WadMath.mulWadDown(x, y);
    }

    function mulWadUp(uint256 x, uint256 y) external pure returns (uint256) {
        return WadMath.mulWadUp(x, y);
    }

    function divWadDown(uint256 x, uint256 y) external pure returns (uint256) {
        return WadMath.divWadDown(x, y);
    }

    function divWadUp(uint256 x, uint256 y) external pure returns (uint256) {
        return WadMath.divWadUp(x, y);
    }

    function compoundedGrowth(uint256 ratePerSecond, uint256 elapsed) external pure returns (uint256) {
        return WadMath.compoundedGrowth(ratePerSecond, elapsed);
    }
}

contract WadMathFuzzTest {
    uint256 private constant WAD = 1e18;
    /// @dev 1000% APR per second, the highest rate a KinkedRateModel can return.
    uint256 private constant MAX_RATE_PER_SECOND = uint256(10e18) / 365 days;

    WadMathHarness private lib;

    function setUp() public {
        lib = new WadMathHarness();
    }

    /// @dev e^x - 1 (x in WAD) by its Taylor series summed until a term rounds to zero, each term
    /// term_k = term_{k-1} * x / (k * WAD) rounded down: a lower bound of the exact value (every term is rounded
    /// down and the omitted tail is below 1 wei per term), whose first three terms are computed exactly as the
    /// library computes them.
    function _expm1Series(uint256 x) private pure returns (uint256 sum) {
        uint256 term = x;
        for (uint256 k = 2; term != 0; ++k) {
            sum += term;
            term = (term * x) / (k * WAD);
        }
    }

    function _assertWithin(uint256 value, uint256 exact, uint256 below, string memory what) private pure {
        VM.assertLe(value, exact, what);
        VM.assertGe(value + below, exact, what);
    }

    function testFuzz_MulWadOrdering(uint256 x, uint256 y) public view {
        x = bound(x, 0, type(uint128).max);
        y = bound(y, 0, type(uint128).max);
        uint256 down = lib.mulWadDown(x, y);
        uint256 up = lib.mulWadUp(x, y);
        VM.assertLe(down, up, "mulWadDown > mulWadUp");
        VM.assertLe(up, down + 1, "mulWadUp > mulWadDown + 1");
        VM.assertEq(down, (x * y) / WAD, "mulWadDown");
        VM.assertEq(up - down, (x * y) % WAD == 0 ? 0 : 1, "mulWadUp rounds up iff inexact");
        VM.assertEq(lib.mulWadDown(x, WAD), x, "x * 1.0");
    }

    function testFuzz_DivWadOrdering(uint256 x, uint256 y) public view {
        x = bound(x, 0, type(uint128).max);
        y = bound(y, 1, type(uint128).max);
        uint256 down = lib.divWadDown(x, y);
        uint256 up = lib.divWadUp(x, y);
        VM.assertLe(down, up, "divWadDown > divWadUp");
        VM.assertLe(up, down + 1, "divWadUp > divWadDown + 1");
        VM.assertEq(down, (x * WAD) / y, "divWadDown");
        VM.assertEq(lib.divWadDown(x, WAD), x, "x / 1.0");
        // Round trip: dividing then multiplying back never gives more than x.
        VM.assertLe(lib.mulWadDown(down, y), x, "divWadDown round trip above x");
        VM.assertGe(lib.mulWadUp(up, y), x, "divWadUp round trip below x");
    }

    /// @dev linear r*t <= compoundedGrowth <= e^(rt) - 1, for rates up to 1000% APR over up to a year.
    function testFuzz_CompoundedGrowthBetweenLinearAndExact(uint256 rate, uint256 elapsed) public view {
        rate = bound(rate, 0, MAX_RATE_PER_SECOND);
        elapsed = bound(elapsed, 0, 365 days);
        uint256 growth = lib.compoundedGrowth(rate, elapsed);
        uint256 exactLowerBound = _expm1Series(rate * elapsed);
        VM.assertGe(growth, rate * elapsed, "below linear");
        VM.assertLe(growth, exactLowerBound, "above e^(rt) - 1");
    }

    /// @dev For a growth of at most 10% (any realistic accrual interval) the three-term approximation is within
    /// 0.01% of the exact value, so lenders lose almost nothing to it.
    function testFuzz_CompoundedGrowthCloseForSmallGrowth(uint256 rate, uint256 elapsed) public view {
        rate = bound(rate, 1, MAX_RATE_PER_SECOND);
        elapsed = bound(elapsed, 0, Math.min(365 days, 1e17 / rate));
        uint256 growth = lib.compoundedGrowth(rate, elapsed);
        uint256 exact = _expm1Series(rate * elapsed);
        VM.assertLe((exact - growth) * 1e4, exact + 1e4, "more than 0.01% below exact");
    }

    function testFuzz_CompoundedGrowthMonotonicInTime(uint256 rate, uint256 t1, uint256 t2) public view {
        rate = bound(rate, 0, MAX_RATE_PER_SECOND);
        t1 = bound(t1, 0, 365 days);
        t2 = bound(t2, t1, 365 days);
        VM.assertLe(lib.compoundedGrowth(rate, t1), lib.compoundedGrowth(rate, t2), "growth decreased with time");
    }

    /// @dev Known values: 100% APR over a year gives 1 + 1/2 + 1/6 (below e - 1 = 1.718...).
    function test_CompoundedGrowthKnownValues() public view {
        VM.assertEq(lib.compoundedGrowth(0, 365 days), 0, "zero rate");
        VM.assertEq(lib.compoundedGrowth(MAX_RATE_PER_SECOND, 0), 0, "zero time");
        VM.assertEq(lib.compoundedGrowth(WAD, 1), WAD + WAD / 2 + WAD / 6, "x = 1");
        // The reference series is itself within 1000 wei of the exact values (e - 1 and e^10 - 1, floored).
        _assertWithin(_expm1Series(WAD), 1718281828459045235, 30, "series(1)");
        _assertWithin(_expm1Series(10e18), 22025465794806716516957, 1000, "series(10)");
        // At 1000% APR over a year the approximation is far below the exact growth (~226 vs ~22025): never above.
        VM.assertLe(lib.compoundedGrowth(MAX_RATE_PER_SECOND, 365 days), _expm1Series(10e18), "1000% APR, 1 year");
    }
}
