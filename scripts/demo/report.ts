/**
 * Renders a scenario result as `demo-report.html`: one self-contained page (inline CSS and SVG, no script, no
 * network, system fonts) with the loan's debt falling as royalties arrive, the seat and pool share values over the
 * scenario, the monthly harvests, the steps and the final table.
 */
import { formatUnits } from "ethers";
import { formatAmount, type ScenarioResult } from "./scenario.ts";

/** One line of a chart: points (day, value in WIP). */
interface Series {
  name: string;
  color: string;
  points: [number, number][];
}

interface ChartOptions {
  title: string;
  subtitle: string;
  series: Series[];
  /** Start the y axis at zero (otherwise it fits the data). */
  fromZero?: boolean;
  /** Decimals of the y tick labels. */
  decimals?: number;
}

const WIDTH = 680;
const HEIGHT = 280;
const MARGIN = { top: 30, right: 20, bottom: 40, left: 64 };

const toWip = (amount: bigint) => Number(formatUnits(amount, 18));

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A round tick step (1, 2 or 5 × 10^k) giving about `count` intervals over `span`. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const [step] = [1, 2, 5, 10].map((m) => m * magnitude).filter((m) => m >= raw);
  return step;
}

/** A line chart as inline SVG: round ticks, a month grid on the x axis, one polyline with markers per series. */
export function lineChart({ title, subtitle, series, fromZero = false, decimals = 2 }: ChartOptions): string {
  const xs = series.flatMap((s) => s.points.map(([x]) => x));
  const ys = series.flatMap((s) => s.points.map(([, y]) => y));
  const xMin = 0;
  const xMax = Math.max(...xs, 1);
  const low = fromZero ? 0 : Math.min(...ys);
  const high = Math.max(...ys, low + 10 ** -decimals);
  const step = niceStep(high - low, 4);
  const yMin = Math.floor(low / step) * step;
  const yMax = Math.ceil(high / step) * step;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const px = (x: number) => MARGIN.left + ((x - xMin) / (xMax - xMin)) * plotWidth;
  const py = (y: number) => MARGIN.top + (1 - (y - yMin) / (yMax - yMin)) * plotHeight;

  const parts: string[] = [];
  for (let y = yMin; y <= yMax + step / 2; y += step) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${py(y)}" y2="${py(y)}" class="grid"/>`,
      `<text x="${MARGIN.left - 8}" y="${py(y) + 4}" text-anchor="end">${y.toFixed(decimals)}</text>`,
    );
  }
  for (let x = 0; x <= xMax; x += 30) {
    parts.push(
      `<line x1="${px(x)}" x2="${px(x)}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" class="grid"/>`,
      `<text x="${px(x)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${x}</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 6}" text-anchor="middle">day (one royalty payment every 30 days)</text>`,
    `<text x="14" y="${MARGIN.top + plotHeight / 2}" text-anchor="middle" transform="rotate(-90 14 ${
      MARGIN.top + plotHeight / 2
    })">WIP</text>`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" class="frame"/>`,
  );
  let legendX = MARGIN.left;
  for (const s of series) {
    const path = s.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" ");
    parts.push(`<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2.5"/>`);
    for (const [x, y] of s.points) {
      parts.push(
        `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3.5" fill="${s.color}"><title>day ${x}: ${y.toFixed(
          4,
        )} WIP</title></circle>`,
      );
    }
    parts.push(
      `<rect x="${legendX}" y="6" width="12" height="12" fill="${s.color}"/>`,
      `<text x="${legendX + 18}" y="16">${escape(s.name)}</text>`,
    );
    legendX += 40 + s.name.length * 6.5;
  }
  return `<figure>
<figcaption><strong>${escape(title)}</strong><br/><span>${escape(subtitle)}</span></figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escape(title)}">
${parts.join("\n")}
</svg>
</figure>`;
}

