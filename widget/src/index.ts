/**
 * The loader (tandem-chat.js, budget 10,000 bytes): added by the app embed's starter once the page has
 * loaded and the browser is idle, so it is never on the page's critical path (ADR 095). It reads the
 * block's JSON configuration, draws the launcher inside a shadow root and does nothing else until the
 * shopper interacts: no request, cookie or storage write. Hover/focus/touch preloads the panel script
 * and stylesheet; a click opens it. Idempotent: a second embed (or a second copy of this script) on the
 * page starts nothing. `window.Tandem` is a command queue: `Tandem.push(['open'])` works before and
 * after this script runs.
 */
import { onColor, interpolate } from "./format";
import { createStorage } from "./storage";
import type { LoaderContext, PanelApi, WidgetConfig } from "./types";

declare const __LAUNCHER_CSS__: string;

type Command = [string, ...unknown[]];
interface TandemWindow extends Window {
  Tandem?: unknown;
  __tandemChat?: boolean;
  TandemPanel?: { mount(ctx: LoaderContext): PanelApi };
}

const ICON_CHAT =
  '<svg class="i1" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 3C6.5 3 2 6.9 2 11.7c0 2.4 1.1 4.6 3 6.2-.2 1.3-.8 2.6-1.8 3.6 0 0 2.9-.2 5-1.7 1.2.4 2.5.6 3.8.6 5.5 0 10-3.9 10-8.7S17.5 3 12 3Z"/></svg>';
const ICON_DOWN =
  '<svg class="i2" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" d="m6 9 6 6 6-6"/></svg>';

export function boot(w: TandemWindow = window as TandemWindow, doc: Document = document): void {
  if (w.__tandemChat) return;
  const el = doc.querySelector("script[data-tandem-config]");
  if (!el || !doc.body) return;
  let config: WidgetConfig;
  try {
    config = JSON.parse(el.textContent || "") as WidgetConfig;
  } catch {
    return;
  }
  if (!config || typeof config.strings !== "object") return;
  w.__tandemChat = true;

  const t = (key: string, vars?: Record<string, string | number>) => interpolate(config.strings[key] ?? key, vars);
  const storage = createStorage(w);
  const label = (config.launcherLabel || "").trim() || t("launcher");

  const host = doc.createElement("div");
  host.id = "tandem-chat";
  const left = config.position === "left";
  host.dataset.position = left ? "left" : "right";
  const accent = /^#[0-9a-f]{3,6}$/i.test(config.accent || "") ? config.accent : "#4338ca";
  host.style.cssText = `--a:${accent};--o:${onColor(accent)};--r:${left ? "auto" : "20px"};--L:${left ? "20px" : "auto"}`;
  const root = host.attachShadow({ mode: "open" });
  const style = doc.createElement("style");
  style.textContent = __LAUNCHER_CSS__;
  const launcher = doc.createElement("button");
  launcher.type = "button";
  launcher.className = "launcher";
  launcher.setAttribute("aria-haspopup", "dialog");
  launcher.setAttribute("aria-expanded", "false");
  launcher.innerHTML = `${ICON_CHAT}${ICON_DOWN}<span class="label"></span><span class="badge" aria-hidden="true" hidden></span>`;
  (launcher.querySelector(".label") as HTMLElement).textContent = label;
  const badge = launcher.querySelector(".badge") as HTMLElement;
  root.append(style, launcher);

  let unread = 0;
  const updateName = () => {
    const open = launcher.getAttribute("aria-expanded") === "true";
    launcher.setAttribute(
      "aria-label",
      open ? t("minimise") : unread ? `${label}, ${t("unread", { count: unread })}` : label,
    );
  };
  updateName();

  let toast: HTMLElement | null = null;
  const showError = () => {
    toast?.remove();
    toast = doc.createElement("div");
    toast.className = "toast";
    toast.setAttribute("role", "alert");
    toast.textContent = t("load_failed");
    root.append(toast);
    const mine = toast;
    setTimeout(() => mine.remove(), 5000);
  };

  const ctx: LoaderContext = {
    config,
    root,
    launcher,
    storage,
    t,
    setBadge(count) {
      unread = count;
      badge.hidden = count <= 0;
      badge.textContent = count > 9 ? "9+" : String(count);
      updateName();
    },
    setExpanded(open) {
      launcher.setAttribute("aria-expanded", String(open));
      updateName();
    },
    emit(event, detail) {
      doc.dispatchEvent(new CustomEvent(`tandem:${event}`, { detail }));
    },
  };

  let panel: PanelApi | null = null;
  let loading: Promise<PanelApi> | null = null;
  const load = (): Promise<PanelApi> => {
    if (panel) return Promise.resolve(panel);
    loading ??= new Promise<PanelApi>((resolve, reject) => {
      const link = doc.createElement("link");
      link.rel = "stylesheet";
      link.href = config.css;
      const script = doc.createElement("script");
      script.src = config.panel;
      script.async = true;
      let pending = 2;
      const fail = () => {
        link.remove();
        script.remove();
        loading = null;
        reject(new Error("tandem: panel failed to load"));
      };
      const done = () => {
        if (--pending > 0) return;
        if (!w.TandemPanel) return fail();
        try {
          panel = w.TandemPanel.mount(ctx);
          resolve(panel);
        } catch {
          fail();
        }
      };
      link.onload = script.onload = done;
      link.onerror = script.onerror = fail;
      root.append(link);
      doc.head.append(script);
    });
    return loading;
  };

  const withPanel = (fn: (p: PanelApi) => void) => {
    launcher.setAttribute("aria-busy", "true");
    load()
      .then(fn, showError)
      .finally(() => launcher.removeAttribute("aria-busy"));
  };

  const run = (command: unknown) => {
    if (!Array.isArray(command)) return;
    const [name, arg] = command as Command;
    if (name === "open") withPanel((p) => p.open(true));
    else if (name === "close") panel?.close();
    else if (name === "toggle") withPanel((p) => (p.isOpen() ? p.close() : p.open(true)));
    else if (name === "send" && typeof arg === "string") withPanel((p) => p.send(arg));
  };

  const preload = () => {
    load().catch(() => {});
  };
  launcher.addEventListener("pointerenter", preload);
  launcher.addEventListener("focus", preload);
  launcher.addEventListener("touchstart", preload, { passive: true });
  launcher.addEventListener("click", () => run(["toggle"]));

  const queued = Array.isArray(w.Tandem) ? (w.Tandem as unknown[]) : [];
  w.Tandem = {
    push: (...commands: unknown[]) => {
      commands.forEach(run);
      return 0;
    },
    open: () => run(["open"]),
    close: () => run(["close"]),
    toggle: () => run(["toggle"]),
  };

  doc.body.append(host);
  queued.forEach(run);

  // A conversation from an earlier page: reopen it if it was open, or keep polling for a person's reply.
  const saved = storage.get<{ state?: string; awaiting?: boolean }>("conversation");
  if (saved) {
    if (storage.get<boolean>("open")) withPanel((p) => p.open(false));
    else if (saved.awaiting || (saved.state && saved.state !== "ai" && saved.state !== "closed")) {
      const later = (w as Window).requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 1500));
      later(() => preload());
    }
  }
}

boot();
