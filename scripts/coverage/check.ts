/**
 * The coverage gate: reads coverage/lcov.info (written by `hardhat test --coverage`), prints line coverage per
 * contract folder, and fails when the protocol's contracts (everything under contracts/ except the local Story
 * devnet, reported on its own line, and the mocks, which coverage skips) are below the threshold.
 *
 *   node scripts/coverage/check.ts [lcov path]      (COVERAGE_MIN overrides the 95% threshold)
 */
import { readFileSync } from "node:fs";

/** Lines found and hit. */
interface Tally {
  found: number;
  hit: number;
}

const THRESHOLD = Number(process.env.COVERAGE_MIN ?? 95);
const DEVNET = "contracts/story/devnet/";

/** Line tallies per source file of an lcov report. */
export function parseLcov(text: string): Map<string, Tally> {
  const files = new Map<string, Tally>();
  let current: string | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("SF:")) {
      current = line.slice(3).trim();
      files.set(current, { found: 0, hit: 0 });
    } else if (current !== undefined && line.startsWith("LF:")) {
      files.get(current)!.found = Number(line.slice(3));
    } else if (current !== undefined && line.startsWith("LH:")) {
      files.get(current)!.hit = Number(line.slice(3));
    }
  }
  return files;
}

const percent = ({ found, hit }: Tally) => (found === 0 ? 100 : (100 * hit) / found);
const add = (a: Tally, b: Tally): Tally => ({ found: a.found + b.found, hit: a.hit + b.hit });

const files = parseLcov(readFileSync(process.argv[2] ?? "coverage/lcov.info", "utf8"));
const folders = new Map<string, Tally>();
let protocol: Tally = { found: 0, hit: 0 };
let devnet: Tally = { found: 0, hit: 0 };
for (const [file, tally] of files) {
  if (!file.startsWith("contracts/")) continue;
  const folder = file.split("/").slice(0, -1).join("/");
  folders.set(folder, add(folders.get(folder) ?? { found: 0, hit: 0 }, tally));
  if (file.startsWith(DEVNET)) {
    devnet = add(devnet, tally);
  } else {
    protocol = add(protocol, tally);
  }
}

const row = (name: string, tally: Tally) =>
  `${name.padEnd(40)} ${String(tally.hit).padStart(6)} / ${String(tally.found).padEnd(6)} ${percent(tally).toFixed(2).padStart(7)}%`;
console.log(`\nLine coverage (gate: protocol contracts ≥ ${THRESHOLD}%)`);
for (const folder of [...folders.keys()].sort()) console.log(row(folder, folders.get(folder)!));
console.log(row("protocol (contracts/ without the devnet)", protocol));
console.log(row("local Story devnet (reported apart)", devnet));

if (protocol.found === 0) {
  console.error("coverage: no protocol lines in the report — did `hardhat test --coverage` run?");
  process.exit(1);
}
if (percent(protocol) < THRESHOLD) {
  console.error(`coverage: protocol line coverage ${percent(protocol).toFixed(2)}% is below ${THRESHOLD}%`);
  process.exit(1);
}
console.log(`coverage: protocol line coverage ${percent(protocol).toFixed(2)}% ≥ ${THRESHOLD}%`);
