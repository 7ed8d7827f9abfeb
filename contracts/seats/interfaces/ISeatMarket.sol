// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC1155 } from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";

/// @notice One resale listing: `amount` seats of `seriesId` offered by `seller` at `pricePerSeat` each.
struct Listing {
    /// @dev The holder offering the seats; they stay in the seller's wallet until a purchase.
    address seller;
    /// @dev The listing cannot be bought from this timestamp on (0: never expires).
    uint64 expiry;
    /// @dev The ERC-20 the buyer pays in (allowlisted when listed and when bought).
    address paymentToken;
    /// @dev The seat series (ERC-1155 token id).
    uint256 seriesId;
    /// @dev Seats still offered; 0 once fully filled or cancelled (the record is then deleted).
    uint256 amount;
    /// @dev Price of one seat in `paymentToken` units.
    uint256 pricePerSeat;
}

/// @title ISeatMarket
/// @notice A non-custodial resale market for collaboration seats (any ERC-1155 that implements ERC-2981). Holders
/// list seats at a fixed price per seat and keep them, having approved the market with `setApprovalForAll`; buyers
/// fill all or part of a listing. The buyer pays the ERC-2981 royalty (capped at `MAX_ROYALTY_BPS` of the sale)
/// straight to the royalty receiver and the rest straight to the seller: the market never holds funds or seats.
/// @dev A listing whose seller no longer holds the seats, or revoked the approval, stays on the book but cannot be
/// filled: `buy` reverts with `ListingUnfillable` before any transfer. Payment tokens are assumed standard ERC-20s
/// (no fee on transfer); the allowlist is managed through the AccessManager.
interface ISeatMarket {
    /* ---------------------------------------------------------------- EVENTS */

    /// @notice A holder listed seats for sale.
    /// @param listingId The new listing's id.
    /// @param seller The holder offering the seats.
    /// @param seriesId The seat series.
    /// @param amount The number of seats offered.
    /// @param paymentToken The ERC-20 the buyer pays in.
    /// @param pricePerSeat The price of one seat in `paymentToken` units.
    /// @param expiry The timestamp from which the listing cannot be bought (0: none).
    event Listed(
        uint256 indexed listingId,
        address indexed seller,
        uint256 indexed seriesId,
        uint256 amount,
        address paymentToken,
        uint256 pricePerSeat,
        uint64 expiry
    );

    /// @notice Seats of a listing were bought; `amount` seats moved from `seller` to `buyer`.
    /// @param listingId The listing filled (closed if no seats remain).
    /// @param buyer The account that paid and received the seats.
    /// @param seller The account that sold them.
    /// @param seriesId The seat series.
    /// @param amount The number of seats bought.
    /// @param totalPrice What the buyer paid in total: `amount * pricePerSeat`.
    /// @param royaltyReceiver The ERC-2981 receiver paid (address(0) when no royalty was paid).
    /// @param royaltyAmount The part of `totalPrice` paid to `royaltyReceiver`; the seller got the rest.
    event Purchased(
        uint256 indexed listingId,
        address indexed buyer,
        address indexed seller,
        uint256 seriesId,
        uint256 amount,
        uint256 totalPrice,
        address royaltyReceiver,
        uint256 royaltyAmount
    );

    /// @notice A listing was cancelled (by its seller, or by anyone once expired).
    /// @param listingId The listing removed.
    event ListingCancelled(uint256 indexed listingId);

    /// @notice A payment token was allowed or disallowed.
    /// @param token The ERC-20.
    /// @param allowed Whether new listings and purchases may use it.
    event PaymentTokenSet(address indexed token, bool allowed);

    /* ---------------------------------------------------------------- ERRORS */

    /// @notice The seats contract does not declare ERC-1155 and ERC-2981 support.
    /// @dev Fires in the constructor when `seats` (ERC-165) does not support both interfaces, or has no code.
    /// @param seats The rejected contract.
    error UnsupportedSeats(address seats);

