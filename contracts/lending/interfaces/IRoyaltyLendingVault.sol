// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC4626 } from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import { IValuationOracle } from "./IValuationOracle.sol";
import { IInterestRateModel } from "./IInterestRateModel.sol";
import { IBadDebtCover } from "./IBadDebtCover.sol";
import { IRevenueHistory } from "./IRevenueHistory.sol";

/// @notice Deployment configuration of a royalty lending vault.
struct VaultConfig {
    /// @dev The loan asset (WIP by default); a standard ERC-20 (no fee on transfer, no rebasing).
    address asset;
    /// @dev The vault share token's name.
    string name;
    /// @dev The vault share token's symbol.
    string symbol;
    /// @dev The AccessManager governing every restricted function.
    address authority;
    /// @dev Story's IP Asset Registry.
    address ipAssetRegistry;
    /// @dev Story's Royalty Module (royalty vault lookup).
    address royaltyModule;
    /// @dev Story's Dispute Module (dispute tags).
    address disputeModule;
    /// @dev The interest rate model.
    address rateModel;
    /// @dev Receives reserve shares.
    address treasury;
    /// @dev Share of interest minted to the treasury (WAD, at most 50%).
    uint256 reserveFactor;
    /// @dev Cap on total assets.
    uint256 supplyCap;
    /// @dev Minimum debt of a borrowing position.
    uint256 minDebt;
}

/// @notice Risk parameters of one IP listed as collateral (isolated per IP). Ratios are WAD (1e18 = 100%).
/// @dev Ordered for storage: what every borrow check reads (oracle, max LTV, price age) fills the first slot, what
/// liquidations and the borrow cap read the second, the loan term (read on a position's first borrow) the third.
struct MarketParams {
    /// @dev Values the IP's RT in the loan asset.
    IValuationOracle oracle;
    /// @dev Debt may not exceed collateral value × maxLtv after a borrow or a collateral withdrawal.
    uint64 maxLtv;
    /// @dev Oracle values older than this (seconds) are unusable.
    uint32 maxPriceAge;
    /// @dev A position is liquidatable when debt exceeds collateral value × liquidationThreshold.
    uint64 liquidationThreshold;
    /// @dev Liquidators receive collateral worth repaid × (1 + liquidationBonus).
    uint64 liquidationBonus;
    /// @dev The most this IP's positions may owe in total, in loan-asset units.
    uint128 borrowCap;
    /// @dev Seconds from a position's first borrow until its debt is due (0: no term).
    uint64 loanTerm;
}

/// @notice State of one listed IP.
/// @dev Packed so that each operation reads few slots: after the parameters and the royalty vault, one slot holds
/// what borrowers and harvests change (debt, pledged total, revenue epoch) with the flags. Listing sets that slot
/// non-zero, so a market's first pledge or borrow never pays for a fresh slot.
struct Market {
    MarketParams params;
    /// @dev The IP's royalty vault (its RT token).
    address royaltyVault;
    /// @dev Borrow shares owed by all positions of this IP.
    uint128 borrowShares;
    /// @dev RT pledged by all positions of this IP (an IP has 100,000,000 RT units: 64 bits are ample).
    uint64 totalCollateral;
    /// @dev How many harvests have distributed revenue to this IP's RT (a position that saw the same count has
    /// nothing to settle).
    uint48 revenueEpoch;
    /// @dev Whether new borrowing against this IP is frozen (e.g. while a dispute against it is open).
    bool frozen;
    /// @dev Whether the IP is listed.
    bool listed;
}

/// @notice A borrower's position: RT of one IP pledged against a loan.
struct Position {
    /// @dev The borrower: the only account that may borrow, withdraw collateral or credits, and close.
    address owner;
    /// @dev When the debt is due (0 while there is no debt or no term).
    uint48 maturity;
    /// @dev The market's revenue epoch when the position was last settled.
    uint48 revenueEpoch;
    /// @dev The IP whose RT are pledged.
    address ipId;
    /// @dev RT units pledged.
    uint128 collateral;
    /// @dev Borrow shares owed.
    uint128 borrowShares;
}

