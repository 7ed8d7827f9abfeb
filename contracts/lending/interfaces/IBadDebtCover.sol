// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IBadDebtCover
/// @notice A payer of a lending vault's bad debt (the insurance pool's loan-shortfall cover). When a position's
/// collateral is exhausted with debt left, the vault asks the cover for the shortfall before lenders absorb it.
interface IBadDebtCover {
    /// @notice Pays up to `shortfall` of the vault's loan asset to the calling vault (by transfer). The vault
    /// measures what arrived; a cover that pays nothing or reverts leaves the loss with lenders. The vault calls it
    /// when the bad debt is realized and again from `claimBadDebtCover` for what is still uncovered.
    /// @param ipId The IP whose collateral ran out.
    /// @param positionId The position.
    /// @param shortfall The uncovered bad debt, in loan-asset units.
    /// @param realizedAt When the bad debt was realized (a cover must have been in force then).
    /// @return paid What the cover says it paid.
    function coverShortfall(
        address ipId,
        uint256 positionId,
        uint256 shortfall,
        uint256 realizedAt
    ) external returns (uint256 paid);
}
