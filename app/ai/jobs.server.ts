/**
 * The assistant's part of every worker process: the real Responder for the engine's reply job,
 * and the handoff-summary job (enqueue HANDOFF_SUMMARY_JOB with {conversationId} when a chat is
 * handed to a person without a summary, e.g. from the shopper's button).
 */
import { z } from "zod";
import { registerJobHandler } from "../jobs/registry.server";
import { hasResponder, setResponder } from "../domain/conversations/responder-registry.server";
import { createTandemResponder } from "./responder.server";
import { withWorkflowMode } from "../integrations/workflow/responder.server";
import { buildHandoffSummary, HANDOFF_SUMMARY_JOB } from "./assist.server";

export { HANDOFF_SUMMARY_JOB };

export function registerAiJobs(): void {
  // A responder set before the worker starts (tests script one) is kept. Shops in workflow mode
  // are answered by their workflow (app/integrations/workflow).
  if (!hasResponder()) setResponder(withWorkflowMode(createTandemResponder()));
  registerJobHandler<{ conversationId: string }>(
    HANDOFF_SUMMARY_JOB,
    async (job) => {
      if (!job.shop) return;
      await buildHandoffSummary(job.shop, job.payload.conversationId);
    },
    { schema: z.object({ conversationId: z.string().min(1) }) },
  );
}
