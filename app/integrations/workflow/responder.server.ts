/**
 * The workflow responder (ADR 163): for a shop in workflow mode, each shopper message is posted,
 * signed, to the merchant's workflow, and the reply job waits for the workflow's signed callback
 * (callback.server.ts stores it as a WorkflowAnswer; this responder returns it, so the reply is
 * written by the reply job's own write path, like an AI reply). When the workflow is down, answers
 * with an error or does not call back within the shop's timeout, the built-in responder answers
 * and offers a person. Failures feed a circuit breaker per shop and workflow URL (the AI's
 * breaker, keyed `workflow:<url>`), shown in /readyz.
 */
import { EventEmitter } from "node:events";
import { db } from "../../db.server";
import { env } from "../../env.server";
import { logger } from "../../logger.server";
import { allowRequest, recordFailure, recordSuccess } from "../../ai/circuit-breaker.server";
import { builtinRespond } from "../../ai/builtin.server";
import { fallbackText } from "../../ai/fallback-text";
import { shopifyDataForShop } from "../../integrations/shopify/data.server";
import type { Responder, ResponderInput, ResponderResult } from "../../domain/responder";
import { countWorkflowCall } from "../../lib/metrics.server";
import { postSigned } from "../webhooks/delivery.server";
import { usesWorkflow, workflowConfig, type WorkflowConfig } from "./settings.server";
import { WORKFLOW_REQUEST_VERSION, type WorkflowAnswerPayload, type WorkflowRequest } from "./contract";

const POLL_MS = 200;
export const CIRCUIT_PREFIX = "workflow:";

const answers = new EventEmitter().setMaxListeners(0);

/** In-process wake-up when a callback stored an answer (other instances find it by polling). */
export function answerBus(): EventEmitter {
  return answers;
}

export function workflowRequestId(messageId: string): string {
  return `wfm_${messageId}`;
}

export function callbackUrl(): string {
  return new URL("/hooks/workflow", env().SHOPIFY_APP_URL).href;
}

async function findAnswer(shop: string, messageId: string): Promise<WorkflowAnswerPayload | null> {
  const row = await db().workflowAnswer.findFirst({ where: { shop, messageId } });
  if (!row) return null;
  try {
    return JSON.parse(row.payload) as WorkflowAnswerPayload;
  } catch {
    return null;
  }
}

function toResult(answer: WorkflowAnswerPayload): ResponderResult {
  if (answer.kind === "handoff")
    return { text: answer.text ?? "", handoff: { reason: `workflow:${answer.reason}`.slice(0, 120) } };
  return {
    text: answer.text,
    ...(answer.quickReplies?.length ? { quickReplies: answer.quickReplies } : {}),
    ...(answer.cards?.length ? { cards: answer.cards as ResponderResult["cards"] } : {}),
  };
}

/** Waits for the callback's answer, the conversation leaving the AI, or the deadline. */
async function waitForAnswer(input: ResponderInput, timeoutMs: number): Promise<WorkflowAnswerPayload | "left" | null> {
  const deadline = Date.now() + timeoutMs;
  const bus = answerBus();
  while (Date.now() < deadline && !input.signal.aborted) {
    const answer = await findAnswer(input.shop, input.messageId);
    if (answer) return answer;
    const conv = await db().conversation.findFirst({
      where: { id: input.conversationId, shop: input.shop },
      select: { state: true },
    });
    if (conv?.state !== "ai") return "left";
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        bus.off(input.messageId, done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
      bus.on(input.messageId, done);
    });
  }
  return (await findAnswer(input.shop, input.messageId)) ?? null;
}

/** The built-in responder's answer, with a way to a person. */
async function fallback(input: ResponderInput, config: WorkflowConfig, reason: string): Promise<ResponderResult> {
  logger
    .child({ shop: input.shop, conversationId: input.conversationId })
    .warn({ reason }, "workflow: the built-in responder answers");
  const out = await builtinRespond(input, null, {
    logUnanswered: false,
    handoffEnabled: config.handoffEnabled,
    shopify: () => shopifyDataForShop(input.shop),
  });
  const person = config.handoffEnabled ? [fallbackText(input.locale).person] : [];
  return {
    text: out.text,
    ...(out.cards?.length ? { cards: out.cards } : {}),
    quickReplies: [...new Set([...(out.quickReplies ?? []), ...person])],
  };
}

export async function workflowRespond(input: ResponderInput): Promise<ResponderResult> {
  const config = await workflowConfig(input.shop);
  const earlier = await findAnswer(input.shop, input.messageId);
  if (earlier) return toResult(earlier); // a rerun of the job after the callback came
  if (!config.url || !config.secret) return fallback(input, config, "not_configured");
  const circuit = CIRCUIT_PREFIX + config.url;
  if (!(await allowRequest(input.shop, circuit))) {
    countWorkflowCall("circuit_open");
    return fallback(input, config, "circuit_open");
  }
  const request: WorkflowRequest = {
    type: "message.created",
    version: WORKFLOW_REQUEST_VERSION,
    timestamp: new Date().toISOString(),
    shop: input.shop,
    callbackUrl: callbackUrl(),
    conversation: { id: input.conversationId, locale: input.locale, customerId: input.customerId },
    message: { id: input.messageId, text: input.text },
    history: input.history.slice(-20),
  };
  const sent = await postSigned(
    config.url,
    config.secret,
    workflowRequestId(input.messageId),
    JSON.stringify(request),
    new Date(),
  );
  if (!sent.ok) {
    countWorkflowCall(sent.outcome === "timeout" ? "timeout" : "failed");
    await recordFailure(input.shop, circuit, sent.outcome);
    return fallback(input, config, sent.outcome);
  }
  countWorkflowCall("sent");
  const answer = await waitForAnswer(input, config.timeoutMs);
  if (answer === "left") return { text: "" };
  if (!answer) {
    countWorkflowCall("timeout");
    await recordFailure(input.shop, circuit, "no_callback");
    return fallback(input, config, "no_callback");
  }
  countWorkflowCall("answered");
  await recordSuccess(input.shop, circuit);
  return toResult(answer);
}

/**
 * The responder the engine uses: the workflow for shops in workflow mode, `assistant` otherwise.
 * The one place the shop setting selects the responder.
 */
export function withWorkflowMode(assistant: Responder): Responder {
  return {
    async quick(shop) {
      if (await usesWorkflow(shop)) return null;
      return assistant.quick ? assistant.quick(shop) : null;
    },
    async respond(input, sink) {
      if (await usesWorkflow(input.shop)) return workflowRespond(input);
      return assistant.respond(input, sink);
    },
  };
}
