/**
 * Shopify's app and compliance webhooks (ADR 022). Each handler validates the payload, then applies
 * its effect in one transaction together with a receipt for the webhook id, so a repeated delivery
 * changes nothing; the effects themselves are idempotent too (upserts and deletes).
 */
import { z } from "zod";
import { db } from "../db.server";
import { logger } from "../logger.server";
import { customerKeys } from "../lib/customer-keys";
import { writeAudit } from "../repositories/audit.server";
import { findCustomerData, deleteCustomerData } from "../repositories/customer-data.server";
import { deleteCustomerDataRequests, saveDataRequest } from "../repositories/data-requests.server";
import { deleteAllShopData, recordWebhookReceipt, updateShopScopes } from "../repositories/installation.server";
import { markUninstalled } from "./shops.server";

export interface WebhookDelivery {
  shop: string;
  webhookId: string;
  topic: string;
  payload: unknown;
}

export type WebhookOutcome =
  { ok: true; duplicate: boolean } | { ok: false; code: "invalid_request" | "shop_mismatch"; message: string };

/** A string that can be stored: PostgreSQL refuses a NUL character in text. */
const text = z.string().refine((s) => !s.includes("\u0000"), "contains a NUL character");
const id = z.union([z.number().int(), text.pipe(z.string().min(1))]).transform(String);

/**
 * The shop a compliance payload is about, as Shopify signed it. `X-Shopify-Shop-Domain` is not
 * covered by the HMAC, so the signed `shop_domain` decides and a different header is refused.
 * Tandem stores no Shopify shop id, so `shop_id` is only checked to be a shop id.
 */
const signedShop = {
  shop_domain: text.pipe(z.string().trim().toLowerCase().min(1).max(255)),
  shop_id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,20}$/)]).optional(),
};

const customerSchema = z.object({
  id: id.nullish(),
  email: text.nullish(),
  phone: text.nullish(),
});

export const dataRequestPayload = z.object({
  ...signedShop,
  customer: customerSchema,
  orders_requested: z.array(id).optional(),
  data_request: z.object({ id }),
});

export const customerRedactPayload = z.object({
  ...signedShop,
  customer: customerSchema,
  orders_to_redact: z.array(id).optional(),
});

export const shopRedactPayload = z.object(signedShop);

export const scopesUpdatePayload = z.object({
  current: z.array(text),
  previous: z.array(text).optional(),
});

function invalid(error: z.ZodError): WebhookOutcome {
  const issue = error.issues[0];
  return {
    ok: false,
    code: "invalid_request",
    message: `${issue?.path.join(".") || "payload"}: ${issue?.message ?? "invalid"}`,
  };
}

/**
 * The shop of a compliance webhook: the signed payload's `shop_domain`, which must be the shop in
 * the header (the one authenticate.webhook reports); null when they differ.
 */
function payloadShop(delivery: WebhookDelivery, payload: { shop_domain: string }): string | null {
  return payload.shop_domain === delivery.shop.trim().toLowerCase() ? payload.shop_domain : null;
}

function shopMismatch(delivery: WebhookDelivery): WebhookOutcome {
  logger.warn(
    { shop: delivery.shop, topic: delivery.topic },
    "compliance webhook refused: shop_domain differs from the header",
  );
  return { ok: false, code: "shop_mismatch", message: "shop_domain does not match X-Shopify-Shop-Domain" };
}

/** app/uninstalled: sessions removed, shop marked uninstalled (its data stays until shop/redact). */
export async function handleUninstalled(delivery: WebhookDelivery): Promise<WebhookOutcome> {
  const duplicate = await db().$transaction(async (tx) => {
    if (!(await recordWebhookReceipt(delivery.shop, delivery.webhookId, delivery.topic, tx))) return true;
    await markUninstalled(delivery.shop, tx);
    return false;
  });
  logger.info({ shop: delivery.shop, duplicate }, "app uninstalled");
  return { ok: true, duplicate };
}

/** app/scopes_update: the granted scopes recorded on the shop and its sessions. */
export async function handleScopesUpdate(delivery: WebhookDelivery): Promise<WebhookOutcome> {
  const parsed = scopesUpdatePayload.safeParse(delivery.payload);
  if (!parsed.success) return invalid(parsed.error);
  const duplicate = await db().$transaction(async (tx) => {
    if (!(await recordWebhookReceipt(delivery.shop, delivery.webhookId, delivery.topic, tx))) return true;
    await updateShopScopes(delivery.shop, parsed.data.current, tx);
    return false;
  });
  return { ok: true, duplicate };
}

