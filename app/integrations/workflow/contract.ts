/**
 * The workflow mode's two messages (ARCHITECTURE.md "Contract: workflow callback", docs/api/workflow.md):
 * what Tandem posts to the merchant's workflow for each shopper message, and the callback the
 * workflow answers with. Shared by the sender, the callback route, the n8n example's test and docs.
 */
import { z } from "zod";

export const WORKFLOW_REQUEST_VERSION = 1;

/** POSTed (signed, Standard Webhooks) to the workflow URL; `webhook-id` is `wfm_<messageId>`. */
export interface WorkflowRequest {
  type: "message.created";
  version: number;
  timestamp: string;
  shop: string;
  callbackUrl: string;
  conversation: { id: string; locale: string | null; customerId: string | null };
  message: { id: string; text: string };
  /** Earlier messages, oldest first (never internal notes). */
  history: { role: "shopper" | "ai" | "operator" | "system"; text: string }[];
}

const text = z.string().trim().min(1).max(4000);
const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), "must be an http or https URL");

const productCard = z.object({
  type: z.literal("product"),
  title: z.string().min(1).max(200),
  price: z.union([z.string().max(40), z.number()]).optional(),
  url: httpUrl.optional(),
  imageUrl: httpUrl.optional(),
  variantId: z.union([z.string().max(40), z.number()]).optional(),
});
const orderCard = z.object({
  type: z.literal("order"),
  name: z.string().min(1).max(60),
  status: z.string().min(1).max(60),
  url: httpUrl.optional(),
});

export const workflowCallback = z
  .object({
    conversationId: z.string().min(1).max(64),
    action: z.enum(["reply", "handoff", "close", "tag"]),
    text: text.optional(),
    quickReplies: z.array(z.string().trim().min(1).max(80)).max(6).optional(),
    cards: z
      .array(z.discriminatedUnion("type", [productCard, orderCard]))
      .max(5)
      .optional(),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    reason: z.string().max(200).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.action === "reply" && !body.text && !body.cards?.length)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["text"], message: "a reply needs text or cards" });
    if (body.action === "tag" && !body.tags?.length)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["tags"], message: "a tag action needs tags" });
  });
export type WorkflowCallback = z.infer<typeof workflowCallback>;

/** What a waiting reply job receives from the callback (WorkflowAnswer.payload). */
export type WorkflowAnswerPayload =
  | { kind: "reply"; text: string; quickReplies?: string[]; cards?: z.infer<typeof productCard | typeof orderCard>[] }
  | { kind: "handoff"; reason: string; text?: string };
