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

import { ICoverNFT, Cover, CoverStatus } from "./interfaces/ICoverNFT.sol";
import { ICoverProduct } from "./interfaces/ICoverProduct.sol";
import { IRiskOracle } from "./interfaces/IRiskOracle.sol";
import { IUnderwritingPool, CoverRequest, PoolConfig, ProductConfig, Quote } from "./interfaces/IUnderwritingPool.sol";

/// @title UnderwritingPool
/// @notice Underwriting capital in one asset, sold as cover through products (infringement, loan shortfall).
/// Underwriters hold ERC-4626 shares; premiums stream to them over each cover's period; claims lower the share price.
/// @dev Accounting is internal (`_capital`), so donations cannot move the share price. Every cover locks its full
/// amount until the epoch after its claim deadline, so Σ locked ≤ capital always holds and withdrawals take only
/// the rest. Premium streams and locks end on epoch boundaries, processed in order by `_accrue` (one iteration per
/// elapsed week, never per cover). A reported pending claim moves its cover amount into `_reserved`, which is
/// excluded from the share price but still counted as capital until paid or released.
contract UnderwritingPool is IUnderwritingPool, ERC4626, AccessManaged, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Length of an epoch: premium streams and locks end on epoch boundaries.
    uint256 public constant EPOCH = 7 days;
    /// @notice The highest protocol fee on premiums.
    uint256 public constant MAX_PROTOCOL_FEE = 0.2e18;
    /// @notice Bounds of the withdrawal cooldown.
    uint256 public constant MIN_COOLDOWN = 1 days;
    /// @notice Bounds of the withdrawal cooldown.
    uint256 public constant MAX_COOLDOWN = 30 days;
    /// @notice Bounds of the withdrawal execution window.
    uint256 public constant MIN_WITHDRAWAL_WINDOW = 1 days;
    /// @notice Bounds of the withdrawal execution window.
    uint256 public constant MAX_WITHDRAWAL_WINDOW = 14 days;
    /// @notice Bounds of a product's cover period.
    uint256 public constant MIN_COVER_DURATION = 1 days;
    /// @notice Bounds of a product's cover period.
    uint256 public constant MAX_COVER_DURATION = 3 * 365 days;
    /// @notice The longest waiting period of a product.
    uint256 public constant MAX_WAITING_PERIOD = 90 days;
    /// @notice Bounds of a product's claim window (Story arbitration takes 30 days or more).
    uint256 public constant MIN_CLAIM_WINDOW = 7 days;
    /// @notice Bounds of a product's claim window.
    uint256 public constant MAX_CLAIM_WINDOW = 400 days;
    /// @notice The highest minimum cover amount of a product, in whole asset tokens.
    uint256 public constant MAX_MIN_COVER_TOKENS = 1_000_000;

    uint256 private constant _WAD = 1e18;
    uint256 private constant _YEAR = 365 days;
    /// @dev Premium rates are stored per second, scaled by 1e18 so that small premiums over long periods still stream.
    uint256 private constant _RATE_SCALE = 1e18;
    /// @dev Shares carry 6 more decimals than the asset (ERC-4626 inflation defence).
    uint8 private constant _DECIMALS_OFFSET = 6;

    /// @inheritdoc IUnderwritingPool
    ICoverNFT public immutable COVER_NFT;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev What ends on an epoch boundary.
    struct EpochEnd {
        uint256 premiumRate;
        uint128 locked;
        uint128 reserved;
    }

    /// @dev A withdrawal request (one per underwriter).
    struct Request {
        uint128 shares;
        uint64 unlocksAt;
        uint64 closesAt;
    }

    /// @dev The pool's totals brought up to now.
    struct Totals {
        uint256 capital;
        uint256 locked;
        uint256 reserved;
        uint256 unearned;
        uint256 premiumRate;
        uint256 earned;
    }

    uint256 private _capital;
    uint256 private _locked;
    uint256 private _reserved;
    uint256 private _unearned;
    /// @notice Premium streamed per second to underwriters (scaled by 1e18), as of `lastAccrual`.
    uint256 public premiumRate;
    /// @notice When premiums were last earned and expired cover released.
    uint64 public lastAccrual;

    /// @inheritdoc IUnderwritingPool
    IRiskOracle public riskOracle;
    /// @notice Receives the protocol fee.
    address public treasury;
    /// @notice Share of each premium paid to the treasury (WAD).
    uint256 public protocolFee;
    /// @notice Active cover may reach this share of capital (WAD).
    uint256 public capacityRatio;
    /// @notice Seconds between a withdrawal request and its execution window.
    uint256 public cooldown;
    /// @notice Seconds the execution window stays open.
    uint256 public withdrawalWindow;

    mapping(uint256 epoch => EpochEnd) private _epochEnds;
    mapping(address product => ProductConfig) private _products;
    mapping(address owner => Request) private _requests;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @notice Deploys a pool; every address must be non-zero and every parameter within its bounds.
    /// @param config The configuration.
    constructor(
        PoolConfig memory config
    ) ERC4626(IERC20(config.asset)) ERC20(config.name, config.symbol) AccessManaged(config.authority) {
        if (config.asset == address(0) || config.coverNFT == address(0)) {
            revert ZeroAddress();
        }
        COVER_NFT = ICoverNFT(config.coverNFT);
        _setRiskOracle(IRiskOracle(config.riskOracle));
        _setTreasury(config.treasury);
        _setProtocolFee(config.protocolFee);
        _setCapacityRatio(config.capacityRatio);
        _setWithdrawalTimes(config.cooldown, config.withdrawalWindow);
        lastAccrual = uint64(block.timestamp);
    }

    /*//////////////////////////////////////////////////////////////
                                AUTHORITY
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IUnderwritingPool
    function setProduct(address product, ProductConfig calldata config) external restricted {
        if (product == address(0)) {
            revert ZeroAddress();
        }
        if (ICoverProduct(product).POOL() != address(this)) {
            revert ParameterOutOfBounds("product");
        }
        if (config.minDuration < MIN_COVER_DURATION || config.minDuration > config.maxDuration) {
            revert ParameterOutOfBounds("minDuration");
        }
        if (config.maxDuration > MAX_COVER_DURATION) {
            revert ParameterOutOfBounds("maxDuration");
        }
        if (config.waitingPeriod > MAX_WAITING_PERIOD) {
            revert ParameterOutOfBounds("waitingPeriod");
        }
        if (config.claimWindow < MIN_CLAIM_WINDOW || config.claimWindow > MAX_CLAIM_WINDOW) {
            revert ParameterOutOfBounds("claimWindow");
        }
        if (config.minAmount > MAX_MIN_COVER_TOKENS * 10 ** (decimals() - _DECIMALS_OFFSET)) {
            revert ParameterOutOfBounds("minAmount");
        }
        _products[product] = config;
        emit ProductSet(product, config);
    }

    /// @inheritdoc IUnderwritingPool
    function setCapacityRatio(uint256 capacityRatio_) external restricted {
        _setCapacityRatio(capacityRatio_);
    }

    /// @inheritdoc IUnderwritingPool
    function setProtocolFee(uint256 protocolFee_) external restricted {
        _setProtocolFee(protocolFee_);
    }

    /// @inheritdoc IUnderwritingPool
    function setTreasury(address treasury_) external restricted {
        _setTreasury(treasury_);
    }

    /// @inheritdoc IUnderwritingPool
    function setRiskOracle(IRiskOracle riskOracle_) external restricted {
        _setRiskOracle(riskOracle_);
    }

    /// @inheritdoc IUnderwritingPool
    function setWithdrawalTimes(uint256 cooldown_, uint256 window) external restricted {
        _setWithdrawalTimes(cooldown_, window);
    }

    /// @inheritdoc IUnderwritingPool
    function pause() external restricted {
        _pause();
    }

    /// @inheritdoc IUnderwritingPool
    function unpause() external restricted {
        _unpause();
    }

    /*//////////////////////////////////////////////////////////////
                              UNDERWRITERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Deposits exactly `assets` of the pool asset and mints the shares they buy to `receiver`, after
    /// accruing premiums. Stopped while paused.
    /// @param assets Pool-asset amount to deposit (not zero).
    /// @param receiver Receives the shares.
    /// @return Shares minted.
    function deposit(
        uint256 assets,
        address receiver
    ) public override(ERC4626, IERC4626) nonReentrant whenNotPaused returns (uint256) {
        if (assets == 0) {
            revert ZeroAmount();
        }
        _accrue();
        return super.deposit(assets, receiver);
    }

    /// @notice Mints exactly `shares` to `receiver` for the pool asset they cost, after accruing premiums. Stopped
    /// while paused.
    /// @param shares Shares to mint (not zero).
    /// @param receiver Receives the shares.
    /// @return Pool-asset amount deposited.
    function mint(
        uint256 shares,
        address receiver
    ) public override(ERC4626, IERC4626) nonReentrant whenNotPaused returns (uint256) {
        if (shares == 0) {
            revert ZeroAmount();
        }
        _accrue();
        return super.mint(shares, receiver);
    }

    /// @notice Withdraws `assets` against the owner's matured withdrawal request (inside its execution window), up
    /// to the free capital. The caller must be the owner or hold an allowance of the shares burned.
    /// @param assets Assets to withdraw.
    /// @param receiver Who receives them.
    /// @param owner The underwriter whose request is used.
    /// @return shares Shares burned.
    function withdraw(
        uint256 assets,
        address receiver,
        address owner
    ) public override(ERC4626, IERC4626) nonReentrant returns (uint256 shares) {
        if (assets == 0) {
            revert ZeroAmount();
        }
        _accrue();
        shares = previewWithdraw(assets);
        _checkWithdrawal(owner, assets, shares);
        _withdraw(msg.sender, receiver, owner, assets, shares);
    }

    /// @notice Redeems `shares` of the owner's matured withdrawal request (inside its execution window), up to the
    /// free capital. The caller must be the owner or hold an allowance of the shares.
    /// @param shares Shares to redeem.
    /// @param receiver Who receives the assets.
    /// @param owner The underwriter whose request is used.
    /// @return assets Assets paid.
    function redeem(
        uint256 shares,
        address receiver,
        address owner
    ) public override(ERC4626, IERC4626) nonReentrant returns (uint256 assets) {
        _accrue();
        assets = previewRedeem(shares);
        if (assets == 0) {
            revert ZeroAmount();
        }
        _checkWithdrawal(owner, assets, shares);
        _withdraw(msg.sender, receiver, owner, assets, shares);
    }

    /// @inheritdoc IUnderwritingPool
    function requestWithdrawal(uint256 shares) external nonReentrant {
        if (shares == 0) {
            revert ZeroAmount();
        }
        Request storage request = _requests[msg.sender];
        uint256 requested = request.shares + shares;
        uint256 unlocksAt = block.timestamp + cooldown;
        request.shares = requested.toUint128();
        request.unlocksAt = uint64(unlocksAt);
        request.closesAt = uint64(unlocksAt + withdrawalWindow);
        _transfer(msg.sender, address(this), shares);
        emit WithdrawalRequested(msg.sender, shares, requested, unlocksAt);
    }

    /// @inheritdoc IUnderwritingPool
    function cancelWithdrawal() external nonReentrant {
        uint256 shares = _requests[msg.sender].shares;
        if (shares == 0) {
            revert NoWithdrawalRequest(msg.sender);
        }
        delete _requests[msg.sender];
        _transfer(address(this), msg.sender, shares);
        emit WithdrawalCancelled(msg.sender, shares);
    }

    /*//////////////////////////////////////////////////////////////
                                  COVER
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IUnderwritingPool
    function buyCover(CoverRequest calldata request) external nonReentrant whenNotPaused returns (uint256 coverId) {
        if (request.recipient == address(0)) {
            revert ZeroAddress();
        }
        ProductConfig memory config = _enabledProduct(request.product);
        _accrue();
        Quote memory q = _price(
            config,
            request.product,
            _rateSubject(request.subject, request.ipId),
            request.amount,
            request.duration,
            _capital,
            _locked
        );
        if (q.premium > request.maxPremium) {
            revert PremiumAboveMax(q.premium, request.maxPremium);
        }
        Cover memory cover = _newCover(request, config, q.premium);
        _lock(cover.amount, cover.claimDeadline);
        _stream(q.premium - q.fee, cover.end);

        IERC20 token = IERC20(asset());
        token.safeTransferFrom(msg.sender, address(this), q.premium - q.fee);
        if (q.fee > 0) {
            token.safeTransferFrom(msg.sender, treasury, q.fee);
        }
        coverId = COVER_NFT.mint(request.recipient, cover);
        ICoverProduct(request.product).onCoverBought(coverId, cover);
        emit CoverPurchased(
            coverId,
            request.product,
            request.subject,
            request.ipId,
            msg.sender,
            request.amount,
            q.premium,
            q.fee
        );
    }

    /// @inheritdoc IUnderwritingPool
    function payClaim(uint256 coverId, address recipient, uint256 amount) external nonReentrant {
        Cover memory cover = _coverOfCaller(coverId);
        if (cover.status == CoverStatus.Paid) {
            revert InvalidCoverStatus(coverId);
        }
        if (amount == 0) {
            revert ZeroAmount();
        }
        if (amount > cover.amount) {
            revert ClaimExceedsCover(amount, cover.amount);
        }
        if (recipient == address(0)) {
            revert ZeroAddress();
        }
        _accrue();
        EpochEnd storage ends = _epochEnds[_epochAfter(cover.claimDeadline) / EPOCH];
        _locked -= cover.amount;
        ends.locked -= uint128(cover.amount);
        if (cover.status == CoverStatus.Reported) {
            _reserved -= cover.amount;
            ends.reserved -= uint128(cover.amount);
        }
        _capital -= amount;
        COVER_NFT.setStatus(coverId, CoverStatus.Paid);
        emit ClaimPaid(coverId, recipient, amount);
        IERC20(asset()).safeTransfer(recipient, amount);
    }

    /// @inheritdoc IUnderwritingPool
    function reserveCover(uint256 coverId) external nonReentrant {
        Cover memory cover = _coverOfCaller(coverId);
        if (cover.status != CoverStatus.Active) {
            revert InvalidCoverStatus(coverId);
        }
        _accrue();
        _reserved += cover.amount;
        _epochEnds[_epochAfter(cover.claimDeadline) / EPOCH].reserved += cover.amount;
        COVER_NFT.setStatus(coverId, CoverStatus.Reported);
        emit CoverReserved(coverId, cover.amount);
    }

    /// @inheritdoc IUnderwritingPool
    function releaseCover(uint256 coverId) external nonReentrant {
        Cover memory cover = _coverOfCaller(coverId);
        if (cover.status != CoverStatus.Reported) {
            revert InvalidCoverStatus(coverId);
        }
        _accrue();
        _reserved -= cover.amount;
        _epochEnds[_epochAfter(cover.claimDeadline) / EPOCH].reserved -= cover.amount;
        COVER_NFT.setStatus(coverId, CoverStatus.Active);
        emit CoverReleased(coverId, cover.amount);
    }

    /// @inheritdoc IUnderwritingPool
    function accrue() external nonReentrant {
        _accrue();
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice Underwriters' assets: capital less reserves for reported claims, with premiums earned up to now.
    /// @return The total assets.
    function totalAssets() public view override(ERC4626, IERC4626) returns (uint256) {
        Totals memory t = _accruedTotals();
        return t.capital - t.reserved;
    }

    /// @notice Shares minted for `assets` now. Entries are priced at the full capital, reserves for reported claims
    /// included (exits exclude them), so a deposit made while a claim is pending cannot gain when the reserve is
    /// released: both prices favour the underwriters already in the pool.
    /// @param assets The assets deposited.
    /// @return The shares minted (rounded down).
    function previewDeposit(uint256 assets) public view override(ERC4626, IERC4626) returns (uint256) {
        return Math.mulDiv(assets, totalSupply() + 10 ** _DECIMALS_OFFSET, _accruedTotals().capital + 1);
    }

    /// @notice Assets needed to mint `shares` now, at the entry price of `previewDeposit`.
    /// @param shares The shares minted.
    /// @return The assets pulled (rounded up).
    function previewMint(uint256 shares) public view override(ERC4626, IERC4626) returns (uint256) {
        return
            Math.mulDiv(
                shares,
                _accruedTotals().capital + 1,
                totalSupply() + 10 ** _DECIMALS_OFFSET,
                Math.Rounding.Ceil
            );
    }

    /// @notice Deposits allowed: unlimited, none while paused.
    /// @return The most that can be deposited.
    function maxDeposit(address) public view override(ERC4626, IERC4626) returns (uint256) {
        if (paused()) {
            return 0;
        }
        return type(uint256).max;
    }

    /// @notice Shares that can be minted: unlimited, none while paused.
    /// @return The most that can be minted.
    function maxMint(address) public view override(ERC4626, IERC4626) returns (uint256) {
        if (paused()) {
            return 0;
        }
        return type(uint256).max;
    }

    /// @notice Assets `owner` can withdraw now: its requested shares' value inside the execution window, up to the
    /// free capital; 0 outside the window.
    /// @param owner The underwriter.
    /// @return The most that can be withdrawn.
    function maxWithdraw(address owner) public view override(ERC4626, IERC4626) returns (uint256) {
        uint256 shares = _executableShares(owner);
        if (shares == 0) {
            return 0;
        }
        return Math.min(_convertToAssets(shares, Math.Rounding.Floor), freeCapital());
    }

    /// @notice Shares `owner` can redeem now: its requested shares inside the execution window, up to the free
    /// capital; 0 outside the window.
    /// @param owner The underwriter.
    /// @return The most that can be redeemed.
    function maxRedeem(address owner) public view override(ERC4626, IERC4626) returns (uint256) {
        uint256 shares = _executableShares(owner);
        if (shares == 0) {
            return 0;
        }
        return Math.min(shares, _convertToShares(freeCapital(), Math.Rounding.Floor));
    }

    /// @inheritdoc IUnderwritingPool
    function withdrawalRequest(
        address owner
    ) external view returns (uint256 shares, uint256 unlocksAt, uint256 closesAt) {
        Request memory request = _requests[owner];
        return (request.shares, request.unlocksAt, request.closesAt);
    }

    /// @inheritdoc IUnderwritingPool
    function quote(
        address product,
        address subject,
        address ipId,
        uint256 amount,
        uint256 duration
    ) external view returns (Quote memory) {
        _requireNotPaused();
        ProductConfig memory config = _enabledProduct(product);
        ICoverProduct(product).checkSubject(subject, ipId);
        Totals memory t = _accruedTotals();
        return _price(config, product, _rateSubject(subject, ipId), amount, duration, t.capital, t.locked);
    }

    /// @inheritdoc IUnderwritingPool
    function productConfig(address product) external view returns (ProductConfig memory) {
        return _products[product];
    }

    /// @inheritdoc IUnderwritingPool
    function capital() external view returns (uint256) {
        return _accruedTotals().capital;
    }

    /// @inheritdoc IUnderwritingPool
    function lockedCapital() external view returns (uint256) {
        return _accruedTotals().locked;
    }

    /// @inheritdoc IUnderwritingPool
    function reservedCapital() external view returns (uint256) {
        return _accruedTotals().reserved;
    }

    /// @inheritdoc IUnderwritingPool
    function freeCapital() public view returns (uint256) {
        Totals memory t = _accruedTotals();
        return t.capital - t.locked;
    }

    /// @inheritdoc IUnderwritingPool
    function unearnedPremium() external view returns (uint256) {
        return _accruedTotals().unearned;
    }

    /// @inheritdoc IUnderwritingPool
    function availableCapacity() external view returns (uint256) {
        Totals memory t = _accruedTotals();
        return _capacityLeft(t.capital, t.locked);
    }

    /*//////////////////////////////////////////////////////////////
                           ACCOUNTING (INTERNAL)
    //////////////////////////////////////////////////////////////*/

    /// @dev Earns streamed premiums and releases what ended on the epoch boundaries passed since the last accrual.
    function _accrue() internal {
        if (lastAccrual == block.timestamp) {
            return;
        }
        Totals memory t = _accruedTotals();
        _capital = t.capital;
        _locked = t.locked;
        _reserved = t.reserved;
        _unearned = t.unearned;
        premiumRate = t.premiumRate;
        lastAccrual = uint64(block.timestamp);
        emit Accrued(t.earned, t.premiumRate, t.locked);
    }

    /// @dev The totals brought up to now: one step per epoch boundary passed, each ending what was scheduled on it.
    function _accruedTotals() internal view returns (Totals memory t) {
        t.capital = _capital;
        t.locked = _locked;
        t.reserved = _reserved;
        t.unearned = _unearned;
        t.premiumRate = premiumRate;
        uint256 last = lastAccrual;
        if (last == block.timestamp) {
            return t;
        }
        uint256 streamed;
        for (uint256 boundary = _epochAfter(last); boundary <= block.timestamp; boundary += EPOCH) {
            streamed += t.premiumRate * (boundary - last);
            EpochEnd storage ends = _epochEnds[boundary / EPOCH];
            t.premiumRate -= ends.premiumRate;
            t.locked -= ends.locked;
            t.reserved -= ends.reserved;
            last = boundary;
        }
        streamed += t.premiumRate * (block.timestamp - last);
        // Each stream earns at most its net premium (rates round down), so the cap only guards the accounting.
        uint256 earned = Math.min(streamed / _RATE_SCALE, t.unearned);
        // Rounding leaves at most a wei per stream unearned; it is earned once no stream is left.
        if (t.premiumRate == 0) {
            earned = t.unearned;
        }
        t.unearned -= earned;
        t.capital += earned;
        t.earned = earned;
    }

    /// @dev Locks a cover's amount until the epoch boundary after its claim deadline.
    function _lock(uint256 amount, uint256 claimDeadline) internal {
        _locked += amount;
        _epochEnds[_epochAfter(claimDeadline) / EPOCH].locked += amount.toUint128();
    }

    /// @dev Streams a net premium from now to the epoch boundary after the cover's end.
    function _stream(uint256 netPremium, uint256 end) internal {
        uint256 streamEnd = _epochAfter(end);
        uint256 rate = (netPremium * _RATE_SCALE) / (streamEnd - block.timestamp);
        _unearned += netPremium;
        premiumRate += rate;
        _epochEnds[streamEnd / EPOCH].premiumRate += rate;
    }

    /// @dev Prices a cover and checks it against the product's bounds and the pool's capacity.
    function _price(
        ProductConfig memory config,
        address product,
        address rateSubject,
        uint256 amount,
        uint256 duration,
        uint256 capital_,
        uint256 locked
    ) internal view returns (Quote memory q) {
        if (amount == 0) {
            revert ZeroAmount();
        }
        if (amount < config.minAmount) {
            revert AmountBelowMinimum(amount, config.minAmount);
        }
        if (duration < config.minDuration || duration > config.maxDuration) {
            revert DurationOutOfBounds(duration, config.minDuration, config.maxDuration);
        }
        uint256 available = _capacityLeft(capital_, locked);
        if (amount > available) {
            revert ExceedsCapacity(amount, available);
        }
        q.rate = riskOracle.rateOf(product, rateSubject);
        // Rounded up: the buyer pays for the last partial unit of risk.
        q.premium = Math.mulDiv(amount, q.rate * duration, _WAD * _YEAR, Math.Rounding.Ceil);
        q.fee = Math.mulDiv(q.premium, protocolFee, _WAD);
    }

    /// @dev The terms of a cover bought now.
    function _newCover(
        CoverRequest calldata request,
        ProductConfig memory config,
        uint256 premium
    ) internal view returns (Cover memory cover) {
        uint256 start = block.timestamp + config.waitingPeriod;
        uint256 end = start + request.duration;
        cover = Cover({
            product: request.product,
            start: uint64(start),
            status: CoverStatus.Active,
            subject: request.subject,
            end: uint64(end),
            ipId: request.ipId,
            claimDeadline: uint64(end + config.claimWindow),
            amount: request.amount.toUint128(),
            premium: premium.toUint128()
        });
    }

    /// @dev Checks a withdrawal against the owner's request, its window and the free capital.
    function _checkWithdrawal(address owner, uint256 assets, uint256 shares) internal view {
        Request memory request = _requests[owner];
        if (request.shares == 0) {
            revert NoWithdrawalRequest(owner);
        }
        if (block.timestamp < request.unlocksAt) {
            revert CooldownNotOver(request.unlocksAt);
        }
        if (block.timestamp > request.closesAt) {
            revert WithdrawalWindowClosed(request.closesAt);
        }
        if (shares > request.shares) {
            revert ExceedsRequest(shares, request.shares);
        }
        uint256 free = _capital - _locked;
        if (assets > free) {
            revert InsufficientFreeCapital(assets, free);
        }
    }

    /// @dev ERC-4626 bookkeeping of deposits, after the transfer and mint so the share price stays consistent
    /// during the transfer.
    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override {
        super._deposit(caller, receiver, assets, shares);
        _capital += assets;
    }

    /// @dev Burns escrowed shares of the owner's request and pays the assets (checked by `_checkWithdrawal`).
    function _withdraw(
        address caller,
        address receiver,
        address owner,
        uint256 assets,
        uint256 shares
    ) internal override {
        if (caller != owner) {
            _spendAllowance(owner, caller, shares);
        }
        Request storage request = _requests[owner];
        uint256 left = request.shares - shares;
        if (left == 0) {
            delete _requests[owner];
        } else {
            request.shares = uint128(left);
        }
        _capital -= assets;
        _burn(address(this), shares);
        IERC20(asset()).safeTransfer(receiver, assets);
        emit Withdraw(caller, receiver, owner, assets, shares);
    }

    /// @dev Shares have 6 more decimals than the asset.
    function _decimalsOffset() internal pure override returns (uint8) {
        return _DECIMALS_OFFSET;
    }

    /// @dev Requested shares of `owner` if its execution window is open now, else 0.
    function _executableShares(address owner) internal view returns (uint256) {
        Request memory request = _requests[owner];
        if (block.timestamp < request.unlocksAt || block.timestamp > request.closesAt) {
            return 0;
        }
        return request.shares;
    }

    /// @dev Cover the pool can still sell given its capital and locked amounts.
    function _capacityLeft(uint256 capital_, uint256 locked) internal view returns (uint256) {
        uint256 capacity = Math.mulDiv(capital_, capacityRatio, _WAD);
        if (locked >= capacity) {
            return 0;
        }
        return capacity - locked;
    }

    /// @dev The first epoch boundary strictly after `timestamp`.
    function _epochAfter(uint256 timestamp) internal pure returns (uint256) {
        return (timestamp / EPOCH + 1) * EPOCH;
    }

    /// @dev Who the risk oracle prices: the watched IP, or the subject for vault-wide cover.
    function _rateSubject(address subject, address ipId) internal pure returns (address) {
        if (ipId == address(0)) {
            return subject;
        }
        return ipId;
    }

    /// @dev A product this pool sells now.
    function _enabledProduct(address product) internal view returns (ProductConfig memory config) {
        config = _products[product];
        if (!config.enabled) {
            revert ProductNotEnabled(product);
        }
    }

    /// @dev A cover written by this pool whose product is the caller, still inside its claim window.
    function _coverOfCaller(uint256 coverId) internal view returns (Cover memory cover) {
        cover = COVER_NFT.coverOf(coverId);
        if (cover.product != msg.sender || COVER_NFT.poolOf(coverId) != address(this)) {
            revert NotCoverProduct(coverId, msg.sender);
        }
        if (block.timestamp > cover.claimDeadline) {
            revert ClaimWindowClosed(coverId, cover.claimDeadline);
        }
    }

    /*//////////////////////////////////////////////////////////////
                             SETTERS (INTERNAL)
    //////////////////////////////////////////////////////////////*/

    /// @dev Sets the capacity ratio within (0, 100%].
    function _setCapacityRatio(uint256 capacityRatio_) internal {
        if (capacityRatio_ == 0 || capacityRatio_ > _WAD) {
            revert ParameterOutOfBounds("capacityRatio");
        }
        capacityRatio = capacityRatio_;
        emit CapacityRatioSet(capacityRatio_);
    }

    /// @dev Sets the protocol fee within [0, MAX_PROTOCOL_FEE].
    function _setProtocolFee(uint256 protocolFee_) internal {
        if (protocolFee_ > MAX_PROTOCOL_FEE) {
            revert ParameterOutOfBounds("protocolFee");
        }
        protocolFee = protocolFee_;
        emit ProtocolFeeSet(protocolFee_);
    }

    /// @dev Sets a non-zero treasury.
    function _setTreasury(address treasury_) internal {
        if (treasury_ == address(0)) {
            revert ZeroAddress();
        }
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    /// @dev Sets a non-zero risk oracle.
    function _setRiskOracle(IRiskOracle riskOracle_) internal {
        if (address(riskOracle_) == address(0)) {
            revert ZeroAddress();
        }
        riskOracle = riskOracle_;
        emit RiskOracleSet(riskOracle_);
    }

    /// @dev Sets the withdrawal cooldown and window within their bounds.
    function _setWithdrawalTimes(uint256 cooldown_, uint256 window) internal {
        if (cooldown_ < MIN_COOLDOWN || cooldown_ > MAX_COOLDOWN) {
            revert ParameterOutOfBounds("cooldown");
        }
        if (window < MIN_WITHDRAWAL_WINDOW || window > MAX_WITHDRAWAL_WINDOW) {
            revert ParameterOutOfBounds("withdrawalWindow");
        }
        cooldown = cooldown_;
        withdrawalWindow = window;
        emit WithdrawalTimesSet(cooldown_, window);
    }
}
