/**
 * Operators are Shopify staff members, identified by the session token's `sub`. The row is created
 * on the staff member's first visit. Shoppers see an operator's name, so it is always the name
 * Shopify gives the staff member (ADR 093): online-token data when the session has it, otherwise
 * Shopify's answer to a token exchange made with the heartbeat (`refreshOperatorName`). Nothing the
 * browser sends names an operator.
 *
 * Presence: the browser sends a heartbeat every 30 s with the operator's chosen status and whether
 * they have been idle (no input) for AUTO_AWAY_MS; an idle operator is "away". An operator whose last
 * heartbeat is older than STALE_AFTER_MS is "offline" (closed tab, lost network).
 */
import { z } from "zod";
import { db, type Tx } from "../db.server";
import type { StaffMember } from "../integrations/shopify/staff-member.server";
import {
  createOperatorOnFirstVisit,
  expireStalePresence,
  findOperatorByStaffId,
  recordHeartbeat,
  updateOperatorProfile,
  type Operator,
  type Presence,
} from "../repositories/operators.server";
import { recordOnline } from "../repositories/staff.server";

export const HEARTBEAT_MS = 30_000;
export const STALE_AFTER_MS = 90_000;
export const AUTO_AWAY_MS = 5 * 60_000;
export const DEFAULT_CAPACITY = 5;

/** The subset of a Shopify session this module reads (online tokens carry the staff member). */
export interface SessionLike {
  onlineAccessInfo?: {
    associated_user?: { first_name?: string; last_name?: string; email?: string; account_owner?: boolean };
  } | null;
}

const FALLBACK_PREFIX = "Staff member ";

export function fallbackName(staffUserId: string): string {
  return `${FALLBACK_PREFIX}${staffUserId}`;
}

function nameFromSession(session: SessionLike | undefined): { name: string; email?: string; owner: boolean } | null {
  const user = session?.onlineAccessInfo?.associated_user;
  if (!user) return null;
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ").trim();
  if (!name) return null;
  return { name, ...(user.email ? { email: user.email } : {}), owner: user.account_owner === true };
}

/**
 * The operator for an authenticated admin request, created on the first visit. The first operator
 * of a shop, or the account owner, becomes an admin; everyone else an operator.
 */
export async function resolveOperator(
  shop: string,
  staffUserId: string,
  session?: SessionLike,
  client: Tx = db(),
): Promise<Operator> {
  const fromToken = nameFromSession(session);
  const existing = await findOperatorByStaffId(shop, staffUserId, client);
  if (existing) {
    if (fromToken && existing.name !== fromToken.name && existing.name.startsWith(FALLBACK_PREFIX)) {
      await updateOperatorProfile(shop, existing.id, fromToken, client);
      return { ...existing, name: fromToken.name, email: fromToken.email ?? existing.email };
    }
    return existing;
  }
  return createOperatorOnFirstVisit(
    shop,
    staffUserId,
    {
      name: fromToken?.name ?? fallbackName(staffUserId),
      email: fromToken?.email ?? null,
      owner: fromToken?.owner === true,
      capacity: DEFAULT_CAPACITY,
    },
    client,
  );
}

/** A heartbeat: presence only (anything else in the body, such as a name, is ignored). */
export const heartbeatSchema = z.object({
  status: z.enum(["online", "away"]).default("online"),
  idle: z.coerce.boolean().default(false),
});
export type HeartbeatInput = z.infer<typeof heartbeatSchema>;

/** Presence from a heartbeat: an operator who chose "away" or has been idle is away. */
export function presenceFromHeartbeat(input: Pick<HeartbeatInput, "status" | "idle">): Presence {
  return input.status === "away" || input.idle ? "away" : "online";
}

