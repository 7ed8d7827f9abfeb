// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ERC1155 } from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import { ERC1155Supply } from "@openzeppelin/contracts/token/ERC1155/extensions/ERC1155Supply.sol";
import { IERC1155Receiver } from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import { ERC2981 } from "@openzeppelin/contracts/token/common/ERC2981.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { AccessManaged } from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import { ReentrancyGuardTransient } from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import { Address } from "@openzeppelin/contracts/utils/Address.sol";
import { SafeCast } from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import { EnumerableSet } from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

import { IIPAccount } from "../story/interfaces/IIPAccount.sol";
import { IRoyaltyModule } from "../story/interfaces/IRoyaltyModule.sol";
import { IDisputeModule } from "../story/interfaces/IDisputeModule.sol";
import { IIpRoyaltyVault } from "../story/interfaces/IIpRoyaltyVault.sol";
import { IWIP } from "../story/interfaces/IWIP.sol";
import { RevenueAccumulator } from "../libraries/RevenueAccumulator.sol";
import { RoyaltyVaultClaims } from "../story/libraries/RoyaltyVaultClaims.sol";
import { ICollaborationSeats, SaleState, Series, SeriesParams } from "./interfaces/ICollaborationSeats.sol";

/// @title CollaborationSeats
/// @notice Limited collaboration seats on the royalties of Story IPs (see ICollaborationSeats).
/// @dev Revenue flows through two accumulators: per RT of an IP (all series of the IP share the RT the contract
/// escrows), then per seat of a series. A series' unsold seats are real balances of this contract during the sale,
/// so revenue they earn is checkpointed like anyone's and paid to the IP owner. Every balance change passes through
/// `_update`, which harvests the IP and checkpoints both sides before balances move: no transfer path can skip it.
contract CollaborationSeats is ICollaborationSeats, ERC1155Supply, ERC2981, AccessManaged, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using EnumerableSet for EnumerableSet.AddressSet;

    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The most seats a series may have.
    uint32 public constant MAX_SEATS = 10_000;
    /// @notice The longest sale window.
    uint64 public constant MAX_SALE_DURATION = 90 days;
    /// @notice The longest wait before a sale opens (RT escrowed for a sale that never starts would be locked).
    uint64 public constant MAX_SALE_DELAY = 90 days;
    /// @notice The highest resale royalty (10%).
    uint16 public constant MAX_RESALE_ROYALTY_BPS = 1_000;
    /// @notice The highest protocol fee on proceeds (10%).
    uint16 public constant MAX_PROTOCOL_FEE_BPS = 1_000;
    /// @notice The most series one IP may have (bounds `isCollaborator`).
    uint256 public constant MAX_SERIES_PER_IP = 16;
    uint16 private constant _BPS = 10_000;

    /// @notice Story's Royalty Module.
    IRoyaltyModule public immutable ROYALTY_MODULE;
    /// @notice Story's Dispute Module.
    IDisputeModule public immutable DISPUTE_MODULE;
    /// @notice Wrapped IP, the token native payments are wrapped into.
    IWIP public immutable WIP;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @notice The protocol fee on proceeds of series created from now on (basis points).
    uint16 public protocolFeeBps;
    /// @notice Receives protocol fees.
    address public treasury;
    /// @notice The number of series ever created (the last id).
    uint256 public seriesCount;

    mapping(uint256 seriesId => Series) private _series;
    mapping(address ipId => uint256[]) private _seriesOfIp;
    /// @dev RT units escrowed for all series of an IP (the contract's RT balance for that IP).
    mapping(address ipId => uint256) private _ipRtHeld;
    /// @dev Revenue tokens ever harvested for an IP (bounded by Story's royalty-token whitelist).
    mapping(address ipId => EnumerableSet.AddressSet) private _ipTokens;
    mapping(address ipId => mapping(address token => uint256)) private _revenuePerRt;
    mapping(uint256 seriesId => mapping(address token => uint256)) private _seriesRtCheckpoint;
    mapping(uint256 seriesId => mapping(address token => uint256)) private _revenuePerSeat;
    mapping(uint256 seriesId => mapping(address account => mapping(address token => uint256))) private _seatCheckpoint;
    mapping(uint256 seriesId => mapping(address account => mapping(address token => uint256))) private _owed;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @notice Deploys the seats contract.
    /// @param authority The AccessManager governing the fee setters.
    /// @param royaltyModule Story's Royalty Module.
    /// @param disputeModule Story's Dispute Module.
    /// @param wip Story's WIP.
    /// @param treasury_ Receives protocol fees.
    /// @param protocolFeeBps_ The initial protocol fee (at most 10%).
    /// @param uri_ The ERC-1155 metadata URI.
    constructor(
        address authority,
        address royaltyModule,
        address disputeModule,
        address wip,
        address treasury_,
        uint16 protocolFeeBps_,
        string memory uri_
    ) ERC1155(uri_) AccessManaged(authority) {
        if (royaltyModule == address(0) || disputeModule == address(0) || wip == address(0)) {
            revert ZeroAddress();
        }
        ROYALTY_MODULE = IRoyaltyModule(royaltyModule);
        DISPUTE_MODULE = IDisputeModule(disputeModule);
        WIP = IWIP(wip);
        _setTreasury(treasury_);
        _setProtocolFee(protocolFeeBps_);
    }

    /*//////////////////////////////////////////////////////////////
                                 SERIES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ICollaborationSeats
    function createSeries(SeriesParams calldata params) external nonReentrant returns (uint256 seriesId) {
        address ipId = params.ipId;
        address royaltyVault = ROYALTY_MODULE.ipRoyaltyVaults(ipId);
        if (royaltyVault == address(0)) {
            revert NoRoyaltyVault(ipId);
        }
        if (DISPUTE_MODULE.isIpTagged(ipId)) {
            revert IpDisputed(ipId);
        }
        _requireIpOwner(ipId);
        _validateParams(params, royaltyVault);
        if (_seriesOfIp[ipId].length >= MAX_SERIES_PER_IP) {
            revert TooManySeries(ipId);
        }

        // Revenue earned so far by RT already escrowed for this IP belongs to the series that held them.
        _harvestIp(ipId);
        seriesId = ++seriesCount;
        Series storage s = _series[seriesId];
        s.params = params;
        s.rtHeld = params.rtAmount;
        s.protocolFeeBps = protocolFeeBps;
        _checkpointSeriesAtIp(seriesId, ipId);
        _ipRtHeld[ipId] += params.rtAmount;
        _seriesOfIp[ipId].push(seriesId);
        _setTokenRoyalty(seriesId, params.royaltyReceiver, params.resaleRoyaltyBps);
        emit SeriesCreated(seriesId, ipId, msg.sender, params, s.protocolFeeBps);

        IERC20(royaltyVault).safeTransferFrom(msg.sender, address(this), params.rtAmount);
        // Every seat exists from the start, held here until sold: the cap can never be exceeded.
        _mint(address(this), seriesId, params.maxSeats, "");
    }

    /// @inheritdoc ICollaborationSeats
    function buy(uint256 seriesId, uint256 seats, uint256 maxPricePerSeat) external payable nonReentrant {
        Series storage s = _existingSeries(seriesId);
        _requireState(seriesId, SaleState.Selling);
        if (seats == 0) {
            revert NothingToPay();
        }
        uint256 available = s.params.maxSeats - s.sold;
        if (seats > available) {
            revert NotEnoughSeats(seats, available);
        }
        if (balanceOf(msg.sender, seriesId) + seats > s.params.maxSeatsPerWallet) {
            revert WalletCapExceeded(s.params.maxSeatsPerWallet);
        }
        if (s.params.seatPrice > maxPricePerSeat) {
            revert PriceAboveMax(s.params.seatPrice, maxPricePerSeat);
        }

        uint256 cost = seats * s.params.seatPrice;
        s.sold += uint32(seats);
        s.proceeds += SafeCast.toUint128(cost);
        emit SeatsPurchased(seriesId, msg.sender, seats, cost);

        _collectPayment(s.params.saleToken, cost);
        _safeTransferFrom(address(this), msg.sender, seriesId, seats, "");
    }

    /// @inheritdoc ICollaborationSeats
    function closeSaleEarly(uint256 seriesId) external {
        Series storage s = _existingSeries(seriesId);
        _requireIpOwner(s.params.ipId);
        _requireState(seriesId, SaleState.Selling);
        if (s.sold < s.params.maxSeats) {
            revert NotSoldOut(seriesId);
        }
        s.closedEarly = true;
        emit SaleClosedEarly(seriesId);
    }

    /// @inheritdoc ICollaborationSeats
    function finalize(uint256 seriesId) external nonReentrant {
        _finalize(seriesId, _existingSeries(seriesId));
    }

    /// @inheritdoc ICollaborationSeats
    function withdrawProceeds(uint256 seriesId, address receiver) external nonReentrant {
        if (receiver == address(0)) {
            revert ZeroAddress();
        }
        Series storage s = _existingSeries(seriesId);
        _requireIpOwner(s.params.ipId);
        _requireState(seriesId, SaleState.Succeeded);
        _finalize(seriesId, s);
        uint256 amount = s.proceeds;
        if (amount == 0) {
            revert NothingToPay();
        }
        s.proceeds = 0;
        uint256 fee = (amount * s.protocolFeeBps) / _BPS;
        emit ProceedsWithdrawn(seriesId, receiver, amount - fee, fee);

        IERC20 token = IERC20(s.params.saleToken);
        if (fee > 0) {
            token.safeTransfer(treasury, fee);
        }
        token.safeTransfer(receiver, amount - fee);
    }

    /// @inheritdoc ICollaborationSeats
    function refund(uint256 seriesId) external nonReentrant {
        Series storage s = _existingSeries(seriesId);
        _requireState(seriesId, SaleState.Failed);
        _finalize(seriesId, s);
        uint256 seats = balanceOf(msg.sender, seriesId);
        if (seats == 0) {
            revert NothingToPay();
        }
        uint256 amount = seats * s.params.seatPrice;
        s.proceeds -= uint128(amount);
        emit Refunded(seriesId, msg.sender, seats, amount);

        _burn(msg.sender, seriesId, seats);
        IERC20(s.params.saleToken).safeTransfer(msg.sender, amount);
    }

    /*//////////////////////////////////////////////////////////////
                                 REVENUE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ICollaborationSeats
    function harvest(uint256 seriesId) external nonReentrant {
        Series storage s = _existingSeries(seriesId);
        _harvestIp(s.params.ipId);
        _pullSeries(seriesId, s.params.ipId, s.rtHeld);
    }

    /// @inheritdoc ICollaborationSeats
    function claim(uint256 seriesId, address account, address token) external nonReentrant returns (uint256 amount) {
        Series storage s = _existingSeries(seriesId);
        address receiver = account;
        if (account == address(this)) {
            // Revenue of unsold seats belongs to the IP owner.
            receiver = IIPAccount(s.params.ipId).owner();
        }
        amount = _claim(seriesId, s, account, token, receiver);
    }

    /// @inheritdoc ICollaborationSeats
    function claimUnsoldRevenue(
        uint256 seriesId,
        address token,
        address receiver
    ) external nonReentrant returns (uint256 amount) {
        if (receiver == address(0)) {
            revert ZeroAddress();
        }
        Series storage s = _existingSeries(seriesId);
        _requireIpOwner(s.params.ipId);
        amount = _claim(seriesId, s, address(this), token, receiver);
    }

    /*//////////////////////////////////////////////////////////////
                                AUTHORITY
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ICollaborationSeats
    function setProtocolFee(uint16 feeBps) external restricted {
        _setProtocolFee(feeBps);
    }

    /// @inheritdoc ICollaborationSeats
    function setTreasury(address newTreasury) external restricted {
        _setTreasury(newTreasury);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ICollaborationSeats
    function series(uint256 seriesId) external view returns (Series memory) {
        return _existingSeries(seriesId);
    }

    /// @inheritdoc ICollaborationSeats
    function saleState(uint256 seriesId) external view returns (SaleState) {
        return _saleState(_existingSeries(seriesId));
    }

    /// @dev Where a series' sale stands (see SaleState).
    function _saleState(Series storage s) internal view returns (SaleState) {
        if (block.timestamp < s.params.saleStart) {
            return SaleState.Pending;
        }
        if (!s.closedEarly && block.timestamp <= s.params.saleEnd) {
            return SaleState.Selling;
        }
        if (s.sold >= s.params.minSeats) {
            return SaleState.Succeeded;
        }
        return SaleState.Failed;
    }

    /// @inheritdoc ICollaborationSeats
    function claimable(uint256 seriesId, address account, address token) external view returns (uint256) {
        Series storage s = _series[seriesId];
        address ipId = s.params.ipId;
        uint256 perSeat = _revenuePerSeat[seriesId][token];
        uint256 seats = totalSupply(seriesId);
        if (seats > 0) {
            uint256 due = RevenueAccumulator.earned(
                s.rtHeld,
                _revenuePerRt[ipId][token],
                _seriesRtCheckpoint[seriesId][token]
            );
            perSeat += RevenueAccumulator.perShareIncrease(due, seats);
        }
        uint256 pending = RevenueAccumulator.earned(
            balanceOf(account, seriesId),
            perSeat,
            _seatCheckpoint[seriesId][account][token]
        );
        return _owed[seriesId][account][token] + pending;
    }

    /// @inheritdoc ICollaborationSeats
    function seatsOf(uint256 seriesId, address account) external view returns (uint256) {
        return balanceOf(account, seriesId);
    }

    /// @inheritdoc ICollaborationSeats
    function isCollaborator(address ipId, address account) external view returns (bool) {
        if (account == address(this)) {
            // This contract only holds unsold seats.
            return false;
        }
        uint256[] storage ids = _seriesOfIp[ipId];
        // Bounded by MAX_SERIES_PER_IP.
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 seriesId = ids[i];
            if (balanceOf(account, seriesId) == 0) {
                continue;
            }
            SaleState state = _saleState(_series[seriesId]);
            if (state == SaleState.Selling || state == SaleState.Succeeded) {
                return true;
            }
        }
        return false;
    }

    /// @notice ERC-165: ERC-1155, ERC-2981 and ERC-1155 receiver (for the contract's own unsold seats).
    /// @param interfaceId The interface id.
    /// @return True if supported.
    function supportsInterface(bytes4 interfaceId) public view override(ERC1155, ERC2981) returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @notice Accepts only this contract's own seats (minted to it when a series is created).
    /// @param id The series.
    /// @return The ERC-1155 receiver selector.
    function onERC1155Received(address, address, uint256 id, uint256, bytes calldata) external view returns (bytes4) {
        if (msg.sender != address(this)) {
            revert SeatsLocked(id);
        }
        return IERC1155Receiver.onERC1155Received.selector;
    }

    /// @notice Refuses batch transfers to this contract.
    /// @return Never returns.
    function onERC1155BatchReceived(
        address,
        address,
        uint256[] calldata,
        uint256[] calldata,
        bytes calldata
    ) external pure returns (bytes4) {
        revert SeatsLocked(0);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNALS
    //////////////////////////////////////////////////////////////*/

    /// @dev The single path of every seat movement: locks seats until the sale succeeds, brings revenue up to date
    /// and checkpoints both sides, so that revenue accrued before a transfer stays with the sender.
    function _update(
        address from,
        address to,
        uint256[] memory ids,
        uint256[] memory values
    ) internal override(ERC1155Supply) {
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 seriesId = ids[i];
            Series storage s = _series[seriesId];
            bool sale = from == address(this);
            if (from != address(0) && to != address(0) && !sale && _saleState(s) != SaleState.Succeeded) {
                revert SeatsLocked(seriesId);
            }
            if (to == address(this) && from != address(0)) {
                revert SeatsLocked(seriesId);
            }
            address ipId = s.params.ipId;
            _harvestIp(ipId);
            _pullSeries(seriesId, ipId, s.rtHeld);
            if (from != address(0)) {
                _settleAccount(seriesId, ipId, from);
            }
            if (to != address(0)) {
                _settleAccount(seriesId, ipId, to);
            }
        }
        super._update(from, to, ids, values);
    }

    /// @dev Claims what the RT escrowed for `ipId` earned, in every revenue token, into the per-RT accumulator.
    /// Skips silently when nothing is claimable (including a disputed IP, whose vault reports 0).
    function _harvestIp(address ipId) internal {
        uint256 held = _ipRtHeld[ipId];
        if (held == 0) {
            return;
        }
        (address[] memory tokens, uint256[] memory amounts) = RoyaltyVaultClaims.claimAll(
            IIpRoyaltyVault(ROYALTY_MODULE.ipRoyaltyVaults(ipId))
        );
        for (uint256 i = 0; i < tokens.length; ++i) {
            uint256 amount = amounts[i];
            if (amount == 0) {
                continue;
            }
            address token = tokens[i];
            _ipTokens[ipId].add(token);
            _revenuePerRt[ipId][token] += RevenueAccumulator.perShareIncrease(amount, held);
            emit RevenueHarvested(ipId, token, amount);
        }
    }

    /// @dev Moves a series' share of its IP's harvested revenue into its per-seat accumulator.
    function _pullSeries(uint256 seriesId, address ipId, uint256 rtHeld) internal {
        EnumerableSet.AddressSet storage tokens = _ipTokens[ipId];
        uint256 count = tokens.length();
        for (uint256 i = 0; i < count; ++i) {
            address token = tokens.at(i);
            uint256 perRt = _revenuePerRt[ipId][token];
            uint256 checkpoint = _seriesRtCheckpoint[seriesId][token];
            if (perRt == checkpoint) {
                continue;
            }
            _seriesRtCheckpoint[seriesId][token] = perRt;
            uint256 due = RevenueAccumulator.earned(rtHeld, perRt, checkpoint);
            // A series has seats for as long as it holds RT (a failed sale returns all RT before its seats go).
            uint256 seats = totalSupply(seriesId);
            if (due == 0 || seats == 0) {
                continue;
            }
            uint256 perSeat = _revenuePerSeat[seriesId][token] + RevenueAccumulator.perShareIncrease(due, seats);
            _revenuePerSeat[seriesId][token] = perSeat;
            emit SeriesRevenueAccrued(seriesId, token, due, perSeat);
        }
    }

    /// @dev Credits `account` with what its seats earned since its checkpoint.
    function _settleAccount(uint256 seriesId, address ipId, address account) internal {
        EnumerableSet.AddressSet storage tokens = _ipTokens[ipId];
        uint256 count = tokens.length();
        uint256 seats = balanceOf(account, seriesId);
        for (uint256 i = 0; i < count; ++i) {
            address token = tokens.at(i);
            uint256 perSeat = _revenuePerSeat[seriesId][token];
            uint256 checkpoint = _seatCheckpoint[seriesId][account][token];
            if (perSeat == checkpoint) {
                continue;
            }
            _seatCheckpoint[seriesId][account][token] = perSeat;
            uint256 earned = RevenueAccumulator.earned(seats, perSeat, checkpoint);
            if (earned > 0) {
                _owed[seriesId][account][token] += earned;
            }
        }
    }

    /// @dev Pays `account`'s owed revenue in `token` to `receiver`.
    function _claim(
        uint256 seriesId,
        Series storage s,
        address account,
        address token,
        address receiver
    ) internal returns (uint256 amount) {
        address ipId = s.params.ipId;
        _pullSeries(seriesId, ipId, s.rtHeld);
        _settleAccount(seriesId, ipId, account);
        amount = _owed[seriesId][account][token];
        if (amount == 0) {
            revert NothingToPay();
        }
        _owed[seriesId][account][token] = 0;
        emit RevenueClaimed(seriesId, account, receiver, token, amount);
        IERC20(token).safeTransfer(receiver, amount);
    }

    /// @dev Settles an ended sale once: burns the unsold seats and returns their RT (all RT for a failed sale) to
    /// the IP account. Revenue is brought up to date first, so unsold seats keep what they earned for the owner.
    function _finalize(uint256 seriesId, Series storage s) internal {
        if (s.finalized) {
            return;
        }
        SaleState state = _saleState(s);
        if (state != SaleState.Succeeded && state != SaleState.Failed) {
            revert WrongSaleState(seriesId, state);
        }
        s.finalized = true;
        address ipId = s.params.ipId;
        uint256 unsold = s.params.maxSeats - s.sold;
        if (unsold > 0) {
            _burn(address(this), seriesId, unsold);
        }
        uint256 rtReturned = s.rtHeld;
        bool succeeded = state == SaleState.Succeeded;
        if (succeeded) {
            // The RT of unsold seats, rounded down: rounding dust stays with the seat holders.
            rtReturned = (uint256(s.params.rtAmount) * unsold) / s.params.maxSeats;
        }
        s.rtHeld -= uint128(rtReturned);
        _ipRtHeld[ipId] -= rtReturned;
        if (!succeeded) {
            _forgetSeries(ipId, seriesId);
        }
        emit SaleFinalized(seriesId, succeeded, s.sold, rtReturned);
        if (rtReturned > 0) {
            IERC20(ROYALTY_MODULE.ipRoyaltyVaults(ipId)).safeTransfer(ipId, rtReturned);
        }
    }

    /// @dev Drops a failed series from its IP's list, so that failed raises do not use up the IP's series slots.
    function _forgetSeries(address ipId, uint256 seriesId) internal {
        uint256[] storage ids = _seriesOfIp[ipId];
        uint256 last = ids.length - 1;
        // Bounded by MAX_SERIES_PER_IP.
        for (uint256 i = 0; i < last; ++i) {
            if (ids[i] == seriesId) {
                ids[i] = ids[last];
                break;
            }
        }
        ids.pop();
    }

    /// @dev Takes `cost` of the sale token from the buyer: native IP for WIP sales (exactly the cost is wrapped and
    /// the excess returned), else an ERC-20 transfer.
    function _collectPayment(address saleToken, uint256 cost) internal {
        if (msg.value == 0) {
            uint256 balanceBefore = IERC20(saleToken).balanceOf(address(this));
            IERC20(saleToken).safeTransferFrom(msg.sender, address(this), cost);
            // Escrowed proceeds must be fully backed: tokens that take a fee on transfer cannot be sale tokens.
            if (IERC20(saleToken).balanceOf(address(this)) - balanceBefore != cost) {
                revert UnsupportedSaleToken(saleToken);
            }
            return;
        }
        if (saleToken != address(WIP) || msg.value < cost) {
            revert InvalidNativePayment(msg.value, cost);
        }
        WIP.deposit{ value: cost }();
        if (msg.value > cost) {
            Address.sendValue(payable(msg.sender), msg.value - cost);
        }
    }

    /// @dev Starts a new series' per-RT checkpoints at the IP's current accumulators.
    function _checkpointSeriesAtIp(uint256 seriesId, address ipId) internal {
        EnumerableSet.AddressSet storage tokens = _ipTokens[ipId];
        uint256 count = tokens.length();
        for (uint256 i = 0; i < count; ++i) {
            address token = tokens.at(i);
            _seriesRtCheckpoint[seriesId][token] = _revenuePerRt[ipId][token];
        }
    }

    /// @dev Bounds of a new series.
    function _validateParams(SeriesParams calldata params, address royaltyVault) internal view {
        if (params.rtAmount == 0 || params.rtAmount > IERC20(royaltyVault).totalSupply()) {
            revert ParameterOutOfBounds("rtAmount");
        }
        if (params.maxSeats == 0 || params.maxSeats > MAX_SEATS) {
            revert ParameterOutOfBounds("maxSeats");
        }
        if (params.minSeats == 0 || params.minSeats > params.maxSeats) {
            revert ParameterOutOfBounds("minSeats");
        }
        if (params.maxSeatsPerWallet == 0 || params.maxSeatsPerWallet > params.maxSeats) {
            revert ParameterOutOfBounds("maxSeatsPerWallet");
        }
        if (params.seatPrice == 0) {
            revert ParameterOutOfBounds("seatPrice");
        }
        if (params.saleStart < block.timestamp || params.saleStart > block.timestamp + MAX_SALE_DELAY) {
            revert ParameterOutOfBounds("saleStart");
        }
        if (params.saleEnd <= params.saleStart || params.saleEnd > params.saleStart + MAX_SALE_DURATION) {
            revert ParameterOutOfBounds("saleEnd");
        }
        if (params.resaleRoyaltyBps > MAX_RESALE_ROYALTY_BPS) {
            revert ParameterOutOfBounds("resaleRoyaltyBps");
        }
        if (params.saleToken == address(0) || params.royaltyReceiver == address(0)) {
            revert ZeroAddress();
        }
    }

    /// @dev Reverts unless the caller is the IP account or its owner.
    function _requireIpOwner(address ipId) internal view {
        if (msg.sender != ipId && msg.sender != IIPAccount(ipId).owner()) {
            revert NotIpOwner(ipId, msg.sender);
        }
    }

    /// @dev Reverts unless the sale is in `expected`.
    function _requireState(uint256 seriesId, SaleState expected) internal view {
        SaleState state = _saleState(_series[seriesId]);
        if (state != expected) {
            revert WrongSaleState(seriesId, state);
        }
    }

    /// @dev An existing series, or revert.
    function _existingSeries(uint256 seriesId) internal view returns (Series storage s) {
        s = _series[seriesId];
        if (s.params.ipId == address(0)) {
            revert UnknownSeries(seriesId);
        }
    }

    function _setProtocolFee(uint16 feeBps) internal {
        if (feeBps > MAX_PROTOCOL_FEE_BPS) {
            revert ParameterOutOfBounds("protocolFeeBps");
        }
        protocolFeeBps = feeBps;
        emit ProtocolFeeSet(feeBps);
    }

    function _setTreasury(address newTreasury) internal {
        if (newTreasury == address(0)) {
            revert ZeroAddress();
        }
        treasury = newTreasury;
        emit TreasurySet(newTreasury);
    }
}
