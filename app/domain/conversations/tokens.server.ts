/**
 * Who may read and write a conversation from the storefront. A conversation is bound, when it is
 * created, to its visitor token (only the hash is stored) and to the signed `logged_in_customer_id`
 * of the request that created it (null for a guest). Every later request must bring the same token
 * AND the same signed customer: a guest's token used after signing in, or a signed-in customer's
 * token used as a guest or as another customer, is "not found" exactly like a wrong token.
 *
 * `visitorMayAccess` is the one implementation of that rule; the conversation repository and the
 * widget API's poll (server/widget-api) both call it.
 */
import { hash, randomBytes } from "node:crypto";
import { sameDigest } from "../../lib/constant-time";

/** A visitor token: 192 random bits, base64url. Only its hash is stored. */
export function newVisitorToken(): string {
  return randomBytes(24).toString("base64url");
}

export function hashToken(token: string): string {
  return hash("sha256", token, "hex");
}

/** Who asks, in one widget API request: the visitor token and the signed customer id (null: a guest). */
export interface Visitor {
  token: string;
  customerId: string | null;
}

/** What a conversation was bound to when it was created. */
export interface VisitorBinding {
  visitorTokenHash: string;
  customerId: string | null;
}

/** true when the request's token hash and signed customer are the ones the conversation is bound to. */
export function visitorMayAccess(binding: VisitorBinding, tokenHash: string, customerId: string | null): boolean {
  return sameDigest(binding.visitorTokenHash, tokenHash) && (binding.customerId ?? null) === (customerId ?? null);
}
