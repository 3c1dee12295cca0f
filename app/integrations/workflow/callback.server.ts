/**
 * The workflow's signed callback (POST /hooks/workflow, ADR 164). The order of the checks matters:
 * size, then the Standard Webhooks signature with the secret of the shop that owns the named
 * conversation (5-minute tolerance, by the library), then replay protection by `webhook-id`
 * (InboundReceipt, in the same transaction as the action), then the body's shape (422 with field
 * errors). Nothing is written and nothing is cached before the signature holds; an unknown
 * conversation and a wrong signature get the same 401.
 *
 * Actions: `reply` and `handoff` answer the shopper message the reply job is waiting on (the job
 * writes them: one write path for every reply); without a waiting message a handoff escalates at
 * once and a reply is refused with 409. `close` and `tag` change the conversation at once.
 */
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import type { Tx } from "../../db.server";
import { db } from "../../db.server";
import { isUniqueViolation } from "../../db/errors.server";
import { visibleChange } from "../../domain/versions.server";
import { ConversationChange, escalateInTx } from "../../domain/conversations/engine.server";
import { normaliseTags } from "../../domain/conversations/operator-actions.server";
import { DomainError } from "../../domain/conversations/errors";
import { workflowConfig } from "./settings.server";
import { answerBus } from "./responder.server";
import { workflowCallback, type WorkflowAnswerPayload, type WorkflowCallback } from "./contract";

export const MAX_CALLBACK_BYTES = 64 * 1024;
const WORKFLOW_ACTOR = { type: "ai", id: "workflow" } as const;

export type CallbackOutcome = { status: number; body: Record<string, unknown> };

const error = (
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): CallbackOutcome => ({
  status,
  body: { error: { code, message, ...extra } },
});

function conversationIdOf(raw: string): string | null {
  try {
    const body = JSON.parse(raw) as { conversationId?: unknown };
    return typeof body.conversationId === "string" && body.conversationId.length <= 64 ? body.conversationId : null;
  } catch {
    return null;
  }
}

/** The shopper message waiting for its answer: the newest shopper message without a final reply. */
async function waitingMessage(tx: Tx, shop: string, conversationId: string): Promise<string | null> {
  const last = await tx.message.findFirst({
    where: { shop, conversationId, role: "shopper" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (!last) return null;
  const reply = await tx.message.findFirst({
    where: { shop, replyToId: last.id, status: { not: "streaming" } },
    select: { id: true },
  });
  return reply ? null : last.id;
}

async function loadChange(tx: Tx, bump: Parameters<Parameters<typeof visibleChange>[0]>[1], shop: string, id: string) {
  const row = await tx.conversation.findFirst({ where: { id, shop } });
  if (!row) throw new DomainError("not_found", "conversation not found");
  return new ConversationChange(tx, bump, row);
}

async function apply(shop: string, body: WorkflowCallback, webhookId: string): Promise<CallbackOutcome> {
  let answered: string | null = null;
  const outcome = await visibleChange(async (tx, bump) => {
    await tx.inboundReceipt.create({ data: { id: `workflow:${shop}:${webhookId}`, shop } });
    const change = await loadChange(tx, bump, shop, body.conversationId);
    const conv = change.conv;
    if (body.action === "close") {
      if (conv.state !== "closed") {
        await change.apply({ type: "close", actor: WORKFLOW_ACTOR, reason: "resolved" }, {}, { source: "workflow" });
        await change.systemNotice("closed");
      }
      return { status: 200, body: { ok: true, state: "closed" } };
    }
    if (body.action === "tag") {
      const tags = normaliseTags([...conv.tags.split(",").filter(Boolean), ...(body.tags ?? [])]);
      await tx.conversation.updateMany({ where: { id: conv.id, shop }, data: { tags: tags.join(",") } });
      await change.record("tagged", WORKFLOW_ACTOR, { tags });
      return { status: 200, body: { ok: true, tags } };
    }
    if (conv.state !== "ai")
      return error(409, "conflict", "a person holds the conversation, or it is closed", { reason: "not_ai" });
    const messageId = await waitingMessage(tx, shop, conv.id);
    if (body.action === "handoff") {
      if (messageId) {
        const answer: WorkflowAnswerPayload = {
          kind: "handoff",
          reason: body.reason ?? "workflow",
          ...(body.text ? { text: body.text } : {}),
        };
        await tx.workflowAnswer.create({
          data: { messageId, shop, conversationId: conv.id, payload: JSON.stringify(answer) },
        });
        answered = messageId;
        return { status: 202, body: { ok: true, accepted: "handoff" } };
      }
      const result = await escalateInTx(change, WORKFLOW_ACTOR, `workflow:${body.reason ?? "handoff"}`.slice(0, 200));
      return { status: 200, body: { ok: true, state: result.state, offline: result.offline } };
    }
    if (!messageId)
      return error(409, "conflict", "no shopper message is waiting for an answer", { reason: "answered" });
    const answer: WorkflowAnswerPayload = {
      kind: "reply",
      text: body.text ?? "",
      ...(body.quickReplies?.length ? { quickReplies: body.quickReplies } : {}),
      ...(body.cards?.length ? { cards: body.cards } : {}),
    };
    await tx.workflowAnswer.create({
      data: { messageId, shop, conversationId: conv.id, payload: JSON.stringify(answer) },
    });
    answered = messageId;
    return { status: 202, body: { ok: true, accepted: "reply", messageId } };
  });
  if (answered) answerBus().emit(answered);
  return outcome;
}

export async function handleWorkflowCallback(raw: string, headers: Headers): Promise<CallbackOutcome> {
  if (Buffer.byteLength(raw) > MAX_CALLBACK_BYTES) return error(413, "too_large", "the body is over 64 KB");
  const signed = {
    "webhook-id": headers.get("webhook-id") ?? "",
    "webhook-timestamp": headers.get("webhook-timestamp") ?? "",
    "webhook-signature": headers.get("webhook-signature") ?? "",
  };
  const unauthorized = error(401, "unauthorized", "the signature does not verify");
  if (!signed["webhook-id"] || signed["webhook-id"].length > 200) return unauthorized;
  const conversationId = conversationIdOf(raw);
  if (!conversationId) return unauthorized;
  const conv = await db().conversation.findFirst({ where: { id: conversationId }, select: { shop: true } });
  if (!conv) return unauthorized;
  const config = await workflowConfig(conv.shop);
  if (!config.secret) return unauthorized;
  let parsedJson: unknown;
  try {
    parsedJson = new Webhook(config.secret).verify(raw, signed);
  } catch (e) {
    if (e instanceof WebhookVerificationError) return unauthorized;
    throw e;
  }
  const parsed = workflowCallback.safeParse(parsedJson);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "body"] ??= issue.message;
    return error(422, "invalid_request", "the callback body is not valid", { fieldErrors });
  }
  try {
    return await apply(conv.shop, parsed.data, signed["webhook-id"]);
  } catch (e) {
    if (isUniqueViolation(e)) {
      // The same webhook-id again (a retry), or a second answer to the same message.
      const seen = await db().inboundReceipt.findUnique({
        where: { id: `workflow:${conv.shop}:${signed["webhook-id"]}` },
      });
      return seen
        ? { status: 200, body: { ok: true, duplicate: true } }
        : error(409, "conflict", "the message was already answered", { reason: "answered" });
    }
    if (e instanceof DomainError) return error(e.status, e.code, e.message);
    throw e;
  }
}
