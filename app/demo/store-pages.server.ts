/** The demo storefront's pages (home, product, cart) around the rendered block. */
import type { Request } from "express";
import { demoStore, type DemoProduct } from "./fixture.server";
import { DEMO_LOCALES, renderEmbed, type BlockRenderInput, type Locale } from "./block.server";
import { CART_COOKIE, cartJson } from "./cart.server";
import { escapeHtml as esc, readCookie } from "./http.server";

const CUSTOMER_COOKIE = "tandem_demo_customer";

const euro = (price: string) => `€${Number(price).toFixed(2)}`;

export interface PageContext {
  locale: Locale;
  customerId: string;
  cartCount: number;
  path: string;
  query: URLSearchParams;
}

export function pageContext(req: Request): PageContext {
  const raw = typeof req.query.locale === "string" ? req.query.locale : "en";
  const locale = (DEMO_LOCALES as readonly string[]).includes(raw) ? (raw as Locale) : "en";
  const known = new Set(demoStore().customers.map((c) => c.id));
  const cookie = readCookie(req, CUSTOMER_COOKIE) ?? "";
  const query = new URLSearchParams(req.url.split("?")[1] ?? "");
  return {
    locale,
    customerId: known.has(cookie) ? cookie : "",
    cartCount: cartJson(readCookie(req, CART_COOKIE)).item_count,
    path: req.path,
    query,
  };
}

/** A link that keeps the demo switches (locale, embed, settings) of the current page. */
function link(ctx: PageContext, to: string): string {
  const keep = new URLSearchParams();
  for (const key of ["locale", "embed", "consent", "accent", "position", "prechat", "human"]) {
    const v = ctx.query.get(key);
    if (v) keep.set(key, v);
  }
  const qs = keep.toString();
  return qs ? `${to}?${qs}` : to;
}

/** Demo switches for the block settings (so one page can show each merchant setting). */
function settingsFromQuery(q: URLSearchParams): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  const accent = q.get("accent");
  if (accent && /^#[0-9a-f]{6}$/i.test(accent)) s.accent_color = accent;
  if (q.get("position") === "left") s.position = "left";
  if (q.get("prechat") === "1") s.prechat_enabled = true;
  if (q.get("human") === "0") s.show_human_button = false;
  return s;
}

export async function layout(ctx: PageContext, title: string, body: string): Promise<string> {
  const store = demoStore();
  const customer = store.customers.find((c) => c.id === ctx.customerId) ?? null;
  const embed = ctx.query.get("embed") ?? "on";
  let widget = "";
  if (embed !== "off") {
    const input: BlockRenderInput = {
      locale: ctx.locale,
      customer: customer
        ? { id: customer.id, first_name: customer.firstName, last_name: customer.lastName, email: customer.email }
        : null,
      designMode: ctx.query.get("design_mode") === "1",
      settings: settingsFromQuery(ctx.query),
    };
    widget = await renderEmbed(input);
    if (embed === "twice") widget += await renderEmbed(input);
  }
  const consent =
    ctx.query.get("consent") === "denied"
      ? `<script>window.Shopify={customerPrivacy:{preferencesProcessingAllowed:function(){return false}}}</script>`
      : "";
  const here = `${ctx.path}${ctx.query.toString() ? `?${ctx.query}` : ""}`;
  const localeOptions = DEMO_LOCALES.map(
    (l) => `<option value="${l}"${l === ctx.locale ? " selected" : ""}>${l.toUpperCase()}</option>`,
  ).join("");
  const customerOptions = [`<option value="">Guest</option>`]
    .concat(
      store.customers.map(
        (c) =>
          `<option value="${esc(c.id)}"${c.id === ctx.customerId ? " selected" : ""}>${esc(c.firstName)} ${esc(c.lastName)}</option>`,
      ),
    )
    .join("");
  return `<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(title)} · ${esc(store.shop.name)}</title>
<meta name="description" content="${esc(store.shop.name)}: snowboards, boots, bindings and outerwear for every rider.">
<style>${STORE_CSS}</style>
${consent}
</head>
<body>
<div class="demo-bar" role="region" aria-label="Demo controls">
  <span><strong>Tandem demo store</strong> · not a real shop</span>
  <form action="/demo/customer" method="get">
    <input type="hidden" name="redirect" value="${esc(here)}">
    <label for="demo-customer">Signed in as</label>
    <select id="demo-customer" name="id" onchange="this.form.submit()">${customerOptions}</select>
    <noscript><button type="submit">Switch</button></noscript>
  </form>
  <form action="${esc(ctx.path)}" method="get">
    <label for="demo-locale">Language</label>
    <select id="demo-locale" name="locale" onchange="this.form.submit()">${localeOptions}</select>
    <noscript><button type="submit">Switch</button></noscript>
  </form>
  <a href="/demo/admin">Open the admin</a>
</div>
<header class="site">
  <a class="logo" href="${esc(link(ctx, "/demo"))}"><svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true"><path d="M2 26 12 8l6 10 4-6 8 14z" fill="currentColor"/></svg>${esc(store.shop.name)}</a>
  <nav aria-label="Main"><a href="${esc(link(ctx, "/demo"))}">Shop all</a><a href="${esc(link(ctx, "/demo/products/summit-all-mountain-snowboard"))}">Snowboards</a><a href="${esc(link(ctx, "/demo/products/storm-shell-jacket"))}">Outerwear</a></nav>
  <span class="who">${customer ? `Hi, ${esc(customer.firstName)}` : "Guest"}</span>
  <a class="cart" href="${esc(link(ctx, "/demo/cart"))}" aria-label="Cart"><svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path d="M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 2-1.5L21 8H6" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/><circle cx="10" cy="20" r="1.4" fill="currentColor"/><circle cx="17" cy="20" r="1.4" fill="currentColor"/></svg><span class="count" data-cart-count>${ctx.cartCount}</span></a>
</header>
<main id="main">
${body}
</main>
<footer class="site"><p>© ${esc(store.shop.name)} · Free shipping over €100 · 30-day returns</p></footer>
${widget}
</body>
</html>`;
}

