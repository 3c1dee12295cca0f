/**
 * The staff member's admin language: the `locale` Shopify puts on the app URL decides, and is kept on
 * their operator row for the requests that carry none (in-app navigation, fetchers, actions).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setDb } from "~/db.server";
import { resolveOperator } from "~/domain/operators.server";
import { adminLocale, rememberLocale } from "~/lib/i18n/locale.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";

const request = (query = "") => new Request(`https://tandem.example/app/inbox${query}`);

describe.each(databaseKinds)("admin locale on %s", (kind) => {
  let t: TestDatabase;
  const SHOP = `locale-${kind}.myshopify.com`;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setDb(t.db);
    await t.db.shop.create({ data: { shop: SHOP } });
  });
  afterAll(async () => {
    setDb(undefined);
    await t?.close();
  });

  test("Shopify's locale is kept for the requests without one, per staff member", async () => {
    const anna = await resolveOperator(SHOP, "701");
    const luca = await resolveOperator(SHOP, "702");
    expect(adminLocale(request(), anna)).toBe("en");

    await rememberLocale(SHOP, anna, request("?locale=it-IT&embedded=1"));
    const stored = await resolveOperator(SHOP, "701");
    expect(stored.locale).toBe("it");
    expect(adminLocale(request(), stored)).toBe("it");
    expect(adminLocale(request("?_data=routes%2Fapp.inbox"), stored)).toBe("it");
    // another staff member of the same shop keeps their own language
    expect(adminLocale(request(), await resolveOperator(SHOP, "702"))).toBe("en");
    expect(luca.locale ?? null).toBeNull();

    // a later visit in a language the admin does not speak is English, and is kept as such
    expect(adminLocale(request("?locale=ja"), stored)).toBe("en");
    await rememberLocale(SHOP, stored, request("?locale=ja"));
    expect((await resolveOperator(SHOP, "701")).locale).toBe("en");
  });
});
