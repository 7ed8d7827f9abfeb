// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IRoyaltyModule
/// @notice The subset of Story's Royalty Module that Quintessence uses.
interface IRoyaltyModule {
    /// @notice Thrown when a restricted admin function is called by someone other than the protocol admin.
    /// @dev Fires on every admin setter.
    /// @param caller The caller.
    error AccessManagedUnauthorized(address caller);

    /// @notice Thrown when a hook reserved to the Licensing Module is called by anyone else.
    /// @dev Fires on `onLicenseMinting`, `onLinkToParents` and `payLicenseMintingFee`.
    error RoyaltyModule__NotAllowedCaller();

    /// @notice Thrown when a payment of zero is made.
    /// @dev First check of every payment.
    error RoyaltyModule__ZeroAmount();

    /// @notice Thrown when a payment is made in a token that is not whitelisted.
    /// @dev Second check of every payment.
    error RoyaltyModule__NotWhitelistedRoyaltyToken();

    /// @notice Thrown when the receiver of a payment is tagged by a successful dispute.
    /// @dev Third check of every payment.
    error RoyaltyModule__IpIsTagged();

    /// @notice Thrown when the royalty fee rounds a payment's fee down to zero.
    /// @dev Fires only while the royalty fee is above zero.
    error RoyaltyModule__PaymentAmountIsTooLow();

    /// @notice Thrown when the receiver of a payment has no royalty vault yet.
    /// @dev Fires after the fee and the policies' shares, when something is left for the vault.
    error RoyaltyModule__ZeroReceiverVault();

    /// @notice Thrown when a percentage or a royalty stack is above 100%.
    /// @dev Fires on the fee setter, on license minting and on linking.
    error RoyaltyModule__AboveMaxPercent();

    /// @notice Thrown when the treasury would be (or is) the zero address.
    /// @dev Fires on `setTreasury(0)` and on `setRoyaltyFeePercent` before a treasury is set.
    error RoyaltyModule__ZeroTreasury();

    /// @notice Thrown when the zero address is whitelisted as a royalty policy or used as one.
    /// @dev Fires on `whitelistRoyaltyPolicy`, `onLicenseMinting` and `onLinkToParents`.
    error RoyaltyModule__ZeroRoyaltyPolicy();

    /// @notice Thrown when the zero address is whitelisted as a royalty token.
    /// @dev Fires on `whitelistRoyaltyToken`.
    error RoyaltyModule__ZeroRoyaltyToken();

    /// @notice Thrown when a royalty policy is neither whitelisted nor a registered external policy.
    /// @dev Fires on license minting and on linking.
    error RoyaltyModule__NotWhitelistedOrRegisteredRoyaltyPolicy();

    /// @notice Thrown when a derivative is linked to no parent.
    /// @dev Fires on `onLinkToParents`.
    error RoyaltyModule__NoParentsOnLinking();

    /// @notice Thrown when a parent in a link is the zero address.
    /// @dev Fires on `onLinkToParents`.
    error RoyaltyModule__ZeroParentIpId();

    /// @notice Thrown when linking would need more royalty tokens than the caller allows.
    /// @dev Fires on `onLinkToParents` (LAP needs none; LRP needs its percentage).
    error RoyaltyModule__AboveMaxRts();

    /// @notice Thrown when an IP would accumulate more royalty policies than allowed.
    /// @dev Fires on `onLinkToParents`.
    error RoyaltyModule__AboveAccumulatedRoyaltyPoliciesLimit();

    /// @notice Thrown when a call to the IP graph fails.
    /// @dev Fires on ancestor queries.
    error RoyaltyModule__CallFailed();

    /// @notice Thrown when the module is built with a zero dispute module.
    /// @dev Fires in the constructor.
    error RoyaltyModule__ZeroDisputeModule();

    /// @notice Thrown when the module is built with a zero IP asset registry.
    /// @dev Fires in the constructor.
    error RoyaltyModule__ZeroIpAssetRegistry();

    /// @notice Thrown when the licensing module would be the zero address.
    /// @dev Fires on the devnet's `setLicensingModule(0)`.
    error RoyaltyModule__ZeroLicensingModule();

    /// @notice Emitted when royalties are paid to an IP.
    /// @param receiverIpId The IP paid.
    /// @param payerIpId The paying IP (informational; may be zero).
    /// @param sender The account the tokens were pulled from.
    /// @param token The revenue token.
    /// @param amount The amount paid.
    /// @param amountAfterFee The amount after the protocol fee.
    event RoyaltyPaid(
        address receiverIpId,
        address payerIpId,
        address sender,
        address token,
        uint256 amount,
        uint256 amountAfterFee
    );

    /// @notice Emitted when an IP's royalty vault is deployed.
    /// @param ipId The IP.
    /// @param ipRoyaltyVault The vault (the IP's royalty-token ERC-20).
    event IpRoyaltyVaultDeployed(address ipId, address ipRoyaltyVault);

    /// @notice Emitted when a license with a royalty policy is minted.
    /// @param ipId The licensor IP.
    /// @param royaltyPolicy The royalty policy.
    /// @param licensePercent The license's revenue share.
    /// @param externalData Policy-specific data.
    event LicensedWithRoyalty(address ipId, address royaltyPolicy, uint32 licensePercent, bytes externalData);

