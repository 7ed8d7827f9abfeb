// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice What an IP owner chooses when creating a seat series.
struct SeriesParams {
    /// @dev The IP whose royalty tokens (RT) back the seats.
    address ipId;
    /// @dev RT units escrowed for the series (taken from the caller at creation).
    uint128 rtAmount;
    /// @dev Seats offered: the series can never have more.
    uint32 maxSeats;
    /// @dev Seats that must sell for the raise to succeed.
    uint32 minSeats;
    /// @dev The most seats one wallet may buy in the sale.
    uint32 maxSeatsPerWallet;
    /// @dev Resale royalty in basis points (ERC-2981), paid to `royaltyReceiver`.
    uint16 resaleRoyaltyBps;
    /// @dev The ERC-20 seats are paid in (WIP also accepts native IP, wrapped exactly).
    address saleToken;
    /// @dev Price of one seat, in `saleToken` units.
    uint128 seatPrice;
    /// @dev Sale opens (inclusive).
    uint64 saleStart;
    /// @dev Sale closes (inclusive).
    uint64 saleEnd;
    /// @dev Receives resale royalties.
    address royaltyReceiver;
}

/// @notice A series' state.
struct Series {
    SeriesParams params;
    /// @dev Seats sold in the sale.
    uint32 sold;
    /// @dev Whether the sale's outcome has been settled (RT returned as due).
    bool finalized;
    /// @dev Whether the owner closed a sold-out sale early.
    bool closedEarly;
    /// @dev The protocol fee on proceeds, fixed when the series was created (basis points).
    uint16 protocolFeeBps;
    /// @dev RT units the series still holds.
    uint128 rtHeld;
    /// @dev Sale proceeds held in escrow.
    uint128 proceeds;
}

/// @notice Where a series' sale stands.
enum SaleState {
    /// @dev Before the sale window.
    Pending,
    /// @dev Seats can be bought.
    Selling,
    /// @dev The sale ended with at least the minimum sold: seats are transferable and earn revenue.
    Succeeded,
    /// @dev The sale ended below the minimum: buyers refund, the owner gets the RT back.
    Failed
}

/// @title ICollaborationSeats
/// @notice Limited collaboration seats on Story IPs: an ERC-1155 (one id per series) whose seats share the royalties
/// of RT escrowed by the IP's owner. Seats are sold in an escrowed sale that refunds in full if the minimum is not
/// met; after a successful sale they are transferable (with an ERC-2981 resale royalty to the IP) and each seat earns
/// its share of the series' RT revenue, harvested permissionlessly and claimed in O(1).
interface ICollaborationSeats {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted when a series is created.
    /// @param seriesId The series (the ERC-1155 id).
    /// @param ipId The IP.
    /// @param creator Who created it (the IP owner or the IP account).
    /// @param params Its parameters.
    /// @param protocolFeeBps The protocol fee on its proceeds.
    event SeriesCreated(
        uint256 indexed seriesId,
        address indexed ipId,
        address indexed creator,
        SeriesParams params,
        uint16 protocolFeeBps
    );

    /// @notice Emitted when seats are bought.
    /// @param seriesId The series.
    /// @param buyer The buyer.
    /// @param seats Seats bought.
    /// @param cost Amount paid in the sale token.
    event SeatsPurchased(uint256 indexed seriesId, address indexed buyer, uint256 seats, uint256 cost);

    /// @notice Emitted when the owner closes a sold-out sale early.
    /// @param seriesId The series.
    event SaleClosedEarly(uint256 indexed seriesId);

    /// @notice Emitted when a sale's outcome is settled.
    /// @param seriesId The series.
    /// @param succeeded Whether the minimum was met.
    /// @param sold Seats sold (the series' final seat count when it succeeded).
    /// @param rtReturned RT units returned to the IP account.
    event SaleFinalized(uint256 indexed seriesId, bool succeeded, uint256 sold, uint256 rtReturned);

    /// @notice Emitted when the IP owner withdraws the proceeds of a successful sale.
    /// @param seriesId The series.
    /// @param receiver Who received them.
    /// @param amount Amount received.
    /// @param fee Protocol fee sent to the treasury.
    event ProceedsWithdrawn(uint256 indexed seriesId, address indexed receiver, uint256 amount, uint256 fee);

    /// @notice Emitted when a buyer of a failed sale is refunded.
    /// @param seriesId The series.
    /// @param buyer The buyer.
    /// @param seats Seats returned (burnt).
    /// @param amount Amount refunded.
    event Refunded(uint256 indexed seriesId, address indexed buyer, uint256 seats, uint256 amount);

