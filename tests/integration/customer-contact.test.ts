/**
 * A signed-in customer's Shopify name and email become the chat's contact when it has none (one
 * event, in the same transaction): the inbox lists them by name, search finds their email, and the
 * conversation view lists their previous conversations and tickets. Real SQLite, and PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setDb } from "~/db.server";
import { listInbox } from "~/repositories/inbox.server";
import { customerHistory } from "~/repositories/customer-history.server";
import { rememberCustomerContact } from "~/domain/conversations/customer-contact.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";

const SHOP = "contact-test.myshopify.com";

describe.each(databaseKinds)("customer contact and history on %s", (kind) => {
  let t: TestDatabase;
  let operatorId: string;
  const conv = (data: { customerId?: string; contactName?: string; contactEmail?: string; state?: string }) =>
    t.db.conversation.create({
      data: { shop: SHOP, state: data.state ?? "queued", visitorTokenHash: `h-${Math.random()}`, ...data },
    });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setDb(t.db);
    operatorId = (await t.db.operator.create({ data: { shop: SHOP, staffUserId: "1", name: "Anna" } })).id;
  });
  afterAll(async () => {
    setDb(undefined);
    await t.close();
  });

  test("a signed-in customer's name and email fill an empty contact, with one event", async () => {
    const c = await conv({ customerId: "gid://shopify/Customer/7003" });
    expect((await listInbox(SHOP, { view: "open", operatorId })).rows[0]?.displayName).toBe("Customer 7003");
    const known = { name: "Emma Schmidt", email: "Emma.Schmidt@example.com" };
    expect(await rememberCustomerContact(SHOP, c.id, known)).toBe(true);
    expect(await rememberCustomerContact(SHOP, c.id, known)).toBe(false); // nothing left to fill
    const rows = (await listInbox(SHOP, { view: "open", operatorId })).rows;
    expect(rows.map((r) => r.displayName)).toEqual(["Emma Schmidt"]);
    const byEmail = await listInbox(SHOP, { view: "open", operatorId, q: "emma.schmidt@example.com" });
    expect(byEmail.rows.map((r) => r.id)).toEqual([c.id]);
    expect((await listInbox(SHOP, { view: "open", operatorId, q: "schmidt" })).rows.map((r) => r.id)).toEqual([c.id]);
    const events = await t.db.domainEvent.findMany({ where: { shop: SHOP, conversationId: c.id } });
    expect(events.map((e) => [e.type, JSON.parse(e.data)])).toEqual([
      ["conversation.updated", { fields: ["contactName", "contactEmail"] }],
    ]);
  });

  test("what the shopper typed is kept, and a guest chat is never given a customer's contact", async () => {
    const typed = await conv({ customerId: "7001", contactName: "Giulia R.", contactEmail: "g@example.com" });
    expect(await rememberCustomerContact(SHOP, typed.id, { name: "Giulia Rossi", email: "x@example.com" })).toBe(false);
    const guest = await conv({});
    expect(await rememberCustomerContact(SHOP, guest.id, { name: "Giulia Rossi", email: "x@example.com" })).toBe(false);
    const after = await t.db.conversation.findUniqueOrThrow({ where: { id: typed.id } });
    expect([after.contactName, after.contactEmail]).toEqual(["Giulia R.", "g@example.com"]);
  });

  test("the history lists the customer's other chats (by id or email) and tickets, not this one", async () => {
    const now = await conv({ customerId: "7002" });
    const older = await conv({ customerId: "gid://shopify/Customer/7002", state: "closed" });
    await t.db.conversation.update({ where: { id: older.id }, data: { rating: 4 } });
    const byEmail = await conv({ contactEmail: "marco.bianchi@example.com", state: "closed" });
    await conv({ customerId: "7099" });
    await t.db.ticket.create({
      data: {
        shop: SHOP,
        number: 1042,
        subject: "Broken binding",
        source: "operator",
        requesterEmail: "marco.bianchi@example.com",
      },
    });
    const history = await customerHistory(SHOP, {
      conversationId: now.id,
      customerId: "7002",
      email: "marco.bianchi@example.com",
    });
    expect(history.conversations.map((c) => c.id).sort()).toEqual([older.id, byEmail.id].sort());
    expect(history.conversations.find((c) => c.id === older.id)?.rating).toBe(4);
    expect(history.tickets.map((x) => [x.number, x.subject])).toEqual([[1042, "Broken binding"]]);
  });
});
