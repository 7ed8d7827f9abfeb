// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManaged } from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import { IERC2981 } from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import { IERC1155 } from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { ERC165Checker } from "@openzeppelin/contracts/utils/introspection/ERC165Checker.sol";
import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { ReentrancyGuardTransient } from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import { ISeatMarket, Listing } from "./interfaces/ISeatMarket.sol";

/// @title SeatMarket
/// @notice Non-custodial fixed-price resale of collaboration seats with ERC-2981 royalties (see ISeatMarket).
contract SeatMarket is ISeatMarket, AccessManaged, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /* ---------------------------------------------------------------- CONSTANTS */

    /// @inheritdoc ISeatMarket
    uint256 public constant MAX_ROYALTY_BPS = 1_000;

    /// @inheritdoc ISeatMarket
    uint256 public constant MAX_LISTING_DURATION = 365 days;

    /// @dev 100% in basis points.
    uint256 private constant BPS = 10_000;

    /* ---------------------------------------------------------------- STORAGE */

    /// @inheritdoc ISeatMarket
    IERC1155 public immutable seats;

    /// @inheritdoc ISeatMarket
    mapping(address token => bool allowed) public isPaymentToken;

    /// @inheritdoc ISeatMarket
    uint256 public nextListingId = 1;

    /// @dev Active listings by id; deleted when filled or cancelled.
    mapping(uint256 listingId => Listing) private _listings;

    /* ---------------------------------------------------------------- CONSTRUCTOR */

    /// @notice Deploys the market for one seats contract.
    /// @param seats_ The seats: an ERC-1155 that implements ERC-2981 (checked through ERC-165).
    /// @param authority The AccessManager governing `setPaymentToken`.
    constructor(IERC1155 seats_, address authority) AccessManaged(authority) {
        address seatsAddress = address(seats_);
        if (!ERC165Checker.supportsInterface(seatsAddress, type(IERC1155).interfaceId)) {
            revert UnsupportedSeats(seatsAddress);
        }
        if (!ERC165Checker.supportsInterface(seatsAddress, type(IERC2981).interfaceId)) {
            revert UnsupportedSeats(seatsAddress);
        }
        seats = seats_;
    }

    /* ---------------------------------------------------------------- LISTING */

    /// @inheritdoc ISeatMarket
    function list(
        uint256 seriesId,
        uint256 amount,
        address paymentToken,
        uint256 pricePerSeat,
        uint64 expiry
    ) external nonReentrant returns (uint256 listingId) {
        if (amount == 0) {
            revert ZeroAmount();
        }
        if (pricePerSeat == 0) {
            revert InvalidPrice(pricePerSeat);
        }
        // Every partial fill then computes its total without overflow.
        if (pricePerSeat > type(uint256).max / amount) {
            revert InvalidPrice(pricePerSeat);
        }
        if (expiry != 0) {
            if (expiry <= block.timestamp) {
                revert InvalidExpiry(expiry);
            }
            if (expiry > block.timestamp + MAX_LISTING_DURATION) {
                revert InvalidExpiry(expiry);
            }
        }
        if (!isPaymentToken[paymentToken]) {
            revert PaymentTokenNotAllowed(paymentToken);
        }
        uint256 balance = seats.balanceOf(msg.sender, seriesId);
        if (balance < amount) {
            revert InsufficientSeats(seriesId, balance, amount);
        }
        if (!seats.isApprovedForAll(msg.sender, address(this))) {
            revert MarketNotApproved(msg.sender);
        }

        listingId = nextListingId;
        ++nextListingId;
        _listings[listingId] = Listing({
            seller: msg.sender,
            expiry: expiry,
            paymentToken: paymentToken,
            seriesId: seriesId,
            amount: amount,
            pricePerSeat: pricePerSeat
        });
        emit Listed(listingId, msg.sender, seriesId, amount, paymentToken, pricePerSeat, expiry);
    }

    /// @inheritdoc ISeatMarket
    function buy(uint256 listingId, uint256 amount, uint256 maxTotalPrice) external nonReentrant {
        // Checks: everything that can fail does so here, before any state change or transfer.
        Listing memory offer = _listings[listingId];
        (uint256 total, address royaltyReceiver, uint256 royaltyAmount, uint256 sellerProceeds) = _quote(
            listingId,
            offer,
            amount
        );
        if (_isExpired(offer)) {
            revert ListingExpired(listingId, offer.expiry);
        }
        if (msg.sender == offer.seller) {
            revert SelfPurchase(listingId);
        }
        if (!isPaymentToken[offer.paymentToken]) {
            revert PaymentTokenNotAllowed(offer.paymentToken);
        }
        if (total > maxTotalPrice) {
            revert PriceAboveMax(total, maxTotalPrice);
        }
        uint256 available = _available(offer);
        if (available < amount) {
            revert ListingUnfillable(listingId, available);
        }

        // Effects.
        if (amount == offer.amount) {
            delete _listings[listingId];
        } else {
            _listings[listingId].amount = offer.amount - amount;
        }
        emit Purchased(
            listingId,
            msg.sender,
            offer.seller,
            offer.seriesId,
            amount,
            total,
            royaltyReceiver,
            royaltyAmount
        );

        // Interactions: the buyer pays each party directly, then the seats move (the buyer's ERC-1155 receiver
        // hook runs last, under the reentrancy guard).
        IERC20 token = IERC20(offer.paymentToken);
        if (royaltyAmount != 0) {
            token.safeTransferFrom(msg.sender, royaltyReceiver, royaltyAmount);
        }
        token.safeTransferFrom(msg.sender, offer.seller, sellerProceeds);
        seats.safeTransferFrom(offer.seller, msg.sender, offer.seriesId, amount, "");
    }

    /// @inheritdoc ISeatMarket
    function cancel(uint256 listingId) external nonReentrant {
        Listing memory offer = _listings[listingId];
        if (offer.amount == 0) {
            revert ListingNotActive(listingId);
        }
        // Anyone may clean up an expired listing; before that only its seller may withdraw it.
        if (msg.sender != offer.seller) {
            if (!_isExpired(offer)) {
                revert NotListingSeller(listingId, msg.sender);
            }
        }
        delete _listings[listingId];
        emit ListingCancelled(listingId);
    }

    /* ---------------------------------------------------------------- ADMIN */

    /// @inheritdoc ISeatMarket
    function setPaymentToken(address token, bool allowed) external restricted {
        if (token == address(0)) {
            revert ZeroAddress();
        }
        isPaymentToken[token] = allowed;
        emit PaymentTokenSet(token, allowed);
    }

    /* ---------------------------------------------------------------- VIEWS */

    /// @inheritdoc ISeatMarket
    function listing(uint256 listingId) external view returns (Listing memory) {
        return _listings[listingId];
    }

    /// @inheritdoc ISeatMarket
    function fillable(uint256 listingId) external view returns (uint256) {
        Listing memory offer = _listings[listingId];
        if (offer.amount == 0) {
            return 0;
        }
        if (_isExpired(offer)) {
            return 0;
        }
        if (!isPaymentToken[offer.paymentToken]) {
            return 0;
        }
        return Math.min(offer.amount, _available(offer));
    }

    /// @inheritdoc ISeatMarket
    function quote(
        uint256 listingId,
        uint256 amount
    ) external view returns (uint256 total, address royaltyReceiver, uint256 royaltyAmount, uint256 sellerProceeds) {
        return _quote(listingId, _listings[listingId], amount);
    }

    /* ---------------------------------------------------------------- INTERNAL */

    /// @dev The price split of `amount` seats of an active listing; reverts for a closed listing or an amount
    /// outside [1, offer.amount]. The royalty is capped at MAX_ROYALTY_BPS of the total (rounded down, in the seller's
    /// favour) so a misreporting seats contract cannot take the sale; a zero receiver means no royalty.
    function _quote(
        uint256 listingId,
        Listing memory offer,
        uint256 amount
    ) private view returns (uint256 total, address royaltyReceiver, uint256 royaltyAmount, uint256 sellerProceeds) {
        if (offer.amount == 0) {
            revert ListingNotActive(listingId);
        }
        if (amount == 0) {
            revert ZeroAmount();
        }
        if (amount > offer.amount) {
            revert AmountExceedsListing(listingId, amount, offer.amount);
        }
        // Cannot overflow: `list` bounded pricePerSeat * offer.amount and amount <= offer.amount.
        total = amount * offer.pricePerSeat;
        (royaltyReceiver, royaltyAmount) = IERC2981(address(seats)).royaltyInfo(offer.seriesId, total);
        royaltyAmount = Math.min(royaltyAmount, Math.mulDiv(total, MAX_ROYALTY_BPS, BPS));
        if (royaltyReceiver == address(0) || royaltyAmount == 0) {
            royaltyReceiver = address(0);
            royaltyAmount = 0;
        }
        sellerProceeds = total - royaltyAmount;
    }

    /// @dev The seats the market can move from the seller right now: their balance, or 0 without approval.
    function _available(Listing memory offer) private view returns (uint256) {
        if (!seats.isApprovedForAll(offer.seller, address(this))) {
            return 0;
        }
        return seats.balanceOf(offer.seller, offer.seriesId);
    }

    /// @dev Whether the listing has an expiry and it has passed (a listing is buyable strictly before it).
    function _isExpired(Listing memory offer) private view returns (bool) {
        return offer.expiry != 0 && block.timestamp >= offer.expiry;
    }
}
