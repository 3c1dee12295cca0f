/**
 * Operator actions the inbox needs beyond app/domain/conversations/operator.server.ts: tags, the
 * typing indicator, product cards and tickets opened by an operator. Each goes through the same
 * building blocks (visibleChange, ConversationChange) so versions, events and the poll hot path stay
 * consistent.
 */
import type { Conversation, Prisma } from "../../generated/prisma/client";
import { db } from "../../db.server";
import { findConversation } from "../../repositories/conversations.server";
import { findTicketForConversation } from "../../repositories/tickets.server";
import { createTicketFromConversation } from "../tickets.server";
import { visibleChange } from "../versions.server";
import { sqlOf } from "../../db/sql.server";
import { ConversationChange } from "./engine.server";
import { recordConversationEvent } from "./store.server";
import { conversationClosed, domainError } from "./errors";
import { cleanText } from "./input";
import { OPERATOR_TYPING_TTL_MS } from "./views";
import type { OperatorRef } from "./operator.server";
import type { ProductCard } from "../../lib/cards";

/** How long a typing signal lasts; the browser repeats it while the operator keeps typing. */
export const TYPING_TTL_MS = OPERATOR_TYPING_TTL_MS;
export const MAX_TAGS = 20;

async function load(
  tx: Parameters<Parameters<typeof visibleChange>[0]>[0],
  shop: string,
  id: string,
): Promise<Conversation> {
  const conv = await findConversation(shop, id, tx);
  if (!conv) throw domainError("not_found", "errors.conversation.notFound");
  return conv;
}

/** Writes columns outside the engine's ConversationPatch (tags, typing) on the change's row. */
async function patchColumns(
  change: ConversationChange,
  data: Prisma.ConversationUpdateManyMutationInput,
): Promise<void> {
  await change.tx.conversation.updateMany({ where: { id: change.conv.id, shop: change.shop }, data });
  const plain = Object.fromEntries(
    Object.entries(data).filter(([, v]) => v === null || typeof v !== "object" || v instanceof Date),
  );
  change.conv = { ...change.conv, ...(plain as Partial<Conversation>) };
}

