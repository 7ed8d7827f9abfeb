// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Ownable } from "@openzeppelin/contracts/access/Ownable.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { ReentrancyGuard } from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import { IDisputeModule } from "../interfaces/IDisputeModule.sol";
import { IArbitrationPolicy } from "./interfaces/IArbitrationPolicy.sol";

/// @title MockArbitrationPolicy
/// @notice Devnet stand-in for Story's ArbitrationPolicyUMA. Raising a dispute takes the same data
/// (abi.encode(uint64 liveness, address currency, uint256 bond)), checks it with UMA's rules and errors and pulls
/// the bond from the caller; it exposes the views a fork fixture reads on the real policy (`minLiveness`,
/// `maxLiveness`, `maxBonds`, `oov3`, and UMA's `getMinimumBond` on `oov3()`, which is this contract).
/// @dev On Story the judge is UMA's optimistic oracle; here the owner judges with `judge`. The bond goes back to
/// the initiator on a positive judgement and to the target IP account on a negative one.
contract MockArbitrationPolicy is IArbitrationPolicy, Ownable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted when a dispute is raised through this policy (UMA's event; the assertion id is the
    /// dispute id).
    /// @param disputeId The dispute id.
    /// @param assertionId The (mock) assertion id.
    /// @param caller The account that paid the bond.
    /// @param liveness The requested liveness.
    /// @param currency The bond currency.
    /// @param bond The bond.
    event DisputeRaisedUMA(
        uint256 disputeId,
        bytes32 assertionId,
        address caller,
        uint64 liveness,
        address currency,
        uint256 bond
    );

    /// @notice Emitted when the liveness bounds change (UMA's event; the IP-owner time share is always 0 here).
    /// @param minLiveness The minimum liveness.
    /// @param maxLiveness The maximum liveness.
    /// @param ipOwnerTimePercent Always 0 on the devnet.
    event LivenessSet(uint64 minLiveness, uint64 maxLiveness, uint32 ipOwnerTimePercent);

    /// @notice Emitted when the maximum bond of a currency changes (UMA's event).
    /// @param token The currency.
    /// @param maxBond The maximum bond.
    event MaxBondSet(address token, uint256 maxBond);

    /// @notice Emitted when the minimum bond of a currency changes (what UMA's oracle would require).
    /// @param token The currency.
    /// @param minBond The minimum bond.
    event MinimumBondSet(address indexed token, uint256 minBond);

    /// @notice Emitted when a dispute's bond is paid out after the judgement.
    /// @param disputeId The dispute id.
    /// @param recipient The initiator (positive judgement) or the target IP account (negative judgement).
    /// @param currency The bond currency.
    /// @param amount The bond.
    event BondPaid(uint256 indexed disputeId, address indexed recipient, address indexed currency, uint256 amount);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Only the Dispute Module may call the hooks.
    /// @dev Fires when any other account calls an `on*` hook.
    error ArbitrationPolicyUMA__NotDisputeModule();

    /// @notice The Dispute Module is the zero address.
    /// @dev Fires in the constructor.
    error ArbitrationPolicyUMA__ZeroDisputeModule();

    /// @notice The minimum liveness is zero.
    /// @dev Fires in `setLiveness`.
    error ArbitrationPolicyUMA__ZeroMinLiveness();

    /// @notice The maximum liveness is zero.
    /// @dev Fires in `setLiveness`.
    error ArbitrationPolicyUMA__ZeroMaxLiveness();

    /// @notice The minimum liveness exceeds the maximum.
    /// @dev Fires in `setLiveness`.
    error ArbitrationPolicyUMA__MinLivenessAboveMax();

    /// @notice The maximum bond is below the minimum bond.
    /// @dev Fires in `setBondLimits`.
    error ArbitrationPolicyUMA__MaxBondBelowMinimumBond();

    /// @notice The requested liveness is below the minimum.
    /// @dev Fires in `onRaiseDispute`.
    error ArbitrationPolicyUMA__LivenessBelowMin();

    /// @notice The requested liveness is above the maximum.
    /// @dev Fires in `onRaiseDispute`.
    error ArbitrationPolicyUMA__LivenessAboveMax();

    /// @notice The bond is above the currency's maximum (zero for a currency that is not allowed).
    /// @dev Fires in `onRaiseDispute`.
    error ArbitrationPolicyUMA__BondAboveMax();

    /// @notice The bond currency is not allowed.
    /// @dev Fires in `onRaiseDispute` for a currency without bond limits (maximum bond zero).
    error ArbitrationPolicyUMA__CurrencyNotWhitelisted();

    /// @notice Disputes under this policy cannot be cancelled.
    /// @dev Fires in `onDisputeCancel` (UMA's rule), so `cancelDispute` always reverts.
    error ArbitrationPolicyUMA__CannotCancel();

    /// @notice The bond is below the currency's minimum (UMA's oracle refuses it).
    /// @dev Fires in `onRaiseDispute` when `bond < getMinimumBond(currency)`.
    /// @param bond The bond offered.
    /// @param minBond The minimum bond.
    error MockArbitrationPolicy__BondBelowMinimum(uint256 bond, uint256 minBond);

    /// @notice The currency is the zero address.
    /// @dev Fires in `setBondLimits`.
    error MockArbitrationPolicy__ZeroCurrency();

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    struct Bond {
        address payer;
        address targetIpId;
        address currency;
        uint256 amount;
    }

    /// @notice The Dispute Module whose hooks this policy serves.
    IDisputeModule public immutable DISPUTE_MODULE;

    /// @notice The minimum liveness a dispute may request.
    uint64 public minLiveness;
    /// @notice The maximum liveness a dispute may request.
    uint64 public maxLiveness;

    /// @notice The maximum bond per currency (zero: currency not allowed).
    mapping(address token => uint256) public maxBonds;
    mapping(address token => uint256) private _minBonds;
    mapping(uint256 disputeId => Bond) private _bonds;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @notice Deploys the policy.
    /// @param disputeModule The Dispute Module.
    /// @param owner_ The owner (sets bounds and judges disputes).
    constructor(address disputeModule, address owner_) Ownable(owner_) {
        if (disputeModule == address(0)) {
            revert ArbitrationPolicyUMA__ZeroDisputeModule();
        }
        DISPUTE_MODULE = IDisputeModule(disputeModule);
    }

    modifier onlyDisputeModule() {
        if (msg.sender != address(DISPUTE_MODULE)) {
            revert ArbitrationPolicyUMA__NotDisputeModule();
        }
        _;
    }

    /*//////////////////////////////////////////////////////////////
                                  ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets the liveness bounds disputes may request.
    /// @param minLiveness_ The minimum liveness (non-zero).
    /// @param maxLiveness_ The maximum liveness (non-zero, at least the minimum).
    function setLiveness(uint64 minLiveness_, uint64 maxLiveness_) external onlyOwner {
        if (minLiveness_ == 0) {
            revert ArbitrationPolicyUMA__ZeroMinLiveness();
        }
        if (maxLiveness_ == 0) {
            revert ArbitrationPolicyUMA__ZeroMaxLiveness();
        }
        if (minLiveness_ > maxLiveness_) {
            revert ArbitrationPolicyUMA__MinLivenessAboveMax();
        }
        minLiveness = minLiveness_;
        maxLiveness = maxLiveness_;
        emit LivenessSet(minLiveness_, maxLiveness_, 0);
    }

    /// @notice Sets the bond bounds of a currency (maximum zero disallows the currency).
    /// @param currency The bond currency.
    /// @param minBond The minimum bond (what UMA's oracle would require).
    /// @param maxBond The maximum bond (at least the minimum).
    function setBondLimits(address currency, uint256 minBond, uint256 maxBond) external onlyOwner {
        if (currency == address(0)) {
            revert MockArbitrationPolicy__ZeroCurrency();
        }
        if (maxBond < minBond) {
            revert ArbitrationPolicyUMA__MaxBondBelowMinimumBond();
        }
        _minBonds[currency] = minBond;
        maxBonds[currency] = maxBond;
        emit MinimumBondSet(currency, minBond);
        emit MaxBondSet(currency, maxBond);
    }

    /// @notice Judges an open dispute (stands in for UMA's oracle settling the assertion).
    /// @param disputeId The dispute id.
    /// @param decision True to apply the dispute's tag.
    function judge(uint256 disputeId, bool decision) external onlyOwner nonReentrant {
        DISPUTE_MODULE.setDisputeJudgement(disputeId, decision, "");
    }

    /*//////////////////////////////////////////////////////////////
                                  HOOKS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IArbitrationPolicy
    function onRaiseDispute(
        address caller,
        address targetIpId,
        bytes32,
        bytes32,
        uint256 disputeId,
        bytes calldata data
    ) external onlyDisputeModule nonReentrant {
        (uint64 liveness, address currency, uint256 bond) = abi.decode(data, (uint64, address, uint256));
        if (liveness < minLiveness) {
            revert ArbitrationPolicyUMA__LivenessBelowMin();
        }
        if (liveness > maxLiveness) {
            revert ArbitrationPolicyUMA__LivenessAboveMax();
        }
        uint256 maxBond = maxBonds[currency];
        if (bond > maxBond) {
            revert ArbitrationPolicyUMA__BondAboveMax();
        }
        if (maxBond == 0) {
            revert ArbitrationPolicyUMA__CurrencyNotWhitelisted();
        }
        uint256 minBond = _minBonds[currency];
        if (bond < minBond) {
            revert MockArbitrationPolicy__BondBelowMinimum(bond, minBond);
        }

        _bonds[disputeId] = Bond({ payer: caller, targetIpId: targetIpId, currency: currency, amount: bond });
        IERC20(currency).safeTransferFrom(caller, address(this), bond);

        emit DisputeRaisedUMA(disputeId, bytes32(disputeId), caller, liveness, currency, bond);
    }

    /// @inheritdoc IArbitrationPolicy
    function onDisputeJudgement(uint256 disputeId, bool decision, bytes calldata) external onlyDisputeModule {
        Bond memory bond = _bonds[disputeId];
        delete _bonds[disputeId];
        address recipient = decision ? bond.payer : bond.targetIpId;
        if (bond.amount > 0) {
            IERC20(bond.currency).safeTransfer(recipient, bond.amount);
        }
        emit BondPaid(disputeId, recipient, bond.currency, bond.amount);
    }

    /// @inheritdoc IArbitrationPolicy
    function onDisputeCancel(address, uint256, bytes calldata) external view onlyDisputeModule {
        revert ArbitrationPolicyUMA__CannotCancel();
    }

    /// @inheritdoc IArbitrationPolicy
    function onResolveDispute(address, uint256, bytes calldata) external view onlyDisputeModule {}

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The optimistic oracle; on the devnet this contract answers its `getMinimumBond`.
    /// @return This contract.
    function oov3() external view returns (address) {
        return address(this);
    }

    /// @notice The minimum bond of a currency (UMA's OOV3 view).
    /// @param currency The currency.
    /// @return The minimum bond.
    function getMinimumBond(address currency) external view returns (uint256) {
        return _minBonds[currency];
    }

    /// @notice The bond held for a dispute (zero once paid out).
    /// @param disputeId The dispute id.
    /// @return payer Who paid it.
    /// @return targetIpId The disputed IP.
    /// @return currency The currency.
    /// @return amount The amount.
    function bonds(
        uint256 disputeId
    ) external view returns (address payer, address targetIpId, address currency, uint256 amount) {
        Bond memory bond = _bonds[disputeId];
        return (bond.payer, bond.targetIpId, bond.currency, bond.amount);
    }
}
