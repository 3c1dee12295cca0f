/** The widget's pure modules: formatting and URL safety, message merging, polling cadence and backoff, storage. */
import { describe, expect, test } from "vitest";
import {
  findContact,
  formatDateTime,
  interpolate,
  linkify,
  onColor,
  safeUrl,
  storefrontPath,
  variantNumber,
} from "../../../widget/src/format";
import { formFor, isAwaiting, mergeMessages, newReplies } from "../../../widget/src/state";
import { ApiError, backoffDelay, pollDelay } from "../../../widget/src/transport";
import { consentAllows, createStorage, PREFIX } from "../../../widget/src/storage";
import type { Message } from "../../../widget/src/types";

describe("format", () => {
  test("safeUrl keeps http(s) and page-relative links and refuses javascript:, data: and other schemes", () => {
    const base = "https://shop.example/products/a";
    expect(safeUrl("https://x.example/p", base)).toBe("https://x.example/p");
    expect(safeUrl("/demo/images/a.svg", base)).toBe("https://shop.example/demo/images/a.svg");
    expect(safeUrl("javascript:alert(1)", base)).toBeNull();
    expect(safeUrl(" JavaScript:alert(1)", base)).toBeNull();
    expect(safeUrl("data:text/html,<b>x</b>", base)).toBeNull();
    expect(safeUrl("mailto:a@b.c", base)).toBeNull();
    expect(safeUrl(42, base)).toBeNull();
  });

  test("linkify turns only http(s) URLs into links and leaves trailing punctuation as text", () => {
    expect(linkify("See https://a.example/x. Or javascript:alert(1)")).toEqual([
      { text: "See " },
      { text: "https://a.example/x", href: "https://a.example/x" },
      { text: ". Or javascript:alert(1)" },
    ]);
  });

  test("interpolate fills {name} placeholders and leaves unknown ones", () => {
    expect(interpolate("You are number {position} ({x})", { position: 2 })).toBe("You are number 2 ({x})");
  });

  test("text on the accent colour is white on dark accents and near-black on light ones", () => {
    expect(onColor("#4338ca")).toBe("#fff");
    expect(onColor("#ffd400")).toBe("#111");
    expect(onColor("not a colour")).toBe("#fff");
  });

  test("cart paths join routes.root_url for the root store, a locale prefix and the demo", () => {
    expect(storefrontPath("/", "cart/add.js")).toBe("/cart/add.js");
    expect(storefrontPath("/it", "cart/add.js")).toBe("/it/cart/add.js");
    expect(storefrontPath("/demo/", "cart/add.js")).toBe("/demo/cart/add.js");
  });

  test("variant ids from GIDs and numeric strings become numbers for cart/add.js", () => {
    expect(variantNumber("gid://shopify/ProductVariant/8011")).toBe(8011);
    expect(variantNumber("8011")).toBe(8011);
    expect(variantNumber(8011)).toBe(8011);
  });
});

describe("contact details and dates", () => {
  test("an email or a phone number in running text is found; order numbers and prices are not phone numbers", () => {
    expect(findContact("you can reach me at Mia.Rossi@example.it, thanks")).toEqual({ email: "Mia.Rossi@example.it" });
    expect(findContact("+39 333 123 4567")).toEqual({ phone: "+39 333 123 4567" });
    expect(findContact("mia@example.com or 030 1234567")).toEqual({ email: "mia@example.com", phone: "030 1234567" });
    expect(findContact("3331234567")).toEqual({ phone: "3331234567" });
    expect(findContact("order #1003 and #1004 cost 379.00")).toEqual({});
    expect(findContact("I want to talk to a person")).toEqual({});
  });

  test("dates are shown in the shop's time zone, and in the browser's when the zone is unknown or invalid", () => {
    const iso = "2026-12-01T23:30:00.000Z";
    expect(formatDateTime(iso, "en", "Europe/Rome")).toMatch(/Dec 2, 2026.*12:30/);
    expect(formatDateTime(iso, "en", "America/New_York")).toMatch(/Dec 1, 2026.*6:30/);
    expect(formatDateTime(iso, "en", "Not/AZone")).not.toBe("");
    expect(formatDateTime("not a date", "en", "UTC")).toBe("");
  });
});

