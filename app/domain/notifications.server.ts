/**
 * Notifications in the admin (PRODUCT.md F3): a row per notification, addressed to one operator
 * (operatorId) or to every operator of the shop (null), and read state per operator
 * (NotificationRead). Written in the transaction of the change that causes it. Titles hold no
 * shopper text beyond a ticket number and subject; the pages render them as text.
 *
 * A notification is stored as a message key of the admin's catalogs (notifications.messages.*) with
 * its variables, and is shown in the language of the operator who reads it; `title` keeps the
 * English text as well (rows written before the keys, and anything that reads the table directly).
 */
import { db, type Tx } from "../db.server";
import { isUniqueViolation } from "../db/errors.server";
import { translator, type MessageKey } from "../lib/i18n/catalog";
import { DEFAULT_LOCALE, type Locale } from "../lib/i18n/core";

export const NOTIFICATION_TYPES = [
  "queued_chat",
  "ticket_assigned",
  "shopper_replied",
  "sla_warning",
  "sla_breached",
  "transfer_request",
  "transfer_declined",
  "transfer_cancelled",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** The keys a notification's title or body may use. */
export type NotificationMessage = Extract<MessageKey, `notifications.messages.${string}`>;
type NotificationVars = Record<string, string | number>;

export interface NewNotification {
  type: NotificationType;
  title: NotificationMessage;
  /** The variables of `title` and `bodyKey`; a `name` left empty reads "Your colleague". */
  vars?: NotificationVars;
  /** A translated body… */
  bodyKey?: NotificationMessage;
  /** …or text shown as it is (a ticket's subject). */
  body?: string | null;
  /** An admin path, e.g. /app/tickets/T-1001. */
  link?: string | null;
  /** One operator; omitted: everyone. */
  operatorId?: string | null;
}

function render(locale: Locale, key: string, vars: NotificationVars): string {
  const t = translator(locale);
  const filled = "name" in vars && !vars.name ? { ...vars, name: t("notifications.messages.colleague") } : vars;
  return t(key as MessageKey, filled);
}

export async function notify(tx: Tx, shop: string, n: NewNotification): Promise<void> {
  const vars = n.vars ?? {};
  await tx.notification.create({
    data: {
      shop,
      type: n.type,
      title: render(DEFAULT_LOCALE, n.title, vars).slice(0, 200),
      titleKey: n.title,
      bodyKey: n.bodyKey ?? null,
      vars: JSON.stringify(vars),
      body: (n.bodyKey ? render(DEFAULT_LOCALE, n.bodyKey, vars) : n.body)?.slice(0, 500) ?? null,
      link: n.link ?? null,
      operatorId: n.operatorId ?? null,
    },
  });
}

function parseVars(raw: string | null): NotificationVars {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" ? (value as NotificationVars) : {};
  } catch {
    return {};
  }
}

/** A stored notification's title and body in `locale` (its English text when it has no key). */
function localized(
  row: { title: string; body: string | null; titleKey: string | null; bodyKey: string | null; vars: string | null },
  locale: Locale,
): { title: string; body: string | null } {
  const vars = parseVars(row.vars);
  return {
    title: row.titleKey ? render(locale, row.titleKey, vars) : row.title,
    body: row.bodyKey ? render(locale, row.bodyKey, vars) : row.body,
  };
}

function forOperator(shop: string, operatorId: string) {
  return { shop, OR: [{ operatorId: null }, { operatorId }] };
}

export interface NotificationView {
  id: string;
  type: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  read: boolean;
}

/** The operator's latest notifications, newest first, with their read state, in `locale`. */
export async function listNotifications(
  shop: string,
  operatorId: string,
  { locale = DEFAULT_LOCALE, limit = 50 }: { locale?: Locale; limit?: number } = {},
  client: Tx = db(),
): Promise<NotificationView[]> {
  const rows = await client.notification.findMany({
    where: forOperator(shop, operatorId),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(limit, 200),
  });
  const reads = await client.notificationRead.findMany({
    where: { shop, operatorId, notificationId: { in: rows.map((r) => r.id) } },
    select: { notificationId: true },
  });
  const read = new Set(reads.map((r) => r.notificationId));
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    ...localized(r, locale),
    link: r.link,
    createdAt: r.createdAt.toISOString(),
    read: read.has(r.id),
  }));
}

/** Unread notifications of the operator among the latest 100 (the nav badge). */
export async function unreadCount(shop: string, operatorId: string, client: Tx = db()): Promise<number> {
  const latest = await client.notification.findMany({
    where: forOperator(shop, operatorId),
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true },
  });
  if (latest.length === 0) return 0;
  const read = await client.notificationRead.count({
    where: { shop, operatorId, notificationId: { in: latest.map((n) => n.id) } },
  });
  return latest.length - read;
}

/** Marks notifications read for this operator (only ones addressed to them or to everyone). */
export async function markRead(
  shop: string,
  operatorId: string,
  ids: string[] | "all",
  client: Tx = db(),
): Promise<number> {
  const rows = await client.notification.findMany({
    where: { ...forOperator(shop, operatorId), ...(ids === "all" ? {} : { id: { in: ids.slice(0, 200) } }) },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true },
  });
  const done = await client.notificationRead.findMany({
    where: { shop, operatorId, notificationId: { in: rows.map((r) => r.id) } },
    select: { notificationId: true },
  });
  const already = new Set(done.map((d) => d.notificationId));
  const todo = rows.filter((r) => !already.has(r.id));
  let marked = 0;
  for (const r of todo) {
    try {
      await client.notificationRead.create({ data: { shop, operatorId, notificationId: r.id } });
      marked++;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // marked read meanwhile (another tab)
    }
  }
  return marked;
}
