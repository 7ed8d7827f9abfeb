// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title MockNoReturnToken
/// @notice Test token shaped like USDT: `transfer`, `transferFrom` and `approve` return nothing, and a failed
/// transfer reverts. 6 decimals, minted freely.
/// @dev Test-only. Not an IERC20 in Solidity's eyes (no return values), exactly what SafeERC20 must cope with.
contract MockNoReturnToken {
    /// @notice Total supply.
    uint256 public totalSupply;
    /// @notice Balances.
    mapping(address account => uint256) public balanceOf;
    /// @notice Allowances.
    mapping(address owner => mapping(address spender => uint256)) public allowance;

    /// @notice ERC-20 transfer event.
    /// @param from The sender.
    /// @param to The recipient.
    /// @param value The amount.
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// @notice ERC-20 approval event.
    /// @param owner The owner.
    /// @param spender The spender.
    /// @param value The allowance.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice Balance or allowance too low.
    error InsufficientFunds();

    /// @notice Token name.
    /// @return The name.
    function name() external pure returns (string memory) {
        return "No Return USD";
    }

    /// @notice Token symbol.
    /// @return The symbol.
    function symbol() external pure returns (string memory) {
        return "NRUSD";
    }

    /// @notice Token decimals.
    /// @return 6.
    function decimals() external pure returns (uint8) {
        return 6;
    }

    /// @notice Mints `amount` to `to`.
    /// @param to The receiver.
    /// @param amount The amount.
    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    /// @notice Sets `spender`'s allowance; returns nothing.
    /// @param spender The spender.
    /// @param value The allowance.
    function approve(address spender, uint256 value) external {
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
    }

    /// @notice Moves `value` to `to`; returns nothing.
    /// @param to The recipient.
    /// @param value The amount.
    function transfer(address to, uint256 value) external {
        _move(msg.sender, to, value);
    }

    /// @notice Moves `value` from `from` to `to` against an allowance; returns nothing.
    /// @param from The sender.
    /// @param to The recipient.
    /// @param value The amount.
    function transferFrom(address from, address to, uint256 value) external {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed < value) {
            revert InsufficientFunds();
        }
        if (allowed != type(uint256).max) {
            allowance[from][msg.sender] = allowed - value;
        }
        _move(from, to, value);
    }

    /// @dev Moves a balance or reverts.
    function _move(address from, address to, uint256 value) private {
        if (balanceOf[from] < value) {
            revert InsufficientFunds();
        }
        balanceOf[from] -= value;
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }
}
