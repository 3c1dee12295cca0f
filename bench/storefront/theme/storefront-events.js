/*
 * Stands in for the platform's own storefront scripts that every Shopify page carries (analytics and
 * performance beacons from content_for_header): loaded async, it records the page view and the paint
 * timings and sends them with one beacon once the page has loaded.
 */
(function () {
  const events = [{ name: "page_viewed", at: Date.now(), url: location.pathname }];
  const paints = {};
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        paints[entry.entryType === "largest-contentful-paint" ? "lcp" : entry.name] = Math.round(entry.startTime);
    }).observe({ type: "largest-contentful-paint", buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) paints[entry.name] = Math.round(entry.startTime);
    }).observe({ type: "paint", buffered: true });
  } catch {
    // older browsers: no paint timings
  }
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (link) events.push({ name: "link_clicked", at: Date.now(), href: link.getAttribute("href") });
  });
  function send() {
    const body = JSON.stringify({
      events: events.splice(0),
      paints,
      nav: performance.getEntriesByType("navigation")[0]?.toJSON(),
    });
    if (navigator.sendBeacon) navigator.sendBeacon("/api/collect", body);
  }
  if (document.readyState === "complete") setTimeout(send, 0);
  else window.addEventListener("load", () => setTimeout(send, 0), { once: true });
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && events.length && send());
})();
