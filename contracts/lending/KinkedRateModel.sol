// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { IInterestRateModel } from "./interfaces/IInterestRateModel.sol";
import { IKinkedRateModel } from "./interfaces/IKinkedRateModel.sol";

/// @title KinkedRateModel
/// @notice An immutable two-slope borrow-rate curve (see IKinkedRateModel). It has no setters: a vault replaces its
/// model as a whole through its restricted `setInterestRateModel`.
contract KinkedRateModel is IKinkedRateModel {
    /* ---------------------------------------------------------------- CONSTANTS */

    /// @inheritdoc IKinkedRateModel
    uint256 public constant MAX_RATE_PER_YEAR = 10e18;

    /// @inheritdoc IKinkedRateModel
    uint256 public constant SECONDS_PER_YEAR = 365 days;

    /// @dev 100% utilization.
    uint256 private constant WAD = 1e18;

    /* ---------------------------------------------------------------- PARAMETERS */

    /// @inheritdoc IKinkedRateModel
    uint256 public immutable baseRatePerYear;
    /// @inheritdoc IKinkedRateModel
    uint256 public immutable slope1PerYear;
    /// @inheritdoc IKinkedRateModel
    uint256 public immutable slope2PerYear;
    /// @inheritdoc IKinkedRateModel
    uint256 public immutable kink;

    /// @inheritdoc IKinkedRateModel
    uint256 public immutable baseRatePerSecond;
    /// @inheritdoc IKinkedRateModel
    uint256 public immutable slope1PerSecond;
    /// @inheritdoc IKinkedRateModel
    uint256 public immutable slope2PerSecond;

    /* ---------------------------------------------------------------- CONSTRUCTOR */

    /// @notice Fixes the curve. Yearly rates are converted to per-second ones rounding down (borrowers are never
    /// charged above the stated APR).
    /// @param baseRatePerYear_ The rate at 0% utilization, WAD per year.
    /// @param slope1PerYear_ The rate added from 0% utilization up to the kink, WAD per year.
    /// @param slope2PerYear_ The rate added from the kink up to 100% utilization, WAD per year.
    /// @param kink_ The utilization (WAD) at which the slope changes, strictly between 0 and 1e18.
    constructor(uint256 baseRatePerYear_, uint256 slope1PerYear_, uint256 slope2PerYear_, uint256 kink_) {
        if (!(0 < kink_ && kink_ < WAD)) {
            revert InvalidKink(kink_);
        }
        // Saturating so that huge inputs report the cap error instead of an arithmetic panic.
        uint256 maxRatePerYear = Math.saturatingAdd(
            Math.saturatingAdd(baseRatePerYear_, slope1PerYear_),
            slope2PerYear_
        );
        if (maxRatePerYear > MAX_RATE_PER_YEAR) {
            revert MaxRateAboveCap(maxRatePerYear, MAX_RATE_PER_YEAR);
        }

        baseRatePerYear = baseRatePerYear_;
        slope1PerYear = slope1PerYear_;
        slope2PerYear = slope2PerYear_;
        kink = kink_;
        baseRatePerSecond = baseRatePerYear_ / SECONDS_PER_YEAR;
        slope1PerSecond = slope1PerYear_ / SECONDS_PER_YEAR;
        slope2PerSecond = slope2PerYear_ / SECONDS_PER_YEAR;

        emit RateModelCreated(baseRatePerYear_, slope1PerYear_, slope2PerYear_, kink_);
    }

    /* ---------------------------------------------------------------- VIEWS */

    /// @inheritdoc IInterestRateModel
    /// @dev Exactly the floor of the (continuous) piecewise-linear curve: only one of the two slope terms is
    /// fractional at any utilization, and at the kink both are exact.
    function borrowRatePerSecond(uint256 utilization) external view returns (uint256 ratePerSecond) {
        uint256 u = Math.min(utilization, WAD);
        if (u > kink) {
            return baseRatePerSecond + slope1PerSecond + Math.mulDiv(slope2PerSecond, u - kink, WAD - kink);
        }
        return baseRatePerSecond + Math.mulDiv(slope1PerSecond, u, kink);
    }

    /// @inheritdoc IKinkedRateModel
    function maxRatePerSecond() external view returns (uint256) {
        return baseRatePerSecond + slope1PerSecond + slope2PerSecond;
    }
}
