/**
 * The conversation view's actions through the page's action service (runAction, what the route calls
 * after authenticate.admin): a product card looked up in the Admin API (answered by msw from the demo
 * store fixture), a ticket created from the chat, tags added and removed, Assign (admins only), and
 * the canned responses' shortcut rules. Real SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { setDb } from "~/db.server";
import { forgetAllVersions } from "~/domain/versions.server";
import { messageView } from "~/domain/conversations/views";
import { runAction } from "~/routes/app.conversations.$id/conversation.server";
import { translator } from "~/lib/i18n/catalog";
import type { Locale } from "~/lib/i18n/core";
import { createCanned, deleteCanned, findCannedByPrefix, listCanned, updateCanned } from "~/repositories/canned.server";
import type { Operator } from "~/repositories/operators.server";
import type { GraphqlClient } from "~/integrations/shopify/client.server";
import { ApiVersion } from "@shopify/shopify-api";
import { createShopifyMockServer } from "../mocks/shopify";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";

const SHOP = "actions-test.myshopify.com";
const OTHER_SHOP = "actions-other.myshopify.com";

const shopify = createShopifyMockServer();
let adminCalls: string[] = [];
shopify.events.on("request:start", ({ request }) => {
  if (request.url.includes("/admin/api/")) adminCalls.push(new URL(request.url).host);
});

/** The Admin API client the route gets from authenticate.admin, talking HTTP to Shopify (msw). */
const admin: GraphqlClient = (query, options) =>
  fetch(`https://${SHOP}/admin/api/${ApiVersion.October26}/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "shpat_test" },
    body: JSON.stringify({ query, variables: options?.variables ?? {} }),
    signal: options?.signal,
  });

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function act(me: Operator, conversationId: string, fields: Record<string, string>, locale: Locale = "en") {
  const response = await runAction(SHOP, conversationId, me, form(fields), admin, translator(locale));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(() => shopify.listen({ onUnhandledFrame: "error" }));
afterEach(() => {
  adminCalls = [];
});
afterAll(() => shopify.close());

describe.each(databaseKinds)("conversation actions on %s", (kind) => {
  let t: TestDatabase;
  let anna: Operator;
  let luca: Operator;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setDb(t.db);
    forgetAllVersions();
    await t.db.shop.createMany({ data: [{ shop: SHOP }, { shop: OTHER_SHOP }] });
    anna = await t.db.operator.create({
      data: { shop: SHOP, staffUserId: "90001", name: "Anna Ferri", role: "admin" },
    });
    luca = await t.db.operator.create({
      data: { shop: SHOP, staffUserId: "90002", name: "Luca Moretti", role: "operator" },
    });
  });
  afterAll(async () => {
    setDb(undefined);
    await t?.close();
  });

  async function chat(data: { state?: string; assigneeId?: string; contactEmail?: string; contactName?: string } = {}) {
    const conv = await t.db.conversation.create({
      data: {
        shop: SHOP,
        state: data.state ?? "queued",
        visitorTokenHash: `h-${Math.random()}`,
        queuedAt: new Date(),
        assigneeId: data.assigneeId ?? null,
        contactEmail: data.contactEmail ?? null,
        contactName: data.contactName ?? null,
        version: 2,
      },
    });
    await t.db.message.create({
      data: { shop: SHOP, conversationId: conv.id, version: 1, role: "shopper", text: "Which board for powder?" },
    });
    return conv;
  }

  describe("sending a product card", () => {
    test("the holder's picked product is looked up in the Admin API and reaches the shopper as a card", async () => {
      const conv = await chat({ state: "assigned", assigneeId: anna.id });
      const result = await act(anna, conv.id, {
        intent: "product",
        handle: "powder-hound-snowboard",
        text: "This one floats in deep snow",
      });
      expect(result).toEqual({ status: 200, body: { ok: true, intent: "product", message: "Product sent." } });
      expect(adminCalls).toEqual([SHOP]);

      const row = await t.db.message.findFirstOrThrow({ where: { conversationId: conv.id, role: "operator" } });
      expect(messageView(row)).toMatchObject({
        role: "operator",
        text: "This one floats in deep snow",
        author: { name: "Anna Ferri" },
        cards: [
          {
            type: "product",
            title: "Powder Hound Snowboard",
            price: "€529.00",
            url: `https://${SHOP}/products/powder-hound-snowboard`,
            imageUrl: "/demo/images/powder-hound-snowboard.svg",
            variantId: "8021",
            available: true,
            variants: [
              { id: "8021", title: "154 cm", price: "€529.00", available: true },
              { id: "8022", title: "158 cm", price: "€529.00", available: true },
            ],
          },
        ],
      });
      const after = await t.db.conversation.findUniqueOrThrow({ where: { id: conv.id } });
      expect(after.firstHumanReplyAt).not.toBeNull();
      expect(after.version).toBeGreaterThan(conv.version);
    });

    test("the variant the operator picked is preselected on the card; a variant of another product is not", async () => {
      const conv = await chat({ state: "assigned", assigneeId: anna.id });
      await act(anna, conv.id, {
        intent: "product",
        handle: "powder-hound-snowboard",
        variantId: "gid://shopify/ProductVariant/8022",
      });
      await act(anna, conv.id, {
        intent: "product",
        handle: "powder-hound-snowboard",
        variantId: "gid://shopify/ProductVariant/8001",
      });
      const rows = await t.db.message.findMany({
        where: { conversationId: conv.id, role: "operator" },
        orderBy: { version: "asc" },
      });
      const cards = rows.map((r) => messageView(r).cards?.[0] as { variantId?: string; variants?: unknown[] });
      expect(cards.map((c) => c.variantId)).toEqual(["8022", "8021"]);
      expect(cards[0]!.variants).toHaveLength(2);
    });

    test("a product Shopify does not know is 404 not_found and sends nothing", async () => {
      const conv = await chat({ state: "assigned", assigneeId: anna.id });
      const result = await act(anna, conv.id, { intent: "product", handle: "no-such-board" });
      expect(result).toMatchObject({
        status: 404,
        body: { ok: false, error: { code: "not_found", message: "That product was not found." } },
      });
      expect(await t.db.message.count({ where: { conversationId: conv.id, role: "operator" } })).toBe(0);
    });

    test("an operator who does not hold the chat cannot send a card (409) and nothing is stored", async () => {
      const conv = await chat({ state: "assigned", assigneeId: anna.id });
      const result = await act(luca, conv.id, { intent: "product", handle: "powder-hound-snowboard" });
      expect(result).toMatchObject({
        status: 409,
        body: { ok: false, error: { code: "conflict", message: "take the conversation over before sending" } },
      });
      // the domain's refusal is in the language of the operator's admin
      const italian = await act(luca, conv.id, { intent: "product", handle: "powder-hound-snowboard" }, "it");
      expect(italian).toMatchObject({
        status: 409,
        body: {
          ok: false,
          error: { code: "conflict", message: "Prendi in carico la conversazione prima di inviare." },
        },
      });
      const takeOver = await act(luca, conv.id, { intent: "take_over" }, "it");
      expect(takeOver).toMatchObject({
        status: 409,
        body: { ok: false, error: { code: "conflict", message: "Già presa in carico da Anna Ferri." } },
      });
      expect(await t.db.message.count({ where: { conversationId: conv.id, role: "operator" } })).toBe(0);
    });

    test("a reply to a chat another operator holds is refused at once with the holder's name", async () => {
      const conv = await chat({ state: "assigned", assigneeId: anna.id });
      const started = Date.now();
      const result = await act(luca, conv.id, { intent: "reply", text: "I can help" }, "it");
      // the holder's name is read inside the write: on SQLite a read outside it waited for the lock
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(result).toMatchObject({
        status: 409,
        body: { ok: false, error: { code: "conflict", message: "Già presa in carico da Anna Ferri." } },
      });
      expect(await t.db.message.count({ where: { conversationId: conv.id, role: "operator" } })).toBe(0);
    });
  });

  describe("creating a ticket from a chat", () => {
    test("creates one operator ticket with the contact details and the transcript; a second click finds it", async () => {
      const conv = await chat({ contactEmail: "noah@example.com", contactName: "Noah Martin" });
      const first = await act(luca, conv.id, { intent: "ticket" });
      const ticket = await t.db.ticket.findFirstOrThrow({ where: { shop: SHOP, conversationId: conv.id } });
      expect(first).toEqual({
        status: 200,
        body: { ok: true, intent: "ticket", message: `Ticket T-${ticket.number} created.` },
      });
      expect(ticket).toMatchObject({
        source: "operator",
        requesterEmail: "noah@example.com",
        requesterName: "Noah Martin",
        subject: "Which board for powder?",
      });
      expect(JSON.parse(ticket.transcript ?? "[]")).toEqual([
        expect.objectContaining({ role: "shopper", text: "Which board for powder?" }),
      ]);

      const second = await act(anna, conv.id, { intent: "ticket" });
      expect(second.body).toEqual({
        ok: true,
        intent: "ticket",
        message: `Ticket T-${ticket.number} already exists.`,
      });
      expect(await t.db.ticket.count({ where: { shop: SHOP, conversationId: conv.id } })).toBe(1);
      expect(await t.db.conversationEvent.count({ where: { conversationId: conv.id, type: "ticket_created" } })).toBe(
        1,
      );
    });

    test("a chat of another shop is not found and no ticket is made", async () => {
      const other = await t.db.conversation.create({
        data: { shop: OTHER_SHOP, state: "queued", visitorTokenHash: `h-${Math.random()}` },
      });
      const result = await act(anna, other.id, { intent: "ticket" });
      expect(result).toMatchObject({ status: 404, body: { ok: false, error: { code: "not_found" } } });
      expect(await t.db.ticket.count({ where: { conversationId: other.id } })).toBe(0);
    });
  });

  describe("tags", () => {
    test("tags are added normalised, then one is removed; each change is recorded", async () => {
      const conv = await chat();
      const added = await act(luca, conv.id, { intent: "tags", tags: " VIP, Board Size ,vip," });
      expect(added.body).toEqual({ ok: true, intent: "tags", message: "Tags saved." });
      expect((await t.db.conversation.findUniqueOrThrow({ where: { id: conv.id } })).tags).toBe("vip,board-size");

      // the answer is in the language of the operator's admin
      const italian = await act(luca, conv.id, { intent: "tags", tags: "vip" }, "it");
      expect(italian.body).toEqual({ ok: true, intent: "tags", message: "Tag salvati." });
      expect((await t.db.conversation.findUniqueOrThrow({ where: { id: conv.id } })).tags).toBe("vip");
      const badEmail = await act(luca, conv.id, { intent: "ticket", email: "not-an-address" }, "it");
      expect(badEmail).toMatchObject({
        status: 422,
        body: { ok: false, error: { message: "Inserisci un indirizzo email valido, come nome@esempio.com." } },
      });

      await act(luca, conv.id, { intent: "tags", tags: "" });
      expect((await t.db.conversation.findUniqueOrThrow({ where: { id: conv.id } })).tags).toBe("");

      const events = await t.db.conversationEvent.findMany({
        where: { conversationId: conv.id, type: "tagged" },
        orderBy: { createdAt: "asc" },
      });
      expect(events.map((e) => JSON.parse(e.data ?? "{}"))).toEqual([
        { tags: ["vip", "board-size"] },
        { tags: ["vip"] },
        { tags: [] },
      ]);
    });

    test("tags longer than the form allows are 422 invalid_request and change nothing", async () => {
      const conv = await chat();
      const result = await act(luca, conv.id, { intent: "tags", tags: "x".repeat(1001) });
      expect(result).toMatchObject({ status: 422, body: { ok: false, error: { code: "invalid_request" } } });
      expect((await t.db.conversation.findUniqueOrThrow({ where: { id: conv.id } })).tags).toBe(conv.tags);
    });
  });

  describe("Assign", () => {
    test("an admin assigns a queued chat to an operator", async () => {
      const conv = await chat();
      const result = await act(anna, conv.id, { intent: "assign", operatorId: luca.id });
      expect(result.body).toEqual({ ok: true, intent: "assign", message: "Assigned." });
      const row = await t.db.conversation.findUniqueOrThrow({ where: { id: conv.id } });
      expect(row).toMatchObject({ state: "assigned", assigneeId: luca.id });
    });

    test("a non-admin is refused with 403 forbidden and the chat is unchanged", async () => {
      const conv = await chat();
      const result = await act(luca, conv.id, { intent: "assign", operatorId: luca.id });
      expect(result).toEqual({
        status: 403,
        body: { ok: false, intent: "assign", error: { code: "forbidden", message: "Only admins can assign chats." } },
      });
      const row = await t.db.conversation.findUniqueOrThrow({ where: { id: conv.id } });
      expect(row).toMatchObject({ state: "queued", assigneeId: null, version: conv.version });
      expect(await t.db.conversationEvent.count({ where: { conversationId: conv.id } })).toBe(0);
    });
  });

  describe("canned responses", () => {
    test("a shortcut is unique within a shop, may repeat in another shop, and is found by its prefix", async () => {
      const ship = await createCanned(SHOP, { shortcut: "ship", title: "Shipping", body: "We ship in 24 h." });
      expect(ship).not.toBeNull();
      expect(await createCanned(SHOP, { shortcut: "ship", title: "Again", body: "Duplicate" })).toBeNull();
      expect(await createCanned(OTHER_SHOP, { shortcut: "ship", title: "Theirs", body: "Other shop" })).not.toBeNull();
      expect((await listCanned(SHOP)).map((c) => c.body)).toEqual(["We ship in 24 h."]);
      expect((await findCannedByPrefix(SHOP, "sh")).map((c) => c.shortcut)).toEqual(["ship"]);
    });

    test("renaming onto a taken shortcut is a conflict; deleting frees the shortcut", async () => {
      const sizes = await createCanned(SHOP, { shortcut: "sizes", title: "Sizes", body: "See our size chart." });
      const wax = await createCanned(SHOP, { shortcut: "wax", title: "Wax", body: "Wax every 5 days." });
      expect(await updateCanned(SHOP, wax!.id, { shortcut: "sizes", title: "Wax", body: "x" })).toBe("conflict");
      expect(await updateCanned(SHOP, wax!.id, { shortcut: "waxing", title: "Wax", body: "x" })).toBe("updated");
      expect(await deleteCanned(SHOP, sizes!.id)).toBe(true);
      expect(await deleteCanned(SHOP, sizes!.id)).toBe(false);
      expect(await createCanned(SHOP, { shortcut: "sizes", title: "Sizes", body: "New chart." })).not.toBeNull();
    });
  });
});
