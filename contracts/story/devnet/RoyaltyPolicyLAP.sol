// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { ReentrancyGuard } from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";

import { IGraphAwareRoyaltyPolicy } from "../interfaces/IGraphAwareRoyaltyPolicy.sol";
import { IRoyaltyModule } from "../interfaces/IRoyaltyModule.sol";
import { IIpRoyaltyVault } from "../interfaces/IIpRoyaltyVault.sol";
import { IIPGraph, IP_GRAPH, IP_GRAPH_POLICY_LAP } from "../interfaces/IIPGraph.sol";
import { IRoyaltyPolicy } from "./interfaces/IRoyaltyPolicy.sol";

/// @title RoyaltyPolicyLAP (devnet)
/// @notice Story v1.3.2's Liquid Absolute Percentage policy: each ancestor is owed an absolute percentage of every
/// descendant's revenue. The percentages live in the IP graph (kind LAP); the Royalty Module sends each payment's
/// ancestors' share here, and anyone moves an ancestor's part on to its vault with `transferToVault`.
contract RoyaltyPolicyLAP is IGraphAwareRoyaltyPolicy, IRoyaltyPolicy, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice The Royalty Module that calls the hooks and accounts revenue.
    IRoyaltyModule public immutable ROYALTY_MODULE;

    mapping(address ipId => uint32) private _royaltyStackLAP;
    mapping(address ipId => mapping(address ancestorIpId => uint32)) private _ancestorPercentLAP;
    mapping(address ipId => mapping(address ancestorIpId => mapping(address token => uint256)))
        private _transferredTokenLAP;

    modifier onlyRoyaltyModule() {
        if (msg.sender != address(ROYALTY_MODULE)) revert RoyaltyPolicyLAP__NotRoyaltyModule();
        _;
    }

    /// @notice Deploys the policy.
    /// @param royaltyModule The Royalty Module.
    constructor(address royaltyModule) {
        if (royaltyModule == address(0)) revert RoyaltyPolicyLAP__ZeroRoyaltyModule();
        ROYALTY_MODULE = IRoyaltyModule(royaltyModule);
    }

    /* ------------------------------------------------------------------ */
    /*                                Hooks                               */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IRoyaltyPolicy
    function onLicenseMinting(
        address ipId,
        uint32 licensePercent,
        bytes calldata
    ) external nonReentrant onlyRoyaltyModule {
        // The licensor cannot promise more than what its own ancestors leave it.
        if (uint256(ROYALTY_MODULE.globalRoyaltyStack(ipId)) + licensePercent > ROYALTY_MODULE.maxPercent()) {
            revert RoyaltyPolicyLAP__AboveMaxPercent();
        }
    }

    /// @inheritdoc IRoyaltyPolicy
    function onLinkToParents(
        address ipId,
        address[] calldata parentIpIds,
        address[] calldata licenseRoyaltyPolicies,
        uint32[] calldata licensesPercent,
        bytes calldata
    ) external nonReentrant onlyRoyaltyModule returns (uint32 newRoyaltyStackLAP) {
        // Bounded by the licensing module's 16 parents.
        for (uint256 i = 0; i < parentIpIds.length; ++i) {
            // Parents linked through another policy owe nothing under LAP.
            if (licenseRoyaltyPolicies[i] == address(this)) {
                _graphCall(
                    abi.encodeCall(
                        IIPGraph.setRoyalty,
                        (ipId, parentIpIds[i], IP_GRAPH_POLICY_LAP, uint256(licensesPercent[i]))
                    )
                );
            }
        }
        newRoyaltyStackLAP = uint32(
            abi.decode(_graphCall(abi.encodeCall(IIPGraph.getRoyaltyStack, (ipId, IP_GRAPH_POLICY_LAP))), (uint256))
        );
        _royaltyStackLAP[ipId] = newRoyaltyStackLAP;
    }

    /* ------------------------------------------------------------------ */
    /*                          Revenue transfers                         */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IGraphAwareRoyaltyPolicy
    function transferToVault(address ipId, address ancestorIpId, address token) external returns (uint256) {
        if (ipId == ancestorIpId) revert RoyaltyPolicyLAP__SameIpTransfer();

        uint32 ancestorPercent = _ancestorPercentLAP[ipId][ancestorIpId];
        if (ancestorPercent == 0) {
            // Read from the graph once per pair; the percentage never changes after linking.
            ancestorPercent = _getRoyaltyLAP(ipId, ancestorIpId);
            if (ancestorPercent == 0) revert RoyaltyPolicyLAP__ZeroClaimableRoyalty();
            _ancestorPercentLAP[ipId][ancestorIpId] = ancestorPercent;
        }

        uint256 totalRevenue = ROYALTY_MODULE.totalRevenueTokensAccounted(ipId, token, address(this));
        uint256 maxAmount = (totalRevenue * ancestorPercent) / ROYALTY_MODULE.maxPercent();
        uint256 transferred = _transferredTokenLAP[ipId][ancestorIpId][token];
        uint256 amount = Math.min(maxAmount - transferred, IERC20(token).balanceOf(address(this)));

        _transferredTokenLAP[ipId][ancestorIpId][token] = transferred + amount;
        address ancestorVault = ROYALTY_MODULE.ipRoyaltyVaults(ancestorIpId);
        // Reverts with IpRoyaltyVault__ZeroAmount when nothing is left to move.
        IIpRoyaltyVault(ancestorVault).updateVaultBalance(token, amount);
        IERC20(token).safeTransfer(ancestorVault, amount);

        emit RevenueTransferredToVault(ipId, ancestorIpId, token, amount);
        return amount;
    }

    /* ------------------------------------------------------------------ */
    /*                                Views                               */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IRoyaltyPolicy
    /// @dev LAP takes no royalty tokens from derivatives.
    function getPolicyRtsRequiredToLink(address, uint32) external pure returns (uint32) {
        return 0;
    }

    /// @inheritdoc IRoyaltyPolicy
    function getPolicyRoyaltyStack(address ipId) external view returns (uint32) {
        return _royaltyStackLAP[ipId];
    }

    /// @inheritdoc IGraphAwareRoyaltyPolicy
    function getPolicyRoyalty(address ipId, address ancestorIpId) external returns (uint32) {
        return _getRoyaltyLAP(ipId, ancestorIpId);
    }

    /// @inheritdoc IGraphAwareRoyaltyPolicy
    function getTransferredTokens(address ipId, address ancestorIpId, address token) external view returns (uint256) {
        return _transferredTokenLAP[ipId][ancestorIpId][token];
    }

    /* ------------------------------------------------------------------ */
    /*                              Internals                             */
    /* ------------------------------------------------------------------ */

    function _getRoyaltyLAP(address ipId, address ancestorIpId) internal returns (uint32) {
        bytes memory data = _graphCall(abi.encodeCall(IIPGraph.getRoyalty, (ipId, ancestorIpId, IP_GRAPH_POLICY_LAP)));
        return uint32(abi.decode(data, (uint256)));
    }

    /// @dev Story calls the graph precompile with a low-level call and its own error on failure.
    function _graphCall(bytes memory callData) internal returns (bytes memory returnData) {
        bool success;
        (success, returnData) = IP_GRAPH.call(callData);
        if (!success) revert RoyaltyPolicyLAP__CallFailed();
    }
}
