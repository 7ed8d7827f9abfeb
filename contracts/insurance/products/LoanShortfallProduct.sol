// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManaged } from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import { ReentrancyGuardTransient } from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { SafeCast } from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import { IRoyaltyLendingVault } from "../../lending/interfaces/IRoyaltyLendingVault.sol";
import { IDisputeModule } from "../../story/interfaces/IDisputeModule.sol";
import { IBadDebtCover } from "../../lending/interfaces/IBadDebtCover.sol";
import { ICoverNFT, Cover } from "../interfaces/ICoverNFT.sol";
import { ICoverProduct } from "../interfaces/ICoverProduct.sol";
import { ILoanShortfallProduct } from "../interfaces/ILoanShortfallProduct.sol";
import { IUnderwritingPool } from "../interfaces/IUnderwritingPool.sol";

/// @title LoanShortfallProduct
/// @notice Loan-shortfall cover on royalty lending vaults, paid to the vault when it realizes bad debt. Set it as the
/// vault's bad-debt cover; the vault asks it in the liquidation that realizes the loss, and again through the vault's
/// permissionless `claimBadDebtCover` for what is still uncovered.
/// @dev Live covers are tracked per (vault, IP) and per vault in packed one-slot records, at most
/// `MAX_COVERS_PER_KEY` each, so a claim reads at most 2 × 16 slots. A cover pays at most once, up to its amount; the
/// IP's own covers pay before vault-wide ones. The pool's minimum cover amount keeps dust covers from filling a list.
contract LoanShortfallProduct is ILoanShortfallProduct, AccessManaged, ReentrancyGuardTransient {
    using SafeCast for uint256;

    /// @notice The most live covers tracked for one vault or one IP in a vault.
    uint256 public constant MAX_COVERS_PER_KEY = 16;

    /// @inheritdoc ICoverProduct
    address public immutable POOL;
    /// @notice The cover NFT of the pool.
    ICoverNFT public immutable COVER_NFT;
    /// @notice Story's Dispute Module.
    IDisputeModule public immutable DISPUTE_MODULE;

    /// @dev A live cover's terms, packed in one slot (amount 0: paid). Its id sits in the parallel id list.
    struct Tracked {
        uint128 amount;
        uint40 start;
        uint40 end;
        uint40 claimDeadline;
    }

    /// @dev The live covers of one key, in parallel lists.
    struct CoverList {
        Tracked[] terms;
        uint256[] ids;
    }

    mapping(address vault => bool) private _insurable;
    mapping(address vault => mapping(address ipId => CoverList)) private _lists;

    /// @notice Deploys the product for one pool.
    /// @param authority The AccessManager (governs `setVault`).
    /// @param pool The underwriting pool (its asset must be the covered vaults' loan asset).
    /// @param disputeModule Story's Dispute Module.
    constructor(address authority, address pool, IDisputeModule disputeModule) AccessManaged(authority) {
        POOL = pool;
        COVER_NFT = IUnderwritingPool(pool).COVER_NFT();
        DISPUTE_MODULE = disputeModule;
    }

    /// @inheritdoc ILoanShortfallProduct
    function setVault(address vault, bool insurable) external restricted {
        if (vault == address(0)) {
            revert ZeroAddress();
        }
        if (insurable && IRoyaltyLendingVault(vault).asset() != IUnderwritingPool(POOL).asset()) {
            revert VaultNotInsurable(vault);
        }
        _insurable[vault] = insurable;
        emit VaultSet(vault, insurable);
    }

    /// @inheritdoc ICoverProduct
    function checkSubject(address vault, address ipId) public view {
        if (!_insurable[vault]) {
            revert VaultNotInsurable(vault);
        }
        if (ipId == address(0)) {
            return;
        }
        if (!IRoyaltyLendingVault(vault).market(ipId).listed) {
            revert IpNotListed(vault, ipId);
        }
        if (DISPUTE_MODULE.isIpTagged(ipId)) {
            revert IpAlreadyTagged(ipId);
        }
    }

    /// @inheritdoc ICoverProduct
    function onCoverBought(uint256 coverId, Cover calldata cover) external {
        if (msg.sender != POOL) {
            revert NotPool(msg.sender);
        }
        checkSubject(cover.subject, cover.ipId);
        CoverList storage list = _lists[cover.subject][cover.ipId];
        _prune(list);
        if (list.ids.length == MAX_COVERS_PER_KEY) {
            revert TooManyCovers(cover.subject, cover.ipId);
        }
        list.terms.push(
            Tracked({
                amount: cover.amount,
                start: uint256(cover.start).toUint40(),
                end: uint256(cover.end).toUint40(),
                claimDeadline: uint256(cover.claimDeadline).toUint40()
            })
        );
        list.ids.push(coverId);
    }

    /// @inheritdoc IBadDebtCover
    function coverShortfall(
        address ipId,
        uint256 positionId,
        uint256 shortfall,
        uint256 realizedAt
    ) external nonReentrant returns (uint256 paid) {
        paid = _payFrom(_lists[msg.sender][ipId], positionId, shortfall, realizedAt);
        if (ipId != address(0)) {
            paid += _payFrom(_lists[msg.sender][address(0)], positionId, shortfall - paid, realizedAt);
        }
    }

    /// @inheritdoc ILoanShortfallProduct
    function isInsurable(address vault) external view returns (bool) {
        return _insurable[vault];
    }

    /// @inheritdoc ILoanShortfallProduct
    function coversOf(address vault, address ipId) external view returns (uint256[] memory) {
        return _lists[vault][ipId].ids;
    }

    /// @dev Pays `shortfall` to the calling vault from the covers of `list` that were in force at `realizedAt`.
    function _payFrom(
        CoverList storage list,
        uint256 positionId,
        uint256 shortfall,
        uint256 realizedAt
    ) internal returns (uint256 paid) {
        uint256 count = list.terms.length;
        for (uint256 i = 0; i < count && paid < shortfall; ++i) {
            Tracked storage terms = list.terms[i];
            if (!_pays(terms, realizedAt)) {
                continue;
            }
            uint256 amount = Math.min(terms.amount, shortfall - paid);
            // A cover pays at most once, even when the shortfall needed less than its amount.
            terms.amount = 0;
            paid += amount;
            uint256 coverId = list.ids[i];
            emit ShortfallPaid(msg.sender, positionId, coverId, amount);
            IUnderwritingPool(POOL).payClaim(coverId, msg.sender, amount);
        }
    }

    /// @dev Whether a tracked cover pays for bad debt realized at `realizedAt`: unpaid, claimable now, in force then.
    function _pays(Tracked storage terms, uint256 realizedAt) internal view returns (bool) {
        if (terms.amount == 0 || block.timestamp > terms.claimDeadline) {
            return false;
        }
        return realizedAt > terms.start && realizedAt <= terms.end;
    }

    /// @dev Drops paid covers and covers past their claim deadline (swap and pop: order is not kept).
    function _prune(CoverList storage list) internal {
        uint256 i = 0;
        while (i < list.terms.length) {
            Tracked storage terms = list.terms[i];
            if (terms.amount == 0 || block.timestamp > terms.claimDeadline) {
                uint256 last = list.terms.length - 1;
                list.terms[i] = list.terms[last];
                list.ids[i] = list.ids[last];
                list.terms.pop();
                list.ids.pop();
            } else {
                ++i;
            }
        }
    }
}
