/**
 * Install state kept from Shopify's app webhooks, and the receipts that make every Shopify webhook
 * idempotent. Every function takes the shop first and scopes every query by it.
 */
import { Prisma } from "../generated/prisma/client";
import { db, dialectOf, type Tx } from "../db.server";

/**
 * Records a webhook delivery; false when this webhook id was already handled (a repeat delivery).
 * Call it inside the transaction that applies the webhook's effect.
 */
export async function recordWebhookReceipt(
  shop: string,
  webhookId: string,
  topic: string,
  client: Tx = db(),
): Promise<boolean> {
  const pg = dialectOf(client) === "postgresql";
  const inserted = await client.$executeRawUnsafe(
    pg
      ? `INSERT INTO "WebhookReceipt" ("webhookId", "shop", "topic", "receivedAt") VALUES ($1, $2, $3, $4) ON CONFLICT ("webhookId") DO NOTHING`
      : `INSERT INTO "WebhookReceipt" ("webhookId", "shop", "topic", "receivedAt") VALUES (?, ?, ?, ?) ON CONFLICT ("webhookId") DO NOTHING`,
    webhookId,
    shop,
    topic,
    new Date(),
  );
  return inserted > 0;
}

/** Sets the granted scopes on the shop and on its stored sessions. */
export async function updateShopScopes(shop: string, scopes: string[], client: Tx = db()): Promise<void> {
  const scope = scopes.join(",");
  await client.session.updateMany({ where: { shop }, data: { scope } });
  await client.shop.updateMany({ where: { shop }, data: { scopes: scope } });
}

/** Models that hold no shop's data (and have no `shop` column): the readiness write probe. */
const NOT_SHOP_DATA = new Set<string>(["healthProbe"]);

/** Every model of the schema that holds shop data, as its Prisma delegate name (Session → session). */
export const shopDataDelegates = Object.values(Prisma.ModelName)
  .map((m) => (m.charAt(0).toLowerCase() + m.slice(1)) as Uncapitalize<typeof m>)
  .filter((name) => !NOT_SHOP_DATA.has(name));

/**
 * shop/redact: deletes every row of the shop in every table (the models are enumerated from the
 * schema, so a new table is covered or this throws). Returns the rows deleted per model.
 */
export async function deleteAllShopData(shop: string, client: Tx = db()): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of shopDataDelegates) {
    const delegate = client[name] as unknown as {
      deleteMany(args: { where: { shop: string } }): Promise<{ count: number }>;
    };
    counts[name] = (await delegate.deleteMany({ where: { shop } })).count;
  }
  return counts;
}
