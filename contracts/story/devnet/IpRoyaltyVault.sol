// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { IERC20Metadata } from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { Initializable } from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import { ReentrancyGuard } from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import { EnumerableSet } from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

import { IIpRoyaltyVault } from "../interfaces/IIpRoyaltyVault.sol";
import { IDisputeModule } from "../interfaces/IDisputeModule.sol";
import { IRoyaltyModule } from "../interfaces/IRoyaltyModule.sol";

/// @title IpRoyaltyVault (devnet)
/// @notice One IP's royalty token (RT) and revenue vault, as Story v1.3.2 accounts it. RT holders share the revenue
/// added to the vault pro rata to their balance at the time it is added: each holder carries a revenue debt
/// (scaled by the RT supply), rewritten on every RT transfer so that revenue accrued before the transfer stays with
/// the sender. Cloned per IP by the RoyaltyModule.
/// @dev Tokens sent to the vault without `updateVaultBalance` are not accounted (as on Story).
contract IpRoyaltyVault is IIpRoyaltyVault, ERC20, Initializable, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using EnumerableSet for EnumerableSet.AddressSet;

    /* ------------------------------------------------------------------ */
    /*                               Storage                              */
    /* ------------------------------------------------------------------ */

    /// @notice The dispute module consulted for the IP's tag.
    IDisputeModule public immutable DISPUTE_MODULE;

    /// @notice The royalty module that deploys vaults and adds revenue.
    IRoyaltyModule public immutable ROYALTY_MODULE;

    string private _rtName;
    string private _rtSymbol;
    address private _ipId;
    EnumerableSet.AddressSet private _revenueTokens;
    mapping(address token => uint256 accBalance) private _vaultAccBalances;
    // Positive: already claimed (or accrued by a previous holder); negative: accrued before receiving RT.
    mapping(address token => mapping(address claimer => int256 revenueDebt)) private _claimerRevenueDebt;

    /* ------------------------------------------------------------------ */
    /*                            Construction                            */
    /* ------------------------------------------------------------------ */

    /// @notice Builds the implementation that the royalty module clones.
    /// @param disputeModule The dispute module.
    /// @param royaltyModule The royalty module.
    constructor(address disputeModule, address royaltyModule) ERC20("", "") {
        if (disputeModule == address(0)) revert IpRoyaltyVault__ZeroDisputeModule();
        if (royaltyModule == address(0)) revert IpRoyaltyVault__ZeroRoyaltyModule();
        DISPUTE_MODULE = IDisputeModule(disputeModule);
        ROYALTY_MODULE = IRoyaltyModule(royaltyModule);
        _disableInitializers();
    }

    /// @inheritdoc IIpRoyaltyVault
    function initialize(
        string calldata name_,
        string calldata symbol_,
        uint32 supply,
        address ipIdAddress,
        address rtReceiver
    ) external initializer {
        _rtName = name_;
        _rtSymbol = symbol_;
        _ipId = ipIdAddress;
        _mint(rtReceiver, supply);
    }

    /* ------------------------------------------------------------------ */
    /*                               Revenue                              */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IIpRoyaltyVault
    function updateVaultBalance(address token, uint256 amount) external {
        if (msg.sender != address(ROYALTY_MODULE) && !ROYALTY_MODULE.isWhitelistedRoyaltyPolicy(msg.sender)) {
            revert IpRoyaltyVault__NotAllowedToAddTokenToVault();
        }
        if (!ROYALTY_MODULE.isWhitelistedRoyaltyToken(token)) revert IpRoyaltyVault__NotWhitelistedRoyaltyToken();
        if (amount == 0) revert IpRoyaltyVault__ZeroAmount();

        _revenueTokens.add(token);
        _vaultAccBalances[token] += amount;
        emit RevenueTokenAddedToVault(token, amount);
    }

    /// @inheritdoc IIpRoyaltyVault
    function claimRevenueOnBehalf(address claimer, address token) external nonReentrant returns (uint256) {
        address[] memory tokenList = new address[](1);
        tokenList[0] = token;
        return _claimRevenueOnBehalf(claimer, tokenList)[0];
    }

    /// @inheritdoc IIpRoyaltyVault
    function claimRevenueOnBehalfByTokenBatch(
        address claimer,
        address[] calldata tokenList
    ) external nonReentrant returns (uint256[] memory) {
        return _claimRevenueOnBehalf(claimer, tokenList);
    }

    /* ------------------------------------------------------------------ */
    /*                                Views                               */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IIpRoyaltyVault
    function claimableRevenue(address claimer, address token) external view returns (uint256) {
        // A tagged IP's revenue is frozen until its dispute is resolved.
        if (DISPUTE_MODULE.isIpTagged(_ipId)) return 0;
        return _pendingScaled(claimer, token) / totalSupply();
    }

    /// @inheritdoc IIpRoyaltyVault
    function ipId() external view returns (address) {
        return _ipId;
    }

    /// @inheritdoc IIpRoyaltyVault
    function tokens() external view returns (address[] memory) {
        return _revenueTokens.values();
    }

    /// @inheritdoc IIpRoyaltyVault
    function vaultAccBalances(address token) external view returns (uint256) {
        return _vaultAccBalances[token];
    }

    /// @inheritdoc IIpRoyaltyVault
    function claimerRevenueDebt(address claimer, address token) external view returns (int256) {
        return _claimerRevenueDebt[token][claimer];
    }

    /// @notice The RT name set at initialization.
    /// @return The name.
    function name() public view override(ERC20, IERC20Metadata) returns (string memory) {
        return _rtName;
    }

    /// @notice The RT symbol set at initialization.
    /// @return The symbol.
    function symbol() public view override(ERC20, IERC20Metadata) returns (string memory) {
        return _rtSymbol;
    }

    /// @notice RT decimals: 6, so Story's 100,000,000 units read as 100 RT.
    /// @return 6.
    function decimals() public pure override(ERC20, IIpRoyaltyVault) returns (uint8) {
        return 6;
    }

    /* ------------------------------------------------------------------ */
    /*                              Internals                             */
    /* ------------------------------------------------------------------ */

    /// @dev Rewrites both parties' debts so each keeps exactly what it had accrued before the transfer.
    function _update(address from, address to, uint256 amount) internal override {
        if (from == address(0)) {
            super._update(from, to, amount);
            return;
        }
        if (from == to) revert IpRoyaltyVault__SameFromToAddress(address(this), from);
        uint256 balanceOfFrom = balanceOf(from);
        if (balanceOfFrom == 0) revert IpRoyaltyVault__ZeroBalance(address(this), from);
        if (balanceOfFrom < amount) revert IpRoyaltyVault__InsufficientBalance(address(this), from, amount);

        // Bounded by the royalty-token whitelist: only whitelisted tokens ever enter the list.
        address[] memory tokenList = _revenueTokens.values();
        for (uint256 i = 0; i < tokenList.length; ++i) {
            address token = tokenList[i];
            uint256 pendingFrom = _pendingScaled(from, token);
            uint256 pendingTo = _pendingScaled(to, token);
            uint256 accBalance = _vaultAccBalances[token];

            int256 debtTo = int256(accBalance * (balanceOf(to) + amount)) - int256(pendingTo);
            int256 debtFrom = int256(accBalance * (balanceOfFrom - amount)) - int256(pendingFrom);
            _claimerRevenueDebt[token][to] = debtTo;
            _claimerRevenueDebt[token][from] = debtFrom;

            emit RevenueDebtUpdated(to, token, debtTo);
            emit RevenueDebtUpdated(from, token, debtFrom);
        }

        super._update(from, to, amount);
    }

    /// @dev Pays each token's claimable revenue; the remainder of the division stays in the vault (protocol favour).
    function _claimRevenueOnBehalf(
        address claimer,
        address[] memory tokenList
    ) internal returns (uint256[] memory claimedAmounts) {
        // A vault holding another vault's RT must claim itself, so that it can account what it receives.
        if (ROYALTY_MODULE.isIpRoyaltyVault(claimer) && msg.sender != claimer) {
            revert IpRoyaltyVault__VaultsMustClaimAsSelf();
        }
        bool tagged = DISPUTE_MODULE.isIpTagged(_ipId);
        uint256 supply = totalSupply();

        claimedAmounts = new uint256[](tokenList.length);
        for (uint256 i = 0; i < tokenList.length; ++i) {
            address token = tokenList[i];
            uint256 amount = tagged ? 0 : _pendingScaled(claimer, token) / supply;
            if (amount == 0) revert IpRoyaltyVault__NoClaimableTokens();
            claimedAmounts[i] = amount;

            int256 newDebt = _claimerRevenueDebt[token][claimer] + int256(amount * supply);
            _claimerRevenueDebt[token][claimer] = newDebt;

            emit RevenueTokenClaimed(claimer, token, amount);
            emit RevenueDebtUpdated(claimer, token, newDebt);
            IERC20(token).safeTransfer(claimer, amount);
        }
    }

    /// @dev The claimer's unclaimed revenue in `token`, multiplied by the RT supply.
    function _pendingScaled(address claimer, address token) internal view returns (uint256) {
        int256 pending = int256(_vaultAccBalances[token] * balanceOf(claimer)) - _claimerRevenueDebt[token][claimer];
        if (pending < 0) revert IpRoyaltyVault__NegativeValueUnsafeCastingToUint256();
        return uint256(pending);
    }
}
