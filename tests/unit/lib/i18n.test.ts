import { describe, expect, test } from "vitest";
import { CATALOGS, en, it, translator } from "~/lib/i18n/catalog";
import { interpolate, lookUp, pluralForm, resolveLocale, variablesOf, type Plural } from "~/lib/i18n/core";
import { formatDateTime, timeAgo } from "~/lib/format";
import { noticePayload, noticeText } from "~/domain/conversations/notices";

/** Every dotted key of a catalog with its message. */
function leaves(node: unknown, prefix = ""): Map<string, string | Plural> {
  const out = new Map<string, string | Plural>();
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const key = `${prefix}${k}`;
    if (typeof v === "string" || (typeof v === "object" && v !== null && typeof (v as Plural).other === "string"))
      out.set(key, v as string | Plural);
    else for (const [kk, vv] of leaves(v, `${key}.`)) out.set(kk, vv);
  }
  return out;
}

describe("admin message catalogs", () => {
  const english = leaves(en);
  const italian = leaves(it);

  test("Italian has exactly the keys of English", () => {
    expect([...italian.keys()].sort()).toEqual([...english.keys()].sort());
    expect(english.size).toBeGreaterThan(100);
  });

  test("each Italian message uses the same {variables} as its English one", () => {
    const differ = [...english].filter(([key, m]) => variablesOf(m).join() !== variablesOf(italian.get(key)!).join());
    expect(differ.map(([key]) => key)).toEqual([]);
  });

  test("a message is plural in Italian when it is plural in English, and counts with {count}", () => {
    const mismatched = [...english].filter(([key, m]) => typeof m !== typeof italian.get(key));
    expect(mismatched.map(([key]) => key)).toEqual([]);
    for (const [key, m] of english) if (typeof m !== "string") expect(variablesOf(m), key).toContain("count");
  });

  test("no Italian message is left empty or in English where English is a sentence", () => {
    const same = [...english].filter(([key, m]) => {
      const i = italian.get(key)!;
      // a sentence: more than two words of three letters or more, placeholders aside
      const words = typeof m === "string" ? (m.replace(/\{\w+\}/g, "").match(/[A-Za-z]{3,}/g) ?? []) : [];
      return typeof i === "string" && (i.trim() === "" || (m === i && words.length > 2));
    });
    expect(same.map(([key]) => key)).toEqual([]);
  });
});

describe("translator", () => {
  test("interpolates values and writes numbers the locale's way", () => {
    expect(translator("en")("common.nav.notificationsUnread", { count: 12345 })).toBe("Notifications (12,345)");
    expect(translator("it")("common.nav.notificationsUnread", { count: 12345 })).toBe("Notifiche (12.345)");
    expect(interpolate("{a} and {b}", { a: "x" }, "en")).toBe("x and {b}");
  });

  test("chooses the plural form with Intl.PluralRules", () => {
    const t = translator("it");
    expect(t("conversation.history.messages", { count: 1 })).toBe("1 messaggio");
    expect(t("conversation.history.messages", { count: 3 })).toBe("3 messaggi");
    expect(translator("en")("conversation.history.messages", { count: 1 })).toBe("1 message");
    // Italian's "many" (a million) falls back to "other"
    expect(pluralForm({ one: "uno", other: "altri" }, 1_000_000, "it")).toBe("altri");
  });

  test("Shopify's locale forms map to the admin's languages, anything else to English", () => {
    expect(resolveLocale("it")).toBe("it");
    expect(resolveLocale("it-IT")).toBe("it");
    expect(resolveLocale("it_CH")).toBe("it");
    expect(resolveLocale("IT")).toBe("it");
    expect(resolveLocale("en-US")).toBe("en");
    expect(resolveLocale("ja")).toBe("en");
    expect(resolveLocale("")).toBe("en");
    expect(resolveLocale(null)).toBe("en");
  });

  test("every catalog resolves every key to a string", () => {
    for (const catalog of Object.values(CATALOGS))
      for (const key of leaves(en).keys()) expect(lookUp(catalog, key), key).toBeDefined();
  });
});

describe("formatting in the staff member's language", () => {
  const at = Date.UTC(2026, 11, 1, 13, 5);
  test("dates and relative times follow the locale, in the shop's time zone", () => {
    expect(formatDateTime(at, "Europe/Rome", "en")).toBe("1 Dec 2026, 14:05");
    expect(formatDateTime(at, "Europe/Rome", "it")).toBe("1 dic 2026, 14:05");
    expect(timeAgo(at, at + 5 * 60_000, "UTC", "it")).toBe("5 min fa");
    expect(timeAgo(at, at + 20_000, "UTC", "it")).toBe("adesso");
    expect(timeAgo(at, at + 3 * 3_600_000, "UTC")).toBe("3 h ago");
  });
});

describe("system notices", () => {
  test("a stored notice reads in the operator's language, whatever the chat's", () => {
    const message = { role: "system", payload: noticePayload("joined", { name: "Anna" }) };
    expect(noticeText(message, "it")).toBe("Anna è entrato nella chat.");
    expect(noticeText(message, "en")).toBe("Anna joined the chat.");
    expect(noticeText({ role: "system", payload: null }, "it")).toBeNull();
    expect(noticeText({ role: "system", payload: '{"notice":{"key":"nope"}}' }, "it")).toBeNull();
    expect(noticeText({ role: "shopper", payload: message.payload }, "it")).toBeNull();
  });
});
