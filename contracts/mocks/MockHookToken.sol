// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ITokenHook
/// @notice The callbacks of `MockHookToken` (ERC-777's `tokensToSend` / `tokensReceived`, without the registry).
interface ITokenHook {
    /// @notice Called on the sender's hook before its balance moves.
    /// @param from The sender.
    /// @param to The recipient.
    /// @param value The amount.
    function tokensToSend(address from, address to, uint256 value) external;

    /// @notice Called on the recipient's hook after its balance moved.
    /// @param from The sender.
    /// @param to The recipient.
    /// @param value The amount.
    function tokensReceived(address from, address to, uint256 value) external;
}

/// @title MockHookToken
/// @notice Test ERC-20 with ERC-777-style transfer hooks: an account may register a hook contract, which is called
/// before the account sends (`tokensToSend`) and after it receives (`tokensReceived`). A hook's revert bubbles up.
/// @dev Test-only: a reentrancy probe for every path that moves such a token. Minted freely.
contract MockHookToken is ERC20 {
    /// @notice The hook registered by each account (zero: none).
    mapping(address account => address hook) public hookOf;

    /// @notice Emitted when an account registers (or clears) its hook.
    /// @param account The account.
    /// @param hook The hook (zero: cleared).
    event HookSet(address indexed account, address indexed hook);

    /// @notice Deploys the token.
    constructor() ERC20("Hook Token", "HOOK") {}

    /// @notice Mints `amount` to `to` (no hook runs).
    /// @param to The receiver.
    /// @param amount The amount.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Registers the caller's hook (the zero address clears it).
    /// @param hook The hook contract.
    function setHook(address hook) external {
        hookOf[msg.sender] = hook;
        emit HookSet(msg.sender, hook);
    }

    /// @dev Calls the sender's hook, moves the balance, then calls the recipient's hook (mints and burns skip them).
    function _update(address from, address to, uint256 value) internal override {
        bool isTransfer = from != address(0) && to != address(0);
        address senderHook = hookOf[from];
        if (isTransfer && senderHook != address(0)) {
            ITokenHook(senderHook).tokensToSend(from, to, value);
        }
        super._update(from, to, value);
        address recipientHook = hookOf[to];
        if (isTransfer && recipientHook != address(0)) {
            ITokenHook(recipientHook).tokensReceived(from, to, value);
        }
    }
}
