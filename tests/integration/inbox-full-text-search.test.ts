/**
 * Inbox search on the databases' full-text indexes (SQLite FTS5, PostgreSQL tsvector + GIN): the
 * index follows every write to messages and contacts — insert, a growing reply, an edit, a delete,
 * customers/redact and shop/redact — whatever code writes it. Real SQLite, and PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setDb } from "~/db.server";
import { listInbox } from "~/repositories/inbox.server";
import { conversationsMatchingText, searchTerms } from "~/repositories/inbox-search.server";
import { deleteCustomerData } from "~/repositories/customer-data.server";
import { deleteAllShopData } from "~/repositories/installation.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";

const SHOP = "fts-test.myshopify.com";
const OTHER = "fts-other.myshopify.com";

describe.each(databaseKinds)("inbox full-text search on %s", (kind) => {
  let t: TestDatabase;
  let operatorId: string;

  async function chat(shop: string, name: string, texts: string[], extra: { customerId?: string } = {}) {
    const c = await t.db.conversation.create({
      data: {
        shop,
        state: "queued",
        queuedAt: new Date(),
        visitorTokenHash: `h-${name}-${Math.random()}`,
        contactName: name,
        customerId: extra.customerId ?? null,
      },
    });
    for (const [i, text] of texts.entries())
      await t.db.message.create({
        data: { shop, conversationId: c.id, version: i + 2, role: i % 2 ? "ai" : "shopper", text },
      });
    return c;
  }

  const found = async (q: string, shop = SHOP) =>
    (await listInbox(shop, { view: "open", operatorId, q })).rows.map((r) => r.displayName).sort();

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setDb(t.db);
    operatorId = (await t.db.operator.create({ data: { shop: SHOP, staffUserId: "1", name: "Anna" } })).id;
  });
  afterAll(async () => {
    setDb(undefined);
    await t.close();
  });

  test("a new message is found by a whole word, a prefix and several words, in any case", async () => {
    await chat(SHOP, "Mara", ["Do you ship to Switzerland?", "Yes, within four business days."]);
    await chat(SHOP, "Ole", ["Is the helmet in size M back?"]);
    expect(await found("switzerland")).toEqual(["Mara"]);
    expect(await found("SWITZ")).toEqual(["Mara"]);
    expect(await found("business four")).toEqual(["Mara"]);
    expect(await found("helmet size")).toEqual(["Ole"]);
    expect(await found("helmet switzerland")).toEqual([]);
  });

  test("text that matches nothing returns no rows, and punctuation alone is no search", async () => {
    expect(await found("zeppelin")).toEqual([]);
    expect(searchTerms("?!… —")).toEqual([]);
    const page = await listInbox(SHOP, { view: "open", operatorId, q: "?!" });
    expect(page.rows.map((r) => r.displayName).sort()).toEqual([]);
  });

  test("the contact's name is part of the document, and a renamed contact is found by the new name", async () => {
    const c = await chat(SHOP, "Giulia Rossi", ["Ciao"]);
    expect(await found("rossi")).toEqual(["Giulia Rossi"]);
    await t.db.conversation.update({ where: { id: c.id }, data: { contactName: "Giulia Bianchi" } });
    expect(await found("rossi")).toEqual([]);
    expect(await found("bianchi")).toEqual(["Giulia Bianchi"]);
  });

  test("an updated message (a growing reply, an edit) is found by its new text only", async () => {
    const c = await chat(SHOP, "Pia", ["Where is my parcel?"]);
    const reply = await t.db.message.create({
      data: { shop: SHOP, conversationId: c.id, version: 3, role: "ai", text: "Let me", status: "streaming" },
    });
    await t.db.message.update({ where: { id: reply.id }, data: { text: "Let me check the courier tracking" } });
    expect(await found("courier")).toEqual(["Pia"]);
    await t.db.message.update({ where: { id: reply.id }, data: { text: "It left the warehouse", status: "final" } });
    expect(await found("courier")).toEqual([]);
    expect(await found("warehouse")).toEqual(["Pia"]);
  });

  test("a deleted message and a deleted conversation leave the index", async () => {
    const c = await chat(SHOP, "Teo", ["My voucher code fails", "Which code?"]);
    const first = await t.db.message.findFirstOrThrow({ where: { conversationId: c.id, version: 2 } });
    await t.db.message.delete({ where: { id: first.id } });
    expect(await found("voucher")).toEqual([]);
    expect(await found("which")).toEqual(["Teo"]);
    await t.db.conversation.delete({ where: { id: c.id } });
    expect(await found("which")).toEqual([]);
  });

  test("customers/redact removes the customer's words from search; other customers stay findable", async () => {
    await chat(SHOP, "Redacted", ["My address is Via Roma 12"], { customerId: "gid://shopify/Customer/501" });
    await chat(SHOP, "Kept", ["Via Roma store opening hours?"], { customerId: "gid://shopify/Customer/502" });
    expect(await found("roma")).toEqual(["Kept", "Redacted"]);
    await deleteCustomerData(SHOP, { id: 501 });
    expect(await found("roma")).toEqual(["Kept"]);
  });

  test("search is scoped by shop, and shop/redact empties that shop's index only", async () => {
    await chat(OTHER, "Elsewhere", ["Do you ship to Switzerland?"]);
    expect(await found("switzerland")).toEqual(["Mara"]);
    expect(await found("switzerland", OTHER)).toEqual(["Elsewhere"]);
    const matches = await conversationsMatchingText(t.db, OTHER, "switzerland", {
      states: ["queued"],
      orderBy: "lastActivityAt",
      direction: "desc",
    });
    expect(matches.conversationIds).toHaveLength(1);
    await deleteAllShopData(OTHER);
    expect(await found("switzerland", OTHER)).toEqual([]);
    expect(await found("switzerland")).toEqual(["Mara"]);
  });

  test("an order number matches the whole number only", async () => {
    await chat(SHOP, "Order 1003", ["Where is my order #1003?"]);
    await chat(SHOP, "Order 10030", ["Where is my order #10030?"]);
    expect(await found("#1003")).toEqual(["Order 1003"]);
    expect(await found("1003")).toEqual(["Order 1003"]);
  });
});
