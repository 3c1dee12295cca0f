/**
 * `npm run bench:storefront`: what the Tandem embed costs a storefront, measured the way Shopify measures
 * an app (https://shopify.dev/docs/apps/build/performance/storefront): Lighthouse's performance score on
 * a home page, a product page and a collection page with the app embed off and on, and the weighted
 * average of the drop (home 17%, product 40%, collection 43%).
 *
 *   - pages: the fixture theme of bench/storefront/ (Online Store 2.0 structure, about 1 MB per page on a
 *     phone, its own stylesheets and deferred scripts), served locally over a paced link, images drawn at
 *     run time;
 *   - Lighthouse 13, mobile preset (simulated throttling: 150 ms RTT, 1.6 Mbit/s, CPU 4×), performance
 *     category only, in Debian's Chromium; the simulation costs main-thread tasks by their CPU time rather
 *     than the wall clock of this shared machine (storefront/cpu-time.ts), the stock figures beside them;
 *     every "on" run's LCP graphs are checked for Tandem's requests and scripts (there must be none);
 *   - per page, off and on interleaved (the order alternates from one run to the next), `--runs` each
 *     (default 7) after one unrecorded warm-up per page; medians;
 *   - the launcher's delay after the load event and the first interaction's cost, in Chromium with
 *     DevTools throttling at the same mobile figures (bench/storefront/launcher.ts), `--launcher-runs` per page.
 *
 * Goals (the script exits 1 when one is missed): weighted drop ≤ 1 point; on every page added LCP
 * ≤ 50 ms, added CLS ≤ 0, and no blocking time from Tandem's own tasks (added TBT 0: the median over the
 * runs of the long-task time Lighthouse attributes to Tandem's scripts; the difference of the TBT medians
 * is printed too, but on a shared machine it moves by tens of ms from run to run with or without the
 * embed); launcher visible ≤ 1 s after the load event (median per page).
 * Prints the table, writes bench/results/storefront-<time>.json and the "Storefront cost" section of
 * docs/performance.md (report.ts).
 *
 *   npm run bench:storefront -- [--runs N] [--launcher-runs N] [--no-write]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import lighthouse from "lighthouse";
import { renderEmbed } from "../app/demo/storefront.server";
import { buildWidget } from "../scripts/build-widget";
import { launchChromium } from "../tests/e2e/support/browser";
import { catalogue } from "./storefront/catalogue";
import { tandemInLcpGraph, costTasksByCpuTime, wallClockMetrics } from "./storefront/cpu-time";
import { generateImages } from "./storefront/images";
import { measureLauncher, type LauncherSample } from "./storefront/launcher";
import { PAGES, type PageName } from "./storefront/pages";
import {
  GOALS,
  WEIGHTS,
  median,
  printTable,
  writeDocs,
  type PageResult,
  type RunRecord,
  type Summary,
} from "./storefront/report";
import { DEFAULT_LINK, startFixtureServer } from "./storefront/server";
import { themeCss } from "./storefront/theme-css";

interface Run {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
  bytes: number;
  lcpElement: string;
  /** Whether the loader was requested during the run (it must be, with the embed on). */
  loaderLoaded: boolean;
  /** Blocking time (simulated: ms over 50 of each long task) of the tasks Lighthouse attributes to Tandem's scripts. */
  embedBlocking: number;
  benchmarkIndex: number;
  /** LCP and TBT of the same run as stock Lighthouse computes them, from wall-clock task durations. */
  wallLcp: number;
  wallTbt: number;
  /** Tandem's requests and script evaluations in the graphs from which Lighthouse estimated LCP. */
  tandemInLcp: string[];
}

type Variant = "off" | "on";
const PAGE_NAMES = Object.keys(PAGES) as PageName[];
const IMAGE_DIR = path.resolve("tmp/storefront/images");

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

async function lighthouseRun(url: string, port: number): Promise<Run> {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance"],
    disableFullPageScreenshot: true,
  });
  if (!result) throw new Error("lighthouse returned nothing");
  const { lhr } = result;
  const wall = await wallClockMetrics(result);
  const tandemInLcp = await tandemInLcpGraph(result);
  if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const num = (id: string) => Number(lhr.audits[id]?.numericValue ?? NaN);
  const details = <T>(id: string) => lhr.audits[id]?.details as { items?: T[] } | undefined;
  const requests = details<{ url: string }>("network-requests")?.items ?? [];
  const longTasks = details<{ url: string; duration: number }>("long-tasks")?.items ?? [];
  const lcpNode = details<{ type: string; selector?: string; nodeLabel?: string }>(
    "lcp-breakdown-insight",
  )?.items?.find((i) => i.type === "node");
  return {
    score: (lhr.categories.performance?.score ?? 0) * 100,
    fcp: num("first-contentful-paint"),
    lcp: num("largest-contentful-paint"),
    tbt: num("total-blocking-time"),
    cls: num("cumulative-layout-shift"),
    si: num("speed-index"),
    bytes: num("total-byte-weight"),
    lcpElement: lcpNode?.selector ?? lcpNode?.nodeLabel ?? "?",
    loaderLoaded: requests.some((i) => i.url.includes("/tandem-chat.js")),
    embedBlocking: longTasks
      .filter((t) => t.url.includes("/tandem-"))
      .reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
    benchmarkIndex: lhr.environment.benchmarkIndex,
    wallLcp: wall.lcp,
    wallTbt: wall.tbt,
    tandemInLcp,
  };
}

