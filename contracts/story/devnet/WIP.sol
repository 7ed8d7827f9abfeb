// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IWIP } from "../interfaces/IWIP.sol";

/// @title WIP
/// @notice Devnet Wrapped IP: Story's WETH9-style wrapper of the native token, with Story's errors and rules
/// (no transfers to the zero address or to WIP itself, no self-approval, Permit2 has an infinite allowance).
/// @dev Installed at 0x1514000000000000000000000000000000000000 by copying its runtime code (`hardhat_setCode`),
/// so it has no constructor, no immutables and no storage that needs initialising; name and symbol are constants.
contract WIP is IWIP {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Uniswap's Permit2, which Story's WIP (Solady ERC20) trusts with an infinite allowance.
    address private constant _PERMIT2 = 0x000000000022D473030F116dDEE9F6B43aC78BA3;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    uint256 private _totalSupply;
    mapping(address owner => uint256) private _balances;
    mapping(address owner => mapping(address spender => uint256)) private _allowances;

    /*//////////////////////////////////////////////////////////////
                              WRAPPING
    //////////////////////////////////////////////////////////////*/

    /// @notice Wraps native tokens sent without calldata.
    receive() external payable {
        deposit();
    }

    /// @inheritdoc IWIP
    function deposit() public payable {
        _totalSupply += msg.value;
        // Cannot overflow: a balance never exceeds the total supply.
        unchecked {
            _balances[msg.sender] += msg.value;
        }
        emit Transfer(address(0), msg.sender, msg.value);
        emit Deposit(msg.sender, msg.value);
    }

    /// @inheritdoc IWIP
    function withdraw(uint256 value) external {
        // Effects before the native transfer (checks-effects-interactions).
        _debit(msg.sender, value);
        unchecked {
            _totalSupply -= value;
        }
        emit Transfer(msg.sender, address(0), value);
        (bool success, ) = msg.sender.call{ value: value }("");
        if (!success) {
            revert IPTransferFailed();
        }
        emit Withdrawal(msg.sender, value);
    }

    /*//////////////////////////////////////////////////////////////
                                 ERC-20
    //////////////////////////////////////////////////////////////*/

    /// @notice The token name.
    /// @return "Wrapped IP".
    function name() external pure returns (string memory) {
        return "Wrapped IP";
    }

    /// @notice The token symbol.
    /// @return "WIP".
    function symbol() external pure returns (string memory) {
        return "WIP";
    }

    /// @notice The token decimals.
    /// @return 18.
    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @notice The total supply (equal to the native tokens held).
    /// @return The supply.
    function totalSupply() external view returns (uint256) {
        return _totalSupply;
    }

    /// @notice The balance of `owner`.
    /// @param owner The account.
    /// @return The balance.
    function balanceOf(address owner) external view returns (uint256) {
        return _balances[owner];
    }

    /// @notice The allowance `owner` gave `spender` (infinite for Permit2).
    /// @param owner The token owner.
    /// @param spender The spender.
    /// @return The allowance.
    function allowance(address owner, address spender) public view returns (uint256) {
        if (spender == _PERMIT2) {
            return type(uint256).max;
        }
        return _allowances[owner][spender];
    }

    /// @notice Approves `spender` to spend `amount` of the caller's WIP.
    /// @param spender The spender (not the caller; Permit2 only with the maximum amount).
    /// @param amount The allowance.
    /// @return True.
    function approve(address spender, uint256 amount) external returns (bool) {
        if (spender == msg.sender) {
            revert ERC20InvalidSpender(msg.sender);
        }
        if (spender == _PERMIT2 && amount != type(uint256).max) {
            revert Permit2AllowanceIsFixedAtInfinity();
        }
        _allowances[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    /// @notice Transfers `amount` WIP from the caller to `to`.
    /// @param to The receiver (not zero, not WIP itself).
    /// @param amount The amount.
    /// @return True.
    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    /// @notice Transfers `amount` WIP from `from` to `to`, spending the caller's allowance.
    /// @param from The owner.
    /// @param to The receiver (not zero, not WIP itself).
    /// @param amount The amount.
    /// @return True.
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance(from, msg.sender);
        if (allowed != type(uint256).max) {
            if (amount > allowed) {
                revert InsufficientAllowance();
            }
            unchecked {
                _allowances[from][msg.sender] = allowed - amount;
            }
        }
        _transfer(from, to, amount);
        return true;
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _transfer(address from, address to, uint256 amount) private {
        if (to == address(0)) {
            revert ERC20InvalidReceiver(address(0));
        }
        if (to == address(this)) {
            revert ERC20InvalidReceiver(address(this));
        }
        _debit(from, amount);
        // Cannot overflow: the sum of balances is the total supply.
        unchecked {
            _balances[to] += amount;
        }
        emit Transfer(from, to, amount);
    }

    function _debit(address from, uint256 amount) private {
        uint256 balance = _balances[from];
        if (amount > balance) {
            revert InsufficientBalance();
        }
        unchecked {
            _balances[from] = balance - amount;
        }
    }
}