    /// @notice Emitted when revenue of an IP's escrowed RT is claimed from its royalty vault.
    /// @param ipId The IP.
    /// @param token The revenue token.
    /// @param amount Amount received.
    event RevenueHarvested(address indexed ipId, address indexed token, uint256 amount);

    /// @notice Emitted when a series' share of harvested revenue is spread over its seats.
    /// @param seriesId The series.
    /// @param token The revenue token.
    /// @param amount The series' share.
    /// @param revenuePerSeat The series' cumulative revenue per seat (1e36 scale).
    event SeriesRevenueAccrued(uint256 indexed seriesId, address indexed token, uint256 amount, uint256 revenuePerSeat);

    /// @notice Emitted when a holder's revenue is paid.
    /// @param seriesId The series.
    /// @param account The holder (this contract for revenue of unsold seats, paid to the IP owner).
    /// @param receiver Who received it.
    /// @param token The token.
    /// @param amount Amount paid.
    event RevenueClaimed(
        uint256 indexed seriesId,
        address indexed account,
        address receiver,
        address indexed token,
        uint256 amount
    );

    /// @notice Emitted when the protocol fee on future series changes.
    /// @param feeBps The new fee.
    event ProtocolFeeSet(uint16 feeBps);

    /// @notice Emitted when the treasury changes.
    /// @param treasury The new treasury.
    event TreasurySet(address treasury);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice The caller is neither the IP's owner nor its IP account.
    /// @dev Fires on createSeries, closeSaleEarly, withdrawProceeds and claimUnsoldRevenue.
    /// @param ipId The IP.
    /// @param caller The caller.
    error NotIpOwner(address ipId, address caller);

    /// @notice The IP has no royalty vault yet.
    /// @dev Fires on createSeries.
    /// @param ipId The IP.
    error NoRoyaltyVault(address ipId);

    /// @notice The IP is tagged by a Story dispute.
    /// @dev Fires on createSeries.
    /// @param ipId The IP.
    error IpDisputed(address ipId);

    /// @notice A parameter is zero, oversized or inconsistent.
    /// @dev Fires on createSeries and the fee setters; `parameter` names it.
    /// @param parameter The parameter's name.
    error ParameterOutOfBounds(bytes32 parameter);

    /// @notice The IP already has the most live series allowed (failed raises do not count).
    /// @dev Fires on createSeries (bounds `isCollaborator`'s loop).
    /// @param ipId The IP.
    error TooManySeries(address ipId);

    /// @notice The series does not exist.
    /// @dev Fires for unknown ids.
    /// @param seriesId The id.
    error UnknownSeries(uint256 seriesId);

    /// @notice The action needs another sale state.
    /// @dev Fires e.g. on buying outside the window, refunding a successful sale, withdrawing a failed one.
    /// @param seriesId The series.
    /// @param state The current state.
    error WrongSaleState(uint256 seriesId, SaleState state);

    /// @notice Not enough seats are left.
    /// @dev Fires on buy.
    /// @param requested Seats requested.
    /// @param available Seats left.
    error NotEnoughSeats(uint256 requested, uint256 available);

    /// @notice The buyer would hold more seats than a wallet may buy.
    /// @dev Fires on buy.
    /// @param cap The per-wallet cap.
    error WalletCapExceeded(uint256 cap);

    /// @notice The seat price is above the buyer's bound.
    /// @dev Fires on buy.
    /// @param price The seat price.
    /// @param maxPrice The buyer's bound.
    error PriceAboveMax(uint256 price, uint256 maxPrice);

    /// @notice Native payment was sent for a sale not priced in WIP, or too little of it.
    /// @dev Fires on buy with `msg.value` when the sale token is not WIP or `msg.value` < cost.
    /// @param sent Native value sent.
    /// @param cost The cost.
    error InvalidNativePayment(uint256 sent, uint256 cost);

    /// @notice The sale token did not deliver the full price (fee-on-transfer or rebasing token).
    /// @dev Fires on buy when the contract received less than the cost.
    /// @param token The sale token.
    error UnsupportedSaleToken(address token);

    /// @notice Seats move only after a successful sale.
    /// @dev Fires on any holder-to-holder transfer before the sale succeeded.
    /// @param seriesId The series.
    error SeatsLocked(uint256 seriesId);

