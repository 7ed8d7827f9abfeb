// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev Story's IP-graph precompile lives at this address on Story chains; local chains install a contract there.
address constant IP_GRAPH = address(0x0101);

/// @dev Royalty policy kinds understood by the IP graph.
uint256 constant IP_GRAPH_POLICY_LAP = 0;
uint256 constant IP_GRAPH_POLICY_LRP = 1;

/// @title IIPGraph
/// @notice The IP-graph precompile (0x0101) as Story core calls it: parent links and royalty percentages between IPs.
/// Not part of the SDK ABIs (it is a precompile); the devnet's `IPGraph` contract implements it.
interface IIPGraph {
    /// @notice Links `ipId` to its parents.
    /// @param ipId The derivative IP.
    /// @param parentIpIds The parents.
    function addParentIp(address ipId, address[] calldata parentIpIds) external;

    /// @notice Whether `parent` is a direct parent of `ipId`.
    /// @param ipId The IP.
    /// @param parent The candidate parent.
    /// @return True if it is.
    function hasParentIp(address ipId, address parent) external view returns (bool);

    /// @notice The direct parents of `ipId`.
    /// @param ipId The IP.
    /// @return The parents.
    function getParentIps(address ipId) external view returns (address[] memory);

    /// @notice The number of direct parents of `ipId`.
    /// @param ipId The IP.
    /// @return The count.
    function getParentIpsCount(address ipId) external view returns (uint256);

    /// @notice Whether `ancestor` is an ancestor of `ipId`.
    /// @param ipId The IP.
    /// @param ancestor The candidate ancestor.
    /// @return True if it is.
    function hasAncestorIp(address ipId, address ancestor) external returns (bool);

    /// @notice All ancestors of `ipId`.
    /// @param ipId The IP.
    /// @return The ancestors.
    function getAncestorIps(address ipId) external returns (address[] memory);

    /// @notice The number of ancestors of `ipId`.
    /// @param ipId The IP.
    /// @return The count.
    function getAncestorIpsCount(address ipId) external returns (uint256);

    /// @notice Records the royalty percentage `ipId` owes its parent under a policy kind.
    /// @param ipId The derivative IP.
    /// @param parentIpId The parent IP.
    /// @param policyKind The policy kind (0 LAP, 1 LRP).
    /// @param royaltyPercentage The percentage (100% = 100_000_000).
    function setRoyalty(address ipId, address parentIpId, uint256 policyKind, uint256 royaltyPercentage) external;

    /// @notice The royalty percentage `ipId` owes `ancestorIpId` under a policy kind (LAP: summed over paths).
    /// @param ipId The IP.
    /// @param ancestorIpId The ancestor.
    /// @param policyKind The policy kind.
    /// @return The percentage.
    function getRoyalty(address ipId, address ancestorIpId, uint256 policyKind) external returns (uint256);

    /// @notice The total royalty percentage `ipId` owes all its ancestors under a policy kind.
    /// @param ipId The IP.
    /// @param policyKind The policy kind.
    /// @return The percentage.
    function getRoyaltyStack(address ipId, uint256 policyKind) external returns (uint256);
}
