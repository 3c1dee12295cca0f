/** Shared setup for the assistant's integration tests: a real database with the demo knowledge. */
import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "../../helpers/db";
import { setDb } from "../../../app/db.server";
import { resetEnvForTests } from "../../../app/env.server";
import { createShopifyData, type ShopifyData } from "../../../app/integrations/shopify/data.server";
import type { GraphqlClient } from "../../../app/integrations/shopify/client.server";
import { demoStore } from "../../mocks/shopify";
import type { ResponderInput, ResponderSink } from "../../../app/domain/responder";

export const SHOP = "tandem-demo.myshopify.com";
export const OTHER_SHOP = "other-store.myshopify.com";

export async function setUpAiDatabase(kind: "sqlite" | "postgresql" = "sqlite"): Promise<TestDatabase> {
  const t = await createTestDatabase(kind);
  setDb(t.db);
  const store = demoStore();
  for (const shop of [SHOP, OTHER_SHOP]) {
    await t.db.shop.create({ data: { shop, name: shop === SHOP ? store.shop.name : "Other" } });
  }
  for (const f of store.faq) {
    await t.db.knowledgeEntry.create({
      data: {
        shop: SHOP,
        kind: "faq",
        externalId: f.id,
        question: f.question,
        answer: f.answer,
        tags: f.tags.join(","),
        locale: f.locale,
      },
    });
  }
  return t;
}

export function useAppKey(key: string | undefined, baseUrl?: string) {
  if (key) process.env.OPENAI_API_KEY = key;
  else delete process.env.OPENAI_API_KEY;
  if (baseUrl) process.env.OPENAI_BASE_URL = baseUrl;
  else delete process.env.OPENAI_BASE_URL;
  process.env.OPENAI_MODEL = "gpt-4o-mini";
  resetEnvForTests();
}

/** Admin GraphQL over fetch (answered by the msw Shopify handlers). */
export function adminFetchClient(shop: string): GraphqlClient {
  return (query, options) =>
    fetch(`https://${shop}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": "test-token" },
      body: JSON.stringify({ query, variables: options?.variables ?? {} }),
      signal: options?.signal,
    });
}

export const testShopify = async (shop: string): Promise<ShopifyData> =>
  createShopifyData(shop, adminFetchClient(shop));

export async function newConversation(db: TestDatabase["db"], shop = SHOP, customerId: string | null = null) {
  return db.conversation.create({ data: { shop, visitorTokenHash: randomUUID(), customerId, locale: "en" } });
}

export function input(conversationId: string, text: string, extra: Partial<ResponderInput> = {}): ResponderInput {
  return {
    shop: SHOP,
    conversationId,
    messageId: randomUUID(),
    text,
    locale: "en",
    customerId: null,
    history: [],
    signal: new AbortController().signal,
    ...extra,
  };
}

/** A sink that records every partial text; `stopAfter` makes update() return false after n calls. */
export function recordingSink(stopAfter = Infinity): ResponderSink & { updates: string[] } {
  const updates: string[] = [];
  return {
    updates,
    async update(text: string) {
      updates.push(text);
      return updates.length < stopAfter;
    },
  };
}
