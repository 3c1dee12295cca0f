import { createHash, randomBytes } from "node:crypto";

/** A visitor token: 192 random bits, base64url. Only its hash is stored. */
export function newVisitorToken(): string {
  return randomBytes(24).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
