// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IIpRoyaltyVault } from "../interfaces/IIpRoyaltyVault.sol";

/// @title RoyaltyVaultClaims
/// @notice How a contract holding royalty tokens (RT) collects what they earned: it claims, for itself, every revenue
/// token of the IP's royalty vault that has something to claim. Shared by every primitive that holds RT for others.
/// @dev Never reverts for lack of revenue: tokens with nothing claimable are skipped, which also covers a disputed
/// IP (Story's vault reports 0 for it and would revert a claim).
library RoyaltyVaultClaims {
    /// @notice Claims everything the calling contract can claim from `royaltyVault`.
    /// @param royaltyVault The IP's royalty vault.
    /// @return tokens The vault's revenue tokens (bounded by Story's royalty-token whitelist).
    /// @return amounts What was received in each token (0 where nothing was claimable).
    function claimAll(
        IIpRoyaltyVault royaltyVault
    ) internal returns (address[] memory tokens, uint256[] memory amounts) {
        tokens = royaltyVault.tokens();
        amounts = new uint256[](tokens.length);
        for (uint256 i = 0; i < tokens.length; ++i) {
            if (royaltyVault.claimableRevenue(address(this), tokens[i]) == 0) {
                continue;
            }
            amounts[i] = royaltyVault.claimRevenueOnBehalf(address(this), tokens[i]);
        }
    }
}
