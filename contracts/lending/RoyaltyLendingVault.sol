// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ERC4626 } from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { IERC4626 } from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { AccessManaged } from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import { Pausable } from "@openzeppelin/contracts/utils/Pausable.sol";
import { ReentrancyGuardTransient } from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { SafeCast } from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import { EnumerableSet } from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

import { IIPAssetRegistry } from "../story/interfaces/IIPAssetRegistry.sol";
import { IRoyaltyModule } from "../story/interfaces/IRoyaltyModule.sol";
import { IDisputeModule } from "../story/interfaces/IDisputeModule.sol";
import { IIpRoyaltyVault } from "../story/interfaces/IIpRoyaltyVault.sol";
import { WadMath } from "../libraries/WadMath.sol";
import { SharesMath } from "../libraries/SharesMath.sol";
import { RevenueAccumulator } from "../libraries/RevenueAccumulator.sol";
import { RoyaltyVaultClaims } from "../story/libraries/RoyaltyVaultClaims.sol";
import { RevenueHistory } from "./libraries/RevenueHistory.sol";
import { IInterestRateModel } from "./interfaces/IInterestRateModel.sol";
import { IBadDebtCover } from "./interfaces/IBadDebtCover.sol";
import { IRevenueHistory } from "./interfaces/IRevenueHistory.sol";
import {
    BadDebt,
    IRoyaltyLendingVault,
    Market,
    MarketParams,
    Position,
    VaultConfig
} from "./interfaces/IRoyaltyLendingVault.sol";

