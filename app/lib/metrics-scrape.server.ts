/**
 * The database-backed gauges of /metrics, read at scrape time (a few grouped queries, across all
 * shops: labels are states and job types, never a shop). Then the registry's text.
 */
import { db } from "../db.server";
import { metrics } from "./metrics.server";

const OPEN_STATES = ["ai", "queued", "assigned", "waiting_shopper"];

async function collectDatabaseGauges(now = new Date()): Promise<void> {
  const m = metrics();
  const client = db();
  const [byState, oldestQueued, pending, dead, webhookDead] = await Promise.all([
    client.conversation.groupBy({ by: ["state"], where: { state: { in: OPEN_STATES } }, _count: { _all: true } }),
    client.conversation.findFirst({
      where: { state: "queued", queuedAt: { not: null } },
      orderBy: { queuedAt: "asc" },
      select: { queuedAt: true },
    }),
    client.job.groupBy({
      by: ["type"],
      where: { status: { in: ["pending", "running"] } },
      _count: { _all: true },
      _min: { runAt: true },
    }),
    client.job.groupBy({ by: ["type"], where: { status: "dead" }, _count: { _all: true } }),
    client.webhookDelivery.count({ where: { status: "dead" } }),
  ]);
  m.conversations.reset();
  for (const state of OPEN_STATES) m.conversations.set({ state }, 0);
  for (const row of byState) m.conversations.set({ state: row.state }, row._count._all);
  m.queueWait.set(oldestQueued?.queuedAt ? Math.max(0, (now.getTime() - oldestQueued.queuedAt.getTime()) / 1000) : 0);
  m.jobsDepth.reset();
  m.jobsLag.reset();
  for (const row of pending) {
    m.jobsDepth.set({ type: row.type }, row._count._all);
    const due = row._min.runAt;
    m.jobsLag.set({ type: row.type }, due && due < now ? (now.getTime() - due.getTime()) / 1000 : 0);
  }
  m.jobsDead.reset();
  for (const row of dead) m.jobsDead.set({ type: row.type }, row._count._all);
  m.webhookDead.set(webhookDead);
}

/** The Prometheus text exposition of this process (and the shared database gauges). */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  await collectDatabaseGauges();
  const registry = metrics().registry;
  return { contentType: registry.contentType, body: await registry.metrics() };
}
