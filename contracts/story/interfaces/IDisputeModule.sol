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

    /// @notice Emitted when a dispute is cancelled by its initiator.
    /// @param disputeId The dispute id.
    /// @param data Arbitration-policy data.
    event DisputeCancelled(uint256 disputeId, bytes data);

    /// @notice Emitted when a dispute tag is whitelisted or removed.
    /// @param tag The tag.
    /// @param allowed Whether it is allowed.
    event TagWhitelistUpdated(bytes32 tag, bool allowed);

    /// @notice Emitted when an arbitration policy is whitelisted or removed.
    /// @param arbitrationPolicy The policy.
    /// @param allowed Whether it is allowed.
    event ArbitrationPolicyWhitelistUpdated(address arbitrationPolicy, bool allowed);

    /// @notice Emitted when the base (default) arbitration policy changes.
    /// @param arbitrationPolicy The new base policy.
    event DefaultArbitrationPolicyUpdated(address arbitrationPolicy);

    /// @notice Emitted when a derivative inherits the tag of its infringing parent.
    /// @param disputeId The new dispute id.
    /// @param infringingIpId The tagged parent.
    /// @param ipIdToTag The derivative being tagged.
    /// @param infringerDisputeId The parent's dispute id.
    /// @param tag The inherited tag.
    /// @param disputeTimestamp When it was tagged.
    event IpTaggedOnRelatedIpInfringement(
        uint256 disputeId,
        address infringingIpId,
        address ipIdToTag,
        uint256 infringerDisputeId,
        bytes32 tag,
        uint256 disputeTimestamp
    );

    /// @notice The dispute target is not a registered IP.
    /// @dev Fires in `raiseDispute` when the IP Asset Registry does not know `targetIpId`.
    error DisputeModule__NotRegisteredIpId();

    /// @notice The dispute tag is not whitelisted.
    /// @dev Fires in `raiseDispute` for a tag that is not whitelisted (including `IN_DISPUTE` and zero).
    error DisputeModule__NotWhitelistedDisputeTag();

    /// @notice The evidence hash is zero.
    /// @dev Fires in `raiseDispute` with a zero evidence hash.
    error DisputeModule__ZeroDisputeEvidenceHash();

    /// @notice The evidence hash was already used.
    /// @dev Fires in `raiseDispute` with an evidence hash of an earlier dispute.
    error DisputeModule__EvidenceHashAlreadyUsed();

    /// @notice The dispute is not open.
    /// @dev Fires in `setDisputeJudgement` and `cancelDispute` unless the dispute's tag is `IN_DISPUTE`.
    error DisputeModule__NotInDisputeState();

    /// @notice The caller is not the dispute's arbitration relayer.
    /// @dev Fires in `setDisputeJudgement` when the caller is not the dispute's arbitration policy.
    error DisputeModule__NotArbitrationRelayer();

    /// @notice The caller is not the dispute initiator.
    /// @dev Fires in `cancelDispute` and `resolveDispute` when called by anyone but the initiator.
    error DisputeModule__NotDisputeInitiator();

    /// @notice The dispute cannot be resolved.
    /// @dev Fires in `resolveDispute` unless the dispute was judged positively and not yet resolved.
    error DisputeModule__NotAbleToResolve();

    /// @notice The tag is zero.
    /// @dev Fires in `whitelistDisputeTag` with a zero tag.
    error DisputeModule__ZeroDisputeTag();

    /// @notice The tag may not be whitelisted.
    /// @dev Fires in `whitelistDisputeTag` with the `IN_DISPUTE` tag.
    error DisputeModule__NotAllowedToWhitelist();

    /// @notice The arbitration policy is the zero address.
    /// @dev Fires in `whitelistArbitrationPolicy` with the zero address.
    error DisputeModule__ZeroArbitrationPolicy();

    /// @notice The base arbitration policy cannot be removed from the whitelist.
    /// @dev Fires in `whitelistArbitrationPolicy(base, false)`.
    error DisputeModule__CannotBlacklistBaseArbitrationPolicy();

    /// @notice The arbitration policy is not whitelisted.
    /// @dev Fires in `setBaseArbitrationPolicy` with a policy that is not whitelisted.
    error DisputeModule__NotWhitelistedArbitrationPolicy();

    /// @notice The infringer dispute carries no infringement tag.
    /// @dev Fires in `tagIfRelatedIpInfringed` unless the parent's dispute was judged positively and not resolved.
    error DisputeModule__DisputeWithoutInfringementTag();

    /// @notice The IP to tag is not a derivative of the infringer.
    /// @dev Fires in `tagIfRelatedIpInfringed` when the infringer is not a direct parent of the IP to tag.
    error DisputeModule__NotDerivativeOrGroupIp();

    /// @notice The tag was already propagated to this IP.
    /// @dev Fires in `tagIfRelatedIpInfringed` when the same parent dispute already tagged this IP.
    error DisputeModule__DisputeAlreadyPropagated();

    /// @notice The parent's dispute is still not resolved.
    /// @dev Fires in `resolveDispute` of an inherited tag while the parent's dispute still carries a tag.
    error DisputeModule__RelatedDisputeNotResolved();

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

    /// @notice Cancels an open dispute. Caller: the dispute initiator; the arbitration policy may refuse (UMA does).
    /// @param disputeId The dispute id.
    /// @param data Arbitration-policy data.
    function cancelDispute(uint256 disputeId, bytes calldata data) external;

    /// @notice Whitelists or removes a dispute tag. Admin only.
    /// @param tag The tag (not zero, not `IN_DISPUTE`).
    /// @param allowed Whether it is allowed.
    function whitelistDisputeTag(bytes32 tag, bool allowed) external;

    /// @notice Whitelists or removes an arbitration policy. Admin only.
    /// @param arbitrationPolicy The policy (not zero; the base policy cannot be removed).
    /// @param allowed Whether it is allowed.
    function whitelistArbitrationPolicy(address arbitrationPolicy, bool allowed) external;

    /// @notice Sets the base arbitration policy, used for every IP. Admin only.
    /// @param arbitrationPolicy A whitelisted policy.
    function setBaseArbitrationPolicy(address arbitrationPolicy) external;

    /// @notice The base arbitration policy.
    /// @return The policy.
    function baseArbitrationPolicy() external view returns (address);

    /// @notice Whether a dispute tag is whitelisted.
    /// @param tag The tag.
    /// @return allowed True if whitelisted.
    function isWhitelistedDisputeTag(bytes32 tag) external view returns (bool allowed);

    /// @notice Whether an arbitration policy is whitelisted.
    /// @param arbitrationPolicy The policy.
    /// @return allowed True if whitelisted.
    function isWhitelistedArbitrationPolicy(address arbitrationPolicy) external view returns (bool allowed);

    /// @notice Tags a derivative of an IP that was found infringing (tag inheritance). Permissionless.
    /// @param ipIdToTag The derivative (a direct child of the infringer).
    /// @param infringerDisputeId The parent's positively judged dispute.
    function tagIfRelatedIpInfringed(address ipIdToTag, uint256 infringerDisputeId) external;
}
