// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title DevnetStablecoin
/// @notice Devnet-only test stablecoin ("Devnet USD", dUSD, 6 decimals) used as a second royalty currency.
/// @dev Anyone may mint: it is a faucet for local tests, never deploy it to a real network.
contract DevnetStablecoin is ERC20 {
    /// @notice Deploys the token with no supply.
    constructor() ERC20("Devnet USD", "dUSD") {}

    /// @notice Devnet faucet: mints `amount` to `to`. Permissionless on purpose (test token).
    /// @param to The receiver.
    /// @param amount The amount (6 decimals).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The token decimals, like USDC.
    /// @return 6.
    function decimals() public pure override returns (uint8) {
        return 6;
    }
}
