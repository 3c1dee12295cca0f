import { db, type Tx } from "../db.server";

/** Records (or re-records) an installation. Idempotent. */
export async function markInstalled(shop: string, scopes: string | null, client: Tx = db()): Promise<void> {
  forgetInstalled(shop);
  await client.shop.upsert({
    where: { shop },
    create: { shop, scopes },
    update: { uninstalledAt: null, installedAt: new Date(), scopes },
  });
}

/** Marks the shop uninstalled and removes its Shopify sessions. Idempotent. */
export async function markUninstalled(shop: string, client: Tx = db()): Promise<void> {
  forgetInstalled(shop);
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

const INSTALLED_TTL_MS = 60_000;
const installedCache = new Map<string, { installed: boolean; until: number }>();

/**
 * The one installed-shop check of the widget API: an offline session exists. Cached per shop for a
 * minute (call it only with a shop from a verified signature); install and uninstall in this
 * process forget the entry at once.
 */
export async function isInstalled(shop: string): Promise<boolean> {
  const now = Date.now();
  const hit = installedCache.get(shop);
  if (hit && hit.until > now) return hit.installed;
  const installed = await hasOfflineSession(shop);
  if (installedCache.size > 10_000) installedCache.clear();
  installedCache.set(shop, { installed, until: now + INSTALLED_TTL_MS });
  return installed;
}

export function forgetInstalled(shop?: string): void {
  if (shop) installedCache.delete(shop);
  else installedCache.clear();
}