/// @notice The part of a position's latest bad debt that no cover has paid yet.
struct BadDebt {
    /// @dev The IP whose collateral ran out (kept here because the emptied position may be closed).
    address ipId;
    /// @dev When it was realized.
    uint64 realizedAt;
    /// @dev Uncovered bad debt, in loan-asset units (lenders carry it until a cover pays).
    uint128 uncovered;
}

/// @title IRoyaltyLendingVault
/// @notice An ERC-4626 vault lending one asset against the royalty tokens (RT) of Story IPs. Lenders deposit the
/// loan asset and earn interest from a utilization-based rate; borrowers pledge RT in positions, borrow, and are
/// repaid by the royalties their RT earn: `harvest(ipId)` (permissionless) claims the revenue of all pledged RT of an
/// IP and an accumulator splits it pro rata to pledged RT, applied to each position's debt when it is next touched.
/// Unhealthy, overdue or disputed positions are liquidated for RT; exhausted collateral realizes bad debt, which a
/// configured cover pays before lenders absorb it.
interface IRoyaltyLendingVault is IERC4626, IRevenueHistory {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted when an IP is listed as collateral.
    /// @param ipId The IP.
    /// @param royaltyVault Its royalty vault (the RT token).
    /// @param params Its risk parameters.
    event MarketListed(address indexed ipId, address royaltyVault, MarketParams params);

    /// @notice Emitted when a listed IP's risk parameters change.
    /// @param ipId The IP.
    /// @param params The new parameters.
    event MarketParamsUpdated(address indexed ipId, MarketParams params);

    /// @notice Emitted when new borrowing against an IP is frozen or unfrozen.
    /// @param ipId The IP.
    /// @param frozen Whether borrowing is frozen.
    event MarketFrozen(address indexed ipId, bool frozen);

    /// @notice Emitted when interest accrues.
    /// @param ratePerSecond The borrow rate used (WAD).
    /// @param interest Interest added to debt and to lenders' assets.
    /// @param reserveShares Shares minted to the treasury (the reserve factor's part of the interest).
    event InterestAccrued(uint256 ratePerSecond, uint256 interest, uint256 reserveShares);

    /// @notice Emitted when a position is opened.
    /// @param positionId The position.
    /// @param owner The borrower.
    /// @param ipId The IP whose RT it pledges.
    event PositionOpened(uint256 indexed positionId, address indexed owner, address indexed ipId);

    /// @notice Emitted when RT are pledged to a position.
    /// @param positionId The position.
    /// @param from Who supplied the RT.
    /// @param amount RT units.
    event CollateralAdded(uint256 indexed positionId, address indexed from, uint256 amount);

    /// @notice Emitted when pledged RT are withdrawn.
    /// @param positionId The position.
    /// @param receiver Who received the RT.
    /// @param amount RT units.
    event CollateralWithdrawn(uint256 indexed positionId, address indexed receiver, uint256 amount);

    /// @notice Emitted on a borrow.
    /// @param positionId The position.
    /// @param receiver Who received the loan asset.
    /// @param assets Amount borrowed.
    /// @param shares Borrow shares added.
    event Borrowed(uint256 indexed positionId, address indexed receiver, uint256 assets, uint256 shares);

    /// @notice Emitted on a repayment by an account.
    /// @param positionId The position.
    /// @param payer Who paid.
    /// @param assets Amount repaid.
    /// @param shares Borrow shares burnt.
    event Repaid(uint256 indexed positionId, address indexed payer, uint256 assets, uint256 shares);

    /// @notice Emitted when revenue of an IP's pledged RT is harvested from its royalty vault.
    /// @param ipId The IP.
    /// @param token The revenue token.
    /// @param amount Amount received.
    /// @param revenuePerRt The IP's cumulative revenue per RT unit after the harvest (1e36 scale).
    event RevenueHarvested(address indexed ipId, address indexed token, uint256 amount, uint256 revenuePerRt);

