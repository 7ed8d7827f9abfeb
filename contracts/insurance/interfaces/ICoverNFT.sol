// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC721 } from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

/// @notice Where a cover is in its life. Expiry is not a status: a cover is dead once its claim deadline passes.
enum CoverStatus {
    /// @dev No such cover.
    None,
    /// @dev Bought and not paid.
    Active,
    /// @dev A pending claim (an open dispute) has been reported: its amount is reserved out of the share price.
    Reported,
    /// @dev Paid out; a cover pays at most once.
    Paid
}

/// @notice The terms of a cover, fixed at purchase (only `status` changes afterwards).
struct Cover {
    /// @dev The product contract that decides claims.
    address product;
    /// @dev Start of the period in which the insured event must happen (purchase time + waiting period).
    uint64 start;
    /// @dev Where the cover is in its life.
    CoverStatus status;
    /// @dev The insured subject: the IP (infringement) or the lending vault (loan shortfall).
    address subject;
    /// @dev End of the period in which the insured event must happen.
    uint64 end;
    /// @dev The IP whose event triggers the cover (zero: any IP of the vault, for loan-shortfall cover).
    address ipId;
    /// @dev The last moment a claim can be paid (end + the product's claim window).
    uint64 claimDeadline;
    /// @dev The most the cover pays, in pool-asset units.
    uint128 amount;
    /// @dev The premium paid, protocol fee included.
    uint128 premium;
}

/// @title ICoverNFT
/// @notice Insurance covers as ERC-721 tokens: transferable, and the holder at claim time is paid (for covers whose
/// beneficiary is the holder). Only underwriting pools (granted by the AccessManager) mint covers and move their
/// status.
interface ICoverNFT is IERC721 {
    /// @notice Emitted when a cover is minted.
    /// @param coverId The cover (token id).
    /// @param pool The pool that wrote it.
    /// @param cover Its terms.
    event CoverMinted(uint256 indexed coverId, address indexed pool, Cover cover);

    /// @notice Emitted when a cover's status changes.
    /// @param coverId The cover.
    /// @param status The new status.
    event CoverStatusChanged(uint256 indexed coverId, CoverStatus status);

    /// @notice No cover has this id.
    /// @dev Fires from `coverOf`, `poolOf` and `setStatus` for an id never minted.
    /// @param coverId The id.
    error UnknownCover(uint256 coverId);

    /// @notice The caller is not the pool that wrote the cover.
    /// @dev Fires from `setStatus` when called by another (even authorized) pool.
    /// @param coverId The cover.
    /// @param caller The caller.
    error NotCoverPool(uint256 coverId, address caller);

    /// @notice Mints a cover to `to`. Restricted to underwriting pools (AccessManager); the caller is recorded as the
    /// cover's pool.
    /// @param to The holder.
    /// @param cover The terms.
    /// @return coverId The new cover id (ids start at 1).
    function mint(address to, Cover calldata cover) external returns (uint256 coverId);

    /// @notice Moves a cover's status. Restricted to underwriting pools, and only the cover's own pool.
    /// @param coverId The cover.
    /// @param status The new status.
    function setStatus(uint256 coverId, CoverStatus status) external;

    /// @notice A cover's terms and status.
    /// @param coverId The cover.
    /// @return The cover.
    function coverOf(uint256 coverId) external view returns (Cover memory);

    /// @notice The pool that wrote a cover.
    /// @param coverId The cover.
    /// @return The pool.
    function poolOf(uint256 coverId) external view returns (address);

    /// @notice The number of covers ever minted (the last id).
    /// @return The count.
    function coverCount() external view returns (uint256);
}
