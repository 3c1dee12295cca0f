/**
 * Ticket changes on the change feed: ticket.created, ticket.updated (status, priority, assignee) and
 * ticket.replied (public replies only) are DomainEvent rows appended in the same transaction as the
 * ticket write — never for internal notes, never for a change that changed nothing, and not at all
 * when the write rolls back.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setDb, type Db } from "~/db.server";
import {
  addTicketNote,
  bulkChangeTickets,
  changeTicket,
  createTicketFromConversation,
  replyToTicket,
} from "~/domain/tickets.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";

describe.each(databaseKinds)("tickets on the change feed on %s", (kind) => {
  const shop = `feed-${kind}.myshopify.com`;
  let t: TestDatabase;
  const db = (): Db => t.db;
  let anna: { id: string; name: string };
  let luca: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setDb(t.db);
    await db().shop.create({ data: { shop } });
    anna = await db().operator.create({ data: { shop, staffUserId: "1", name: "Anna" } });
    luca = await db().operator.create({ data: { shop, staffUserId: "2", name: "Luca" } });
  });
  afterAll(async () => {
    setDb(undefined);
    await t?.close();
  });

  async function newTicket() {
    const conv = await db().conversation.create({ data: { shop, visitorTokenHash: randomBytes(16).toString("hex") } });
    const { ticket } = await db().$transaction((tx) =>
      createTicketFromConversation(shop, conv, { email: "e@example.com", message: "Help", source: "offline_chat" }, tx),
    );
    return ticket;
  }
  const feed = async (ticketId: string) =>
    (await db().domainEvent.findMany({ where: { shop, ticketId }, orderBy: { seq: "asc" } })).map((e) => ({
      type: e.type,
      data: JSON.parse(e.data) as Record<string, unknown>,
    }));
  const asAnna = () => ({ type: "operator" as const, ...anna });

  test("every visible change appends one event with what changed and who did it", async () => {
    const ticket = await newTicket();
    await changeTicket(shop, ticket.id, { priority: "high" }, asAnna());
    await changeTicket(shop, ticket.id, { priority: "high" }, asAnna()); // unchanged: no event
    await changeTicket(shop, ticket.id, { assigneeId: luca.id }, asAnna());
    await replyToTicket(shop, ticket.id, "We are on it.", anna);
    await addTicketNote(shop, ticket.id, "secret note", anna);
    await changeTicket(shop, ticket.id, { status: "resolved" }, asAnna());
    const events = await feed(ticket.id);
    const number = `T-${ticket.number}`;
    expect(events).toEqual([
      {
        type: "ticket.created",
        data: {
          ticketId: ticket.id,
          number,
          source: "offline_chat",
          status: "open",
          priority: "normal",
          actor: { type: "shopper" },
        },
      },
      expect.objectContaining({
        type: "ticket.updated",
        data: expect.objectContaining({ changes: { priority: { from: "normal", to: "high" } } }),
      }),
      expect.objectContaining({
        type: "ticket.updated",
        data: expect.objectContaining({
          changes: { assigneeId: { from: null, to: luca.id } },
          actor: { type: "operator", id: anna.id },
        }),
      }),
      expect.objectContaining({ type: "ticket.replied", data: expect.objectContaining({ from: "team", number }) }),
      expect.objectContaining({ type: "ticket.updated", data: expect.objectContaining({ status: "resolved" }) }),
    ]);
    expect(JSON.stringify(events)).not.toMatch(/secret note|We are on it/);
    // Luca was told about the assignment
    expect(await db().notification.count({ where: { shop, operatorId: luca.id, type: "ticket_assigned" } })).toBe(1);
  });

  test("a bulk change appends one event per changed ticket; a failed write appends none", async () => {
    const [a, b] = [await newTicket(), await newTicket()];
    await bulkChangeTickets(shop, [a.id, b.id], { status: "pending" }, asAnna());
    expect((await feed(a.id)).map((e) => e.type)).toEqual(["ticket.created", "ticket.updated"]);
    expect((await feed(b.id)).map((e) => e.type)).toEqual(["ticket.created", "ticket.updated"]);
    const before = await db().domainEvent.count({ where: { shop } });
    await expect(changeTicket(shop, a.id, { assigneeId: "no-such-operator" }, asAnna())).rejects.toThrow();
    await expect(replyToTicket(shop, a.id, "   ", anna)).rejects.toThrow();
    expect(await db().domainEvent.count({ where: { shop } })).toBe(before);
  });
});
