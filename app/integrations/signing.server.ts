/**
 * Standard Webhooks signing shared by outbound webhooks and the workflow mode (ADR 160). A secret
 * is `whsec_` + base64 of 32 random bytes; at rest it is sealed together with the URL it was made
 * for (AES-256-GCM, app/lib/crypto.server.ts), so it opens only for that URL: a URL changed in the
 * database (or through a form) never receives the secret of another.
 */
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { z } from "zod";
import { decryptSecret, encryptSecret } from "../lib/crypto.server";

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** One spelling per URL (parsed; no trailing slash on a bare origin). */
export function normalizeTargetUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url.trim();
  }
}

const sealed = z.object({ secret: z.string().startsWith("whsec_"), url: z.string().min(1) });

export function sealBoundSecret(secret: string, url: string): string {
  return encryptSecret(JSON.stringify({ secret, url: normalizeTargetUrl(url) }));
}

/** The secret when it was sealed for `url`; null when unreadable or made for another URL. */
export function openBoundSecret(sealedValue: string, url: string): string | null {
  try {
    const parsed = sealed.parse(JSON.parse(decryptSecret(sealedValue)));
    return parsed.url === normalizeTargetUrl(url) ? parsed.secret : null;
  } catch {
    return null;
  }
}

/** The three Standard Webhooks headers for one message. */
export function signedHeaders(secret: string, id: string, body: string, at: Date = new Date()): Record<string, string> {
  const signature = new Webhook(secret).sign(id, at, body);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

/** Shows the secret's last four characters only. */
export function signingSecretHint(secret: string): string {
  return `whsec_••••${secret.slice(-4)}`;
}
