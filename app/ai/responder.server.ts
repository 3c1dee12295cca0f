import type { QuickResponder, Responder, ResponderInput, ResponderResult, ResponderSink } from "../domain/responder";
import { shopifyDataForShop, type ShopifyData } from "../integrations/shopify/data.server";
import { logger } from "../logger.server";
import { builtinQuick, builtinRespond, logUnanswered, type BuiltinReason } from "./builtin.server";
import { knowledgeIndex } from "./knowledge-index.server";
import { circuitInfo } from "./circuit-breaker.server";
import { resolveAiConfig } from "./config.server";
import { AiError } from "./errors";
import { providerRespond } from "./orchestrator.server";
import type { ToolSource, ToolTrace } from "./tools/types";
import { chargeReplyBudget, dailyBudget, estimateCostMicros, recordUsage, spentReplyBudget } from "./usage.server";
import { fallbackText } from "./fallback-text";
import { buildHandoffSummary } from "./assist.server";

export interface DetailedResult extends ResponderResult {
  mode: "provider" | "builtin";
  /** Why the built-in responder answered (null when the provider did). */
  reason: BuiltinReason | null;
  errorKind?: string;
  trace: ToolTrace[];
  sources: ToolSource[];
  cancelled: boolean;
}

export interface ResponderDeps {
  /** Shopify data access for a shop (default: the shop's offline session through the Admin API). */
  shopify?: (shop: string) => Promise<ShopifyData>;
  /** Write usage and unanswered questions (default true; the playground records usage only). */
  persistConversation?: boolean;
}

/**
 * Answers one shopper message: the configured provider when there is a key, neither the shop's
 * daily cap nor the conversation's or visitor's token budget is reached and its circuit is closed;
 * otherwise, or when the provider fails, the built-in responder.
 */
export async function respondDetailed(
  input: ResponderInput,
  sink: ResponderSink | null,
  deps: ResponderDeps = {},
): Promise<DetailedResult> {
  const log = logger.child({ shop: input.shop, conversationId: input.conversationId });
  const persist = deps.persistConversation !== false;
  const config = await resolveAiConfig(input.shop);
  const shopify = deps.shopify ?? shopifyDataForShop;
  const builtin = async (reason: BuiltinReason, errorKind?: string): Promise<DetailedResult> => {
    const { intent: _intent, ...out } = await builtinRespond(input, sink, {
      logUnanswered: persist,
      handoffEnabled: config.handoffEnabled,
      shopify: () => shopify(input.shop),
    });
    return { ...out, mode: "builtin", reason, ...(errorKind ? { errorKind } : {}), cancelled: false };
  };

  if (!config.apiKey) return builtin("no_key");
  const budget = await dailyBudget(input.shop, config.dailyTokenCap);
  if (budget.exhausted) return builtin("daily_cap");
  const spent = await spentReplyBudget(input);
  if (spent) {
    // Said plainly, with the way to a person, rather than a silent change of tone.
    const out = await builtin(spent === "conversation" ? "conversation_budget" : "visitor_budget");
    const t = fallbackText(input.locale);
    const offer = config.handoffEnabled ? [t.person] : [];
    return {
      ...out,
      // An answer the built-in responder is unsure of already offers a person.
      text: [t.budget, out.text, ...(config.handoffEnabled && !out.failed ? [t.budgetPerson] : [])].join("\n\n"),
      quickReplies: [...new Set([...(out.quickReplies ?? []), ...offer])],
    };
  }
  if ((await circuitInfo(input.shop, config.baseUrl)).state === "open") return builtin("circuit_open");

  try {
    const out = await providerRespond(config, input, sink, () => shopify(input.shop));
    const costMicros = estimateCostMicros(config.model, out.usage.tokensIn, out.usage.tokensOut);
    const usage = { ...out.usage, costMicros };
    // Per shop per day here; per conversation the engine's reply job adds `result.usage` when it
    // writes the final reply (one place, so nothing is counted twice).
    await recordUsage(input.shop, null, usage);
    await chargeReplyBudget(input, usage.tokensIn + usage.tokensOut);
    if (persist && out.unanswered.length > 0)
      await logUnanswered(input.shop, input.text, input.locale, input.conversationId);
    let handoff = out.handoff ?? undefined;
    if (handoff && !handoff.summary && persist) {
      handoff = {
        ...handoff,
        summary: await buildHandoffSummary(input.shop, input.conversationId, { extraShopperText: input.text }),
      };
    }
    if (!out.text && !out.cancelled) {
      // The model said nothing useful: count it as a failed answer and offer a person.
      const fb = await builtin("provider_error", "empty");
      return { ...fb, usage, trace: out.trace };
    }
    // The knowledge base had nothing and no tool produced a product or order: not an answer
    // (counts toward the engine's two-failures escalation).
    const failed = out.unanswered.length > 0 && out.cards.length === 0 && !handoff;
    return {
      text: out.text,
      ...(failed ? { failed: true } : {}),
      ...(out.quickReplies.length ? { quickReplies: out.quickReplies } : {}),
      ...(out.cards.length ? { cards: out.cards } : {}),
      ...(handoff ? { handoff } : {}),
      usage,
      mode: "provider",
      reason: null,
      trace: out.trace,
      sources: out.sources,
      cancelled: out.cancelled,
    };
  } catch (error) {
    if (!(error instanceof AiError)) throw error;
    log.warn({ kind: error.kind, status: error.status }, "ai: provider failed; the built-in responder answers");
    return builtin(
      error.kind === "upstream" && /circuit/.test(error.message) ? "circuit_open" : "provider_error",
      error.kind,
    );
  }
}

/** The engine-facing responder (app/domain/responder.ts). */
export function createTandemResponder(deps: ResponderDeps = {}): Responder {
  const persist = deps.persistConversation !== false;
  return {
    // A shop without a key is answered by the built-in responder, which needs no I/O once the
    // settings and the knowledge index are loaded (respondDetailed's "no_key" branch).
    async quick(shop: string): Promise<QuickResponder | null> {
      const config = await resolveAiConfig(shop);
      if (config.apiKey) return null;
      const index = await knowledgeIndex(shop);
      return (input) => {
        const result = builtinQuick(index, input, { handoffEnabled: config.handoffEnabled });
        if (!result || persist) return result;
        const { unanswered: _unanswered, ...rest } = result;
        return rest;
      };
    },
    async respond(input: ResponderInput, sink: ResponderSink): Promise<ResponderResult> {
      const r = await respondDetailed(input, sink, deps);
      return {
        text: r.text,
        ...(r.quickReplies ? { quickReplies: r.quickReplies } : {}),
        ...(r.cards ? { cards: r.cards } : {}),
        ...(r.failed ? { failed: true } : {}),
        ...(r.handoff ? { handoff: r.handoff } : {}),
        ...(r.usage ? { usage: r.usage } : {}),
      };
    },
  };
}
