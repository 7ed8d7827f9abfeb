// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IPyth } from "@pythnetwork/pyth-sdk-solidity/IPyth.sol";
import { IPriceAdapter } from "./IPriceAdapter.sol";

/// @title IPythPriceAdapter
/// @notice Converts revenue tokens into the loan asset with Pyth price feeds (both priced in the same quote,
/// e.g. USD): value = amount × price(token) / price(loan asset), exponents and ERC-20 decimals applied exactly.
interface IPythPriceAdapter is IPriceAdapter {
    /// @notice Emitted when a token's feed is set or removed.
    /// @param token The token.
    /// @param feedId Its Pyth feed (zero: removed).
    /// @param decimals The token's ERC-20 decimals, cached.
    event FeedSet(address indexed token, bytes32 feedId, uint8 decimals);

    /// @notice Emitted when the max price age is set.
    /// @param maxAge The new max age in seconds.
    event MaxAgeSet(uint256 maxAge);

    /// @notice An address was zero.
    /// @dev Fires from the constructor for a zero Pyth contract or loan asset.
    error ZeroAddress();

    /// @notice The loan asset's feed id was zero.
    /// @dev Fires from the constructor.
    error ZeroFeedId();

    /// @notice The token cannot get a feed.
    /// @dev Fires from `setFeed` for the zero address or the loan asset.
    /// @param token The token.
    error InvalidToken(address token);

    /// @notice The token has no feed.
    /// @dev Fires from `convert` for tokens without a feed and from `setFeed(token, 0)` when there is none.
    /// @param token The token.
    error FeedNotSet(address token);

    /// @notice A Pyth price is zero or negative.
    /// @dev Fires from `convert`.
    /// @param feedId The feed.
    /// @param price The price.
    error NonPositivePrice(bytes32 feedId, int64 price);

    /// @notice A Pyth price is older than the max age.
    /// @dev Fires from `convert`.
    /// @param feedId The feed.
    /// @param publishTime The price's publish time.
    /// @param maxAge The max age.
    error PriceTooOld(bytes32 feedId, uint256 publishTime, uint256 maxAge);

    /// @notice The combined power of ten of a conversion is beyond what the math supports.
    /// @dev Fires from `convert` when |expo(token) - expo(loan) + decimals(loan) - decimals(token)| > MAX_SCALE.
    /// @param scale The power of ten.
    error ScaleOutOfRange(int256 scale);

    /// @notice The max age is out of bounds.
    /// @dev Fires from the constructor and `setMaxAge`.
    /// @param maxAge The value given.
    /// @param min The lowest allowed.
    /// @param max The highest allowed.
    error MaxAgeOutOfBounds(uint256 maxAge, uint256 min, uint256 max);

    /// @notice Sets the Pyth feed of a token (zero removes it); caches the token's decimals. Restricted.
    /// @param token The token (not the loan asset).
    /// @param feedId The Pyth price feed id.
    function setFeed(address token, bytes32 feedId) external;

    /// @notice Sets the max age of the prices used. Restricted.
    /// @param maxAge The max age in seconds, within [MIN_MAX_AGE, MAX_MAX_AGE].
    function setMaxAge(uint256 maxAge) external;

    /// @notice A token's feed.
    /// @param token The token.
    /// @return feedId The feed id (zero: none).
    /// @return decimals The token's cached decimals.
    function feedOf(address token) external view returns (bytes32 feedId, uint8 decimals);

    /// @notice The max age of prices in seconds.
    /// @return The max age.
    function maxAge() external view returns (uint256);

    /// @notice The Pyth contract.
    /// @return Pyth.
    function pyth() external view returns (IPyth);

    /// @notice The loan asset.
    /// @return The loan asset.
    function loanAsset() external view returns (address);

    /// @notice The loan asset's Pyth feed.
    /// @return The feed id.
    function loanAssetFeedId() external view returns (bytes32);
}
