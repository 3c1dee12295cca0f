/** The widget build keeps its byte budgets and the theme app extension passes Shopify's theme-check. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { BUDGETS, buildWidget } from "../../../scripts/build-widget";
import { runThemeCheck } from "../../../scripts/theme-check";

const out = mkdtempSync(path.join(os.tmpdir(), "tandem-widget-build-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("widget build", () => {
  test("the loader stays within 10,000 bytes, the stylesheet within 4,000 bytes and the panel within its budget", async () => {
    const sizes = await buildWidget(out);
    expect(sizes.map((s) => s.file).sort()).toEqual(Object.keys(BUDGETS).sort());
    for (const s of sizes) expect(s.bytes, s.file).toBeLessThanOrEqual(s.budget);
    expect(BUDGETS["tandem-chat.js"]).toBe(10_000);
    expect(BUDGETS["tandem-chat.css"]).toBe(4_000);
  });

  test("the loader never writes innerHTML from data and never uses eval", () => {
    const loader = readFileSync(path.join(out, "tandem-chat.js"), "utf8");
    expect(loader).not.toMatch(/\beval\(|new Function/);
  });
});

describe("theme app extension", () => {
  test("theme-check reports no offences", async () => {
    await buildWidget();
    const offences = await runThemeCheck("extensions/tandem-chat");
    expect(offences.map((o) => `${o.check}: ${o.message}`)).toEqual([]);
  });

  test("every storefront and schema locale file has the same keys as English and stays under 15 KB", () => {
    const dir = "extensions/tandem-chat/locales";
    const keys = (file: string) =>
      Object.keys((JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { tandem: object }).tandem).sort();
    for (const kind of ["", ".schema"]) {
      const en = keys(`en.default${kind}.json`);
      for (const locale of ["it", "fr", "de", "es"])
        expect(keys(`${locale}${kind}.json`), `${locale}${kind}`).toEqual(en);
    }
    for (const locale of ["en.default", "it", "fr", "de", "es"]) {
      expect(readFileSync(path.join(dir, `${locale}.json`)).length).toBeLessThanOrEqual(15_000);
    }
  });
});
