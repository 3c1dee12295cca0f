/**
 * What a shopper waits for, measured in Chromium under mobile-like conditions (DevTools throttling at
 * Lighthouse's mobile figures: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower):
 *   - launcher visible: from the page's load event to the first frame in which the launcher is laid out;
 *   - first interaction: from the shopper's pointer on the launcher (hover, then click, as a mouse does)
 *     to the first frame with the panel open, the click's interaction latency as the browser reports it
 *     (Event Timing: what INP is made of) and the bytes of the panel script and stylesheet.
 * The in-page probes are plain JavaScript strings, so what runs in the page is exactly what is written here.
 */
import type { Browser, Page } from "playwright-core";

export const MOBILE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: false,
  latencyMs: 150,
  downloadKbps: 1638.4,
  uploadKbps: 750,
  cpuSlowdown: 4,
} as const;

export interface LauncherSample {
  /** ms from loadEventEnd to the first frame with the launcher laid out. */
  afterLoad: number;
  /** ms from loadEventEnd to the loader's request (the wait for an idle moment). */
  requestAfterLoad: number;
  /** ms the loader's request took. */
  fetch: number;
  /** ms from the pointer reaching the launcher to the first frame with the panel visible. */
  panelOpen: number;
  /** compressed bytes of what the first interaction loads (panel script + stylesheet). */
  panelBytes: number;
  /** compressed bytes of the loader. */
  loaderBytes: number;
  /** the longest interaction latency (Event Timing duration) of the click that opened the panel. */
  interactionLatency: number;
  /** main-thread ms (throttled) of the loader's evaluation (compile, run, drawing the launcher), from a trace. */
  loaderTask: number;
  /** main-thread ms (throttled) of the panel script's evaluation (on the first hover, before the click). */
  panelTask: number;
}

/** Resolves with performance.now() of the first frame in which the widget's `selector` is laid out. */
const waitFor = (selector: string) => `new Promise((resolve) => {
  const check = () => {
    const host = document.getElementById("tandem-chat");
    const el = host && host.shadowRoot && host.shadowRoot.querySelector(${JSON.stringify(selector)});
    if (el && el.getBoundingClientRect().width > 0 && getComputedStyle(el).visibility !== "hidden") {
      requestAnimationFrame(() => resolve(performance.now()));
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  args?: { data?: { url?: string } };
}

/** Total duration (ms) of the evaluations (compile and run) of scripts whose URL contains `part`. */
function evaluationTime(events: TraceEvent[], part: string): number {
  return events
    .filter((e) => e.name === "EvaluateScript" && e.ph === "X" && e.args?.data?.url?.includes(part))
    .reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
}

/** Runs `fn` while Chromium records a devtools.timeline trace of `page`; returns its result and the trace. */
async function traced<T>(browser: Browser, page: Page, fn: () => Promise<T>): Promise<[T, TraceEvent[]]> {
  await browser.startTracing(page, { categories: ["devtools.timeline"] });
  let result: T;
  try {
    result = await fn();
  } catch (error) {
    await browser.stopTracing().catch(() => undefined);
    throw error;
  }
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  return [result, trace.traceEvents];
}

const PROBES = `window.__tandemLauncher = ${waitFor(".launcher")};
window.__tandemInteractions = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.interactionId) window.__tandemInteractions.push(e.duration);
}).observe({ type: "event", durationThreshold: 16, buffered: true });`;

const LAUNCHER_TIMES = `(async () => {
  const at = await window.__tandemLauncher;
  const nav = performance.getEntriesByType("navigation")[0];
  const loader = performance.getEntriesByType("resource").find((r) => r.name.includes("/tandem-chat.js"));
  return { afterLoad: at - nav.loadEventEnd, requestAfterLoad: loader.startTime - nav.loadEventEnd, fetch: loader.responseEnd - loader.startTime };
})()`;

const ARM_PANEL = `(() => {
  window.__tandemPointer = new Promise((resolve) =>
    document.addEventListener("pointerover", () => resolve(performance.now()), { capture: true, once: true }),
  );
  window.__tandemPanel = ${waitFor(".panel")};
})()`;

const PANEL_FIGURES = `(async () => {
  const [from, at] = await Promise.all([window.__tandemPointer, window.__tandemPanel]);
  // Event Timing entries are reported after the next paint.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const size = (re) => performance.getEntriesByType("resource").filter((r) => re.test(r.name)).reduce((n, r) => n + r.encodedBodySize, 0);
  return {
    panelOpen: at - from,
    panelBytes: size(/tandem-(panel\\.js|chat\\.css)/),
    loaderBytes: size(/tandem-chat\\.js/),
    interactionLatency: Math.max(0, ...window.__tandemInteractions),
  };
})()`;

export async function measureLauncher(browser: Browser, url: string): Promise<LauncherSample> {
  const context = await browser.newContext({
    viewport: MOBILE.viewport,
    deviceScaleFactor: MOBILE.deviceScaleFactor,
    isMobile: MOBILE.isMobile,
    hasTouch: MOBILE.hasTouch,
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: MOBILE.latencyMs,
      downloadThroughput: (MOBILE.downloadKbps * 1024) / 8,
      uploadThroughput: (MOBILE.uploadKbps * 1024) / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: MOBILE.cpuSlowdown });
    await page.addInitScript({ content: PROBES });
    const [figures, events] = await traced(browser, page, async () => {
      await page.goto(url, { waitUntil: "load", timeout: 120_000 });
      const launcher = (await page.evaluate(LAUNCHER_TIMES)) as Pick<
        LauncherSample,
        "afterLoad" | "requestAfterLoad" | "fetch"
      >;
      await page.evaluate(ARM_PANEL);
      await page.click("#tandem-chat .launcher");
      const panel = (await page.evaluate(PANEL_FIGURES)) as Pick<
        LauncherSample,
        "panelOpen" | "panelBytes" | "loaderBytes" | "interactionLatency"
      >;
      return { ...launcher, ...panel };
    });
    return {
      ...figures,
      loaderTask: evaluationTime(events, "/tandem-chat.js"),
      panelTask: evaluationTime(events, "/tandem-panel.js"),
    };
  } finally {
    await context.close();
  }
}
