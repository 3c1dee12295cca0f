/**
 * A shop's AI provider key is bound to the base URL it was entered for (ADR 091): the URL is sealed
 * together with the key (AES-256-GCM, so neither can be changed without the other), and the key
 * opens only for that URL. Changing the base URL therefore needs the key again; a key never reaches
 * a host it was not entered for, whether the URL changed through the admin or in the database.
 */
import { z } from "zod";
import { decryptSecret, encryptSecret } from "../lib/crypto.server";

/** One spelling per URL: parsed, without trailing slashes (https://x/v1/ and https://x/v1 are one URL). */
export function normalizeBaseUrl(url: string): string {
  try {
    return new URL(url).href.replace(/\/+$/, "");
  } catch {
    return url.trim();
  }
}

const sealedKey = z.object({ key: z.string().min(1), baseUrl: z.string().min(1) });

export function sealApiKey(apiKey: string, baseUrl: string): string {
  return encryptSecret(JSON.stringify({ key: apiKey, baseUrl: normalizeBaseUrl(baseUrl) }));
}

export type OpenedApiKey =
  | { ok: true; apiKey: string }
  /** unreadable: another encryption key, tampered, or a key stored before keys were bound to a URL. */
  | { ok: false; reason: "unreadable" | "other_url" };

/** The key, when it was entered for `baseUrl`. */
export function openApiKey(sealed: string, baseUrl: string): OpenedApiKey {
  let parsed: z.infer<typeof sealedKey>;
  try {
    parsed = sealedKey.parse(JSON.parse(decryptSecret(sealed)));
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  if (parsed.baseUrl !== normalizeBaseUrl(baseUrl)) return { ok: false, reason: "other_url" };
  return { ok: true, apiKey: parsed.key };
}