/** What an operator's presence is at `now`, whatever the stored value (stale heartbeats are offline). */
export function effectivePresence(
  operator: Pick<Operator, "presence" | "lastSeenAt">,
  now: Date = new Date(),
): Presence {
  if (!operator.lastSeenAt || now.getTime() - operator.lastSeenAt.getTime() > STALE_AFTER_MS) return "offline";
  return operator.presence === "away" ? "away" : operator.presence === "online" ? "online" : "offline";
}

/** The operators `effectivePresence` calls online, as a query (the home page counts them). */
export function onlineOperatorsWhere(shop: string, now: Date = new Date()) {
  return {
    shop,
    presence: "online",
    deactivatedAt: null,
    lastSeenAt: { gte: new Date(now.getTime() - STALE_AFTER_MS) },
  };
}

/** Records a heartbeat; expires stale peers. */
export async function heartbeat(
  shop: string,
  operator: Operator,
  input: HeartbeatInput,
  now: Date = new Date(),
  client: Tx = db(),
): Promise<{ presence: Presence }> {
  const presence = presenceFromHeartbeat(input);
  await recordHeartbeat(shop, operator.id, presence, now, client);
  // time online for the staff statistics: a run of online heartbeats, broken by away or a lost tab
  if (presence === "online") await recordOnline(shop, operator.id, now, STALE_AFTER_MS, client);
  await expireStalePresence(shop, new Date(now.getTime() - STALE_AFTER_MS), client);
  return { presence };
}

/** How often Shopify is asked for a staff member's name: daily, and every 5 minutes while it is unknown. */
export const NAME_REFRESH_MS = 24 * 60 * 60_000;
export const NAME_RETRY_MS = 5 * 60_000;
const nameAskedAt = new Map<string, number>();

/** Tests: forget when names were last asked for. */
export function forgetNameChecks(): void {
  nameAskedAt.clear();
}

/**
 * Brings the operator's name (and email) in line with Shopify's, at most once per NAME_REFRESH_MS
 * per operator and process (NAME_RETRY_MS while the name is still the fallback). `lookUp` asks
 * Shopify for the staff member of the request's verified session token.
 */
export async function refreshOperatorName(
  shop: string,
  operator: Operator,
  lookUp: () => Promise<StaffMember | null>,
  now: number = Date.now(),
  client: Tx = db(),
): Promise<Operator> {
  const key = `${shop}\n${operator.id}`;
  const last = nameAskedAt.get(key);
  const interval = operator.name.startsWith(FALLBACK_PREFIX) ? NAME_RETRY_MS : NAME_REFRESH_MS;
  if (last !== undefined && now - last < interval) return operator;
  nameAskedAt.set(key, now);
  const staff = await lookUp();
  if (!staff) return operator;
  const email = staff.email ?? operator.email;
  if (staff.name === operator.name && email === operator.email) return operator;
  await updateOperatorProfile(shop, operator.id, { name: staff.name, email }, client);
  return { ...operator, name: staff.name, email };
}

/** Marks the operator offline (the tab was closed: sent with navigator.sendBeacon). */
export async function signOff(shop: string, operator: Operator, client: Tx = db()): Promise<void> {
  await recordHeartbeat(shop, operator.id, "offline", new Date(), client);
}

/** The operator of an authenticated admin request (`authenticate.admin`'s session and token). */
export async function operatorForAdmin(context: {
  session: { shop: string } & SessionLike;
  sessionToken: { sub?: string | undefined };
}): Promise<Operator> {
  const sub = context.sessionToken.sub;
  if (!sub) throw new Response("A staff member's session token is required", { status: 401 });
  const operator = await resolveOperator(context.session.shop, String(sub), context.session);
  if (operator.deactivatedAt) throw deactivated();
  return operator;
}

export const DEACTIVATED_MESSAGE = "Your access to Tandem is turned off. Ask an admin of the store to reactivate you.";

/** What a deactivated staff member gets from every admin page and action: 403 `deactivated`. */
function deactivated(): Response {
  return Response.json(
    { error: { code: "deactivated", message: DEACTIVATED_MESSAGE } },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}
