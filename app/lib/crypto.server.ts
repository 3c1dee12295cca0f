import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "../env.server";

/**
 * Secrets at rest (per-shop AI keys, SMTP URLs, webhook secrets): AES-256-GCM under
 * TANDEM_ENCRYPTION_KEY. Format: `v1.<iv b64>.<tag b64>.<ciphertext b64>` (12-byte IV, 16-byte tag).
 */
const VERSION = "v1";

function key(explicit?: string): Buffer {
  const raw = Buffer.from(explicit ?? env().TANDEM_ENCRYPTION_KEY, "base64");
  if (raw.length !== 32) throw new Error("TANDEM_ENCRYPTION_KEY must be 32 bytes (base64)");
  return raw;
}

export function encryptSecret(plain: string, keyBase64?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(keyBase64), iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64"), tag.toString("base64"), ct.toString("base64")].join(".");
}

const SEALED = /^v1\.[A-Za-z0-9+/]+={0,2}\.[A-Za-z0-9+/]+={0,2}\.[A-Za-z0-9+/]*={0,2}$/;

/** Whether `value` has the shape encryptSecret produces (it may still fail to decrypt). */
export function isEncryptedSecret(value: string): boolean {
  return SEALED.test(value);
}

/** Decrypts a value made by encryptSecret; throws when it was tampered with or the key differs. */
export function decryptSecret(sealed: string, keyBase64?: string): string {
  const [version, iv, tag, ct] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ct === undefined) throw new Error("not an encrypted secret");
  const decipher = createDecipheriv("aes-256-gcm", key(keyBase64), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString("utf8");
}

/** A hint safe to show in the admin (never the key itself): last four characters. */
export function secretHint(plain: string): string {
  return plain.length <= 8 ? "••••" : `••••${plain.slice(-4)}`;
}
