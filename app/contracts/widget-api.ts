/**
 * The widget API's request and response shapes (ARCHITECTURE.md "Contract: the widget API",
 * docs/api/proxy.md), in one module that both sides import: the handler table
 * (server/widget-api/routes.ts) types its answers with it and the storefront widget
 * (widget/src/types.ts) imports it type-only, so a change on either side breaks `tsc`, not the
 * product. Types only: nothing here is bundled into the widget.
 */
import type { z } from "zod";
import type {
  contactBody,
  createConversationBody,
  escalateBody,
  ratingBody,
  sendMessageBody,
  tokenBody,
} from "../domain/conversations/input";
import type { ConversationView, MessageView } from "../domain/conversations/views";
import type { runtimeConfig } from "../domain/conversations/service.server";
import type { PublicTicket } from "../domain/ticket-public";

export type { ConversationState } from "../domain/conversations/state-machine";
export type { Card, OrderCard, ProductCard, ProductCardVariant } from "../lib/cards";
export type { PublicTicket, PublicTicketReply } from "../domain/ticket-public";

/** A conversation as the widget receives it (`typing`: the operator holding the chat is typing). */
export type ConversationJson = ConversationView;

/**
 * A message as the widget receives it. Its `cards` are the stored payload's (views.ts passes them
 * through as `unknown[]`); the cards the assistant and operators attach have the shape of `Card`.
 */
export type MessageJson = MessageView;

/** The cursor of a conversation: its version. */
export type Cursor = number;

// Requests (bodies as the widget sends them, before the server's validation).
export type StartRequest = z.input<typeof createConversationBody>;
export type SendRequest = z.input<typeof sendMessageBody>;
export type EscalateRequest = z.input<typeof escalateBody>;
export type ContactRequest = z.input<typeof contactBody>;
export type RatingRequest = z.input<typeof ratingBody>;
export type CloseRequest = z.input<typeof tokenBody>;
/** `POST /proxy/conversations/:id/typing`: the shopper is typing (true) or stopped (false). */
export type TypingRequest = z.input<typeof tokenBody> & { typing: boolean };

// Answers.
/** `POST /proxy/conversations` → 201. */
export interface StartAnswer {
  conversation: ConversationJson;
  visitorToken: string;
  messages: MessageJson[];
  cursor: Cursor;
}
/** `GET /proxy/conversations/:id` → 200. */
export interface ResumeAnswer {
  conversation: ConversationJson;
  messages: MessageJson[];
  cursor: Cursor;
}
/** `GET /proxy/conversations/:id/poll` → 200 (204 without a body when nothing changed). */
export type PollAnswer = ResumeAnswer;
/** `POST /proxy/conversations/:id/messages` → 201 new, 200 duplicate. */
export interface SendAnswer {
  message: MessageJson;
  cursor: Cursor;
}
/** escalate, close, rating → 200. */
export interface ConversationAnswer {
  conversation: ConversationJson;
}
/** `POST /proxy/conversations/:id/contact` → 201. */
export interface ContactAnswer {
  ticket: { number: string };
}
/** `GET /proxy/tickets/:number?email=` → 200. */
export interface TicketAnswer {
  ticket: PublicTicket;
}
/** `GET /proxy/config` → 200. */
export type ConfigAnswer = Awaited<ReturnType<typeof runtimeConfig>>;

/** Every error answer. */
export interface ErrorAnswer {
  error: { code: string; message: string; reason?: string };
}
