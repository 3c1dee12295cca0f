/**
 * The theme app extension's block rendered as Shopify renders it: liquidjs with the subset of
 * Shopify's objects, filters and tags the block uses (the demo storefront and the storefront bench).
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  Liquid,
  Tag,
  type Context,
  type Emitter,
  type TagToken,
  type TopLevelToken,
  type Liquid as LiquidType,
} from "liquidjs";
import { DEMO_SHOP } from "../env.server";
import { demoStore } from "./fixture.server";

export const EXTENSION_DIR = "extensions/tandem-chat";
export const BLOCK_FILE = path.join(EXTENSION_DIR, "blocks/tandem-chat.liquid");
export const ASSET_PREFIX = "/demo/assets/tandem-chat/";
export const DEMO_LOCALES = ["en", "it", "fr", "de", "es"] as const;
export type Locale = (typeof DEMO_LOCALES)[number];

// ---------------------------------------------------------------------------------------------------
// Liquid: the subset of Shopify's objects, filters and tags the block uses.

/** Shopify's json filter escapes <, > and & so output inside <script> cannot close the tag. */
export function shopifyJson(value: unknown): string {
  return (JSON.stringify(value ?? null) ?? "null")
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026");
}

function lookup(tree: unknown, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>(
      (node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
      tree,
    );
}

function readLocale(locale: string): Record<string, unknown> {
  const file = path.join(EXTENSION_DIR, "locales", locale === "en" ? "en.default.json" : `${locale}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}

/** The {% schema %} JSON of a block file. */
export function blockSchema(source = readFileSync(BLOCK_FILE, "utf8")): {
  javascript?: string;
  settings: { id?: string; type: string; default?: unknown }[];
} {
  const match = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/.exec(source);
  if (!match) throw new Error(`${BLOCK_FILE} has no schema`);
  return JSON.parse(match[1]!) as ReturnType<typeof blockSchema>;
}

function assetVersion(name: string): string {
  try {
    return String(Math.floor(statSync(path.join(EXTENSION_DIR, "assets", name)).mtimeMs));
  } catch {
    return "0";
  }
}

export function createBlockEngine(locale: string): LiquidType {
  const liquid = new Liquid({ outputEscape: "escape", strictFilters: true, jsTruthy: false });
  const en = readLocale("en");
  const strings = locale === "en" ? en : readLocale(locale);
  // {% schema %} is read by Shopify, not rendered.
  liquid.registerTag(
    "schema",
    class extends Tag {
      constructor(token: TagToken, remain: TopLevelToken[], engine: LiquidType) {
        super(token, remain, engine);
        while (remain.length) {
          const next = remain.shift() as TopLevelToken & { name?: string };
          if (next.name === "endschema") return;
        }
        throw new Error("{% schema %} without {% endschema %}");
      }
      *render(_ctx: Context, _emitter: Emitter): Generator<unknown, void, unknown> {}
    },
  );
  liquid.registerFilter("t", (key: string) => {
    const value = lookup(strings, key) ?? lookup(en, key);
    return typeof value === "string" ? value : `translation missing: ${locale}.${key}`;
  });
  liquid.registerFilter("json", { handler: shopifyJson, raw: true });
  liquid.registerFilter(
    "asset_url",
    (name: string) => `${ASSET_PREFIX}${encodeURIComponent(name)}?v=${assetVersion(name)}`,
  );
  return liquid;
}

export interface BlockRenderInput {
  locale: string;
  customer: { id: string; first_name: string; last_name: string; email: string } | null;
  designMode?: boolean;
  settings?: Record<string, unknown>;
}

/** Renders blocks/tandem-chat.liquid plus the deferred script Shopify injects for the schema's "javascript". */
export async function renderEmbed(input: BlockRenderInput): Promise<string> {
  const source = readFileSync(BLOCK_FILE, "utf8");
  const schema = blockSchema(source);
  const defaults: Record<string, unknown> = {};
  for (const s of schema.settings) if (s.id) defaults[s.id] = s.default ?? (s.type === "checkbox" ? false : "");
  const store = demoStore();
  const liquid = createBlockEngine(input.locale);
  const html = await liquid.parseAndRender(source, {
    shop: { permanent_domain: DEMO_SHOP, name: store.shop.name },
    cart: { currency: { iso_code: store.shop.currency } },
    customer: input.customer,
    request: { locale: { iso_code: input.locale }, design_mode: !!input.designMode },
    routes: { root_url: "/demo/" },
    block: { settings: { ...defaults, ...input.settings } },
  });
  const js = schema.javascript
    ? `<script src="${ASSET_PREFIX}${encodeURIComponent(schema.javascript)}?v=${assetVersion(schema.javascript)}" defer></script>`
    : "";
  return `${html}\n${js}`;
}
