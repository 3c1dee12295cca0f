import type { z } from "zod";
import type { ResponderCard } from "../../domain/responder";
import type { ShopifyData } from "../../integrations/shopify/data.server";

export interface ToolSource {
  type: "knowledge" | "product" | "order" | "policy";
  id: string;
  title: string;
}

export interface ToolTrace {
  name: string;
  arguments: unknown;
  ok: boolean;
  /** What the model saw (already filtered by authorisation). */
  result: unknown;
  ms: number;
}

/** Per-reply state shared by the tools: who is asking, and what the reply will carry. */
export interface ToolContext {
  shop: string;
  conversationId: string;
  /** Signed Shopify customer id (app proxy `logged_in_customer_id`), or null for guests. */
  customerId: string | null;
  /** The sender's visitor key (per-visitor limits), or null when unknown. */
  visitor: string | null;
  locale: string | null;
  signal: AbortSignal;
  shopify: () => Promise<ShopifyData>;
  cards: ResponderCard[];
  sources: ToolSource[];
  trace: ToolTrace[];
  handoff: { reason: string; summary?: string } | null;
  /** Questions the knowledge base could not answer (logged for the merchant). */
  unanswered: string[];
}

export interface ToolDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> {
  name: string;
  description: string;
  /** JSON Schema sent to the model; `schema` (zod) is what is enforced. */
  parameters: Record<string, unknown>;
  schema: S;
  run(args: z.infer<S>, ctx: ToolContext): Promise<unknown>;
}

/** A refusal the model sees; it must not reveal whether an order exists. */
export function refusal(code: string, message: string) {
  return { ok: false, error: { code, message } };
}
