// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC4626 } from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import { ICoverNFT } from "./ICoverNFT.sol";
import { IRiskOracle } from "./IRiskOracle.sol";

/// @notice Deployment configuration of an underwriting pool.
struct PoolConfig {
    /// @dev The pool asset (WIP or a stablecoin): a standard ERC-20 (no fee on transfer, no rebasing).
    address asset;
    /// @dev The share token's name.
    string name;
    /// @dev The share token's symbol.
    string symbol;
    /// @dev The AccessManager governing every restricted function.
    address authority;
    /// @dev The cover NFT (the pool must be granted its mint and status functions).
    address coverNFT;
    /// @dev Prices cover.
    address riskOracle;
    /// @dev Receives the protocol fee on premiums.
    address treasury;
    /// @dev Share of each premium paid to the treasury (WAD, at most 20%).
    uint256 protocolFee;
    /// @dev Active cover may reach this share of the pool's capital (WAD, at most 100%).
    uint256 capacityRatio;
    /// @dev Seconds between a withdrawal request and the start of its execution window.
    uint256 cooldown;
    /// @dev Seconds the execution window stays open.
    uint256 withdrawalWindow;
}

/// @notice Sale terms of one product in a pool.
struct ProductConfig {
    /// @dev Whether new covers are sold (existing covers keep paying either way).
    bool enabled;
    /// @dev Shortest cover period (seconds).
    uint32 minDuration;
    /// @dev Longest cover period (seconds).
    uint32 maxDuration;
    /// @dev Seconds after purchase before the cover period starts (events earlier never pay).
    uint32 waitingPeriod;
    /// @dev Seconds after the cover period ends during which claims are still paid (arbitration takes weeks).
    uint32 claimWindow;
    /// @dev Smallest cover amount (keeps dust covers from crowding a product's bounded per-subject lists).
    uint128 minAmount;
}

/// @notice What a cover buyer asks for.
struct CoverRequest {
    /// @dev The product.
    address product;
    /// @dev The insured subject: the IP (infringement) or the lending vault (loan shortfall).
    address subject;
    /// @dev The watched IP: the IP itself for infringement, one listed IP or zero (all) for loan shortfall.
    address ipId;
    /// @dev The most the cover pays, in pool-asset units.
    uint256 amount;
    /// @dev The cover period (seconds).
    uint256 duration;
    /// @dev The most the buyer pays (slippage guard against a rate change).
    uint256 maxPremium;
    /// @dev Who receives the cover NFT.
    address recipient;
}

/// @notice A premium quote.
struct Quote {
    /// @dev The premium, protocol fee included.
    uint256 premium;
    /// @dev The protocol fee part.
    uint256 fee;
    /// @dev The annual rate used (WAD).
    uint256 rate;
}

