// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Cover } from "./ICoverNFT.sol";

/// @title ICoverProduct
/// @notice A kind of cover sold by an underwriting pool. The product decides what may be insured and, through its own
/// claim functions, when a cover pays; the pool holds the capital and pays only what a cover's own product asks.
interface ICoverProduct {
    /// @notice The underwriting pool this product sells through (the only caller of `onCoverBought`).
    /// @return The pool.
    function POOL() external view returns (address);

    /// @notice Reverts unless `subject` / `ipId` can be insured now.
    /// @param subject The insured subject.
    /// @param ipId The watched IP (zero where the product allows it).
    function checkSubject(address subject, address ipId) external view;

    /// @notice Called by the pool when a cover of this product is bought: checks the subject again and records the
    /// cover where the product needs it. Only the product's pool may call.
    /// @param coverId The new cover.
    /// @param cover Its terms.
    function onCoverBought(uint256 coverId, Cover calldata cover) external;
}
