/**
 * The fixture theme's three pages, built like an Online Store 2.0 theme (Dawn's structure: an
 * announcement bar, a sticky header with a drawer menu and predictive search, sections, a footer and a
 * cart drawer; render-blocking theme CSS plus section stylesheets; deferred theme scripts; responsive
 * images with srcset/sizes, the first one eager with fetchpriority=high and the rest lazy):
 *   home        hero banner, featured collection slider, multicolumn, image with text, collection list,
 *               testimonial slideshow, newsletter
 *   product     gallery of five images with thumbnails, colour and size variant picker, quantity, add to
 *               cart, accordions, four related products
 *   collection  banner, filters and sort, a grid of 24 product cards, pagination
 * With the app embed on, the page ends with what Shopify renders for the Tandem embed: the block's real
 * Liquid (app/demo/storefront.server.ts renderEmbed), exactly as the demo storefront renders it.
 */
import { renderEmbed } from "../../app/demo/storefront.server";
import { BANNER_WIDTHS, PRODUCT_WIDTHS, catalogue, type ThemeProduct } from "./catalogue";
import { imageFile } from "./images";

export const PAGES = {
  home: "/",
  product: "/products/summit-all-mountain-snowboard-midnight",
  collection: "/collections/all",
} as const;
export type PageName = keyof typeof PAGES;

export const THEME_PREFIX = "/cdn/shop/t/1/assets/";
export const IMAGE_PREFIX = "/cdn/shop/files/";

