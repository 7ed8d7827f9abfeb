// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Ownable } from "@openzeppelin/contracts/access/Ownable.sol";
import { ReentrancyGuard } from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import { IDisputeModule } from "../interfaces/IDisputeModule.sol";
import { IIPAssetRegistry } from "../interfaces/IIPAssetRegistry.sol";
import { IIPGraph, IP_GRAPH } from "../interfaces/IIPGraph.sol";
import { IArbitrationPolicy } from "./interfaces/IArbitrationPolicy.sol";

/// @title DisputeModule
/// @notice Devnet Dispute Module, faithful to Story core v1.3.2: anyone raises a dispute against a registered IP
/// with a whitelisted tag and fresh evidence; the arbitration policy judges it; a positive judgement tags the IP
/// (`isIpTagged`) until the initiator resolves the dispute; tags propagate to derivatives on request.
/// @dev Differences from Story: an Ownable admin instead of Story's AccessManager; every IP uses the base
/// arbitration policy (no per-IP policy switching); the arbitration relayer of a policy is the policy itself (as
/// Story configures UMA); no pause; no group IPs.
contract DisputeModule is IDisputeModule, Ownable, ReentrancyGuard {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The temporary tag of an open dispute.
    bytes32 public constant IN_DISPUTE = bytes32("IN_DISPUTE");

    /// @notice The IP Asset Registry.
    IIPAssetRegistry public immutable IP_ASSET_REGISTRY;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    struct Dispute {
        address targetIpId;
        address disputeInitiator;
        uint256 disputeTimestamp;
        address arbitrationPolicy;
        bytes32 disputeEvidenceHash;
        bytes32 targetTag;
        bytes32 currentTag;
        uint256 infringerDisputeId;
    }

    /// @inheritdoc IDisputeModule
    uint256 public disputeCounter;
    /// @inheritdoc IDisputeModule
    address public baseArbitrationPolicy;

    mapping(uint256 disputeId => Dispute) private _disputes;
    mapping(bytes32 tag => bool) private _whitelistedTags;
    mapping(address policy => bool) private _whitelistedPolicies;
    mapping(bytes32 evidenceHash => bool) private _usedEvidence;
    mapping(address ipId => uint256) private _successfulDisputes;
    mapping(address ipId => mapping(uint256 infringerDisputeId => bool)) private _propagated;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @notice Deploys the module and whitelists Story's four dispute tags.
    /// @param ipAssetRegistry The IP Asset Registry.
    /// @param admin The admin (whitelists tags and policies).
    constructor(address ipAssetRegistry, address admin) Ownable(admin) {
        IP_ASSET_REGISTRY = IIPAssetRegistry(ipAssetRegistry);
        _setTag(bytes32("IMPROPER_REGISTRATION"), true);
        _setTag(bytes32("IMPROPER_USAGE"), true);
        _setTag(bytes32("IMPROPER_PAYMENT"), true);
        _setTag(bytes32("CONTENT_STANDARDS_VIOLATION"), true);
    }

    /*//////////////////////////////////////////////////////////////
                                  ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IDisputeModule
    function whitelistDisputeTag(bytes32 tag, bool allowed) external onlyOwner {
        if (tag == bytes32(0)) {
            revert DisputeModule__ZeroDisputeTag();
        }
        if (tag == IN_DISPUTE) {
            revert DisputeModule__NotAllowedToWhitelist();
        }
        _setTag(tag, allowed);
    }

    /// @inheritdoc IDisputeModule
    function whitelistArbitrationPolicy(address arbitrationPolicy, bool allowed) external onlyOwner {
        if (arbitrationPolicy == address(0)) {
            revert DisputeModule__ZeroArbitrationPolicy();
        }
        if (arbitrationPolicy == baseArbitrationPolicy && !allowed) {
            revert DisputeModule__CannotBlacklistBaseArbitrationPolicy();
        }
        _whitelistedPolicies[arbitrationPolicy] = allowed;
        emit ArbitrationPolicyWhitelistUpdated(arbitrationPolicy, allowed);
    }

    /// @inheritdoc IDisputeModule
    function setBaseArbitrationPolicy(address arbitrationPolicy) external onlyOwner {
        if (!_whitelistedPolicies[arbitrationPolicy]) {
            revert DisputeModule__NotWhitelistedArbitrationPolicy();
        }
        baseArbitrationPolicy = arbitrationPolicy;
        emit DefaultArbitrationPolicyUpdated(arbitrationPolicy);
    }

    /*//////////////////////////////////////////////////////////////
                                DISPUTES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IDisputeModule
    function raiseDispute(
        address targetIpId,
        bytes32 disputeEvidenceHash,
        bytes32 targetTag,
        bytes calldata data
    ) external nonReentrant returns (uint256 disputeId) {
        _validateRaise(targetIpId, disputeEvidenceHash, targetTag);
        address policy = baseArbitrationPolicy;
        disputeId = ++disputeCounter;
        _disputes[disputeId] = Dispute({
            targetIpId: targetIpId,
            disputeInitiator: msg.sender,
            disputeTimestamp: block.timestamp,
            arbitrationPolicy: policy,
            disputeEvidenceHash: disputeEvidenceHash,
            targetTag: targetTag,
            currentTag: IN_DISPUTE,
            infringerDisputeId: 0
        });
        _usedEvidence[disputeEvidenceHash] = true;

        // The policy validates `data` and takes the bond from the caller; a failure reverts everything.
        IArbitrationPolicy(policy).onRaiseDispute(
            msg.sender,
            targetIpId,
            disputeEvidenceHash,
            targetTag,
            disputeId,
            data
        );

        emit DisputeRaised(
            disputeId,
            targetIpId,
            msg.sender,
            block.timestamp,
            policy,
            disputeEvidenceHash,
            targetTag,
            data
        );
    }

    /// @inheritdoc IDisputeModule
    function setDisputeJudgement(uint256 disputeId, bool decision, bytes calldata data) external nonReentrant {
        Dispute storage dispute = _disputes[disputeId];
        if (dispute.currentTag != IN_DISPUTE) {
            revert DisputeModule__NotInDisputeState();
        }
        if (msg.sender != dispute.arbitrationPolicy) {
            revert DisputeModule__NotArbitrationRelayer();
        }

        if (decision) {
            dispute.currentTag = dispute.targetTag;
            ++_successfulDisputes[dispute.targetIpId];
        } else {
            dispute.currentTag = bytes32(0);
        }

        IArbitrationPolicy(dispute.arbitrationPolicy).onDisputeJudgement(disputeId, decision, data);

        emit DisputeJudgementSet(disputeId, decision, data);
    }

    /// @inheritdoc IDisputeModule
    function cancelDispute(uint256 disputeId, bytes calldata data) external nonReentrant {
        Dispute storage dispute = _disputes[disputeId];
        if (dispute.currentTag != IN_DISPUTE) {
            revert DisputeModule__NotInDisputeState();
        }
        if (msg.sender != dispute.disputeInitiator) {
            revert DisputeModule__NotDisputeInitiator();
        }

        // The policy may refuse (Story's UMA policy always does).
        IArbitrationPolicy(dispute.arbitrationPolicy).onDisputeCancel(msg.sender, disputeId, data);

        dispute.currentTag = bytes32(0);
        emit DisputeCancelled(disputeId, data);
    }

    /// @inheritdoc IDisputeModule
    function resolveDispute(uint256 disputeId, bytes calldata data) external nonReentrant {
        Dispute storage dispute = _disputes[disputeId];
        uint256 infringerDisputeId = dispute.infringerDisputeId;
        // A judged dispute is resolved by its initiator; an inherited tag by anyone once the parent's is resolved.
        if (infringerDisputeId == 0 && msg.sender != dispute.disputeInitiator) {
            revert DisputeModule__NotDisputeInitiator();
        }
        if (infringerDisputeId > 0 && _disputes[infringerDisputeId].currentTag != bytes32(0)) {
            revert DisputeModule__RelatedDisputeNotResolved();
        }
        bytes32 currentTag = dispute.currentTag;
        if (currentTag == IN_DISPUTE || currentTag == bytes32(0)) {
            revert DisputeModule__NotAbleToResolve();
        }

        --_successfulDisputes[dispute.targetIpId];
        dispute.currentTag = bytes32(0);

        IArbitrationPolicy(dispute.arbitrationPolicy).onResolveDispute(msg.sender, disputeId, data);

        emit DisputeResolved(disputeId, data);
    }

    /// @inheritdoc IDisputeModule
    function tagIfRelatedIpInfringed(address ipIdToTag, uint256 infringerDisputeId) external {
        Dispute storage infringerDispute = _disputes[infringerDisputeId];
        bytes32 tag = infringerDispute.currentTag;
        if (tag == IN_DISPUTE || tag == bytes32(0)) {
            revert DisputeModule__DisputeWithoutInfringementTag();
        }
        address infringerIpId = infringerDispute.targetIpId;
        if (!IIPGraph(IP_GRAPH).hasParentIp(ipIdToTag, infringerIpId)) {
            revert DisputeModule__NotDerivativeOrGroupIp();
        }
        if (_propagated[ipIdToTag][infringerDisputeId]) {
            revert DisputeModule__DisputeAlreadyPropagated();
        }

        uint256 disputeId = ++disputeCounter;
        _disputes[disputeId] = Dispute({
            targetIpId: ipIdToTag,
            disputeInitiator: msg.sender,
            disputeTimestamp: block.timestamp,
            arbitrationPolicy: infringerDispute.arbitrationPolicy,
            disputeEvidenceHash: infringerDispute.disputeEvidenceHash,
            targetTag: tag,
            currentTag: tag,
            infringerDisputeId: infringerDisputeId
        });
        _propagated[ipIdToTag][infringerDisputeId] = true;
        ++_successfulDisputes[ipIdToTag];

        emit IpTaggedOnRelatedIpInfringement(
            disputeId,
            infringerIpId,
            ipIdToTag,
            infringerDisputeId,
            tag,
            block.timestamp
        );
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IDisputeModule
    function isIpTagged(address ipId) external view returns (bool) {
        return _successfulDisputes[ipId] > 0;
    }

    /// @inheritdoc IDisputeModule
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
        )
    {
        Dispute storage d = _disputes[disputeId];
        return (
            d.targetIpId,
            d.disputeInitiator,
            d.disputeTimestamp,
            d.arbitrationPolicy,
            d.disputeEvidenceHash,
            d.targetTag,
            d.currentTag,
            d.infringerDisputeId
        );
    }

    /// @inheritdoc IDisputeModule
    function isWhitelistedDisputeTag(bytes32 tag) external view returns (bool allowed) {
        return _whitelistedTags[tag];
    }

    /// @inheritdoc IDisputeModule
    function isWhitelistedArbitrationPolicy(address arbitrationPolicy) external view returns (bool allowed) {
        return _whitelistedPolicies[arbitrationPolicy];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Story's checks on a new dispute, in Story's order.
    function _validateRaise(address targetIpId, bytes32 disputeEvidenceHash, bytes32 targetTag) private view {
        if (!IP_ASSET_REGISTRY.isRegistered(targetIpId)) {
            revert DisputeModule__NotRegisteredIpId();
        }
        if (!_whitelistedTags[targetTag]) {
            revert DisputeModule__NotWhitelistedDisputeTag();
        }
        if (disputeEvidenceHash == bytes32(0)) {
            revert DisputeModule__ZeroDisputeEvidenceHash();
        }
        if (_usedEvidence[disputeEvidenceHash]) {
            revert DisputeModule__EvidenceHashAlreadyUsed();
        }
    }

    function _setTag(bytes32 tag, bool allowed) private {
        _whitelistedTags[tag] = allowed;
        emit TagWhitelistUpdated(tag, allowed);
    }
}
