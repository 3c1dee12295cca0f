/**
 * Is anyone there? Business hours (time zone, holidays) and operators online decide whether the
 * widget shows "online" and whether an escalation is queued or becomes a contact form. Queue
 * position and the wait estimate come from recent real waits. Results are cached for a few seconds
 * per shop (the poll hot path asks on every changed cursor).
 */
import { db, type Tx } from "../../db.server";
import { countQueuedAhead, listRecentWaits } from "../../repositories/conversations.server";
import { onlineOperatorsWhere } from "../operators.server";
import { isWithinBusinessHours, parseSchedule } from "./business-hours";

const ONLINE_TTL_MS = 5_000;
const WAIT_TTL_MS = 30_000;
const DEFAULT_WAIT_SECONDS = 120;

interface Cached<T> {
  value: T;
  until: number;
}
const onlineCache = new Map<string, Cached<{ online: boolean; operators: number; routingMode: string }>>();
const waitCache = new Map<string, Cached<number>>();

export interface Availability {
  online: boolean;
  withinHours: boolean;
  operatorsOnline: number;
  routingMode: "auto" | "manual";
}

export async function availability(shop: string, now = new Date(), client: Tx = db()): Promise<Availability> {
  const row = await client.shop.findUnique({
    where: { shop },
    select: { timezone: true, businessHours: true, holidays: true, routingMode: true },
  });
  const schedule = parseSchedule(row?.timezone ?? "UTC", row?.businessHours ?? "{}", row?.holidays ?? "[]");
  const withinHours = isWithinBusinessHours(schedule, now);
  // The inbox's presence rule (operators.server.ts): a recent heartbeat, not deactivated.
  const operatorsOnline = await client.operator.count({ where: onlineOperatorsWhere(shop, now) });
  return {
    online: withinHours && operatorsOnline > 0,
    withinHours,
    operatorsOnline,
    routingMode: row?.routingMode === "manual" ? "manual" : "auto",
  };
}

/** `online` for the widget, cached ONLINE_TTL_MS per shop. */
export async function isShopOnline(shop: string): Promise<boolean> {
  const now = Date.now();
  const hit = onlineCache.get(shop);
  if (hit && hit.until > now) return hit.value.online;
  const a = await availability(shop);
  onlineCache.set(shop, {
    value: { online: a.online, operators: a.operatorsOnline, routingMode: a.routingMode },
    until: now + ONLINE_TTL_MS,
  });
  return a.online;
}

/** Drops cached availability (presence changed, settings saved). */
export function invalidateAvailability(shop?: string): void {
  if (shop) {
    onlineCache.delete(shop);
    waitCache.delete(shop);
  } else {
    onlineCache.clear();
    waitCache.clear();
  }
}

/** Median of recent real waits (queued → assigned) in the last 24 h, seconds; null without data. */
export async function medianRecentWaitSeconds(
  shop: string,
  now = new Date(),
  client: Tx = db(),
): Promise<number | null> {
  const rows = await listRecentWaits(shop, new Date(now.getTime() - 24 * 3600_000), 50, client);
  const waits = rows
    .map((r) => (r.assignedAt && r.queuedAt ? (r.assignedAt.getTime() - r.queuedAt.getTime()) / 1000 : NaN))
    .filter((w) => Number.isFinite(w) && w >= 0)
    .sort((a, b) => a - b);
  if (waits.length === 0) return null;
  const mid = Math.floor(waits.length / 2);
  return waits.length % 2 ? waits[mid]! : (waits[mid - 1]! + waits[mid]!) / 2;
}

/** Wait estimate for queue position `position` (1 = next): median wait × position, rounded to 10 s. */
export function etaFor(position: number, medianWait: number | null): number {
  const per = medianWait ?? DEFAULT_WAIT_SECONDS;
  return Math.max(10, Math.round((per * position) / 10) * 10);
}

export async function queueInfo(
  shop: string,
  queuedAt: Date | null,
  client: Tx = db(),
): Promise<{ position: number; etaSeconds: number }> {
  const position = queuedAt ? await countQueuedAhead(shop, queuedAt, client) : 1;
  const now = Date.now();
  let median = waitCache.get(shop);
  if (!median || median.until <= now) {
    median = { value: (await medianRecentWaitSeconds(shop, new Date(now), client)) ?? -1, until: now + WAIT_TTL_MS };
    waitCache.set(shop, median);
  }
  return {
    position: Math.max(1, position),
    etaSeconds: etaFor(Math.max(1, position), median.value < 0 ? null : median.value),
  };
}
