import { describe, expect, test } from "vitest";
import { describeConnectionTest as describeIn, type ConnectionTestResult } from "~/ai/connection-result";
import { translator } from "~/lib/i18n/catalog";

const describeConnectionTest = (r: ConnectionTestResult) => describeIn(r, translator("en"));

describe("Test connection in plain words", () => {
  test("success names the model and the time it took", () => {
    expect(describeConnectionTest({ ok: true, model: "gpt-4o-mini", ms: 412 })).toBe(
      "Connected to gpt-4o-mini: it answered in 412 ms.",
    );
  });

  test("a refused key says what to check, with the provider's own message after it", () => {
    expect(describeConnectionTest({ ok: false, kind: "auth", message: "Incorrect API key provided." })).toBe(
      "Failed: the provider refused the API key. Check the key, and that it belongs to this base URL. (Incorrect API key provided)",
    );
  });

  test("every failure kind gets its own reason; an unknown one still says it failed", () => {
    const texts = ["auth", "rate_limited", "upstream", "timeout", "blocked", "weird"].map((kind) =>
      describeConnectionTest({ ok: false, kind, message: "" }),
    );
    expect(new Set(texts).size).toBe(6);
    for (const t of texts) expect(t.startsWith("Failed: ")).toBe(true);
    expect(texts[3]).toContain("did not answer in time");
    expect(texts[5]).toBe("Failed: the request failed.");
  });

  test("in Italian the same result reads in Italian, with the provider's message kept as it is", () => {
    const it = translator("it");
    expect(describeIn({ ok: true, model: "gpt-4o-mini", ms: 412 }, it)).toBe(
      "Connesso a gpt-4o-mini: ha risposto in 412 ms.",
    );
    expect(describeIn({ ok: false, kind: "auth", message: "Incorrect API key provided." }, it)).toBe(
      "Non riuscito: il fornitore ha rifiutato la chiave API. Controlla la chiave e che appartenga a questo URL di base. (Incorrect API key provided)",
    );
  });
});
