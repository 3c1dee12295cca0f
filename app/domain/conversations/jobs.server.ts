/** Registers the conversation engine's job handlers (called from app/jobs/handlers.server.ts). */
import { registerReplyJob } from "./reply-job.server";
import { registerRetentionJob } from "./retention.server";
import { registerTimeoutJobs } from "./timeouts.server";
import { registerTransferJobs } from "./transfers.server";

export function registerConversationJobs(): void {
  registerReplyJob();
  registerTimeoutJobs();
  registerRetentionJob();
  registerTransferJobs();
}
