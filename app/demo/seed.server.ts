/**
 * Seeds the demo store into a database: the shop installed with an offline session, its settings,
 * FAQ and policies as knowledge entries, two operators, canned responses, a few conversations in
 * different states and one ticket. Idempotent: rows are keyed by natural or fixed ids, so running it
 * twice changes nothing that exists and never duplicates a row.
 */
import type { Db } from "../db.server";
import { sealToken } from "../lib/session-storage.server";
import { createTicket } from "../repositories/tickets.server";
import { demoStore, type DemoStore } from "./fixture.server";
import { noticePayload } from "../domain/conversations/notices";
import { hashToken } from "../domain/conversations/tokens.server";
import { CANNED_RESPONSES, CONVERSATIONS, DEMO_TICKET } from "./seed-data";

export const DEMO_OFFLINE_SESSION_ID = (shop: string) => `offline_${shop}`;

/** The demo shop's offline access token (stored sealed, like every access token). */
const DEMO_ACCESS_TOKEN = "demo-offline-access-token";
/** Scopes the demo session pretends to hold (the same the app asks for in shopify.app.toml). */
const DEMO_SCOPES = "read_products,read_orders,read_customers,write_app_proxy,unauthenticated_read_product_listings";

const POLICY_TITLES: Record<string, string> = {
  shippingPolicy: "Shipping policy",
  refundPolicy: "Refund policy",
  privacyPolicy: "Privacy policy",
  termsOfService: "Terms of service",
};

export interface SeedResult {
  shop: string;
  created: { conversations: number; knowledge: number; operators: number; tickets: number };
}