    /// @notice Emitted when a position's share of harvested revenue is applied.
    /// @param positionId The position.
    /// @param token The revenue token.
    /// @param repaid Part applied to the debt (loan asset only).
    /// @param credited Part credited to the borrower.
    event RevenueApplied(uint256 indexed positionId, address indexed token, uint256 repaid, uint256 credited);

    /// @notice Emitted when a borrower withdraws credited revenue.
    /// @param positionId The position.
    /// @param token The token.
    /// @param receiver Who received it.
    /// @param amount Amount.
    event CreditWithdrawn(uint256 indexed positionId, address indexed token, address receiver, uint256 amount);

    /// @notice Emitted on a liquidation.
    /// @param positionId The position.
    /// @param liquidator Who repaid and received the RT.
    /// @param repaid Debt repaid.
    /// @param seized RT units seized.
    event Liquidated(uint256 indexed positionId, address indexed liquidator, uint256 repaid, uint256 seized);

    /// @notice Emitted when debt left without collateral is written off.
    /// @param positionId The position.
    /// @param badDebt The debt written off.
    /// @param covered The part paid by the bad-debt cover; lenders absorb the rest.
    event BadDebtRealized(uint256 indexed positionId, uint256 badDebt, uint256 covered);

    /// @notice Emitted when the bad-debt cover pays part of a position's uncovered bad debt after its realization.
    /// @param positionId The position.
    /// @param covered The amount paid, credited to lenders.
    /// @param uncovered What is still uncovered.
    event BadDebtCovered(uint256 indexed positionId, uint256 covered, uint256 uncovered);

    /// @notice Emitted when a position is closed and everything in it is returned.
    /// @param positionId The position.
    /// @param receiver Who received the RT and credits.
    event PositionClosed(uint256 indexed positionId, address indexed receiver);

    /// @notice Emitted when the interest rate model changes.
    /// @param model The new model.
    event InterestRateModelSet(IInterestRateModel model);

    /// @notice Emitted when the reserve factor changes.
    /// @param reserveFactor The new reserve factor (WAD).
    event ReserveFactorSet(uint256 reserveFactor);

    /// @notice Emitted when the treasury changes.
    /// @param treasury The new treasury.
    event TreasurySet(address treasury);

    /// @notice Emitted when the supply cap changes.
    /// @param supplyCap The new cap on total assets.
    event SupplyCapSet(uint256 supplyCap);

    /// @notice Emitted when the minimum debt changes.
    /// @param minDebt The new minimum debt of a borrowing position.
    event MinDebtSet(uint256 minDebt);

    /// @notice Emitted when the bad-debt cover changes.
    /// @param cover The new cover (zero: none).
    event BadDebtCoverSet(IBadDebtCover cover);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice An amount was zero.
    /// @dev Fires for zero collateral, borrow, repay or withdrawal amounts.
    error ZeroAmount();

    /// @notice An address was zero.
    /// @dev Fires for a zero receiver, treasury, oracle or model.
    error ZeroAddress();

    /// @notice A parameter is out of its bounds.
    /// @dev Fires from setters and market listing; `parameter` names the offending value.
    /// @param parameter The parameter's name.
    error ParameterOutOfBounds(bytes32 parameter);

    /// @notice The IP is not registered on Story.
    /// @dev Fires when listing an unknown IP.
    /// @param ipId The IP.
    error IpNotRegistered(address ipId);

    /// @notice The IP has no royalty vault yet (no commercial license minted).
    /// @dev Fires when listing such an IP.
    /// @param ipId The IP.
    error NoRoyaltyVault(address ipId);

    /// @notice The IP is tagged by a Story dispute.
    /// @dev Fires when listing a disputed IP.
    /// @param ipId The IP.
    error IpDisputed(address ipId);

    /// @notice The IP is already listed.
    /// @dev Fires when listing it again.
    /// @param ipId The IP.
    error MarketAlreadyListed(address ipId);

