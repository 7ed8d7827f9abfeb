// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IUnderwritingPool, Quote } from "@quintessence/contracts/contracts/insurance/interfaces/IUnderwritingPool.sol";
import { IRoyaltyLendingVault } from "@quintessence/contracts/contracts/lending/interfaces/IRoyaltyLendingVault.sol";
import { ICollaborationSeats } from "@quintessence/contracts/contracts/seats/interfaces/ICollaborationSeats.sol";

/// @title Consumer
/// @notice An integrator's contract built against the packed interfaces (compiled by `npm run test:package`).
contract Consumer {
    /// @notice The premium of a cover, as the pool quotes it.
    /// @param pool The pool.
    /// @param product The product.
    /// @param ipId The insured IP.
    /// @param amount The cover amount.
    /// @param duration The cover period (seconds).
    /// @return The premium.
    function premiumOf(
        IUnderwritingPool pool,
        address product,
        address ipId,
        uint256 amount,
        uint256 duration
    ) external view returns (uint256) {
        Quote memory quote = pool.quote(product, ipId, ipId, amount, duration);
        return quote.premium;
    }

    /// @notice A position's health factor.
    /// @param vault The lending vault.
    /// @param positionId The position.
    /// @return The health factor (WAD).
    function healthOf(IRoyaltyLendingVault vault, uint256 positionId) external view returns (uint256) {
        return vault.healthFactor(positionId);
    }

    /// @notice What a seat holder can claim.
    /// @param seats The seats contract.
    /// @param seriesId The series.
    /// @param token The revenue token.
    /// @return The claimable amount.
    function claimableOf(ICollaborationSeats seats, uint256 seriesId, address token) external view returns (uint256) {
        return seats.claimable(seriesId, msg.sender, token);
    }
}
