// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockDecimalsToken
/// @notice Test ERC-20 with any number of decimals and no supply.
contract MockDecimalsToken is ERC20 {
    /// @dev The decimals.
    uint8 private immutable _decimals;

    /// @notice Deploys the token.
    /// @param decimals_ Its decimals.
    constructor(uint8 decimals_) ERC20("Mock", "MOCK") {
        _decimals = decimals_;
    }

    /// @notice The token decimals.
    /// @return The decimals given at deployment.
    function decimals() public view override returns (uint8) {
        return _decimals;
    }
}
