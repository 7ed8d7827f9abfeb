// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManager } from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import { WIP } from "../../contracts/story/devnet/WIP.sol";
import { CoverNFT } from "../../contracts/insurance/CoverNFT.sol";
import { RiskOracle } from "../../contracts/insurance/RiskOracle.sol";
import { UnderwritingPool } from "../../contracts/insurance/UnderwritingPool.sol";
import { IRiskOracle } from "../../contracts/insurance/interfaces/IRiskOracle.sol";
import {
    CoverRequest,
    PoolConfig,
    ProductConfig,
    Quote
} from "../../contracts/insurance/interfaces/IUnderwritingPool.sol";
import { MockCoverProduct } from "../../contracts/mocks/MockCoverProduct.sol";
import { VM } from "../utils/TestUtils.sol";

/// @dev Shared by the insurance fuzz and invariant suites: a standalone WIP (the devnet's wrapper, 18 decimals) as
/// the pool asset, an AccessManager administered by the test contract with the roles of
/// `test/fixtures/insurance.ts`, the cover NFT, the risk oracle, an underwriting pool with the fixture's parameters,
/// and two mock products (the pool trusts its products for claims, so the mocks let tests pay, reserve and release
/// covers directly): `product` with the infringement terms, `product2` with a waiting period and a short claim window.
abstract contract InsuranceTestBase {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant DAY = 1 days;
    uint256 internal constant YEAR = 365 days;
    uint256 internal constant EPOCH = 7 days;

    /// @dev Roles of INSURANCE_ROLES in insurance.ts.
    uint64 internal constant RISK_MANAGER = 1;
    uint64 internal constant GUARDIAN = 3;
    uint64 internal constant RISK_ASSESSOR = 4;
    uint64 internal constant COVER_POOL = 5;

    /// @dev POOL_PARAMS of insurance.ts.
    uint256 internal constant PROTOCOL_FEE = 0.1e18;
    uint256 internal constant CAPACITY_RATIO = 0.8e18;
    uint256 internal constant COOLDOWN = 7 days;
    uint256 internal constant WITHDRAWAL_WINDOW = 3 days;
    uint256 internal constant RATE_MAX_AGE = 30 days;
    /// @dev DEFAULT_RATES.infringement and DEFAULT_RATES.shortfall of insurance.ts.
    uint256 internal constant RATE = 0.02e18;
    uint256 internal constant RATE2 = 0.05e18;

    /// @dev `product`'s terms (INFRINGEMENT_TERMS): 30 days to 2 years, no waiting period, 120-day claim window.
    uint32 internal constant MIN_DURATION = 30 days;
    uint32 internal constant MAX_DURATION = 730 days;
    uint32 internal constant CLAIM_WINDOW = 120 days;
    /// @dev `product2`'s terms: 7 days to 1 year, 7-day waiting period, 30-day claim window.
    uint32 internal constant MIN_DURATION2 = 7 days;
    uint32 internal constant MAX_DURATION2 = 365 days;
    uint32 internal constant WAITING2 = 7 days;
    uint32 internal constant CLAIM_WINDOW2 = 30 days;

    address internal constant TREASURY = address(0x7EA5);
    address internal constant SUBJECT = address(0x5B1EC7);

    WIP internal asset;
    AccessManager internal manager;
    CoverNFT internal coverNft;
    RiskOracle internal oracle;
    UnderwritingPool internal pool;
    MockCoverProduct internal product;
    MockCoverProduct internal product2;

    /// @dev Deploys everything; the test contract is the admin and holds the risk-manager, assessor and guardian
    /// roles. Starts on a realistic timestamp (epoch boundaries are multiples of 7 days since 0).
    function _deployInsurance() internal {
        VM.warp(1_750_000_000);
        asset = new WIP();
        manager = new AccessManager(address(this));
        address authority = address(manager);
        coverNft = new CoverNFT(authority);
        oracle = new RiskOracle(authority, RATE_MAX_AGE);
        pool = new UnderwritingPool(
            PoolConfig({
                asset: address(asset),
                name: "Quintessence WIP Underwriting",
                symbol: "uwWIP",
                authority: authority,
                coverNFT: address(coverNft),
                riskOracle: address(oracle),
                treasury: TREASURY,
                protocolFee: PROTOCOL_FEE,
                capacityRatio: CAPACITY_RATIO,
                cooldown: COOLDOWN,
                withdrawalWindow: WITHDRAWAL_WINDOW
            })
        );
        product = new MockCoverProduct(address(pool));
        product2 = new MockCoverProduct(address(pool));
        _grantRoles();
        pool.setProduct(
            address(product),
            ProductConfig({
                enabled: true,
                minDuration: MIN_DURATION,
                maxDuration: MAX_DURATION,
                waitingPeriod: 0,
                claimWindow: CLAIM_WINDOW,
                minAmount: 0
            })
        );
        pool.setProduct(
            address(product2),
            ProductConfig({
                enabled: true,
                minDuration: MIN_DURATION2,
                maxDuration: MAX_DURATION2,
                waitingPeriod: WAITING2,
                claimWindow: CLAIM_WINDOW2,
                minAmount: 0
            })
        );
        oracle.setDefaultRate(address(product), RATE);
        oracle.setDefaultRate(address(product2), RATE2);
    }

    /// @dev The role wiring of `deployInsurance` in insurance.ts.
    function _grantRoles() private {
        bytes4[] memory nft = new bytes4[](2);
        nft[0] = coverNft.mint.selector;
        nft[1] = coverNft.setStatus.selector;
        manager.setTargetFunctionRole(address(coverNft), nft, COVER_POOL);
        bytes4[] memory poolRisk = new bytes4[](6);
        poolRisk[0] = pool.setProduct.selector;
        poolRisk[1] = pool.setCapacityRatio.selector;
        poolRisk[2] = pool.setProtocolFee.selector;
        poolRisk[3] = pool.setTreasury.selector;
        poolRisk[4] = pool.setRiskOracle.selector;
        poolRisk[5] = pool.setWithdrawalTimes.selector;
        manager.setTargetFunctionRole(address(pool), poolRisk, RISK_MANAGER);
        bytes4[] memory poolGuardian = new bytes4[](1);
        poolGuardian[0] = pool.pause.selector;
        manager.setTargetFunctionRole(address(pool), poolGuardian, GUARDIAN);
        bytes4[] memory oracleRisk = new bytes4[](2);
        oracleRisk[0] = IRiskOracle.setDefaultRate.selector;
        oracleRisk[1] = IRiskOracle.setMaxAge.selector;
        manager.setTargetFunctionRole(address(oracle), oracleRisk, RISK_MANAGER);
        bytes4[] memory oracleAssessor = new bytes4[](1);
        oracleAssessor[0] = IRiskOracle.postRates.selector;
        manager.setTargetFunctionRole(address(oracle), oracleAssessor, RISK_ASSESSOR);
        manager.grantRole(COVER_POOL, address(pool), 0);
        manager.grantRole(RISK_MANAGER, address(this), 0);
        manager.grantRole(RISK_ASSESSOR, address(this), 0);
        manager.grantRole(GUARDIAN, address(this), 0);
    }

    /// @dev Gives `account` `amount` more WIP (wraps freshly dealt native tokens).
    function _dealAsset(address account, uint256 amount) internal {
        VM.deal(account, amount);
        VM.prank(account);
        asset.deposit{ value: amount }();
    }

    /// @dev Gives `underwriter` `amount` WIP and deposits it into the pool.
    function _deposit(address underwriter, uint256 amount) internal returns (uint256 shares) {
        _dealAsset(underwriter, amount);
        VM.startPrank(underwriter);
        asset.approve(address(pool), amount);
        shares = pool.deposit(amount, underwriter);
        VM.stopPrank();
    }

    /// @dev `buyer` buys `amount` of `product_` cover for `duration` at the quoted premium (dealt to it first).
    function _buyCover(
        address buyer,
        MockCoverProduct product_,
        uint256 amount,
        uint256 duration
    ) internal returns (uint256 coverId, uint256 premium) {
        Quote memory q = pool.quote(address(product_), SUBJECT, SUBJECT, amount, duration);
        premium = q.premium;
        _dealAsset(buyer, premium);
        VM.startPrank(buyer);
        asset.approve(address(pool), premium);
        coverId = pool.buyCover(
            CoverRequest({
                product: address(product_),
                subject: SUBJECT,
                ipId: SUBJECT,
                amount: amount,
                duration: duration,
                maxPremium: premium,
                recipient: buyer
            })
        );
        VM.stopPrank();
    }

    /// @dev The first epoch boundary strictly after `timestamp` (computed as the design states it).
    function _epochAfter(uint256 timestamp) internal pure returns (uint256) {
        return timestamp - (timestamp % EPOCH) + EPOCH;
    }
}