    /// @notice The IP is not listed.
    /// @dev Fires when opening a position on it or updating its parameters.
    /// @param ipId The IP.
    error MarketNotListed(address ipId);

    /// @notice New borrowing against the IP is frozen.
    /// @dev Fires on borrow while the market is frozen.
    /// @param ipId The IP.
    error MarketIsFrozen(address ipId);

    /// @notice The position does not exist.
    /// @dev Fires for unknown or closed positions.
    /// @param positionId The position.
    error UnknownPosition(uint256 positionId);

    /// @notice The caller does not own the position.
    /// @dev Fires on borrow, collateral or credit withdrawal and close by anyone but the borrower.
    /// @param positionId The position.
    /// @param caller The caller.
    error NotPositionOwner(uint256 positionId, address caller);

    /// @notice The oracle's value is too old or zero.
    /// @dev Fires when a borrow or a withdrawal with debt needs a value the oracle cannot give.
    /// @param ipId The IP.
    /// @param updatedAt When the value was established.
    error StalePrice(address ipId, uint256 updatedAt);

    /// @notice The position would owe more than its collateral allows.
    /// @dev Fires when a borrow or collateral withdrawal would take debt above collateral value × max LTV.
    /// @param debt The resulting debt.
    /// @param maxDebt The most the collateral allows.
    error InsufficientCollateral(uint256 debt, uint256 maxDebt);

    /// @notice The loan is past its term.
    /// @dev Fires when an overdue position tries to borrow more (it can only repay or be liquidated).
    /// @param positionId The position.
    /// @param maturity When the debt was due.
    error LoanOverdue(uint256 positionId, uint256 maturity);

    /// @notice The IP's borrow cap would be exceeded.
    /// @dev Fires on borrow.
    /// @param ipId The IP.
    /// @param debt The IP's resulting total debt.
    /// @param cap Its cap.
    error BorrowCapExceeded(address ipId, uint256 debt, uint256 cap);

    /// @notice The vault lacks idle liquidity.
    /// @dev Fires when a borrow exceeds what lenders have not lent out.
    /// @param requested The amount requested.
    /// @param available The idle liquidity.
    error InsufficientLiquidity(uint256 requested, uint256 available);

    /// @notice A position would be left owing less than the minimum debt.
    /// @dev Fires when a borrow, repayment or liquidation would leave 0 < debt < minDebt.
    /// @param debt The resulting debt.
    /// @param minDebt The minimum.
    error DebtBelowMinimum(uint256 debt, uint256 minDebt);

    /// @notice The position still owes debt.
    /// @dev Fires on close while debt remains.
    /// @param debt The outstanding debt.
    error DebtOutstanding(uint256 debt);

    /// @notice The position owes nothing.
    /// @dev Fires on repay or liquidation of a debt-free position.
    /// @param positionId The position.
    error NoDebt(uint256 positionId);

    /// @notice The position is healthy, not overdue, and its IP is not disputed.
    /// @dev Fires on liquidation of such a position.
    /// @param positionId The position.
    /// @param healthFactor Its health factor (WAD).
    error PositionHealthy(uint256 positionId, uint256 healthFactor);

    /// @notice The liquidation would leave collateral worth less than the minimum debt behind.
    /// @dev Fires when a partial liquidation leaves dust collateral with debt (any collateral of a disputed IP is
    /// dust): liquidate all of it instead.
    /// @param remainingValue The value of the collateral left.
    error LiquidationLeavesDust(uint256 remainingValue);

    /// @notice The requested amount exceeds what is available.
    /// @dev Fires when withdrawing more collateral or credit than the position holds.
    /// @param requested The amount requested.
    /// @param available The amount available.
    error ExceedsAvailable(uint256 requested, uint256 available);

    /// @notice The position has no uncovered bad debt, or the cover paid nothing towards it.
    /// @dev Fires from `claimBadDebtCover`.
    /// @param positionId The position.
    error NothingToCover(uint256 positionId);

