// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManaged } from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import { IERC20Metadata } from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { IPyth } from "@pythnetwork/pyth-sdk-solidity/IPyth.sol";
import { PythStructs } from "@pythnetwork/pyth-sdk-solidity/PythStructs.sol";
import { IPriceAdapter } from "../interfaces/IPriceAdapter.sol";
import { IPythPriceAdapter } from "../interfaces/IPythPriceAdapter.sol";

/// @title PythPriceAdapter
/// @notice Converts revenue tokens into the loan asset with Pyth prices, rounding down, rejecting non-positive and
/// old prices. Prices are read as stored on the Pyth contract: whoever needs a fresh value pushes an update first.
/// @dev value = floor(amount × p_t × 10^s / p_l), s = expo_t − expo_l + decimals_l − decimals_t (or dividing by
/// 10^−s when s < 0): one rounding. |s| ≤ MAX_SCALE keeps p × 10^|s| (p < 2^63) below 2^256.
contract PythPriceAdapter is IPythPriceAdapter, AccessManaged {
    /// @notice A token's feed and cached decimals.
    struct Feed {
        /// @dev The Pyth feed id (zero: none).
        bytes32 id;
        /// @dev The token's ERC-20 decimals.
        uint8 decimals;
    }

    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Shortest max age.
    uint256 public constant MIN_MAX_AGE = 1 minutes;
    /// @notice Longest max age.
    uint256 public constant MAX_MAX_AGE = 1 days;
    /// @notice Largest power of ten a conversion may involve.
    int256 public constant MAX_SCALE = 58;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPythPriceAdapter
    IPyth public immutable pyth;
    /// @inheritdoc IPythPriceAdapter
    address public immutable loanAsset;
    /// @inheritdoc IPythPriceAdapter
    bytes32 public immutable loanAssetFeedId;
    /// @dev The loan asset's decimals.
    uint8 private immutable _loanDecimals;

    /// @inheritdoc IPythPriceAdapter
    uint256 public maxAge;
    /// @dev Feed of each token.
    mapping(address token => Feed) private _feeds;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @notice Deploys the adapter.
    /// @param authority The AccessManager.
    /// @param pyth_ The Pyth contract.
    /// @param loanAsset_ The loan asset (an ERC-20 with `decimals`).
    /// @param loanAssetFeedId_ The loan asset's Pyth feed.
    /// @param maxAge_ The max age of prices in seconds.
    constructor(
        address authority,
        IPyth pyth_,
        address loanAsset_,
        bytes32 loanAssetFeedId_,
        uint256 maxAge_
    ) AccessManaged(authority) {
        if (address(pyth_) == address(0) || loanAsset_ == address(0)) {
            revert ZeroAddress();
        }
        if (loanAssetFeedId_ == bytes32(0)) {
            revert ZeroFeedId();
        }
        pyth = pyth_;
        loanAsset = loanAsset_;
        loanAssetFeedId = loanAssetFeedId_;
        _loanDecimals = IERC20Metadata(loanAsset_).decimals();
        _setMaxAge(maxAge_);
    }

    /*//////////////////////////////////////////////////////////////
                               RESTRICTED
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPythPriceAdapter
    function setFeed(address token, bytes32 feedId) external restricted {
        if (token == address(0) || token == loanAsset) {
            revert InvalidToken(token);
        }
        if (feedId == bytes32(0)) {
            if (_feeds[token].id == bytes32(0)) {
                revert FeedNotSet(token);
            }
            delete _feeds[token];
            emit FeedSet(token, bytes32(0), 0);
            return;
        }
        uint8 decimals = IERC20Metadata(token).decimals();
        _feeds[token] = Feed({ id: feedId, decimals: decimals });
        emit FeedSet(token, feedId, decimals);
    }

    /// @inheritdoc IPythPriceAdapter
    function setMaxAge(uint256 maxAge_) external restricted {
        _setMaxAge(maxAge_);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPriceAdapter
    /// @dev The loan asset converts 1:1 at the current time; `updatedAt` never exceeds `block.timestamp`.
    function convert(address token, uint256 amount) external view returns (uint256 value, uint256 updatedAt) {
        if (token == loanAsset) {
            return (amount, block.timestamp);
        }
        Feed memory feed = _feeds[token];
        if (feed.id == bytes32(0)) {
            revert FeedNotSet(token);
        }
        (uint256 tokenPrice, int256 tokenExpo, uint256 tokenTime) = _price(feed.id);
        (uint256 loanPrice, int256 loanExpo, uint256 loanTime) = _price(loanAssetFeedId);
        int256 scale = tokenExpo - loanExpo + int256(uint256(_loanDecimals)) - int256(uint256(feed.decimals));
        if (scale > MAX_SCALE || scale < -MAX_SCALE) {
            revert ScaleOutOfRange(scale);
        }
        if (scale < 0) {
            value = Math.mulDiv(amount, tokenPrice, loanPrice * 10 ** uint256(-scale));
        } else {
            value = Math.mulDiv(amount, tokenPrice * 10 ** uint256(scale), loanPrice);
        }
        updatedAt = Math.min(Math.min(tokenTime, loanTime), block.timestamp);
    }

    /// @inheritdoc IPythPriceAdapter
    function feedOf(address token) external view returns (bytes32 feedId, uint8 decimals) {
        Feed memory feed = _feeds[token];
        return (feed.id, feed.decimals);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @notice A usable Pyth price: positive and no older than the max age.
    /// @param feedId The feed.
    /// @return price The price mantissa.
    /// @return expo The price exponent.
    /// @return publishTime The publish time.
    function _price(bytes32 feedId) private view returns (uint256 price, int256 expo, uint256 publishTime) {
        PythStructs.Price memory p = pyth.getPriceUnsafe(feedId);
        if (p.price < 1) {
            revert NonPositivePrice(feedId, p.price);
        }
        if (block.timestamp > p.publishTime && block.timestamp - p.publishTime > maxAge) {
            revert PriceTooOld(feedId, p.publishTime, maxAge);
        }
        return (uint256(int256(p.price)), p.expo, p.publishTime);
    }

    /// @notice Checks and stores the max age.
    /// @param maxAge_ The new max age.
    function _setMaxAge(uint256 maxAge_) private {
        if (maxAge_ < MIN_MAX_AGE || maxAge_ > MAX_MAX_AGE) {
            revert MaxAgeOutOfBounds(maxAge_, MIN_MAX_AGE, MAX_MAX_AGE);
        }
        maxAge = maxAge_;
        emit MaxAgeSet(maxAge_);
    }
}
