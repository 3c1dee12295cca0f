import { readFileSync } from "node:fs";
import { ApiVersion } from "@shopify/shopify-api";
import { describe, expect, test } from "vitest";

const read = (file: string) => readFileSync(file, "utf8");

function serverVersion(): string {
  const match = /export const API_VERSION = ApiVersion\.(\w+);/.exec(read("app/shopify.server.ts"));
  if (!match?.[1]) throw new Error("API_VERSION = ApiVersion.<Name> not found in app/shopify.server.ts");
  const version = (ApiVersion as Record<string, string>)[match[1]];
  if (!version) throw new Error(`ApiVersion.${match[1]} does not exist`);
  return version;
}

function tomlWebhooksVersion(): string | undefined {
  const toml = read("shopify.app.toml");
  const section = toml.slice(toml.indexOf("[webhooks]"));
  return /^\s*api_version\s*=\s*"([^"]+)"/m.exec(section)?.[1];
}

describe("one Shopify API version", () => {
  test("shopify.server.ts, shopify.app.toml and .graphqlrc.ts name the same API version", () => {
    const version = serverVersion();
    expect(version).toMatch(/^\d{4}-\d{2}$/);
    expect(tomlWebhooksVersion()).toBe(version);
    expect(/const API_VERSION = "([^"]+)"/.exec(read(".graphqlrc.ts"))?.[1]).toBe(version);
  });

  test("every webhook subscription in shopify.app.toml names a route file that exists", () => {
    const toml = read("shopify.app.toml");
    const blocks = toml.split("[[webhooks.subscriptions]]").slice(1);
    expect(blocks).toHaveLength(5);
    for (const block of blocks) {
      const uri = /uri = "([^"]+)"/.exec(block)?.[1];
      const file = /# Handled by: (\S+)/.exec(block)?.[1];
      expect(uri).toBeDefined();
      expect(file).toBe(`app/routes/${uri!.slice(1).replaceAll("/", ".")}.tsx`);
      expect(read(file!)).toContain("await authenticate.webhook(request)");
    }
  });
});