    /// @notice A required address is zero.
    /// @dev Fires in `setPaymentToken` when `token == address(0)`.
    error ZeroAddress();

    /// @notice A seat amount is zero.
    /// @dev Fires in `list`, `buy` and `quote` when `amount == 0`.
    error ZeroAmount();

    /// @notice The price per seat is zero, or the listing's total value does not fit in a uint256.
    /// @dev Fires in `list` when `pricePerSeat == 0` or `amount * pricePerSeat` would overflow.
    /// @param pricePerSeat The rejected price.
    error InvalidPrice(uint256 pricePerSeat);

    /// @notice The expiry is in the past or too far in the future.
    /// @dev Fires in `list` when `expiry != 0` and `expiry <= block.timestamp` or
    /// `expiry > block.timestamp + MAX_LISTING_DURATION`.
    /// @param expiry The rejected expiry.
    error InvalidExpiry(uint64 expiry);

    /// @notice The payment token is not on the allowlist.
    /// @dev Fires in `list` for a token never allowed, and in `buy` when the listing's token was disallowed since.
    /// @param token The rejected token.
    error PaymentTokenNotAllowed(address token);

    /// @notice The seller does not hold the seats they try to list.
    /// @dev Fires in `list` when `balanceOf(msg.sender, seriesId) < amount`.
    /// @param seriesId The seat series.
    /// @param balance The seller's seats of that series.
    /// @param amount The seats they tried to list.
    error InsufficientSeats(uint256 seriesId, uint256 balance, uint256 amount);

    /// @notice The seller has not approved the market to move their seats.
    /// @dev Fires in `list` when `isApprovedForAll(msg.sender, market)` is false.
    /// @param seller The seller.
    error MarketNotApproved(address seller);

    /// @notice The listing does not exist or is closed (filled or cancelled).
    /// @dev Fires in `buy`, `cancel` and `quote` for such a listing.
    /// @param listingId The listing.
    error ListingNotActive(uint256 listingId);

    /// @notice The listing has expired.
    /// @dev Fires in `buy` when `expiry != 0 && block.timestamp >= expiry`.
    /// @param listingId The listing.
    /// @param expiry Its expiry.
    error ListingExpired(uint256 listingId, uint64 expiry);

    /// @notice More seats were requested than the listing offers.
    /// @dev Fires in `buy` and `quote` when `amount > listing.amount`.
    /// @param listingId The listing.
    /// @param requested The seats requested.
    /// @param listed The seats the listing still offers.
    error AmountExceedsListing(uint256 listingId, uint256 requested, uint256 listed);

    /// @notice The purchase would cost more than the buyer accepted.
    /// @dev Fires in `buy` when `amount * pricePerSeat > maxTotalPrice` (protects against a front-run relisting).
    /// @param totalPrice The price the purchase would cost.
    /// @param maxTotalPrice The buyer's bound.
    error PriceAboveMax(uint256 totalPrice, uint256 maxTotalPrice);

    /// @notice The seller cannot buy their own listing.
    /// @dev Fires in `buy` when `msg.sender == listing.seller`.
    /// @param listingId The listing.
    error SelfPurchase(uint256 listingId);

    /// @notice The seller can no longer deliver the seats requested.
    /// @dev Fires in `buy`, before any transfer, when the seller holds fewer than `amount` seats of the series or
    /// revoked the market's approval.
    /// @param listingId The listing.
    /// @param available The seats the market can currently move from the seller (0 without approval).
    error ListingUnfillable(uint256 listingId, uint256 available);

    /// @notice Only the seller may cancel a listing that has not expired.
    /// @dev Fires in `cancel` when `msg.sender != listing.seller` and the listing has not expired (or never does).
    /// @param listingId The listing.
    /// @param caller The caller.
    error NotListingSeller(uint256 listingId, address caller);

    /* ---------------------------------------------------------------- CONSTANTS */

    /// @notice The highest royalty the market pays, whatever the seats contract reports.
    /// @return 1,000 basis points (10% of the sale).
    function MAX_ROYALTY_BPS() external view returns (uint256);

