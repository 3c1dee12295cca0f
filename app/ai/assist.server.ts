import { getConversationForAi, listTranscript, setHandoffSummary } from "../repositories/ai.server";
import { resolveAiConfig } from "./config.server";
import { circuitInfo } from "./circuit-breaker.server";
import { chat } from "./provider.server";
import { dailyBudget, estimateCostMicros, recordUsage } from "./usage.server";
import { AiError } from "./errors";
import { builtinRespond } from "./builtin.server";
import { providerRespond } from "./orchestrator.server";
import { shopifyDataForShop, type ShopifyData } from "../integrations/shopify/data.server";
import { logger } from "../logger.server";

/**
 * Operator assist: a short summary at handoff (stored on the conversation) and a suggested reply
 * on request (returned to the operator, never sent by itself).
 */

const ORDER_RE = /#\d{3,10}\b/g;

/** Summaries carry no email addresses or phone numbers (the transcript has them if needed). */
function redact(text: string) {
  return text.replace(/[^\s@]+@[^\s@]+\.[^\s@]+/g, "[email]").replace(/\+?\d[\d\s-]{7,}\d/g, "[phone]");
}

function clip(text: string, n: number) {
  const t = redact(text).replace(/\s+/g, " ").trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

/** Extractive summary: the first and latest shopper requests, order numbers mentioned, AI attempts. */
export function extractiveSummary(transcript: { role: string; text: string }[]): string {
  const shopper = transcript.filter((m) => m.role === "shopper");
  const ai = transcript.filter((m) => m.role === "ai");
  const orders = [...new Set(transcript.flatMap((m) => m.text.match(ORDER_RE) ?? []))];
  const parts: string[] = [];
  if (shopper[0]) parts.push(`Shopper asked: "${clip(shopper[0].text, 160)}"`);
  if (shopper.length > 1) parts.push(`Latest: "${clip(shopper[shopper.length - 1]!.text, 160)}"`);
  if (orders.length) parts.push(`Orders mentioned: ${orders.slice(0, 5).join(", ")}`);
  parts.push(`${shopper.length} shopper message(s), ${ai.length} AI answer(s).`);
  return parts.join(". ").replace(/\.\./g, ".");
}

export { HANDOFF_SUMMARY_JOB } from "../domain/conversations/job-types";

/**
 * Builds the operator's handoff summary. With a working provider: a 2–3 sentence model summary;
 * otherwise extractive. Stores it on the conversation (Conversation.handoffSummary) and returns it.
 */
export async function buildHandoffSummary(
  shop: string,
  conversationId: string,
  options: { extraShopperText?: string; store?: boolean } = {},
): Promise<string> {
  const transcript = (await listTranscript(shop, conversationId, 40)).map((m) => ({ role: m.role, text: m.text }));
  if (options.extraShopperText && transcript[transcript.length - 1]?.text !== options.extraShopperText) {
    transcript.push({ role: "shopper", text: options.extraShopperText });
  }
  let summary = extractiveSummary(transcript);
  const config = await resolveAiConfig(shop);
  const usable =
    config.apiKey &&
    (await circuitInfo(shop, config.baseUrl)).state !== "open" &&
    !(await dailyBudget(shop, config.dailyTokenCap)).exhausted &&
    transcript.length > 0;
  if (usable) {
    try {
      const turn = await chat(config, {
        maxTokens: 160,
        messages: [
          {
            role: "system",
            content:
              "Summarise this support chat for the store operator taking over, in 2-3 short sentences in English: what the shopper needs, facts already established (order numbers, products), and what is still open. Plain text. Do not include email addresses or phone numbers.",
          },
          { role: "user", content: transcript.map((m) => `${m.role}: ${clip(m.text, 400)}`).join("\n") },
        ],
      });
      if (turn.text.trim()) summary = clip(turn.text, 600);
      await recordUsage(shop, conversationId, {
        ...turn.usage,
        costMicros: estimateCostMicros(config.model, turn.usage.tokensIn, turn.usage.tokensOut),
      });
    } catch (error) {
      if (!(error instanceof AiError)) throw error;
      logger.warn({ shop, conversationId, kind: error.kind }, "ai: handoff summary fell back to extractive");
    }
  }
  if (options.store !== false) await setHandoffSummary(shop, conversationId, summary);
  return summary;
}

export interface SuggestedReply {
  text: string;
  source: "provider" | "knowledge" | "none";
}

/**
 * A draft reply for the operator, from the latest shopper message. Never sent by itself: the inbox
 * shows it in the reply box for the operator to edit and send.
 */
export async function suggestReply(
  shop: string,
  conversationId: string,
  deps: { shopify?: (shop: string) => Promise<ShopifyData> } = {},
): Promise<SuggestedReply | null> {
  const conv = await getConversationForAi(shop, conversationId);
  if (!conv) return null;
  const transcript = await listTranscript(shop, conversationId, 30);
  const lastShopper = [...transcript].reverse().find((m) => m.role === "shopper");
  if (!lastShopper) return { text: "", source: "none" };
  const config = await resolveAiConfig(shop);
  const input = {
    shop,
    conversationId,
    messageId: lastShopper.id,
    text: lastShopper.text,
    locale: conv.locale,
    customerId: conv.customerId,
    history: transcript
      .filter((m) => m.id !== lastShopper.id && ["shopper", "ai", "operator", "system"].includes(m.role))
      .map((m) => ({ role: m.role as "shopper" | "ai" | "operator" | "system", text: m.text })),
    signal: AbortSignal.timeout(45_000),
  };
  if (
    config.apiKey &&
    (await circuitInfo(shop, config.baseUrl)).state !== "open" &&
    !(await dailyBudget(shop, config.dailyTokenCap)).exhausted
  ) {
    try {
      const shopify = deps.shopify ?? shopifyDataForShop;
      const out = await providerRespond({ ...config, handoffEnabled: false }, input, null, () => shopify(shop));
      await recordUsage(shop, conversationId, {
        ...out.usage,
        costMicros: estimateCostMicros(config.model, out.usage.tokensIn, out.usage.tokensOut),
      });
      if (out.text) return { text: out.text, source: "provider" };
    } catch (error) {
      if (!(error instanceof AiError)) throw error;
    }
  }
  const fb = await builtinRespond(input, null, { logUnanswered: false });
  return fb.failed ? { text: "", source: "none" } : { text: fb.text, source: "knowledge" };
}
