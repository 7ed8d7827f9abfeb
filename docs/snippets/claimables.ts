import type { Provider } from "ethers";
import { CollaborationSeats__factory } from "@quintessence/contracts";

/** What a seat holder owns in a series and can claim now in each revenue token (harvested revenue only). */
export async function seatHolderView(
  provider: Provider,
  seatsAddress: string,
  seriesId: bigint,
  holder: string,
  revenueTokens: string[],
) {
  const seats = CollaborationSeats__factory.connect(seatsAddress, provider);
  const held = await seats.seatsOf(seriesId, holder);
  const claimable = await Promise.all(
    revenueTokens.map(async (token) => ({ token, amount: await seats.claimable(seriesId, holder, token) })),
  );
  return { held, claimable };
}
