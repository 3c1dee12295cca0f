/**
 * The fixture theme's catalogue: the demo store's twelve products (tests/fixtures/demo-store.json, read
 * through app/demo/fixture.server.ts) in two colourways each, so the collection page has 24 cards, and the
 * images they need (see images.ts for how they are drawn).
 */
import { demoStore } from "../../app/demo/fixture.server";
import type { ImageSpec, Shape } from "./images";

export interface ThemeProduct {
  handle: string;
  title: string;
  vendor: string;
  type: string;
  description: string;
  price: number;
  compareAt: number | null;
  colour: { name: string; hex: string };
  colours: { name: string; hex: string }[];
  sizes: { title: string; available: boolean; price: number }[];
  /** Image names (see imageFile): the first is the card image, all of them the product page's gallery. */
  images: string[];
}

const COLOURWAYS: Record<string, { name: string; hex: string }[]> = {
  Snowboard: [
    { name: "Midnight", hex: "#1f3a5f" },
    { name: "Ember", hex: "#b4462b" },
  ],
  Bindings: [
    { name: "Carbon", hex: "#2d2f33" },
    { name: "Glacier", hex: "#6aa6c8" },
  ],
  Boots: [
    { name: "Espresso", hex: "#5c3a1b" },
    { name: "Slate", hex: "#4a5563" },
  ],
  Helmet: [
    { name: "Matte black", hex: "#222326" },
    { name: "Alpine white", hex: "#d9dde2" },
  ],
  Goggles: [
    { name: "Mirror blue", hex: "#2f6fb3" },
    { name: "Rose", hex: "#c2607a" },
  ],
  Apparel: [
    { name: "Forest", hex: "#2f5d46" },
    { name: "Signal orange", hex: "#d9682b" },
  ],
  Accessories: [
    { name: "Workshop", hex: "#7a5a2f" },
    { name: "Race", hex: "#9b2335" },
  ],
  "Gift card": [
    { name: "Classic", hex: "#4338ca" },
    { name: "Winter", hex: "#0f766e" },
  ],
};

const SHAPES: Record<string, Shape> = {
  Snowboard: "board",
  Bindings: "bindings",
  Boots: "boots",
  Helmet: "helmet",
  Goggles: "goggles",
  Apparel: "jacket",
  Accessories: "box",
  "Gift card": "card",
};

/** Widths written for product images (Shopify's CDN serves any width; Dawn asks for these). */
export const PRODUCT_WIDTHS = [360, 720, 1080];
/** Widths of the landscape banners. */
export const BANNER_WIDTHS = [750, 1100, 1500];
/** How many images the product page's gallery shows. */
export const GALLERY = 5;

let cached: { products: ThemeProduct[]; images: ImageSpec[] } | undefined;

export function catalogue(): { products: ThemeProduct[]; images: ImageSpec[] } {
  if (cached) return cached;
  const products: ThemeProduct[] = [];
  const images: ImageSpec[] = [];
  let seed = 1;
  for (const p of demoStore().products) {
    const colours = COLOURWAYS[p.productType] ?? COLOURWAYS.Accessories!;
    colours.forEach((colour, c) => {
      const handle = `${p.handle}-${colour.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
      const first = products.length === 0;
      const names = Array.from({ length: first ? GALLERY : 1 }, (_, i) => `${handle}-${i + 1}`);
      for (const name of names) {
        images.push({
          name,
          kind: "product",
          shape: SHAPES[p.productType] ?? "box",
          seed: seed++,
          widths: PRODUCT_WIDTHS,
          aspect: 1,
          colour: colour.hex,
          grain: 44,
        });
      }
      const price = Number(p.priceRange.min);
      products.push({
        handle,
        title: `${p.title} – ${colour.name}`,
        vendor: p.vendor,
        type: p.productType,
        description: p.description,
        price,
        compareAt: c === 1 && price > 100 ? Math.round(price * 1.2) : null,
        colour,
        colours,
        sizes: p.variants.map((v) => ({ title: v.title, available: v.available, price: Number(v.price) })),
        images: names,
      });
    });
  }
  const banner = (name: string, aspect: number, widths = BANNER_WIDTHS): ImageSpec => ({
    name,
    kind: "landscape",
    seed: seed++,
    widths,
    aspect,
    grain: 44,
  });
  images.push(
    banner("hero", 0.62),
    banner("collection-banner", 0.42),
    banner("image-with-text", 0.8, [750, 1100]),
    banner("collection-snowboards", 1, [360, 720]),
    banner("collection-outerwear", 1, [360, 720]),
    banner("collection-accessories", 1, [360, 720]),
  );
  cached = { products, images };
  return cached;
}
