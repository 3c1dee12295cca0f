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
/** Shops known to be installed, until when (a shop that is not installed is asked again each time). */
const installedUntil = new Map<string, number>();

/**
 * The one installed-shop check (the widget API asks it for every request): an offline session
 * exists. Call it only with a shop from a verified signature. A yes is kept for a minute; install
 * and uninstall in this process (OAuth, the app/uninstalled webhook) forget it at once, another
 * instance's uninstall is seen within the minute.
 */
export async function isInstalled(shop: string, client: Tx = db()): Promise<boolean> {
  if (knownInstalled(shop)) return true;
  const installed = await hasOfflineSession(shop, client);
  if (!installed) installedUntil.delete(shop);
  else {
    if (installedUntil.size > 10_000) installedUntil.clear();
    installedUntil.set(shop, Date.now() + INSTALLED_TTL_MS);
  }
  return installed;
}

/** True when `isInstalled` said yes within the minute: the caller may go on without waiting. */
export function knownInstalled(shop: string): boolean {
  const until = installedUntil.get(shop);
  return until !== undefined && until > Date.now();
}

export function forgetInstalled(shop?: string): void {
  if (shop) installedUntil.delete(shop);
  else installedUntil.clear();
}
