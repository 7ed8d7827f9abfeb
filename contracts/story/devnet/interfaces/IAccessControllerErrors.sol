// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IAccessControllerErrors
/// @notice Story's AccessController error that module calls revert with when the caller may not act for an IP
/// account (exact name and parameters; the AccessController is absent from the SDK's ABIs, so it lives here).
interface IAccessControllerErrors {
    /// @notice Thrown when `signer` has no permission to call `func` on `to` for `ipAccount`.
    /// @dev Fires when a caller is neither the IP account nor its owner.
    /// @param ipAccount The IP account.
    /// @param signer The caller.
    /// @param to The module called.
    /// @param func The function selector.
    error AccessController__PermissionDenied(address ipAccount, address signer, address to, bytes4 func);
}
