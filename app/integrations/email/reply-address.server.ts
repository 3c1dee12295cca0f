/**
 * Reply addresses: `reply+TOKEN@TANDEM_EMAIL_INBOUND_DOMAIN`, one fresh token per email sent to a
 * requester (TOKEN = 26 random base32 characters, 130 bits, in lower case so that no mail system's case folding
 * breaks it). Only the SHA-256 of the token is stored, with the ticket it belongs to; the inbound
 * endpoint finds the ticket (and so the shop) from the token alone.
 */
import { createHash, randomBytes } from "node:crypto";
import { db, type Tx } from "../../db.server";
import { env } from "../../env.server";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

function newToken(): string {
  // 256 is a multiple of 32: every character is uniform
  let out = "";
  for (const b of randomBytes(26)) out += ALPHABET[b % 32];
  return out;
}

export function hashReplyToken(token: string): string {
  return createHash("sha256").update(token.toLowerCase()).digest("hex");
}

/** A new reply address for the ticket, or null when inbound email is not configured. */
export async function createReplyAddress(shop: string, ticketId: string, client: Tx = db()): Promise<string | null> {
  const domain = env().TANDEM_EMAIL_INBOUND_DOMAIN;
  if (!domain) return null;
  const token = newToken();
  await client.ticketReplyToken.create({ data: { tokenHash: hashReplyToken(token), shop, ticketId } });
  return `reply+${token}@${domain}`;
}

/** The token of a reply address among `addresses` (To, Cc, Delivered-To…), or null. */
export function replyTokenIn(addresses: string[]): string | null {
  const domain = env().TANDEM_EMAIL_INBOUND_DOMAIN?.toLowerCase();
  if (!domain) return null;
  for (const address of addresses) {
    const m = /^reply\+([a-z2-7]{26})@(.+)$/i.exec(address.trim());
    if (m && m[2]!.toLowerCase() === domain) return m[1]!.toLowerCase();
  }
  return null;
}

export async function findReplyToken(token: string, client: Tx = db()) {
  return client.ticketReplyToken.findUnique({ where: { tokenHash: hashReplyToken(token) } });
}
