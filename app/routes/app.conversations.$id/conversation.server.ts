/** Data and actions of the conversation page (thin: every change goes through the engine services). */
import { z } from "zod";
import { db } from "../../db.server";
import { findConversationWithOperator } from "../../repositories/conversations.server";
import { listInternalNotes, listMessages } from "../../repositories/messages.server";
import { listOperators, type Operator } from "../../repositories/operators.server";
import { listCanned } from "../../repositories/canned.server";
import { parseTags } from "../../domain/inbox";
import { effectivePresence } from "../../domain/operators.server";
import { messageView } from "../../domain/conversations/views";
import { noticeText } from "../../domain/conversations/notices";
import { resolveLocale, type Locale } from "../../lib/i18n/core";
import type { MessageKey, Translate } from "../../lib/i18n/catalog";
import { formatTicketNumber } from "../../domain/ticket-public";
import { DomainError, errorText } from "../../domain/conversations/errors";
import { can } from "../../domain/permissions";
import { CLOSE_REASONS } from "../../domain/conversations/state-machine";
import {
  addNote,
  assign,
  closeConversation,
  operatorReply,
  returnToAi,
  takeOver,
} from "../../domain/conversations/operator.server";
import {
  acceptTransfer,
  cancelTransfer,
  declineTransfer,
  pendingTransfer,
  requestTransfer,
} from "../../domain/conversations/transfers.server";
import {
  createTicketForConversation,
  sendProductCard,
  setOperatorTyping,
  setTags,
} from "../../domain/conversations/operator-actions.server";
import type { GraphqlClient } from "../../integrations/shopify/client.server";
import { customerContextForAdmin } from "../../integrations/shopify/admin-customer-context.server";
import { adminGetProductByHandle } from "../../integrations/shopify/admin-product-by-handle.server";
import { productCard } from "../../ai/tools/catalog.server";
import { shopperIsTyping } from "../../domain/typing/shopper-typing.server";
import { customerHistory } from "../../repositories/customer-history.server";
import { rememberCustomerContact } from "../../domain/conversations/customer-contact.server";

export function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const os = /iPhone|iPad/.test(userAgent)
    ? "iOS"
    : /Android/.test(userAgent)
      ? "Android"
      : /Mac OS X/.test(userAgent)
        ? "macOS"
        : /Windows/.test(userAgent)
          ? "Windows"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrome\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : null;
  if (!browser && !os) return null;
  const mobile = /Mobi|iPhone|Android/.test(userAgent) ? "mobile" : "desktop";
  return [browser, os && `on ${os}`, `(${mobile})`].filter(Boolean).join(" ");
}

export async function loadConversation(
  shop: string,
  id: string,
  me: Operator,
  admin: GraphqlClient,
  locale: Locale = resolveLocale(me.locale),
) {
  const conv = await findConversationWithOperator(shop, id);
  if (!conv) throw new Response("Conversation not found", { status: 404 });
  const now = new Date();
  const [messages, notes, operators, canned, ticket, customer, history, transfer, settings] = await Promise.all([
    listMessages(shop, id, { limit: 500 }),
    listInternalNotes(shop, id),
    listOperators(shop),
    listCanned(shop),
    db().ticket.findFirst({
      where: { shop, conversationId: id },
      orderBy: { createdAt: "desc" },
      select: { number: true, status: true },
    }),
    conv.customerId ? customerContextForAdmin(shop, conv.customerId, admin) : Promise.resolve(null),
    customerHistory(shop, { conversationId: id, customerId: conv.customerId, email: conv.contactEmail }),
    pendingTransfer(shop, conv),
    db().shop.findUnique({ where: { shop }, select: { transferTimeoutSeconds: true } }),
  ]);
  // A signed-in customer without a typed contact: their Shopify name and email become the chat's.
  if (customer && "orders" in customer && (!conv.contactName || !conv.contactEmail)) {
    if (await rememberCustomerContact(shop, id, { name: customer.name || null, email: customer.email })) {
      conv.contactName ||= customer.name || null;
      conv.contactEmail ||= customer.email?.toLowerCase() ?? null;
    }
  }
  return {
    conversation: {
      id: conv.id,
      state: conv.state,
      closeReason: conv.closeReason,
      assignee: conv.assignee,
      tags: parseTags(conv.tags),
      handoffSummary: conv.handoffSummary,
      contactName: conv.contactName,
      contactEmail: conv.contactEmail,
      contactPhone: conv.contactPhone,
      customerId: conv.customerId,
      locale: conv.locale,
      pageUrl: conv.pageUrl,
      device: describeDevice(conv.userAgent),
      createdAt: conv.createdAt.toISOString(),
      queuedAt: conv.queuedAt?.toISOString() ?? null,
      rating: conv.rating,
      ratingComment: conv.ratingComment,
      version: conv.version,
      shopperTyping: conv.state !== "closed" && shopperIsTyping(conv.shopperTypingAt, now.getTime()),
    },
    // system notices in the staff member's language (the shopper read them in the chat's)
    messages: messages.map((m) => ({ ...messageView(m), text: noticeText(m, locale) ?? m.text })),
    notes: notes.map((n) => ({
      id: n.id,
      authorName: n.authorName,
      text: n.text,
      createdAt: n.createdAt.toISOString(),
    })),
    operators: operators.map((o) => ({ id: o.id, name: o.name, presence: effectivePresence(o, now) })),
    canned: canned.map((c) => ({ id: c.id, shortcut: c.shortcut, title: c.title, body: c.body })),
    ticket: ticket ? { number: `T-${ticket.number}`, status: ticket.status } : null,
    customer,
    history,
    transfer,
    transferMinutes: Math.max(1, Math.round((settings?.transferTimeoutSeconds ?? 120) / 60)),
  };
}

