// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IValuationOracle } from "./IValuationOracle.sol";
import { IPriceAdapter } from "./IPriceAdapter.sol";
import { IRevenueHistory } from "./IRevenueHistory.sol";

/// @notice How the revenue-multiple oracle values one IP.
struct RevenueMultipleConfig {
    /// @dev Trailing window of revenue measured, in seconds.
    uint64 window;
    /// @dev Shortest measured period (seconds) a token's revenue needs to count.
    uint64 minHistory;
    /// @dev Value of an RT unit in years of its annualized revenue (WAD: 3e18 = three years).
    uint128 multiple;
}

/// @title IRevenueMultipleOracle
/// @notice Values an IP's RT at a multiple of the revenue per RT unit actually harvested on-chain over a trailing
/// window, annualized, and CAPPED BY THE APPRAISAL: revenue can only confirm an appraisal, never raise the value
/// above it, so paying royalties to one's own IP cannot lift a credit line.
interface IRevenueMultipleOracle is IValuationOracle {
    /// @notice Emitted when the default configuration is set.
    /// @param config The new default.
    event DefaultConfigSet(RevenueMultipleConfig config);

    /// @notice Emitted when an IP gets its own configuration.
    /// @param ipId The IP.
    /// @param config Its configuration.
    event IpConfigSet(address indexed ipId, RevenueMultipleConfig config);

    /// @notice Emitted when an IP's own configuration is removed (it uses the default again).
    /// @param ipId The IP.
    event IpConfigCleared(address indexed ipId);

    /// @notice Emitted when a revenue token's price adapter is set or removed.
    /// @param token The revenue token.
    /// @param adapter Its adapter (zero: the token no longer counts).
    event PriceAdapterSet(address indexed token, IPriceAdapter adapter);

    /// @notice An address was zero.
    /// @dev Fires from the constructor for a zero history, appraisal oracle or loan asset.
    error ZeroAddress();

    /// @notice The window is out of bounds.
    /// @dev Fires when setting a configuration.
    /// @param window The value given.
    /// @param min The lowest allowed.
    /// @param max The highest allowed.
    error WindowOutOfBounds(uint256 window, uint256 min, uint256 max);

    /// @notice The minimum history is out of bounds.
    /// @dev Fires when setting a configuration; the max is the configuration's window.
    /// @param minHistory The value given.
    /// @param min The lowest allowed.
    /// @param max The highest allowed.
    error MinHistoryOutOfBounds(uint256 minHistory, uint256 min, uint256 max);

    /// @notice The multiple is out of bounds.
    /// @dev Fires when setting a configuration.
    /// @param multiple The value given.
    /// @param min The lowest allowed.
    /// @param max The highest allowed.
    error MultipleOutOfBounds(uint256 multiple, uint256 min, uint256 max);

    /// @notice The token cannot get a price adapter.
    /// @dev Fires from `setPriceAdapter` for the zero address or the loan asset (counted 1:1).
    /// @param token The token.
    error InvalidRevenueToken(address token);

    /// @notice Too many revenue tokens.
    /// @dev Fires from `setPriceAdapter` when adding a token beyond MAX_REVENUE_TOKENS.
    /// @param max The most tokens with adapters.
    error TooManyRevenueTokens(uint256 max);

    /// @notice The token has no price adapter to remove.
    /// @dev Fires from `setPriceAdapter(token, 0)` for a token without adapter.
    /// @param token The token.
    error PriceAdapterNotSet(address token);

    /// @notice Sets the default configuration. Restricted.
    /// @param config The configuration (bounded: see the errors).
    function setDefaultConfig(RevenueMultipleConfig calldata config) external;

    /// @notice Gives an IP its own configuration. Restricted.
    /// @param ipId The IP.
    /// @param config The configuration (bounded: see the errors).
    function setIpConfig(address ipId, RevenueMultipleConfig calldata config) external;

    /// @notice Removes an IP's own configuration. Restricted.
    /// @param ipId The IP.
    function clearIpConfig(address ipId) external;

    /// @notice Sets the adapter converting a revenue token into the loan asset; zero stops counting it. Restricted.
    /// @param token The revenue token (not the loan asset).
    /// @param adapter The adapter.
    function setPriceAdapter(address token, IPriceAdapter adapter) external;

    /// @notice The configuration `ipId` is valued with (its own, else the default).
    /// @param ipId The IP.
    /// @return The configuration.
    function configOf(address ipId) external view returns (RevenueMultipleConfig memory);

    /// @notice The tokens counted besides the loan asset.
    /// @return The tokens with a price adapter.
    function revenueTokens() external view returns (address[] memory);

    /// @notice A revenue token's price adapter.
    /// @param token The token.
    /// @return The adapter (zero: not counted).
    function priceAdapterOf(address token) external view returns (IPriceAdapter);

    /// @notice The revenue history read (the vault).
    /// @return The history.
    function history() external view returns (IRevenueHistory);

    /// @notice The appraisal oracle that caps the value.
    /// @return The appraisal oracle.
    function appraisal() external view returns (IValuationOracle);

    /// @notice The loan asset (its revenue counts 1:1).
    /// @return The loan asset.
    function loanAsset() external view returns (address);
}
