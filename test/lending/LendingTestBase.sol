// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManager } from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import { RoyaltyLendingVault } from "../../contracts/lending/RoyaltyLendingVault.sol";
import { KinkedRateModel } from "../../contracts/lending/KinkedRateModel.sol";
import { AppraisalOracle } from "../../contracts/lending/oracles/AppraisalOracle.sol";
import { MarketParams, VaultConfig } from "../../contracts/lending/interfaces/IRoyaltyLendingVault.sol";
import { StoryDevnet, Devnet, DevnetIp } from "../fixtures/StoryDevnet.sol";
import { VM } from "../utils/TestUtils.sol";

/// @dev Shared by the lending fuzz and invariant suites: the Story devnet, an AccessManager with the roles of
/// `test/fixtures/lending.ts`, the kinked rate model and appraisal oracle, and a WIP lending vault.
abstract contract LendingTestBase {
    uint256 internal constant WAD = 1e18;
    uint64 internal constant RISK_MANAGER = 1;
    uint64 internal constant APPRAISER = 2;
    /// @dev Rate model of `RATE_MODEL` in lending.ts: 0% base, 8% to the 80% kink, +300% to full utilization.
    uint256 internal constant SLOPE1 = 0.08e18;
    uint256 internal constant SLOPE2 = 3e18;
    uint256 internal constant KINK = 0.8e18;
    uint256 internal constant RESERVE_FACTOR = 0.1e18;
    uint256 internal constant MIN_DEBT = 0.01 ether;
    address internal constant TREASURY = address(0x7EA5);

    Devnet internal story;
    AccessManager internal manager;
    KinkedRateModel internal rateModel;
    AppraisalOracle internal appraisal;
    RoyaltyLendingVault internal vault;

    /// @dev Deploys everything, the appraisal oracle with the given bounds; the test contract holds the admin,
    /// risk-manager and appraiser roles.
    function _deployLending(uint256 maxChangePerUpdate, uint256 increasePeriod) internal {
        story = StoryDevnet.deploy();
        manager = new AccessManager(address(this));
        rateModel = new KinkedRateModel(0, SLOPE1, SLOPE2, KINK);
        appraisal = new AppraisalOracle(address(manager), maxChangePerUpdate, increasePeriod);
        vault = new RoyaltyLendingVault(
            VaultConfig({
                asset: address(story.wip),
                name: "Quintessence WIP Lending",
                symbol: "qWIP",
                authority: address(manager),
                ipAssetRegistry: address(story.registry),
                royaltyModule: address(story.royalty),
                disputeModule: address(story.disputes),
                rateModel: address(rateModel),
                treasury: TREASURY,
                reserveFactor: RESERVE_FACTOR,
                supplyCap: 1e30,
                minDebt: MIN_DEBT
            })
        );
        bytes4[] memory riskSelectors = new bytes4[](1);
        riskSelectors[0] = vault.listMarket.selector;
        manager.setTargetFunctionRole(address(vault), riskSelectors, RISK_MANAGER);
        bytes4[] memory appraiserSelectors = new bytes4[](1);
        appraiserSelectors[0] = appraisal.postAppraisal.selector;
        manager.setTargetFunctionRole(address(appraisal), appraiserSelectors, APPRAISER);
        manager.grantRole(RISK_MANAGER, address(this), 0);
        _grantAppraiser(address(this));
    }

    function _grantAppraiser(address account) internal {
        manager.grantRole(APPRAISER, account, 0);
    }

    /// @dev Market parameters of `MARKET` in lending.ts, with the given loan term and price age limit.
    function _marketParams(uint64 loanTerm, uint32 maxPriceAge) internal view returns (MarketParams memory) {
        return
            MarketParams({
                oracle: appraisal,
                maxLtv: 0.5e18,
                liquidationThreshold: 0.65e18,
                liquidationBonus: 0.08e18,
                loanTerm: loanTerm,
                maxPriceAge: maxPriceAge,
                borrowCap: 1_000_000 ether
            });
    }

    /// @dev Creates an IP owned by `owner`, appraises all its RT at `totalValue` WIP and lists it.
    function _listNewIp(
        address owner,
        uint256 totalValue,
        uint64 loanTerm,
        uint32 maxPriceAge
    ) internal returns (DevnetIp memory ip) {
        ip = StoryDevnet.createIpWithVault(story, owner);
        appraisal.postAppraisal(ip.ipId, (totalValue * WAD) / StoryDevnet.RT_SUPPLY);
        vault.listMarket(ip.ipId, _marketParams(loanTerm, maxPriceAge));
    }

    /// @dev Gives `lender` `amount` WIP and deposits it.
    function _deposit(address lender, uint256 amount) internal returns (uint256 shares) {
        StoryDevnet.dealWip(story, lender, amount);
        VM.startPrank(lender);
        story.wip.approve(address(vault), amount);
        shares = vault.deposit(amount, lender);
        VM.stopPrank();
    }

    /// @dev Moves `amount` RT of `ip` to `borrower`, who opens a position and pledges them.
    function _openPosition(DevnetIp memory ip, address borrower, uint256 amount) internal returns (uint256 id) {
        StoryDevnet.transferRtFromIp(ip, borrower, amount);
        id = _openPositionWithOwnRt(ip, borrower, amount);
    }

    /// @dev `borrower` opens a position and pledges `amount` of the RT it holds.
    function _openPositionWithOwnRt(
        DevnetIp memory ip,
        address borrower,
        uint256 amount
    ) internal returns (uint256 id) {
        VM.startPrank(borrower);
        id = vault.openPosition(ip.ipId);
        ip.vault.approve(address(vault), amount);
        vault.addCollateral(id, amount);
        VM.stopPrank();
    }
}