const text = z.string().max(4000);
export const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("take_over") }),
  z.object({ intent: z.literal("assign"), operatorId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("transfer"), operatorId: z.string().min(1).max(64), note: text.optional() }),
  z.object({ intent: z.literal("accept_transfer") }),
  z.object({ intent: z.literal("decline_transfer") }),
  z.object({ intent: z.literal("cancel_transfer") }),
  z.object({ intent: z.literal("return_to_ai") }),
  z.object({ intent: z.literal("close"), reason: z.enum(CLOSE_REASONS).default("resolved") }),
  z.object({ intent: z.literal("reply"), text }),
  z.object({ intent: z.literal("note"), text }),
  z.object({ intent: z.literal("tags"), tags: z.string().max(1000) }),
  z.object({
    intent: z.literal("ticket"),
    subject: z.string().max(200).optional(),
    // the requester's email; empty means "use the chat's contact or the signed-in customer's"
    email: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z
        .string()
        .trim()
        .toLowerCase()
        .max(254, "conversation.results.emailTooLong" satisfies MessageKey)
        .email("conversation.results.emailInvalid" satisfies MessageKey)
        .optional(),
    ),
  }),
  z.object({
    intent: z.literal("product"),
    handle: z.string().min(1).max(255),
    variantId: z.string().max(100).optional(),
    text: text.optional(),
  }),
  z.object({ intent: z.literal("typing"), typing: z.enum(["1", "0"]) }),
]);
export type ConversationAction = z.infer<typeof actionSchema>;

export type ActionResult =
  | { ok: true; intent: ConversationAction["intent"]; message?: string }
  | { ok: false; intent: string; error: { code: string; message: string } };

function fail(intent: string, code: string, message: string, status: number) {
  return Response.json({ ok: false, intent, error: { code, message } } satisfies ActionResult, { status });
}

export async function runAction(
  shop: string,
  conversationId: string,
  me: Operator,
  form: FormData,
  admin: GraphqlClient,
  t: Translate,
): Promise<Response> {
  const parsed = actionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]?.message ?? "invalid";
    const message = issue.startsWith("conversation.results.") ? t(issue as MessageKey) : issue;
    return fail(String(form.get("intent") ?? ""), "invalid_request", message, 422);
  }
  const input = parsed.data;
  const ref = { id: me.id, name: me.name, role: me.role };
  const ok = (message?: string) =>
    Response.json({ ok: true, intent: input.intent, ...(message ? { message } : {}) } satisfies ActionResult);
  try {
    switch (input.intent) {
      case "take_over":
        await takeOver(shop, conversationId, ref);
        return ok(t("conversation.results.tookOver"));
      case "assign":
        if (!can(me.role, "conversations.assign"))
          return fail(input.intent, "forbidden", t("common.refusals.conversationsAssign"), 403);
        await assign(shop, conversationId, input.operatorId, ref);
        return ok(t("conversation.results.assigned"));
      case "transfer": {
        const pending = await requestTransfer(shop, conversationId, ref, input.operatorId, input.note);
        return ok(t("conversation.results.transferAsked", { name: pending.toName }));
      }
      case "accept_transfer":
        await acceptTransfer(shop, conversationId, ref);
        return ok(t("conversation.results.transferAccepted"));
      case "decline_transfer": {
        const { outcome } = await declineTransfer(shop, conversationId, ref);
        return ok(
          t(outcome === "declined" ? "conversation.results.transferDeclined" : "conversation.results.changedHands"),
        );
      }
      case "cancel_transfer":
        await cancelTransfer(shop, conversationId, ref);
        return ok(t("conversation.results.transferWithdrawn"));
      case "return_to_ai":
        await returnToAi(shop, conversationId, ref);
        return ok(t("conversation.results.returnedToAi"));
      case "close":
        await closeConversation(shop, conversationId, ref, input.reason);
        return ok(t("conversation.results.closed"));
      case "reply":
        await operatorReply(shop, conversationId, ref, input.text);
        // the reply ends the typing indicator the shopper sees
        await setOperatorTyping(shop, conversationId, ref, false);
        return ok();
      case "note":
        await addNote(shop, conversationId, ref, input.text);
        return ok(t("conversation.results.noteAdded"));
      case "tags":
        await setTags(shop, conversationId, ref, input.tags.split(","));
        return ok(t("conversation.results.tagsSaved"));
      case "ticket": {
        let customerEmail: string | null = null;
        if (!input.email) {
          const conv = await findConversationWithOperator(shop, conversationId);
          if (conv && !conv.contactEmail && conv.customerId) {
            const customer = await customerContextForAdmin(shop, conv.customerId, admin);
            customerEmail = "orders" in customer ? customer.email : null;
          }
        }
        const { ticket, created } = await createTicketForConversation(shop, conversationId, ref, {
          ...(input.subject ? { subject: input.subject } : {}),
          ...(input.email ? { email: input.email } : {}),
          customerEmail,
        });
        return ok(
          t(created ? "conversation.results.ticketCreated" : "conversation.results.ticketExists", {
            ticket: formatTicketNumber(ticket.number),
          }),
        );
      }
      case "product": {
        const product = await adminGetProductByHandle(admin, shop, input.handle);
        if (!product) return fail(input.intent, "not_found", t("conversation.results.productNotFound"), 404);
        // The card the assistant would show, with the variant the operator picked preselected.
        await sendProductCard(shop, conversationId, ref, productCard(product, input.variantId), input.text);
        return ok(t("conversation.results.productSent"));
      }
      case "typing":
        await setOperatorTyping(shop, conversationId, ref, input.typing === "1");
        return ok();
    }
  } catch (error) {
    if (error instanceof DomainError) return fail(input.intent, error.code, errorText(error, t), error.status);
    throw error;
  }
}
