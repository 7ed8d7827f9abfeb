// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IDisputeModule
/// @notice The subset of Story's Dispute Module that Quintessence uses. A raised dispute is tagged `IN_DISPUTE`;
/// the arbitration policy's judgement sets the target tag (positive) or clears it. `isIpTagged` is false while a
/// dispute is open and true after a positive judgement, until the dispute is resolved.
interface IDisputeModule {
    /// @notice Emitted when a dispute is raised.
    /// @param disputeId The dispute id.
    /// @param targetIpId The disputed IP.
    /// @param disputeInitiator The caller.
    /// @param disputeTimestamp When it was raised.
    /// @param arbitrationPolicy The policy that judges it.
    /// @param disputeEvidenceHash The evidence hash.
    /// @param targetTag The tag sought.
    /// @param data Arbitration-policy data.
    event DisputeRaised(
        uint256 disputeId,
        address targetIpId,
        address disputeInitiator,
        uint256 disputeTimestamp,
        address arbitrationPolicy,
        bytes32 disputeEvidenceHash,
        bytes32 targetTag,
        bytes data
    );

    /// @notice Emitted when a dispute is judged.
    /// @param disputeId The dispute id.
    /// @param decision True if the target tag was applied.
    /// @param data Arbitration-policy data.
    event DisputeJudgementSet(uint256 disputeId, bool decision, bytes data);

    /// @notice Emitted when a dispute is resolved (its tag removed).
    /// @param disputeId The dispute id.
    /// @param data Arbitration-policy data.
    event DisputeResolved(uint256 disputeId, bytes data);

    /// @notice Raises a dispute against an IP. Permissionless; the arbitration policy may take a bond.
    /// @param targetIpId The disputed IP.
    /// @param disputeEvidenceHash A unique, non-zero evidence hash.
    /// @param targetTag A whitelisted tag.
    /// @param data Arbitration-policy data (UMA: abi.encode(uint64 liveness, address currency, uint256 bond)).
    /// @return The dispute id.
    function raiseDispute(
        address targetIpId,
        bytes32 disputeEvidenceHash,
        bytes32 targetTag,
        bytes calldata data
    ) external returns (uint256);

    /// @notice Sets the judgement of a dispute. Only the dispute's arbitration policy (relayer) may call.
    /// @param disputeId The dispute id.
    /// @param decision True to apply the target tag.
    /// @param data Arbitration-policy data.
    function setDisputeJudgement(uint256 disputeId, bool decision, bytes calldata data) external;

    /// @notice Resolves a judged dispute, removing its tag. Caller: the dispute initiator.
    /// @param disputeId The dispute id.
    /// @param data Arbitration-policy data.
    function resolveDispute(uint256 disputeId, bytes calldata data) external;

    /// @notice Whether an IP carries a tag from a successful dispute (false while a dispute is only open).
    /// @param ipId The IP.
    /// @return True if tagged.
    function isIpTagged(address ipId) external view returns (bool);

    /// @notice The number of disputes raised (the last dispute id).
    /// @return The counter.
    function disputeCounter() external view returns (uint256);

    /// @notice The temporary tag of an open dispute.
    /// @return The `IN_DISPUTE` tag.
    function IN_DISPUTE() external view returns (bytes32);

    /// @notice A dispute's record.
    /// @param disputeId The dispute id.
    /// @return targetIpId The disputed IP.
    /// @return disputeInitiator The account that raised it.
    /// @return disputeTimestamp When it was raised.
    /// @return arbitrationPolicy The policy that judges it.
    /// @return disputeEvidenceHash The evidence hash.
    /// @return targetTag The tag sought.
    /// @return currentTag The current tag (IN_DISPUTE, the target tag, or 0).
    /// @return infringerDisputeId For inherited tags, the parent's dispute id.
    function disputes(
        uint256 disputeId
    )
        external
        view
        returns (
            address targetIpId,
            address disputeInitiator,
            uint256 disputeTimestamp,
            address arbitrationPolicy,
            bytes32 disputeEvidenceHash,
            bytes32 targetTag,
            bytes32 currentTag,
            uint256 infringerDisputeId
        );
}
