/**
 * Prefixed key/value storage for the widget. Writes go to localStorage only when it works and the
 * Customer Privacy API (if the store loaded it) allows preference storage; otherwise to memory, so the
 * conversation still works on this page. Nothing is written until the widget calls set(): loading the
 * page never touches storage.
 */

interface CustomerPrivacy {
  preferencesProcessingAllowed?: () => boolean;
}

interface ShopifyWindow {
  Shopify?: { customerPrivacy?: CustomerPrivacy };
}

export interface Store {
  get<T>(key: string): T | null;
  set(key: string, value: unknown): void;
  remove(key: string): void;
  /** true when the last write reached localStorage. */
  persistent(): boolean;
}

export const PREFIX = "tandem:v1:";

/** Consent per Shopify's Customer Privacy API; stores without the API (no banner) allow it. */
export function consentAllows(win: Window & ShopifyWindow): boolean {
  const privacy = win.Shopify?.customerPrivacy;
  if (!privacy || typeof privacy.preferencesProcessingAllowed !== "function") return true;
  try {
    return privacy.preferencesProcessingAllowed() !== false;
  } catch {
    return false;
  }
}

function local(win: Window): globalThis.Storage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}

export function createStorage(win: Window & ShopifyWindow = window, prefix = PREFIX): Store {
  const memory = new Map<string, string>();
  let persisted = false;

  const read = (key: string): string | null => {
    if (memory.has(key)) return memory.get(key) ?? null;
    try {
      return local(win)?.getItem(prefix + key) ?? null;
    } catch {
      return null;
    }
  };

  const store: Store = {
    get<T>(key: string): T | null {
      const raw = read(key);
      if (raw === null) return null;
      try {
        return JSON.parse(raw) as T;
      } catch {
        return null;
      }
    },
    set(key, value) {
      const raw = JSON.stringify(value);
      persisted = false;
      if (consentAllows(win)) {
        try {
          local(win)?.setItem(prefix + key, raw);
          persisted = !!local(win);
        } catch {
          persisted = false;
        }
      }
      if (persisted) memory.delete(key);
      else memory.set(key, raw);
    },
    remove(key) {
      memory.delete(key);
      try {
        local(win)?.removeItem(prefix + key);
      } catch {
        /* storage unavailable: memory already cleared */
      }
    },
    persistent: () => persisted,
  };

  // Consent given later (cookie banner): move what lives in memory to localStorage.
  win.document?.addEventListener?.("visitorConsentCollected", () => {
    if (!consentAllows(win)) return;
    for (const [key, raw] of [...memory]) store.set(key, JSON.parse(raw));
  });

  return store;
}
