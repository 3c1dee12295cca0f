import { expect } from "vitest";
import type * as repo from "~/repositories/tickets.server";
import {
  createTicket,
  createTicketComment,
  findTicketByNumber,
  findTicketForConversation,
  listPublicTicketComments,
  findTicketsByIds,
  listTicketComments,
  listTicketEvents,
  listTicketNotes,
  nextTicketNumber,
  recordTicketEvent,
  setTicketDueDates,
  updateTicket,
} from "~/repositories/tickets.server";
import type { IsolationCases } from "./types";

export const cases: IsolationCases<typeof repo> = {
  async nextTicketNumber({ a, b, db }) {
    const before = await db.shop.findUniqueOrThrow({ where: { shop: a.shop } });
    await nextTicketNumber(b.shop);
    const after = await db.shop.findUniqueOrThrow({ where: { shop: a.shop } });
    expect(after.ticketSequence).toBe(before.ticketSequence);
  },
  async createTicket({ b, expectNoLeak }) {
    const row = await createTicket(b.shop, {
      number: 5001,
      subject: "s",
      description: "",
      source: "operator",
      requesterEmail: null,
      requesterName: null,
      requesterPhone: null,
      customerId: null,
      conversationId: null,
      transcript: null,
    });
    expect(row.shop).toBe(b.shop);
    expectNoLeak(row);
  },
  async findTicketByNumber({ b, expectNoLeak }) {
    // Both shops have ticket 1001: B finds only its own.
    const row = await findTicketByNumber(b.shop, 1001);
    expect(row?.shop).toBe(b.shop);
    expectNoLeak(row);
  },
  async findTicketForConversation({ a, b }) {
    expect(await findTicketForConversation(b.shop, a.conversations.member, "offline_chat")).toBeNull();
  },
  async listPublicTicketComments({ a, b }) {
    // A's ticket id asked for under B's shop: nothing, although A's ticket has a team reply.
    expect(await listPublicTicketComments(a.shop, a.tickets.byEmail)).toHaveLength(1);
    expect(await listPublicTicketComments(b.shop, a.tickets.byEmail)).toEqual([]);
  },
  async findTicketsByIds({ a, b, expectNoLeak }) {
    const rows = await findTicketsByIds(b.shop, [a.tickets.byEmail, a.tickets.other, b.tickets.byEmail]);
    expect(rows.map((r) => r.id)).toEqual([b.tickets.byEmail]);
    expectNoLeak(rows);
  },
  async updateTicket({ a, b, db }) {
    // B holding A's row (however it got it) still cannot write it: the shop is in the guard.
    const aTicket = await db.ticket.findUniqueOrThrow({ where: { id: a.tickets.byEmail } });
    expect(await updateTicket(b.shop, aTicket, { status: "closed", assigneeId: b.operatorId })).toBeNull();
  },
  async setTicketDueDates({ a, b }) {
    const dates = { firstResponseDueAt: new Date(), resolutionDueAt: new Date() };
    expect(await setTicketDueDates(b.shop, a.tickets.byEmail, dates)).toBe(false);
  },
  async createTicketComment({ a, b, db }) {
    const comment = {
      ticketId: a.tickets.byEmail,
      authorType: "operator" as const,
      authorOperatorId: b.operatorId,
      authorName: "B",
      body: "from B",
    };
    await expect(createTicketComment(b.shop, comment)).rejects.toThrow("not this shop's");
    expect(await db.ticketComment.count({ where: { ticketId: a.tickets.byEmail, body: "from B" } })).toBe(0);
  },
  async listTicketComments({ a, b }) {
    expect(await listTicketComments(b.shop, a.tickets.byEmail)).toEqual([]);
  },
  async listTicketNotes({ a, b }) {
    expect(await listTicketNotes(b.shop, a.tickets.byEmail)).toEqual([]);
  },
  async recordTicketEvent({ a, b, db }) {
    const event = {
      ticketId: a.tickets.byEmail,
      type: "status_changed",
      actorType: "operator" as const,
      actorId: b.operatorId,
      actorName: "B",
    };
    await expect(recordTicketEvent(b.shop, event)).rejects.toThrow("not this shop's");
    expect(await db.ticketEvent.count({ where: { ticketId: a.tickets.byEmail, actorName: "B" } })).toBe(0);
  },
  async listTicketEvents({ a, b }) {
    expect(await listTicketEvents(b.shop, a.tickets.byEmail)).toEqual([]);
  },
};
