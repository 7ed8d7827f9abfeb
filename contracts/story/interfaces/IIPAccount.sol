// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IIPAccount
/// @notice The subset of Story's ERC-6551 IP account that Quintessence uses (the IP id is this account's address).
interface IIPAccount {
    /// @notice Emitted when the account executes a call.
    /// @param to The target.
    /// @param value Native value sent.
    /// @param data The calldata.
    /// @param nonce The account state after the call.
    event Executed(address indexed to, uint256 value, bytes data, bytes32 nonce);

    /// @notice The caller may not act for the IP account.
    /// @dev Fires when `execute` is called by anyone but the owner of the bound NFT.
    error IPAccount__InvalidSigner();

    /// @notice The IP account cannot own the NFT it is bound to.
    /// @dev Fires when the bound NFT itself is safe-transferred to its own account (an unrecoverable cycle).
    error SelfOwnDetected();

    /// @notice Executes a call from the IP account. Only the owner (or a permitted module) may call.
    /// @param to The target.
    /// @param value Native value to send.
    /// @param data The calldata.
    /// @return result The call's return data.
    function execute(address to, uint256 value, bytes calldata data) external payable returns (bytes memory result);

    /// @notice The owner of the IP account: the current holder of the bound NFT.
    /// @return The owner address.
    function owner() external view returns (address);

    /// @notice The NFT the account is bound to.
    /// @return The chain id of the NFT.
    /// @return The NFT contract.
    /// @return The token id.
    function token() external view returns (uint256, address, uint256);

    /// @notice A value that changes on every state-changing execution (ERC-6551).
    /// @return result The current state.
    function state() external view returns (bytes32 result);
}
