/**
 * What a shopper waits for, measured in Chromium under mobile-like conditions (DevTools throttling at
 * Lighthouse's mobile figures: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower):
 *   - launcher visible: from the page's load event to the first frame in which the launcher is laid out;
 *   - first interaction: from the shopper's pointer on the launcher (hover, then click, as a mouse does)
 *     to the first frame with the panel open, the click's interaction latency as the browser reports it
 *     (Event Timing: what INP is made of) and the bytes of the panel script and stylesheet.
 * The in-page probes are plain JavaScript strings, so what runs in the page is exactly what is written here.
 */
import type { Browser } from "playwright-core";

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
    await page.addInitScript({
      content: `window.__tandemLauncher = ${waitFor(".launcher")};
        window.__tandemInteractions = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (e.interactionId) window.__tandemInteractions.push(e.duration);
        }).observe({ type: "event", durationThreshold: 16, buffered: true });`,
    });
    await page.goto(url, { waitUntil: "load", timeout: 120_000 });
    const visible = (await page.evaluate(`(async () => {
      const at = await window.__tandemLauncher;
      const nav = performance.getEntriesByType("navigation")[0];
      const loader = performance.getEntriesByType("resource").find((r) => r.name.includes("/tandem-chat.js"));
      return {
        afterLoad: at - nav.loadEventEnd,
        requestAfterLoad: loader.startTime - nav.loadEventEnd,
        fetch: loader.responseEnd - loader.startTime,
      };
    })()`)) as { afterLoad: number; requestAfterLoad: number; fetch: number };

    await page.evaluate(`(() => {
      window.__tandemPointer = new Promise((resolve) =>
        document.addEventListener("pointerover", () => resolve(performance.now()), { capture: true, once: true }),
      );
      window.__tandemPanel = ${waitFor(".panel")};
    })()`);
    await page.click("#tandem-chat .launcher");
    const panelOpen = (await page.evaluate(
      `Promise.all([window.__tandemPointer, window.__tandemPanel]).then(([from, at]) => at - from)`,
    )) as number;
    // Event Timing entries are reported after the next paint.
    await page.waitForTimeout(500);
    const after = (await page.evaluate(`(() => {
      const size = (re) => performance.getEntriesByType("resource").filter((r) => re.test(r.name)).reduce((n, r) => n + r.encodedBodySize, 0);
      return {
        panel: size(/tandem-(panel\\.js|chat\\.css)/),
        loader: size(/tandem-chat\\.js/),
        latency: Math.max(0, ...window.__tandemInteractions),
      };
    })()`)) as { panel: number; loader: number; latency: number };
    return {
      ...visible,
      panelOpen,
      panelBytes: after.panel,
      loaderBytes: after.loader,
      interactionLatency: after.latency,
    };
  } finally {
    await context.close();
  }
}
