/**
 * Shopify session storage with the tokens encrypted at rest (ADR 105). Wraps the Prisma storage of
 * `@shopify/shopify-app-session-storage-prisma`: `accessToken` and `refreshToken` are sealed with
 * AES-256-GCM under TANDEM_ENCRYPTION_KEY (app/lib/crypto.server.ts) before they are written and
 * opened after they are read. Every other column is stored as the Prisma storage stores it.
 *
 * Rows written before encryption hold the token in plain text: they still load, the next store seals
 * them, and `sealPlaintextSessions` (run at boot) seals the rest, so no plaintext token stays at rest.
 */
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import type { Db } from "../db.server";
import { decryptSecret, encryptSecret, isEncryptedSecret } from "./crypto.server";
import { logger } from "../logger.server";

/** The storage interface shopify-app-remix uses (structurally Shopify's SessionStorage). */
type SessionStorage = Pick<
  PrismaSessionStorage<Db>,
  "storeSession" | "loadSession" | "deleteSession" | "deleteSessions" | "findSessionsByShop"
>;

/** A token as it is stored: sealed, or empty when there is none. */
export function sealToken(plain: string): string {
  return plain === "" || isEncryptedSecret(plain) ? plain : encryptSecret(plain);
}

/** A stored token back in plain text; a legacy plaintext value is returned as it is. Throws on a bad seal. */
export function openToken(stored: string): string {
  return isEncryptedSecret(stored) ? decryptSecret(stored) : stored;
}

function withTokens(session: Session, map: (value: string) => string): Session {
  const params = session.toObject();
  if (params.accessToken) params.accessToken = map(params.accessToken);
  if (params.refreshToken) params.refreshToken = map(params.refreshToken);
  return new Session(params);
}

export class EncryptedSessionStorage implements SessionStorage {
  constructor(private readonly inner: SessionStorage) {}

  storeSession(session: Session): Promise<boolean> {
    return this.inner.storeSession(withTokens(session, sealToken));
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const stored = await this.inner.loadSession(id);
    return stored ? this.open(stored) : undefined;
  }

  deleteSession(id: string): Promise<boolean> {
    return this.inner.deleteSession(id);
  }

  deleteSessions(ids: string[]): Promise<boolean> {
    return this.inner.deleteSessions(ids);
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const stored = await this.inner.findSessionsByShop(shop);
    return stored.map((s) => this.open(s)).filter((s): s is Session => s !== undefined);
  }

  /**
   * A session whose token does not decrypt (another key, a tampered row) is treated as absent: the
   * admin then re-authenticates with a token exchange, which stores a token sealed with this key.
   */
  private open(session: Session): Session | undefined {
    try {
      return withTokens(session, openToken);
    } catch {
      logger.error(
        { sessionId: session.id, shop: session.shop },
        "session token does not decrypt with TANDEM_ENCRYPTION_KEY",
      );
      return undefined;
    }
  }
}

/** The app's session storage over a Prisma client. */
export function encryptedSessionStorage(client: Db): EncryptedSessionStorage {
  return new EncryptedSessionStorage(new PrismaSessionStorage(client));
}

const PAGE = 200;
/** Every value encryptSecret makes starts with its version. */
const SEALED_PREFIX = "v1.";

/**
 * Seals every token still stored in plain text (rows written before encryption). Idempotent and safe
 * with several instances booting at once: each row is updated only if it still holds the plaintext
 * that was read. Returns how many rows it sealed.
 */
export async function sealPlaintextSessions(client: Db): Promise<number> {
  let sealed = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await client.session.findMany({
      where: {
        ...(after ? { id: { gt: after } } : {}),
        OR: [
          { AND: [{ accessToken: { not: "" } }, { NOT: { accessToken: { startsWith: SEALED_PREFIX } } }] },
          {
            AND: [
              { refreshToken: { not: null } },
              { refreshToken: { not: "" } },
              { NOT: { refreshToken: { startsWith: SEALED_PREFIX } } },
            ],
          },
        ],
      },
      select: { id: true, accessToken: true, refreshToken: true },
      orderBy: { id: "asc" },
      take: PAGE,
    });
    for (const row of rows) {
      const result = await client.session.updateMany({
        where: { id: row.id, accessToken: row.accessToken, refreshToken: row.refreshToken },
        data: {
          accessToken: sealToken(row.accessToken),
          refreshToken: row.refreshToken === null ? null : sealToken(row.refreshToken),
        },
      });
      sealed += result.count;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  if (sealed > 0) logger.info({ sessions: sealed }, "sealed plaintext session tokens");
  return sealed;
}
