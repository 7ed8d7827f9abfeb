// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC1155Receiver } from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import { IERC165 } from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import { ITokenHook } from "./MockHookToken.sol";

/// @title MockHookAttacker
/// @notice Test attacker behind a `MockHookToken` hook: it calls any target as itself and, when armed, runs one
/// call from inside the next token hook (a re-entry, whose revert bubbles up), or records one view call (a read-only
/// re-entry probe). Accepts ERC-1155 tokens so it can hold seats.
/// @dev Test-only. Anyone may drive it.
contract MockHookAttacker is ITokenHook, IERC1155Receiver {
    /// @notice The target of the armed call.
    address public armedTarget;
    /// @notice The calldata of the armed call.
    bytes public armedPayload;
    /// @notice Whether the armed call is a view probe (static call, result recorded) rather than a re-entry.
    bool public probe;
    /// @notice Whether a call is armed.
    bool public armed;
    /// @notice What the last probe returned.
    bytes public probeResult;
    /// @notice How many hooks ran.
    uint256 public hooksRun;

    /// @notice Emitted when a call is armed.
    /// @param target The target.
    /// @param probe Whether it is a view probe.
    event Armed(address indexed target, bool probe);

    /// @notice Emitted when the armed call ran from a hook.
    /// @param target The target.
    /// @param result What it returned.
    event HookCallRan(address indexed target, bytes result);

    /// @notice A direct call failed.
    /// @param reason The revert data.
    error CallFailed(bytes reason);

    /// @notice Calls `target_` with `data` as this contract, bubbling a revert.
    /// @param target_ The target.
    /// @param data The calldata.
    /// @return result What the call returned.
    function execute(address target_, bytes calldata data) external payable returns (bytes memory result) {
        bool ok;
        (ok, result) = target_.call{ value: msg.value }(data);
        if (!ok) {
            _bubble(result);
        }
    }

    /// @notice Arms one call to run from inside the next token hook.
    /// @param target_ The target.
    /// @param data The calldata.
    /// @param probe_ True: a static call whose result is recorded; false: a call whose revert bubbles up.
    function arm(address target_, bytes calldata data, bool probe_) external {
        armedTarget = target_;
        armedPayload = data;
        probe = probe_;
        armed = true;
        emit Armed(target_, probe_);
    }

    /// @inheritdoc ITokenHook
    function tokensToSend(address, address, uint256) external {
        _onHook();
    }

    /// @inheritdoc ITokenHook
    function tokensReceived(address, address, uint256) external {
        _onHook();
    }

    /// @notice Accepts single ERC-1155 transfers.
    /// @return The acceptance selector.
    function onERC1155Received(address, address, uint256, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC1155Receiver.onERC1155Received.selector;
    }

    /// @notice Accepts batch ERC-1155 transfers.
    /// @return The acceptance selector.
    function onERC1155BatchReceived(
        address,
        address,
        uint256[] calldata,
        uint256[] calldata,
        bytes calldata
    ) external pure returns (bytes4) {
        return IERC1155Receiver.onERC1155BatchReceived.selector;
    }

    /// @notice ERC-165.
    /// @param interfaceId The interface id.
    /// @return Whether it is IERC1155Receiver or IERC165.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || interfaceId == type(IERC165).interfaceId;
    }

    /// @notice Receives native refunds.
    receive() external payable {}

    /// @dev Runs the armed call once (disarming first).
    function _onHook() private {
        ++hooksRun;
        if (!armed) {
            return;
        }
        armed = false;
        bool ok;
        bytes memory result;
        if (probe) {
            (ok, result) = armedTarget.staticcall(armedPayload);
            probeResult = result;
        } else {
            (ok, result) = armedTarget.call(armedPayload);
        }
        if (!ok) {
            _bubble(result);
        }
        emit HookCallRan(armedTarget, result);
    }

    /// @dev Re-throws revert data as is.
    function _bubble(bytes memory reason) private pure {
        if (reason.length == 0) {
            revert CallFailed(reason);
        }
        assembly {
            revert(add(reason, 32), mload(reason))
        }
    }
}
