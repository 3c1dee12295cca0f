/**
 * Builds the storefront widget (widget/src) into the theme app extension's assets:
 *   tandem-chat.js   the loader referenced by the app embed (budget 10,000 bytes raw: theme-check's
 *                    AssetSizeAppBlockJavaScript), launcher CSS inlined
 *   tandem-chat.css  the panel stylesheet, loaded on first interaction (budget 4,000 bytes)
 *   tandem-panel.js  the panel, loaded on first interaction
 * Prints the byte budgets and exits 1 when one is exceeded.
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

export const BUDGETS = { "tandem-chat.js": 10_000, "tandem-chat.css": 4_000, "tandem-panel.js": 40_000 } as const;
const SRC = "widget/src";
const OUT = "extensions/tandem-chat/assets";
const TARGET = ["chrome87", "firefox78", "safari14", "edge88"];

export interface AssetSize {
  file: keyof typeof BUDGETS;
  bytes: number;
  gzip: number;
  budget: number;
}

async function minifyCss(file: string): Promise<string> {
  const css = await readFile(path.join(SRC, file), "utf8");
  return (await esbuild.transform(css, { loader: "css", minify: true, target: TARGET })).code.trim();
}

async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(SRC, entry)],
    bundle: true,
    format: "iife",
    minify: true,
    target: TARGET,
    define,
    write: false,
    legalComments: "none",
    charset: "utf8",
  });
  return result.outputFiles[0]!.text;
}

export async function buildWidget(outDir = OUT): Promise<AssetSize[]> {
  await mkdir(outDir, { recursive: true });
  const launcherCss = await minifyCss("launcher.css");
  const files: Record<keyof typeof BUDGETS, string> = {
    "tandem-chat.js": await bundle("index.ts", { __LAUNCHER_CSS__: JSON.stringify(launcherCss) }),
    "tandem-chat.css": (await minifyCss("panel.css")) + "\n",
    "tandem-panel.js": await bundle("panel.ts"),
  };
  const sizes: AssetSize[] = [];
  for (const [file, text] of Object.entries(files) as [keyof typeof BUDGETS, string][]) {
    await writeFile(path.join(outDir, file), text);
    const buf = Buffer.from(text);
    sizes.push({ file, bytes: buf.length, gzip: gzipSync(buf).length, budget: BUDGETS[file] });
  }
  return sizes;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const sizes = await buildWidget();
  console.log("widget assets (extensions/tandem-chat/assets)");
  for (const s of sizes) {
    const ok = s.bytes <= s.budget;
    console.log(
      `  ${s.file.padEnd(16)} ${String(s.bytes).padStart(6)} B raw  ${String(s.gzip).padStart(6)} B gzip  budget ${s.budget} B  ${ok ? "ok" : "OVER BUDGET"}`,
    );
  }
  const over = sizes.filter((s) => s.bytes > s.budget);
  if (over.length) {
    console.error(`widget build failed: ${over.map((s) => s.file).join(", ")} over budget`);
    process.exit(1);
  }
}
