import { expect } from "vitest";
import type * as repo from "~/repositories/tickets.server";
import {
  createTicket,
  findTicketByNumber,
  findTicketForConversation,
  listPublicTicketComments,
  nextTicketNumber,
  updateTicketStatus,
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
  async updateTicketStatus({ a, b }) {
    expect(await updateTicketStatus(b.shop, a.tickets.byEmail, "closed")).toBe(false);
  },
};
