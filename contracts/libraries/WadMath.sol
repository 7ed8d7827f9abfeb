// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title WadMath
/// @notice Fixed-point helpers on 18-decimal numbers (WAD), each with an explicit rounding direction so that callers
/// can always round in the protocol's favour.
library WadMath {
    /// @dev 1.0 in WAD.
    uint256 internal constant WAD = 1e18;

    /// @dev x * y / WAD, rounded down.
    function mulWadDown(uint256 x, uint256 y) internal pure returns (uint256) {
        return Math.mulDiv(x, y, WAD);
    }

    /// @dev x * y / WAD, rounded up.
    function mulWadUp(uint256 x, uint256 y) internal pure returns (uint256) {
        return Math.mulDiv(x, y, WAD, Math.Rounding.Ceil);
    }

    /// @dev x * WAD / y, rounded down.
    function divWadDown(uint256 x, uint256 y) internal pure returns (uint256) {
        return Math.mulDiv(x, WAD, y);
    }

    /// @dev x * WAD / y, rounded up.
    function divWadUp(uint256 x, uint256 y) internal pure returns (uint256) {
        return Math.mulDiv(x, WAD, y, Math.Rounding.Ceil);
    }

    /// @notice The growth factor minus one, e^(rate * elapsed) - 1, by its first three Taylor terms (as Morpho Blue
    /// does): slightly below the exact value, so borrowers are never over-charged by the approximation.
    /// @param ratePerSecond The per-second rate in WAD.
    /// @param elapsed Seconds elapsed.
    /// @return The growth minus one, in WAD.
    function compoundedGrowth(uint256 ratePerSecond, uint256 elapsed) internal pure returns (uint256) {
        uint256 firstTerm = ratePerSecond * elapsed;
        uint256 secondTerm = Math.mulDiv(firstTerm, firstTerm, 2 * WAD);
        uint256 thirdTerm = Math.mulDiv(secondTerm, firstTerm, 3 * WAD);
        return firstTerm + secondTerm + thirdTerm;
    }
}
