/**
 * Storefront cost of the chat embed: Lighthouse (mobile preset, simulated throttling) on the demo
 * storefront with the embed on and off, 5 runs each (interleaved), in one run of this script, against
 * a real demo-mode server with its own temporary database. Prints the medians and writes them to the
 * "Storefront cost" section of docs/performance.md. Goal: a drop of ≤ 1 point and no added layout shift.
 *
 *   npx tsx scripts/lighthouse.ts [runs=5]
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import lighthouse from "lighthouse";
import { launchChromium } from "../tests/e2e/support/browser";
import { startWidgetServer } from "../tests/e2e/widget-harness";

interface Run {
  score: number;
  cls: number;
  tbt: number;
  lcp: number;
  bytes: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function measure(url: string, port: number): Promise<Run> {
  const result = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
  if (!result) throw new Error("lighthouse returned nothing");
  const { lhr } = result;
  const num = (id: string) => Number(lhr.audits[id]?.numericValue ?? NaN);
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    cls: num("cumulative-layout-shift"),
    tbt: num("total-blocking-time"),
    lcp: num("largest-contentful-paint"),
    bytes: num("total-byte-weight"),
  };
}

async function main() {
  const runs = Number(process.argv[2] ?? 5);
  const server = await startWidgetServer();
  const port = 9000 + Math.floor(Math.random() * 500);
  const browser = await launchChromium([`--remote-debugging-port=${port}`]);
  const results: Record<"on" | "off", Run[]> = { on: [], off: [] };
  try {
    for (let i = 0; i < runs; i++) {
      for (const mode of ["off", "on"] as const) {
        const r = await measure(`${server.base}/demo?embed=${mode}`, port);
        results[mode].push(r);
        console.log(
          `run ${i + 1} embed ${mode}: score ${r.score}  CLS ${r.cls.toFixed(3)}  TBT ${r.tbt.toFixed(0)} ms  LCP ${r.lcp.toFixed(0)} ms`,
        );
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const summary = (mode: "on" | "off") => ({
    score: median(results[mode].map((r) => r.score)),
    cls: median(results[mode].map((r) => r.cls)),
    tbt: median(results[mode].map((r) => r.tbt)),
    lcp: median(results[mode].map((r) => r.lcp)),
    bytes: median(results[mode].map((r) => r.bytes)),
  });
  const on = summary("on");
  const off = summary("off");
  const drop = off.score - on.score;
  const addedCls = on.cls - off.cls;
  const ok = drop <= 1 && addedCls <= 0.001;
  const assets = (() => {
    const size = (f: string) => readFileSync(`extensions/tandem-chat/assets/${f}`).length;
    return { loader: size("tandem-chat.js"), css: size("tandem-chat.css"), panel: size("tandem-panel.js") };
  })();

  const section = `## Storefront cost

Measured by \`npx tsx scripts/lighthouse.ts\` (Lighthouse ${"13"}, mobile preset with simulated throttling,
Debian Chromium, ${runs} runs each, interleaved, median) on the demo storefront \`/demo\` with the app embed
on and off (\`?embed=off\`), on ${new Date().toISOString().slice(0, 10)}. Goal: a drop of ≤ 1 point and no added layout shift.

| | performance score | CLS | TBT | LCP | page bytes |
|---|---|---|---|---|---|
| embed off | ${off.score} | ${off.cls.toFixed(3)} | ${off.tbt.toFixed(0)} ms | ${off.lcp.toFixed(0)} ms | ${Math.round(off.bytes / 1024)} KB |
| embed on | ${on.score} | ${on.cls.toFixed(3)} | ${on.tbt.toFixed(0)} ms | ${on.lcp.toFixed(0)} ms | ${Math.round(on.bytes / 1024)} KB |

Score drop: **${drop}** point(s); added CLS: **${addedCls.toFixed(3)}** — ${ok ? "within the goal" : "OUTSIDE the goal"}.
Before any interaction the embed costs one deferred request (the loader, ${assets.loader} bytes raw); the panel
(${assets.panel} bytes) and its stylesheet (${assets.css} bytes) load on the first hover, focus or tap of the launcher.
`;
  const file = "docs/performance.md";
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Performance\n";
  const re = /## Storefront cost\n[\s\S]*?(?=\n## |$)/;
  const next = re.test(current) ? current.replace(re, section.trimEnd() + "\n") : `${current.trimEnd()}\n\n${section}`;
  writeFileSync(file, next);
  console.log(section);
  process.exit(ok ? 0 : 1);
}

await main();
