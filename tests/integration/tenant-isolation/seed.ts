/**
 * Seeds one shop with a row in every tenant table, for the tenant-isolation harness and the
 * compliance webhook tests. Texts carry the shop name so a leak is visible in any output.
 * The "member" customer (id 1001, emma@example.com by default) has a signed-in conversation, a guest
 * conversation under the same email, a ticket by email (with an internal note and an activity log
 * entry) and a ticket linked to the first conversation; the "other" customer (2002) has one
 * conversation and one ticket.
 */
import type { Db } from "~/db.server";

export interface SeededShop {
  shop: string;
  customerId: string;
  email: string;
  sessionId: string;
  operatorId: string;
  conversations: { member: string; guest: string; other: string };
  messages: { member: string[]; guest: string[]; other: string[] };
  tickets: { byEmail: string; linked: string; other: string };
  ticketNumbers: { byEmail: number; linked: number; other: number };
  noteId: string;
  ticketNoteId: string;
  ticketEventId: string;
  knowledgeId: string;
  unansweredId: string;
  cannedId: string;
  endpointId: string;
  deliveryId: string;
  jobId: string;
  auditId: string;
  dataRequestId: string;
  notificationId: string;
}

export async function seedShop(
  db: Db,
  shop: string,
  { customerId = "1001", email = "emma@example.com" }: { customerId?: string; email?: string } = {},
): Promise<SeededShop> {
  const tag = shop.split(".")[0] ?? shop;
  await db.shop.create({ data: { shop, name: `Store ${tag}`, scopes: "read_products" } });
  const session = await db.session.create({
    data: {
      id: `offline_${shop}`,
      shop,
      state: "",
      isOnline: false,
      scope: "read_products",
      accessToken: `token-${tag}`,
    },
  });
  const operator = await db.operator.create({
    data: { shop, staffUserId: `staff-${tag}`, name: `Operator ${tag}`, presence: "online" },
  });
  let hash = 0;
  const conversation = async (
    data: { customerId?: string; contactEmail?: string; state?: string },
    texts: string[],
  ) => {
    const c = await db.conversation.create({
      data: {
        shop,
        visitorTokenHash: `hash-${tag}-${hash++}-${Math.random()}`,
        state: data.state ?? "ai",
        customerId: data.customerId ?? null,
        contactEmail: data.contactEmail ?? null,
        assigneeId: operator.id,
        queuedAt: new Date(Date.now() - 60_000),
        version: texts.length + 1,
        messageCount: texts.length,
      },
    });
    await db.domainEvent.create({
      data: { id: `evt_${tag}_${hash}`, shop, type: "conversation.created", conversationId: c.id },
    });
    const ids: string[] = [];
    for (const [i, text] of texts.entries()) {
      const m = await db.message.create({
        data: {
          shop,
          conversationId: c.id,
          version: i + 2,
          role: i % 2 ? "ai" : "shopper",
          text,
          clientMessageId: i % 2 ? null : `client-${i}`,
        },
      });
      ids.push(m.id);
    }
    await db.conversationEvent.create({
      data: { shop, conversationId: c.id, type: "transition", fromState: null, toState: c.state, actorType: "shopper" },
    });
    return { id: c.id, messages: ids };
  };
  const member = await conversation({ customerId, state: "queued" }, [
    `Where is my order? (${tag} member)`,
    `Let me check that for you (${tag})`,
  ]);
  const guest = await conversation({ contactEmail: email }, [`Do you ship to Italy? (${tag} guest)`]);
  const other = await conversation({ customerId: "2002", contactEmail: "other@example.com", state: "closed" }, [
    `Refund please (${tag} other customer)`,
  ]);
  const note = await db.internalNote.create({
    data: { shop, conversationId: member.id, authorOperatorId: operator.id, text: `VIP (${tag} note)` },
  });
  const ticket = async (n: number, data: { requesterEmail?: string; customerId?: string; conversationId?: string }) =>
    db.ticket.create({
      data: {
        shop,
        number: n,
        subject: `Ticket ${n} (${tag})`,
        description: `Help (${tag})`,
        source: "offline_chat",
        ...data,
      },
    });
  const byEmail = await ticket(1001, { requesterEmail: email });
  const linked = await ticket(1002, { conversationId: member.id });
  const otherTicket = await ticket(1003, { customerId: "2002", requesterEmail: "other@example.com" });
  await db.ticketComment.create({
    data: { shop, ticketId: byEmail.id, authorType: "operator", authorName: "Ops", body: `We are on it (${tag})` },
  });
  await db.ticketComment.create({
    data: { shop, ticketId: otherTicket.id, authorType: "requester", body: `Any news? (${tag} other)` },
  });
  const ticketNote = await db.internalNote.create({
    data: { shop, ticketId: byEmail.id, authorOperatorId: operator.id, text: `Refund approved (${tag} ticket note)` },
  });
  const ticketEvent = await db.ticketEvent.create({
    data: {
      shop,
      ticketId: byEmail.id,
      type: "status_changed",
      actorType: "operator",
      actorId: operator.id,
      actorName: `Operator ${tag}`,
      data: JSON.stringify({ from: "open", to: "pending" }),
    },
  });
  const knowledge = await db.knowledgeEntry.create({
    data: { shop, question: `Shipping (${tag})?`, answer: `Three days (${tag})`, tags: "shipping" },
  });
  const unanswered = await db.unansweredQuestion.create({
    data: { shop, normalized: `gift wrap ${tag}`, question: `Gift wrap? (${tag})`, conversationId: member.id },
  });
  const canned = await db.cannedResponse.create({
    data: { shop, shortcut: "hi", title: "Hello", body: `Hello from ${tag}` },
  });
  const endpoint = await db.webhookEndpoint.create({
    data: { shop, url: `https://${tag}.example.com/hook`, secretEnc: "enc" },
  });
  const delivery = await db.webhookDelivery.create({
    data: { shop, endpointId: endpoint.id, eventId: `evt-${tag}`, eventType: "conversation.created", payload: "{}" },
  });
  const job = await db.job.create({
    data: { shop, type: "seed.noop", payload: "{}", runAt: new Date(Date.now() + 86_400_000) },
  });
  const audit = await db.auditLog.create({
    data: { shop, actorType: "ai", action: "order.disclosed", targetId: "#1001" },
  });
  const dataRequest = await db.dataRequest.create({
    data: { shop, requestId: `seed-${tag}`, customerId: "2002", export: "{}" },
  });
  const notification = await db.notification.create({ data: { shop, type: "queued", title: `New chat (${tag})` } });
  await db.webhookReceipt.create({ data: { webhookId: `seed-${tag}-${Math.random()}`, shop, topic: "app/installed" } });
  await db.inboundReceipt.create({ data: { id: `seed-${tag}-${Math.random()}`, shop } });
  await db.domainEvent.create({
    data: { id: `evt_seed_${tag}_${Math.random()}`, shop, type: "conversation.created", conversationId: member.id },
  });
  await db.workflowAnswer.create({
    data: {
      messageId: `seed-msg-${tag}-${Math.random()}`,
      shop,
      conversationId: member.id,
      payload: '{"kind":"reply","text":"hi"}',
    },
  });
  await db.aiUsageDaily.create({ data: { shop, day: "2026-11-26", tokensIn: 10, tokensOut: 20, requests: 1 } });
  await db.presenceInterval.create({
    data: { shop, operatorId: operator.id, startedAt: new Date(Date.now() - 3_600_000), endedAt: new Date() },
  });
  await db.domainEvent.create({
    data: {
      id: `evt_seed_${tag}_${Math.random()}`,
      shop,
      type: "sla.breached",
      ticketId: byEmail.id,
      data: JSON.stringify({ target: "first_response", ticketId: byEmail.id, dueAt: new Date().toISOString() }),
    },
  });
  await db.aiCircuit.create({
    data: { shop, baseUrl: "https://api.openai.com/v1", failures: 1, cooldownMs: 30_000, lastErrorKind: "timeout" },
  });
  await db.notificationRead.create({ data: { shop, notificationId: notification.id, operatorId: operator.id } });
  await db.emailDelivery.create({
    data: { shop, kind: "ticket_created", ticketId: byEmail.id, toAddress: email, state: "sent" },
  });
  await db.ticketReplyToken.create({ data: { tokenHash: `seed-${tag}-${Math.random()}`, shop, ticketId: byEmail.id } });
  await db.inboundEmail.create({
    data: { shop, messageId: `<seed-${tag}@example.com>`, ticketId: byEmail.id, outcome: "appended" },
  });
  await db.transferRequest.create({
    data: {
      shop,
      conversationId: member.id,
      fromOperatorId: operator.id,
      holderId: operator.id,
      toOperatorId: operator.id,
      status: "declined",
      expiresAt: new Date(),
      resolvedAt: new Date(),
    },
  });
  await db.slaAlert.create({
    data: {
      shop,
      subjectType: "ticket",
      subjectId: byEmail.id,
      target: "first_response",
      level: "breached",
      dueAt: new Date(),
    },
  });

  return {
    shop,
    customerId,
    email,
    sessionId: session.id,
    operatorId: operator.id,
    conversations: { member: member.id, guest: guest.id, other: other.id },
    messages: { member: member.messages, guest: guest.messages, other: other.messages },
    tickets: { byEmail: byEmail.id, linked: linked.id, other: otherTicket.id },
    ticketNumbers: { byEmail: 1001, linked: 1002, other: 1003 },
    noteId: note.id,
    ticketNoteId: ticketNote.id,
    ticketEventId: ticketEvent.id,
    knowledgeId: knowledge.id,
    unansweredId: unanswered.id,
    cannedId: canned.id,
    endpointId: endpoint.id,
    deliveryId: delivery.id,
    jobId: job.id,
    auditId: audit.id,
    dataRequestId: dataRequest.id,
    notificationId: notification.id,
  };
}

/** The Prisma delegate names of every model (Session → session). */
/** Every model that holds shop data (all of them but the readiness probe), as delegate names. */
export async function modelDelegates(): Promise<string[]> {
  const { shopDataDelegates } = await import("~/repositories/installation.server");
  return [...shopDataDelegates];
}

type AnyDelegate = {
  findMany(args: { where: { shop: string } }): Promise<Record<string, unknown>[]>;
  count(args: { where: { shop: string } }): Promise<number>;
};

/** Every row of a shop in every table, sorted, as comparable JSON (the "nothing changed" check). */
export async function snapshotShop(db: Db, shop: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await modelDelegates()) {
    const rows = await (db as unknown as Record<string, AnyDelegate>)[name]!.findMany({ where: { shop } });
    out[name] = JSON.stringify(
      rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).sort(),
    );
  }
  return out;
}

/** Row counts of a shop per table. */
export async function countShopRows(db: Db, shop: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of await modelDelegates()) {
    out[name] = await (db as unknown as Record<string, AnyDelegate>)[name]!.count({ where: { shop } });
  }
  return out;
}
