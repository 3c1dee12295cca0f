import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { ResponderCard, ResponderInput, ResponderSink } from "../domain/responder";
import type { ShopifyData } from "../integrations/shopify/data.server";
import { chat, type ChatUsage } from "./provider.server";
import type { AiConfig } from "./config.server";
import { conversationMessages, systemPrompt } from "./prompt";
import { createToolContext, runTool, toolSpecs } from "./tools/index.server";
import type { ToolSource, ToolTrace } from "./tools/types";
import { AiCancelled } from "./errors";
import { fallbackText } from "./fallback-text";

export const MAX_TOOL_ROUNDS = 4;
const MAX_CARDS = 4;

export interface ProviderOutcome {
  text: string;
  cards: ResponderCard[];
  quickReplies: string[];
  handoff: { reason: string; summary?: string } | null;
  usage: ChatUsage;
  trace: ToolTrace[];
  sources: ToolSource[];
  unanswered: string[];
  /** The stream was stopped because the conversation left the `ai` state. */
  cancelled: boolean;
}

/**
 * The provider responder: system prompt + memory, then up to MAX_TOOL_ROUNDS model turns; text is
 * streamed to the sink as it arrives (the engine throttles writes), tool calls are validated and
 * run with authorisation inside the tools. Throws AiError on provider failure.
 */
export async function providerRespond(
  config: AiConfig,
  input: ResponderInput,
  sink: ResponderSink | null,
  shopify: () => Promise<ShopifyData>,
): Promise<ProviderOutcome> {
  const ctx = createToolContext(input, shopify);
  const system = systemPrompt({
    shopName: config.shopName,
    brandName: config.brandName,
    shopDomain: input.shop,
    persona: config.persona,
    rules: config.rules,
    locale: input.locale,
    signedIn: !!input.customerId,
    handoffEnabled: config.handoffEnabled,
    today: new Date().toISOString().slice(0, 10),
  });
  const messages: ChatCompletionMessageParam[] = conversationMessages(input, system);
  const usage: ChatUsage = { tokensIn: 0, tokensOut: 0 };
  let shown = "";
  let cancelled = false;

  for (let round = 0; round < MAX_TOOL_ROUNDS; round++) {
    const lastRound = round === MAX_TOOL_ROUNDS - 1;
    const separator = shown && !/\s$/.test(shown) ? "\n\n" : "";
    let first = true;
    let turn;
    try {
      turn = await chat(config, {
        messages,
        tools: lastRound ? undefined : toolSpecs(),
        signal: input.signal,
        onText: sink
          ? async (delta) => {
              shown += (first ? separator : "") + delta;
              first = false;
              return sink.update(shown);
            }
          : undefined,
      });
    } catch (error) {
      if (error instanceof AiCancelled) {
        cancelled = true;
        break;
      }
      throw error;
    }
    usage.tokensIn += turn.usage.tokensIn;
    usage.tokensOut += turn.usage.tokensOut;
    if (!sink && turn.text) shown += (shown ? "\n\n" : "") + turn.text;
    if (turn.toolCalls.length === 0) break;
    messages.push({
      role: "assistant",
      content: turn.text || null,
      tool_calls: turn.toolCalls.map((c) => ({
        id: c.id,
        type: "function" as const,
        function: { name: c.name, arguments: c.arguments },
      })),
    });
    for (const call of turn.toolCalls) {
      if (input.signal.aborted) break;
      const content = await runTool(call.name, call.arguments, ctx);
      messages.push({ role: "tool", tool_call_id: call.id, content });
    }
    if (input.signal.aborted) {
      cancelled = true;
      break;
    }
  }

  const t = fallbackText(input.locale);
  let text = shown.trim();
  if (!text && ctx.handoff) text = t.handoff;
  return {
    text,
    cards: ctx.cards.slice(0, MAX_CARDS),
    quickReplies: ctx.handoff || !config.handoffEnabled ? [] : ctx.unanswered.length > 0 ? [t.person] : [],
    handoff: ctx.handoff,
    usage,
    trace: ctx.trace,
    sources: ctx.sources,
    unanswered: ctx.unanswered,
    cancelled,
  };
}
