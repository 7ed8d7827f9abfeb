// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IIPAssetRegistry } from "../../story/interfaces/IIPAssetRegistry.sol";
import { IDisputeModule } from "../../story/interfaces/IDisputeModule.sol";
import { ICoverNFT, Cover } from "../interfaces/ICoverNFT.sol";
import { ICoverProduct } from "../interfaces/ICoverProduct.sol";
import { IInfringementProduct } from "../interfaces/IInfringementProduct.sol";
import { IUnderwritingPool } from "../interfaces/IUnderwritingPool.sol";

/// @title InfringementProduct
/// @notice Infringement cover on Story IPs, decided by Story's Dispute Module alone: no committee, no oracle. The
/// holder of a cover is paid its full amount for a dispute against the IP raised inside the cover period and judged
/// positively; an open dispute can be reported so the pool reserves the amount while arbitration runs.
/// @dev Stateless apart from reports: the pool holds the money and the cover NFT the terms. Raise times use the
/// dispute's own timestamp, so a dispute raised before (or in the same block as) the cover's start never pays.
contract InfringementProduct is IInfringementProduct {
    /// @notice Inherited tags are followed up to this many parent disputes.
    uint256 public constant MAX_TAG_DEPTH = 16;

    /// @inheritdoc ICoverProduct
    address public immutable POOL;
    /// @notice The cover NFT of the pool.
    ICoverNFT public immutable COVER_NFT;
    /// @notice Story's Dispute Module.
    IDisputeModule public immutable DISPUTE_MODULE;
    /// @notice Story's IP Asset Registry.
    IIPAssetRegistry public immutable IP_ASSET_REGISTRY;

    /// @inheritdoc IInfringementProduct
    mapping(uint256 coverId => uint256 disputeId) public reportedDispute;

    /// @dev What the product reads of a dispute.
    struct DisputeFacts {
        address targetIpId;
        uint256 raisedAt;
        bytes32 currentTag;
    }

    /// @notice Deploys the product for one pool.
    /// @param pool The underwriting pool.
    /// @param disputeModule Story's Dispute Module.
    /// @param ipAssetRegistry Story's IP Asset Registry.
    constructor(address pool, IDisputeModule disputeModule, IIPAssetRegistry ipAssetRegistry) {
        POOL = pool;
        COVER_NFT = IUnderwritingPool(pool).COVER_NFT();
        DISPUTE_MODULE = disputeModule;
        IP_ASSET_REGISTRY = ipAssetRegistry;
    }

    /// @inheritdoc ICoverProduct
    function checkSubject(address subject, address ipId) public view {
        if (subject != ipId) {
            revert SubjectMismatch(subject, ipId);
        }
        if (!IP_ASSET_REGISTRY.isRegistered(ipId)) {
            revert IpNotRegistered(ipId);
        }
        if (DISPUTE_MODULE.isIpTagged(ipId)) {
            revert IpAlreadyTagged(ipId);
        }
    }

    /// @inheritdoc ICoverProduct
    function onCoverBought(uint256, Cover calldata cover) external view {
        if (msg.sender != POOL) {
            revert NotPool(msg.sender);
        }
        checkSubject(cover.subject, cover.ipId);
    }

    /// @inheritdoc IInfringementProduct
    function claim(uint256 coverId, uint256 disputeId) external {
        Cover memory cover = _ownCover(coverId);
        DisputeFacts memory dispute = _disputeInPeriod(cover, disputeId);
        if (dispute.currentTag == DISPUTE_MODULE.IN_DISPUTE()) {
            revert DisputeNotJudged(disputeId);
        }
        if (dispute.currentTag == bytes32(0)) {
            revert DisputeNotUpheld(disputeId);
        }
        if (!DISPUTE_MODULE.isIpTagged(cover.ipId)) {
            revert IpNotTagged(cover.ipId);
        }
        address holder = COVER_NFT.ownerOf(coverId);
        emit InfringementClaimPaid(coverId, disputeId, holder, cover.amount);
        IUnderwritingPool(POOL).payClaim(coverId, holder, cover.amount);
    }

    /// @inheritdoc IInfringementProduct
    function reportDispute(uint256 coverId, uint256 disputeId) external {
        Cover memory cover = _ownCover(coverId);
        DisputeFacts memory dispute = _disputeInPeriod(cover, disputeId);
        if (dispute.currentTag == bytes32(0)) {
            revert DisputeNotUpheld(disputeId);
        }
        if (dispute.currentTag != DISPUTE_MODULE.IN_DISPUTE()) {
            revert DisputeUpheld(disputeId);
        }
        reportedDispute[coverId] = disputeId;
        emit DisputeReported(coverId, disputeId);
        IUnderwritingPool(POOL).reserveCover(coverId);
    }

    /// @inheritdoc IInfringementProduct
    function releaseReport(uint256 coverId) external {
        _ownCover(coverId);
        uint256 disputeId = reportedDispute[coverId];
        if (disputeId == 0) {
            revert NotReported(coverId);
        }
        bytes32 currentTag = _facts(disputeId).currentTag;
        if (currentTag == DISPUTE_MODULE.IN_DISPUTE()) {
            revert DisputeNotJudged(disputeId);
        }
        if (currentTag != bytes32(0)) {
            revert DisputeUpheld(disputeId);
        }
        delete reportedDispute[coverId];
        emit ReportReleased(coverId, disputeId);
        IUnderwritingPool(POOL).releaseCover(coverId);
    }

    /// @inheritdoc IInfringementProduct
    function raisedAt(uint256 disputeId) public view returns (uint256) {
        return _facts(disputeId).raisedAt;
    }

    /// @dev A cover of this product (the pool checks the rest: its status and claim deadline).
    function _ownCover(uint256 coverId) internal view returns (Cover memory cover) {
        cover = COVER_NFT.coverOf(coverId);
        if (cover.product != address(this)) {
            revert WrongProduct(coverId);
        }
    }

    /// @dev The facts of a dispute against the cover's IP raised strictly after its start and no later than its end.
    function _disputeInPeriod(
        Cover memory cover,
        uint256 disputeId
    ) internal view returns (DisputeFacts memory dispute) {
        dispute = _facts(disputeId);
        if (dispute.targetIpId != cover.ipId) {
            revert WrongSubject(disputeId, dispute.targetIpId);
        }
        if (dispute.raisedAt <= cover.start || dispute.raisedAt > cover.end) {
            revert DisputeOutsideCoverPeriod(disputeId, dispute.raisedAt);
        }
    }

    /// @dev A dispute's target and tag, and its raise time: for an inherited tag, the original dispute's (so a
    /// derivative cannot be insured after its parent was disputed).
    function _facts(uint256 disputeId) internal view returns (DisputeFacts memory facts) {
        uint256 parentId;
        (facts.targetIpId, , facts.raisedAt, , , , facts.currentTag, parentId) = DISPUTE_MODULE.disputes(disputeId);
        for (uint256 depth = 0; parentId != 0; ++depth) {
            if (depth == MAX_TAG_DEPTH) {
                revert TagChainTooDeep(disputeId);
            }
            (, , facts.raisedAt, , , , , parentId) = DISPUTE_MODULE.disputes(parentId);
        }
    }
}