const esc = (value: unknown) =>
  String(value ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
const money = (euros: number) => `€${euros.toFixed(2).replace(/\.00$/, ",00").replace(".", ",")} EUR`;
const asset = (file: string) => `${THEME_PREFIX}${file}?v=1733011200`;
const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

function img(
  name: string,
  widths: number[],
  opts: { alt?: string; sizes: string; aspect: number; eager?: boolean; className?: string },
): string {
  const largest = widths[widths.length - 1]!;
  const src = `${IMAGE_PREFIX}${imageFile(name, widths.includes(720) ? 720 : widths[0]!)}`;
  const srcset = widths.map((w) => `${IMAGE_PREFIX}${imageFile(name, w)} ${w}w`).join(", ");
  return `<img src="${src}" srcset="${srcset}" sizes="${opts.sizes}" alt="${esc(opts.alt ?? "")}" width="${largest}" height="${Math.round(largest * opts.aspect)}"${opts.eager ? ' fetchpriority="high"' : ' loading="lazy"'}${opts.className ? ` class="${opts.className}"` : ""}>`;
}

const ICONS = {
  menu: '<svg aria-hidden="true" focusable="false" class="icon icon-hamburger" viewBox="0 0 18 16"><path d="M1 .5a.5.5 0 1 0 0 1h15.71a.5.5 0 0 0 0-1H1zM.5 8a.5.5 0 0 1 .5-.5h15.71a.5.5 0 0 1 0 1H1A.5.5 0 0 1 .5 8zm0 7a.5.5 0 0 1 .5-.5h15.71a.5.5 0 0 1 0 1H1a.5.5 0 0 1-.5-.5z" fill="currentColor"/></svg>',
  search:
    '<svg class="icon icon-search" aria-hidden="true" focusable="false" viewBox="0 0 18 19"><path fill-rule="evenodd" clip-rule="evenodd" d="M11.03 11.68A5.784 5.784 0 1 1 2.85 3.5a5.784 5.784 0 0 1 8.18 8.18zm.26 1.12a6.78 6.78 0 1 1 .72-.7l5.4 5.4a.5.5 0 1 1-.71.7l-5.41-5.4z" fill="currentColor"/></svg>',
  account:
    '<svg class="icon icon-account" aria-hidden="true" focusable="false" viewBox="0 0 18 19"><path fill-rule="evenodd" clip-rule="evenodd" d="M6 4.5a3 3 0 1 1 6 0 3 3 0 0 1-6 0zm3-4a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm5.58 12.15c1.12.82 1.83 2.24 1.91 4.85H1.51c.08-2.6.79-4.03 1.9-4.85C4.66 11.75 6.5 11.5 9 11.5s4.35.26 5.58 1.15zM9 10.5c-2.5 0-4.65.24-6.17 1.35C1.27 12.98.5 14.93.5 18v.5h17V18c0-3.07-.77-5.02-2.33-6.15-1.52-1.1-3.67-1.35-6.17-1.35z" fill="currentColor"/></svg>',
  cart: '<svg class="icon icon-cart-empty" aria-hidden="true" focusable="false" viewBox="0 0 40 40"><path d="m15.75 11.8h-3.16l-.77 11.6a5 5 0 0 0 4.99 5.34h7.38a5 5 0 0 0 4.99-5.33l-.78-11.61zm0 1h-2.22l-.71 10.67a4 4 0 0 0 3.99 4.27h7.38a4 4 0 0 0 4-4.27l-.72-10.67h-2.22v.63a4.75 4.75 0 1 1-9.5 0zm8.5 0h-7.5v.63a3.75 3.75 0 1 0 7.5 0z" fill="currentColor" fill-rule="evenodd"/></svg>',
  caret:
    '<svg aria-hidden="true" focusable="false" class="icon icon-caret" viewBox="0 0 10 6"><path fill-rule="evenodd" clip-rule="evenodd" d="M9.354.646a.5.5 0 00-.708 0L5 4.293 1.354.646a.5.5 0 00-.708.708l4 4a.5.5 0 00.708 0l4-4a.5.5 0 000-.708z" fill="currentColor"/></svg>',
  truck:
    '<svg aria-hidden="true" focusable="false" class="icon icon-truck" viewBox="0 0 20 20"><path d="M2 4h10v9H2zM12 7h3l3 3v3h-6z" fill="none" stroke="currentColor"/><circle cx="5" cy="15" r="1.6" fill="currentColor"/><circle cx="15" cy="15" r="1.6" fill="currentColor"/></svg>',
  return:
    '<svg aria-hidden="true" focusable="false" class="icon icon-return" viewBox="0 0 20 20"><path d="M4 8h9a4 4 0 0 1 0 8H8M4 8l3-3M4 8l3 3" fill="none" stroke="currentColor"/></svg>',
  leaf: '<svg aria-hidden="true" focusable="false" class="icon icon-leaf" viewBox="0 0 20 20"><path d="M3 17C3 8 9 3 17 3c0 8-5 14-14 14zm0 0 8-8" fill="none" stroke="currentColor"/></svg>',
  arrow:
    '<svg viewBox="0 0 14 10" fill="none" aria-hidden="true" focusable="false" class="icon icon-arrow"><path fill-rule="evenodd" clip-rule="evenodd" d="M8.537.808a.5.5 0 01.817-.162l4 4a.5.5 0 010 .708l-4 4a.5.5 0 11-.708-.708L11.793 5.5H1a.5.5 0 010-1h10.793L8.646 1.354a.5.5 0 01-.109-.546z" fill="currentColor"/></svg>',
};

function card(p: ThemeProduct, opts: { eager?: boolean; index: number; sizes: string }): string {
  const sale = p.compareAt ? `<span class="badge badge--bottom-left color-scheme-4">Sale</span>` : "";
  const soldOut = p.sizes.every((s) => !s.available);
  return `<li class="grid__item scroll-trigger animate--slide-in" data-index="${opts.index}" data-price="${p.price}" data-colour="${esc(p.colour.name)}" data-available="${!soldOut}" data-title="${esc(p.title)}">
<div class="card-wrapper product-card-wrapper underline-links-hover">
<div class="card card--standard card--media" style="--ratio-percent: 100%;">
<div class="card__inner color-scheme-2 gradient ratio" style="--ratio-percent: 100%;">
<div class="card__media"><div class="media media--transparent media--hover-effect">
${img(p.images[0]!, PRODUCT_WIDTHS, { alt: p.title, sizes: opts.sizes, aspect: 1, eager: opts.eager, className: "motion-reduce" })}
</div></div>
<div class="card__content"><div class="card__badge bottom left">${sale}</div></div>
</div>
<div class="card__content"><div class="card__information">
<h3 class="card__heading h5"><a href="/products/${p.handle}" class="full-unstyled-link">${esc(p.title)}</a></h3>
<div class="card-information"><span class="caption-large light">${esc(p.vendor)}</span>
<div class="price${p.compareAt ? " price--on-sale" : ""}"><div class="price__container">
<span class="visually-hidden visually-hidden--inline">Regular price</span>
<span class="price-item price-item--regular">${p.compareAt ? `<s>${money(p.compareAt)}</s> ` : ""}${p.sizes.length > 1 && new Set(p.sizes.map((s) => s.price)).size > 1 ? "From " : ""}${money(p.price)}</span>
</div></div>
<ul class="card__swatches" aria-label="Colours">${p.colours.map((c) => `<li><span class="swatch" style="--swatch-background: ${c.hex}" title="${esc(c.name)}"></span></li>`).join("")}</ul>
</div></div>
<div class="quick-add no-js-hidden"><a class="quick-add__submit button button--full-width button--secondary" href="/products/${p.handle}">Choose options</a></div>
</div></div></div></li>`;
}

function announcement(): string {
  return `<div class="utility-bar color-scheme-1 gradient utility-bar--bottom-border"><div class="page-width utility-bar__grid">
<slideshow-component class="announcement-bar" role="region" aria-roledescription="Carousel" aria-label="Announcements">
<div class="announcement-bar-slider slider" data-slider>
<div class="slideshow__slide slider__slide grid__item" data-slide role="group" aria-roledescription="Announcement" aria-label="1 of 2"><p class="announcement-bar__message h5">Free shipping on orders over €100 — 30-day returns</p></div>
<div class="slideshow__slide slider__slide grid__item" data-slide role="group" aria-roledescription="Announcement" aria-label="2 of 2" aria-hidden="true"><p class="announcement-bar__message h5">New: the 2027 board line-up has landed</p></div>
</div><span class="visually-hidden" data-slideshow-status aria-live="polite"></span></slideshow-component>
<div class="localization-wrapper"><details-disclosure><details><summary aria-expanded="false">EUR € | Italy ${ICONS.caret}</summary>
<ul class="disclosure__list list-unstyled">${["Austria", "France", "Germany", "Italy", "Spain", "Switzerland"].map((c) => `<li class="disclosure__item"><a class="link link--text disclosure__link caption-large" href="#">${c} (EUR €)</a></li>`).join("")}</ul></details></details-disclosure></div>
</div></div>`;
}

function header(): string {
  const menu = [
    ["Snowboards", "/collections/snowboards"],
    ["Bindings & boots", "/collections/bindings"],
    ["Outerwear", "/collections/outerwear"],
    ["Accessories", "/collections/accessories"],
    ["Sale", "/collections/sale"],
    ["Journal", "/blogs/journal"],
  ];
  return `<sticky-header data-sticky-type="on-scroll-up" class="header-wrapper color-scheme-1 gradient header-wrapper--border-bottom">
<header class="header header--middle-left header--mobile-center page-width header--has-menu header--has-account">
<header-drawer data-breakpoint="tablet"><details id="Details-menu-drawer-container" class="menu-drawer-container">
<summary class="header__icon header__icon--menu header__icon--summary link focus-inset" aria-label="Menu" aria-expanded="false"><span>${ICONS.menu}</span></summary>
<div id="menu-drawer" class="gradient menu-drawer motion-reduce color-scheme-1"><div class="menu-drawer__inner-container"><div class="menu-drawer__navigation-container">
<nav class="menu-drawer__navigation"><ul class="menu-drawer__menu has-submenu list-menu" role="list">${menu.map(([t, h]) => `<li><a href="${h}" class="menu-drawer__menu-item list-menu__item link link--text focus-inset">${t}</a></li>`).join("")}</ul></nav>
<div class="menu-drawer__utility-links"><a href="/account/login" class="menu-drawer__account link focus-inset h5 medium-hide large-up-hide">${ICONS.account}Log in</a></div>
</div></div></div></details></header-drawer>
<a href="/" class="header__heading-link link link--text focus-inset"><span class="h2">Alpine Peak Supply</span></a>
<nav class="header__inline-menu"><ul class="list-menu list-menu--inline" role="list">${menu.map(([t, h]) => `<li><a href="${h}" class="header__menu-item list-menu__item link link--text focus-inset"><span>${t}</span></a></li>`).join("")}</ul></nav>
<div class="header__icons header__icons--localization header-localization">
<predictive-search class="search-modal__form" data-loading-text="Loading..."><div class="field"><input class="search__input field__input" id="Search-In-Modal" type="search" name="q" placeholder="Search" aria-label="Search" autocomplete="off"><label class="field__label" for="Search-In-Modal">Search</label>
<button type="submit" class="search__button field__button" aria-label="Search">${ICONS.search}</button></div>
<div class="predictive-search predictive-search--header" tabindex="-1"><ul class="predictive-search__results-list list-unstyled" data-predictive-results role="listbox"></ul></div></predictive-search>
<a href="/account/login" class="header__icon header__icon--account link focus-inset small-hide">${ICONS.account}<span class="visually-hidden">Log in</span></a>
<a href="/cart" class="header__icon header__icon--cart link focus-inset" id="cart-icon-bubble" data-cart-open>${ICONS.cart}<span class="visually-hidden">Cart</span><div class="cart-count-bubble"><span aria-hidden="true" data-cart-count>0</span></div></a>
</div></header></sticky-header>`;
}

function footer(): string {
  const cols = [
    ["Shop", ["Snowboards", "Bindings", "Boots", "Helmets", "Goggles", "Outerwear", "Gift cards"]],
    ["Help", ["Contact", "Shipping", "Returns", "Size guide", "Warranty", "Track your order"]],
    ["About", ["Our story", "Journal", "Stores", "Careers", "Sustainability"]],
  ] as const;
  return `<footer class="footer color-scheme-1 gradient section-footer-padding"><div class="footer__content-top page-width">
<div class="footer__blocks-wrapper grid grid--1-col grid--2-col grid--4-col-tablet">${cols
    .map(
      ([title, links]) =>
        `<div class="footer-block grid__item footer-block--menu scroll-trigger animate--slide-in"><h2 class="footer-block__heading inline-richtext">${title}</h2><ul class="footer-block__details-content list-unstyled">${links.map((l) => `<li><a href="/pages/${l.toLowerCase().replace(/ /g, "-")}" class="link link--text list-menu__item list-menu__item--link">${l}</a></li>`).join("")}</ul></div>`,
    )
    .join("")}
<div class="footer-block grid__item scroll-trigger animate--slide-in"><h2 class="footer-block__heading">Stay in the loop</h2><p>Early access to new boards, riding tips from the Dolomites and members-only offers.</p>
<form method="post" action="/contact#ContactFooter" id="ContactFooter" class="footer__newsletter newsletter-form"><input type="hidden" name="contact[tags]" value="newsletter">
<div class="newsletter-form__field-wrapper"><div class="field"><input id="NewsletterForm--footer" type="email" name="contact[email]" class="field__input" autocomplete="email" placeholder="Email" required><label class="field__label" for="NewsletterForm--footer">Email</label>
<button type="submit" class="newsletter-form__button field__button" name="commit" aria-label="Subscribe">${ICONS.arrow}</button></div></div></form></div>
</div></div>
<div class="footer__content-bottom"><div class="footer__content-bottom-wrapper page-width"><div class="footer__column footer__column--info">
<div class="footer__payment"><span class="visually-hidden">Payment methods</span><ul class="list list-payment" role="list">${["Visa", "Mastercard", "American Express", "PayPal", "Apple Pay", "Google Pay", "Klarna"].map((m) => `<li class="list-payment__item"><svg class="icon icon--full-color" viewBox="0 0 38 24" width="38" height="24" role="img" aria-label="${m}"><rect width="38" height="24" rx="3" fill="#f1f1f1"/><text x="19" y="15" font-size="7" text-anchor="middle" fill="#333">${m.slice(0, 6)}</text></svg></li>`).join("")}</ul></div>
<div class="footer__copyright caption"><small class="copyright__content">© 2026, Alpine Peak Supply</small> <small class="copyright__content">Powered by Shopify</small></div>
</div></div></div></footer>`;
}

function cartDrawer(): string {
  return `<cart-drawer class="drawer is-empty"><div id="CartDrawer" class="cart-drawer"><div id="CartDrawer-Overlay" class="cart-drawer__overlay drawer__overlay"></div>
<div class="drawer__inner gradient color-scheme-1" role="dialog" aria-modal="true" aria-label="Your cart" tabindex="-1">
<div class="drawer__header"><h2 class="drawer__heading">Your cart</h2></div>
<ul class="cart-items list-unstyled" data-cart-items></ul>
<div class="drawer__footer"><div class="totals"><h2 class="totals__total">Estimated total</h2><p class="totals__total-value" data-cart-total>€0,00 EUR</p></div>
<a href="/checkout" class="cart__checkout-button button">Check out</a></div></div></div></cart-drawer>`;
}

async function layout(
  page: PageName,
  title: string,
  body: string,
  opts: { embed: boolean; scripts: string[]; styles: string[] },
) {
  const { products } = catalogue();
  const search = products.map((p) => ({ title: p.title, url: `/products/${p.handle}` }));
  const embed = opts.embed ? await renderEmbed({ locale: "en", customer: null }) : "";
  return `<!doctype html>
<html class="js" lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="theme-color" content="">
<link rel="canonical" href="https://alpine-peak-supply.example${PAGES[page]}">
<link rel="icon" type="image/png" href="data:,">
<title>${esc(title)} – Alpine Peak Supply</title>
<meta name="description" content="Snowboards, bindings, boots and outerwear, tested in the Dolomites. Free shipping over €100.">
<meta property="og:site_name" content="Alpine Peak Supply"><meta property="og:title" content="${esc(title)}"><meta property="og:type" content="${page === "product" ? "product" : "website"}">
<meta name="twitter:card" content="summary_large_image">
<script src="${asset("constants.js")}" defer></script>
<script src="${asset("global.js")}" defer></script>
${opts.scripts.map((s) => `<script src="${asset(s)}" defer></script>`).join("\n")}
<script src="${asset("storefront-events.js")}" async></script>
<style>
:root{--font-body-family:"Helvetica Neue",Helvetica,Arial,sans-serif;--font-body-style:normal;--font-body-weight:400;--font-heading-family:"Helvetica Neue",Helvetica,Arial,sans-serif;--font-heading-weight:600;--font-body-scale:1.0;--font-heading-scale:1.0;--media-padding:px;--media-border-opacity:0.05;--media-border-width:1px;--media-radius:0px;--page-width:120rem;--page-width-margin:0rem;--product-card-image-padding:0.0rem;--product-card-corner-radius:0.0rem;--product-card-text-alignment:left;--spacing-sections-desktop:0px;--spacing-sections-mobile:0px;--grid-desktop-vertical-spacing:8px;--grid-desktop-horizontal-spacing:8px;--grid-mobile-vertical-spacing:4px;--grid-mobile-horizontal-spacing:4px;--buttons-radius:0px;--inputs-radius:0px;--variant-pills-radius:40px}
*,*::before,*::after{box-sizing:inherit}html{box-sizing:border-box;font-size:calc(var(--font-body-scale)*62.5%);height:100%}
body{display:grid;grid-template-rows:auto auto 1fr auto;grid-template-columns:100%;min-height:100%;margin:0;font-size:1.5rem;letter-spacing:.06rem;line-height:calc(1 + .8/var(--font-body-scale));font-family:var(--font-body-family);font-weight:var(--font-body-weight)}
@media screen and (min-width:750px){body{font-size:1.6rem}}
</style>
<link href="${asset("theme.css")}" rel="stylesheet" type="text/css" media="all">
<script>document.documentElement.className = document.documentElement.className.replace('no-js', 'js');</script>
</head>
<body class="gradient template-${page}">
<a class="skip-to-content-link button visually-hidden" href="#MainContent">Skip to content</a>
${announcement()}
${header()}
<main id="MainContent" class="content-for-layout focus-none" role="main" tabindex="-1">
${opts.styles.map((s) => `<link rel="stylesheet" href="${asset(s)}" media="all">`).join("\n")}
${body}
</main>
${footer()}
${cartDrawer()}
<script type="application/json" id="theme-products">${json(search)}</script>
${embed}
</body>
</html>`;
}

function homePage(): string {
  const { products } = catalogue();
  const featured = products.filter((_, i) => i % 3 === 0).slice(0, 8);
  const tiles = [
    ["Snowboards", "collection-snowboards", "/collections/snowboards"],
    ["Outerwear", "collection-outerwear", "/collections/outerwear"],
    ["Accessories", "collection-accessories", "/collections/accessories"],
  ];
  const quotes = [
    ["“The Summit carried me from the groomers into the trees without a second thought.”", "Giulia, Cortina"],
    ["“Fast delivery and the size advice in the chat was spot on.”", "Lukas, Innsbruck"],
    ["“Warmest boots I have owned, and they were comfortable from the first run.”", "Camille, Chamonix"],
    ["“Returns were painless when the helmet did not fit. Ordered the next size the same day.”", "Pablo, Baqueira"],
  ];
  return `<section class="shopify-section section image-banner">
<div id="Banner-home" class="banner banner--content-align-center banner--content-align-mobile-center banner--large banner--mobile-bottom banner--desktop-transparent">
<div class="banner__media media">${img("hero", BANNER_WIDTHS, { sizes: "100vw", aspect: 0.62, eager: true, alt: "A rider on fresh snow above the Dolomites at sunrise" })}</div>
<div class="banner__content banner__content--bottom-center page-width"><div class="banner__box content-container content-container--full-width-mobile color-scheme-3 gradient">
<p class="banner__eyebrow caption-with-letter-spacing">Winter 2027</p><h2 class="banner__heading inline-richtext h0">First tracks, every morning</h2>
<div class="banner__text rte"><p>Boards, boots and layers we ride ourselves, tested from November to May on the Dolomites.</p></div>
<div class="banner__buttons"><a href="/collections/all" class="button button--primary">Shop the collection</a><a href="/collections/snowboards" class="button button--secondary">Find your board</a></div>
</div></div></div></section>
<section class="shopify-section section featured-collection"><div class="color-scheme-1 gradient isolate"><div class="collection section-padding page-width">
<div class="collection__title title-wrapper title-wrapper--no-top-margin"><h2 class="title inline-richtext h2 scroll-trigger animate--slide-in">New this season</h2><p class="collection__description body rte">Eight picks from the 2027 line-up.</p></div>
<slider-component class="slider-mobile-gutter page-width-desktop scroll-trigger animate--slide-in">
<ul class="grid product-grid contains-card contains-card--product grid--4-col-desktop grid--2-col-tablet-down slider slider--tablet" data-slider role="list">${featured.map((p, i) => card(p, { index: i, sizes: "(min-width: 1200px) 267px, (min-width: 990px) calc((100vw - 130px) / 4), (min-width: 750px) calc((100vw - 120px) / 3), calc((100vw - 35px) / 2)" }).replace('<li class="grid__item', '<li data-slide class="grid__item slider__slide')).join("")}</ul>
<div class="slider-buttons"><button type="button" class="slider-button slider-button--prev" name="previous" aria-label="Slide left">${ICONS.caret}</button><div class="slider-counter caption"><span class="slider-counter--current" data-slider-current>1</span><span aria-hidden="true"> / </span><span class="slider-counter--total" data-slider-total>8</span></div><button type="button" class="slider-button slider-button--next" name="next" aria-label="Slide right">${ICONS.caret}</button></div>
</slider-component>
<div class="center collection__view-all scroll-trigger animate--slide-in"><a href="/collections/all" class="button">View all</a></div>
</div></div></section>
<section class="shopify-section section multicolumn color-scheme-2 gradient"><div class="page-width section-padding">
<div class="title-wrapper-with-link title-wrapper--self-padded-mobile title-wrapper--no-top-margin"><h2 class="title inline-richtext h2">Why ride with us</h2></div>
<ul class="multicolumn-list contains-content-container grid grid--1-col-tablet-down grid--3-col-desktop" role="list">
${[
  [
    ICONS.truck,
    "Free shipping over €100",
    "Orders placed before 2 pm leave the warehouse the same day, across the EU.",
  ],
  [
    ICONS.return,
    "30-day returns",
    "Ride it on the carpet, not the mountain: if it does not fit, send it back for free.",
  ],
  [ICONS.leaf, "Built to last", "Repair service for bases and edges, and recycled materials in every jacket."],
]
  .map(
    ([icon, t, d]) =>
      `<li class="multicolumn-card__info grid__item scroll-trigger animate--slide-in"><div class="multicolumn-card content-container"><div class="multicolumn-card__image-wrapper">${icon}</div><div class="multicolumn-card__info"><h3 class="inline-richtext">${t}</h3><div class="rte"><p>${d}</p></div></div></div></li>`,
  )
  .join("")}
</ul></div></section>
<section class="shopify-section section image-with-text"><div class="image-with-text image-with-text--no-overlap page-width isolate section-padding">
<div class="image-with-text__grid grid grid--gapless grid--1-col grid--2-col-tablet image-with-text__grid--reverse">
<div class="image-with-text__media-item image-with-text__media-item--top grid__item"><div class="image-with-text__media image-with-text__media--adapt media" style="padding-bottom: 80%;">${img("image-with-text", [750, 1100], { sizes: "(min-width: 1200px) 550px, (min-width: 750px) calc((100vw - 130px) / 2), calc((100vw - 50px) / 1)", aspect: 0.8, alt: "Our test riders above Passo Giau" })}</div></div>
<div class="image-with-text__text-item grid__item"><div class="image-with-text__content image-with-text__content--middle image-with-text__content--desktop-left content-container color-scheme-1 gradient">
<p class="image-with-text__text image-with-text__text--caption caption-with-letter-spacing">Tested in the Dolomites</p><h2 class="image-with-text__heading inline-richtext h1">Every board, ridden before it is sold</h2>
<div class="image-with-text__text rte body"><p>Our riders spend the season on every model we carry, in powder, on ice and in the park. What they learn goes into the size advice you get from us — in the shop, by email and in the chat.</p></div>
<a href="/pages/our-story" class="button button--primary">Our story</a></div></div></div></div></section>
<section class="shopify-section section collection-list"><div class="color-scheme-1 gradient"><div class="collection-list-wrapper page-width isolate section-padding">
<div class="title-wrapper-with-link"><h2 class="collection-list-title inline-richtext h2">Shop by category</h2></div>
<ul class="collection-list contains-card contains-card--collection grid grid--3-col-desktop grid--1-col-tablet-down" role="list">
${tiles
  .map(
    ([t, image, href]) =>
      `<li class="collection-list__item grid__item scroll-trigger animate--slide-in"><div class="card-wrapper animate-arrow collection-card-wrapper"><div class="card card--standard card--media"><div class="card__inner color-scheme-2 gradient ratio" style="--ratio-percent: 100%;"><div class="card__media"><div class="media media--transparent media--hover-effect">${img(image!, [360, 720], { sizes: "(min-width: 1200px) 366px, (min-width: 750px) calc((100vw - 130px) / 3), calc(100vw - 30px)", aspect: 1, alt: t })}</div></div></div><div class="card__content"><div class="card__information"><h3 class="card__heading"><a href="${href}" class="full-unstyled-link">${t}<span class="icon-wrap">${ICONS.arrow}</span></a></h3></div></div></div></div></li>`,
  )
  .join("")}
</ul></div></div></section>
<section class="shopify-section section testimonials color-scheme-2 gradient"><div class="page-width section-padding">
<h2 class="title h2 center">Riders say</h2>
<slideshow-component class="slider-mobile-gutter" role="region" aria-roledescription="Carousel" aria-label="Testimonials">
<ul class="slideshow banner grid grid--1-col slider slider--everywhere" data-slider role="list">${quotes.map(([q, who], i) => `<li class="slideshow__slide grid__item grid--1-col slider__slide" data-slide role="group" aria-roledescription="Slide" aria-label="${i + 1} of ${quotes.length}"><blockquote class="testimonial"><p class="h3">${q}</p><footer class="caption-with-letter-spacing">${who}</footer></blockquote></li>`).join("")}</ul>
<div class="slideshow__controls slider-buttons"><button type="button" class="slider-button slider-button--prev" name="previous" aria-label="Previous slide">${ICONS.caret}</button>
<div class="slider-counter slider-counter--dots">${quotes.map((_, i) => `<button class="slider-counter__link slider-counter__link--dots link" data-dot="${i}" aria-label="Load slide ${i + 1} of ${quotes.length}" aria-current="${i === 0}"><span class="dot"></span></button>`).join("")}</div>
<button type="button" class="slider-button slider-button--next" name="next" aria-label="Next slide">${ICONS.caret}</button></div>
<span class="visually-hidden" data-slideshow-status aria-live="polite"></span></slideshow-component></div></section>
<section class="shopify-section section rich-text"><div class="isolate page-width"><div class="rich-text content-container color-scheme-1 gradient rich-text--full-width content-container--full-width section-padding">
<div class="rich-text__wrapper rich-text__wrapper--center page-width"><div class="rich-text__blocks center"><h2 class="rich-text__heading rte inline-richtext h1">Not sure which size?</h2>
<div class="rich-text__text rte"><p>Tell us your height, weight, boot size and where you ride, and we will suggest a board length and a binding size. Our riders answer every day from 9 to 18.</p></div>
<a href="/pages/size-guide" class="button button--secondary">Read the size guide</a></div></div></div></div></section>`;
}

function productPage(): string {
  const { products } = catalogue();
  const p = products.find((x) => `/products/${x.handle}` === PAGES.product)!;
  const variants = p.colours.flatMap((colour, c) =>
    p.sizes.map((size, s) => ({
      id: 8001000 + c * 100 + s,
      options: [colour.name, size.title],
      price: size.price * 100,
      compare_at_price: null,
      available: size.available && !(c === 1 && s === 0),
      inventory: size.available ? 3 + ((c + s) % 6) : 0,
      media: c,
    })),
  );
  const first = variants.find((v) => v.available)!;
  const related = products.filter((x) => x.type === p.type && x.handle !== p.handle).slice(0, 4);
  const gallery = p.images
    .map(
      (name, i) =>
        `<li id="Slide-main-${i}" class="product__media-item grid__item slider__slide${i === 0 ? " is-active" : ""}" data-media-id="${i}"><div class="product-media-container media-type-image media-fit-contain global-media-settings gradient constrain-height" style="--ratio: 1.0; --preview-ratio: 1.0;"><div class="product__media media media--transparent">${img(name, PRODUCT_WIDTHS, { sizes: "(min-width: 1200px) 715px, (min-width: 990px) calc(65.0vw - 10rem), (min-width: 750px) calc((100vw - 11.5rem) / 2), calc(100vw / 1 - 4rem)", aspect: 1, eager: i === 0, alt: `${p.title}, view ${i + 1}` })}</div></div></li>`,
    )
    .join("");
  const thumbs = p.images
    .map(
      (name, i) =>
        `<li class="thumbnail-list__item slider__slide"><button class="thumbnail global-media-settings global-media-settings--no-shadow" data-thumb="${i}" aria-label="Load image ${i + 1} in gallery view" aria-current="${i === 0}">${img(name, [360], { sizes: "(min-width: 1200px) calc((1200px - 19.5rem) / 12), (min-width: 990px) calc((100vw - 19.5rem) / 10), (min-width: 750px) calc((100vw - 15rem) / 8), calc((100vw - 8rem) / 5)", aspect: 1, alt: "" })}</button></li>`,
    )
    .join("");
  const sizeInputs = p.sizes
    .map(
      (s, i) =>
        `<input type="radio" id="Size-${i}" name="Size" value="${esc(s.title)}" form="product-form"${s.title === first.options[1] ? " checked" : ""}${s.available ? "" : ' class="disabled"'}><label for="Size-${i}">${esc(s.title)}<span class="visually-hidden label-unavailable">${s.available ? "" : "Sold out"}</span></label>`,
    )
    .join("");
  const colourInputs = p.colours
    .map(
      (c, i) =>
        `<input type="radio" id="Colour-${i}" name="Colour" value="${esc(c.name)}" form="product-form"${i === 0 ? " checked" : ""}><label for="Colour-${i}" title="${esc(c.name)}"><span class="swatch" style="--swatch-background: ${c.hex}"></span><span class="visually-hidden">${esc(c.name)}</span></label>`,
    )
    .join("");
  const accordions = [
    [
      "Shipping",
      "Free shipping in the EU over €100. Orders placed before 2 pm ship the same day; delivery in 2–4 working days.",
    ],
    ["Returns", "Return unused items within 30 days for a full refund. Boards must not have been mounted."],
    [
      "Specifications",
      "Camber profile, medium flex (6/10), sintered base, poplar core with carbon stringers, 2×4 inserts.",
    ],
    ["Care", "Wax every 3–4 days on snow, dry the edges after riding, store with the bindings loosened."],
  ]
    .map(
      ([t, d]) =>
        `<div class="product__accordion accordion quick-add-hidden"><details id="Details-${t}"><summary><div class="summary__title">${ICONS.leaf}<h2 class="h4 accordion__title inline-richtext">${t}</h2></div>${ICONS.caret}</summary><div class="accordion__content rte"><p>${d}</p></div></details></div>`,
    )
    .join("");
  return `<section class="shopify-section section"><div class="page-width"><nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/collections/snowboards">Snowboards</a></li><li aria-current="page">${esc(p.title)}</li></ol></nav></div>
<product-info id="MainProduct" class="section-main-product section-padding gradient color-scheme-1" data-section="main-product">
<div class="page-width"><div class="product product--large product--left product--thumbnail_slider product--mobile-show grid grid--1-col grid--2-col-tablet">
<div class="grid__item product__media-wrapper"><media-gallery id="MediaGallery-main" role="region" class="product__column-sticky" aria-label="Gallery Viewer">
<div id="GalleryStatus-main" class="visually-hidden" role="status"></div>
<slider-component id="GalleryViewer-main" class="slider-mobile-gutter"><ul id="Slider-Gallery-main" class="product__media-list contains-media grid grid--peek list-unstyled slider slider--mobile" data-gallery-slider role="list">${gallery}</ul></slider-component>
<slider-component id="GalleryThumbnails-main" class="thumbnail-slider slider-mobile-gutter quick-add-hidden small-hide"><ul id="Slider-Thumbnails-main" class="thumbnail-list list-unstyled slider slider--mobile slider--tablet-up" role="list">${thumbs}</ul></slider-component>
</media-gallery></div>
<div class="product__info-wrapper grid__item"><section id="ProductInfo-main" class="product__info-container product__column-sticky">
<p class="product__text inline-richtext caption-with-letter-spacing">${esc(p.vendor)}</p>
<div class="product__title"><h1>${esc(p.title)}</h1></div>
<div class="no-js-hidden" id="price-main" role="status"><div class="price price--large price--show-badge"><div class="price__container"><span class="price-item price-item--regular" data-price>${money(first.price / 100)}</span> <s class="price-item price-item--compare" data-compare-price></s></div></div></div>
<div class="product__tax caption rte">Tax included. <a href="/policies/shipping-policy">Shipping</a> calculated at checkout.</div>
<variant-selects id="variant-selects-main" class="no-js-hidden" data-section="main-product">
<fieldset class="js product-form__input product-form__input--swatch"><legend class="form__label">Colour: <span data-selected-colour>${esc(p.colours[0]!.name)}</span></legend>${colourInputs}</fieldset>
<fieldset class="js product-form__input product-form__input--pill"><legend class="form__label">Size</legend>${sizeInputs}</fieldset>
</variant-selects>
<p class="product__inventory" data-inventory role="status">In stock</p>
<div class="product-form__input product-form__quantity"><label class="quantity__label form__label" for="Quantity-main">Quantity</label>
<quantity-input class="quantity"><button class="quantity__button no-js-hidden disabled" name="minus" type="button"><span class="visually-hidden">Decrease quantity</span>−</button><input class="quantity__input" type="number" name="quantity" id="Quantity-main" min="1" value="1" form="product-form"><button class="quantity__button no-js-hidden" name="plus" type="button"><span class="visually-hidden">Increase quantity</span>+</button></quantity-input></div>
<div class="product-form__buttons"><product-form class="product-form" data-section-id="main-product"><div class="product-form__error-message-wrapper" role="alert" data-form-error></div>
<form method="post" action="/cart/add" id="product-form" accept-charset="UTF-8" class="form" enctype="multipart/form-data" novalidate="novalidate" data-type="add-to-cart-form"><input type="hidden" name="form_type" value="product"><input type="hidden" name="utf8" value="✓"><input type="hidden" name="id" value="${first.id}" class="product-variant-id">
<button id="ProductSubmitButton-main" type="submit" name="add" class="product-form__submit button button--full-width button--secondary"><span>Add to cart</span></button>
<button type="button" class="shopify-payment-button__button shopify-payment-button__button--unbranded button button--full-width">Buy it now</button></form></product-form></div>
<div class="product__description rte quick-add-hidden"><p>${esc(p.description)}</p><ul><li>All-mountain camber with a slight setback for float</li><li>Sidewall construction, 2 mm edges</li><li>Made in Austria</li></ul></div>
${accordions}
<div class="share-button quick-add-hidden"><button class="share-button__button" type="button">Share</button></div>
</section></div></div></div></product-info></section>
<script type="application/json" id="product-json">${json({ id: 6001001, title: p.title, variants })}</script>
<section class="shopify-section section related-products"><div class="color-scheme-1 gradient"><div class="page-width section-padding isolate">
<h2 class="related-products__heading inline-richtext h2">You may also like</h2>
<ul class="grid product-grid grid--4-col-desktop grid--2-col-tablet-down" role="list">${related.map((r, i) => card(r, { index: i, sizes: "(min-width: 1200px) 267px, (min-width: 990px) calc((100vw - 130px) / 4), (min-width: 750px) calc((100vw - 120px) / 3), calc((100vw - 35px) / 2)" })).join("")}</ul>
</div></div></section>`;
}

function collectionPage(): string {
  const { products } = catalogue();
  const colours = [...new Set(products.map((p) => p.colour.name))];
  return `<section class="shopify-section section collection-hero"><div class="collection-hero collection-hero--with-image color-scheme-1 gradient"><div class="collection-hero__inner page-width">
<div class="collection-hero__text-wrapper"><h1 class="collection-hero__title"><span class="visually-hidden">Collection: </span>All products</h1>
<div class="collection-hero__description rte">Every board, binding, boot, helmet and layer we carry for the 2027 season, tested by our riders.</div></div>
<div class="collection-hero__image-container media gradient">${img("collection-banner", BANNER_WIDTHS, { sizes: "(max-width: 749px) 100vw, 50vw", aspect: 0.42, eager: true, alt: "" })}</div>
</div></div></section>
<section class="shopify-section section collection-product-grid"><div class="section-padding gradient color-scheme-1"><div class="page-width">
<facet-filters-form class="facets small-hide"><form id="FacetFiltersForm" class="facets__form">
<div class="facets__wrapper"><h2 class="facets__heading caption-large text-body">Filter:</h2>
<details-disclosure><details class="disclosure-has-popup facets__disclosure js-filter"><summary class="facets__summary caption-large focus-offset" aria-label="Availability"><div><span>Availability</span>${ICONS.caret}</div></summary>
<div class="facets__display"><ul class="facets__list list-unstyled" role="list"><li class="list-menu__item facets__item"><label for="Filter-availability-1" class="facet-checkbox"><input type="checkbox" name="filter.availability" value="1" id="Filter-availability-1"> In stock</label></li></ul></div></details></details-disclosure>
<details-disclosure><details class="disclosure-has-popup facets__disclosure js-filter"><summary class="facets__summary caption-large focus-offset" aria-label="Price"><div><span>Price</span>${ICONS.caret}</div></summary>
<div class="facets__display"><div class="facets__price"><div class="field"><span class="field-currency">€</span><input class="field__input" name="filter.price.gte" id="Filter-Price-GTE" type="number" placeholder="0" min="0" max="530"><label class="field__label" for="Filter-Price-GTE">From</label></div>
<div class="field"><span class="field-currency">€</span><input class="field__input" name="filter.price.lte" id="Filter-Price-LTE" type="number" placeholder="530" min="0" max="530"><label class="field__label" for="Filter-Price-LTE">To</label></div></div></div></details></details-disclosure>
<details-disclosure><details class="disclosure-has-popup facets__disclosure js-filter"><summary class="facets__summary caption-large focus-offset" aria-label="Colour"><div><span>Colour</span>${ICONS.caret}</div></summary>
<div class="facets__display"><ul class="facets__list list-unstyled" role="list">${colours.map((c, i) => `<li class="list-menu__item facets__item"><label for="Filter-colour-${i}" class="facet-checkbox"><input type="checkbox" name="filter.colour" value="${esc(c)}" id="Filter-colour-${i}"> ${esc(c)} <span class="facet-count" data-facet-count="${esc(c)}"></span></label></li>`).join("")}</ul>
<button class="button button--tertiary" data-facet-reset>Reset</button></div></details></details-disclosure>
<div class="facet-filters sorting caption"><div class="facet-filters__field"><h2 class="facet-filters__label caption-large text-body"><label for="SortBy">Sort by:</label></h2><div class="select"><select name="sort_by" class="facet-filters__sort select__select caption-large" id="SortBy"><option value="manual" selected>Featured</option><option value="price-ascending">Price, low to high</option><option value="price-descending">Price, high to low</option><option value="title-ascending">Alphabetically, A-Z</option></select>${ICONS.caret}</div></div></div>
<div class="product-count light"><h2 class="product-count__text text-body" data-product-count>${products.length} products</h2></div></div>
</form></facet-filters-form>
<sort-select class="mobile-facets__sort medium-hide large-up-hide"><label for="SortBy-mobile">Sort by:</label><div class="select"><select id="SortBy-mobile" class="select__select"><option value="manual">Featured</option><option value="price-ascending">Price, low to high</option><option value="price-descending">Price, high to low</option></select></div></sort-select>
<div class="product-grid-container scroll-trigger animate--slide-in" id="ProductGridContainer"><div class="collection page-width">
<ul id="product-grid" data-product-grid class="grid product-grid grid--2-col-tablet-down grid--4-col-desktop" role="list">${products.map((p, i) => card(p, { index: i, eager: i < 2, sizes: "(min-width: 1200px) 267px, (min-width: 990px) calc((100vw - 130px) / 4), (min-width: 750px) calc((100vw - 120px) / 3), calc((100vw - 35px) / 2)" })).join("")}</ul>
<nav class="pagination-wrapper" role="navigation" aria-label="Pagination"><ul class="pagination__list list-unstyled" role="list"><li><a role="link" aria-disabled="true" class="pagination__item pagination__item--current light" aria-current="page">1</a></li><li><a href="/collections/all?page=2" class="pagination__item link">2</a></li><li><a href="/collections/all?page=3" class="pagination__item link">3</a></li><li><a href="/collections/all?page=2" class="pagination__item pagination__item--prev pagination__item-arrow link motion-reduce" aria-label="Next page">${ICONS.caret}</a></li></ul></nav>
</div></div></div></div></section>`;
}

/** The HTML of one fixture page, with or without the Tandem app embed. */
export async function renderPage(page: PageName, embed: boolean): Promise<string> {
  if (page === "home")
    return layout("home", "Alpine Peak Supply", homePage(), {
      embed,
      scripts: ["slideshow.js"],
      styles: ["section-home.css"],
    });
  if (page === "product")
    return layout("product", "Summit All-Mountain Snowboard – Midnight", productPage(), {
      embed,
      scripts: ["product-info.js", "slideshow.js"],
      styles: ["section-main-product.css", "component-accordion.css"],
    });
  return layout("collection", "All products", collectionPage(), {
    embed,
    scripts: ["facets.js"],
    styles: ["component-facets.css"],
  });
}
