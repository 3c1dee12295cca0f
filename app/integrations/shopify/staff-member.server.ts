/**
 * The staff member behind a session token, as Shopify knows them (ADR 093). The app uses offline
 * tokens, so the admin session carries no user; Shopify names the user in the answer to an online
 * token exchange (`associated_user`). That token is used for nothing else and not stored.
 * https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/token-exchange
 */
import { z } from "zod";
import { env } from "../../env.server";
import { logger } from "../../logger.server";
import { SHOPIFY_TIMEOUT_MS } from "./client.server";

export interface StaffMember {
  name: string;
  email: string | null;
  accountOwner: boolean;
}

const tokenExchangeAnswer = z.object({
  associated_user: z.object({
    id: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    email: z.string().nullish(),
    account_owner: z.boolean().nullish(),
  }),
});

/** The raw session token of an admin request (App Bridge's `Authorization: Bearer`, or `id_token` on a document request). */
export function rawSessionToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? new URL(request.url).searchParams.get("id_token");
}

/**
 * The Shopify user of an already verified session token, or null when Shopify does not answer or
 * names another user than `staffUserId` (the token's `sub`).
 */
export async function fetchStaffMember(
  shop: string,
  staffUserId: string,
  sessionToken: string,
): Promise<StaffMember | null> {
  const config = env();
  const log = logger.child({ shop });
  let response: Response;
  try {
    response = await fetch(`https://${shop}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({
        client_id: config.SHOPIFY_API_KEY,
        client_secret: config.SHOPIFY_API_SECRET,
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: sessionToken,
        subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
        requested_token_type: "urn:shopify:params:oauth:token-type:online-access-token",
      }),
      signal: AbortSignal.timeout(SHOPIFY_TIMEOUT_MS),
    });
  } catch (error) {
    log.warn({ err: (error as Error).name }, "staff member: Shopify did not answer the token exchange");
    return null;
  }
  if (!response.ok) {
    await response.body?.cancel();
    log.warn({ status: response.status }, "staff member: Shopify refused the token exchange");
    return null;
  }
  const parsed = tokenExchangeAnswer.safeParse(await response.json().catch(() => null));
  if (!parsed.success || parsed.data.associated_user.id !== staffUserId) {
    log.warn("staff member: the token exchange named no user or another user");
    return null;
  }
  const user = parsed.data.associated_user;
  const name = [user.first_name, user.last_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(" ")
    .slice(0, 120);
  if (!name) return null;
  return { name, email: user.email?.trim() || null, accountOwner: user.account_owner === true };
}