/** Seeds the demo store into `client`. Safe to run on every start. */
export async function seedDemo(client: Db, store: DemoStore = demoStore()): Promise<SeedResult> {
  const shop = store.shop.domain;
  const created = { conversations: 0, knowledge: 0, operators: 0, tickets: 0 };

  await client.session.upsert({
    where: { id: DEMO_OFFLINE_SESSION_ID(shop) },
    create: {
      id: DEMO_OFFLINE_SESSION_ID(shop),
      shop,
      state: "",
      isOnline: false,
      scope: DEMO_SCOPES,
      accessToken: sealToken(DEMO_ACCESS_TOKEN),
    },
    // Keep the session usable: no expiry means authenticate.admin never tries a token exchange.
    update: { expires: null, accessToken: sealToken(DEMO_ACCESS_TOKEN), scope: DEMO_SCOPES },
  });

  const settings = {
    name: store.shop.name,
    scopes: DEMO_SCOPES,
    timezone: store.shop.timezone,
    businessHours: JSON.stringify(store.shop.businessHours),
    holidays: JSON.stringify(store.shop.holidays),
    brandName: store.shop.name,
    greeting: `Hi! Welcome to ${store.shop.name}. Ask us anything about gear, sizes or your order.`,
  };
  const existingShop = await client.shop.findUnique({ where: { shop } });
  if (!existingShop) {
    // ticketSequence holds the last number used (see repositories/tickets.server.ts).
    await client.shop.create({ data: { shop, ...settings, ticketSequence: DEMO_TICKET.number } });
  } else if (existingShop.uninstalledAt) {
    await client.shop.update({ where: { shop }, data: { uninstalledAt: null, installedAt: new Date() } });
  }

  const operatorIds = new Map<string, string>();
  for (const op of store.operators) {
    const before = await client.operator.findUnique({
      where: { shop_staffUserId: { shop, staffUserId: op.staffUserId } },
    });
    const row =
      before ??
      (await client.operator.create({
        data: {
          shop,
          staffUserId: op.staffUserId,
          name: op.name,
          email: op.email,
          role: op.role,
          capacity: op.capacity,
          presence: op.staffUserId === "90001" ? "online" : "away",
          lastSeenAt: new Date(),
        },
      }));
    if (!before) created.operators++;
    operatorIds.set(op.staffUserId, row.id);
  }

  const knowledge = [
    ...store.faq.map((f) => ({
      kind: "faq",
      externalId: f.id,
      question: f.question,
      answer: f.answer,
      tags: f.tags.join(","),
      locale: f.locale,
    })),
    ...Object.entries(store.policies).map(([key, body]) => ({
      kind: "policy",
      externalId: key,
      question: POLICY_TITLES[key] ?? key,
      answer: body,
      tags: "policy",
      locale: store.shop.primaryLocale,
    })),
  ];
  for (const entry of knowledge) {
    const before = await client.knowledgeEntry.findUnique({
      where: { shop_kind_externalId: { shop, kind: entry.kind, externalId: entry.externalId } },
      select: { id: true },
    });
    if (before) continue;
    await client.knowledgeEntry.create({ data: { shop, ...entry } });
    created.knowledge++;
  }

  for (const canned of CANNED_RESPONSES) {
    await client.cannedResponse.upsert({
      where: { shop_shortcut: { shop, shortcut: canned.shortcut } },
      create: { shop, ...canned },
      update: {},
    });
  }

  const now = Date.now();
  for (const conv of CONVERSATIONS) {
    const exists = await client.conversation.findUnique({ where: { id: conv.id }, select: { id: true } });
    if (exists) continue;
    const startedAt = new Date(now - conv.minutesAgo * 60_000);
    const at = (i: number) => new Date(startedAt.getTime() + i * 45_000);
    const lastAt = at(conv.messages.length - 1);
    const assigneeId = conv.assignee ? operatorIds.get(conv.assignee) : undefined;
    const humanReplyIndex = conv.messages.findIndex((m) => m.role === "operator");
    const escalated = conv.state !== "ai" && conv.messages.some((m) => m.role === "system");
    await client.$transaction(async (tx) => {
      await tx.conversation.create({
        data: {
          id: conv.id,
          shop,
          state: conv.state,
          closeReason: conv.closeReason ?? null,
          visitorTokenHash: hashToken(`demo-visitor:${conv.id}`),
          customerId: conv.customerId ?? null,
          contactEmail: conv.contactEmail ?? null,
          contactName: conv.contactName ?? null,
          locale: conv.locale,
          pageUrl: conv.pageUrl,
          userAgent: "Mozilla/5.0 (demo)",
          assigneeId: assigneeId ?? null,
          version: conv.messages.length + 1,
          messageCount: conv.messages.length,
          shopperMessageCount: conv.messages.filter((m) => m.role === "shopper").length,
          offline: conv.id === "demo-conv-offline",
          tags: conv.tags ?? "",
          handoffSummary: conv.handoffSummary ?? null,
          rating: conv.rating ?? null,
          queuedAt: escalated ? at(2) : null,
          assignedAt: assigneeId ? at(Math.max(humanReplyIndex - 1, 1)) : null,
          firstHumanReplyAt: humanReplyIndex >= 0 ? at(humanReplyIndex) : null,
          lastShopperAt: at(conv.messages.map((m) => m.role).lastIndexOf("shopper")),
          lastActivityAt: lastAt,
          closedAt: conv.state === "closed" ? new Date(lastAt.getTime() + 60_000) : null,
          createdAt: startedAt,
        },
      });
      await tx.message.createMany({
        data: conv.messages.map((m, i) => ({
          id: `${conv.id}-m${i + 1}`,
          shop,
          conversationId: conv.id,
          version: i + 1,
          role: m.role,
          text: m.text,
          status: "final",
          clientMessageId: m.role === "shopper" ? `demo-${conv.id}-${i + 1}` : null,
          authorOperatorId: m.role === "operator" ? (assigneeId ?? null) : null,
          authorName: m.author ?? null,
          payload: m.notice ? noticePayload(m.notice[0], m.notice[1]) : null,
          createdAt: at(i),
        })),
      });
      const events: { type: string; fromState?: string; toState?: string; actorType: string; createdAt: Date }[] = [];
      if (escalated)
        events.push({ type: "transition", fromState: "ai", toState: "queued", actorType: "shopper", createdAt: at(2) });
      if (assigneeId)
        events.push({
          type: "assigned",
          fromState: "queued",
          toState: "assigned",
          actorType: "operator",
          createdAt: at(3),
        });
      if (conv.state === "waiting_shopper")
        events.push({
          type: "transition",
          fromState: "assigned",
          toState: "waiting_shopper",
          actorType: "system",
          createdAt: lastAt,
        });
      if (conv.state === "closed")
        events.push({
          type: "transition",
          fromState: escalated ? "queued" : "ai",
          toState: "closed",
          actorType: "system",
          createdAt: lastAt,
        });
      if (events.length > 0) {
        await tx.conversationEvent.createMany({
          data: events.map((e) => ({ shop, conversationId: conv.id, ...e })),
        });
      }
    });
    created.conversations++;
  }

  const ticket = await client.ticket.findUnique({
    where: { shop_number: { shop, number: DEMO_TICKET.number } },
    select: { id: true },
  });
  if (!ticket) {
    const createdAt = new Date(now - 60 * 14 * 60_000);
    // through the repository, which writes the derived sort and SLA columns with the facts
    const { status: _open, ...facts } = DEMO_TICKET;
    await createTicket(
      shop,
      {
        ...facts,
        requesterPhone: null,
        customerId: null,
        transcript: JSON.stringify(
          CONVERSATIONS.find((c) => c.id === DEMO_TICKET.conversationId)?.messages.map((m) => ({
            role: m.role,
            text: m.text,
          })) ?? [],
        ),
        firstResponseDueAt: new Date(createdAt.getTime() + 4 * 3_600_000),
        resolutionDueAt: new Date(createdAt.getTime() + 48 * 3_600_000),
        createdAt,
      },
      client,
    );
    created.tickets++;
  }

  return { shop, created };
}