function summarise(runs: Run[]): Summary {
  const m = (pick: (r: Run) => number) => median(runs.map(pick));
  return {
    // Lighthouse reports (and Shopify reads) whole points: the median of the rounded scores.
    score: m((r) => Math.round(r.score)),
    fcp: m((r) => r.fcp),
    lcp: m((r) => r.lcp),
    tbt: m((r) => r.tbt),
    cls: m((r) => r.cls),
    si: m((r) => r.si),
    bytes: m((r) => r.bytes),
    lcpElements: [...new Set(runs.map((r) => r.lcpElement))],
    embedBlocking: median(runs.map((r) => r.embedBlocking)),
    embedBlockingMax: Math.max(0, ...runs.map((r) => r.embedBlocking)),
    loaderMissing: runs.filter((r) => !r.loaderLoaded).length,
    wallLcp: m((r) => r.wallLcp),
    wallTbt: m((r) => r.wallTbt),
    tandemInLcpRuns: runs.filter((r) => r.tandemInLcp.length).length,
  };
}

const ms = (x: number) => `${Math.round(x).toLocaleString("en-US")} ms`;
const kb = (x: number) => `${Math.round(x / 1024).toLocaleString("en-US")} KB`;

async function main() {
  const runs = arg("runs", 7);
  const launcherRuns = arg("launcher-runs", 3);
  const write = !process.argv.includes("--no-write");
  const started = new Date();
  const loadBefore = os.loadavg()[0]!;

  // Tasks cost their CPU time in Lighthouse's simulation, not the wall clock of a shared machine
  // (bench/storefront/cpu-time.ts, docs/decisions/200); the stock figures are recorded beside them.
  costTasksByCpuTime(true);
  const sizes = await buildWidget();
  const size = (file: string) => sizes.find((s) => s.file === file)!;
  const embedHtml = await renderEmbed({ locale: "en", customer: null });

  const port = 9200 + Math.floor(Math.random() * 600);
  const browser = await launchChromium([`--remote-debugging-port=${port}`, "--disable-sync"]);
  const results = Object.fromEntries(PAGE_NAMES.map((p) => [p, { off: [], on: [] }])) as unknown as Record<
    PageName,
    Record<Variant, Run[]>
  >;
  const launcher = Object.fromEntries(PAGE_NAMES.map((p) => [p, []])) as unknown as Record<PageName, LauncherSample[]>;
  try {
    const drawn = await generateImages(browser, IMAGE_DIR, catalogue().images);
    if (drawn) console.log(`drew ${drawn} fixture images into ${path.relative(".", IMAGE_DIR)}`);
    const server = await startFixtureServer(IMAGE_DIR);
    try {
      for (const page of PAGE_NAMES) await lighthouseRun(server.url(page, false), port); // warm-up, not recorded
      for (let i = 0; i < runs; i++) {
        for (const page of PAGE_NAMES) {
          const order: Variant[] = i % 2 ? ["on", "off"] : ["off", "on"];
          for (const variant of order) {
            const r = await lighthouseRun(server.url(page, variant === "on"), port);
            results[page][variant].push(r);
            console.log(
              `run ${i + 1}/${runs} ${page.padEnd(10)} embed ${variant.padEnd(3)} score ${r.score.toFixed(1).padStart(5)}  LCP ${ms(r.lcp).padStart(8)}  TBT ${ms(r.tbt).padStart(6)}  CLS ${r.cls.toFixed(3)}  FCP ${ms(r.fcp)}  SI ${ms(r.si)}  ${kb(r.bytes)}  CPU index ${Math.round(r.benchmarkIndex)}${variant === "on" ? `  Tandem blocking ${ms(r.embedBlocking)}` : ""}  wall clock: LCP ${ms(r.wallLcp)} TBT ${ms(r.wallTbt)}${r.tandemInLcp.length ? `  Tandem in the LCP estimate: ${r.tandemInLcp.join(", ")}` : ""}`,
            );
          }
        }
      }
      for (const page of PAGE_NAMES) {
        for (let i = 0; i < launcherRuns; i++) {
          const sample = await measureLauncher(browser, server.url(page, true));
          launcher[page].push(sample);
          console.log(
            `launcher ${page.padEnd(10)} visible ${ms(sample.afterLoad)} after the load event (requested after ${ms(sample.requestAfterLoad)}, fetched in ${ms(sample.fetch)}); loader task ${ms(sample.loaderTask)}; panel open ${ms(sample.panelOpen)} after the pointer, click latency ${ms(sample.interactionLatency)}, panel task ${ms(sample.panelTask)}, ${sample.panelBytes.toLocaleString("en-US")} B`,
          );
        }
      }
    } finally {
      await server.close();
    }
  } finally {
    await browser.close();
  }

  const pages: PageResult[] = PAGE_NAMES.map((page) => {
    const off = summarise(results[page].off);
    const on = summarise(results[page].on);
    return {
      page,
      off,
      on,
      drop: off.score - on.score,
      addedLcp: on.lcp - off.lcp,
      addedTbt: on.tbt - off.tbt,
      addedCls: on.cls - off.cls,
      launcherAfterLoad: launcher[page].map((s) => s.afterLoad),
    };
  });
  const weightedDrop = pages.reduce((sum, p) => sum + WEIGHTS[p.page] * p.drop, 0);
  const misses: string[] = [];
  if (weightedDrop > GOALS.weightedDrop)
    misses.push(`weighted drop ${weightedDrop.toFixed(2)} > ${GOALS.weightedDrop}`);
  for (const p of pages) {
    if (p.on.loaderMissing)
      misses.push(`${p.page}: the loader did not load in ${p.on.loaderMissing} run(s) with the embed on`);
    if (p.addedLcp > GOALS.addedLcpMs)
      misses.push(`${p.page}: added LCP ${Math.round(p.addedLcp)} ms > ${GOALS.addedLcpMs} ms`);
    if (p.on.embedBlocking > GOALS.embedBlockingMs)
      misses.push(`${p.page}: Tandem's tasks blocked the main thread ${Math.round(p.on.embedBlocking)} ms (median)`);
    if (p.on.tandemInLcpRuns)
      misses.push(`${p.page}: Tandem's requests or scripts were in the LCP estimate of ${p.on.tandemInLcpRuns} run(s)`);
    if (p.addedCls > GOALS.addedCls) misses.push(`${p.page}: added CLS ${p.addedCls.toFixed(3)} > ${GOALS.addedCls}`);
    const launcherMedian = median(p.launcherAfterLoad);
    if (launcherMedian > GOALS.launcherAfterLoadMs)
      misses.push(
        `${p.page}: launcher visible ${Math.round(launcherMedian)} ms after load > ${GOALS.launcherAfterLoadMs} ms`,
      );
  }
  const samples = PAGE_NAMES.flatMap((p) => launcher[p]);
  const record: RunRecord = {
    when: `${started.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    minutes: (Date.now() - started.getTime()) / 60_000,
    runs,
    launcherRuns,
    link: DEFAULT_LINK,
    themeCssBytes: Buffer.byteLength(themeCss()),
    loadAverage: { before: loadBefore, after: os.loadavg()[0]! },
    benchmarkIndex: median(
      PAGE_NAMES.flatMap((p) => [...results[p].off, ...results[p].on]).map((r) => r.benchmarkIndex),
    ),
    weightedDrop,
    misses,
    pages,
    widget: {
      loader: size("tandem-chat.js"),
      panel: size("tandem-panel.js"),
      css: size("tandem-chat.css"),
      embedHtml: Buffer.byteLength(embedHtml),
      embedHtmlGzip: gzipSync(embedHtml).length,
    },
    interaction: {
      loaderBytes: median(samples.map((s) => s.loaderBytes)),
      loaderTask: median(samples.map((s) => s.loaderTask)),
      panelTask: median(samples.map((s) => s.panelTask)),
      panelBytes: median(samples.map((s) => s.panelBytes)),
      panelOpen: median(samples.map((s) => s.panelOpen)),
      interactionLatency: median(samples.map((s) => s.interactionLatency)),
      requestAfterLoad: median(samples.map((s) => s.requestAfterLoad)),
      fetch: median(samples.map((s) => s.fetch)),
    },
  };
  printTable(record);
  for (const p of pages)
    console.log(`LCP element, ${p.page}: off ${p.off.lcpElements.join(" | ")}; on ${p.on.lcpElements.join(" | ")}`);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(
    `bench/results/storefront-${started.toISOString().replace(/[:.]/g, "-")}.json`,
    JSON.stringify({ ...record, raw: results, launcher }, null, 2),
  );
  if (write) writeDocs(record);
  process.exit(misses.length ? 1 : 0);
}

await main();
