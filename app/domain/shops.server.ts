import { db, type Tx } from "../db.server";

/** Records (or re-records) an installation. Idempotent. */
export async function markInstalled(shop: string, scopes: string | null, client: Tx = db()): Promise<void> {
  await client.shop.upsert({
    where: { shop },
    create: { shop, scopes },
    update: { uninstalledAt: null, installedAt: new Date(), scopes },
  });
}

/** Marks the shop uninstalled and removes its Shopify sessions. Idempotent. */
export async function markUninstalled(shop: string, client: Tx = db()): Promise<void> {
  await client.session.deleteMany({ where: { shop } });
  await client.shop.updateMany({ where: { shop, uninstalledAt: null }, data: { uninstalledAt: new Date() } });
}

export async function getShop(shop: string, client: Tx = db()) {
  return client.shop.findUnique({ where: { shop } });
}

/** Whether the shop has an offline session (the app proxy needs one to act for the shop). */
export async function hasOfflineSession(shop: string, client: Tx = db()): Promise<boolean> {
  const row = await client.session.findFirst({ where: { shop, isOnline: false }, select: { id: true } });
  return row !== null;
}
