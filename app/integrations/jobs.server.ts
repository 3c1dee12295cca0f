/**
 * The integrations' background work: one recurring job plans deliveries from the change feed and
 * attempts those due (ADR 161). Running it every 2 s bounds the delay of a webhook after its event.
 */
import { registerJobHandler, scheduleRecurring } from "../jobs/registry.server";
import { planDeliveries } from "./webhooks/dispatch.server";
import { deliverDue } from "./webhooks/delivery.server";

export const WEBHOOKS_JOB = "webhooks.dispatch";
export const WEBHOOKS_EVERY_MS = 2_000;
const PLAN_BATCH = 200;

/**
 * Plans every undispatched event, then attempts what is due. After a burst that is up to 50 batches
 * (10,000 events: two per shopper message at 500 messages/s); on SQLite the event loop still gets a
 * turn every 10 ms (app/db/sqlite-serialized.server.ts `turn`).
 */
export async function runWebhooks(now: () => Date = () => new Date()): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const { events } = await planDeliveries(now(), PLAN_BATCH);
    if (events < PLAN_BATCH) break;
  }
  await deliverDue({ now });
}

export function registerIntegrationJobs(): void {
  registerJobHandler(WEBHOOKS_JOB, async () => {
    await runWebhooks();
  });
  scheduleRecurring(WEBHOOKS_JOB, WEBHOOKS_EVERY_MS);
}
