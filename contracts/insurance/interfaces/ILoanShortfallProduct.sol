// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ICoverProduct } from "./ICoverProduct.sol";
import { IBadDebtCover } from "../../lending/interfaces/IBadDebtCover.sol";

/// @title ILoanShortfallProduct
/// @notice Loan-shortfall cover on a royalty lending vault (all its IPs, or one listed IP). The product is the vault's
/// bad-debt cover: when the vault realizes bad debt it asks the product, which pays the vault from the live covers of
/// that IP and then of the whole vault (each cover at most once, up to its amount), so lenders lose that much less.
/// The bad debt must have been realized inside a cover's period.
interface ILoanShortfallProduct is ICoverProduct, IBadDebtCover {
    /// @notice Emitted when a vault is allowed or disallowed as a subject (existing covers keep paying).
    /// @param vault The lending vault.
    /// @param insurable Whether new covers may name it.
    event VaultSet(address indexed vault, bool insurable);

    /// @notice Emitted when a cover pays part of a vault's bad debt.
    /// @param vault The vault paid.
    /// @param positionId The position whose bad debt was realized.
    /// @param coverId The cover.
    /// @param amount The payout.
    event ShortfallPaid(address indexed vault, uint256 indexed positionId, uint256 indexed coverId, uint256 amount);

    /// @notice The vault is not an insurable subject.
    /// @dev Fires from `checkSubject` / `onCoverBought`.
    /// @param vault The vault.
    error VaultNotInsurable(address vault);

    /// @notice The IP is not listed in the vault.
    /// @dev Fires from `checkSubject` / `onCoverBought`.
    /// @param vault The vault.
    /// @param ipId The IP.
    error IpNotListed(address vault, address ipId);

    /// @notice The IP carries a dispute tag: loans against it cannot be newly insured.
    /// @dev Fires from `checkSubject` / `onCoverBought`.
    /// @param ipId The IP.
    error IpAlreadyTagged(address ipId);

    /// @notice The vault (or IP in it) already has the most live covers the product tracks (16).
    /// @dev Fires from `onCoverBought`; covers free their slot when paid or past their claim deadline.
    /// @param vault The vault.
    /// @param ipId The IP (zero: vault-wide).
    error TooManyCovers(address vault, address ipId);

    /// @notice The caller is not this product's pool.
    /// @dev Fires from `onCoverBought`.
    /// @param caller The caller.
    error NotPool(address caller);

    /// @notice The vault address is zero.
    /// @dev Fires from `setVault`.
    error ZeroAddress();

    /// @notice Allows or disallows a lending vault as a subject of new covers. Restricted (risk manager).
    /// @param vault The vault.
    /// @param insurable Whether new covers may name it.
    function setVault(address vault, bool insurable) external;

    /// @notice Whether new covers may name `vault`.
    /// @param vault The vault.
    /// @return True if insurable.
    function isInsurable(address vault) external view returns (bool);

    /// @notice The live (unpaid, not past their claim deadline at the last purchase) covers tracked for a vault's IP
    /// (zero: vault-wide), in purchase order.
    /// @param vault The vault.
    /// @param ipId The IP.
    /// @return The cover ids.
    function coversOf(address vault, address ipId) external view returns (uint256[] memory);
}
