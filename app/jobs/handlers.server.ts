/**
 * Every job handler of the app, registered once per process by the entry points
 * (server/app-server.ts for the inline worker, server/worker.ts for `npm run worker`).
 * Add one line per area: `register<Area>Jobs()` exported from that area's module.
 */
import { registerMaintenanceJobs } from "./maintenance.server";
import { registerConversationJobs } from "../domain/conversations/jobs.server";
import { registerAiJobs } from "../ai/jobs.server";
import { registerEmailJobs } from "../integrations/email/outbox.server";
import { registerSlaJobs } from "../domain/sla/jobs.server";
import { registerIntegrationJobs } from "../integrations/jobs.server";

let registered = false;

export function registerAllJobHandlers(): void {
  if (registered) return;
  registered = true;
  registerMaintenanceJobs();
  registerConversationJobs();
  registerAiJobs();
  registerEmailJobs();
  registerSlaJobs();
  registerIntegrationJobs();
}
