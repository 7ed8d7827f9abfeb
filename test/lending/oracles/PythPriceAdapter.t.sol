// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { AccessManager } from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import { IPyth } from "@pythnetwork/pyth-sdk-solidity/IPyth.sol";
import { MockPyth } from "@pythnetwork/pyth-sdk-solidity/MockPyth.sol";
import { PythPriceAdapter } from "../../../contracts/lending/oracles/PythPriceAdapter.sol";
import { MockDecimalsToken } from "../../../contracts/mocks/MockDecimalsToken.sol";
import { VM, bound } from "../../utils/TestUtils.sol";

contract PythPriceAdapterTest {
    bytes32 private constant LOAN_FEED = keccak256("LOAN/USD");
    bytes32 private constant TOKEN_FEED = keccak256("TOKEN/USD");
    uint256 private constant START = 1_700_000_000;

    error CheckFailed(string what, uint256 actual, uint256 expected);

    AccessManager private manager;
    MockPyth private pyth;

    function setUp() public {
        VM.warp(START);
        manager = new AccessManager(address(this));
        pyth = new MockPyth(60, 0);
    }

    struct Case {
        uint256 amount;
        uint256 tokenPrice;
        uint256 loanPrice;
        int256 tokenExpo;
        int256 loanExpo;
        uint8 tokenDecimals;
        uint8 loanDecimals;
    }

    /// @dev Conversion equals floor(amount × pT × 10^(eT + dL) / (pL × 10^(eL + dT))) computed in plain arithmetic
    /// (ranges chosen so it cannot overflow), and is monotonic in the amount.
    function testFuzz_ConversionIsExact(
        uint256 amount,
        uint256 tokenPrice,
        uint256 loanPrice,
        uint256 tokenExpo,
        uint256 loanExpo,
        uint256 tokenDecimals,
        uint256 loanDecimals
    ) public {
        Case memory c = Case({
            amount: bound(amount, 0, 1e30),
            tokenPrice: bound(tokenPrice, 1, 1e12),
            loanPrice: bound(loanPrice, 1, 1e12),
            tokenExpo: -int256(bound(tokenExpo, 0, 12)),
            loanExpo: -int256(bound(loanExpo, 0, 12)),
            tokenDecimals: uint8(bound(tokenDecimals, 0, 18)),
            loanDecimals: uint8(bound(loanDecimals, 0, 18))
        });
        _checkCase(c);
    }

    function _checkCase(Case memory c) private {
        (PythPriceAdapter adapter, address token) = _deploy(c.tokenDecimals, c.loanDecimals);
        _push(TOKEN_FEED, int64(int256(c.tokenPrice)), int32(c.tokenExpo));
        _push(LOAN_FEED, int64(int256(c.loanPrice)), int32(c.loanExpo));
        int256 scale = c.tokenExpo - c.loanExpo + int256(uint256(c.loanDecimals)) - int256(uint256(c.tokenDecimals));
        uint256 expected =
            scale < 0
                ? (c.amount * c.tokenPrice) / (c.loanPrice * 10 ** uint256(-scale))
                : (c.amount * c.tokenPrice * 10 ** uint256(scale)) / c.loanPrice;
        (uint256 value, uint256 updatedAt) = adapter.convert(token, c.amount);
        _eq(value, expected, "exact floor");
        _eq(updatedAt, START, "publish time");
        (uint256 more, ) = adapter.convert(token, c.amount + 1);
        if (more < value) revert CheckFailed("monotonic in amount", more, value);
    }

    /// @dev At the largest supported scales and prices the math does not overflow (MAX_SCALE is safe).
    function testFuzz_ExtremeScalesDoNotOverflow(uint256 amount, bool up) public {
        amount = bound(amount, 0, 1e18);
        // 58 = 0 - 0 + 58 - 0 (loan asset with 58 decimals), or -58 (token with 58 decimals).
        (PythPriceAdapter adapter, address token) = up ? _deploy(0, 58) : _deploy(58, 0);
        _push(TOKEN_FEED, type(int64).max, 0);
        _push(LOAN_FEED, type(int64).max, 0);
        (uint256 value, ) = adapter.convert(token, amount);
        _eq(value, up ? amount * 1e58 : amount / 1e58, "extreme scale");
    }

    function _deploy(uint8 tokenDecimals, uint8 loanDecimals) private returns (PythPriceAdapter, address) {
        MockDecimalsToken loan = new MockDecimalsToken(loanDecimals);
        MockDecimalsToken token = new MockDecimalsToken(tokenDecimals);
        PythPriceAdapter adapter = new PythPriceAdapter(
            address(manager),
            IPyth(address(pyth)),
            address(loan),
            LOAN_FEED,
            1 hours
        );
        adapter.setFeed(address(token), TOKEN_FEED);
        return (adapter, address(token));
    }

    function _push(bytes32 feed, int64 price, int32 expo) private {
        bytes[] memory data = new bytes[](1);
        data[0] = pyth.createPriceFeedUpdateData(feed, price, 0, expo, price, 0, uint64(START), uint64(START - 1));
        pyth.updatePriceFeeds(data);
    }

    function _eq(uint256 a, uint256 b, string memory what) private pure {
        if (a != b) revert CheckFailed(what, a, b);
    }
}
