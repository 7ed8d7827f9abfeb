// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IRiskOracle
/// @notice Annual premium rates for cover. A risk assessor posts per-subject rates from an off-chain model; each
/// product has a default rate for subjects without one. A posted rate older than `maxAge` is stale: the oracle then
/// quotes the higher of it and the default, so a subject whose risk stopped being assessed never gets cheaper.
interface IRiskOracle {
    /// @notice Emitted when a product's default rate is set.
    /// @param product The product.
    /// @param rate The annual rate (WAD).
    event DefaultRateSet(address indexed product, uint256 rate);

    /// @notice Emitted when a subject's rate is posted.
    /// @param product The product.
    /// @param subject The IP or vault assessed.
    /// @param rate The annual rate (WAD).
    event RatePosted(address indexed product, address indexed subject, uint256 rate);

    /// @notice Emitted when the staleness limit is set.
    /// @param maxAge Seconds after which a posted rate is stale.
    event MaxAgeSet(uint256 maxAge);

    /// @notice A rate or the staleness limit is outside its bounds.
    /// @dev Fires from the setters.
    /// @param parameter The parameter's name.
    error ParameterOutOfBounds(bytes32 parameter);

    /// @notice The product has no default rate, so it cannot be priced.
    /// @dev Fires from `rateOf` for a product whose default rate was never set.
    /// @param product The product.
    error ProductNotPriced(address product);

    /// @notice The batch's arrays differ in length.
    /// @dev Fires from `postRates`.
    error LengthMismatch();

    /// @notice Sets a product's default annual rate. Restricted (risk manager).
    /// @param product The product.
    /// @param rate The rate (WAD), within [MIN_RATE, MAX_RATE].
    function setDefaultRate(address product, uint256 rate) external;

    /// @notice Posts subjects' annual rates for a product. Restricted (risk assessor).
    /// @param product The product.
    /// @param subjects The IPs or vaults.
    /// @param rates Their rates (WAD), each within [MIN_RATE, MAX_RATE].
    function postRates(address product, address[] calldata subjects, uint256[] calldata rates) external;

    /// @notice Sets how long a posted rate stays fresh. Restricted (risk manager).
    /// @param maxAge Seconds, within [MIN_MAX_AGE, MAX_MAX_AGE].
    function setMaxAge(uint256 maxAge) external;

    /// @notice The annual rate for covering `subject` with `product`: the posted rate while fresh, the higher of the
    /// posted and default rates once stale, the default rate if none was posted.
    /// @param product The product.
    /// @param subject The IP or vault.
    /// @return rate The annual rate (WAD).
    function rateOf(address product, address subject) external view returns (uint256 rate);

    /// @notice A subject's posted rate and when it was posted.
    /// @param product The product.
    /// @param subject The IP or vault.
    /// @return rate The posted rate (0: none).
    /// @return updatedAt When it was posted.
    function postedRate(address product, address subject) external view returns (uint256 rate, uint256 updatedAt);

    /// @notice A product's default rate.
    /// @param product The product.
    /// @return The rate (WAD; 0: not priced).
    function defaultRate(address product) external view returns (uint256);

    /// @notice Seconds after which a posted rate is stale.
    /// @return The limit.
    function maxAge() external view returns (uint256);
}