    /*//////////////////////////////////////////////////////////////
                               AUTHORITY
    //////////////////////////////////////////////////////////////*/

    /// @notice Lists an IP as collateral. Restricted (AccessManager).
    /// @param ipId A registered IP with a royalty vault and no dispute tag.
    /// @param params Its risk parameters (bounded).
    function listMarket(address ipId, MarketParams calldata params) external;

    /// @notice Changes a listed IP's risk parameters. Restricted.
    /// @param ipId The IP.
    /// @param params The new parameters (bounded).
    function updateMarketParams(address ipId, MarketParams calldata params) external;

    /// @notice Freezes or unfreezes new borrowing against an IP. Restricted (risk guardian).
    /// @param ipId The IP.
    /// @param frozen Whether to freeze.
    function setMarketFrozen(address ipId, bool frozen) external;

    /// @notice Sets the interest rate model, accruing interest first. Restricted.
    /// @param model The model.
    function setInterestRateModel(IInterestRateModel model) external;

    /// @notice Sets the share of interest minted to the treasury, accruing first. Restricted; at most 50%.
    /// @param reserveFactor The reserve factor (WAD).
    function setReserveFactor(uint256 reserveFactor) external;

    /// @notice Sets the treasury that receives reserve shares. Restricted.
    /// @param treasury The treasury.
    function setTreasury(address treasury) external;

    /// @notice Sets the cap on total assets (deposits stop at it). Restricted.
    /// @param supplyCap The cap, in loan-asset units.
    function setSupplyCap(uint256 supplyCap) external;

    /// @notice Sets the minimum debt of a borrowing position (also the dust threshold of liquidations). Restricted;
    /// at most 1,000 whole loan-asset tokens.
    /// @param minDebt The minimum, in loan-asset units.
    function setMinDebt(uint256 minDebt) external;

    /// @notice Sets the contract that pays bad debt before lenders do (zero: none). Restricted.
    /// @param cover The cover.
    function setBadDebtCover(IBadDebtCover cover) external;

    /// @notice Pauses deposits, new positions, new collateral and borrows. Repay, collateral and credit
    /// withdrawal, lender withdrawal, harvest and liquidation keep working. Restricted (guardian).
    function pause() external;

    /// @notice Lifts the pause. Restricted.
    function unpause() external;

    /*//////////////////////////////////////////////////////////////
                               BORROWERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Opens an empty position on a listed IP, owned by the caller.
    /// @param ipId The IP.
    /// @return positionId The new position.
    function openPosition(address ipId) external returns (uint256 positionId);

    /// @notice Pledges RT of the position's IP, pulled from the caller (any RT holder, e.g. the IP account through
    /// `execute`). Harvests the IP first so that revenue accrued before is not shared with the new RT.
    /// @param positionId The position.
    /// @param amount RT units.
    function addCollateral(uint256 positionId, uint256 amount) external;

    /// @notice Withdraws pledged RT. With debt, the rest must cover it at max LTV at a fresh value.
    /// @param positionId The position (caller must own it).
    /// @param amount RT units.
    /// @param receiver Who receives the RT.
    function withdrawCollateral(uint256 positionId, uint256 amount, address receiver) external;

    /// @notice Borrows the loan asset against the position's collateral.
    /// @param positionId The position (caller must own it).
    /// @param assets Amount to borrow.
    /// @param receiver Who receives it.
    /// @return shares Borrow shares added.
    function borrow(uint256 positionId, uint256 assets, address receiver) external returns (uint256 shares);

    /// @notice Repays debt of any position from the caller, after applying harvested revenue.
    /// @param positionId The position.
    /// @param assets Amount to repay; more than the debt repays exactly the debt.
    /// @return repaid Amount actually repaid.
    function repay(uint256 positionId, uint256 assets) external returns (uint256 repaid);

    /// @notice Withdraws revenue credited to the position (revenue beyond its debt, and non-loan-asset revenue).
    /// @param positionId The position (caller must own it).
    /// @param token The token.
    /// @param receiver Who receives it.
    /// @return amount Amount withdrawn (all of the credit).
    function withdrawCredit(uint256 positionId, address token, address receiver) external returns (uint256 amount);

    /// @notice Closes a debt-free position, returning its RT and every credit to `receiver`.
    /// @param positionId The position (caller must own it).
    /// @param receiver Who receives everything.
    function close(uint256 positionId, address receiver) external;

    /*//////////////////////////////////////////////////////////////
                           REVENUE AND LIQUIDATION
    //////////////////////////////////////////////////////////////*/

