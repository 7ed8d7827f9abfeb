// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IDevnetWiring
/// @notice Devnet-only, one-time wiring of the Licensing Module into contracts that only it may call. Story sets
/// these addresses in constructors of upgradeable proxies; the devnet deploys in dependency order and wires after.
interface IDevnetWiring {
    /// @notice Emitted when the Licensing Module is wired in.
    /// @param licensingModule The Licensing Module.
    event LicensingModuleSet(address licensingModule);

    /// @notice Thrown when the Licensing Module is set a second time.
    /// @dev Fires on any `setLicensingModule` after the first.
    error Devnet__LicensingModuleAlreadySet();

    /// @notice Thrown when the Licensing Module would be the zero address.
    /// @dev Fires on `setLicensingModule(0)` where Story has no error of its own for it.
    error Devnet__ZeroLicensingModule();

    /// @notice Sets the Licensing Module, once. Admin only.
    /// @param licensingModule The Licensing Module.
    function setLicensingModule(address licensingModule) external;
}
