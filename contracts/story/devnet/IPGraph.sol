// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IIPGraph, IP_GRAPH_POLICY_LAP, IP_GRAPH_POLICY_LRP } from "../interfaces/IIPGraph.sol";

/// @title IPGraph
/// @notice Devnet stand-in for Story's IP-graph precompile (0x0101): parent links between IPs and the royalty
/// percentages derivatives owe their ancestors, computed as Story's precompile computes them.
/// - LAP (kind 0): an ancestor is owed the sum of the percentages each IP in the graph above `ipId` (including
///   `ipId`) owes it directly; the stack is the sum over every parent link above `ipId`.
/// - LRP (kind 1): percentages multiply along paths and add up over paths (each IP passes its share on to its
///   parents in topological order, rounding down per link); the stack is the sum owed to direct parents.
/// @dev Installed at 0x0101 by copying its runtime code (`hardhat_setCode`): no constructor, no immutables.
/// Writes are permissionless here (Story gates them with IPGraphACL). Graph walks run in memory (view, so they also
/// work under STATICCALL) and are bounded by `MAX_ANCESTORS`: a little above Story's own limit (1024 ancestors,
/// checked by LicenseRegistry after linking, plus its 16 parents) so that Story's check fires first, and low enough
/// that a full walk (~8k gas per ancestor in storage reads) stays under Osaka's 2^24 transaction gas cap.
contract IPGraph is IIPGraph {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The most ancestors a walk visits.
    uint256 public constant MAX_ANCESTORS = 1040;
    /// @notice The most parents one IP may have (Story allows 16).
    uint256 public constant MAX_PARENTS = 256;

    uint256 private constant _HUNDRED_PERCENT = 100_000_000;
    uint256 private constant _FIBONACCI_HASH = 0x9E3779B97F4A7C15F39CC0605CEDC835;

    /*//////////////////////////////////////////////////////////////
                              EVENTS / ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted when the parents of an IP are set.
    /// @param ipId The derivative IP.
    /// @param parentIpIds Its parents.
    event ParentIpsSet(address indexed ipId, address[] parentIpIds);

    /// @notice Emitted when the royalty an IP owes its parent is set.
    /// @param ipId The derivative IP.
    /// @param parentIpId The parent IP.
    /// @param policyKind The policy kind.
    /// @param royaltyPercentage The percentage (100% = 100_000_000).
    event RoyaltySet(
        address indexed ipId,
        address indexed parentIpId,
        uint256 indexed policyKind,
        uint256 royaltyPercentage
    );

    /// @notice An IP has more ancestors than a walk may visit.
    /// @dev Fires in any ancestor walk that would visit more than `MAX_ANCESTORS` ancestors.
    /// @param ipId The IP whose ancestors were walked.
    /// @param limit The limit.
    error IPGraph__TooManyAncestors(address ipId, uint256 limit);

    /// @notice Too many parents.
    /// @dev Fires in `addParentIp` with more than `MAX_PARENTS` parents.
    /// @param count The number of parents given.
    /// @param limit The limit.
    error IPGraph__TooManyParents(uint256 count, uint256 limit);

    /// @notice Unknown royalty policy kind.
    /// @dev Fires in `getRoyalty` and `getRoyaltyStack` for a kind other than LAP (0) or LRP (1), like the precompile.
    /// @param policyKind The kind.
    error IPGraph__UnknownPolicyKind(uint256 policyKind);

    /// @notice A royalty does not fit in 32 bits.
    /// @dev Fires in `setRoyalty` and `getRoyalty` above `type(uint32).max`, like the precompile.
    /// @param royalty The value.
    error IPGraph__RoyaltyAboveUint32(uint256 royalty);

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    mapping(address ipId => address[]) private _parents;
    mapping(address ipId => mapping(address parentIpId => mapping(uint256 policyKind => uint256))) private _royalties;

    /// @dev An IP and its ancestors in memory: `nodes[0]` is the IP, then each ancestor once, in breadth-first order.
    /// `slots` is an open-addressing index over `nodes` (a node's index + 1; 0 = empty), kept at most half full.
    struct Walk {
        address[] nodes;
        uint256 count;
        uint256[] slots;
    }

    /*//////////////////////////////////////////////////////////////
                                 WRITES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IIPGraph
    /// @dev Replaces the parent list, as the precompile does (Story calls it once per derivative).
    function addParentIp(address ipId, address[] calldata parentIpIds) external {
        if (parentIpIds.length > MAX_PARENTS) {
            revert IPGraph__TooManyParents(parentIpIds.length, MAX_PARENTS);
        }
        _parents[ipId] = parentIpIds;
        emit ParentIpsSet(ipId, parentIpIds);
    }

    /// @inheritdoc IIPGraph
    function setRoyalty(address ipId, address parentIpId, uint256 policyKind, uint256 royaltyPercentage) external {
        if (royaltyPercentage > type(uint32).max) {
            revert IPGraph__RoyaltyAboveUint32(royaltyPercentage);
        }
        _royalties[ipId][parentIpId][policyKind] = royaltyPercentage;
        emit RoyaltySet(ipId, parentIpId, policyKind, royaltyPercentage);
    }

    /*//////////////////////////////////////////////////////////////
                                 PARENTS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IIPGraph
    function hasParentIp(address ipId, address parent) external view returns (bool) {
        address[] storage parents = _parents[ipId];
        uint256 length = parents.length;
        for (uint256 i; i < length; ++i) {
            if (parents[i] == parent) {
                return true;
            }
        }
        return false;
    }

    /// @inheritdoc IIPGraph
    function getParentIps(address ipId) external view returns (address[] memory) {
        return _parents[ipId];
    }

    /// @inheritdoc IIPGraph
    function getParentIpsCount(address ipId) external view returns (uint256) {
        return _parents[ipId].length;
    }

    /*//////////////////////////////////////////////////////////////
                                ANCESTORS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IIPGraph
    function hasAncestorIp(address ipId, address ancestor) external view returns (bool) {
        // Position 1 is `ipId` itself, which is not its own ancestor.
        return _positionOf(_walk(ipId), ancestor) > 1;
    }

    /// @inheritdoc IIPGraph
    function getAncestorIps(address ipId) external view returns (address[] memory ancestors) {
        Walk memory walk = _walk(ipId);
        ancestors = new address[](walk.count - 1);
        for (uint256 i = 1; i < walk.count; ++i) {
            ancestors[i - 1] = walk.nodes[i];
        }
    }

    /// @inheritdoc IIPGraph
    function getAncestorIpsCount(address ipId) external view returns (uint256) {
        return _walk(ipId).count - 1;
    }

    /*//////////////////////////////////////////////////////////////
                                ROYALTIES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IIPGraph
    function getRoyalty(address ipId, address ancestorIpId, uint256 policyKind) external view returns (uint256) {
        uint256 royalty;
        if (policyKind == IP_GRAPH_POLICY_LAP) {
            royalty = _royaltyLap(ipId, ancestorIpId);
        } else if (policyKind == IP_GRAPH_POLICY_LRP) {
            royalty = _royaltyLrp(ipId, ancestorIpId);
        } else {
            revert IPGraph__UnknownPolicyKind(policyKind);
        }
        if (royalty > type(uint32).max) {
            revert IPGraph__RoyaltyAboveUint32(royalty);
        }
        return royalty;
    }

    /// @inheritdoc IIPGraph
    function getRoyaltyStack(address ipId, uint256 policyKind) external view returns (uint256 stack) {
        if (policyKind == IP_GRAPH_POLICY_LAP) {
            Walk memory walk = _walk(ipId);
            for (uint256 i; i < walk.count; ++i) {
                stack += _sumToParents(walk.nodes[i], IP_GRAPH_POLICY_LAP);
            }
        } else if (policyKind == IP_GRAPH_POLICY_LRP) {
            stack = _sumToParents(ipId, IP_GRAPH_POLICY_LRP);
        } else {
            revert IPGraph__UnknownPolicyKind(policyKind);
        }
    }

    /*//////////////////////////////////////////////////////////////
                             ROYALTY MATH
    //////////////////////////////////////////////////////////////*/

    /// @dev LAP: what every IP at or above `ipId` owes `ancestorIpId` directly, added up.
    function _royaltyLap(address ipId, address ancestorIpId) private view returns (uint256 royalty) {
        Walk memory walk = _walk(ipId);
        if (_positionOf(walk, ancestorIpId) < 2) {
            return 0;
        }
        for (uint256 i; i < walk.count; ++i) {
            address node = walk.nodes[i];
            address[] storage parents = _parents[node];
            uint256 length = parents.length;
            for (uint256 j; j < length; ++j) {
                if (parents[j] == ancestorIpId) {
                    royalty += _royalties[node][ancestorIpId][IP_GRAPH_POLICY_LAP];
                }
            }
        }
    }

    /// @dev LRP: `ipId` holds 100%; in topological order (an IP after all its children), each IP passes
    /// share * percentage / 100% to each parent. The ancestor's accumulated share is the answer.
    function _royaltyLrp(address ipId, address ancestorIpId) private view returns (uint256) {
        Walk memory walk = _walk(ipId);
        uint256 target = _positionOf(walk, ancestorIpId);
        if (target == 0) {
            return 0;
        }
        --target;
        uint256 n = walk.count;
        // pending[k]: links from IPs of the walk into node k not yet processed.
        uint256[] memory pending = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            address[] storage parents = _parents[walk.nodes[i]];
            uint256 length = parents.length;
            for (uint256 j; j < length; ++j) {
                ++pending[_positionOf(walk, parents[j]) - 1];
            }
        }
        uint256[] memory share = new uint256[](n);
        uint256[] memory queue = new uint256[](n);
        share[0] = _HUNDRED_PERCENT;
        uint256 tail = 1;
        for (uint256 head; head < tail; ++head) {
            uint256 i = queue[head];
            // The ancestor passes nothing on: only what reaches it matters.
            if (i == target) {
                continue;
            }
            address node = walk.nodes[i];
            address[] storage parents = _parents[node];
            uint256 length = parents.length;
            for (uint256 j; j < length; ++j) {
                uint256 k = _positionOf(walk, parents[j]) - 1;
                share[k] += (share[i] * _royalties[node][parents[j]][IP_GRAPH_POLICY_LRP]) / _HUNDRED_PERCENT;
                // Node 0 is already queued; a cycle back to it must not queue it again.
                if (k != 0 && --pending[k] == 0) {
                    queue[tail] = k;
                    ++tail;
                }
            }
        }
        return share[target];
    }

    function _sumToParents(address ipId, uint256 policyKind) private view returns (uint256 sum) {
        address[] storage parents = _parents[ipId];
        uint256 length = parents.length;
        for (uint256 i; i < length; ++i) {
            sum += _royalties[ipId][parents[i]][policyKind];
        }
    }

    /*//////////////////////////////////////////////////////////////
                               GRAPH WALK
    //////////////////////////////////////////////////////////////*/

    /// @dev Breadth-first walk from `ipId` over parent links, visiting each IP once.
    function _walk(address ipId) private view returns (Walk memory walk) {
        walk.nodes = new address[](16);
        walk.slots = new uint256[](32);
        _insert(walk, ipId);
        for (uint256 i; i < walk.count; ++i) {
            address[] storage parents = _parents[walk.nodes[i]];
            uint256 length = parents.length;
            for (uint256 j; j < length; ++j) {
                address parent = parents[j];
                if (_positionOf(walk, parent) != 0) {
                    continue;
                }
                // `count` includes `ipId`, so it is the ancestor count once `parent` is added.
                if (walk.count > MAX_ANCESTORS) {
                    revert IPGraph__TooManyAncestors(ipId, MAX_ANCESTORS);
                }
                _insert(walk, parent);
            }
        }
    }

    /// @dev 1-based position of `ip` in the walk, 0 if absent.
    function _positionOf(Walk memory walk, address ip) private pure returns (uint256) {
        uint256 mask = walk.slots.length - 1;
        uint256 slot = _hash(ip) & mask;
        while (true) {
            uint256 position = walk.slots[slot];
            if (position == 0) {
                return 0;
            }
            if (walk.nodes[position - 1] == ip) {
                return position;
            }
            slot = (slot + 1) & mask;
        }
        // Unreachable: the index is at most half full, so probing always meets an empty slot.
        return 0;
    }

    /// @dev Appends `ip` (known to be absent), doubling the arrays when needed.
    function _insert(Walk memory walk, address ip) private pure {
        if (walk.count == walk.nodes.length) {
            address[] memory nodes = new address[](walk.count * 2);
            for (uint256 i; i < walk.count; ++i) {
                nodes[i] = walk.nodes[i];
            }
            walk.nodes = nodes;
        }
        walk.nodes[walk.count] = ip;
        ++walk.count;
        if (walk.count * 2 > walk.slots.length) {
            // Rebuild the index at double size over all nodes (including the new one).
            walk.slots = new uint256[](walk.slots.length * 2);
            for (uint256 i; i < walk.count; ++i) {
                _place(walk, i);
            }
        } else {
            _place(walk, walk.count - 1);
        }
    }

    function _place(Walk memory walk, uint256 index) private pure {
        uint256 mask = walk.slots.length - 1;
        uint256 slot = _hash(walk.nodes[index]) & mask;
        while (walk.slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        walk.slots[slot] = index + 1;
    }

    function _hash(address ip) private pure returns (uint256) {
        // Multiplicative hashing; overflow is intended.
        unchecked {
            return (uint256(uint160(ip)) * _FIBONACCI_HASH) >> 96;
        }
    }
}
