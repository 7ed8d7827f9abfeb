/**
 * Splits a transaction's gas by where it was spent, from the node's `callTracer` call tree: the intrinsic cost
 * (21,000 plus calldata), each categorized callee's frames (tokens, oracle, rate model, Story core), and the rest,
 * which is the protocol's own logic (the CALL opcodes themselves, 100 warm / 2,600 cold, stay in the caller's part).
 * A categorized frame is counted whole (nested calls included) and its children are not visited again.
 */

/** Where gas goes, per transaction. */
export const CATEGORIES = ["intrinsic", "tokens", "oracle", "rateModel", "story", "logic"] as const;
export type Category = (typeof CATEGORIES)[number];
export type Breakdown = Record<Category, number>;

interface CallFrame {
  to?: string;
  input: string;
  gasUsed: string;
  calls?: CallFrame[];
}

/** Maps a callee (and, for contracts with several roles, the function selector) to a category. */
export type Classifier = (to: string, selector: string) => Exclude<Category, "intrinsic" | "logic"> | undefined;

/** 21,000 plus 4 gas per zero calldata byte and 16 per non-zero byte (the floor of EIP-7623 is never reached here). */
export function intrinsicGas(data: string): number {
  let gas = 21_000;
  for (let i = 2; i < data.length; i += 2) {
    gas += data.slice(i, i + 2) === "00" ? 4 : 16;
  }
  return gas;
}

/** Anything that answers JSON-RPC requests (the Hardhat ethers provider). */
export interface RpcSender {
  send(method: string, params: unknown[]): Promise<unknown>;
}

export async function breakdown(provider: RpcSender, hash: string, classify: Classifier): Promise<Breakdown> {
  const root = (await provider.send("debug_traceTransaction", [hash, { tracer: "callTracer" }])) as CallFrame;
  const total = Number(BigInt(root.gasUsed));
  const result: Breakdown = {
    intrinsic: intrinsicGas(root.input),
    tokens: 0,
    oracle: 0,
    rateModel: 0,
    story: 0,
    logic: 0,
  };
  const visit = (frame: CallFrame) => {
    for (const call of frame.calls ?? []) {
      const category = call.to === undefined ? undefined : classify(call.to.toLowerCase(), call.input.slice(0, 10));
      if (category === undefined) {
        visit(call);
      } else {
        result[category] += Number(BigInt(call.gasUsed));
      }
    }
  };
  visit(root);
  result.logic = total - result.intrinsic - result.tokens - result.oracle - result.rateModel - result.story;
  return result;
}
