// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ICoverProduct } from "./ICoverProduct.sol";

/// @title IInfringementProduct
/// @notice Infringement cover on a Story IP. It pays its full amount to the cover holder when a dispute against the
/// IP, raised inside the cover period, was judged positively on Story's Dispute Module (the dispute's current tag is
/// its target tag and `isIpTagged(ip)` is true). A dispute raised at or before the cover's start never pays; for a tag
/// inherited from an infringing parent, the parent dispute's raise time counts.
interface IInfringementProduct is ICoverProduct {
    /// @notice Emitted when an infringement claim is paid.
    /// @param coverId The cover.
    /// @param disputeId The upheld dispute.
    /// @param holder The cover holder paid.
    /// @param amount The payout.
    event InfringementClaimPaid(uint256 indexed coverId, uint256 indexed disputeId, address holder, uint256 amount);

    /// @notice Emitted when an open dispute against a covered IP is reported (the pool reserves the cover amount).
    /// @param coverId The cover.
    /// @param disputeId The open dispute.
    event DisputeReported(uint256 indexed coverId, uint256 indexed disputeId);

    /// @notice Emitted when a reported dispute ended without a tag and the reserve is released.
    /// @param coverId The cover.
    /// @param disputeId The dispute.
    event ReportReleased(uint256 indexed coverId, uint256 indexed disputeId);

    /// @notice The subject must be the watched IP itself.
    /// @dev Fires from `checkSubject` / `onCoverBought` when `ipId != subject`.
    /// @param subject The subject.
    /// @param ipId The watched IP.
    error SubjectMismatch(address subject, address ipId);

    /// @notice The IP is not registered on Story.
    /// @dev Fires from `checkSubject` / `onCoverBought`.
    /// @param ipId The IP.
    error IpNotRegistered(address ipId);

    /// @notice The IP already carries a dispute tag: it cannot be newly insured.
    /// @dev Fires from `checkSubject` / `onCoverBought`.
    /// @param ipId The IP.
    error IpAlreadyTagged(address ipId);

    /// @notice The caller is not this product's pool.
    /// @dev Fires from `onCoverBought`.
    /// @param caller The caller.
    error NotPool(address caller);

    /// @notice The cover belongs to another product.
    /// @dev Fires from `claim`, `reportDispute` and `releaseReport`.
    /// @param coverId The cover.
    error WrongProduct(uint256 coverId);

    /// @notice The dispute does not target the covered IP.
    /// @dev Fires from `claim` and `reportDispute` (also for a dispute id that does not exist).
    /// @param disputeId The dispute.
    /// @param targetIpId Its target.
    error WrongSubject(uint256 disputeId, address targetIpId);

    /// @notice The dispute was raised outside the cover period (at or before its start, or after its end).
    /// @dev Fires from `claim` and `reportDispute`.
    /// @param disputeId The dispute.
    /// @param raisedAt When it (or the parent dispute it inherits from) was raised.
    error DisputeOutsideCoverPeriod(uint256 disputeId, uint256 raisedAt);

    /// @notice The dispute is still open (tag `IN_DISPUTE`).
    /// @dev Fires from `claim` and `releaseReport`.
    /// @param disputeId The dispute.
    error DisputeNotJudged(uint256 disputeId);

    /// @notice The dispute carries no tag: rejected, cancelled or resolved.
    /// @dev Fires from `claim`, and from `reportDispute` for a dispute that is not open.
    /// @param disputeId The dispute.
    error DisputeNotUpheld(uint256 disputeId);

    /// @notice The dispute was judged positively: claim instead of reporting or releasing.
    /// @dev Fires from `reportDispute` and `releaseReport`.
    /// @param disputeId The dispute.
    error DisputeUpheld(uint256 disputeId);

    /// @notice The covered IP is not tagged on Story.
    /// @dev Fires from `claim` when `isIpTagged(ip)` is false.
    /// @param ipId The IP.
    error IpNotTagged(address ipId);

    /// @notice A chain of inherited tags longer than the product follows.
    /// @dev Fires from `claim` and `reportDispute`.
    /// @param disputeId The dispute.
    error TagChainTooDeep(uint256 disputeId);

    /// @notice The cover has no reported dispute.
    /// @dev Fires from `releaseReport`.
    /// @param coverId The cover.
    error NotReported(uint256 coverId);

    /// @notice Pays the cover to its holder for an upheld dispute. Permissionless (the holder is paid whoever calls).
    /// @param coverId The cover.
    /// @param disputeId The dispute.
    function claim(uint256 coverId, uint256 disputeId) external;

    /// @notice Reports an open dispute against a covered IP, raised inside the cover period: the pool reserves the
    /// cover amount out of the share price until the dispute ends. Permissionless.
    /// @param coverId The cover.
    /// @param disputeId The open dispute.
    function reportDispute(uint256 coverId, uint256 disputeId) external;

    /// @notice Releases the reserve of a reported dispute that ended without a tag. Permissionless.
    /// @param coverId The cover.
    function releaseReport(uint256 coverId) external;

    /// @notice The dispute reported for a cover (0: none).
    /// @param coverId The cover.
    /// @return The dispute id.
    function reportedDispute(uint256 coverId) external view returns (uint256);

    /// @notice When a dispute counts as raised: its own timestamp, or for an inherited tag the original dispute's.
    /// @param disputeId The dispute.
    /// @return The raise time.
    function raisedAt(uint256 disputeId) external view returns (uint256);
}
