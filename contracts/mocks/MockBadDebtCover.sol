// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { IBadDebtCover } from "../lending/interfaces/IBadDebtCover.sol";

/// @title MockBadDebtCover
/// @notice Test double of the insurance pool's loan-shortfall cover: pays a configurable fraction of each shortfall
/// (plus an optional extra) to the calling vault from its own balance, or refuses by reverting.
/// @dev Test-only. Anyone may configure it; fund it by transferring the loan asset to it.
contract MockBadDebtCover is IBadDebtCover {
    using SafeERC20 for IERC20;

    /// @notice The token the cover pays in (the vault's loan asset).
    IERC20 public immutable ASSET;
    /// @notice Fraction of the shortfall paid (WAD, 1e18 = all of it).
    uint256 public fraction;
    /// @notice Paid on top of the fraction (to test a cover paying more than asked).
    uint256 public extra;
    /// @notice Whether `coverShortfall` reverts.
    bool public refuse;
    /// @notice Number of `coverShortfall` calls that paid.
    uint256 public calls;
    /// @notice The `realizedAt` of the last paid call.
    uint256 public lastRealizedAt;

    /// @notice Emitted when the cover's behaviour is configured.
    /// @param fraction Fraction of the shortfall paid (WAD).
    /// @param extra Paid on top.
    /// @param refuse Whether the cover reverts.
    event CoverConfigured(uint256 fraction, uint256 extra, bool refuse);

    /// @notice Emitted when a shortfall is paid.
    /// @param vault The vault paid.
    /// @param ipId The IP whose collateral ran out.
    /// @param positionId The position.
    /// @param shortfall The shortfall asked for.
    /// @param paid What was transferred.
    event ShortfallPaid(
        address indexed vault,
        address indexed ipId,
        uint256 positionId,
        uint256 shortfall,
        uint256 paid
    );

    /// @notice The cover refuses to pay.
    /// @dev Fires from `coverShortfall` while `refuse` is set.
    error CoverRefused();

    /// @notice Deploys the cover.
    /// @param asset The token it pays in.
    constructor(IERC20 asset) {
        ASSET = asset;
    }

    /// @notice Configures the cover's behaviour.
    /// @param fraction_ Fraction of the shortfall paid (WAD).
    /// @param extra_ Paid on top of the fraction.
    /// @param refuse_ Whether to revert instead of paying.
    function configure(uint256 fraction_, uint256 extra_, bool refuse_) external {
        fraction = fraction_;
        extra = extra_;
        refuse = refuse_;
        emit CoverConfigured(fraction_, extra_, refuse_);
    }

    /// @inheritdoc IBadDebtCover
    function coverShortfall(
        address ipId,
        uint256 positionId,
        uint256 shortfall,
        uint256 realizedAt
    ) external returns (uint256 paid) {
        if (refuse) {
            revert CoverRefused();
        }
        paid = (shortfall * fraction) / 1e18 + extra;
        ++calls;
        lastRealizedAt = realizedAt;
        emit ShortfallPaid(msg.sender, ipId, positionId, shortfall, paid);
        ASSET.safeTransfer(msg.sender, paid);
    }
}
