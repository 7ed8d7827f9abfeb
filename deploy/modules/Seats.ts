/** Collaboration seats and their resale market (which accepts WIP). */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import AuthorityModule from "./Authority.ts";

export default buildModule("Seats", (m) => {
  const { manager } = m.useModule(AuthorityModule);
  const seats = m.contract("CollaborationSeats", [
    manager,
    m.getParameter<string>("royaltyModule"),
    m.getParameter<string>("disputeModule"),
    m.getParameter<string>("wip"),
    m.getParameter<string>("treasury"),
    m.getParameter<bigint>("protocolFeeBps"),
    m.getParameter<string>("uri"),
  ]);
  const seatMarket = m.contract("SeatMarket", [seats, manager]);
  return { manager, seats, seatMarket };
});
