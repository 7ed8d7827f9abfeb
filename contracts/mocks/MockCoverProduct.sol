// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Cover } from "../insurance/interfaces/ICoverNFT.sol";
import { ICoverProduct } from "../insurance/interfaces/ICoverProduct.sol";
import { IUnderwritingPool } from "../insurance/interfaces/IUnderwritingPool.sol";

/// @title MockCoverProduct
/// @notice Test double of a cover product: insures any subject and lets anyone make it ask its pool for a payout, a
/// reserve or a release, so pool tests can drive claims without Story's Dispute Module.
/// @dev Test-only: it decides no claim, it forwards whatever it is told to the pool (which still enforces that the
/// cover is this product's, unpaid, in its claim window and that the payout is within the cover amount).
contract MockCoverProduct is ICoverProduct {
    /// @inheritdoc ICoverProduct
    address public immutable POOL;
    /// @notice Number of covers the pool reported as bought.
    uint256 public coversBought;

    /// @notice Emitted when the pool reports a cover of this product as bought.
    /// @param coverId The cover.
    /// @param amount Its amount.
    event CoverRecorded(uint256 indexed coverId, uint256 amount);

    /// @notice The caller is not this product's pool.
    /// @dev Fires from `onCoverBought`.
    /// @param caller The caller.
    error NotPool(address caller);

    /// @notice Deploys the product for `pool`.
    /// @param pool The underwriting pool it sells through.
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
        emit CoverRecorded(coverId, cover.amount);
    }

    /// @notice Asks the pool to pay `amount` of cover `coverId` to `recipient`. Permissionless (test-only).
    /// @param coverId The cover.
    /// @param recipient Who is paid.
    /// @param amount The payout.
    function payClaim(uint256 coverId, address recipient, uint256 amount) external {
        IUnderwritingPool(POOL).payClaim(coverId, recipient, amount);
    }

    /// @notice Asks the pool to reserve cover `coverId` for a pending claim. Permissionless (test-only).
    /// @param coverId The cover.
    function reserveCover(uint256 coverId) external {
        IUnderwritingPool(POOL).reserveCover(coverId);
    }

    /// @notice Asks the pool to release the reserve of cover `coverId`. Permissionless (test-only).
    /// @param coverId The cover.
    function releaseCover(uint256 coverId) external {
        IUnderwritingPool(POOL).releaseCover(coverId);
    }
}