describe("forms the conversation asks for", () => {
  const conv = (extra: object) => ({
    id: "c",
    state: "ai" as const,
    online: true,
    createdAt: "2026-01-01T00:00:00Z",
    ...extra,
  });
  test("an offline conversation asks for contact details until they are in or a person takes the chat", () => {
    expect(formFor(conv({ offline: true }), null)).toBe("offline");
    expect(formFor(conv({ offline: true }), "ticket")).toBe("ticket");
    expect(formFor(conv({}), "offline")).toBeNull();
    expect(formFor(conv({ state: "assigned", offline: true }), "offline")).toBeNull();
    expect(formFor(conv({}), "prechat")).toBe("prechat");
  });

  test("a closed conversation asks for a rating once, whatever was open", () => {
    expect(formFor(conv({ state: "closed" }), "offline")).toBe("rating");
    expect(formFor(conv({ state: "closed" }), null)).toBe("rating");
    expect(formFor(conv({ state: "closed" }), "rated")).toBe("rated");
  });

  test("a 422 names the field it refused; other errors name none", () => {
    expect(new ApiError(422, "invalid_request", undefined, "phone: not a phone number").field).toBe("phone");
    expect(new ApiError(429, "rate_limited", 30, "too many messages; retry in 30 s").field).toBeUndefined();
  });
});

const msg = (id: string, role: Message["role"], text: string, extra: Partial<Message> = {}): Message => ({
  id,
  role,
  text,
  status: "final",
  createdAt: `2026-01-01T00:00:0${id.length % 10}.000Z`,
  ...extra,
});

describe("state", () => {
  test("a growing AI reply replaces its earlier text instead of adding a second message", () => {
    const a = mergeMessages(
      [],
      [{ ...msg("m1", "ai", "Hel"), status: "streaming", createdAt: "2026-01-01T00:00:01Z" }],
    );
    const b = mergeMessages(a, [{ ...msg("m1", "ai", "Hello there"), createdAt: "2026-01-01T00:00:01Z" }]);
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({ text: "Hello there", status: "final" });
  });

  test("the server's copy of a sent message replaces the optimistic local one", () => {
    const local: Message = { id: "local-1", role: "shopper", text: "hi", local: "sending", clientMessageId: "1" };
    const merged = mergeMessages([local], [msg("s1", "shopper", "hi")]);
    expect(merged.map((m) => m.id)).toEqual(["s1"]);
  });

  test("messages are ordered by creation time and local ones stay last", () => {
    const local: Message = { id: "local-2", role: "shopper", text: "later", local: "failed" };
    const merged = mergeMessages(
      [local],
      [
        { ...msg("b", "ai", "second"), createdAt: "2026-01-01T00:00:02Z" },
        { ...msg("a", "shopper", "first"), createdAt: "2026-01-01T00:00:01Z" },
      ],
    );
    expect(merged.map((m) => m.id)).toEqual(["a", "b", "local-2"]);
  });

  test("a reply is awaited after sending until the AI or a person answers, and while one streams", () => {
    const now = 1_000_000;
    expect(isAwaiting({ messages: [msg("a", "shopper", "q")], awaitingSince: now - 500 }, now)).toBe(true);
    expect(
      isAwaiting({ messages: [msg("a", "shopper", "q"), msg("bb", "ai", "a")], awaitingSince: now - 500 }, now),
    ).toBe(false);
    expect(isAwaiting({ messages: [msg("a", "shopper", "q")], awaitingSince: now - 61_000 }, now)).toBe(false);
    expect(isAwaiting({ messages: [{ ...msg("a", "ai", "x"), status: "streaming" }], awaitingSince: null }, now)).toBe(
      true,
    );
  });

  test("only new AI and operator messages count as unread", () => {
    const before = [msg("a", "shopper", "q")];
    const after = [...before, msg("b", "ai", "x"), msg("c", "system", "joined"), msg("d", "operator", "hi")];
    expect(newReplies(before, after).map((m) => m.id)).toEqual(["b", "d"]);
  });
});