/** Normalises tags: lowercase, letters/digits/-/_ only, unique, at most MAX_TAGS. */
export function normaliseTags(input: string[]): string[] {
  const out: string[] = [];
  for (const raw of input) {
    const tag = raw
      .toLowerCase()
      .trim()
      .replace(/[^\p{L}\p{N}_-]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out.slice(0, MAX_TAGS);
}

/** Replaces the conversation's tags (operators only; not visible to the shopper). */
export async function setTags(
  shop: string,
  conversationId: string,
  operator: OperatorRef,
  tags: string[],
): Promise<string[]> {
  const clean = normaliseTags(tags);
  return visibleChange(async (tx, bump) => {
    const change = new ConversationChange(tx, bump, await load(tx, shop, conversationId));
    const before = change.conv.tags;
    const after = clean.join(",");
    if (before === after) return clean;
    await patchColumns(change, { tags: after });
    await change.record("tagged", { type: "operator", id: operator.id }, { tags: clean });
    return clean;
  });
}

function isTyping(at: Date | null, now: Date): boolean {
  return at !== null && now.getTime() - at.getTime() < TYPING_TTL_MS;
}

/**
 * The holder is typing (or stopped). The shopper sees it through the widget API's `typing` flag: a
 * start and a stop are visible changes (a version bump); repeats while typing only refresh the time.
 */
export async function setOperatorTyping(
  shop: string,
  conversationId: string,
  operator: OperatorRef,
  typing: boolean,
  now = new Date(),
) {
  return visibleChange(async (tx, bump) => {
    const change = new ConversationChange(tx, bump, await load(tx, shop, conversationId));
    const conv = change.conv;
    if (conv.assigneeId !== operator.id || (conv.state !== "assigned" && conv.state !== "waiting_shopper"))
      return false;
    const was = isTyping(conv.operatorTypingAt, now);
    if (typing) {
      await patchColumns(change, { operatorTypingAt: now });
      if (!was) await change.nextVersion();
    } else if (conv.operatorTypingAt) {
      await patchColumns(change, { operatorTypingAt: null });
      if (was) await change.nextVersion();
    }
    return typing;
  });
}

export type { ProductCard };

function safeUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  if (url.startsWith("/") && !url.startsWith("//")) return url;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Sends a product card (from the resource picker, resolved through the Admin API) as the holder. */
export async function sendProductCard(
  shop: string,
  conversationId: string,
  operator: OperatorRef,
  card: ProductCard,
  text?: string,
) {
  const url = safeUrl(card.url);
  if (!url) throw domainError("invalid_request", "errors.conversation.noStorefrontLink");
  const imageUrl = safeUrl(card.imageUrl);
  const variants = (card.variants ?? []).slice(0, 100).map((v) => ({
    id: cleanText(v.id).slice(0, 40),
    title: cleanText(v.title).slice(0, 100),
    price: cleanText(v.price).slice(0, 40),
    available: v.available === true,
  }));
  const clean: ProductCard = {
    type: "product",
    title: cleanText(card.title).slice(0, 200),
    price: cleanText(String(card.price ?? "")).slice(0, 40),
    url,
    ...(imageUrl ? { imageUrl } : {}),
    ...(card.variantId ? { variantId: cleanText(String(card.variantId)).slice(0, 80) } : {}),
    ...(typeof card.available === "boolean" ? { available: card.available } : {}),
    ...(variants.length > 1 ? { variants } : {}),
  };
  const body = cleanText(text ?? "").slice(0, 2000) || clean.title;
  return visibleChange(async (tx, bump) => {
    const change = new ConversationChange(tx, bump, await load(tx, shop, conversationId));
    const conv = change.conv;
    if (conv.state === "closed") throw conversationClosed();
    if (conv.assigneeId !== operator.id || (conv.state !== "assigned" && conv.state !== "waiting_shopper")) {
      throw domainError("conflict", "errors.conversation.takeOverFirst", undefined, {
        details: { reason: "not_holder" },
      });
    }
    const now = new Date();
    const message = await change.addMessage({
      role: "operator",
      text: body,
      status: "final",
      authorOperatorId: operator.id,
      authorName: operator.name,
      payload: JSON.stringify({ cards: [clean] }),
    });
    await patchColumns(change, {
      lastActivityAt: now,
      messageCount: { increment: 1 },
      operatorTypingAt: null,
      ...(conv.firstHumanReplyAt ? {} : { firstHumanReplyAt: now }),
    });
    return message;
  });
}

/**
 * Opens a ticket for the conversation (source "operator"), with the transcript attached. The
 * requester must be reachable: the email typed by the operator, else the chat's contact email, else
 * `customerEmail` (the signed-in customer's, from Shopify); with none, nothing is created (422).
 */
export async function createTicketForConversation(
  shop: string,
  conversationId: string,
  operator: OperatorRef,
  input: { subject?: string; email?: string; message?: string; customerEmail?: string | null },
) {
  return db().$transaction(async (tx) => {
    const conv = await load(tx, shop, conversationId);
    const existing = await findTicketForConversation(shop, conv.id, "operator", tx);
    if (existing) return { ticket: existing, created: false };
    const email = input.email?.trim().toLowerCase() || conv.contactEmail || input.customerEmail?.trim() || "";
    if (!email)
      throw domainError("invalid_request", "errors.conversation.ticketEmail", undefined, {
        details: { field: "email" },
      });
    const result = await createTicketFromConversation(
      shop,
      conv,
      {
        email,
        source: "operator",
        actor: { type: "operator", id: operator.id, name: operator.name },
        ...(conv.contactName ? { name: conv.contactName } : {}),
        ...(input.subject ? { subject: cleanText(input.subject) } : {}),
        ...(input.message ? { message: cleanText(input.message) } : {}),
      },
      tx,
    );
    if (result.created) {
      await recordConversationEvent(sqlOf(tx), conv, {
        type: "ticket_created",
        fromState: conv.state,
        toState: conv.state,
        actor: { type: "operator", id: operator.id },
        data: { ticketId: result.ticket.id, number: result.ticket.number },
      });
    }
    return result;
  });
}
