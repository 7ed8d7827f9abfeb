// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { Ownable } from "@openzeppelin/contracts/access/Ownable.sol";
import { Clones } from "@openzeppelin/contracts/proxy/Clones.sol";
import { ReentrancyGuard } from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import { EnumerableSet } from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

import { IRoyaltyModule } from "../interfaces/IRoyaltyModule.sol";
import { IIpRoyaltyVault } from "../interfaces/IIpRoyaltyVault.sol";
import { IDisputeModule } from "../interfaces/IDisputeModule.sol";
import { IIPAssetRegistry } from "../interfaces/IIPAssetRegistry.sol";
import { IRoyaltyModuleHooks } from "./interfaces/IRoyaltyModuleHooks.sol";
import { IRoyaltyPolicy } from "./interfaces/IRoyaltyPolicy.sol";
import { IDevnetWiring } from "./interfaces/IDevnetWiring.sol";
import { IpRoyaltyVault } from "./IpRoyaltyVault.sol";

/// @title RoyaltyModule (devnet)
/// @notice Story v1.3.2's Royalty Module, minimally: deploys each IP's royalty vault on its first commercial license
/// (or when it links as a derivative), records the royalty policies an IP inherits, and splits every payment into
/// the protocol fee (treasury), the ancestors' share (sent to each whitelisted policy, per its royalty stack) and the
/// rest (the receiver's vault).
contract RoyaltyModule is IRoyaltyModule, IRoyaltyModuleHooks, IDevnetWiring, Ownable, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using EnumerableSet for EnumerableSet.AddressSet;

    /* ------------------------------------------------------------------ */
    /*                              Constants                             */
    /* ------------------------------------------------------------------ */

    /// @notice 100% in Story's percentage scale; also the RT supply of every vault.
    uint32 public constant MAX_PERCENT = 100_000_000;

    /// @notice The most royalty policies an IP may inherit (Story's deploy configuration: 15).
    uint256 public constant MAX_ACCUMULATED_ROYALTY_POLICIES = 15;

    /* ------------------------------------------------------------------ */
    /*                               Storage                              */
    /* ------------------------------------------------------------------ */

    /// @notice The IP asset registry.
    IIPAssetRegistry public immutable IP_ASSET_REGISTRY;

    /// @notice The dispute module consulted for tagged receivers.
    IDisputeModule public immutable DISPUTE_MODULE;

    /// @notice The vault implementation every IP's vault is cloned from.
    address public immutable IP_ROYALTY_VAULT_IMPL;

    /// @notice The licensing module, the only caller of the hooks (wired once after deployment).
    address public LICENSING_MODULE;

    address private _treasury;
    uint32 private _royaltyFeePercent;
    mapping(address royaltyPolicy => bool) private _isWhitelistedRoyaltyPolicy;
    mapping(address token => bool) private _isWhitelistedRoyaltyToken;
    mapping(address ipId => address vault) private _ipRoyaltyVaults;
    mapping(address vault => bool) private _isIpRoyaltyVault;
    mapping(address ipId => uint32) private _globalRoyaltyStack;
    mapping(address ipId => EnumerableSet.AddressSet) private _accumulatedRoyaltyPolicies;
    mapping(address ipId => mapping(address royaltyPolicy => uint32)) private _policyRtsRequiredToLink;
    mapping(address ipId => mapping(address token => uint256)) private _totalRevenueTokensReceived;
    mapping(address ipId => mapping(address token => mapping(address royaltyPolicy => uint256)))
        private _totalRevenueTokensAccounted;

    /* ------------------------------------------------------------------ */
    /*                              Modifiers                             */
    /* ------------------------------------------------------------------ */

    /// @dev Story's admin functions are AccessManaged; the devnet keeps Story's error for unauthorized callers.
    modifier restricted() {
        if (msg.sender != owner()) revert AccessManagedUnauthorized(msg.sender);
        _;
    }

    modifier onlyLicensingModule() {
        if (msg.sender != LICENSING_MODULE) revert RoyaltyModule__NotAllowedCaller();
        _;
    }

    /* ------------------------------------------------------------------ */
    /*                            Construction                            */
    /* ------------------------------------------------------------------ */

    /// @notice Deploys the module and its vault implementation.
    /// @param ipAssetRegistry The IP asset registry.
    /// @param disputeModule The dispute module.
    /// @param admin The protocol admin.
    constructor(address ipAssetRegistry, address disputeModule, address admin) Ownable(admin) {
        if (ipAssetRegistry == address(0)) revert RoyaltyModule__ZeroIpAssetRegistry();
        if (disputeModule == address(0)) revert RoyaltyModule__ZeroDisputeModule();
        IP_ASSET_REGISTRY = IIPAssetRegistry(ipAssetRegistry);
        DISPUTE_MODULE = IDisputeModule(disputeModule);
        IP_ROYALTY_VAULT_IMPL = address(new IpRoyaltyVault(disputeModule, address(this)));
    }

    /* ------------------------------------------------------------------ */
    /*                                Admin                               */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IDevnetWiring
    function setLicensingModule(address licensingModule) external restricted {
        if (licensingModule == address(0)) revert RoyaltyModule__ZeroLicensingModule();
        if (LICENSING_MODULE != address(0)) revert Devnet__LicensingModuleAlreadySet();
        LICENSING_MODULE = licensingModule;
        emit LicensingModuleSet(licensingModule);
    }

    /// @inheritdoc IRoyaltyModule
    function setTreasury(address treasury_) external restricted {
        if (treasury_ == address(0)) revert RoyaltyModule__ZeroTreasury();
        _treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    /// @inheritdoc IRoyaltyModule
    function setRoyaltyFeePercent(uint32 royaltyFeePercent_) external restricted {
        if (royaltyFeePercent_ > MAX_PERCENT) revert RoyaltyModule__AboveMaxPercent();
        if (_treasury == address(0)) revert RoyaltyModule__ZeroTreasury();
        _royaltyFeePercent = royaltyFeePercent_;
        emit RoyaltyFeePercentSet(royaltyFeePercent_);
    }

    /// @inheritdoc IRoyaltyModule
    function whitelistRoyaltyPolicy(address royaltyPolicy, bool allowed) external restricted {
        if (royaltyPolicy == address(0)) revert RoyaltyModule__ZeroRoyaltyPolicy();
        _isWhitelistedRoyaltyPolicy[royaltyPolicy] = allowed;
        emit RoyaltyPolicyWhitelistUpdated(royaltyPolicy, allowed);
    }

    /// @inheritdoc IRoyaltyModule
    function whitelistRoyaltyToken(address token, bool allowed) external restricted {
        if (token == address(0)) revert RoyaltyModule__ZeroRoyaltyToken();
        _isWhitelistedRoyaltyToken[token] = allowed;
        emit RoyaltyTokenWhitelistUpdated(token, allowed);
    }

    /* ------------------------------------------------------------------ */
    /*                       Licensing-module hooks                       */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IRoyaltyModuleHooks
    function onLicenseMinting(
        address ipId,
        address royaltyPolicy,
        uint32 licensePercent,
        bytes calldata externalData
    ) external nonReentrant onlyLicensingModule {
        if (royaltyPolicy == address(0)) revert RoyaltyModule__ZeroRoyaltyPolicy();
        if (licensePercent > MAX_PERCENT) revert RoyaltyModule__AboveMaxPercent();
        if (!_isWhitelistedRoyaltyPolicy[royaltyPolicy])
            revert RoyaltyModule__NotWhitelistedOrRegisteredRoyaltyPolicy();

        if (_ipRoyaltyVaults[ipId] == address(0)) _deployIpRoyaltyVault(ipId, ipId);
        IRoyaltyPolicy(royaltyPolicy).onLicenseMinting(ipId, licensePercent, externalData);

        emit LicensedWithRoyalty(ipId, royaltyPolicy, licensePercent, externalData);
    }

    /// @inheritdoc IRoyaltyModuleHooks
    function onLinkToParents(
        address ipId,
        address[] calldata parentIpIds,
        address[] calldata licenseRoyaltyPolicies,
        uint32[] calldata licensesPercent,
        bytes calldata externalData,
        uint32 maxRts
    ) external nonReentrant onlyLicensingModule {
        if (parentIpIds.length == 0) revert RoyaltyModule__NoParentsOnLinking();

        // A fresh child's RT first go to this module, which hands the policies their cut and the IP the rest.
        address vault = _ipRoyaltyVaults[ipId];
        bool vaultExists = vault != address(0);
        if (!vaultExists) vault = _deployIpRoyaltyVault(ipId, address(this));

        uint32 totalRts = _accumulatePolicies(ipId, parentIpIds, licenseRoyaltyPolicies, licensesPercent, maxRts);
        _distributeRts(ipId, vault, totalRts, vaultExists);
        _setGlobalRoyaltyStack(ipId, parentIpIds, licenseRoyaltyPolicies, licensesPercent, externalData);

        emit LinkedToParents(ipId, parentIpIds, licenseRoyaltyPolicies, licensesPercent, externalData);
    }

    /// @inheritdoc IRoyaltyModuleHooks
    function payLicenseMintingFee(
        address receiverIpId,
        address payerAddress,
        address token,
        uint256 amount
    ) external nonReentrant onlyLicensingModule {
        uint256 amountAfterFee = _payRoyalty(receiverIpId, payerAddress, token, amount);
        emit LicenseMintingFeePaid(receiverIpId, payerAddress, token, amount, amountAfterFee);
    }

    /* ------------------------------------------------------------------ */
    /*                              Payments                              */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IRoyaltyModule
    function payRoyaltyOnBehalf(
        address receiverIpId,
        address payerIpId,
        address token,
        uint256 amount
    ) external nonReentrant {
        uint256 amountAfterFee = _payRoyalty(receiverIpId, msg.sender, token, amount);
        emit RoyaltyPaid(receiverIpId, payerIpId, msg.sender, token, amount, amountAfterFee);
    }

    /* ------------------------------------------------------------------ */
    /*                                Views                               */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IRoyaltyModule
    function ipRoyaltyVaults(address ipId) external view returns (address) {
        return _ipRoyaltyVaults[ipId];
    }

    /// @inheritdoc IRoyaltyModule
    function isIpRoyaltyVault(address ipRoyaltyVault) external view returns (bool) {
        return _isIpRoyaltyVault[ipRoyaltyVault];
    }

    /// @inheritdoc IRoyaltyModule
    function isWhitelistedRoyaltyToken(address token) external view returns (bool) {
        return _isWhitelistedRoyaltyToken[token];
    }

    /// @inheritdoc IRoyaltyModule
    function isWhitelistedRoyaltyPolicy(address royaltyPolicy) external view returns (bool) {
        return _isWhitelistedRoyaltyPolicy[royaltyPolicy];
    }

    /// @inheritdoc IRoyaltyModule
    /// @dev The devnet supports no external royalty policies.
    function isRegisteredExternalRoyaltyPolicy(address) external pure returns (bool) {
        return false;
    }

    /// @inheritdoc IRoyaltyModule
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc IRoyaltyModule
    function royaltyFeePercent() external view returns (uint32) {
        return _royaltyFeePercent;
    }

    /// @inheritdoc IRoyaltyModule
    function globalRoyaltyStack(address ipId) external view returns (uint32) {
        return _globalRoyaltyStack[ipId];
    }

    /// @inheritdoc IRoyaltyModule
    function accumulatedRoyaltyPolicies(address ipId) external view returns (address[] memory) {
        return _accumulatedRoyaltyPolicies[ipId].values();
    }

    /// @inheritdoc IRoyaltyModule
    function totalRevenueTokensReceived(address ipId, address token) external view returns (uint256) {
        return _totalRevenueTokensReceived[ipId][token];
    }

    /// @inheritdoc IRoyaltyModule
    function totalRevenueTokensAccounted(
        address ipId,
        address token,
        address royaltyPolicy
    ) external view returns (uint256) {
        return _totalRevenueTokensAccounted[ipId][token][royaltyPolicy];
    }

    /// @inheritdoc IRoyaltyModule
    function maxPercent() external pure returns (uint32) {
        return MAX_PERCENT;
    }

    /* ------------------------------------------------------------------ */
    /*                              Internals                             */
    /* ------------------------------------------------------------------ */

    function _deployIpRoyaltyVault(address ipId, address rtReceiver) internal returns (address vault) {
        vault = Clones.clone(IP_ROYALTY_VAULT_IMPL);
        _ipRoyaltyVaults[ipId] = vault;
        _isIpRoyaltyVault[vault] = true;
        IIpRoyaltyVault(vault).initialize("Royalty Token", "RT", MAX_PERCENT, ipId, rtReceiver);
        emit IpRoyaltyVaultDeployed(ipId, vault);
    }

    /// @dev Story's payment path; the check order (amount, token, tag, fee, vault) is Story's.
    function _payRoyalty(
        address receiverIpId,
        address payerAddress,
        address token,
        uint256 amount
    ) internal returns (uint256 amountAfterFee) {
        if (amount == 0) revert RoyaltyModule__ZeroAmount();
        if (!_isWhitelistedRoyaltyToken[token]) revert RoyaltyModule__NotWhitelistedRoyaltyToken();
        if (DISPUTE_MODULE.isIpTagged(receiverIpId)) revert RoyaltyModule__IpIsTagged();

        uint32 feePercent = _royaltyFeePercent;
        uint256 feeAmount = (amount * feePercent) / MAX_PERCENT;
        // With a fee in force, payments too small to pay any fee are refused.
        if (feeAmount == 0 && feePercent > 0) revert RoyaltyModule__PaymentAmountIsTooLow();
        amountAfterFee = amount - feeAmount;
        _totalRevenueTokensReceived[receiverIpId][token] += amountAfterFee;

        if (feeAmount > 0) IERC20(token).safeTransferFrom(payerAddress, _treasury, feeAmount);
        uint256 paidToPolicies = _payToWhitelistedRoyaltyPolicies(receiverIpId, payerAddress, token, amountAfterFee);
        uint256 remaining = amountAfterFee - paidToPolicies;
        if (remaining > 0) _payToReceiverVault(receiverIpId, payerAddress, token, remaining);
    }

    /// @dev Each whitelisted policy the receiver inherited gets its royalty stack's share (rounded down).
    function _payToWhitelistedRoyaltyPolicies(
        address receiverIpId,
        address payerAddress,
        address token,
        uint256 amount
    ) internal returns (uint256 totalPaid) {
        // Bounded by MAX_ACCUMULATED_ROYALTY_POLICIES.
        address[] memory policies = _accumulatedRoyaltyPolicies[receiverIpId].values();
        for (uint256 i = 0; i < policies.length; ++i) {
            address policy = policies[i];
            if (!_isWhitelistedRoyaltyPolicy[policy]) continue;
            uint32 royaltyStack = IRoyaltyPolicy(policy).getPolicyRoyaltyStack(receiverIpId);
            if (royaltyStack == 0) continue;

            _totalRevenueTokensAccounted[receiverIpId][token][policy] += amount;
            uint256 share = (amount * royaltyStack) / MAX_PERCENT;
            totalPaid += share;
            IERC20(token).safeTransferFrom(payerAddress, policy, share);
        }
    }

    function _payToReceiverVault(address receiverIpId, address payerAddress, address token, uint256 amount) internal {
        address vault = _ipRoyaltyVaults[receiverIpId];
        if (vault == address(0)) revert RoyaltyModule__ZeroReceiverVault();
        IIpRoyaltyVault(vault).updateVaultBalance(token, amount);
        IERC20(token).safeTransferFrom(payerAddress, vault, amount);
    }

    /// @dev Gives the child its parents' policies (and the license's policy) and sums the RT those policies need.
    function _accumulatePolicies(
        address ipId,
        address[] calldata parentIpIds,
        address[] calldata licenseRoyaltyPolicies,
        uint32[] calldata licensesPercent,
        uint32 maxRts
    ) internal returns (uint32 totalRts) {
        // Bounded by the licensing module's 16 parents and the accumulated-policies limit.
        for (uint256 i = 0; i < parentIpIds.length; ++i) {
            if (parentIpIds[i] == address(0)) revert RoyaltyModule__ZeroParentIpId();
            if (licenseRoyaltyPolicies[i] == address(0)) revert RoyaltyModule__ZeroRoyaltyPolicy();
            totalRts += _inheritPolicies(ipId, parentIpIds[i], licenseRoyaltyPolicies[i], licensesPercent[i]);
        }
        if (_accumulatedRoyaltyPolicies[ipId].length() > MAX_ACCUMULATED_ROYALTY_POLICIES) {
            revert RoyaltyModule__AboveAccumulatedRoyaltyPoliciesLimit();
        }
        if (totalRts > maxRts) revert RoyaltyModule__AboveMaxRts();
    }

    /// @dev The license's policy (unless the parent already has it) plus every policy the parent inherited.
    function _inheritPolicies(
        address ipId,
        address parent,
        address licensePolicy,
        uint32 licensePercent
    ) internal returns (uint32 rts) {
        EnumerableSet.AddressSet storage parentPolicies = _accumulatedRoyaltyPolicies[parent];
        if (!parentPolicies.contains(licensePolicy)) rts += _addPolicy(ipId, parent, licensePolicy, licensePercent);
        address[] memory inherited = parentPolicies.values();
        for (uint256 j = 0; j < inherited.length; ++j) {
            uint32 percent = inherited[j] == licensePolicy ? licensePercent : 0;
            rts += _addPolicy(ipId, parent, inherited[j], percent);
        }
    }

    function _addPolicy(address ipId, address parent, address policy, uint32 percent) internal returns (uint32 rts) {
        rts = IRoyaltyPolicy(policy).getPolicyRtsRequiredToLink(parent, percent);
        _accumulatedRoyaltyPolicies[ipId].add(policy);
        _policyRtsRequiredToLink[ipId][policy] += rts;
    }

    /// @dev Sends each policy the RT it needs; a fresh vault's remaining RT go to the IP.
    function _distributeRts(address ipId, address vault, uint32 totalRts, bool vaultExists) internal {
        if (vaultExists && totalRts > 0) IERC20(vault).safeTransferFrom(ipId, address(this), totalRts);

        address[] memory policies = _accumulatedRoyaltyPolicies[ipId].values();
        for (uint256 i = 0; i < policies.length; ++i) {
            uint32 rts = _policyRtsRequiredToLink[ipId][policies[i]];
            if (rts > 0) IERC20(vault).safeTransfer(policies[i], rts);
        }
        if (!vaultExists && totalRts < MAX_PERCENT) IERC20(vault).safeTransfer(ipId, MAX_PERCENT - totalRts);
    }

    /// @dev The child's global stack is the sum of what each whitelisted inherited policy reports.
    function _setGlobalRoyaltyStack(
        address ipId,
        address[] calldata parentIpIds,
        address[] calldata licenseRoyaltyPolicies,
        uint32[] calldata licensesPercent,
        bytes calldata externalData
    ) internal {
        uint256 stack;
        address[] memory policies = _accumulatedRoyaltyPolicies[ipId].values();
        for (uint256 i = 0; i < policies.length; ++i) {
            if (!_isWhitelistedRoyaltyPolicy[policies[i]])
                revert RoyaltyModule__NotWhitelistedOrRegisteredRoyaltyPolicy();
            stack += IRoyaltyPolicy(policies[i]).onLinkToParents(
                ipId,
                parentIpIds,
                licenseRoyaltyPolicies,
                licensesPercent,
                externalData
            );
        }
        if (stack > MAX_PERCENT) revert RoyaltyModule__AboveMaxPercent();
        _globalRoyaltyStack[ipId] = uint32(stack);
    }
}
