/**
 * "A shopper is waiting and nobody is online" (PRODUCT.md F3): found by the queued-chat sweep
 * (app/domain/sla/jobs.server.ts), told once per queuing — an admin notification for everyone and
 * an email to the operators who opted in — through a job deduplicated on the chat and the instant
 * it was queued.
 */
import { db, type Db, type Tx } from "../../db.server";
import { enqueue } from "../../jobs/queue.server";
import { registerJobHandler } from "../../jobs/registry.server";
import { z } from "zod";
import { notify } from "../notifications.server";
import { queueStaffEmails } from "../../integrations/email/outbox.server";

export const QUEUED_CHAT_JOB = "notify.queued_chat";

async function nobodyOnline(shop: string, client: Tx): Promise<boolean> {
  return (await client.operator.count({ where: { shop, presence: "online" } })) === 0;
}

export async function queueStaffEmailsForChat(shop: string, conversationId: string, queuedAt: Date, client: Db = db()) {
  if (!(await nobodyOnline(shop, client))) return;
  await client.$transaction((tx) =>
    enqueue(
      tx,
      QUEUED_CHAT_JOB,
      { conversationId },
      { shop, dedupeKey: `queued-chat:${conversationId}:${queuedAt.getTime()}` },
    ),
  );
}

export function registerQueuedChatJobs(): void {
  registerJobHandler<{ conversationId: string }>(
    QUEUED_CHAT_JOB,
    async (job, ctx) => {
      const shop = job.shop;
      if (!shop) return;
      await ctx.db.$transaction(async (tx) => {
        const chat = await tx.conversation.findFirst({
          where: { shop, id: job.payload.conversationId, state: "queued" },
        });
        if (!chat || !(await nobodyOnline(shop, tx))) return;
        await notify(tx, shop, {
          type: "queued_chat",
          title: "notifications.messages.queuedChat",
          link: `/app/conversations/${chat.id}`,
        });
        await queueStaffEmails(tx, shop, "staff_queued_chat");
      });
    },
    { schema: z.object({ conversationId: z.string() }) },
  );
}