    /// @notice Emitted when a derivative is linked to its parents.
    /// @param ipId The derivative IP.
    /// @param parentIpIds The parents.
    /// @param licenseRoyaltyPolicies The royalty policy of each parent's license.
    /// @param licensesPercent The revenue share of each parent's license.
    /// @param externalData Policy-specific data.
    event LinkedToParents(
        address ipId,
        address[] parentIpIds,
        address[] licenseRoyaltyPolicies,
        uint32[] licensesPercent,
        bytes externalData
    );

    /// @notice Emitted when a license minting fee is paid.
    /// @param receiverIpId The licensor IP.
    /// @param payerAddress The account that paid.
    /// @param token The fee currency.
    /// @param amount The fee.
    /// @param amountAfterFee The fee minus the protocol royalty fee.
    event LicenseMintingFeePaid(
        address receiverIpId,
        address payerAddress,
        address token,
        uint256 amount,
        uint256 amountAfterFee
    );

    /// @notice Emitted when a royalty policy is whitelisted or removed.
    /// @param royaltyPolicy The policy.
    /// @param allowed Whether it is whitelisted.
    event RoyaltyPolicyWhitelistUpdated(address royaltyPolicy, bool allowed);

    /// @notice Emitted when a royalty token is whitelisted or removed.
    /// @param token The token.
    /// @param allowed Whether it is whitelisted.
    event RoyaltyTokenWhitelistUpdated(address token, bool allowed);

    /// @notice Emitted when the treasury is set.
    /// @param treasury The treasury.
    event TreasurySet(address treasury);

    /// @notice Emitted when the royalty fee is set.
    /// @param royaltyFeePercent The fee (100% = 100_000_000).
    event RoyaltyFeePercentSet(uint256 royaltyFeePercent);

    /// @notice Whitelists or removes a royalty policy. Protocol admin only.
    /// @param royaltyPolicy The policy.
    /// @param allowed Whether it is whitelisted.
    function whitelistRoyaltyPolicy(address royaltyPolicy, bool allowed) external;

    /// @notice Whitelists or removes a royalty (revenue) token. Protocol admin only.
    /// @param token The token.
    /// @param allowed Whether it is whitelisted.
    function whitelistRoyaltyToken(address token, bool allowed) external;

    /// @notice Sets the treasury that receives the royalty fee. Protocol admin only.
    /// @param treasury The treasury.
    function setTreasury(address treasury) external;

    /// @notice Sets the royalty fee taken from every payment. Protocol admin only; needs a treasury.
    /// @param royaltyFeePercent The fee (100% = 100_000_000).
    function setRoyaltyFeePercent(uint32 royaltyFeePercent) external;

    /// @notice Pays royalties to an IP, pulling `amount` of `token` from the caller (approve the module first).
    /// @param receiverIpId The IP paid.
    /// @param payerIpId The paying IP (informational; may be zero).
    /// @param token A whitelisted revenue token.
    /// @param amount The amount.
    function payRoyaltyOnBehalf(address receiverIpId, address payerIpId, address token, uint256 amount) external;

    /// @notice The royalty vault of an IP, or zero before its first commercial license.
    /// @param ipId The IP.
    /// @return The vault address.
    function ipRoyaltyVaults(address ipId) external view returns (address);

    /// @notice Whether a token may be used to pay royalties.
    /// @param token The token.
    /// @return True if whitelisted.
    function isWhitelistedRoyaltyToken(address token) external view returns (bool);

    /// @notice Whether a royalty policy is whitelisted.
    /// @param royaltyPolicy The policy.
    /// @return True if whitelisted.
    function isWhitelistedRoyaltyPolicy(address royaltyPolicy) external view returns (bool);

    /// @notice Whether an address is a royalty vault deployed by this module.
    /// @param ipRoyaltyVault The address.
    /// @return True if it is.
    function isIpRoyaltyVault(address ipRoyaltyVault) external view returns (bool);

    /// @notice Whether an address is a registered external royalty policy.
    /// @param externalRoyaltyPolicy The address.
    /// @return True if registered.
    function isRegisteredExternalRoyaltyPolicy(address externalRoyaltyPolicy) external view returns (bool);

    /// @notice The treasury that receives the royalty fee.
    /// @return The treasury.
    function treasury() external view returns (address);

    /// @notice The royalty fee taken from every payment (100% = 100_000_000).
    /// @return The fee.
    function royaltyFeePercent() external view returns (uint32);

    /// @notice The share of an IP's revenue owed to its ancestors, summed over the whitelisted policies.
    /// @param ipId The IP.
    /// @return The royalty stack (100% = 100_000_000).
    function globalRoyaltyStack(address ipId) external view returns (uint32);

    /// @notice The royalty policies an IP inherited from its ancestors.
    /// @param ipId The IP.
    /// @return The policies.
    function accumulatedRoyaltyPolicies(address ipId) external view returns (address[] memory);

    /// @notice The revenue (after fee) an IP ever received in `token`.
    /// @param ipId The IP.
    /// @param token The token.
    /// @return The total.
    function totalRevenueTokensReceived(address ipId, address token) external view returns (uint256);

    /// @notice The revenue (after fee) an IP received in `token` while `royaltyPolicy` was whitelisted for it.
    /// @param ipId The IP.
    /// @param token The token.
    /// @param royaltyPolicy The policy.
    /// @return The total.
    function totalRevenueTokensAccounted(
        address ipId,
        address token,
        address royaltyPolicy
    ) external view returns (uint256);

    /// @notice 100% in Story's percentage scale.
    /// @return 100_000_000.
    function maxPercent() external pure returns (uint32);
}
