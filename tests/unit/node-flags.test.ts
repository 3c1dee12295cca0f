import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { DEFAULT_HEAP_MB, heapMb, productionNodeFlags } from "../../server/node-flags";

const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

describe("the production processes' Node flags", () => {
  test("npm start and npm run worker pass the heap ceiling the harnesses use", () => {
    for (const name of ["start", "worker"]) {
      expect(scripts[name]).toContain(`--max-old-space-size=\${TANDEM_HEAP_MB:-${DEFAULT_HEAP_MB}}`);
      expect(scripts[name]).toMatch(/^(NODE_ENV=production )?node .*--import tsx server\/(index|worker)\.ts$/);
    }
    expect(productionNodeFlags({})).toEqual([`--max-old-space-size=${DEFAULT_HEAP_MB}`]);
  });

  test("TANDEM_HEAP_MB sets another ceiling; nonsense or too little keeps the default", () => {
    expect(heapMb({ TANDEM_HEAP_MB: "512" })).toBe(512);
    expect(heapMb({ TANDEM_HEAP_MB: "" })).toBe(DEFAULT_HEAP_MB);
    expect(heapMb({ TANDEM_HEAP_MB: "64" })).toBe(DEFAULT_HEAP_MB);
    expect(heapMb({ TANDEM_HEAP_MB: "lots" })).toBe(DEFAULT_HEAP_MB);
    expect(heapMb({ TANDEM_HEAP_MB: "300.5" })).toBe(DEFAULT_HEAP_MB);
  });
});
