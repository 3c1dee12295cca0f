/**
 * The widget API's handler table (ARCHITECTURE.md "Contract: the widget API", docs/api/proxy.md):
 * one row per endpoint, each transport only — read the verified request, validate (http.ts), call
 * one service of app/domain/conversations/service.server.ts, map the result to an answer. The App
 * Proxy signature and the installed check ran before any of these (index.ts).
 */
import type { IncomingMessage } from "node:http";
import {
  contactBody,
  createConversationBody,
  escalateBody,
  parseTicketNumber,
  ratingBody,
  sendMessageBody,
  ticketLookupQuery,
  tokenBody,
} from "../../app/domain/conversations/input";
import { z } from "zod";
import { limitNewConversation, withinMessageBudget } from "../../app/domain/conversations/rate-limits.server";
import {
  closeByShopper,
  escalateByShopper,
  resumeConversation,
  runtimeConfig,
  sendShopperMessage,
  startConversation,
} from "../../app/domain/conversations/service.server";
import { lookupTicket, rateConversation, submitContact } from "../../app/domain/conversations/shopper-followup.server";
import type { Visitor } from "../../app/domain/conversations/tokens.server";
import { setShopperTyping } from "../../app/domain/typing/shopper-typing.server";
import { visitorKey } from "../../app/lib/limits.server";
import type {
  ConversationAnswer,
  ResumeAnswer,
  SendAnswer,
  StartAnswer,
  TicketAnswer,
  TypingRequest,
} from "../../app/contracts/widget-api";
import { json, readJson, validate, type Reply } from "./http";
import { queryToken } from "./poll";

/** A request whose App Proxy signature was verified and whose shop is installed. */
export interface WidgetRequest {
  req: IncomingMessage;
  shop: string;
  /** From the signed `logged_in_customer_id` only; null for guests. */
  customerId: string | null;
  /** The verified query, decoded (repeated keys joined with ","). */
  query: Map<string, string>;
  /** The path's captured parts, decoded (e.g. the conversation id). */
  parts: string[];
  /** The client address for per-IP limits (app/lib/client-ip.ts). */
  ip: string;
  /** Poll answers (poll.ts): the one poll read. */
  poll: (shop: string, id: string, query: Map<string, string>, customerId: string | null) => Reply | Promise<Reply>;
  bodyTimeoutMs: number;
}

export interface Route {
  method: "GET" | "POST";
  /** Matched against the path after `/proxy`, without a trailing slash. */
  path: RegExp;
  handle(r: WidgetRequest): Reply | Promise<Reply>;
}

const visitor = (r: WidgetRequest, token: string): Visitor => ({ token, customerId: r.customerId });
const body = <T>(r: WidgetRequest, schema: Parameters<typeof validate<T>>[0]) =>
  readJson(r.req, r.bodyTimeoutMs).then((value) => validate(schema, value));
const id = (r: WidgetRequest) => r.parts[0] ?? "";

const ID = "([^/]{1,200})";

const typingBody = tokenBody.extend({ typing: z.boolean() });

export const ROUTES: Route[] = [
  {
    method: "POST",
    path: /^\/conversations$/,
    async handle(r) {
      const input = await body(r, createConversationBody);
      await limitNewConversation(r.shop, r.ip);
      const result = await startConversation(r.shop, {
        locale: input.locale ?? null,
        pageUrl: input.pageUrl ?? null,
        visitor: input.visitor ?? null,
        customerId: r.customerId,
        userAgent: r.req.headers["user-agent"] ?? null,
      });
      const answer: StartAnswer = {
        conversation: result.conversation,
        visitorToken: result.visitorToken,
        messages: result.messages,
        cursor: result.cursor,
      };
      return json(answer, 201);
    },
  },
  {
    method: "GET",
    path: new RegExp(`^/conversations/${ID}$`),
    async handle(r) {
      const answer: ResumeAnswer = await resumeConversation(r.shop, id(r), visitor(r, queryToken(r.query)));
      return json(answer);
    },
  },
  {
    method: "POST",
    path: new RegExp(`^/conversations/${ID}/messages$`),
    async handle(r) {
      const input = await body(r, sendMessageBody);
      const result = await withinMessageBudget(
        r.shop,
        id(r),
        () =>
          sendShopperMessage(r.shop, id(r), visitor(r, input.token), {
            clientMessageId: input.clientMessageId,
            text: input.text,
            visitorKey: visitorKey(r.shop, r.ip),
          }),
        (sent) => sent.created,
      );
      const answer: SendAnswer = { message: result.message, cursor: result.cursor };
      return json(answer, result.created ? 201 : 200);
    },
  },
  {
    method: "GET",
    path: new RegExp(`^/conversations/${ID}/poll$`),
    handle: (r) => r.poll(r.shop, id(r), r.query, r.customerId),
  },
  {
    method: "POST",
    path: new RegExp(`^/conversations/${ID}/escalate$`),
    async handle(r) {
      const input = await body(r, escalateBody);
      const answer: ConversationAnswer = await escalateByShopper(r.shop, id(r), visitor(r, input.token), input.reason);
      return json(answer);
    },
  },
  {
    method: "POST",
    path: new RegExp(`^/conversations/${ID}/contact$`),
    async handle(r) {
      const input = await body(r, contactBody);
      const result = await submitContact(r.shop, id(r), visitor(r, input.token), {
        email: input.email,
        name: input.name || undefined,
        phone: input.phone || undefined,
        message: input.message || undefined,
      });
      return json({ ticket: result.ticket }, 201);
    },
  },
  {
    method: "POST",
    path: new RegExp(`^/conversations/${ID}/rating$`),
    async handle(r) {
      const input = await body(r, ratingBody);
      return json(
        await rateConversation(r.shop, id(r), visitor(r, input.token), input.score, input.comment || undefined),
      );
    },
  },
  {
    method: "POST",
    path: new RegExp(`^/conversations/${ID}/close$`),
    async handle(r) {
      const input = await body(r, tokenBody);
      const answer: ConversationAnswer = await closeByShopper(r.shop, id(r), visitor(r, input.token));
      return json(answer);
    },
  },
  {
    method: "POST",
    path: new RegExp(`^/conversations/${ID}/typing$`),
    async handle(r) {
      const input: TypingRequest = await body(r, typingBody);
      await setShopperTyping(r.shop, id(r), visitor(r, input.token), input.typing);
      return json({ ok: true });
    },
  },
  {
    method: "GET",
    path: /^\/tickets\/([^/]{1,200})$/,
    async handle(r) {
      const q = validate(ticketLookupQuery, { number: r.parts[0] ?? "", email: r.query.get("email") ?? "" });
      const answer: TicketAnswer = await lookupTicket(r.shop, parseTicketNumber(q.number), q.email, r.ip);
      return json(answer);
    },
  },
  {
    method: "GET",
    path: /^\/config$/,
    handle: async (r) => json(await runtimeConfig(r.shop)),
  },
];
