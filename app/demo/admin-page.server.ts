/** The demo's stand-in for the Shopify admin: a top bar to switch staff members around the app's frame. */
import { demoStore, type DemoOperator } from "./fixture.server";
import { html } from "./http.server";

export function adminPage(storeName: string, op: DemoOperator, frameSrc: string): string {
  const operators = demoStore().operators;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,">
<title>${html`${storeName}`} · Tandem admin (demo)</title>
<style>
  html,body{margin:0;height:100%;font:14px/20px -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;background:#ebebeb}
  .shell{display:grid;grid-template-rows:48px 1fr;height:100%}
  .top{display:flex;align-items:center;gap:16px;padding:0 16px;background:#1a1a1a;color:#fff}
  .top strong{font-weight:650}
  .top a{color:#e3e3e3}
  .top .spacer{flex:1}
  .top nav a{padding:4px 10px;border-radius:8px;text-decoration:none}
  .top nav a[aria-current=true]{background:#fff;color:#1a1a1a}
  .frame{padding:12px;min-height:0}
  iframe{width:100%;height:100%;border:0;border-radius:12px;background:#f1f1f1;box-shadow:0 1px 3px rgba(0,0,0,.2)}
</style>
</head>
<body>
<div class="shell">
  <header class="top">
    <strong>${html`${storeName}`}</strong>
    <span>Shopify admin (local demo stand-in)</span>
    <span class="spacer"></span>
    <nav aria-label="Signed-in staff member">Staff:
      ${operators
        .map(
          (o) =>
            html`<a href="/demo/admin?operator=${o.staffUserId}" aria-current="${o.staffUserId === op.staffUserId}"
              >${o.name} (${o.role})</a
            >`,
        )
        .join(" ")}
    </nav>
    <a href="/demo">Storefront</a>
  </header>
  <main class="frame">
    <iframe title="Tandem admin" name="app-iframe" src="${html`${frameSrc}`}"></iframe>
  </main>
</div>
</body>
</html>`;
}