    /// @notice The longest a listing may stay open.
    /// @return 365 days, in seconds.
    function MAX_LISTING_DURATION() external view returns (uint256);

    /* ---------------------------------------------------------------- LISTING */

    /// @notice Lists `amount` seats of `seriesId` at `pricePerSeat` each in `paymentToken`. The seats stay with the
    /// caller, who must have approved the market (`setApprovalForAll`).
    /// @param seriesId The seat series (ERC-1155 id).
    /// @param amount The seats offered; the caller must hold at least this many.
    /// @param paymentToken An allowlisted ERC-20.
    /// @param pricePerSeat The price of one seat, non-zero.
    /// @param expiry The timestamp from which the listing cannot be bought: 0 for none, otherwise in the future and
    /// at most `MAX_LISTING_DURATION` away.
    /// @return listingId The new listing's id (ids start at 1).
    function list(
        uint256 seriesId,
        uint256 amount,
        address paymentToken,
        uint256 pricePerSeat,
        uint64 expiry
    ) external returns (uint256 listingId);

    /// @notice Buys `amount` seats of a listing (all or part). The caller pays `amount * pricePerSeat`: the
    /// (capped) ERC-2981 royalty to its receiver and the rest to the seller, from the caller's allowance to the
    /// market; the seats go from the seller to the caller with `safeTransferFrom`.
    /// @param listingId The listing.
    /// @param amount The seats to buy, at most the listing's remaining amount.
    /// @param maxTotalPrice The most the caller accepts to pay in total.
    function buy(uint256 listingId, uint256 amount, uint256 maxTotalPrice) external;

    /// @notice Cancels a listing: by its seller at any time, or by anyone once it has expired (cleanup).
    /// @param listingId The listing.
    function cancel(uint256 listingId) external;

    /* ---------------------------------------------------------------- ADMIN */

    /// @notice Allows or disallows a payment token for new listings and for purchases. Restricted (AccessManager).
    /// @param token The ERC-20, non-zero.
    /// @param allowed Whether it may be used.
    function setPaymentToken(address token, bool allowed) external;

    /* ---------------------------------------------------------------- VIEWS */

    /// @notice The seats contract traded on this market.
    /// @return The ERC-1155 (with ERC-2981) given at construction.
    function seats() external view returns (IERC1155);

    /// @notice Whether a payment token is allowed.
    /// @param token The ERC-20.
    /// @return True when listings and purchases may use it.
    function isPaymentToken(address token) external view returns (bool);

    /// @notice The id the next listing will get.
    /// @return One more than the number of listings ever created.
    function nextListingId() external view returns (uint256);

    /// @notice A listing's record.
    /// @param listingId The listing.
    /// @return The listing (all zero once closed or if it never existed).
    function listing(uint256 listingId) external view returns (Listing memory);

    /// @notice The seats of a listing that can be bought right now: its remaining amount, limited by what the
    /// seller still holds and approved (0 if closed, expired or the payment token was disallowed).
    /// @param listingId The listing.
    /// @return The number of seats `buy` would accept.
    function fillable(uint256 listingId) external view returns (uint256);

    /// @notice What buying `amount` seats of a listing costs and where the money goes.
    /// @param listingId An active listing.
    /// @param amount The seats, between 1 and the listing's remaining amount.
    /// @return total What the buyer pays: `amount * pricePerSeat`.
    /// @return royaltyReceiver The ERC-2981 receiver (address(0) when no royalty is due: a zero receiver is
    /// treated as no royalty).
    /// @return royaltyAmount The royalty: the reported one, capped at `MAX_ROYALTY_BPS` of `total`.
    /// @return sellerProceeds What the seller receives: `total - royaltyAmount`.
    function quote(
        uint256 listingId,
        uint256 amount
    ) external view returns (uint256 total, address royaltyReceiver, uint256 royaltyAmount, uint256 sellerProceeds);
}
