/**
 * One installed-shop check (app/domain/shops.server.ts `isInstalled`): the widget API asks it, and
 * the app/uninstalled webhook (a Remix route) forgets its answer in the same process, so a shop that
 * uninstalls is refused by the widget API at once rather than when a cached yes runs out.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isInstalled } from "~/domain/shops.server";
import { databaseKinds } from "../helpers/db";
import { API_SECRET, installShop, proxyFetch, startTestApp, type RunningApp } from "./support/proxy-server";
import { deliverWebhook } from "./support/shopify-webhooks";

const SHOP = "installed-check.myshopify.com";

describe.each(databaseKinds)("the installed-shop check on %s", (kind) => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp(kind, { worker: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  const start = () => proxyFetch(app.url, SHOP, "/conversations", { body: { locale: "en" } });

  test("a shop that is not installed gets 404 not_installed; installed, the widget API serves it", async () => {
    const refused = await start();
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("not_installed");
    await installShop(app.database.db, SHOP);
    // A no is not kept: the installation counts at once.
    expect((await start()).status).toBe(201);
    expect(await isInstalled(SHOP)).toBe(true);
  });

  test("after the app/uninstalled webhook the widget API refuses the shop at once", async () => {
    await installShop(app.database.db, SHOP);
    expect((await start()).status).toBe(201);
    const webhook = await deliverWebhook(
      app.url,
      "app/uninstalled",
      SHOP,
      { id: 1, domain: SHOP },
      { secret: API_SECRET },
    );
    expect(webhook.status).toBe(200);
    const refused = await start();
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("not_installed");
    expect(await isInstalled(SHOP)).toBe(false);
  });
});
