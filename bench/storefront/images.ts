/**
 * The fixture theme's images: product photographs, a hero and lifestyle banners, drawn on a canvas in
 * Chromium from a seeded random generator and encoded there as JPEG, so they are the same bytes on
 * every run and need no download. Studio-style product shots (a tinted backdrop, a floor shadow, the
 * product's silhouette, sensor grain) and mountain landscapes for the banners; the grain gives them the
 * weight of real photographs (a 720 px product shot is about 90 KB, as a Shopify CDN image of that width).
 *
 * The drawing is bench/storefront/draw-image.js (plain JavaScript, run as it is in the page). Written to
 * tmp/storefront/images (git-ignored) once; later runs reuse them while the specs and the drawing are the same.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";

const DRAW_SCRIPT = fileURLToPath(new URL("./draw-image.js", import.meta.url));

export type Shape = "board" | "boots" | "bindings" | "helmet" | "goggles" | "jacket" | "box" | "card";

export interface ImageSpec {
  /** File name without extension, e.g. "summit-all-mountain-snowboard-midnight-1". */
  name: string;
  kind: "product" | "landscape";
  shape?: Shape;
  seed: number;
  /** Each width is written as `${name}_${width}.jpg`. */
  widths: number[];
  /** Height divided by width. */
  aspect: number;
  /** Base colour of the product (hex). */
  colour?: string;
  /** Amplitude of the grain (0–255): more grain, more bytes. */
  grain: number;
}

const QUALITY = 0.9;

export const imageFile = (name: string, width: number) => `${name}_${width}.jpg`;

/** Draws and encodes the images in a page of `browser`; skips the work when `dir` already holds this set. */
export async function generateImages(browser: Browser, dir: string, specs: ImageSpec[]): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const stamp = path.join(dir, "recipe.json");
  const script = readFileSync(DRAW_SCRIPT, "utf8");
  const wanted = JSON.stringify({ QUALITY, specs, script });
  const complete = specs.every((s) => s.widths.every((w) => existsSync(path.join(dir, imageFile(s.name, w)))));
  if (complete && existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) return 0;

  const page = await browser.newPage();
  let written = 0;
  try {
    await page.addScriptTag({ content: script });
    for (const spec of specs) {
      for (const width of spec.widths) {
        const base64: string = await page.evaluate(`drawImage(${JSON.stringify(spec)}, ${width}, ${QUALITY})`);
        writeFileSync(path.join(dir, imageFile(spec.name, width)), Buffer.from(base64, "base64"));
        written++;
      }
    }
  } finally {
    await page.close();
  }
  writeFileSync(stamp, wanted);
  return written;
}