function table(headers: string[], rows: string[][]): string {
  const head = headers.map((h) => `<th>${escape(h)}</th>`).join("");
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The final table's rows, formatted (shared with the console printout). */
export function finalTableRows(result: ScenarioResult): string[][] {
  return result.final.map((row) => [
    row.actor,
    formatAmount(row.wip, "WIP"),
    row.creatorRt === 0n ? "-" : formatAmount(row.creatorRt, "RT"),
    row.seats === 0n ? "-" : formatAmount(row.seats, "seats"),
    row.deposits === 0n ? "-" : formatAmount(row.deposits, "WIP"),
  ]);
}

export const FINAL_HEADERS = ["account", "WIP", "creator's RT", "seats", "deposits / assets"];

/** The whole page. */
export function renderReport(result: ScenarioResult): string {
  const { timeline, harvests, figures } = result;
  const debtChart = lineChart({
    title: "The creator's loan repays itself",
    subtitle: `${formatAmount(figures.borrowed, "WIP")} borrowed against 50 RT; each month the royalties are harvested and applied to the debt`,
    fromZero: true,
    series: [
      {
        name: "creator's debt",
        color: "#c2410c",
        points: timeline.map((s) => [s.day, toWip(s.loanDebt)]),
      },
      {
        name: "second loan's debt",
        color: "#64748b",
        points: timeline.map((s) => [s.day, toWip(s.secondLoanDebt)]),
      },
    ],
  });
  const seatChart = lineChart({
    title: "Collaboration seat value",
    subtitle: "revenue earned by one seat since the sale, and the price of the seats' last trade",
    fromZero: true,
    series: [
      { name: "earned per seat", color: "#15803d", points: timeline.map((s) => [s.day, toWip(s.revenuePerSeat)]) },
      { name: "seat price (last trade)", color: "#7c3aed", points: timeline.map((s) => [s.day, toWip(s.seatPrice)]) },
    ],
  });
  const shareChart = lineChart({
    title: "Share values",
    subtitle:
      "WIP behind one underwriting-pool share (premiums in, claims out) and one lending-vault share (interest in)",
    decimals: 3,
    series: [
      { name: "pool share", color: "#1d4ed8", points: timeline.map((s) => [s.day, toWip(s.poolSharePrice)]) },
      { name: "lending share", color: "#b45309", points: timeline.map((s) => [s.day, toWip(s.lendingSharePrice)]) },
    ],
  });
  const harvestRows = harvests.map((h) => [
    `month ${h.month} (day ${h.day})`,
    formatAmount(h.royalty, "WIP"),
    formatAmount(h.parentShare, "WIP"),
    formatAmount(h.repaid, "WIP"),
    formatAmount(h.debt, "WIP"),
  ]);
  const repaidShare = Number(((figures.borrowed - figures.loanDebtAfterHarvests) * 1000n) / figures.borrowed) / 10;
  const steps = result.steps
    .map((step) => {
      const details = step.details.map((d) => `<li>${escape(d)}</li>`).join("");
      const balances = step.balances
        .map((b) => `<li class="balance">${escape(b.label)}: <b>${escape(formatAmount(b.amount, b.unit))}</b></li>`)
        .join("");
      return `<li><span class="day">day ${step.day}</span> ${escape(step.title)}<ul>${details}${balances}</ul></li>`;
    })
    .join("\n");

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<title>Quintessence demo report</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 760px; color: #1f2937; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #e5e7eb; }
.meta { color: #6b7280; font-size: 0.9rem; }
figure { margin: 1.5rem 0; } figcaption span { color: #6b7280; font-size: 0.9rem; }
svg { max-width: 100%; height: auto; font-size: 11px; fill: #374151; }
svg .grid { stroke: #e5e7eb; } svg .frame { fill: none; stroke: #9ca3af; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 0.3rem 0.5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
ol li { margin-bottom: 0.6rem; } ul { margin: 0.2rem 0; font-size: 0.88rem; color: #4b5563; }
.balance { color: #111827; } .day { color: #6b7280; font-size: 0.85rem; }
.key { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.8rem; margin-top: 1rem; }
.key div { background: #f9fafb; border: 1px solid #e5e7eb; padding: 0.6rem; border-radius: 6px; font-size: 0.85rem; }
.key b { display: block; font-size: 1.1rem; }
</style>
</head>
<body>
<h1>Quintessence: the IPFi story</h1>
<p class="meta">Story ${escape(result.storyMode)} on ${escape(result.network)} (chain ${result.chainId}), every step a real contract call; generated ${escape(
    result.book.deployedAt,
  )}.</p>
<div class="key">
<div>loan repaid by royalties<b>${repaidShare}%</b>in ${harvests.length} monthly harvests</div>
<div>infringement cover paid<b>${escape(formatAmount(figures.artistPaid, "WIP"))}</b>to the insured artist</div>
<div>bad debt paid by the pool<b>${escape(formatAmount(figures.covered, "WIP"))}</b>of ${escape(
    formatAmount(figures.badDebt, "WIP"),
  )}</div>
</div>
<h2>Charts</h2>
${debtChart}
${seatChart}
${shareChart}
<h2>Monthly harvests</h2>
${table(["month", "royalty paid", "to the dataset (LAP)", "applied to the debt", "debt after"], harvestRows)}
<h2>Final balances</h2>
${table(FINAL_HEADERS, finalTableRows(result))}
<h2>Steps</h2>
<ol>
${steps}
</ol>
</body>
</html>
`;
}
