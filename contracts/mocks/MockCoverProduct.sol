// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Cover } from "../insurance/interfaces/ICoverNFT.sol";
import { ICoverProduct } from "../insurance/interfaces/ICoverProduct.sol";
import { IUnderwritingPool } from "../insurance/interfaces/IUnderwritingPool.sol";

/// @title MockCoverProduct
/// @notice Test double of a cover product: accepts every subject and lets anyone drive the pool's product-only
/// functions (`payClaim`, `reserveCover`, `releaseCover`) on any pool, with any arguments.
/// @dev Test-only. It is bound to one pool (`POOL`), which is the only caller of `onCoverBought`.
contract MockCoverProduct is ICoverProduct {
    /// @inheritdoc ICoverProduct
    address public immutable POOL;
    /// @notice Number of covers the pool reported through `onCoverBought`.
    uint256 public coversBought;
    /// @notice The last cover reported through `onCoverBought`.
    uint256 public lastCoverId;

    /// @notice Emitted when the pool reports a cover bought.
    /// @param coverId The cover.
    /// @param amount Its amount.
    event CoverBought(uint256 indexed coverId, uint256 amount);

    /// @notice The caller of `onCoverBought` is not the product's pool.
    /// @dev Fires from `onCoverBought`.
    /// @param caller The caller.
    error NotPool(address caller);

    /// @notice Deploys the product.
    /// @param pool The pool it is bound to.
    constructor(address pool) {
        POOL = pool;
    }

    /// @inheritdoc ICoverProduct
    function checkSubject(address, address) external pure {}

    /// @inheritdoc ICoverProduct
    function onCoverBought(uint256 coverId, Cover calldata cover) external {
        if (msg.sender != POOL) {
            revert NotPool(msg.sender);
        }
        ++coversBought;
        lastCoverId = coverId;
        emit CoverBought(coverId, cover.amount);
    }

    /// @notice Asks `pool` to pay a claim on a cover, as a product would after verifying it.
    /// @param pool The pool.
    /// @param coverId The cover.
    /// @param recipient Who is paid.
    /// @param amount The payout.
    function payClaim(IUnderwritingPool pool, uint256 coverId, address recipient, uint256 amount) external {
        pool.payClaim(coverId, recipient, amount);
    }

    /// @notice Asks `pool` to reserve a cover's amount.
    /// @param pool The pool.
    /// @param coverId The cover.
    function reserveCover(IUnderwritingPool pool, uint256 coverId) external {
        pool.reserveCover(coverId);
    }

    /// @notice Asks `pool` to release a cover's reserve.
    /// @param pool The pool.
    /// @param coverId The cover.
    function releaseCover(IUnderwritingPool pool, uint256 coverId) external {
        pool.releaseCover(coverId);
    }
}
