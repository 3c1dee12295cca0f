import type { ChatCompletionTool } from "openai/resources/chat/completions";
import { logger } from "../../logger.server";
import { getProduct, searchProducts } from "./catalog.server";
import { listMyOrders, lookupOrder } from "./orders.server";
import { createTicket, handoffToHuman, searchKnowledge } from "./support.server";
import type { ShopifyData } from "../../integrations/shopify/data.server";
import { refusal, type ToolContext, type ToolDefinition } from "./types";

export const TOOLS: ToolDefinition[] = [
  searchProducts,
  getProduct,
  listMyOrders,
  lookupOrder,
  searchKnowledge,
  handoffToHuman,
  createTicket,
] as ToolDefinition[];

export const TOOL_TIMEOUT_MS = 10_000;

/** A fresh per-reply tool context (the AI's orchestrator and the built-in intent router alike). */
export function createToolContext(
  input: {
    shop: string;
    conversationId: string;
    customerId: string | null;
    /** The sender's visitor key (limits per visitor), when known. */
    visitor?: string | null;
    locale: string | null;
    signal: AbortSignal;
  },
  shopify: () => Promise<ShopifyData>,
): ToolContext {
  let data: Promise<ShopifyData> | undefined;
  return {
    shop: input.shop,
    conversationId: input.conversationId,
    customerId: input.customerId,
    visitor: input.visitor ?? null,
    locale: input.locale,
    signal: input.signal,
    shopify: () => (data ??= shopify()),
    cards: [],
    sources: [],
    trace: [],
    handoff: null,
    unanswered: [],
  };
}
const MAX_RESULT_CHARS = 6_000;

export function toolSpecs(): ChatCompletionTool[] {
  return TOOLS.map((t) => ({
    type: "function" as const,
    function: { name: t.name, description: t.description, parameters: t.parameters },
  }));
}

/**
 * Runs one tool call from the model: unknown tool or invalid arguments → a refusal the model can
 * read; each run has a timeout; the trace records what the model saw. Returns the JSON for the
 * `tool` message.
 */
export async function runTool(name: string, rawArguments: string, ctx: ToolContext): Promise<string> {
  const started = Date.now();
  const tool = TOOLS.find((t) => t.name === name);
  let args: unknown = rawArguments;
  let result: unknown;
  let ok = false;
  try {
    args = rawArguments ? JSON.parse(rawArguments) : {};
  } catch {
    result = refusal("invalid_arguments", "Arguments must be a JSON object.");
  }
  if (!result) {
    if (!tool) {
      result = refusal("unknown_tool", `There is no tool named ${name}.`);
    } else {
      const parsed = tool.schema.safeParse(args);
      if (!parsed.success) {
        result = refusal(
          "invalid_arguments",
          parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("; "),
        );
      } else {
        try {
          result = await withTimeout(tool.run(parsed.data, ctx), TOOL_TIMEOUT_MS);
          ok = (result as { ok?: boolean }).ok !== false;
        } catch (error) {
          const kind = (error as { kind?: string }).kind ?? "upstream";
          logger.warn({ shop: ctx.shop, conversationId: ctx.conversationId, tool: name, kind }, "ai: tool failed");
          result = refusal(
            kind === "timeout" ? "timeout" : "unavailable",
            "This information is not available right now. Offer a person.",
          );
        }
      }
    }
  }
  ctx.trace.push({ name, arguments: args, ok, result, ms: Date.now() - started });
  const json = JSON.stringify(result);
  return json.length > MAX_RESULT_CHARS ? `${json.slice(0, MAX_RESULT_CHARS)}…(truncated)` : json;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("tool timed out"), { kind: "timeout" })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