describe("polling", () => {
  const base = { conversation: true, closed: false, hidden: false, open: false, awaiting: false, human: false };
  test("about 1 s while a reply is awaited, 3 s open and idle, 15–30 s minimised with a person, none otherwise", () => {
    expect(pollDelay({ ...base, awaiting: true })).toBe(1000);
    expect(pollDelay({ ...base, open: true })).toBe(3000);
    expect(pollDelay({ ...base, human: true }, () => 0)).toBe(15_000);
    expect(pollDelay({ ...base, human: true }, () => 1)).toBe(30_000);
    expect(pollDelay(base)).toBeNull();
    expect(pollDelay({ ...base, conversation: false, open: true })).toBeNull();
    expect(pollDelay({ ...base, open: true, hidden: true })).toBeNull();
    expect(pollDelay({ ...base, open: true, closed: true })).toBeNull();
  });

  test("backoff doubles with jitter between half and the whole cap, stops growing at 30 s, and honours Retry-After", () => {
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(1, () => 1)).toBe(1000);
    expect(backoffDelay(4, () => 0)).toBe(4000);
    expect(backoffDelay(4, () => 1)).toBe(8000);
    expect(backoffDelay(20, () => 1)).toBe(30_000);
    expect(backoffDelay(1, () => 0, 12)).toBe(12_000);
  });
});

class MemoryStorage {
  data = new Map<string, string>();
  writes = 0;
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.writes++;
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

function fakeWindow(opts: { storage?: MemoryStorage | "throws"; consent?: boolean } = {}) {
  const listeners = new Map<string, () => void>();
  const win = {
    document: { addEventListener: (name: string, fn: () => void) => listeners.set(name, fn) },
    Shopify:
      opts.consent === undefined
        ? undefined
        : { customerPrivacy: { preferencesProcessingAllowed: () => opts.consent as boolean } },
  } as unknown as Window;
  Object.defineProperty(win, "localStorage", {
    get() {
      if (opts.storage === "throws") throw new Error("SecurityError");
      return opts.storage;
    },
  });
  return { win, listeners };
}

describe("storage", () => {
  test("creating the storage writes nothing; values go to localStorage under the prefix", () => {
    const storage = new MemoryStorage();
    const store = createStorage(fakeWindow({ storage }).win);
    expect(storage.writes).toBe(0);
    store.set("conversation", { id: "c1" });
    expect(storage.data.get(`${PREFIX}conversation`)).toBe('{"id":"c1"}');
    expect(store.get("conversation")).toEqual({ id: "c1" });
    expect(store.persistent()).toBe(true);
  });

  test("without consent per the Customer Privacy API the conversation lives in memory only, until consent arrives", () => {
    const storage = new MemoryStorage();
    const shopify = { customerPrivacy: { preferencesProcessingAllowed: () => false } };
    const { win, listeners } = fakeWindow({ storage });
    (win as unknown as { Shopify: unknown }).Shopify = shopify;
    const store = createStorage(win);
    store.set("conversation", { id: "c1" });
    expect(storage.writes).toBe(0);
    expect(store.get("conversation")).toEqual({ id: "c1" });
    expect(store.persistent()).toBe(false);
    shopify.customerPrivacy.preferencesProcessingAllowed = () => true;
    listeners.get("visitorConsentCollected")?.();
    expect(storage.data.get(`${PREFIX}conversation`)).toBe('{"id":"c1"}');
  });

  test("when localStorage throws (private mode, blocked) values stay in memory", () => {
    const store = createStorage(fakeWindow({ storage: "throws" }).win);
    store.set("open", true);
    expect(store.get("open")).toBe(true);
    store.remove("open");
    expect(store.get("open")).toBeNull();
  });

  test("stores without the Customer Privacy API allow storage", () => {
    expect(consentAllows(fakeWindow({}).win as Window & { Shopify?: never })).toBe(true);
    expect(consentAllows(fakeWindow({ consent: false }).win)).toBe(false);
  });
});
