/**
 * Finding: Shopify access tokens were stored in plain text in the Session table. The app's session
 * storage seals `accessToken` and `refreshToken` with AES-256-GCM (TANDEM_ENCRYPTION_KEY) and opens
 * them on load; rows written before that still load and are sealed at boot (ADR 105).
 *
 * Real app server and database; Shopify's token exchange and Admin GraphQL answered by msw; session
 * tokens minted with @shopify/shopify-api/test-helpers.
 */
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { http, HttpResponse } from "msw";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { encryptSecret, isEncryptedSecret } from "../../app/lib/crypto.server";
import { encryptedSessionStorage, sealPlaintextSessions } from "../../app/lib/session-storage.server";
import { databaseKinds } from "../helpers/db";
import { createShopifyMockServer } from "../mocks/shopify";
import { API_KEY, API_SECRET, startTestApp, type RunningApp } from "../integration/support/proxy-server";

const DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

/** Tokens Shopify's token exchange hands out, per shop. */
const issued = new Map<string, { access: string; refresh: string }>();
let exchanges = 0;
/** The X-Shopify-Access-Token of every Admin GraphQL call the app made. */
const presented: string[] = [];

const shopify = createShopifyMockServer(
  http.post(/^https:\/\/([^/]+)\/admin\/oauth\/access_token$/, ({ request }) => {
    exchanges += 1;
    const shop = new URL(request.url).host;
    const tokens = issued.get(shop);
    if (!tokens) return HttpResponse.json({ error: "unknown shop" }, { status: 400 });
    return HttpResponse.json({
      access_token: tokens.access,
      scope: "read_products,write_app_proxy",
      expires_in: 3600,
      refresh_token: tokens.refresh,
      refresh_token_expires_in: 7_776_000,
    });
  }),
);
shopify.events.on("request:start", ({ request }) => {
  const token = request.headers.get("x-shopify-access-token");
  if (token) presented.push(token);
});

beforeAll(() => shopify.listen({ onUnhandledFrame: "bypass" }));
afterAll(() => shopify.close());

describe.each(databaseKinds)("Shopify tokens at rest on %s", (kind) => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp(kind, { worker: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  /** An embedded admin action that looks a product up with the shop's Admin API token. */
  async function lookUpProduct(store: string): Promise<number> {
    const { token } = await getJwt(store, API_KEY, API_SECRET);
    const res = await fetch(`${app.url}/app/conversations/none.data`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${token}`,
        "User-Agent": DESKTOP,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ intent: "product", handle: "no-such-product" }),
    });
    await res.arrayBuffer();
    return res.status;
  }

  test("the token exchange's access and refresh tokens are stored encrypted, and the app uses them decrypted", async () => {
    const store = `tokens-new-${kind}`;
    const shop = `${store}.myshopify.com`;
    const tokens = { access: `shpat_${kind}_0123456789abcdef`, refresh: `shprt_${kind}_fedcba9876543210` };
    issued.set(shop, tokens);
    const before = exchanges;

    expect(await lookUpProduct(store)).toBeLessThan(500);
    expect(exchanges).toBe(before + 1);

    const row = await app.database.db.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
    expect(isEncryptedSecret(row.accessToken)).toBe(true);
    expect(isEncryptedSecret(row.refreshToken ?? "")).toBe(true);
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(tokens.access);
    expect(raw).not.toContain(tokens.refresh);

    const loaded = await encryptedSessionStorage(app.database.db).loadSession(`offline_${shop}`);
    expect(loaded?.accessToken).toBe(tokens.access);
    expect(loaded?.refreshToken).toBe(tokens.refresh);

    // The next request loads the stored session (no second exchange) and calls Shopify with the token.
    presented.length = 0;
    expect(await lookUpProduct(store)).toBeLessThan(500);
    expect(exchanges).toBe(before + 1);
    expect(presented).toContain(tokens.access);
  });

  test("a session stored in plain text before encryption still works, and the boot step seals it", async () => {
    const store = `tokens-legacy-${kind}`;
    const shop = `${store}.myshopify.com`;
    const legacy = `shpat_legacy_${kind}_00112233445566`;
    const db = app.database.db;
    await db.shop.create({ data: { shop } });
    await db.session.create({
      data: { id: `offline_${shop}`, shop, state: "", isOnline: false, scope: "read_products", accessToken: legacy },
    });
    const before = exchanges;

    presented.length = 0;
    expect(await lookUpProduct(store)).toBeLessThan(500);
    expect(presented).toContain(legacy);

    expect(await sealPlaintextSessions(db)).toBeGreaterThanOrEqual(1);
    const row = await db.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
    expect(isEncryptedSecret(row.accessToken)).toBe(true);
    expect(row.accessToken).not.toContain(legacy);
    // idempotent: nothing is left to seal, and a sealed row is never sealed twice
    expect(await sealPlaintextSessions(db)).toBe(0);

    presented.length = 0;
    expect(await lookUpProduct(store)).toBeLessThan(500);
    expect(presented).toContain(legacy);
    expect(exchanges).toBe(before);
  });

  test("a token sealed under another key loads as no session instead of a wrong token", async () => {
    const shop = `tokens-rotated-${kind}.myshopify.com`;
    const otherKey = Buffer.alloc(32, 9).toString("base64");
    await app.database.db.session.create({
      data: {
        id: `offline_${shop}`,
        shop,
        state: "",
        isOnline: false,
        accessToken: encryptSecret("shpat_other_key_token", otherKey),
      },
    });
    const storage = encryptedSessionStorage(app.database.db);
    expect(await storage.loadSession(`offline_${shop}`)).toBeUndefined();
    expect(await storage.findSessionsByShop(shop)).toEqual([]);
  });
});
