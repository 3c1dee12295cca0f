import { describe, expect, test } from "vitest";
import { maskPersonalData } from "~/domain/pii";
import { unansweredEntry } from "~/ai/builtin.server";

describe("masking personal data in stored questions", () => {
  test.each([
    ["mail me at emma.schmidt@example.com please", "mail me at [email] please"],
    ["Kontakt: jürgen.müller+shop@beispiel.de.", "Kontakt: [email]."],
    ["call +39 347 123 4567", "call [phone]"],
    ["(030) 1234-5678 or 0049.30.12345678", "[phone] or [phone]"],
    ["my number is 3471234567!", "my number is [phone]!"],
  ])("%s", (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  test("order numbers, prices, sizes and dates stay", () => {
    const text = "Order #1003 for €529.00, size 156, delivered 2026-12-24 at 10:30?";
    expect(maskPersonalData(text)).toBe(text);
  });

  test("the unanswered-question entry is masked before it is normalised, so neither form keeps the data", () => {
    expect(unansweredEntry("Reach me: luca@example.com / +39 347 123 4567", "it")).toEqual({
      question: "Reach me: [email] / [phone]",
      normalized: "reach me email phone",
      locale: "it",
    });
  });
});
