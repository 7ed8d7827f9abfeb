// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManaged } from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { IValuationOracle } from "../interfaces/IValuationOracle.sol";
import { IPriceAdapter } from "../interfaces/IPriceAdapter.sol";
import { IRevenueHistory } from "../interfaces/IRevenueHistory.sol";
import { IRevenueMultipleOracle, RevenueMultipleConfig } from "../interfaces/IRevenueMultipleOracle.sol";

/// @title RevenueMultipleOracle
/// @notice value = min(appraisal, multiple × annualized trailing revenue per RT unit), in loan-asset units per RT
/// unit × 1e18, rounded down. Revenue in the loan asset counts 1:1, other tokens through their price adapter; an
/// adapter that fails contributes nothing instead of reverting. Each token's revenue is annualized by its actual
/// measured period, and counts only once that period reaches the configuration's minimum history.
contract RevenueMultipleOracle is IRevenueMultipleOracle, AccessManaged {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice A year, the annualization period.
    uint256 public constant YEAR = 365 days;
    /// @notice Shortest window.
    uint256 public constant MIN_WINDOW = 7 days;
    /// @notice Longest window.
    uint256 public constant MAX_WINDOW = 365 days;
    /// @notice Shortest minimum history.
    uint256 public constant MIN_MIN_HISTORY = 1 days;
    /// @notice Lowest multiple (WAD).
    uint256 public constant MIN_MULTIPLE = 0.01e18;
    /// @notice Highest multiple (WAD): twenty years of revenue.
    uint256 public constant MAX_MULTIPLE = 20e18;
    /// @notice Most revenue tokens besides the loan asset (bounds the valuation's loop).
    uint256 public constant MAX_REVENUE_TOKENS = 8;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRevenueMultipleOracle
    IRevenueHistory public immutable history;
    /// @inheritdoc IRevenueMultipleOracle
    IValuationOracle public immutable appraisal;
    /// @inheritdoc IRevenueMultipleOracle
    address public immutable loanAsset;

    /// @dev The configuration of IPs without their own.
    RevenueMultipleConfig private _defaultConfig;
    /// @dev IPs' own configurations (window 0: none).
    mapping(address ipId => RevenueMultipleConfig) private _ipConfigs;
    /// @dev Tokens with a price adapter.
    address[] private _revenueTokens;
    /// @inheritdoc IRevenueMultipleOracle
    mapping(address token => IPriceAdapter) public priceAdapterOf;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @notice Deploys the oracle.
    /// @param authority The AccessManager.
    /// @param history_ The revenue history (the lending vault).
    /// @param appraisal_ The appraisal oracle capping every value.
    /// @param loanAsset_ The loan asset.
    /// @param defaultConfig The default configuration.
    constructor(
        address authority,
        IRevenueHistory history_,
        IValuationOracle appraisal_,
        address loanAsset_,
        RevenueMultipleConfig memory defaultConfig
    ) AccessManaged(authority) {
        if (address(history_) == address(0) || address(appraisal_) == address(0) || loanAsset_ == address(0)) {
            revert ZeroAddress();
        }
        history = history_;
        appraisal = appraisal_;
        loanAsset = loanAsset_;
        _checkConfig(defaultConfig);
        _defaultConfig = defaultConfig;
        emit DefaultConfigSet(defaultConfig);
    }

    /*//////////////////////////////////////////////////////////////
                               RESTRICTED
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRevenueMultipleOracle
    function setDefaultConfig(RevenueMultipleConfig calldata config) external restricted {
        _checkConfig(config);
        _defaultConfig = config;
        emit DefaultConfigSet(config);
    }

    /// @inheritdoc IRevenueMultipleOracle
    function setIpConfig(address ipId, RevenueMultipleConfig calldata config) external restricted {
        _checkConfig(config);
        _ipConfigs[ipId] = config;
        emit IpConfigSet(ipId, config);
    }

    /// @inheritdoc IRevenueMultipleOracle
    function clearIpConfig(address ipId) external restricted {
        delete _ipConfigs[ipId];
        emit IpConfigCleared(ipId);
    }

    /// @inheritdoc IRevenueMultipleOracle
    function setPriceAdapter(address token, IPriceAdapter adapter) external restricted {
        if (token == address(0) || token == loanAsset) {
            revert InvalidRevenueToken(token);
        }
        bool listed = address(priceAdapterOf[token]) != address(0);
        if (address(adapter) == address(0)) {
            if (!listed) {
                revert PriceAdapterNotSet(token);
            }
            _removeToken(token);
        } else if (!listed) {
            if (_revenueTokens.length == MAX_REVENUE_TOKENS) {
                revert TooManyRevenueTokens(MAX_REVENUE_TOKENS);
            }
            _revenueTokens.push(token);
        }
        priceAdapterOf[token] = adapter;
        emit PriceAdapterSet(token, adapter);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IValuationOracle
    /// @dev `updatedAt` is the appraisal's time, or an older publish time of an adapter price used.
    function valueOf(address ipId) external view returns (uint256 value, uint256 updatedAt) {
        uint256 cap;
        (cap, updatedAt) = appraisal.valueOf(ipId);
        if (cap == 0) {
            return (0, updatedAt);
        }
        RevenueMultipleConfig memory config = configOf(ipId);
        // Annualized revenue per RT unit, in loan-asset units × 1e18.
        uint256 annual = _annualized(ipId, loanAsset, config);
        uint256 count = _revenueTokens.length;
        for (uint256 i = 0; i < count; ++i) {
            address token = _revenueTokens[i];
            uint256 tokenAnnual = _annualized(ipId, token, config);
            if (tokenAnnual == 0) {
                continue;
            }
            (bool ok, uint256 converted, uint256 priceAt) = _tryConvert(priceAdapterOf[token], token, tokenAnnual);
            if (!ok) {
                continue;
            }
            annual = Math.saturatingAdd(annual, converted);
            updatedAt = Math.min(updatedAt, priceAt);
        }
        // Saturating: absurd revenue (or a broken adapter) cannot make the valuation revert, only hit the cap.
        value = Math.min(Math.saturatingMul(annual, config.multiple) / 1e18, cap);
    }

    /// @inheritdoc IRevenueMultipleOracle
    function configOf(address ipId) public view returns (RevenueMultipleConfig memory) {
        RevenueMultipleConfig memory own = _ipConfigs[ipId];
        if (own.window != 0) {
            return own;
        }
        return _defaultConfig;
    }

    /// @inheritdoc IRevenueMultipleOracle
    function revenueTokens() external view returns (address[] memory) {
        return _revenueTokens;
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @notice Revenue per RT unit of `token` over the trailing window, scaled to a year; 0 below the min history.
    /// @param ipId The IP.
    /// @param token The revenue token.
    /// @param config The IP's configuration.
    /// @return Annualized revenue per RT unit in `token` units × 1e18, rounded down.
    function _annualized(
        address ipId,
        address token,
        RevenueMultipleConfig memory config
    ) private view returns (uint256) {
        (uint256 revenuePerRt, uint256 since) = history.trailingRevenuePerRt(ipId, token, config.window);
        uint256 period = Math.saturatingSub(block.timestamp, since);
        // minHistory is at least a day, so a period of 0 never divides.
        if (period < config.minHistory) {
            return 0;
        }
        return Math.saturatingMul(revenuePerRt, YEAR) / period;
    }

    /// @notice Asks `adapter` to convert without ever reverting (a failed or malformed answer is a failure).
    /// @param adapter The adapter.
    /// @param token The token.
    /// @param amount The amount of `token`.
    /// @return ok Whether the adapter answered.
    /// @return value The loan-asset value.
    /// @return updatedAt The adapter's price time.
    function _tryConvert(
        IPriceAdapter adapter,
        address token,
        uint256 amount
    ) private view returns (bool ok, uint256 value, uint256 updatedAt) {
        bytes memory data;
        (ok, data) = address(adapter).staticcall(abi.encodeCall(IPriceAdapter.convert, (token, amount)));
        if (!ok || data.length < 64) {
            return (false, 0, 0);
        }
        (value, updatedAt) = abi.decode(data, (uint256, uint256));
    }

    /// @notice Checks a configuration against the bounds.
    /// @param config The configuration.
    function _checkConfig(RevenueMultipleConfig memory config) private pure {
        if (config.window < MIN_WINDOW || config.window > MAX_WINDOW) {
            revert WindowOutOfBounds(config.window, MIN_WINDOW, MAX_WINDOW);
        }
        if (config.minHistory < MIN_MIN_HISTORY || config.minHistory > config.window) {
            revert MinHistoryOutOfBounds(config.minHistory, MIN_MIN_HISTORY, config.window);
        }
        if (config.multiple < MIN_MULTIPLE || config.multiple > MAX_MULTIPLE) {
            revert MultipleOutOfBounds(config.multiple, MIN_MULTIPLE, MAX_MULTIPLE);
        }
    }

    /// @notice Removes `token` from the revenue tokens (swap and pop).
    /// @param token A listed token.
    function _removeToken(address token) private {
        uint256 last = _revenueTokens.length - 1;
        for (uint256 i = 0; i < last; ++i) {
            if (_revenueTokens[i] == token) {
                _revenueTokens[i] = _revenueTokens[last];
                break;
            }
        }
        _revenueTokens.pop();
    }
}
