/**
 * The audit log: disclosures of order data, data exports, redactions. Rows carry identifiers and
 * small JSON facts, never message text. Every function takes the shop first and scopes by it.
 */
import { db, type Tx } from "../db.server";

export interface AuditEntry {
  actorType: "shopper" | "ai" | "operator" | "system" | "shopify";
  actorId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  data?: Record<string, unknown> | null;
}

export async function writeAudit(shop: string, entry: AuditEntry, client: Tx = db()) {
  return client.auditLog.create({
    data: {
      shop,
      actorType: entry.actorType,
      actorId: entry.actorId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      data: entry.data ? JSON.stringify(entry.data) : null,
    },
  });
}

export async function listAudit(
  shop: string,
  options: { action?: string; since?: Date; limit?: number } = {},
  client: Tx = db(),
) {
  return client.auditLog.findMany({
    where: {
      shop,
      ...(options.action ? { action: options.action } : {}),
      ...(options.since ? { createdAt: { gte: options.since } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? 100,
  });
}