    /// @notice Claims the revenue of all RT pledged for `ipId` from its royalty vault into the vault's per-RT
    /// accumulator. Permissionless, never reverts for lack of revenue or a disputed IP, pays the caller nothing.
    /// @param ipId The IP.
    function harvest(address ipId) external;

    /// @notice Applies a position's share of harvested revenue: loan-asset revenue repays its debt, the rest is
    /// credited to the borrower. Permissionless.
    /// @param positionId The position.
    function settle(uint256 positionId) external;

    /// @notice Liquidates a position that is unhealthy (health factor < 1), overdue, or whose IP is disputed:
    /// repays up to the close factor (all if the health factor is below 0.95, the loan is overdue, the IP is
    /// disputed, or the close factor would leave less than the minimum debt) from the caller and sends it RT worth
    /// the repayment plus the bonus. Collateral exhausted with debt left realizes bad debt in the same transaction.
    /// @param positionId The position.
    /// @param maxRepay The most the liquidator repays.
    /// @return repaid Debt repaid.
    /// @return seized RT units received.
    function liquidate(uint256 positionId, uint256 maxRepay) external returns (uint256 repaid, uint256 seized);

    /// @notice Asks the bad-debt cover again for a position's uncovered bad debt (for example a cover that was
    /// wired or funded after the liquidation) and credits what arrives to lenders. Permissionless; works while paused.
    /// @param positionId The position.
    /// @return covered The amount the cover paid.
    function claimBadDebtCover(uint256 positionId) external returns (uint256 covered);

    /// @notice Accrues interest up to now. Permissionless.
    function accrueInterest() external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice A listed IP's state.
    /// @param ipId The IP.
    /// @return The market.
    function market(address ipId) external view returns (Market memory);

    /// @notice A position's state (debt in shares; see `debtOf`).
    /// @param positionId The position.
    /// @return The position.
    function position(uint256 positionId) external view returns (Position memory);

    /// @notice The bad debt of a position's latest realization that no cover has paid yet.
    /// @param positionId The position.
    /// @return uncovered The uncovered amount, in loan-asset units.
    /// @return realizedAt When it was realized (0: never).
    function uncoveredBadDebt(uint256 positionId) external view returns (uint256 uncovered, uint256 realizedAt);

    /// @notice A position's debt now, with interest and harvested revenue applied.
    /// @param positionId The position.
    /// @return The debt in loan-asset units.
    function debtOf(uint256 positionId) external view returns (uint256);

    /// @notice A position's health factor now: collateral value × liquidation threshold / debt (WAD).
    /// @param positionId The position.
    /// @return Max uint256 without debt; 0 for a disputed or unvalued IP.
    function healthFactor(uint256 positionId) external view returns (uint256);

    /// @notice Revenue credited to a position, harvested revenue not yet applied included.
    /// @param positionId The position.
    /// @param token The token.
    /// @return The amount withdrawable after settlement (for the loan asset: beyond the debt).
    function creditOf(uint256 positionId, address token) external view returns (uint256);

    /// @notice Borrowed / supplied (WAD), after accrual.
    /// @return The utilization.
    function utilization() external view returns (uint256);

    /// @notice The loan asset lenders have not lent out.
    /// @return The idle liquidity.
    function idleLiquidity() external view returns (uint256);

    /// @notice Total debt of all positions, after accrual.
    /// @return The total debt in loan-asset units.
    function totalDebt() external view returns (uint256);
}
