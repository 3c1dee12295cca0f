/**
 * The ticket back office over HTTP, as App Bridge calls the embedded admin (session tokens signed by
 * Shopify's test helper, the real built server, a real database): the ticket page, its status,
 * priority, assignee, public reply and internal note actions, the list's bulk changes and "Create
 * ticket" from a chat. Every change is checked in the database and in the activity log; another
 * shop's ticket is a 404 that changes nothing; bad input is a 422 with a message a person can read.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { adminFetch } from "./support/admin-requests";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "./support/proxy-server";
import { createShopifyMockServer } from "../mocks/shopify";
import { createTicket, nextTicketNumber } from "~/repositories/tickets.server";

const ANNA = "90001";
const LUCA = "90002";

describe.each(databaseKinds)("ticket actions over HTTP on %s", (kind) => {
  const shop = `tickets-${kind}.myshopify.com`;
  const other = `tickets-other-${kind}.myshopify.com`;
  const shopify = createShopifyMockServer();
  let app: RunningApp;
  const ops: Record<string, { id: string; name: string }> = {};

  beforeAll(async () => {
    shopify.listen({ onUnhandledFrame: "bypass" });
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, shop, { name: "Tickets store", timezone: "Europe/Rome" });
    await installShop(app.database.db, other, { name: "Other store", ticketSequence: 5000 });
    for (const [staffUserId, name, role] of [
      [ANNA, "Anna Ferri", "admin"],
      [LUCA, "Luca Moretti", "operator"],
    ] as const) {
      ops[staffUserId] = await app.database.db.operator.create({ data: { shop, staffUserId, name, role } });
    }
    ops.foreign = await app.database.db.operator.create({
      data: { shop: other, staffUserId: "91000", name: "Someone Else" },
    });
  });
  afterAll(async () => {
    shopify.close();
    await app?.close();
  });

  const db = () => app.database.db;
  const as = async (staff: string, path: string, form?: Record<string, string>) => {
    const response = await adminFetch(app.url, shop, staff, path, form ? { form } : {});
    return { status: response.status, text: await response.text() };
  };

  async function newTicket(
    inShop = shop,
    data: Partial<Parameters<typeof createTicket>[1]> = {},
  ): Promise<{ id: string; number: number; path: string }> {
    const number = await nextTicketNumber(inShop);
    const ticket = await createTicket(inShop, {
      number,
      subject: `Parcel missing ${number}`,
      description: "The tracking page has not changed for a week.",
      source: "offline_chat",
      requesterEmail: "emma.schmidt@example.com",
      requesterName: "Emma Schmidt",
      requesterPhone: null,
      customerId: null,
      conversationId: null,
      transcript: null,
      ...data,
    });
    return { id: ticket.id, number, path: `/app/tickets/T-${number}.data` };
  }
  const row = (id: string) => db().ticket.findUniqueOrThrow({ where: { id } });
  const events = (id: string) => db().ticketEvent.findMany({ where: { ticketId: id }, orderBy: { createdAt: "asc" } });

  test("the ticket page shows the ticket with the signed-in requester's orders from Shopify", async () => {
    const t = await newTicket(shop, { customerId: "7003", subject: "Where is order #1003?" });
    const page = await as(LUCA, t.path);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Where is order #1003?");
    expect(page.text).toContain("emma.schmidt@example.com");
    expect(page.text).toContain("#1003"); // the customer's order, answered by the Admin API (msw)
    expect(page.text).toContain("497.00");
  });

  test("another shop's ticket, an unknown number and a malformed number are 404 on the page", async () => {
    const foreign = await newTicket(other);
    expect((await as(ANNA, `/app/tickets/T-${foreign.number}.data`)).status).toBe(404);
    expect((await as(ANNA, "/app/tickets/T-999999.data")).status).toBe(404);
    expect((await as(ANNA, "/app/tickets/drop-table.data")).status).toBe(404);
  });

  test("resolving records who and when; reopening clears the resolution; the same status twice logs once", async () => {
    const t = await newTicket();
    const resolved = await as(LUCA, t.path, { intent: "status", status: "resolved" });
    expect(resolved.status).toBe(200);
    expect(resolved.text).toContain("Status set to Resolved.");
    const after = await row(t.id);
    expect(after.status).toBe("resolved");
    expect(after.resolvedAt).not.toBeNull();

    expect((await as(LUCA, t.path, { intent: "status", status: "resolved" })).text).toContain("already Resolved");
    // in the staff member's admin language (the locale Shopify passes)
    const italian = `${t.path}${t.path.includes("?") ? "&" : "?"}locale=it`;
    expect((await as(LUCA, italian, { intent: "status", status: "resolved" })).text).toContain(
      "Il ticket è già Risolto.",
    );
    const refused = await as(LUCA, italian, { intent: "priority", priority: "someday" });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("Scegli una priorità");
    await as(ANNA, t.path, { intent: "status", status: "open" });
    expect((await row(t.id)).resolvedAt).toBeNull();

    const log = await events(t.id);
    expect(log.map((e) => [e.type, e.actorName, JSON.parse(e.data ?? "{}")])).toEqual([
      ["status_changed", "Luca Moretti", { from: "open", to: "resolved" }],
      ["status_changed", "Anna Ferri", { from: "resolved", to: "open" }],
    ]);
    expect(log[0]!.actorId).toBe(ops[LUCA]!.id);
  });

  test("a priority change is logged and sorts by rank; an unknown priority is 422 and changes nothing", async () => {
    const t = await newTicket();
    expect((await as(LUCA, t.path, { intent: "priority", priority: "urgent" })).status).toBe(200);
    expect(await row(t.id)).toMatchObject({ priority: "urgent", priorityRank: 3 });
    const bad = await as(LUCA, t.path, { intent: "priority", priority: "whenever" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Choose a priority: low, normal, high or urgent.");
    expect((await row(t.id)).priority).toBe("urgent");
    expect((await events(t.id)).filter((e) => e.type === "priority_changed")).toHaveLength(1);
  });

  test("assigning names both operators in the log; another shop's operator is 422; unassigning is logged", async () => {
    const t = await newTicket();
    expect((await as(ANNA, t.path, { intent: "assign", assigneeId: ops[LUCA]!.id })).status).toBe(200);
    expect((await row(t.id)).assigneeId).toBe(ops[LUCA]!.id);

    const foreign = await as(ANNA, t.path, { intent: "assign", assigneeId: ops.foreign!.id });
    expect(foreign.status).toBe(422);
    expect(foreign.text).toContain("That operator is not on this store's team.");
    expect((await row(t.id)).assigneeId).toBe(ops[LUCA]!.id);

    await as(LUCA, t.path, { intent: "assign", assigneeId: "none" });
    expect((await row(t.id)).assigneeId).toBeNull();
    const log = (await events(t.id)).filter((e) => e.type === "assignee_changed");
    expect(log.map((e) => [e.actorName, JSON.parse(e.data ?? "{}")])).toEqual([
      ["Anna Ferri", { from: null, to: { id: ops[LUCA]!.id, name: "Luca Moretti" } }],
      ["Luca Moretti", { from: { id: ops[LUCA]!.id, name: "Luca Moretti" }, to: null }],
    ]);
  });

  test("a public reply is an operator comment awaiting email, records the first response and is logged", async () => {
    const t = await newTicket(shop, {
      firstResponseDueAt: new Date(Date.now() + 3_600_000),
      resolutionDueAt: new Date(Date.now() + 86_400_000),
    });
    expect((await row(t.id)).slaDueAt?.getTime()).toBe((await row(t.id)).firstResponseDueAt?.getTime());
    const sent = await as(LUCA, t.path, { intent: "reply", text: "  We have asked the carrier, Emma.\n\nLuca  " });
    expect(sent.status).toBe(200);
    const comments = await db().ticketComment.findMany({ where: { ticketId: t.id } });
    expect(comments).toEqual([
      expect.objectContaining({
        shop,
        authorType: "operator",
        authorOperatorId: ops[LUCA]!.id,
        authorName: "Luca Moretti",
        body: "We have asked the carrier, Emma.\n\nLuca",
        emailedAt: null,
      }),
    ]);
    const after = await row(t.id);
    expect(after.firstRespondedAt).not.toBeNull();
    // the first response is in: the clock now runs to the resolution deadline
    expect(after.slaDueAt?.getTime()).toBe(after.resolutionDueAt?.getTime());
    // email is not set up for this shop: nothing is queued to send
    expect(await db().job.count({ where: { shop, type: "email.send" } })).toBe(0);
    expect(await db().emailDelivery.count({ where: { shop } })).toBe(0);
    const replied = (await events(t.id)).find((e) => e.type === "replied");
    expect(replied).toMatchObject({ actorName: "Luca Moretti" });
    expect(replied!.data).not.toContain("carrier"); // the log never copies the text
  });

  test("an empty or overlong reply is 422 and a closed ticket refuses replies with 409; nothing is stored", async () => {
    const t = await newTicket();
    const empty = await as(LUCA, t.path, { intent: "reply", text: " \n " });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("Write the reply first: it is empty.");
    const long = await as(LUCA, t.path, { intent: "reply", text: "x".repeat(10_001) });
    expect(long.status).toBe(422);
    expect(long.text).toContain("longer than 10,000 characters");
    await as(LUCA, t.path, { intent: "status", status: "closed" });
    const closed = await as(LUCA, t.path, { intent: "reply", text: "Hello again" });
    expect(closed.status).toBe(409);
    expect(closed.text).toContain("This ticket is closed: reopen it before replying.");
    // the domain's refusals in the staff member's admin language
    const italian = `${t.path}?locale=it`;
    const chiuso = await as(LUCA, italian, { intent: "reply", text: "Ciao di nuovo" });
    expect(chiuso.status).toBe(409);
    expect(chiuso.text).toContain("Questo ticket è chiuso: riaprilo prima di rispondere.");
    const vuota = await as(LUCA, italian, { intent: "note", text: " \n " });
    expect(vuota.status).toBe(422);
    expect(vuota.text).toContain("Scrivi prima la nota: è vuota.");
    expect(await db().ticketComment.count({ where: { ticketId: t.id } })).toBe(0);
  });

  test("an internal note is stored on the ticket and logged without its text or a change the shopper could see", async () => {
    const t = await newTicket();
    const before = await row(t.id);
    const added = await as(ANNA, t.path, { intent: "note", text: "Carrier claim opened, ref 88" });
    expect(added.status).toBe(200);
    const notes = await db().internalNote.findMany({ where: { ticketId: t.id } });
    expect(notes).toEqual([
      expect.objectContaining({
        shop,
        conversationId: null,
        authorName: "Anna Ferri",
        text: "Carrier claim opened, ref 88",
      }),
    ]);
    expect((await row(t.id)).updatedAt).toEqual(before.updatedAt);
    const logged = (await events(t.id)).find((e) => e.type === "note_added");
    expect(logged).toMatchObject({ actorName: "Anna Ferri", data: JSON.stringify({ noteId: notes[0]!.id }) });
    const page = await as(ANNA, t.path);
    expect(page.text).toContain("Carrier claim opened, ref 88");
  });

  test("every action on another shop's ticket is 404 and changes nothing there", async () => {
    const foreign = await newTicket(other);
    const before = await row(foreign.id);
    const forms: Record<string, string>[] = [
      { intent: "status", status: "closed" },
      { intent: "priority", priority: "urgent" },
      { intent: "assign", assigneeId: ops[LUCA]!.id },
      { intent: "reply", text: "Hello from the wrong shop" },
      { intent: "note", text: "A note in the wrong shop" },
    ];
    for (const form of forms) {
      const answer = await as(ANNA, foreign.path, form);
      expect(answer.status, form.intent).toBe(404);
      expect(answer.text).toContain("Ticket not found.");
    }
    expect(await row(foreign.id)).toEqual(before);
    expect(await db().ticketComment.count({ where: { ticketId: foreign.id } })).toBe(0);
    expect(await db().internalNote.count({ where: { ticketId: foreign.id } })).toBe(0);
    expect(await events(foreign.id)).toEqual([]);
  });

  test("the list answers over HTTP with the shop's tickets only, filtered and searched", async () => {
    const mine = await newTicket(shop, { subject: "Goggles fogging up", priority: "urgent" });
    const foreign = await newTicket(other, { subject: "Goggles fogging up", priority: "urgent" });
    const all = await as(LUCA, "/app/tickets.data?priority=urgent");
    expect(all.status).toBe(200);
    expect(all.text).toContain(`T-${mine.number}`);
    expect(all.text).not.toContain(foreign.id);
    expect(all.text).not.toContain(`T-${foreign.number}"`);
    const searched = await as(LUCA, `/app/tickets.data?q=${encodeURIComponent("fogging")}&status=open`);
    expect(searched.text).toContain(`T-${mine.number}`);
    expect(searched.text).not.toContain(foreign.id);
    const none = await as(LUCA, `/app/tickets.data?q=${encodeURIComponent("fogging")}&status=closed`);
    expect(none.text).not.toContain(`T-${mine.number}`);
  });

  test("an unknown action is 422", async () => {
    const t = await newTicket();
    const answer = await as(ANNA, t.path, { intent: "delete" });
    expect(answer.status).toBe(422);
    expect(answer.text).toContain("Unknown action.");
  });

  describe("bulk changes from the list", () => {
    const bulk = (form: Record<string, string>, locale?: string) =>
      as(ANNA, `/app/tickets.data?index${locale ? `&locale=${locale}` : ""}`, form);

    test("a bulk status change sets each selected ticket, logs each as a bulk change, and skips another shop's", async () => {
      const mine = [await newTicket(), await newTicket(), await newTicket()];
      await as(ANNA, mine[2]!.path, { intent: "status", status: "resolved" });
      const foreign = await newTicket(other);
      const answer = await bulk({
        intent: "bulk_status",
        ids: [...mine.map((t) => t.id), foreign.id].join(","),
        status: "resolved",
      });
      expect(answer.status).toBe(200);
      expect(answer.text).toContain("2 tickets set to Resolved. 1 ticket already so. 1 ticket not found.");
      for (const t of mine) expect((await row(t.id)).status).toBe("resolved");
      expect((await row(foreign.id)).status).toBe("open");
      const logged = await db().ticketEvent.findMany({
        where: { ticketId: { in: mine.map((t) => t.id) }, type: "status_changed", actorName: "Anna Ferri" },
      });
      expect(logged).toHaveLength(3); // two from the bulk change, one from the single change before
      expect(logged.filter((e) => JSON.parse(e.data ?? "{}").bulk === true)).toHaveLength(2);
      expect(await db().ticketEvent.count({ where: { ticketId: foreign.id, type: "status_changed" } })).toBe(0);
    });

    test("a bulk assign names the colleague on every ticket", async () => {
      const mine = [await newTicket(), await newTicket()];
      const answer = await bulk({
        intent: "bulk_assign",
        ids: mine.map((t) => t.id).join(","),
        assigneeId: ops[LUCA]!.id,
      });
      expect(answer.status).toBe(200);
      expect(answer.text).toContain("2 tickets reassigned.");
      // the same again, in Italian: nothing changes, and the answer says so with its plurals
      const italian = await bulk(
        { intent: "bulk_assign", ids: mine.map((t) => t.id).join(","), assigneeId: ops[LUCA]!.id },
        "it",
      );
      expect(italian.text).toContain("0 ticket riassegnati. 2 ticket erano già così.");
      for (const t of mine) {
        expect((await row(t.id)).assigneeId).toBe(ops[LUCA]!.id);
        const [e] = (await events(t.id)).filter((x) => x.type === "assignee_changed");
        expect(JSON.parse(e!.data!)).toEqual({
          from: null,
          to: { id: ops[LUCA]!.id, name: "Luca Moretti" },
          bulk: true,
        });
      }
    });

    test("only another shop's tickets is 404; no selection, a bad status or a foreign operator is 422; nothing changes", async () => {
      const foreign = await newTicket(other);
      const mine = await newTicket();
      const none = await bulk({ intent: "bulk_status", ids: foreign.id, status: "closed" });
      expect(none.status).toBe(404);
      expect(none.text).toContain("None of the selected tickets were found.");
      const nessuno = await bulk({ intent: "bulk_status", ids: foreign.id, status: "closed" }, "it");
      expect(nessuno.status).toBe(404);
      expect(nessuno.text).toContain("Nessuno dei ticket selezionati è stato trovato.");
      const empty = await bulk({ intent: "bulk_status", ids: "", status: "closed" });
      expect(empty.status).toBe(422);
      expect(empty.text).toContain("Select at least one ticket.");
      const badStatus = await bulk({ intent: "bulk_status", ids: mine.id, status: "archived" });
      expect(badStatus.status).toBe(422);
      expect(badStatus.text).toContain("Choose a status: open, pending, resolved or closed.");
      const tooMany = await bulk({
        intent: "bulk_status",
        ids: Array.from({ length: 101 }, (_, i) => `id${i}`).join(","),
        status: "closed",
      });
      expect(tooMany.status).toBe(422);
      expect(tooMany.text).toContain("Select at most 100 tickets at a time.");
      const foreignOperator = await bulk({ intent: "bulk_assign", ids: mine.id, assigneeId: ops.foreign!.id });
      expect(foreignOperator.status).toBe(422);
      expect((await row(foreign.id)).status).toBe("open");
      expect(await row(mine.id)).toMatchObject({ status: "open", assigneeId: null });
    });
  });

  describe("Create ticket from a chat", () => {
    async function chat(data: { contactEmail?: string; customerId?: string } = {}) {
      const conv = await db().conversation.create({
        data: {
          shop,
          state: "queued",
          visitorTokenHash: `t-${Math.random()}`,
          queuedAt: new Date(),
          contactEmail: data.contactEmail ?? null,
          customerId: data.customerId ?? null,
          version: 2,
        },
      });
      await db().message.create({
        data: { shop, conversationId: conv.id, version: 1, role: "shopper", text: "My snowboard arrived cracked" },
      });
      return conv;
    }
    const create = (id: string, form: Record<string, string>) =>
      as(LUCA, `/app/conversations/${id}.data`, { intent: "ticket", ...form });

    test("a guest chat needs the requester's email: without one, or with a malformed one, 422 and no ticket", async () => {
      const conv = await chat();
      const missing = await create(conv.id, { email: "" });
      expect(missing.status).toBe(422);
      expect(missing.text).toContain("Enter the requester's email address");
      const malformed = await create(conv.id, { email: "noah at example" });
      expect(malformed.status).toBe(422);
      expect(malformed.text).toContain("Enter a valid email address, like name@example.com.");
      expect(await db().ticket.count({ where: { conversationId: conv.id } })).toBe(0);
    });

    test("with an email the ticket is the operator's, reachable, with the transcript, and logged as created by them", async () => {
      const conv = await chat();
      const made = await create(conv.id, { email: " Noah.Martin@Example.com ", subject: "Cracked board" });
      expect(made.status).toBe(200);
      const ticket = await db().ticket.findFirstOrThrow({ where: { conversationId: conv.id } });
      expect(ticket).toMatchObject({
        shop,
        source: "operator",
        subject: "Cracked board",
        requesterEmail: "noah.martin@example.com",
      });
      expect(made.text).toContain(`Ticket T-${ticket.number} created.`);
      expect(JSON.parse(ticket.transcript ?? "[]")).toEqual([
        expect.objectContaining({ role: "shopper", text: "My snowboard arrived cracked" }),
      ]);
      expect(await events(ticket.id)).toEqual([
        expect.objectContaining({
          type: "created",
          actorType: "operator",
          actorId: ops[LUCA]!.id,
          actorName: "Luca Moretti",
        }),
      ]);
      // and the shopper can look it up with that email
      const lookup = await proxyFetch(app.url, shop, `/tickets/T-${ticket.number}`, {
        query: { email: "noah.martin@example.com" },
      });
      expect(lookup.status).toBe(200);
    });

    test("a signed-in customer's chat without a contact email takes the customer's email from Shopify", async () => {
      const conv = await chat({ customerId: "7003" });
      expect((await create(conv.id, { email: "" })).status).toBe(200);
      const ticket = await db().ticket.findFirstOrThrow({ where: { conversationId: conv.id } });
      expect(ticket).toMatchObject({ requesterEmail: "emma.schmidt@example.com", customerId: "7003" });
    });

    test("another shop's chat is 404 and no ticket is made", async () => {
      const foreign = await db().conversation.create({
        data: { shop: other, state: "queued", visitorTokenHash: `t-${Math.random()}` },
      });
      const answer = await create(foreign.id, { email: "noah.martin@example.com" });
      expect(answer.status).toBe(404);
      expect(await db().ticket.count({ where: { conversationId: foreign.id } })).toBe(0);
    });
  });
});
