import { env } from "../env.server";
import { logger } from "../logger.server";
import { getAiSettings } from "../repositories/ai.server";
import { normalizeBaseUrl, openApiKey } from "./api-key.server";

export const DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** Everything the assistant needs to answer for one shop. */
export interface AiConfig {
  shop: string;
  shopName: string;
  brandName: string | null;
  /** null: no key anywhere (or the shop chose the built-in responder) → built-in responder. */
  apiKey: string | null;
  baseUrl: string;
  model: string;
  temperature: number;
  maxTokens: number;
  persona: string | null;
  rules: string | null;
  dailyTokenCap: number;
  handoffEnabled: boolean;
  keySource: "shop" | "app" | "none";
  /** Why a stored shop key is not used: unreadable, or entered for another base URL. */
  keyProblem: "unreadable" | "other_url" | null;
}

/** The app-wide base URL (OPENAI_BASE_URL, else OpenAI's). */
export function appBaseUrl(): string {
  return normalizeBaseUrl(env().OPENAI_BASE_URL ?? DEFAULT_BASE_URL);
}

/** The base URL a shop's requests go to: its own, else the app-wide one. */
export function shopBaseUrl(aiBaseUrl: string | null | undefined): string {
  return aiBaseUrl ? normalizeBaseUrl(aiBaseUrl) : appBaseUrl();
}

/**
 * Per-shop settings over app defaults (OPENAI_BASE_URL / OPENAI_API_KEY / OPENAI_MODEL). A shop
 * with its own key uses its own base URL and model, and only when the key was entered for that URL
 * (api-key.server.ts); the app-wide key is used only with the app-wide base URL (a shop's base URL
 * never receives the app's key). `Shop.aiMode` "workflow" (the external
 * workflow mode) is handled elsewhere; otherwise a key means the provider, no key the built-in
 * responder.
 */
export async function resolveAiConfig(shop: string): Promise<AiConfig> {
  const e = env();
  const s = await getAiSettings(shop);
  const appBase = appBaseUrl();
  const shopBase = shopBaseUrl(s?.aiBaseUrl);
  let shopKey: string | null = null;
  let keyProblem: AiConfig["keyProblem"] = null;
  if (s?.aiApiKeyEnc) {
    const opened = openApiKey(s.aiApiKeyEnc, shopBase);
    if (opened.ok) shopKey = opened.apiKey;
    else {
      keyProblem = opened.reason;
      logger.warn({ shop, reason: opened.reason }, "ai: the shop's API key is not used (enter it again)");
    }
  }
  let apiKey: string | null = null;
  let baseUrl = appBase;
  let keySource: AiConfig["keySource"] = "none";
  if (shopKey) {
    apiKey = shopKey;
    baseUrl = shopBase;
    keySource = "shop";
  } else if (e.OPENAI_API_KEY) {
    apiKey = e.OPENAI_API_KEY;
    keySource = "app";
  }
  return {
    shop,
    shopName: s?.name ?? shop,
    brandName: s?.brandName ?? null,
    apiKey,
    baseUrl,
    model: s?.aiModel || e.OPENAI_MODEL,
    temperature: s?.aiTemperature ?? 0.3,
    maxTokens: s?.aiMaxTokens ?? 600,
    persona: s?.aiPersona ?? null,
    rules: s?.aiRules ?? null,
    dailyTokenCap: s?.aiDailyTokenCap ?? 200_000,
    handoffEnabled: s?.handoffEnabled ?? true,
    keySource,
    keyProblem,
  };
}