/// @title RoyaltyLendingVault
/// @notice Lends one asset against the royalty tokens (RT) of Story IPs; the RT's royalties repay the loans.
/// @dev Accounting is internal (`totalSupplyAssets`, `totalBorrowAssets`): tokens sent to the vault directly are
/// ignored, so donations cannot move the share price. Debt is tracked in borrow shares with virtual offsets; lender
/// shares use ERC-4626's decimals offset. Revenue is distributed per RT with the shared accumulator, and applied to
/// a position when it is touched; every collateral change harvests the IP first so that new RT never share revenue
/// accrued before they arrived. No upgradeability: parameters change only through the AccessManager, bounded.
contract RoyaltyLendingVault is IRoyaltyLendingVault, ERC4626, AccessManaged, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using WadMath for uint256;
    using SharesMath for uint256;
    using EnumerableSet for EnumerableSet.AddressSet;
    using RevenueHistory for RevenueHistory.History;

    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The most of the interest that may go to the treasury.
    uint256 public constant MAX_RESERVE_FACTOR = 0.5e18;
    /// @notice The share of a debt one liquidation may repay while the position is only mildly unhealthy.
    uint256 public constant CLOSE_FACTOR = 0.5e18;
    /// @notice Below this health factor a position may be liquidated in full.
    uint256 public constant FULL_LIQUIDATION_HEALTH_FACTOR = 0.95e18;
    /// @notice The highest liquidation threshold a market may have.
    uint256 public constant MAX_LIQUIDATION_THRESHOLD = 0.9e18;
    /// @notice The highest liquidation bonus (further bounded per market by Morpho's formula).
    uint256 public constant MAX_LIQUIDATION_BONUS = 0.15e18;
    /// @notice Bounds of a market's price age limit.
    uint256 public constant MIN_PRICE_AGE = 1 minutes;
    /// @notice Bounds of a market's price age limit.
    uint256 public constant MAX_PRICE_AGE = 30 days;
    /// @notice Bounds of a market's loan term (0 = no term).
    uint256 public constant MIN_LOAN_TERM = 1 days;
    /// @notice Bounds of a market's loan term (0 = no term).
    uint256 public constant MAX_LOAN_TERM = 10 * 365 days;

    /// @notice The highest minimum debt, in whole loan-asset tokens.
    uint256 public constant MAX_MIN_DEBT_TOKENS = 1_000;
    /// @notice The highest supply cap: 1e30 asset units (a trillion tokens of 18 decimals).
    uint256 public constant MAX_SUPPLY_CAP = 1e30;

    /// @dev Lender shares carry 6 more decimals than the asset (ERC-4626 inflation defence).
    uint8 private constant _DECIMALS_OFFSET = 6;

    /// @notice Story's IP Asset Registry.
    IIPAssetRegistry public immutable IP_ASSET_REGISTRY;
    /// @notice Story's Royalty Module.
    IRoyaltyModule public immutable ROYALTY_MODULE;
    /// @notice Story's Dispute Module.
    IDisputeModule public immutable DISPUTE_MODULE;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @notice Lenders' claim on the vault (deposits + interest − withdrawals − bad debt), as of `lastUpdate`.
    uint128 public totalSupplyAssets;
    /// @notice Debt of all positions, as of `lastUpdate`.
    uint128 public totalBorrowAssets;
    /// @notice Borrow shares of all positions.
    uint128 public totalBorrowShares;
    /// @notice When interest last accrued.
    uint64 public lastUpdate;
    /// @dev The share of interest minted to the treasury (WAD, at most 0.5e18); read with `lastUpdate` on accrual.
    uint64 private _reserveFactor;

    /// @notice The interest rate model.
    IInterestRateModel public rateModel;
    /// @dev Minimum debt (at most 1,000 whole tokens); read with the rate model by borrows, repayments, liquidations.
    uint96 private _minDebt;
    /// @notice Receives reserve shares.
    address public treasury;
    /// @notice Cap on total assets.
    uint256 public supplyCap;
    /// @notice Pays bad debt before lenders do (zero: none).
    IBadDebtCover public badDebtCover;
    /// @notice The number of positions ever opened (the last position id).
    uint256 public positionCount;

    mapping(address ipId => Market) private _markets;
    mapping(uint256 positionId => Position) private _positions;
    /// @dev Revenue tokens ever harvested for an IP (bounded by Story's royalty-token whitelist).
    mapping(address ipId => EnumerableSet.AddressSet) private _revenueTokens;
    /// @notice Cumulative revenue per pledged RT unit of an IP, per token (RevenueAccumulator scale, 1e36).
    mapping(address ipId => mapping(address token => uint256)) public revenuePerRt;
    mapping(address ipId => mapping(address token => RevenueHistory.History)) private _history;
    mapping(uint256 positionId => mapping(address token => uint256)) private _revenueCheckpoint;
    mapping(uint256 positionId => mapping(address token => uint256)) private _credit;
    mapping(uint256 positionId => BadDebt) private _badDebts;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @notice Deploys a vault; every address must be non-zero and every parameter within its bounds.
    /// @param config The configuration.
    constructor(
        VaultConfig memory config
    ) ERC4626(IERC20(config.asset)) ERC20(config.name, config.symbol) AccessManaged(config.authority) {
        if (
            config.asset == address(0) ||
            config.ipAssetRegistry == address(0) ||
            config.royaltyModule == address(0) ||
            config.disputeModule == address(0)
        ) {
            revert ZeroAddress();
        }
        IP_ASSET_REGISTRY = IIPAssetRegistry(config.ipAssetRegistry);
        ROYALTY_MODULE = IRoyaltyModule(config.royaltyModule);
        DISPUTE_MODULE = IDisputeModule(config.disputeModule);
        lastUpdate = uint64(block.timestamp);
        _setInterestRateModel(IInterestRateModel(config.rateModel));
        _setTreasury(config.treasury);
        _setReserveFactor(config.reserveFactor);
        _setSupplyCap(config.supplyCap);
        _setMinDebt(config.minDebt);
    }

    /*//////////////////////////////////////////////////////////////
                                AUTHORITY
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRoyaltyLendingVault
    function listMarket(address ipId, MarketParams calldata params) external restricted {
        Market storage m = _markets[ipId];
        if (m.listed) {
            revert MarketAlreadyListed(ipId);
        }
        if (!IP_ASSET_REGISTRY.isRegistered(ipId)) {
            revert IpNotRegistered(ipId);
        }
        address royaltyVault = ROYALTY_MODULE.ipRoyaltyVaults(ipId);
        if (royaltyVault == address(0)) {
            revert NoRoyaltyVault(ipId);
        }
        if (DISPUTE_MODULE.isIpTagged(ipId)) {
            revert IpDisputed(ipId);
        }
        _validateMarketParams(params);
        m.params = params;
        m.royaltyVault = royaltyVault;
        m.listed = true;
        // The loan asset's revenue history starts at listing, so a young market's window is measured honestly.
        _history[ipId][asset()].record(0);
        emit MarketListed(ipId, royaltyVault, params);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function updateMarketParams(address ipId, MarketParams calldata params) external restricted {
        Market storage m = _listedMarket(ipId);
        _validateMarketParams(params);
        m.params = params;
        emit MarketParamsUpdated(ipId, params);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function setMarketFrozen(address ipId, bool frozen) external restricted {
        _listedMarket(ipId).frozen = frozen;
        emit MarketFrozen(ipId, frozen);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function setInterestRateModel(IInterestRateModel model) external restricted {
        _accrue();
        _setInterestRateModel(model);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function setReserveFactor(uint256 newReserveFactor) external restricted {
        _accrue();
        _setReserveFactor(newReserveFactor);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function setTreasury(address newTreasury) external restricted {
        _accrue();
        _setTreasury(newTreasury);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function setSupplyCap(uint256 newSupplyCap) external restricted {
        _setSupplyCap(newSupplyCap);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function setMinDebt(uint256 newMinDebt) external restricted {
        _setMinDebt(newMinDebt);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function setBadDebtCover(IBadDebtCover cover) external restricted {
        badDebtCover = cover;
        emit BadDebtCoverSet(cover);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function pause() external restricted {
        _pause();
    }

    /// @inheritdoc IRoyaltyLendingVault
    function unpause() external restricted {
        _unpause();
    }

    /*//////////////////////////////////////////////////////////////
                                 LENDERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Deposits exactly `assets` of the loan asset and mints the shares they buy to `receiver`, after accruing
    /// interest. Stopped while paused.
    /// @param assets Loan-asset amount to deposit.
    /// @param receiver Receives the shares.
    /// @return Shares minted.
    function deposit(
        uint256 assets,
        address receiver
    ) public override(ERC4626, IERC4626) nonReentrant whenNotPaused returns (uint256) {
        _accrue();
        return super.deposit(assets, receiver);
    }

    /// @notice Mints exactly `shares` to `receiver` for the loan asset they cost, after accruing interest. Stopped
    /// while paused.
    /// @param shares Shares to mint.
    /// @param receiver Receives the shares.
    /// @return Loan-asset amount deposited.
    function mint(
        uint256 shares,
        address receiver
    ) public override(ERC4626, IERC4626) nonReentrant whenNotPaused returns (uint256) {
        _accrue();
        return super.mint(shares, receiver);
    }

    /// @notice Burns `owner`'s shares to send exactly `assets` of the loan asset to `receiver`, after accruing
    /// interest; at most the idle liquidity (`maxWithdraw`). Works while paused.
    /// @param assets Loan-asset amount to withdraw.
    /// @param receiver Receives the assets.
    /// @param owner Whose shares are burnt (the caller, or an owner who approved it).
    /// @return Shares burnt.
    function withdraw(
        uint256 assets,
        address receiver,
        address owner
    ) public override(ERC4626, IERC4626) nonReentrant returns (uint256) {
        _accrue();
        return super.withdraw(assets, receiver, owner);
    }

    /// @notice Burns exactly `shares` of `owner` and sends the loan asset they are worth to `receiver`, after
    /// accruing interest; at most the idle liquidity (`maxRedeem`). Works while paused.
    /// @param shares Shares to burn.
    /// @param receiver Receives the assets.
    /// @param owner Whose shares are burnt (the caller, or an owner who approved it).
    /// @return Loan-asset amount sent.
    function redeem(
        uint256 shares,
        address receiver,
        address owner
    ) public override(ERC4626, IERC4626) nonReentrant returns (uint256) {
        _accrue();
        return super.redeem(shares, receiver, owner);
    }

    /// @notice Lenders' assets: deposits plus interest accrued up to now, minus withdrawals and bad debt.
    /// @return The total assets.
    function totalAssets() public view override(ERC4626, IERC4626) returns (uint256) {
        (uint256 supplyAssets, , , ) = _accruedTotals();
        return supplyAssets;
    }

    /// @notice Vault shares, including reserve shares the treasury is owed for interest accrued up to now.
    /// @return The total supply.
    function totalSupply() public view override(ERC20, IERC20) returns (uint256) {
        (, , , uint256 reserveShares) = _accruedTotals();
        return super.totalSupply() + reserveShares;
    }

    /// @notice Deposits allowed for anyone: up to the supply cap, none while paused.
    /// @return The most that can be deposited.
    function maxDeposit(address) public view override(ERC4626, IERC4626) returns (uint256) {
        if (paused()) {
            return 0;
        }
        uint256 assets = totalAssets();
        if (assets >= supplyCap) {
            return 0;
        }
        return supplyCap - assets;
    }

    /// @notice Shares that can be minted for anyone: the supply cap in shares, none while paused.
    /// @param receiver The receiver.
    /// @return The most that can be minted.
    function maxMint(address receiver) public view override(ERC4626, IERC4626) returns (uint256) {
        return previewDeposit(maxDeposit(receiver));
    }

    /// @notice Assets `owner` can withdraw now: its share of the assets, limited by idle liquidity.
    /// @param owner The lender.
    /// @return The most that can be withdrawn.
    function maxWithdraw(address owner) public view override(ERC4626, IERC4626) returns (uint256) {
        return Math.min(_convertToAssets(balanceOf(owner), Math.Rounding.Floor), idleLiquidity());
    }

    /// @notice Shares `owner` can redeem now: its shares, limited by idle liquidity.
    /// @param owner The lender.
    /// @return The most that can be redeemed.
    function maxRedeem(address owner) public view override(ERC4626, IERC4626) returns (uint256) {
        return Math.min(balanceOf(owner), _convertToShares(idleLiquidity(), Math.Rounding.Floor));
    }

    /*//////////////////////////////////////////////////////////////
                                BORROWERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRoyaltyLendingVault
    function openPosition(address ipId) external nonReentrant whenNotPaused returns (uint256 positionId) {
        _listedMarket(ipId);
        positionId = ++positionCount;
        _positions[positionId].owner = msg.sender;
        _positions[positionId].ipId = ipId;
        emit PositionOpened(positionId, msg.sender, ipId);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function addCollateral(uint256 positionId, uint256 amount) external nonReentrant whenNotPaused {
        if (amount == 0) {
            revert ZeroAmount();
        }
        (Position storage p, Market storage m) = _existingPosition(positionId);
        _accrue();
        _harvest(p.ipId, m);
        _settle(positionId, p, m);

        p.collateral += amount.toUint128();
        m.totalCollateral += amount.toUint64();
        emit CollateralAdded(positionId, msg.sender, amount);
        IERC20(m.royaltyVault).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function withdrawCollateral(uint256 positionId, uint256 amount, address receiver) external nonReentrant {
        if (amount == 0) {
            revert ZeroAmount();
        }
        if (receiver == address(0)) {
            revert ZeroAddress();
        }
        (Position storage p, Market storage m) = _ownedPosition(positionId);
        _accrue();
        _harvest(p.ipId, m);
        _settle(positionId, p, m);
        if (amount > p.collateral) {
            revert ExceedsAvailable(amount, p.collateral);
        }

        p.collateral -= uint128(amount);
        m.totalCollateral -= uint64(amount);
        uint256 debt = _debt(p.borrowShares);
        if (debt > 0) {
            _requireBorrowable(p, m, debt);
        }
        emit CollateralWithdrawn(positionId, receiver, amount);
        IERC20(m.royaltyVault).safeTransfer(receiver, amount);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function borrow(
        uint256 positionId,
        uint256 assets,
        address receiver
    ) external nonReentrant whenNotPaused returns (uint256 shares) {
        if (assets == 0) {
            revert ZeroAmount();
        }
        if (receiver == address(0)) {
            revert ZeroAddress();
        }
        (Position storage p, Market storage m) = _ownedPosition(positionId);
        if (m.frozen) {
            revert MarketIsFrozen(p.ipId);
        }
        if (p.maturity != 0 && block.timestamp > p.maturity) {
            revert LoanOverdue(positionId, p.maturity);
        }
        _accrue();
        _settle(positionId, p, m);
        uint256 available = idleLiquidity();
        if (assets > available) {
            revert InsufficientLiquidity(assets, available);
        }

        shares = assets.toSharesUp(totalBorrowAssets, totalBorrowShares);
        uint128 shares128 = shares.toUint128();
        p.borrowShares += shares128;
        m.borrowShares += shares128;
        totalBorrowShares += shares128;
        totalBorrowAssets += assets.toUint128();

        uint256 debt = _debt(p.borrowShares);
        if (debt < _minDebt) {
            revert DebtBelowMinimum(debt, _minDebt);
        }
        uint256 marketDebt = _debt(m.borrowShares);
        if (marketDebt > m.params.borrowCap) {
            revert BorrowCapExceeded(p.ipId, marketDebt, m.params.borrowCap);
        }
        _requireBorrowable(p, m, debt);
        if (p.maturity == 0 && m.params.loanTerm > 0) {
            p.maturity = uint48(block.timestamp + m.params.loanTerm);
        }

        emit Borrowed(positionId, receiver, assets, shares);
        IERC20(asset()).safeTransfer(receiver, assets);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function repay(uint256 positionId, uint256 assets) external nonReentrant returns (uint256 repaid) {
        if (assets == 0) {
            revert ZeroAmount();
        }
        (Position storage p, Market storage m) = _existingPosition(positionId);
        _accrue();
        _settle(positionId, p, m);
        uint256 debt = _debt(p.borrowShares);
        if (debt == 0) {
            revert NoDebt(positionId);
        }

        uint256 shares;
        (repaid, shares) = _reduceDebt(p, m, Math.min(assets, debt));
        uint256 remaining = debt - repaid;
        if (remaining > 0 && remaining < _minDebt) {
            revert DebtBelowMinimum(remaining, _minDebt);
        }
        emit Repaid(positionId, msg.sender, repaid, shares);
        IERC20(asset()).safeTransferFrom(msg.sender, address(this), repaid);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function withdrawCredit(
        uint256 positionId,
        address token,
        address receiver
    ) external nonReentrant returns (uint256 amount) {
        if (receiver == address(0)) {
            revert ZeroAddress();
        }
        (Position storage p, Market storage m) = _ownedPosition(positionId);
        _accrue();
        _settle(positionId, p, m);
        amount = _credit[positionId][token];
        if (amount == 0) {
            revert ZeroAmount();
        }
        _credit[positionId][token] = 0;
        emit CreditWithdrawn(positionId, token, receiver, amount);
        IERC20(token).safeTransfer(receiver, amount);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function close(uint256 positionId, address receiver) external nonReentrant {
        if (receiver == address(0)) {
            revert ZeroAddress();
        }
        (Position storage p, Market storage m) = _ownedPosition(positionId);
        address ipId = p.ipId;
        _accrue();
        _harvest(ipId, m);
        _settle(positionId, p, m);
        uint256 debt = _debt(p.borrowShares);
        if (debt > 0) {
            revert DebtOutstanding(debt);
        }

        uint256 collateral = p.collateral;
        m.totalCollateral -= uint64(collateral);
        delete _positions[positionId];
        emit PositionClosed(positionId, receiver);

        if (collateral > 0) {
            emit CollateralWithdrawn(positionId, receiver, collateral);
            IERC20(m.royaltyVault).safeTransfer(receiver, collateral);
        }
        _payOutCredits(positionId, ipId, receiver);
    }

    /*//////////////////////////////////////////////////////////////
                          REVENUE AND LIQUIDATION
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRoyaltyLendingVault
    function harvest(address ipId) external nonReentrant {
        _harvest(ipId, _listedMarket(ipId));
    }

    /// @inheritdoc IRoyaltyLendingVault
    function settle(uint256 positionId) external nonReentrant {
        (Position storage p, Market storage m) = _existingPosition(positionId);
        _accrue();
        _settle(positionId, p, m);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function liquidate(
        uint256 positionId,
        uint256 maxRepay
    ) external nonReentrant returns (uint256 repaid, uint256 seized) {
        if (maxRepay == 0) {
            revert ZeroAmount();
        }
        (Position storage p, Market storage m) = _existingPosition(positionId);
        address ipId = p.ipId;
        _accrue();
        _harvest(ipId, m);
        _settle(positionId, p, m);
        uint256 debt = _debt(p.borrowShares);
        if (debt == 0) {
            revert NoDebt(positionId);
        }

        (uint256 value, bool usable) = _collateralValue(p, m);
        bool fullClose = _checkLiquidatable(positionId, p, m, debt, value, usable);
        uint256 repayLimit = debt;
        // The close factor applies unless it would leave less than the minimum debt (then the debt may go at once).
        if (!fullClose && debt - debt.mulWadDown(CLOSE_FACTOR) >= _minDebt) {
            repayLimit = debt.mulWadDown(CLOSE_FACTOR);
        }
        (repaid, seized) = _liquidationAmounts(p.collateral, debt, Math.min(maxRepay, repayLimit), value, usable, m);

        uint256 collateralLeft = p.collateral - seized;
        if (collateralLeft > 0 && debt > repaid) {
            _requireNoDust(collateralLeft, debt - repaid, value, usable, p.collateral);
        }
        _reduceDebt(p, m, repaid);
        p.collateral = uint128(collateralLeft);
        m.totalCollateral -= uint64(seized);
        emit Liquidated(positionId, msg.sender, repaid, seized);

        IERC20(asset()).safeTransferFrom(msg.sender, address(this), repaid);
        IERC20(m.royaltyVault).safeTransfer(msg.sender, seized);
        if (collateralLeft == 0 && p.borrowShares > 0) {
            _realizeBadDebt(positionId, p, m);
        }
    }

    /// @inheritdoc IRoyaltyLendingVault
    function claimBadDebtCover(uint256 positionId) external nonReentrant returns (uint256 covered) {
        BadDebt storage record = _badDebts[positionId];
        uint256 uncovered = record.uncovered;
        if (uncovered == 0) {
            revert NothingToCover(positionId);
        }
        _accrue();
        covered = _claimCover(record.ipId, positionId, uncovered, record.realizedAt);
        if (covered == 0) {
            revert NothingToCover(positionId);
        }
        uncovered -= covered;
        record.uncovered = uint128(uncovered);
        totalSupplyAssets += covered.toUint128();
        emit BadDebtCovered(positionId, covered, uncovered);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function accrueInterest() external nonReentrant {
        _accrue();
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The share of interest minted to the treasury.
    /// @return The reserve factor (WAD).
    function reserveFactor() external view returns (uint256) {
        return _reserveFactor;
    }

    /// @notice The minimum debt of a borrowing position, and the dust threshold of liquidations.
    /// @return The minimum debt, in loan-asset units.
    function minDebt() external view returns (uint256) {
        return _minDebt;
    }

    /// @inheritdoc IRoyaltyLendingVault
    function market(address ipId) external view returns (Market memory) {
        return _markets[ipId];
    }

    /// @inheritdoc IRoyaltyLendingVault
    function position(uint256 positionId) external view returns (Position memory) {
        return _positions[positionId];
    }

    /// @inheritdoc IRoyaltyLendingVault
    function uncoveredBadDebt(uint256 positionId) external view returns (uint256 uncovered, uint256 realizedAt) {
        BadDebt storage record = _badDebts[positionId];
        return (record.uncovered, record.realizedAt);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function debtOf(uint256 positionId) public view returns (uint256) {
        Position storage p = _positions[positionId];
        (, uint256 borrowAssets, , ) = _accruedTotals();
        uint256 debt = uint256(p.borrowShares).toAssetsUp(borrowAssets, totalBorrowShares);
        uint256 pending = _pendingRevenue(positionId, p, asset());
        if (pending >= debt) {
            return 0;
        }
        return debt - pending;
    }

    /// @inheritdoc IRoyaltyLendingVault
    function healthFactor(uint256 positionId) external view returns (uint256) {
        Position storage p = _positions[positionId];
        uint256 debt = debtOf(positionId);
        if (debt == 0) {
            return type(uint256).max;
        }
        (uint256 value, ) = _collateralValue(p, _markets[p.ipId]);
        return value.mulWadDown(_markets[p.ipId].params.liquidationThreshold).divWadDown(debt);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function creditOf(uint256 positionId, address token) external view returns (uint256) {
        Position storage p = _positions[positionId];
        uint256 pending = _pendingRevenue(positionId, p, token);
        if (token == asset()) {
            (, uint256 borrowAssets, , ) = _accruedTotals();
            uint256 debt = uint256(p.borrowShares).toAssetsUp(borrowAssets, totalBorrowShares);
            pending = pending > debt ? pending - debt : 0;
        }
        return _credit[positionId][token] + pending;
    }

    /// @inheritdoc IRoyaltyLendingVault
    function utilization() external view returns (uint256) {
        (uint256 supplyAssets, uint256 borrowAssets, , ) = _accruedTotals();
        return _utilization(borrowAssets, supplyAssets);
    }

    /// @inheritdoc IRoyaltyLendingVault
    function idleLiquidity() public view returns (uint256) {
        (uint256 supplyAssets, uint256 borrowAssets, , ) = _accruedTotals();
        return supplyAssets - borrowAssets;
    }

    /// @inheritdoc IRoyaltyLendingVault
    function totalDebt() external view returns (uint256) {
        (, uint256 borrowAssets, , ) = _accruedTotals();
        return borrowAssets;
    }

    /// @inheritdoc IRevenueHistory
    function trailingRevenuePerRt(
        address ipId,
        address token,
        uint256 window
    ) external view returns (uint256 revenue, uint256 since) {
        (uint256 increase, uint256 start) = _history[ipId][token].increaseSince(revenuePerRt[ipId][token], window);
        // Accumulator scale (1e36) to the interface's 1e18.
        return (increase / 1e18, start);
    }

    /*//////////////////////////////////////////////////////////////
                            INTEREST (INTERNAL)
    //////////////////////////////////////////////////////////////*/

    /// @dev Brings the totals up to now and mints the treasury's reserve shares.
    function _accrue() internal {
        uint256 elapsed = block.timestamp - lastUpdate;
        if (elapsed == 0) {
            return;
        }
        lastUpdate = uint64(block.timestamp);
        uint256 borrowAssets = totalBorrowAssets;
        if (borrowAssets == 0) {
            return;
        }
        uint256 supplyAssets = totalSupplyAssets;
        uint256 rate = rateModel.borrowRatePerSecond(_utilization(borrowAssets, supplyAssets));
        uint256 interest = borrowAssets.mulWadDown(WadMath.compoundedGrowth(rate, elapsed));
        totalBorrowAssets = (borrowAssets + interest).toUint128();
        totalSupplyAssets = (supplyAssets + interest).toUint128();
        uint256 reserveShares = _reserveShares(interest, supplyAssets + interest, super.totalSupply());
        if (reserveShares > 0) {
            _mint(treasury, reserveShares);
        }
        emit InterestAccrued(rate, interest, reserveShares);
    }

    /// @dev The totals as they would be after accruing now, without writing them.
    function _accruedTotals()
        internal
        view
        returns (uint256 supplyAssets, uint256 borrowAssets, uint256 interest, uint256 reserveShares)
    {
        supplyAssets = totalSupplyAssets;
        borrowAssets = totalBorrowAssets;
        uint256 elapsed = block.timestamp - lastUpdate;
        if (elapsed == 0 || borrowAssets == 0) {
            return (supplyAssets, borrowAssets, 0, 0);
        }
        uint256 rate = rateModel.borrowRatePerSecond(_utilization(borrowAssets, supplyAssets));
        interest = borrowAssets.mulWadDown(WadMath.compoundedGrowth(rate, elapsed));
        supplyAssets += interest;
        borrowAssets += interest;
        reserveShares = _reserveShares(interest, supplyAssets, super.totalSupply());
    }

    /// @dev Shares worth the reserve's part of `interest`, priced as if the rest had accrued to lenders first.
    function _reserveShares(uint256 interest, uint256 supplyAssets, uint256 shares) internal view returns (uint256) {
        uint256 reserve = interest.mulWadDown(_reserveFactor);
        if (reserve == 0) {
            return 0;
        }
        return Math.mulDiv(reserve, shares + 10 ** _DECIMALS_OFFSET, supplyAssets - reserve + 1);
    }

    /// @dev Borrowed / supplied in WAD, rounded down, at most 1.
    function _utilization(uint256 borrowAssets, uint256 supplyAssets) internal pure returns (uint256) {
        if (supplyAssets == 0) {
            return 0;
        }
        return Math.min(borrowAssets.divWadDown(supplyAssets), WadMath.WAD);
    }

    /// @dev ERC-4626 bookkeeping of lenders' deposits.
    /// The assets are booked after the transfer and mint, so the share price stays consistent during the transfer.
    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override {
        super._deposit(caller, receiver, assets, shares);
        totalSupplyAssets += assets.toUint128();
    }

    /// @dev ERC-4626 bookkeeping of lenders' withdrawals (maxWithdraw already limits them to idle liquidity).
    function _withdraw(
        address caller,
        address receiver,
        address owner,
        uint256 assets,
        uint256 shares
    ) internal override {
        totalSupplyAssets -= uint128(assets);
        super._withdraw(caller, receiver, owner, assets, shares);
    }

    /// @dev Lender shares have 6 more decimals than the asset.
    function _decimalsOffset() internal pure override returns (uint8) {
        return _DECIMALS_OFFSET;
    }

    /*//////////////////////////////////////////////////////////////
                             DEBT (INTERNAL)
    //////////////////////////////////////////////////////////////*/

    /// @dev Debt of `shares` borrow shares at the stored totals, rounded up.
    function _debt(uint256 shares) internal view returns (uint256) {
        return shares.toAssetsUp(totalBorrowAssets, totalBorrowShares);
    }

    /// @dev Repays up to `assets` of the position's (accrued) debt; all of it when `assets` covers it.
    function _reduceDebt(
        Position storage p,
        Market storage m,
        uint256 assets
    ) internal returns (uint256 repaid, uint256 shares) {
        uint256 debt = _debt(p.borrowShares);
        if (assets >= debt) {
            shares = p.borrowShares;
            repaid = debt;
            p.maturity = 0;
        } else {
            // Fewer shares for the same assets: rounding keeps the remaining debt on the borrower.
            shares = assets.toSharesDown(totalBorrowAssets, totalBorrowShares);
            repaid = assets;
        }
        p.borrowShares -= uint128(shares);
        m.borrowShares -= uint128(shares);
        totalBorrowShares -= uint128(shares);
        totalBorrowAssets -= uint128(Math.min(repaid, totalBorrowAssets));
    }

    /// @dev Writes off the debt of a position left without collateral; the cover pays first, lenders the rest.
    /// The uncovered rest is recorded (replacing an earlier realization's) so the cover can be asked again later.
    function _realizeBadDebt(uint256 positionId, Position storage p, Market storage m) internal {
        (uint256 badDebt, ) = _reduceDebt(p, m, type(uint256).max);
        uint256 covered = _claimCover(p.ipId, positionId, badDebt, block.timestamp);
        uint256 uncovered = badDebt - covered;
        totalSupplyAssets -= uint128(Math.min(uncovered, totalSupplyAssets));
        _badDebts[positionId] = BadDebt({
            ipId: p.ipId,
            realizedAt: uint64(block.timestamp),
            uncovered: uncovered.toUint128()
        });
        emit BadDebtRealized(positionId, badDebt, covered);
    }

    /// @dev Asks the cover for `shortfall` and returns what actually arrived (never more than the shortfall).
    function _claimCover(
        address ipId,
        uint256 positionId,
        uint256 shortfall,
        uint256 realizedAt
    ) internal returns (uint256) {
        IBadDebtCover cover = badDebtCover;
        if (address(cover) == address(0)) {
            return 0;
        }
        IERC20 loanAsset = IERC20(asset());
        uint256 balanceBefore = loanAsset.balanceOf(address(this));
        // A failing cover must not block the liquidation: lenders absorb the loss instead.
        try cover.coverShortfall(ipId, positionId, shortfall, realizedAt) {} catch {}
        return Math.min(loanAsset.balanceOf(address(this)) - balanceBefore, shortfall);
    }

    /*//////////////////////////////////////////////////////////////
                            REVENUE (INTERNAL)
    //////////////////////////////////////////////////////////////*/

    /// @dev Claims what the IP's pledged RT earned in every revenue token and raises the per-RT accumulators.
    /// Skips silently when nothing is claimable (including a disputed IP, whose vault reports 0).
    function _harvest(address ipId, Market storage m) internal {
        uint256 collateral = m.totalCollateral;
        if (collateral == 0) {
            return;
        }
        (address[] memory tokens, uint256[] memory amounts) = RoyaltyVaultClaims.claimAll(
            IIpRoyaltyVault(m.royaltyVault)
        );
        bool distributed;
        for (uint256 i = 0; i < tokens.length; ++i) {
            uint256 amount = amounts[i];
            if (amount == 0) {
                continue;
            }
            distributed = true;
            address token = tokens[i];
            uint256 perRt = revenuePerRt[ipId][token];
            if (perRt == 0) {
                // First revenue in this token: each distribution raises the accumulator (amount × 1e36 / 64-bit total).
                _revenueTokens[ipId].add(token);
            }
            perRt += RevenueAccumulator.perShareIncrease(amount, collateral);
            revenuePerRt[ipId][token] = perRt;
            _history[ipId][token].record(perRt);
            emit RevenueHarvested(ipId, token, amount, perRt);
        }
        if (distributed) {
            ++m.revenueEpoch;
        }
    }

    /// @dev Applies the position's share of harvested revenue: loan-asset revenue repays debt, the rest is credit.
    /// Needs accrued interest (callers accrue first) so that repayments are priced at the current debt. A position
    /// that has seen the market's current revenue epoch has every checkpoint at its accumulator: nothing to do.
    function _settle(uint256 positionId, Position storage p, Market storage m) internal {
        uint48 epoch = m.revenueEpoch;
        if (p.revenueEpoch == epoch) {
            return;
        }
        p.revenueEpoch = epoch;
        EnumerableSet.AddressSet storage tokens = _revenueTokens[p.ipId];
        uint256 count = tokens.length();
        for (uint256 i = 0; i < count; ++i) {
            address token = tokens.at(i);
            uint256 perRt = revenuePerRt[p.ipId][token];
            uint256 checkpoint = _revenueCheckpoint[positionId][token];
            if (perRt == checkpoint) {
                continue;
            }
            _revenueCheckpoint[positionId][token] = perRt;
            uint256 amount = RevenueAccumulator.earned(p.collateral, perRt, checkpoint);
            if (amount == 0) {
                continue;
            }
            uint256 repaid;
            if (token == asset() && p.borrowShares > 0) {
                (repaid, ) = _reduceDebt(p, m, amount);
            }
            uint256 credited = amount - repaid;
            if (credited > 0) {
                _credit[positionId][token] += credited;
            }
            emit RevenueApplied(positionId, token, repaid, credited);
        }
    }

    /// @dev Harvested revenue of `token` not yet applied to the position.
    function _pendingRevenue(uint256 positionId, Position storage p, address token) internal view returns (uint256) {
        return
            RevenueAccumulator.earned(p.collateral, revenuePerRt[p.ipId][token], _revenueCheckpoint[positionId][token]);
    }

    /// @dev Pays every credit of a closing position to `receiver`.
    function _payOutCredits(uint256 positionId, address ipId, address receiver) internal {
        EnumerableSet.AddressSet storage tokens = _revenueTokens[ipId];
        uint256 count = tokens.length();
        for (uint256 i = 0; i < count; ++i) {
            address token = tokens.at(i);
            uint256 amount = _credit[positionId][token];
            delete _revenueCheckpoint[positionId][token];
            if (amount == 0) {
                continue;
            }
            delete _credit[positionId][token];
            emit CreditWithdrawn(positionId, token, receiver, amount);
            IERC20(token).safeTransfer(receiver, amount);
        }
    }

    /*//////////////////////////////////////////////////////////////
                           VALUATION (INTERNAL)
    //////////////////////////////////////////////////////////////*/

    /// @dev Value of the position's collateral in the loan asset, and whether the price behind it is usable
    /// (non-zero and fresh). A disputed IP is worth zero, and that zero is usable: it is a fact, not a gap.
    function _collateralValue(Position storage p, Market storage m) internal view returns (uint256 value, bool usable) {
        if (DISPUTE_MODULE.isIpTagged(p.ipId)) {
            return (0, true);
        }
        uint256 price;
        (price, , usable) = _price(p.ipId, m);
        value = uint256(p.collateral).mulWadDown(price);
    }

    /// @dev The oracle's value of one RT unit of `ipId`, when it was updated, and whether it is usable (non-zero and
    /// within the market's price age).
    function _price(
        address ipId,
        Market storage m
    ) internal view returns (uint256 price, uint256 updatedAt, bool usable) {
        (price, updatedAt) = m.params.oracle.valueOf(ipId);
        usable = price > 0 && updatedAt + m.params.maxPriceAge >= block.timestamp;
    }

    /// @dev Reverts unless `debt` fits the position's collateral at max LTV, at a usable non-zero value.
    function _requireBorrowable(Position storage p, Market storage m, uint256 debt) internal view {
        if (DISPUTE_MODULE.isIpTagged(p.ipId)) {
            revert IpDisputed(p.ipId);
        }
        (uint256 price, uint256 updatedAt, bool usable) = _price(p.ipId, m);
        if (!usable) {
            revert StalePrice(p.ipId, updatedAt);
        }
        uint256 maxDebt = uint256(p.collateral).mulWadDown(price).mulWadDown(m.params.maxLtv);
        if (debt > maxDebt) {
            revert InsufficientCollateral(debt, maxDebt);
        }
    }

    /// @dev Reverts unless the position may be liquidated; returns whether it may be closed in full.
    function _checkLiquidatable(
        uint256 positionId,
        Position storage p,
        Market storage m,
        uint256 debt,
        uint256 value,
        bool usable
    ) internal view returns (bool fullClose) {
        if (p.maturity != 0 && block.timestamp > p.maturity) {
            return true;
        }
        if (!usable) {
            (, uint256 updatedAt) = m.params.oracle.valueOf(p.ipId);
            revert StalePrice(p.ipId, updatedAt);
        }
        uint256 health = value.mulWadDown(m.params.liquidationThreshold).divWadDown(debt);
        if (health >= WadMath.WAD) {
            revert PositionHealthy(positionId, health);
        }
        return health < FULL_LIQUIDATION_HEALTH_FACTOR;
    }

    /// @dev What a liquidator repays and seizes. With a usable price: RT worth repaid × (1 + bonus), capped at the
    /// collateral. With a stale price (an overdue loan): collateral strictly pro rata to the debt repaid. For a
    /// disputed IP (worth zero): pro rata times (1 + bonus), the liquidator's only reward for taking tagged RT.
    function _liquidationAmounts(
        uint256 collateral,
        uint256 debt,
        uint256 repayAssets,
        uint256 value,
        bool usable,
        Market storage m
    ) internal view returns (uint256 repaid, uint256 seized) {
        uint256 bonusFactor = WadMath.WAD + m.params.liquidationBonus;
        if (usable && value > 0) {
            seized = Math.mulDiv(repayAssets.mulWadDown(bonusFactor), collateral, value);
            if (seized >= collateral) {
                return (
                    Math.min(Math.mulDiv(value, WadMath.WAD, bonusFactor, Math.Rounding.Ceil), repayAssets),
                    collateral
                );
            }
            return (repayAssets, seized);
        }
        if (!usable) {
            // A stale price says nothing about what the RT are worth: seize strictly pro rata, so that repaying the
            // whole debt takes exactly all the collateral and lenders are never written down on a backed loan.
            return (repayAssets, Math.mulDiv(repayAssets, collateral, debt));
        }
        seized = Math.mulDiv(repayAssets.mulWadDown(bonusFactor), collateral, debt);
        if (seized >= collateral) {
            return (Math.min(Math.mulDiv(debt, WadMath.WAD, bonusFactor, Math.Rounding.Ceil), repayAssets), collateral);
        }
        return (repayAssets, seized);
    }

    /// @dev A partial liquidation may leave neither dust debt nor collateral worth less than the minimum debt
    /// (dust collateral would keep unpayable debt from ever being realized as bad debt).
    function _requireNoDust(
        uint256 collateralLeft,
        uint256 debtLeft,
        uint256 value,
        bool usable,
        uint256 collateral
    ) internal view {
        if (debtLeft < _minDebt) {
            revert DebtBelowMinimum(debtLeft, _minDebt);
        }
        if (!usable) {
            // Priced pro rata while the price is stale: only the debt rule applies.
            return;
        }
        if (value == 0) {
            // Worthless collateral (a disputed IP): whatever is left is dust, so the loss must be realized now.
            revert LiquidationLeavesDust(0);
        }
        uint256 valueLeft = Math.mulDiv(value, collateralLeft, collateral);
        if (valueLeft < _minDebt) {
            revert LiquidationLeavesDust(valueLeft);
        }
    }

    /*//////////////////////////////////////////////////////////////
                           PARAMETERS (INTERNAL)
    //////////////////////////////////////////////////////////////*/

    /// @dev Bounds of a market's risk parameters. The bonus is capped by Morpho Blue's rule,
    /// min(15%, 1 / (1 − 0.3 × (1 − LT)) − 1), which also keeps LT × (1 + bonus) = LT / (0.7 + 0.3 LT) below 1 for
    /// every allowed threshold, so each liquidation improves the position's health.
    function _validateMarketParams(MarketParams calldata params) internal pure {
        if (address(params.oracle) == address(0)) {
            revert ZeroAddress();
        }
        uint256 threshold = params.liquidationThreshold;
        if (threshold == 0 || threshold > MAX_LIQUIDATION_THRESHOLD) {
            revert ParameterOutOfBounds("liquidationThreshold");
        }
        if (params.maxLtv == 0 || params.maxLtv >= threshold) {
            revert ParameterOutOfBounds("maxLtv");
        }
        uint256 bonusCap =
            WadMath.WAD.divWadDown(WadMath.WAD - (WadMath.WAD - threshold).mulWadUp(0.3e18)) - WadMath.WAD;
        bonusCap = Math.min(bonusCap, MAX_LIQUIDATION_BONUS);
        if (params.liquidationBonus > bonusCap) {
            revert ParameterOutOfBounds("liquidationBonus");
        }
        if (params.maxPriceAge < MIN_PRICE_AGE || params.maxPriceAge > MAX_PRICE_AGE) {
            revert ParameterOutOfBounds("maxPriceAge");
        }
        if (params.loanTerm != 0 && (params.loanTerm < MIN_LOAN_TERM || params.loanTerm > MAX_LOAN_TERM)) {
            revert ParameterOutOfBounds("loanTerm");
        }
    }

    /// @dev A listed market, or revert.
    function _listedMarket(address ipId) internal view returns (Market storage m) {
        m = _markets[ipId];
        if (!m.listed) {
            revert MarketNotListed(ipId);
        }
    }

    /// @dev An open position and its market, or revert.
    function _existingPosition(uint256 positionId) internal view returns (Position storage p, Market storage m) {
        p = _positions[positionId];
        if (p.owner == address(0)) {
            revert UnknownPosition(positionId);
        }
        m = _markets[p.ipId];
    }

    /// @dev An open position owned by the caller, and its market, or revert.
    function _ownedPosition(uint256 positionId) internal view returns (Position storage p, Market storage m) {
        (p, m) = _existingPosition(positionId);
        if (p.owner != msg.sender) {
            revert NotPositionOwner(positionId, msg.sender);
        }
    }

    function _setInterestRateModel(IInterestRateModel model) internal {
        if (address(model) == address(0)) {
            revert ZeroAddress();
        }
        rateModel = model;
        emit InterestRateModelSet(model);
    }

    function _setReserveFactor(uint256 newReserveFactor) internal {
        if (newReserveFactor > MAX_RESERVE_FACTOR) {
            revert ParameterOutOfBounds("reserveFactor");
        }
        _reserveFactor = uint64(newReserveFactor);
        emit ReserveFactorSet(newReserveFactor);
    }

    /// @dev The cap keeps every total inside its 128-bit slot, shares included (1e6 virtual shares per asset unit).
    function _setSupplyCap(uint256 newSupplyCap) internal {
        if (newSupplyCap > MAX_SUPPLY_CAP) {
            revert ParameterOutOfBounds("supplyCap");
        }
        supplyCap = newSupplyCap;
        emit SupplyCapSet(newSupplyCap);
    }

    /// @dev At most 1,000 whole loan-asset tokens: a larger minimum would shut small borrowers out.
    function _setMinDebt(uint256 newMinDebt) internal {
        if (newMinDebt > MAX_MIN_DEBT_TOKENS * 10 ** (decimals() - _DECIMALS_OFFSET)) {
            revert ParameterOutOfBounds("minDebt");
        }
        _minDebt = newMinDebt.toUint96();
        emit MinDebtSet(newMinDebt);
    }

    function _setTreasury(address newTreasury) internal {
        if (newTreasury == address(0)) {
            revert ZeroAddress();
        }
        treasury = newTreasury;
        emit TreasurySet(newTreasury);
    }
}