function productCard(ctx: PageContext, p: DemoProduct): string {
  const price = p.priceRange.min === p.priceRange.max ? euro(p.priceRange.min) : `from ${euro(p.priceRange.min)}`;
  return `<li class="product"><a href="${esc(link(ctx, `/demo/products/${p.handle}`))}">
<img src="${esc(p.imageUrl)}" alt="" width="400" height="400" loading="lazy">
<span class="vendor">${esc(p.vendor)}</span><span class="title">${esc(p.title)}</span><span class="price">${esc(price)}</span></a></li>`;
}

export function homePage(ctx: PageContext): string {
  const products = demoStore().products;
  return `<section class="hero"><div><p class="eyebrow">Winter collection</p><h1>Gear up for the first tracks</h1>
<p>Boards, boots and layers tested on the Dolomites. Questions about sizing or an order? Ask in the chat.</p></div></section>
<section class="grid-wrap" aria-labelledby="all"><h2 id="all">All products</h2><ul class="grid">${products.map((p) => productCard(ctx, p)).join("")}</ul></section>`;
}

export function productPage(ctx: PageContext, p: DemoProduct): string {
  const options = p.variants
    .map(
      (v) =>
        `<option value="${esc(v.gid.split("/").pop())}"${v.available ? "" : " disabled"}>${esc(v.title)} · ${esc(euro(v.price))}${v.available ? "" : " (sold out)"}</option>`,
    )
    .join("");
  return `<nav class="crumbs" aria-label="Breadcrumb"><a href="${esc(link(ctx, "/demo"))}">Home</a> / ${esc(p.title)}</nav>
<article class="pdp"><img src="${esc(p.imageUrl)}" alt="${esc(p.title)}" width="560" height="560">
<div><p class="vendor">${esc(p.vendor)} · ${esc(p.productType)}</p><h1>${esc(p.title)}</h1>
<p class="price">${esc(euro(p.priceRange.min))}</p><p>${esc(p.description)}</p>
<form action="/demo/cart/add" method="post"><label for="variant">Size</label>
<select id="variant" name="id">${options}</select><input type="hidden" name="quantity" value="1">
<button type="submit">Add to cart</button></form></div></article>`;
}

