import { describe, expect, test } from "vitest";
import { stripQuotedHistory } from "../../../app/integrations/email/quoted";
import { emailLocale, renderEmail } from "../../../app/integrations/email/templates";

describe("the new part of an emailed reply", () => {
  test.each([
    ["en", "Thanks!\n\nOn Tue, 1 Dec 2026 at 10:02, Shop <a@b.c> wrote:\n> old"],
    ["en wrapped", "Thanks!\n\nOn Tue, 1 Dec 2026 at 10:02, Shop <a@b.c>\nwrote:\n> old"],
    ["it", "Thanks!\n\nIl giorno mar 1 dic 2026 alle 10:02 Shop <a@b.c> ha scritto:\n> vecchio"],
    ["fr", "Thanks!\n\nLe mar. 1 déc. 2026 à 10:02, Shop <a@b.c> a écrit :\n> ancien"],
    ["de", "Thanks!\n\nAm Di., 1. Dez. 2026 um 10:02 Uhr schrieb Shop <a@b.c>:\n> alt"],
    ["es", "Thanks!\n\nEl mar, 1 dic 2026 a las 10:02, Shop (<a@b.c>) escribió:\n> viejo"],
    ["outlook", "Thanks!\n\n-----Original Message-----\nFrom: Shop\nSent: Tuesday"],
    ["outlook headers", "Thanks!\n\nFrom: Shop <a@b.c>\nSent: Tuesday, December 1, 2026 10:02\nTo: me"],
    ["signature", "Thanks!\n-- \nEmma, sent from my phone"],
    ["bottom quote", "Thanks!\n> old line\n>\n> older line\n"],
  ])("cuts the quoted history (%s)", (_, text) => {
    expect(stripQuotedHistory(text)).toBe("Thanks!");
  });
  test("keeps a > inside the new text and an inline answer above later quotes", () => {
    expect(stripQuotedHistory("Size > 40 please\n\nthanks")).toBe("Size > 40 please\n\nthanks");
  });
});

describe("email templates", () => {
  test("the requester's locale picks the language; unknown locales are English", () => {
    expect(emailLocale("de-AT")).toBe("de");
    expect(emailLocale("pt-BR")).toBe("en");
    expect(emailLocale(null)).toBe("en");
    for (const [locale, word] of [
      ["en", "answered"],
      ["it", "ha risposto"],
      ["fr", "a répondu"],
      ["de", "geantwortet"],
      ["es", "ha respondido"],
    ] as const) {
      const mail = renderEmail("ticket_reply", locale, {
        storeName: "S",
        ticketNumber: "T-1",
        subject: "x",
        body: "b",
        authorName: "Ana",
      });
      expect(mail.text).toContain(word);
      expect(mail.html).toContain(`<html lang="${locale}">`);
    }
  });
  test("merchant and shopper text is escaped in the HTML part and plain in the text part", () => {
    const mail = renderEmail("ticket_reply", "en", {
      storeName: `<script>alert(1)</script>`,
      ticketNumber: "T-1",
      subject: `"><img src=x onerror=alert(1)>`,
      body: "<a href='javascript:alert(1)'>click</a>",
      authorName: "<b>Bob</b>",
      replyable: true,
    });
    expect(mail.html).not.toMatch(/<script>|<img|<a href='javascript|<b>Bob/);
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.text).toContain("<a href='javascript:alert(1)'>click</a>");
    expect(mail.text).toContain("simply reply to this email");
  });
});
