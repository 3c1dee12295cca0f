import { z } from "zod";
import { knowledgeIndex } from "../knowledge-index.server";
import { answerFromKnowledge } from "../retrieval/answer";
import { type ToolDefinition } from "./types";

const knowledgeSchema = z.object({ query: z.string().trim().min(1).max(300) });

/** Minimum BM25 score for an entry to be shown to the model at all (the model judges relevance). */
const MIN_TOOL_SCORE = 1;

export const searchKnowledge: ToolDefinition<typeof knowledgeSchema> = {
  name: "search_knowledge",
  description:
    "Search the store's FAQ and policies (shipping, returns, refunds, warranty, payment, sizing, opening hours). Use before answering any policy question.",
  parameters: {
    type: "object",
    properties: { query: { type: "string", description: "The shopper's question or its key words" } },
    required: ["query"],
    additionalProperties: false,
  },
  schema: knowledgeSchema,
  async run(args, ctx) {
    const index = await knowledgeIndex(ctx.shop);
    const { confident, hits: all } = answerFromKnowledge(index, args.query, ctx.locale);
    // Loosely related entries still go to the model (it judges relevance), but only a confident
    // match counts as answered; otherwise the question is logged for the merchant.
    if (!confident) ctx.unanswered.push(args.query);
    const hits = all.filter((h) => h.score >= MIN_TOOL_SCORE);
    if (hits.length === 0) {
      return {
        ok: true,
        results: [],
        note: "Nothing in the FAQ or policies. Do not guess: offer a person or a ticket.",
      };
    }
    for (const h of hits)
      ctx.sources.push({ type: h.doc.kind === "policy" ? "policy" : "knowledge", id: h.doc.id, title: h.doc.question });
    return {
      ok: true,
      results: hits.map((h) => ({ id: h.doc.id, kind: h.doc.kind, question: h.doc.question, answer: h.doc.answer })),
    };
  },
};

const handoffSchema = z.object({
  reason: z.string().trim().min(1).max(200),
  summary: z.string().trim().max(600).optional(),
});

export const handoffToHuman: ToolDefinition<typeof handoffSchema> = {
  name: "handoff_to_human",
  description:
    "Hand the chat to a person. Use when the shopper asks for a person, is upset, or you cannot help after trying the other tools. Give a one-paragraph summary for the operator.",
  parameters: {
    type: "object",
    properties: {
      reason: { type: "string" },
      summary: { type: "string", description: "What the shopper needs and what is known so far" },
    },
    required: ["reason"],
    additionalProperties: false,
  },
  schema: handoffSchema,
  async run(args, ctx) {
    ctx.handoff = { reason: args.reason, ...(args.summary ? { summary: args.summary } : {}) };
    return { ok: true, note: "A person is being asked to join. Tell the shopper briefly; do not promise a time." };
  },
};

const ticketSchema = z.object({
  subject: z.string().trim().min(1).max(150),
  summary: z.string().trim().min(1).max(1000),
});

export const createTicket: ToolDefinition<typeof ticketSchema> = {
  name: "create_ticket",
  description:
    "Open a support ticket when the question needs the team's follow-up (e.g. damaged item, warranty claim) or nobody is available. The shopper is asked for contact details if needed.",
  parameters: {
    type: "object",
    properties: {
      subject: { type: "string" },
      summary: { type: "string", description: "What the team must do, with order numbers if known" },
    },
    required: ["subject", "summary"],
    additionalProperties: false,
  },
  schema: ticketSchema,
  async run(args, ctx) {
    // The engine's escalation makes the ticket: with nobody online it asks the shopper for contact
    // details and files a ticket with the transcript; otherwise a person takes the chat.
    ctx.handoff = { reason: "ticket_requested", summary: `${args.subject}: ${args.summary}` };
    return { ok: true, note: "The team will follow up. Tell the shopper they may be asked for an email address." };
  },
};
