// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManaged } from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import { ReentrancyGuard } from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";

import { IRoyaltyLendingVault } from "../../lending/interfaces/IRoyaltyLendingVault.sol";
import { IDisputeModule } from "../../story/interfaces/IDisputeModule.sol";
import { IBadDebtCover } from "../../lending/interfaces/IBadDebtCover.sol";
import { ICoverNFT, Cover, CoverStatus } from "../interfaces/ICoverNFT.sol";
import { ICoverProduct } from "../interfaces/ICoverProduct.sol";
import { ILoanShortfallProduct } from "../interfaces/ILoanShortfallProduct.sol";
import { IUnderwritingPool } from "../interfaces/IUnderwritingPool.sol";

/// @title LoanShortfallProduct
/// @notice Loan-shortfall cover on royalty lending vaults, paid to the vault when it realizes bad debt. Set it as the
/// vault's bad-debt cover; the vault asks it in the liquidation that realizes the loss, and again through the vault's
/// permissionless `claimBadDebtCover` for what is still uncovered.
/// @dev Live covers are tracked per (vault, IP) and per vault, at most `MAX_COVERS_PER_KEY` each, so a claim visits at
/// most 2 × 8 covers. A cover pays at most once, up to its amount; the IP's own covers pay before vault-wide ones.
contract LoanShortfallProduct is ILoanShortfallProduct, AccessManaged, ReentrancyGuard {
    /// @notice The most live covers tracked for one vault or one IP in a vault.
    uint256 public constant MAX_COVERS_PER_KEY = 8;

    /// @inheritdoc ICoverProduct
    address public immutable POOL;
    /// @notice The cover NFT of the pool.
    ICoverNFT public immutable COVER_NFT;
    /// @notice Story's Dispute Module.
    IDisputeModule public immutable DISPUTE_MODULE;

    mapping(address vault => bool) private _insurable;
    mapping(address vault => mapping(address ipId => uint256[])) private _covers;

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
        uint256[] storage ids = _covers[cover.subject][cover.ipId];
        _prune(ids);
        if (ids.length == MAX_COVERS_PER_KEY) {
            revert TooManyCovers(cover.subject, cover.ipId);
        }
        ids.push(coverId);
    }

    /// @inheritdoc IBadDebtCover
    function coverShortfall(
        address ipId,
        uint256 positionId,
        uint256 shortfall,
        uint256 realizedAt
    ) external nonReentrant returns (uint256 paid) {
        paid = _payFrom(_covers[msg.sender][ipId], positionId, shortfall, realizedAt);
        if (ipId != address(0)) {
            paid += _payFrom(_covers[msg.sender][address(0)], positionId, shortfall - paid, realizedAt);
        }
    }

    /// @inheritdoc ILoanShortfallProduct
    function isInsurable(address vault) external view returns (bool) {
        return _insurable[vault];
    }

    /// @inheritdoc ILoanShortfallProduct
    function coversOf(address vault, address ipId) external view returns (uint256[] memory) {
        return _covers[vault][ipId];
    }

    /// @dev Pays `shortfall` to the calling vault from the covers in `ids` that were in force at `realizedAt`.
    function _payFrom(
        uint256[] storage ids,
        uint256 positionId,
        uint256 shortfall,
        uint256 realizedAt
    ) internal returns (uint256 paid) {
        uint256 count = ids.length;
        for (uint256 i = 0; i < count && paid < shortfall; ++i) {
            uint256 coverId = ids[i];
            Cover memory cover = COVER_NFT.coverOf(coverId);
            if (!_pays(cover, realizedAt)) {
                continue;
            }
            uint256 amount = Math.min(cover.amount, shortfall - paid);
            paid += amount;
            emit ShortfallPaid(msg.sender, positionId, coverId, amount);
            IUnderwritingPool(POOL).payClaim(coverId, msg.sender, amount);
        }
    }

    /// @dev Whether a cover pays for bad debt realized at `realizedAt`: unpaid, claimable now, in force then.
    function _pays(Cover memory cover, uint256 realizedAt) internal view returns (bool) {
        if (cover.status == CoverStatus.Paid || block.timestamp > cover.claimDeadline) {
            return false;
        }
        return realizedAt > cover.start && realizedAt <= cover.end;
    }

    /// @dev Drops paid covers and covers past their claim deadline (swap and pop: order is not kept).
    function _prune(uint256[] storage ids) internal {
        uint256 i = 0;
        while (i < ids.length) {
            Cover memory cover = COVER_NFT.coverOf(ids[i]);
            if (cover.status == CoverStatus.Paid || block.timestamp > cover.claimDeadline) {
                ids[i] = ids[ids.length - 1];
                ids.pop();
            } else {
                ++i;
            }
        }
    }
}