/// @title IUnderwritingPool
/// @notice An ERC-4626 pool of underwriting capital in one asset. Underwriters deposit, earn premiums streamed over
/// each cover's period, and leave in two steps (request, cooldown, execution window) with capital that active cover
/// does not lock. Cover buyers pay a premium priced by the risk oracle and receive a cover NFT; claims are decided by
/// the cover's product from on-chain facts and paid from the pool, lowering the share price.
/// @dev Cover locks its full amount until its claim deadline, so every cover is fully backed: Σ locked ≤ capital.
/// Premium streams and locks end on weekly epoch boundaries (at or after the cover's end or claim deadline), which
/// makes expiry O(1) per epoch with no loop over covers. A reported pending claim reserves its amount out of the
/// share price, so underwriters cannot leave at a price that ignores a claim they can see coming.
interface IUnderwritingPool is IERC4626 {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted when an underwriter requests a withdrawal (shares move to the pool's escrow).
    /// @param owner The underwriter.
    /// @param shares Shares added to the request.
    /// @param requestedShares The request's total shares.
    /// @param unlocksAt When the execution window opens (the cooldown restarts on every request).
    event WithdrawalRequested(address indexed owner, uint256 shares, uint256 requestedShares, uint256 unlocksAt);

    /// @notice Emitted when a withdrawal request is cancelled and its shares returned.
    /// @param owner The underwriter.
    /// @param shares Shares returned.
    event WithdrawalCancelled(address indexed owner, uint256 shares);

    /// @notice Emitted when a cover is sold.
    /// @param coverId The cover NFT id.
    /// @param product The product.
    /// @param subject The insured subject.
    /// @param ipId The watched IP.
    /// @param buyer Who paid.
    /// @param amount The cover amount.
    /// @param premium The premium paid (fee included).
    /// @param fee The protocol fee.
    event CoverPurchased(
        uint256 indexed coverId,
        address indexed product,
        address indexed subject,
        address ipId,
        address buyer,
        uint256 amount,
        uint256 premium,
        uint256 fee
    );

    /// @notice Emitted when a claim is paid.
    /// @param coverId The cover.
    /// @param recipient Who received the payout.
    /// @param amount The payout.
    event ClaimPaid(uint256 indexed coverId, address indexed recipient, uint256 amount);

    /// @notice Emitted when a pending claim is reported and the cover amount reserved out of the share price.
    /// @param coverId The cover.
    /// @param amount The amount reserved.
    event CoverReserved(uint256 indexed coverId, uint256 amount);

    /// @notice Emitted when a reported claim fails and its reserve returns to the share price.
    /// @param coverId The cover.
    /// @param amount The amount released.
    event CoverReleased(uint256 indexed coverId, uint256 amount);

    /// @notice Emitted when premiums are earned and expired cover is released (on every state-changing call).
    /// @param earned Premium earned since the last accrual.
    /// @param premiumRate Premium streamed per second afterwards (scaled by 1e18).
    /// @param locked Capital locked by live cover afterwards.
    event Accrued(uint256 earned, uint256 premiumRate, uint256 locked);

    /// @notice Emitted when a product's sale terms are set.
    /// @param product The product.
    /// @param config The terms.
    event ProductSet(address indexed product, ProductConfig config);

    /// @notice Emitted when the capacity ratio is set.
    /// @param capacityRatio The ratio (WAD).
    event CapacityRatioSet(uint256 capacityRatio);

    /// @notice Emitted when the protocol fee is set.
    /// @param protocolFee The fee (WAD).
    event ProtocolFeeSet(uint256 protocolFee);

    /// @notice Emitted when the treasury is set.
    /// @param treasury The treasury.
    event TreasurySet(address treasury);

    /// @notice Emitted when the risk oracle is set.
    /// @param riskOracle The oracle.
    event RiskOracleSet(IRiskOracle riskOracle);

    /// @notice Emitted when the withdrawal cooldown and window are set.
    /// @param cooldown The cooldown (seconds).
    /// @param window The execution window (seconds).
    event WithdrawalTimesSet(uint256 cooldown, uint256 window);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice A zero amount.
    /// @dev Fires for zero deposits, withdrawal requests, cover amounts and payouts.
    error ZeroAmount();

    /// @notice A required address is zero.
    /// @dev Fires from the constructor and setters.
    error ZeroAddress();

    /// @notice A parameter is outside its bounds.
    /// @dev Fires from the constructor and setters.
    /// @param parameter The parameter's name.
    error ParameterOutOfBounds(bytes32 parameter);

    /// @notice The product is not sold by this pool.
    /// @dev Fires from `buyCover` and `quote` for an unknown or disabled product.
    /// @param product The product.
    error ProductNotEnabled(address product);

    /// @notice The cover period is outside the product's bounds.
    /// @dev Fires from `buyCover` and `quote`.
    /// @param duration The requested period.
    /// @param minDuration The shortest allowed.
    /// @param maxDuration The longest allowed.
    error DurationOutOfBounds(uint256 duration, uint256 minDuration, uint256 maxDuration);

    /// @notice The cover amount is below the product's minimum.
    /// @dev Fires from `buyCover` and `quote`.
    /// @param amount The cover amount asked.
    /// @param minAmount The product's minimum.
    error AmountBelowMinimum(uint256 amount, uint256 minAmount);

    /// @notice The cover would take active cover above the pool's capacity.
    /// @dev Fires from `buyCover` and `quote`.
    /// @param amount The cover amount asked.
    /// @param available The capacity left.
    error ExceedsCapacity(uint256 amount, uint256 available);

    /// @notice The premium is above the buyer's limit.
    /// @dev Fires from `buyCover` when the rate rose after the quote.
    /// @param premium The premium.
    /// @param maxPremium The buyer's limit.
    error PremiumAboveMax(uint256 premium, uint256 maxPremium);

    /// @notice The caller is not the cover's product, or the cover was written by another pool.
    /// @dev Fires from `payClaim`, `reserveCover` and `releaseCover`.
    /// @param coverId The cover.
    /// @param caller The caller.
    error NotCoverProduct(uint256 coverId, address caller);

    /// @notice The cover is not in the state the call needs (already paid, or not reported).
    /// @dev Fires from `payClaim` (paid), `reserveCover` (not active) and `releaseCover` (not reported).
    /// @param coverId The cover.
    error InvalidCoverStatus(uint256 coverId);

    /// @notice The cover's claim deadline has passed.
    /// @dev Fires from `payClaim`, `reserveCover` and `releaseCover`.
    /// @param coverId The cover.
    /// @param claimDeadline The deadline.
    error ClaimWindowClosed(uint256 coverId, uint256 claimDeadline);

    /// @notice The payout is above the cover amount.
    /// @dev Fires from `payClaim`.
    /// @param amount The payout asked.
    /// @param coverAmount The cover amount.
    error ClaimExceedsCover(uint256 amount, uint256 coverAmount);

    /// @notice The owner has no withdrawal request.
    /// @dev Fires from `withdraw`, `redeem` and `cancelWithdrawal`.
    /// @param owner The owner.
    error NoWithdrawalRequest(address owner);

    /// @notice The cooldown of the request is not over.
    /// @dev Fires from `withdraw` and `redeem`.
    /// @param unlocksAt When the execution window opens.
    error CooldownNotOver(uint256 unlocksAt);

    /// @notice The request's execution window has closed; cancel it and request again.
    /// @dev Fires from `withdraw` and `redeem`.
    /// @param closedAt When the window closed.
    error WithdrawalWindowClosed(uint256 closedAt);

    /// @notice More shares than the request holds.
    /// @dev Fires from `withdraw` and `redeem`.
    /// @param shares Shares asked.
    /// @param requestedShares Shares in the request.
    error ExceedsRequest(uint256 shares, uint256 requestedShares);

    /// @notice The withdrawal would take capital locked by active cover.
    /// @dev Fires from `withdraw` and `redeem`.
    /// @param assets Assets asked.
    /// @param freeCapital Capital not locked.
    error InsufficientFreeCapital(uint256 assets, uint256 freeCapital);

    /*//////////////////////////////////////////////////////////////
                               AUTHORITY
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets a product's sale terms; disabling stops new sales only. Restricted (risk manager); the minimum
    /// amount is at most `MAX_MIN_COVER_TOKENS` whole asset tokens.
    /// @param product The product contract (bound to this pool).
    /// @param config The terms (bounded).
    function setProduct(address product, ProductConfig calldata config) external;

    /// @notice Sets the share of capital active cover may reach. Restricted; in (0, 100%].
    /// @param capacityRatio The ratio (WAD).
    function setCapacityRatio(uint256 capacityRatio) external;

    /// @notice Sets the protocol fee on future premiums. Restricted; at most 20%.
    /// @param protocolFee The fee (WAD).
    function setProtocolFee(uint256 protocolFee) external;

    /// @notice Sets the treasury. Restricted.
    /// @param treasury The treasury.
    function setTreasury(address treasury) external;

    /// @notice Sets the risk oracle. Restricted.
    /// @param riskOracle The oracle.
    function setRiskOracle(IRiskOracle riskOracle) external;

    /// @notice Sets the withdrawal cooldown and execution window for future requests. Restricted; cooldown within
    /// [1 day, 30 days], window within [1 day, 14 days].
    /// @param cooldown The cooldown (seconds).
    /// @param window The window (seconds).
    function setWithdrawalTimes(uint256 cooldown, uint256 window) external;

    /// @notice Pauses deposits and cover sales. Withdrawal requests, withdrawals, claims and accrual keep working,
    /// so a pause can never trap underwriters or deny a valid claim. Restricted (guardian).
    function pause() external;

    /// @notice Lifts the pause. Restricted.
    function unpause() external;

    /*//////////////////////////////////////////////////////////////
                              UNDERWRITERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Moves `shares` of the caller into a withdrawal request and restarts its cooldown. The shares keep
    /// backing claims (a payout lowers their value) until the withdrawal executes.
    /// @param shares Shares to add to the request.
    function requestWithdrawal(uint256 shares) external;

    /// @notice Cancels the caller's request and returns its shares.
    function cancelWithdrawal() external;

    /// @notice The owner's withdrawal request.
    /// @param owner The underwriter.
    /// @return shares Shares in the request.
    /// @return unlocksAt When the execution window opens.
    /// @return closesAt When it closes.
    function withdrawalRequest(
        address owner
    ) external view returns (uint256 shares, uint256 unlocksAt, uint256 closesAt);

    /*//////////////////////////////////////////////////////////////
                                 COVER
    //////////////////////////////////////////////////////////////*/

    /// @notice Buys cover: pulls the premium from the caller (the fee to the treasury, the rest streamed to
    /// underwriters over the cover period) and mints the cover NFT to `request.recipient`.
    /// @param request What to insure.
    /// @return coverId The cover NFT id.
    function buyCover(CoverRequest calldata request) external returns (uint256 coverId);

    /// @notice Prices a cover without buying it; reverts as `buyCover` would for the same request now (including
    /// `EnforcedPause` while paused).
    /// @param product The product.
    /// @param subject The insured subject.
    /// @param ipId The watched IP.
    /// @param amount The cover amount.
    /// @param duration The cover period (seconds).
    /// @return quote_ The premium, its fee part and the rate.
    function quote(
        address product,
        address subject,
        address ipId,
        uint256 amount,
        uint256 duration
    ) external view returns (Quote memory quote_);

    /// @notice Pays a claim on a cover. Only the cover's product, after verifying the claim; the cover is then paid
    /// and its lock released.
    /// @param coverId The cover.
    /// @param recipient Who is paid.
    /// @param amount The payout (at most the cover amount).
    function payClaim(uint256 coverId, address recipient, uint256 amount) external;

    /// @notice Reserves a cover's amount out of the share price for a reported pending claim. Only the cover's
    /// product.
    /// @param coverId The cover.
    function reserveCover(uint256 coverId) external;

    /// @notice Returns a failed reported claim's reserve to the share price. Only the cover's product.
    /// @param coverId The cover.
    function releaseCover(uint256 coverId) external;

    /// @notice Earns streamed premiums and releases expired cover up to now. Permissionless.
    function accrue() external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The cover NFT.
    /// @return The NFT contract.
    function COVER_NFT() external view returns (ICoverNFT);

    /// @notice The risk oracle.
    /// @return The oracle.
    function riskOracle() external view returns (IRiskOracle);

    /// @notice A product's sale terms.
    /// @param product The product.
    /// @return The terms.
    function productConfig(address product) external view returns (ProductConfig memory);

    /// @notice Underwriters' capital now: deposits and earned premiums, less withdrawals and payouts (reserves
    /// included).
    /// @return The capital.
    function capital() external view returns (uint256);

    /// @notice Capital locked by live cover now (every cover until its claim deadline's epoch ends).
    /// @return The locked capital.
    function lockedCapital() external view returns (uint256);

    /// @notice Cover amounts reserved for reported pending claims now.
    /// @return The reserved capital.
    function reservedCapital() external view returns (uint256);

    /// @notice Capital that can leave now: capital not locked by live cover.
    /// @return The free capital.
    function freeCapital() external view returns (uint256);

    /// @notice Premiums paid but not yet earned.
    /// @return The unearned premium.
    function unearnedPremium() external view returns (uint256);

    /// @notice How much more cover the pool can sell now.
    /// @return The capacity left, in pool-asset units.
    function availableCapacity() external view returns (uint256);
}
