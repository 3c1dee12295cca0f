/**
 * Webhook endpoints of a shop (admins only, app/routes/app.integrations): URL, event types, enabled,
 * and a signing secret shown once at creation and rotation (ADR 160). Every function takes the shop
 * first and touches only that shop's rows.
 */
import { z } from "zod";
import { db } from "../../db.server";
import { checkOutboundUrl } from "../../lib/outbound-url.server";
import { translator, type Translate } from "../../lib/i18n/catalog";
import { formErrors } from "../../lib/i18n/form-errors";
import { newSigningSecret, normalizeTargetUrl, sealBoundSecret, signingSecretHint } from "../signing.server";
import { WEBHOOK_EVENT_TYPES } from "./payloads";

export const MAX_ENDPOINTS_PER_SHOP = 10;

/** Bad input: a message per field, in the language of the `t` the caller passed (English without one). */
export class EndpointInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("invalid endpoint");
  }
}

export const endpointInput = z.object({
  url: z.string().trim().min(1, "validation.webhooks.url").max(2000),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { errorMap: () => ({ message: "validation.webhooks.eventType" }) }))
    .min(1, "validation.webhooks.events"),
});
export type EndpointInput = z.infer<typeof endpointInput>;

export interface EndpointView {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  secretHint: string;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
}

function view(row: {
  id: string;
  url: string;
  events: string;
  enabled: boolean;
  secretHint: string;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
}): EndpointView {
  const events = row.events.trim() === "*" ? [...WEBHOOK_EVENT_TYPES] : row.events.split(",").filter(Boolean);
  // Only these fields: the sealed secret never leaves the server.
  const { id, url, enabled, secretHint, disabledReason, failingSince, createdAt } = row;
  return { id, url, events, enabled, secretHint, disabledReason, failingSince, createdAt };
}

const english = translator("en");

function validate(input: unknown, t: Translate): EndpointInput {
  const parsed = endpointInput.safeParse(input);
  if (!parsed.success) throw new EndpointInputError(formErrors(parsed.error, t, { field: "first" }));
  const checked = checkOutboundUrl(parsed.data.url);
  if (!checked.ok) throw new EndpointInputError({ url: t(`validation.outboundUrl.${checked.reason}`) });
  return { ...parsed.data, url: normalizeTargetUrl(parsed.data.url) };
}

export async function listEndpoints(shop: string): Promise<EndpointView[]> {
  const rows = await db().webhookEndpoint.findMany({ where: { shop }, orderBy: { createdAt: "asc" } });
  return rows.map(view);
}

/** Creates an endpoint; the secret in the result is shown once and never again. */
export async function createEndpoint(
  shop: string,
  input: unknown,
  t: Translate = english,
): Promise<{ endpoint: EndpointView; secret: string }> {
  const data = validate(input, t);
  if ((await db().webhookEndpoint.count({ where: { shop } })) >= MAX_ENDPOINTS_PER_SHOP)
    throw new EndpointInputError({ url: t("validation.webhooks.tooMany", { max: MAX_ENDPOINTS_PER_SHOP }) });
  const secret = newSigningSecret();
  const row = await db().webhookEndpoint.create({
    data: {
      shop,
      url: data.url,
      events: data.events.join(","),
      secretEnc: sealBoundSecret(secret, data.url),
      secretHint: signingSecretHint(secret),
    },
  });
  return { endpoint: view(row), secret };
}

async function requireEndpoint(shop: string, id: string, t: Translate = english) {
  const row = await db().webhookEndpoint.findFirst({ where: { id, shop } });
  if (!row) throw new EndpointInputError({ id: t("validation.webhooks.noSuchEndpoint") });
  return row;
}

/**
 * Changes URL and event types. A new URL needs a new secret (the old one is bound to the old URL),
 * so changing the URL rotates the secret and returns it.
 */
export async function updateEndpoint(
  shop: string,
  id: string,
  input: unknown,
  t: Translate = english,
): Promise<{ endpoint: EndpointView; secret: string | null }> {
  const data = validate(input, t);
  const row = await requireEndpoint(shop, id, t);
  const urlChanged = row.url !== data.url;
  const secret = urlChanged ? newSigningSecret() : null;
  const updated = await db().webhookEndpoint.update({
    where: { id: row.id },
    data: {
      url: data.url,
      events: data.events.join(","),
      ...(secret ? { secretEnc: sealBoundSecret(secret, data.url), secretHint: signingSecretHint(secret) } : {}),
    },
  });
  return { endpoint: view(updated), secret };
}

/** A new secret at once; the old one stops signing immediately. Shown once. */
export async function rotateEndpointSecret(
  shop: string,
  id: string,
  t: Translate = english,
): Promise<{ secret: string }> {
  const row = await requireEndpoint(shop, id, t);
  const secret = newSigningSecret();
  await db().webhookEndpoint.update({
    where: { id: row.id },
    data: { secretEnc: sealBoundSecret(secret, row.url), secretHint: signingSecretHint(secret) },
  });
  return { secret };
}

/** Enabling clears the failure record: the endpoint gets a fresh start. */
export async function setEndpointEnabled(
  shop: string,
  id: string,
  enabled: boolean,
  t: Translate = english,
): Promise<void> {
  const row = await requireEndpoint(shop, id, t);
  await db().webhookEndpoint.update({
    where: { id: row.id },
    data: enabled ? { enabled, disabledReason: null, failingSince: null } : { enabled },
  });
}

export async function deleteEndpoint(shop: string, id: string): Promise<void> {
  await db().webhookEndpoint.deleteMany({ where: { id, shop } });
}