    /// @notice The sale has not sold out.
    /// @dev Fires on closeSaleEarly.
    /// @param seriesId The series.
    error NotSoldOut(uint256 seriesId);

    /// @notice There is nothing to pay.
    /// @dev Fires on claims, refunds and withdrawals of zero.
    error NothingToPay();

    /// @notice An address was zero.
    /// @dev Fires for zero receivers, tokens and treasury.
    error ZeroAddress();

    /*//////////////////////////////////////////////////////////////
                               FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Creates a series and escrows its RT, pulled from the caller (the IP owner holding RT, or the IP
    /// account through `execute`). Refused for an IP without royalty vault or with a dispute tag.
    /// @param params The parameters.
    /// @return seriesId The new series.
    function createSeries(SeriesParams calldata params) external returns (uint256 seriesId);

    /// @notice Buys seats during the sale at the series' price, paying in the sale token or, for WIP, in native IP
    /// (exactly the cost is wrapped and the excess refunded).
    /// @param seriesId The series.
    /// @param seats Seats to buy.
    /// @param maxPricePerSeat The most the buyer pays per seat.
    function buy(uint256 seriesId, uint256 seats, uint256 maxPricePerSeat) external payable;

    /// @notice Closes a sold-out sale before its window ends. Caller: the IP owner (or IP account).
    /// @param seriesId The series.
    function closeSaleEarly(uint256 seriesId) external;

    /// @notice Settles an ended sale (permissionless): on success unsold seats are burnt and their RT return to the
    /// IP account; on failure all RT return. Called implicitly by withdrawals and refunds.
    /// @param seriesId The series.
    function finalize(uint256 seriesId) external;

    /// @notice Pays a successful sale's proceeds, minus the protocol fee, to `receiver`. Caller: the IP owner.
    /// @param seriesId The series.
    /// @param receiver Who receives them.
    function withdrawProceeds(uint256 seriesId, address receiver) external;

    /// @notice Refunds the caller's seats of a failed sale in full (the seats are burnt; revenue they earned stays
    /// claimable).
    /// @param seriesId The series.
    function refund(uint256 seriesId) external;

    /// @notice Claims the revenue of all RT the contract escrows for the series' IP, and spreads this series' share
    /// over its seats. Permissionless; pays the caller nothing; never reverts for lack of revenue.
    /// @param seriesId The series.
    function harvest(uint256 seriesId) external;

    /// @notice Pays `account`'s revenue of a series in `token` to `account`. Anyone may call.
    /// @param seriesId The series.
    /// @param account The holder.
    /// @param token The revenue token.
    /// @return amount Amount paid.
    function claim(uint256 seriesId, address account, address token) external returns (uint256 amount);

    /// @notice Pays the revenue earned by unsold seats during the sale to `receiver`. Caller: the IP owner.
    /// @param seriesId The series.
    /// @param token The revenue token.
    /// @param receiver Who receives it.
    /// @return amount Amount paid.
    function claimUnsoldRevenue(uint256 seriesId, address token, address receiver) external returns (uint256 amount);

    /// @notice Sets the protocol fee on proceeds of series created from now on. Restricted; at most 10%.
    /// @param feeBps The fee in basis points.
    function setProtocolFee(uint16 feeBps) external;

    /// @notice Sets the treasury receiving protocol fees. Restricted.
    /// @param treasury The treasury.
    function setTreasury(address treasury) external;

    /// @notice A series.
    /// @param seriesId The series.
    /// @return The series.
    function series(uint256 seriesId) external view returns (Series memory);

    /// @notice Where a series' sale stands.
    /// @param seriesId The series.
    /// @return The state.
    function saleState(uint256 seriesId) external view returns (SaleState);

    /// @notice Revenue `account` can claim from a series in `token` now (harvested revenue only).
    /// @param seriesId The series.
    /// @param account The holder.
    /// @param token The token.
    /// @return The amount.
    function claimable(uint256 seriesId, address account, address token) external view returns (uint256);

    /// @notice Seats of a series held by `account`.
    /// @param seriesId The series.
    /// @param account The holder.
    /// @return The seat count.
    function seatsOf(uint256 seriesId, address account) external view returns (uint256);

    /// @notice Whether `account` holds at least one seat of a live (selling or succeeded) series of `ipId`.
    /// @param ipId The IP.
    /// @param account The account.
    /// @return True if it does.
    function isCollaborator(address ipId, address account) external view returns (bool);
}
