// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManager } from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import { AppraisalOracle } from "../../../contracts/lending/oracles/AppraisalOracle.sol";
import { RevenueMultipleOracle } from "../../../contracts/lending/oracles/RevenueMultipleOracle.sol";
import { RevenueMultipleConfig } from "../../../contracts/lending/interfaces/IRevenueMultipleOracle.sol";
import { MockRevenueHistory } from "../../../contracts/mocks/MockRevenueHistory.sol";
import { VM, bound } from "../../utils/TestUtils.sol";

contract RevenueMultipleOracleTest {
    address private constant IP = address(0x1D);
    address private constant LOAN = address(0x10A4);
    uint256 private constant YEAR = 365 days;

    error CheckFailed(string what, uint256 actual, uint256 expected);

    AppraisalOracle private appraisal;
    MockRevenueHistory private history;
    RevenueMultipleOracle private oracle;

    function setUp() public {
        VM.warp(1_700_000_000);
        AccessManager manager = new AccessManager(address(this));
        appraisal = new AppraisalOracle(address(manager), 1e18, 1 days);
        history = new MockRevenueHistory();
        oracle = new RevenueMultipleOracle(
            address(manager),
            history,
            appraisal,
            LOAN,
            RevenueMultipleConfig({ window: 365 days, minHistory: 1 days, multiple: 1e18 })
        );
    }

    /// @dev value = min(floor(floor(revenue × YEAR / period) × multiple / 1e18), appraisal): never above the
    /// appraisal whatever the revenue (self-paid royalties included), non-decreasing in revenue, non-increasing in
    /// the measured period.
    function testFuzz_ValueIsCappedAndMonotonic(
        uint256 cap,
        uint256 revenue,
        uint256 extraRevenue,
        uint256 period,
        uint256 extraPeriod,
        uint256 multiple
    ) public {
        cap = bound(cap, 1, type(uint192).max);
        revenue = bound(revenue, 0, 1e50);
        extraRevenue = bound(extraRevenue, 0, type(uint256).max - revenue);
        period = bound(period, 1 days, 10 * YEAR);
        extraPeriod = bound(extraPeriod, 0, 10 * YEAR);
        multiple = bound(multiple, 0.01e18, 20e18);
        appraisal.postAppraisal(IP, cap);
        oracle.setDefaultConfig(
            RevenueMultipleConfig({ window: 365 days, minHistory: 1 days, multiple: uint128(multiple) })
        );

        uint256 value = _valueAt(revenue, period);
        uint256 expected = (((revenue * YEAR) / period) * multiple) / 1e18;
        _eq(value, expected < cap ? expected : cap, "formula");
        _le(value, cap, "capped by the appraisal");
        _le(value, _valueAt(revenue + extraRevenue, period), "non-decreasing in revenue");
        _le(_valueAt(revenue, period + extraPeriod), value, "non-increasing in period");
        _le(_valueAt(type(uint256).max, period), cap, "absurd revenue: appraisal");
    }

    function _valueAt(uint256 revenue, uint256 period) private returns (uint256 value) {
        history.setRevenue(IP, LOAN, revenue, period);
        (value, ) = oracle.valueOf(IP);
    }

    function _eq(uint256 a, uint256 b, string memory what) private pure {
        if (a != b) revert CheckFailed(what, a, b);
    }

    function _le(uint256 a, uint256 b, string memory what) private pure {
        if (a > b) revert CheckFailed(what, a, b);
    }
}