export function cartPage(ctx: PageContext, cart: ReturnType<typeof cartJson>): string {
  const rows = cart.items.length
    ? cart.items
        .map(
          (i) =>
            `<li><img src="${esc(i.image)}" alt="" width="64" height="64"><span>${esc(i.title)}</span><span>× ${i.quantity}</span><strong>${esc(euro((i.line_price / 100).toFixed(2)))}</strong></li>`,
        )
        .join("")
    : "<li>Your cart is empty.</li>";
  return `<section class="cartpage"><h1>Your cart</h1><ul>${rows}</ul>
<p class="total">Total: <strong>${esc(euro((cart.total_price / 100).toFixed(2)))}</strong></p>
<p><a href="${esc(link(ctx, "/demo"))}">Continue shopping</a></p></section>`;
}

const STORE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#14161a;background:#fff}
a{color:inherit}
.demo-bar{display:flex;flex-wrap:wrap;gap:8px 20px;align-items:center;padding:8px 24px;background:#14161a;color:#f2f2f2;font-size:13px}
.demo-bar form{display:flex;gap:6px;align-items:center}
.demo-bar select{font:inherit;padding:2px 6px;border-radius:6px}
.demo-bar a{color:#fff}
header.site{display:flex;align-items:center;gap:28px;padding:18px 32px;border-bottom:1px solid #e8e8ec}
.logo{display:flex;align-items:center;gap:10px;font-weight:750;font-size:20px;letter-spacing:-.01em;text-decoration:none;color:#0f3d57}
header.site nav{display:flex;gap:20px;flex:1}
header.site nav a{text-decoration:none;color:#3b3f47}
header.site nav a:hover{text-decoration:underline}
.who{color:#555b66;font-size:14px}
.cart{position:relative;display:inline-flex;text-decoration:none}
.cart .count{position:absolute;top:-8px;right:-10px;min-width:18px;height:18px;padding:0 5px;border-radius:9px;background:#0f3d57;color:#fff;font-size:11px;line-height:18px;text-align:center}
.hero{display:flex;align-items:center;min-height:300px;padding:48px 32px;background:linear-gradient(120deg,#0f3d57,#2b7a9b 60%,#9fd3e6);color:#fff}
.hero h1{margin:.2em 0;font-size:clamp(30px,4vw,48px);line-height:1.1;letter-spacing:-.02em}
.hero p{max-width:520px;margin:0;font-size:18px}
.eyebrow{text-transform:uppercase;letter-spacing:.12em;font-size:13px!important;opacity:.9}
.grid-wrap{max-width:1200px;margin:0 auto;padding:40px 32px}
.grid-wrap h2{font-size:24px;margin:0 0 20px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:28px;margin:0;padding:0;list-style:none}
.product a{display:flex;flex-direction:column;gap:2px;text-decoration:none}
.product img{width:100%;height:auto;aspect-ratio:1;object-fit:cover;border-radius:14px;background:#f1f3f5;margin-bottom:8px}
.vendor{color:#5a606b;font-size:13px}
.title{font-weight:600}
.price{color:#14161a}
.crumbs{max-width:1100px;margin:0 auto;padding:20px 32px 0;font-size:14px;color:#5a606b}
.pdp{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:48px;max-width:1100px;margin:0 auto;padding:24px 32px 64px}
.pdp img{width:100%;height:auto;aspect-ratio:1;border-radius:18px;background:#f1f3f5}
.pdp h1{margin:.1em 0;font-size:34px;line-height:1.15}
.pdp .price{font-size:22px;font-weight:600}
.pdp form{display:grid;gap:10px;max-width:360px;margin-top:24px}
.pdp select,.pdp button{font:inherit;padding:12px 14px;border-radius:10px;border:1px solid #8a8f99}
.pdp button{background:#0f3d57;color:#fff;border-color:#0f3d57;font-weight:600;cursor:pointer}
.cartpage{max-width:800px;margin:0 auto;padding:40px 32px}
.cartpage ul{list-style:none;padding:0}
.cartpage li{display:flex;gap:16px;align-items:center;padding:12px 0;border-bottom:1px solid #e8e8ec}
.cartpage li span:first-of-type{flex:1}
footer.site{padding:32px;border-top:1px solid #e8e8ec;color:#5a606b;font-size:14px;text-align:center}
@media (max-width:720px){header.site{flex-wrap:wrap;gap:12px;padding:14px 16px}header.site nav{order:3;flex-basis:100%}.pdp{grid-template-columns:1fr;padding:16px}.hero{padding:32px 16px}.grid-wrap{padding:24px 16px}.grid{grid-template-columns:repeat(2,1fr);gap:16px}}
`;
