// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IArbitrationPolicy
/// @notice The hooks Story's Dispute Module calls on an IP's arbitration policy (official v1.3.2 signatures, as in
/// Story's contracts/interfaces/modules/dispute/policies/IArbitrationPolicy.sol at tag v1.3.2 and the SDK ABI of
/// ArbitrationPolicyUMA). Only the Dispute Module may call them.
interface IArbitrationPolicy {
    /// @notice Runs when a dispute is raised (UMA: validates the data and takes the bond from `caller`).
    /// @param caller The account that raised the dispute (and pays the bond).
    /// @param targetIpId The disputed IP.
    /// @param disputeEvidenceHash The evidence hash.
    /// @param targetTag The tag sought.
    /// @param disputeId The dispute id.
    /// @param data Policy data (UMA: abi.encode(uint64 liveness, address currency, uint256 bond)).
    function onRaiseDispute(
        address caller,
        address targetIpId,
        bytes32 disputeEvidenceHash,
        bytes32 targetTag,
        uint256 disputeId,
        bytes calldata data
    ) external;

    /// @notice Runs when a dispute is judged.
    /// @param disputeId The dispute id.
    /// @param decision True if the target tag was applied.
    /// @param data Policy data.
    function onDisputeJudgement(uint256 disputeId, bool decision, bytes calldata data) external;

    /// @notice Runs when the initiator cancels an open dispute (UMA refuses).
    /// @param caller The initiator.
    /// @param disputeId The dispute id.
    /// @param data Policy data.
    function onDisputeCancel(address caller, uint256 disputeId, bytes calldata data) external;

    /// @notice Runs when a judged dispute is resolved (its tag removed).
    /// @param caller The caller of `resolveDispute`.
    /// @param disputeId The dispute id.
    /// @param data Policy data.
    function onResolveDispute(address caller, uint256 disputeId, bytes calldata data) external;
}
