/**
 * The team page (ADR 174): every staff member with role, capacity, presence and last seen; an admin
 * changes a role or a capacity, deactivates someone (their open chats return to the queue, and they
 * cannot use the app until reactivated) or reactivates them. The shop always keeps one active
 * admin: the last one can be neither demoted nor deactivated. The check and the change run in one
 * transaction under a per-shop lock (PostgreSQL: an advisory lock; SQLite: its one writer), so two
 * admins demoting each other at the same instant cannot both succeed.
 */
import { z } from "zod";
import { dialectOf, type Tx } from "../../db.server";
import { listOperators, openChatCounts, type Operator } from "../../repositories/operators.server";
import { writeAudit } from "../../repositories/audit.server";
import { domainError } from "../conversations/errors";
import { effectivePresence } from "../operators.server";
import { visibleChange } from "../versions.server";
import { requeueChatsOf } from "./requeue.server";
import { endTransfersTo } from "../conversations/transfers.server";

export const MAX_CAPACITY = 50;

export const memberChangeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("role"), id: z.string().min(1), role: z.enum(["admin", "operator"]) }),
  z.object({
    intent: z.literal("capacity"),
    id: z.string().min(1),
    capacity: z.coerce
      .number({ invalid_type_error: "validation.number" })
      .int("validation.wholeNumber")
      .min(1, "validation.team.capacityAtLeast")
      .max(MAX_CAPACITY, "validation.team.capacityAtMost"),
  }),
  z.object({ intent: z.literal("deactivate"), id: z.string().min(1) }),
  z.object({ intent: z.literal("reactivate"), id: z.string().min(1) }),
]);
export type MemberChange = z.infer<typeof memberChangeSchema>;

export interface TeamMember {
  id: string;
  name: string;
  email: string | null;
  role: string;
  capacity: number;
  presence: "online" | "away" | "offline";
  lastSeenAt: string | null;
  active: boolean;
  openChats: number;
}

export async function listTeam(shop: string, now: Date = new Date()): Promise<TeamMember[]> {
  const [operators, open] = await Promise.all([listOperators(shop), openChatCounts(shop)]);
  return operators.map((o) => ({
    id: o.id,
    name: o.name,
    email: o.email,
    role: o.role,
    capacity: o.capacity,
    presence: o.deactivatedAt ? "offline" : effectivePresence(o, now),
    lastSeenAt: o.lastSeenAt?.toISOString() ?? null,
    active: !o.deactivatedAt,
    openChats: open.get(o.id) ?? 0,
  }));
}

async function lockTeam(tx: Tx, shop: string): Promise<void> {
  if (dialectOf(tx) === "postgresql")
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`tandem:team:${shop}`}))::text AS "locked"`;
}

/** Applies one change by an admin; returns the ids of the chats sent back to the queue. */
export async function changeMember(
  shop: string,
  actor: Pick<Operator, "id" | "name">,
  change: MemberChange,
  now: Date = new Date(),
): Promise<{ requeued: string[] }> {
  return visibleChange(async (tx, bump) => {
    await lockTeam(tx, shop);
    const target = await tx.operator.findFirst({ where: { shop, id: change.id } });
    if (!target) throw domainError("not_found", "errors.team.notMember");
    const losesAdmin =
      target.role === "admin" &&
      !target.deactivatedAt &&
      ((change.intent === "role" && change.role !== "admin") || change.intent === "deactivate");
    if (losesAdmin) {
      const others = await tx.operator.count({
        where: { shop, role: "admin", deactivatedAt: null, id: { not: target.id } },
      });
      if (others === 0)
        throw domainError("conflict", "errors.team.lastAdmin", undefined, { details: { reason: "last_admin" } });
    }
    let requeued: string[] = [];
    const data =
      change.intent === "role"
        ? { role: change.role }
        : change.intent === "capacity"
          ? { capacity: change.capacity }
          : change.intent === "deactivate"
            ? { deactivatedAt: target.deactivatedAt ?? now, presence: "offline" }
            : { deactivatedAt: null };
    await tx.operator.updateMany({ where: { shop, id: target.id }, data });
    if (change.intent === "deactivate") {
      requeued = await requeueChatsOf(tx, bump, shop, target.id, actor.id, now);
      // Transfers waiting for them go to the queue too (ADR 220).
      await endTransfersTo(tx, bump, shop, target.id, { type: "operator", id: actor.id });
    }
    await writeAudit(
      shop,
      {
        actorType: "operator",
        actorId: actor.id,
        action: `team.${change.intent}`,
        targetType: "operator",
        targetId: target.id,
        data: {
          ...(change.intent === "role" ? { from: target.role, to: change.role } : {}),
          ...(change.intent === "capacity" ? { from: target.capacity, to: change.capacity } : {}),
          ...(requeued.length ? { requeued: requeued.length } : {}),
        },
      },
      tx,
    );
    return { requeued };
  });
}
