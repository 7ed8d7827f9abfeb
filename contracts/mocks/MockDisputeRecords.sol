// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title MockDisputeRecords
/// @notice Test double of the parts of Story's Dispute Module the infringement product reads (`disputes`,
/// `isIpTagged`, `IN_DISPUTE`), with records set freely. It reaches states Story's own rules never produce (a tag
/// without `isIpTagged`, chains of inherited tags of any length) to exercise the product's defensive checks.
contract MockDisputeRecords {
    /// @notice A stored dispute.
    struct Record {
        /// @dev The disputed IP.
        address targetIpId;
        /// @dev When it was raised.
        uint256 raisedAt;
        /// @dev Its current tag.
        bytes32 currentTag;
        /// @dev The parent dispute of an inherited tag (0: none).
        uint256 infringerDisputeId;
    }

    /// @notice The temporary tag of an open dispute, as on Story.
    bytes32 public constant IN_DISPUTE = "IN_DISPUTE";

    mapping(uint256 disputeId => Record) private _records;
    mapping(address ipId => bool) private _tagged;

    /// @notice Emitted when a record is set.
    /// @param disputeId The dispute.
    /// @param record The record.
    event RecordSet(uint256 indexed disputeId, Record record);

    /// @notice Emitted when an IP's tagged flag is set.
    /// @param ipId The IP.
    /// @param tagged The flag.
    event TaggedSet(address indexed ipId, bool tagged);

    /// @notice Sets a dispute's record.
    /// @param disputeId The dispute.
    /// @param record The record.
    function setRecord(uint256 disputeId, Record calldata record) external {
        _records[disputeId] = record;
        emit RecordSet(disputeId, record);
    }

    /// @notice Sets what `isIpTagged` answers for an IP.
    /// @param ipId The IP.
    /// @param tagged The answer.
    function setTagged(address ipId, bool tagged) external {
        _tagged[ipId] = tagged;
        emit TaggedSet(ipId, tagged);
    }

    /// @notice Whether the IP counts as tagged.
    /// @param ipId The IP.
    /// @return The stored answer.
    function isIpTagged(address ipId) external view returns (bool) {
        return _tagged[ipId];
    }

    /// @notice A dispute's record, in Story's `disputes` layout (initiator, policy and evidence are zero).
    /// @param disputeId The dispute.
    /// @return targetIpId The disputed IP.
    /// @return disputeInitiator Zero.
    /// @return disputeTimestamp When it was raised.
    /// @return arbitrationPolicy Zero.
    /// @return disputeEvidenceHash Zero.
    /// @return targetTag The current tag.
    /// @return currentTag The current tag.
    /// @return infringerDisputeId The parent dispute of an inherited tag.
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
        Record memory record = _records[disputeId];
        return (
            record.targetIpId,
            address(0),
            record.raisedAt,
            address(0),
            bytes32(0),
            record.currentTag,
            record.currentTag,
            record.infringerDisputeId
        );
    }
}
