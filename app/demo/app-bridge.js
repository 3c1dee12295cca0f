/*
 * Tandem demo mode: a local stand-in for Shopify's App Bridge (https://cdn.shopify.com/shopifycloud/app-bridge.js),
 * served at /demo/app-bridge.js through shopify-app-remix's APP_BRIDGE_URL override. It defines the
 * `window.shopify` global the admin uses (idToken, toast, user, resourcePicker, loading, modal,
 * saveBar), adds `Authorization: Bearer <session token>` to same-origin fetches exactly like App
 * Bridge, and shows `<ui-nav-menu>` / `<ui-title-bar>` inside the page, since there is no Shopify
 * admin around the iframe to draw them. Session tokens are minted by the demo server
 * (/demo/session-token) with the app secret, so authenticate.admin verifies them unchanged.
 * Never served outside demo mode.
 */
(function () {
  "use strict";
  if (window.shopify && window.shopify.__tandemDemo) return;

  var script = document.currentScript;
  var apiKey = (script && script.getAttribute("data-api-key")) || "";
  var params = new URLSearchParams(location.search);
  var STORAGE_KEY = "tandem-demo-operator";

  // The operator this tab acts as: ?demo_operator= on the first load, then kept per tab.
  var operator = params.get("demo_operator");
  try {
    if (operator) sessionStorage.setItem(STORAGE_KEY, operator);
    else operator = sessionStorage.getItem(STORAGE_KEY);
  } catch {
    // storage unavailable: keep the value in memory
  }
  operator = operator || "90001";

  var originalFetch = window.fetch.bind(window);
  var shopParam = params.get("shop") || "tandem-demo.myshopify.com";
  var cached = null; // {token, exp, user}
  var inflight = null;

  function fetchToken() {
    if (inflight) return inflight;
    inflight = originalFetch("/demo/session-token?operator=" + encodeURIComponent(operator), {
      credentials: "same-origin",
      cache: "no-store",
    })
      .then(function (res) {
        if (!res.ok) throw new Error("session token request failed: " + res.status);
        return res.json();
      })
      .then(function (body) {
        cached = body;
        return body;
      })
      .finally(function () {
        inflight = null;
      });
    return inflight;
  }

  function idToken() {
    var now = Math.floor(Date.now() / 1000);
    if (cached && cached.exp - 10 > now) return Promise.resolve(cached.token);
    return fetchToken().then(function (body) {
      return body.token;
    });
  }

  // --- fetch: add the session token to same-origin requests, retry once when told to ---------------
  function isAppRequest(url) {
    return url.origin === location.origin && url.pathname.indexOf("/demo/") !== 0;
  }
  window.fetch = function (input, init) {
    var url;
    try {
      url = new URL(input instanceof Request ? input.url : String(input), location.href);
    } catch {
      return originalFetch(input, init);
    }
    if (!isAppRequest(url)) return originalFetch(input, init);
    function attempt(forceFresh) {
      if (forceFresh) cached = null;
      return idToken().then(function (token) {
        var headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
        headers.set("Authorization", "Bearer " + token);
        if (input instanceof Request) return originalFetch(new Request(input.clone(), { headers: headers }), init);
        return originalFetch(input, Object.assign({}, init, { headers: headers }));
      });
    }
    return attempt(false).then(function (res) {
      if (res.status === 401 && res.headers.get("X-Shopify-Retry-Invalid-Session-Request") === "1")
        return attempt(true);
      return res;
    });
  };

  // --- visible chrome: nav menu, title bar, toasts, loading bar ---------------------------------------
  var style = document.createElement("style");
  style.textContent = [
    "ui-nav-menu{display:flex;gap:4px;flex-wrap:wrap;align-items:center;padding:8px 16px;background:#1a1a1a;font:500 14px/20px -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif}",
    "ui-nav-menu::before{content:'Tandem';color:#fff;font-weight:650;margin-right:12px}",
    "ui-nav-menu a{color:#e3e3e3;text-decoration:none;padding:4px 10px;border-radius:8px}",
    "ui-nav-menu a:hover,ui-nav-menu a:focus-visible{background:#303030;color:#fff}",
    "ui-nav-menu a[aria-current=page]{background:#fff;color:#1a1a1a}",
    "ui-title-bar{display:flex;align-items:center;gap:8px;padding:10px 16px;background:#fff;border-bottom:1px solid #e3e3e3;font:650 15px/20px -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif}",
    "ui-title-bar::before{content:attr(title);order:1;flex:1}",
    "ui-title-bar>a[variant=breadcrumb]{order:0;color:#616161}",
    "ui-title-bar>button,ui-title-bar>a:not([variant=breadcrumb]){order:2;font:500 13px/20px inherit;padding:4px 12px;border-radius:8px;border:1px solid #c9c9c9;background:#fff;color:#1a1a1a;cursor:pointer;text-decoration:none}",
    "ui-title-bar>button[variant=primary]{background:#1a1a1a;color:#fff;border-color:#1a1a1a}",
    "ui-modal ui-title-bar{display:none}",
    "ui-modal,ui-save-bar{display:none}",
    ".tandem-ab-toasts{position:fixed;left:50%;bottom:24px;transform:translateX(-50%);display:flex;flex-direction:column;gap:8px;z-index:2147483000}",
    ".tandem-ab-toast{background:#1a1a1a;color:#fff;padding:10px 16px;border-radius:10px;font:500 14px/20px -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif;box-shadow:0 4px 12px rgba(0,0,0,.25)}",
    ".tandem-ab-toast[data-error]{background:#8e1f0b}",
    ".tandem-ab-loading{position:fixed;top:0;left:0;height:3px;width:100%;background:linear-gradient(90deg,#008060,#95c9b4);z-index:2147483001}",
    ".tandem-ab-overlay{position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;z-index:2147482000}",
    ".tandem-ab-dialog{background:#fff;border-radius:12px;min-width:320px;max-width:560px;width:90vw;max-height:80vh;display:flex;flex-direction:column;font:14px/20px -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif;box-shadow:0 20px 40px rgba(0,0,0,.3)}",
    ".tandem-ab-dialog header{display:flex;justify-content:space-between;align-items:center;padding:12px 16px;border-bottom:1px solid #e3e3e3;font-weight:650}",
    ".tandem-ab-dialog .tandem-ab-body{padding:12px 16px;overflow:auto}",
    ".tandem-ab-dialog footer{display:flex;justify-content:flex-end;gap:8px;padding:12px 16px;border-top:1px solid #e3e3e3}",
    ".tandem-ab-dialog button{font:inherit;padding:6px 12px;border-radius:8px;border:1px solid #c9c9c9;background:#fff;cursor:pointer}",
    ".tandem-ab-dialog button[data-primary]{background:#1a1a1a;color:#fff;border-color:#1a1a1a}",
    ".tandem-ab-item{display:flex;gap:10px;align-items:center;padding:6px 0;border-bottom:1px solid #f1f1f1}",
    ".tandem-ab-item img{width:40px;height:40px;border-radius:6px;background:#f1f1f1}",
  ].join("\n");
  (document.head || document.documentElement).appendChild(style);

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, attrs[key]);
    });
    if (text != null) node.textContent = text;
    return node;
  }

  // Mark the current nav item (React renders the links; this only adds aria-current).
  function markCurrentNav() {
    var links = document.querySelectorAll("ui-nav-menu a");
    var best = null;
    // A conversation is opened from the inbox: highlight Inbox there rather than Home.
    var here = location.pathname.replace(/^\/app\/conversations(\/|$)/, "/app/inbox$1");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href") || "";
      var path = new URL(href, location.href).pathname;
      if (here === path || here.indexOf(path + "/") === 0) {
        if (!best || path.length > best.path.length) best = { link: links[i], path: path };
      }
    }
    for (var j = 0; j < links.length; j++) links[j].removeAttribute("aria-current");
    if (best) best.link.setAttribute("aria-current", "page");
  }
  var lastPath = "";
  setInterval(function () {
    if (location.pathname !== lastPath) {
      lastPath = location.pathname;
      markCurrentNav();
    }
  }, 250);

  var toastHost = null;
  var toastCount = 0;
  var toast = {
    show: function (message, options) {
      options = options || {};
      if (!toastHost) {
        toastHost = el("div", { class: "tandem-ab-toasts", role: "status", "aria-live": "polite" });
        document.body.appendChild(toastHost);
      }
      var id = "toast-" + ++toastCount;
      var node = el("div", { class: "tandem-ab-toast", "data-toast-id": id }, String(message));
      if (options.isError) node.setAttribute("data-error", "");
      toastHost.appendChild(node);
      setTimeout(function () {
        node.remove();
      }, options.duration || 5000);
      return id;
    },
    hide: function (id) {
      var node = toastHost && toastHost.querySelector('[data-toast-id="' + id + '"]');
      if (node) node.remove();
    },
  };

  var loadingBar = null;
  function loading(isLoading) {
    if (isLoading === undefined) return Boolean(loadingBar);
    if (isLoading && !loadingBar) {
      loadingBar = el("div", { class: "tandem-ab-loading", role: "progressbar", "aria-label": "Loading" });
      document.body.appendChild(loadingBar);
    } else if (!isLoading && loadingBar) {
      loadingBar.remove();
      loadingBar = null;
    }
  }

  // --- dialogs: <ui-modal>, the product picker ----------------------------------------------------------
  function openDialog(title, body, buttons, onClose) {
    var overlay = el("div", { class: "tandem-ab-overlay" });
    var dialog = el("div", { class: "tandem-ab-dialog", role: "dialog", "aria-modal": "true", "aria-label": title });
    var header = el("header", {}, null);
    header.appendChild(el("span", {}, title));
    var close = el("button", { type: "button", "aria-label": "Close" }, "×");
    header.appendChild(close);
    var bodyHost = el("div", { class: "tandem-ab-body" });
    bodyHost.appendChild(body);
    dialog.appendChild(header);
    dialog.appendChild(bodyHost);
    var footer = el("footer", {});
    (buttons || []).forEach(function (b) {
      var button = el("button", { type: "button" }, b.label);
      if (b.primary) button.setAttribute("data-primary", "");
      button.addEventListener("click", b.onClick);
      footer.appendChild(button);
    });
    if (buttons && buttons.length) dialog.appendChild(footer);
    overlay.appendChild(dialog);
    function dismiss() {
      overlay.remove();
      document.removeEventListener("keydown", onKey);
    }
    function onKey(event) {
      if (event.key === "Escape") {
        dismiss();
        if (onClose) onClose();
      }
    }
    close.addEventListener("click", function () {
      dismiss();
      if (onClose) onClose();
    });
    document.addEventListener("keydown", onKey);
    document.body.appendChild(overlay);
    close.focus();
    return dismiss;
  }

  function defineElement(name, impl) {
    if (!window.customElements || customElements.get(name)) return;
    customElements.define(name, impl);
  }

  defineElement("ui-nav-menu", class extends HTMLElement {});
  defineElement("ui-title-bar", class extends HTMLElement {});

  class UiModal extends HTMLElement {
    constructor() {
      super();
      this.content = document.createElement("div");
      this._dismiss = null;
    }
    show() {
      if (this._dismiss) return;
      var titleBar = this.querySelector("ui-title-bar");
      var title = (titleBar && titleBar.getAttribute("title")) || "";
      var buttons = [];
      if (titleBar) {
        titleBar.querySelectorAll("button").forEach(function (b) {
          buttons.push({
            label: b.textContent || "",
            primary: b.getAttribute("variant") === "primary",
            onClick: function () {
              b.click();
            },
          });
        });
      }
      this._dismiss = openDialog(title, this.content, buttons, () => {
        this._dismiss = null;
        this.dispatchEvent(new Event("hide"));
      });
      this.dispatchEvent(new Event("show"));
    }
    hide() {
      if (!this._dismiss) return;
      this._dismiss();
      this._dismiss = null;
      this.dispatchEvent(new Event("hide"));
    }
    toggle() {
      if (this._dismiss) this.hide();
      else this.show();
    }
  }
  defineElement("ui-modal", UiModal);
  defineElement(
    "ui-save-bar",
    class extends HTMLElement {
      show() {}
      hide() {}
      toggle() {}
    },
  );

  function byId(id) {
    return document.getElementById(id);
  }
  var modal = {
    show: function (id) {
      var m = byId(id);
      if (m && m.show) m.show();
      return Promise.resolve();
    },
    hide: function (id) {
      var m = byId(id);
      if (m && m.hide) m.hide();
      return Promise.resolve();
    },
    toggle: function (id) {
      var m = byId(id);
      if (m && m.toggle) m.toggle();
      return Promise.resolve();
    },
  };

  function resourcePicker(options) {
    options = options || {};
    var type = options.type || "product";
    if (type !== "product" && type !== "variant") {
      return Promise.reject(new Error("The demo resource picker supports products only"));
    }
    var multiple = options.multiple === true || typeof options.multiple === "number";
    return originalFetch("/demo/catalogue.json", { cache: "no-store" })
      .then(function (res) {
        return res.json();
      })
      .then(function (catalogue) {
        return new Promise(function (resolve) {
          var list = el("div", {});
          var chosen = [];
          var query = el("input", { type: "search", placeholder: "Search products", "aria-label": "Search products" });
          query.style.cssText =
            "width:100%;padding:6px 8px;margin-bottom:8px;border:1px solid #c9c9c9;border-radius:8px;font:inherit";
          list.appendChild(query);
          var rows = el("div", {});
          list.appendChild(rows);
          function render() {
            rows.textContent = "";
            var q = query.value.toLowerCase();
            catalogue.products
              .filter(function (p) {
                return !q || p.title.toLowerCase().indexOf(q) >= 0;
              })
              .forEach(function (p) {
                var row = el("label", { class: "tandem-ab-item" });
                var box = el("input", { type: multiple ? "checkbox" : "radio", name: "tandem-ab-pick", value: p.id });
                box.checked = chosen.indexOf(p) >= 0;
                box.addEventListener("change", function () {
                  if (!multiple) chosen = [];
                  if (box.checked) chosen.push(p);
                  else chosen = chosen.filter((c) => c !== p);
                });
                row.appendChild(box);
                row.appendChild(el("img", { src: p.images[0] ? p.images[0].originalSrc : "", alt: "" }));
                var text = el("span", {}, p.title + " — " + p.priceLabel);
                row.appendChild(text);
                rows.appendChild(row);
              });
          }
          query.addEventListener("input", render);
          render();
          var dismiss = openDialog(
            "Add products",
            list,
            [
              {
                label: "Cancel",
                onClick: function () {
                  dismiss();
                  resolve(undefined);
                },
              },
              {
                label: options.action === "add" ? "Add" : "Select",
                primary: true,
                onClick: function () {
                  dismiss();
                  resolve(chosen.length ? Object.assign(chosen.slice(), { selection: chosen.slice() }) : undefined);
                },
              },
            ],
            function () {
              resolve(undefined);
            },
          );
        });
      });
  }

  function user() {
    return (cached ? Promise.resolve(cached) : fetchToken()).then(function (body) {
      return body.user;
    });
  }

  window.shopify = {
    __tandemDemo: true,
    config: { apiKey: apiKey, shop: shopParam, host: params.get("host") || "", locale: "en" },
    origin: location.origin,
    ready: Promise.resolve(),
    environment: { embedded: true, mobile: false, pos: false },
    idToken: idToken,
    user: user,
    toast: toast,
    loading: loading,
    modal: modal,
    saveBar: {
      show: modal.show,
      hide: modal.hide,
      toggle: modal.toggle,
      leaveConfirmation: function () {
        return Promise.resolve();
      },
    },
    resourcePicker: resourcePicker,
  };
})();
