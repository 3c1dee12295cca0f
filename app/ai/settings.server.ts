import { z } from "zod";
import { randomUUID } from "node:crypto";
import { secretHint } from "../lib/crypto.server";
import { checkOutboundUrl } from "../lib/outbound-url.server";
import { translator, type Translate } from "../lib/i18n/catalog";
import { formErrors } from "../lib/i18n/form-errors";
import { getAiSettings, listDailyUsage, updateAiSettings } from "../repositories/ai.server";
import { normalizeBaseUrl, openApiKey, sealApiKey } from "./api-key.server";
import { circuitInfo } from "./circuit-breaker.server";
import { resolveAiConfig, shopBaseUrl } from "./config.server";
import { testConnection } from "./provider.server";
import { dailyBudget, utcDay } from "./usage.server";
import { respondDetailed } from "./responder.server";
import type { ShopifyData } from "../integrations/shopify/data.server";
import { env } from "../env.server";

/**
 * The assistant settings form (admin). The API key is write-only: empty keeps the stored one, as
 * long as the base URL stays the one the key was entered for.
 */
export const assistantSettingsSchema = z.object({
  aiBaseUrl: z
    .string()
    .trim()
    .max(300)
    .superRefine((v, ctx) => {
      if (v === "") return;
      const checked = checkOutboundUrl(v);
      if (!checked.ok)
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `validation.outboundUrl.${checked.reason}` });
    })
    .transform((v) => (v ? normalizeBaseUrl(v) : null)),
  aiModel: z
    .string()
    .trim()
    .max(100)
    .transform((v) => v || null),
  apiKey: z.string().trim().max(500).optional().default(""),
  removeKey: z
    .union([z.literal("on"), z.literal("true"), z.literal("")])
    .optional()
    .transform((v) => v === "on" || v === "true"),
  aiPersona: z
    .string()
    .trim()
    .max(1000)
    .transform((v) => v || null),
  aiRules: z
    .string()
    .trim()
    .max(4000)
    .transform((v) => v || null),
  aiTemperature: z.coerce.number().min(0).max(2),
  aiMaxTokens: z.coerce.number().int().min(50).max(4000),
  aiDailyTokenCap: z.coerce.number().int().min(0).max(100_000_000),
});

export type AssistantSettingsInput = z.input<typeof assistantSettingsSchema>;

export async function saveAssistantSettings(
  shop: string,
  form: Record<string, unknown>,
  t: Translate = translator("en"),
) {
  const parsed = assistantSettingsSchema.safeParse(form);
  if (!parsed.success) return { ok: false as const, errors: formErrors(parsed.error, t) };
  const { apiKey, removeKey, ...rest } = parsed.data;
  const stored = await getAiSettings(shop);
  if (!stored) return { ok: false as const, errors: { form: t("validation.notInstalled") } };
  const baseUrl = shopBaseUrl(rest.aiBaseUrl);
  if (!apiKey && !removeKey && stored.aiApiKeyEnc) {
    // The stored key was entered for the current URL: a new URL needs the key again.
    const forOld = openApiKey(stored.aiApiKeyEnc, shopBaseUrl(stored.aiBaseUrl));
    if (forOld.ok && !openApiKey(stored.aiApiKeyEnc, baseUrl).ok) {
      return {
        ok: false as const,
        errors: { apiKey: t("validation.assistant.apiKeyAgain") },
      };
    }
  }
  const saved = await updateAiSettings(shop, {
    ...rest,
    ...(removeKey ? { aiApiKeyEnc: null } : apiKey ? { aiApiKeyEnc: sealApiKey(apiKey, baseUrl) } : {}),
  });
  return saved
    ? { ok: true as const, errors: {} }
    : { ok: false as const, errors: { form: t("validation.notInstalled") } };
}

/** Everything the settings page shows: settings (never the key), usage, circuit state. */
export async function assistantOverview(shop: string) {
  const s = await getAiSettings(shop);
  if (!s) return null;
  const config = await resolveAiConfig(shop);
  let keyHint: string | null = null;
  if (s.aiApiKeyEnc) {
    const opened = openApiKey(s.aiApiKeyEnc, shopBaseUrl(s.aiBaseUrl));
    keyHint = opened.ok
      ? secretHint(opened.apiKey)
      : opened.reason === "other_url"
        ? "(entered for another base URL: enter it again)"
        : "(unreadable: enter the key again)";
  }
  const today = await dailyBudget(shop, config.dailyTokenCap);
  const from = utcDay(new Date(Date.now() - 13 * 86_400_000));
  const days = await listDailyUsage(shop, from);
  return {
    settings: {
      aiBaseUrl: s.aiBaseUrl ?? "",
      aiModel: s.aiModel ?? "",
      aiPersona: s.aiPersona ?? "",
      aiRules: s.aiRules ?? "",
      aiTemperature: s.aiTemperature,
      aiMaxTokens: s.aiMaxTokens,
      aiDailyTokenCap: s.aiDailyTokenCap,
    },
    key: { source: config.keySource, hint: keyHint },
    effective: {
      mode: config.apiKey ? "provider" : "builtin",
      baseUrl: config.baseUrl,
      model: config.model,
      appDefaultModel: env().OPENAI_MODEL,
    },
    usage: {
      today,
      days: days.map((d) => ({
        day: d.day,
        tokensIn: d.tokensIn,
        tokensOut: d.tokensOut,
        costMicros: d.costMicros,
        requests: d.requests,
      })),
    },
    circuit: await circuitInfo(shop, config.baseUrl),
  };
}

export async function testAssistantConnection(shop: string) {
  const config = await resolveAiConfig(shop);
  return testConnection(config);
}

export interface PlaygroundQuestion {
  question: string;
  locale: string;
  customerId: string | null;
}

export const playgroundSchema = z.object({
  question: z.string().trim().min(1).max(2000),
  locale: z.enum(["en", "it", "fr", "de", "es"]).default("en"),
  customerId: z
    .string()
    .trim()
    .regex(/^\d*$/, "A numeric Shopify customer id")
    .max(20)
    .transform((v) => v || null),
});

/**
 * Asks the assistant as a shopper would (signed in as `customerId`, or a guest), without a
 * conversation: shows the reply, the tool calls with their results, and the sources used.
 * Tokens count toward the shop's day; order disclosures are audit-logged like any other.
 */
export async function askAsShopper(
  shop: string,
  q: PlaygroundQuestion,
  shopify: (shop: string) => Promise<ShopifyData>,
) {
  const result = await respondDetailed(
    {
      shop,
      conversationId: `playground-${randomUUID()}`,
      messageId: randomUUID(),
      text: q.question,
      locale: q.locale,
      customerId: q.customerId,
      history: [],
      signal: AbortSignal.timeout(60_000),
    },
    null,
    { shopify, persistConversation: false },
  );
  return {
    text: result.text,
    quickReplies: result.quickReplies ?? [],
    cards: result.cards ?? [],
    mode: result.mode,
    reason: result.reason,
    errorKind: result.errorKind ?? null,
    failed: result.failed === true,
    handoff: result.handoff ?? null,
    usage: result.usage ?? null,
    trace: result.trace.map((t) => ({
      ...t,
      result: JSON.stringify(t.result, null, 2),
      arguments: JSON.stringify(t.arguments),
    })),
    sources: result.sources,
  };
}