export const EXPORT_FORMAT = "tandem.customer-data.v1";

/**
 * customers/data_request: a JSON export of the customer's conversations (with messages) and tickets
 * (with public replies), stored for the merchant, who sends it to the customer. Audit-logged.
 */
export async function handleDataRequest(
  delivery: WebhookDelivery,
): Promise<WebhookOutcome & { dataRequestId?: string }> {
  const parsed = dataRequestPayload.safeParse(delivery.payload);
  if (!parsed.success) return invalid(parsed.error);
  const shop = payloadShop(delivery, parsed.data);
  if (!shop) return shopMismatch(delivery);
  const { customer, data_request: request, orders_requested: orders } = parsed.data;
  const result = await db().$transaction(async (tx) => {
    if (!(await recordWebhookReceipt(shop, delivery.webhookId, delivery.topic, tx))) {
      return { duplicate: true as const };
    }
    const data = await findCustomerData(shop, customer, tx);
    const document = {
      format: EXPORT_FORMAT,
      shop,
      requestId: request.id,
      generatedAt: new Date().toISOString(),
      customer: { id: customer.id ?? null, email: customer.email ?? null, phone: customer.phone ?? null },
      ordersRequested: orders ?? [],
      note: "Tandem stores no orders; order details shown in chats came from Shopify at the time.",
      conversations: data.conversations,
      tickets: data.tickets,
      unansweredQuestions: data.unansweredQuestions,
    };
    const saved = await saveDataRequest(
      shop,
      {
        requestId: request.id,
        customerId: customer.id ?? null,
        customerEmail: customer.email ?? null,
        export: JSON.stringify(document, null, 2),
      },
      tx,
    );
    await writeAudit(
      shop,
      {
        actorType: "shopify",
        action: "data_request.exported",
        targetType: "customer",
        targetId: customer.id ?? null,
        data: {
          dataRequestId: saved.id,
          requestId: request.id,
          conversations: data.conversations.length,
          tickets: data.tickets.length,
        },
      },
      tx,
    );
    return { duplicate: false as const, dataRequestId: saved.id };
  });
  return { ok: true, ...result };
}

/**
 * customers/redact: the customer's conversations (messages, notes, events) and tickets (comments,
 * notes) deleted, and any export stored for them. Audit-logged with counts only.
 */
export async function handleCustomerRedact(delivery: WebhookDelivery): Promise<WebhookOutcome> {
  const parsed = customerRedactPayload.safeParse(delivery.payload);
  if (!parsed.success) return invalid(parsed.error);
  const shop = payloadShop(delivery, parsed.data);
  if (!shop) return shopMismatch(delivery);
  const { customer } = parsed.data;
  const duplicate = await db().$transaction(async (tx) => {
    if (!(await recordWebhookReceipt(shop, delivery.webhookId, delivery.topic, tx))) return true;
    const deleted = await deleteCustomerData(shop, customer, tx);
    const exports = await deleteCustomerDataRequests(shop, customerKeys(customer), tx);
    await writeAudit(
      shop,
      {
        actorType: "shopify",
        action: "customer.redacted",
        targetType: "customer",
        targetId: customer.id ?? null,
        data: { ...deleted, dataRequests: exports },
      },
      tx,
    );
    return false;
  });
  return { ok: true, duplicate };
}

/**
 * shop/redact (48 h after uninstall): every row of the shop in every table deleted, receipts and
 * audit log included; a repeated delivery deletes nothing more, so no receipt is kept.
 */
export async function handleShopRedact(delivery: WebhookDelivery): Promise<WebhookOutcome> {
  const parsed = shopRedactPayload.safeParse(delivery.payload);
  if (!parsed.success) return invalid(parsed.error);
  const shop = payloadShop(delivery, parsed.data);
  if (!shop) return shopMismatch(delivery);
  const counts = await db().$transaction((tx) => deleteAllShopData(shop, tx), { timeout: 120_000 });
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  logger.info({ shop, rows }, "shop data redacted");
  return { ok: true, duplicate: rows === 0 };
}
