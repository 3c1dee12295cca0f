import { isUniqueViolation } from "../db/errors.server";
import { db, dialectOf, type Db, type Tx } from "../db.server";
import type { Operator } from "../generated/prisma/client";

export type { Operator };
export type OperatorRole = "admin" | "operator";
export type Presence = "online" | "away" | "offline";

export interface OperatorProfile {
  name: string;
  email?: string | null;
  role?: OperatorRole;
  capacity?: number;
}

export async function findOperatorByStaffId(shop: string, staffUserId: string, client: Tx = db()) {
  return client.operator.findUnique({ where: { shop_staffUserId: { shop, staffUserId } } });
}

export async function getOperator(shop: string, id: string, client: Tx = db()) {
  return client.operator.findFirst({ where: { shop, id } });
}

export async function listOperators(shop: string, client: Tx = db()) {
  return client.operator.findMany({ where: { shop }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

export async function countOperators(shop: string, client: Tx = db()): Promise<number> {
  return client.operator.count({ where: { shop } });
}

/**
 * Creates the operator for a staff member on their first visit, or returns the existing row. The
 * shop's first operator, and the account owner, become admins; everyone else an operator. Two staff
 * members opening the app for the first time at the same instant must not both become the first:
 * the decision runs in a transaction that holds a per-shop lock (PostgreSQL: an advisory lock;
 * SQLite: its one writer).
 */
export async function createOperatorOnFirstVisit(
  shop: string,
  staffUserId: string,
  profile: Omit<OperatorProfile, "role"> & { owner: boolean },
  client: Tx = db(),
): Promise<Operator> {
  const decide = async (tx: Tx) => {
    if (dialectOf(tx) === "postgresql")
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`tandem:first-operator:${shop}`}))::text AS "locked"`;
    const existing = await findOperatorByStaffId(shop, staffUserId, tx);
    if (existing) return existing;
    const first = (await countOperators(shop, tx)) === 0;
    const { owner, ...rest } = profile;
    return upsertOperator(shop, staffUserId, { ...rest, role: first || owner ? "admin" : "operator" }, tx);
  };
  const run = async () => ("$transaction" in client ? (client as Db).$transaction((tx) => decide(tx)) : decide(client));
  try {
    return await run();
  } catch (error) {
    // The loser of a race for the same staff member hits the unique key: theirs is the row.
    if (!isUniqueViolation(error)) throw error;
    const existing = await findOperatorByStaffId(shop, staffUserId, client);
    if (!existing) throw error;
    return existing;
  }
}

function upsertOperator(shop: string, staffUserId: string, profile: OperatorProfile, client: Tx) {
  return client.operator.upsert({
    where: { shop_staffUserId: { shop, staffUserId } },
    create: {
      shop,
      staffUserId,
      name: profile.name,
      email: profile.email ?? null,
      role: profile.role ?? "operator",
      capacity: profile.capacity ?? 5,
    },
    update: {},
  });
}

/** Updates the display name and email (from App Bridge `shopify.user()` or online-token data). */
export async function updateOperatorProfile(
  shop: string,
  id: string,
  profile: { name: string; email?: string | null },
  client: Tx = db(),
): Promise<boolean> {
  const data: { name: string; email?: string | null } = { name: profile.name };
  if (profile.email !== undefined) data.email = profile.email;
  const { count } = await client.operator.updateMany({ where: { shop, id }, data });
  return count === 1;
}

export async function updateOperatorSettings(
  shop: string,
  id: string,
  settings: { role?: OperatorRole; capacity?: number },
  client: Tx = db(),
): Promise<boolean> {
  const { count } = await client.operator.updateMany({ where: { shop, id }, data: settings });
  return count === 1;
}

/** Records a heartbeat: the operator's presence and the time they were last seen. */
export async function recordHeartbeat(
  shop: string,
  id: string,
  presence: Presence,
  now: Date = new Date(),
  client: Tx = db(),
): Promise<boolean> {
  const { count } = await client.operator.updateMany({ where: { shop, id }, data: { presence, lastSeenAt: now } });
  return count === 1;
}

/** Marks operators whose last heartbeat is older than `before` offline. Returns how many changed. */
export async function expireStalePresence(shop: string, before: Date, client: Tx = db()): Promise<number> {
  const { count } = await client.operator.updateMany({
    where: { shop, presence: { not: "offline" }, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: before } }] },
    data: { presence: "offline" },
  });
  return count;
}

/** Open chats (assigned or waiting for the shopper) per operator id. */
export async function openChatCounts(shop: string, client: Tx = db()): Promise<Map<string, number>> {
  const rows = await client.conversation.groupBy({
    by: ["assigneeId"],
    where: { shop, state: { in: ["assigned", "waiting_shopper"] }, assigneeId: { not: null } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.assigneeId as string, r._count._all]));
}

/** The operator's own choice of staff emails (Settings → Email) and the address they go to. */
export async function setEmailNotifications(
  shop: string,
  id: string,
  data: { email: string | null; emailNotifications: boolean },
  client: Tx = db(),
): Promise<boolean> {
  return (await client.operator.updateMany({ where: { shop, id }, data })).count === 1;
}

/** Keeps the admin language Shopify last passed for the staff member (app/lib/i18n/locale.server.ts). */
export async function updateOperatorLocale(shop: string, id: string, locale: string, client: Tx = db()) {
  const { count } = await client.operator.updateMany({ where: { shop, id }, data: { locale } });
  return count > 0;
}
