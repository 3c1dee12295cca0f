/**
 * Lints the theme app extension with Shopify's theme-check (offline). With shopify.extension.toml present
 * it applies the theme-app-extension rules (AppBlockValidTags, AssetSizeAppBlockJavaScript, ...).
 * Exit code 1 when any offence is reported. Run after `npm run build:widget` (the assets must exist).
 *
 *   tsx scripts/theme-check.ts [extension dir]
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { themeCheckRun, type Offense } from "@shopify/theme-check-node";

export async function runThemeCheck(dir = "extensions/tandem-chat"): Promise<Offense[]> {
  const root = path.resolve(dir);
  const { offenses } = await themeCheckRun(root, undefined, () => {});
  return offenses;
}

function describe(o: Offense): string {
  return `${o.uri.replace(pathToFileURL(process.cwd()).href + "/", "")}:${o.start.line + 1}:${o.start.character + 1} ${o.check} ${o.message}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const offenses = await runThemeCheck(process.argv[2]);
  for (const o of offenses) console.log(describe(o));
  console.log(offenses.length === 0 ? "theme-check: no offences" : `theme-check: ${offenses.length} offence(s)`);
  process.exit(offenses.length === 0 ? 0 : 1);
}
