/** The AccessManager that governs every Quintessence contract; the deploying account is its first admin. */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

export default buildModule("Authority", (m) => {
  const manager = m.contract("AccessManager", [m.getAccount(0)]);
  return { manager };
});
