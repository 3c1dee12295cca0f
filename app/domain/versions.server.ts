/**
 * Conversation versions: the ONE place every change a shopper can see is counted.
 *
 * - In the database, `Conversation.version` increases by one per visible change, inside the
 *   transaction that makes the change (`visibleChange`); the changed message rows carry that version.
 * - In this process, a map conversation → {shop, tokenHash, customerId, version} (one module instance
 *   shared by the Remix routes, the widget API and the inline worker, ADR 210) answers "anything
 *   new after cursor N?" without a query. It is updated after each commit.
 * - Across instances (PostgreSQL) each bump also runs `pg_notify('tandem_versions', 'id:version')`
 *   in the same transaction, delivered on commit; every instance LISTENs and raises its map entry.
 *   If the LISTEN connection drops, the map is emptied (entries reload from the database once).
 */
import { db, type Db, type Tx } from "../db.server";
import { sqlOf } from "../db/sql.server";
import { bumpVersion } from "./conversations/store.server";
import { env } from "../env.server";
import { logger } from "../logger.server";
import { subscribe } from "../db/listen.server";

export const VERSION_CHANNEL = "tandem_versions";
/**
 * Entries kept before the map starts again (each reloads from the database on its next poll): about
 * 240 bytes each, so at most ~50 MB of the web process's 256 MB heap ceiling (ADR 244).
 */
const MAX_ENTRIES = 200_000;

export interface VersionEntry {
  /** Undefined until the entry was loaded from the database (a notification may arrive first). */
  shop?: string;
  tokenHash?: string;
  /** The signed customer the conversation is bound to (null: a guest); loaded with `tokenHash`. */
  customerId?: string | null;
  version: number;
}

/** What the poll hot path needs of a conversation row to answer from memory. */
export interface RememberedConversation {
  shop: string;
  visitorTokenHash: string;
  customerId: string | null;
}

interface VersionStore {
  entries: Map<string, VersionEntry>;
  listener?: { stop(): Promise<void> };
  listeners: Set<(conversationId: string, version: number) => void>;
}

const versions: VersionStore = { entries: new Map(), listeners: new Set() };

function store(): VersionStore {
  return versions;
}

/** The current known entry, or undefined when cold (load it with `rememberConversation`). */
export function versionEntry(conversationId: string): VersionEntry | undefined {
  return store().entries.get(conversationId);
}

/** Records a conversation loaded from the database (keeps the highest version seen). */
export function rememberConversation(
  conversationId: string,
  row: RememberedConversation,
  version: number,
): VersionEntry {
  const entries = store().entries;
  const existing = entries.get(conversationId);
  if (existing) {
    existing.shop = row.shop;
    existing.tokenHash = row.visitorTokenHash;
    existing.customerId = row.customerId;
    if (version > existing.version) existing.version = version;
    return existing;
  }
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const entry: VersionEntry = {
    shop: row.shop,
    tokenHash: row.visitorTokenHash,
    customerId: row.customerId,
    version,
  };
  entries.set(conversationId, entry);
  return entry;
}

/** Raises the in-process version after a commit (here or, through NOTIFY, on another instance). */
export function publishVersion(conversationId: string, version: number): void {
  const s = store();
  const entry = s.entries.get(conversationId);
  if (entry) {
    if (version > entry.version) entry.version = version;
  } else {
    if (s.entries.size >= MAX_ENTRIES) s.entries.clear();
    s.entries.set(conversationId, { version });
  }
  for (const fn of s.listeners) fn(conversationId, version);
}

/** Subscribes to version changes in this process (tests, metrics). Returns an unsubscribe function. */
export function onVersion(fn: (conversationId: string, version: number) => void): () => void {
  store().listeners.add(fn);
  return () => store().listeners.delete(fn);
}

/** Forgets deleted conversations (retention, redaction) so no poll is answered from memory for them. */
export function forgetConversations(conversationIds: Iterable<string>): void {
  const entries = store().entries;
  for (const id of conversationIds) entries.delete(id);
}

/** Forgets every entry (tests; a lost LISTEN connection). */
export function forgetAllVersions(): void {
  store().entries.clear();
}

export function versionMapSize(): number {
  return store().entries.size;
}

export type Bump = (
  shop: string,
  conversationId: string,
  options?: { onlyInStates?: string[] },
) => Promise<number | null>;

/**
 * Runs `fn` in one Prisma transaction. `bump(shop, id)` increments the conversation's version
 * (optionally only while it is in one of `onlyInStates`, atomically; null when it is not) through
 * the write path's one bump (conversations/store.server.ts `bumpVersion`), and returns the new
 * version to stamp on changed rows. After the commit every bumped version is published.
 */
export async function visibleChange<T>(fn: (tx: Tx, bump: Bump) => Promise<T>, client: Db = db()): Promise<T> {
  let q: ReturnType<typeof sqlOf> | undefined;
  const result = await client.$transaction(
    async (tx) => {
      const sql = sqlOf(tx as Tx);
      q = sql;
      const bump: Bump = (shop, conversationId, options) => bumpVersion(sql, shop, conversationId, options);
      return fn(tx as Tx, bump);
    },
    { maxWait: 15_000, timeout: 30_000 },
  );
  q?.commit();
  return result;
}

/** A read connection's view of the database for `watchExternalChanges` (SQLite). */
export interface ChangeSource {
  /** SQLite's `PRAGMA data_version`: changes when another connection commits. */
  dataVersion(): number;
  /** Conversations whose row changed at or after `sinceIso`, with their versions. */
  changedSince(sinceIso: string): { id: string; version: number; updatedAt: string }[];
}

/**
 * SQLite: versions bumped by another process (a separate `npm run worker`, a second web process on
 * the same file) reach this process's map. Every `everyMs` it asks SQLite whether another connection
 * committed (`data_version`, no table read); only then it reads the conversations changed since the
 * last look (index on updatedAt) and publishes their versions. Polls stay answered from memory.
 */
export function watchExternalChanges(source: ChangeSource, everyMs = 250): { stop(): void } {
  let lastDataVersion = source.dataVersion();
  let since = new Date(Date.now() - 5_000).toISOString();
  const timer = setInterval(() => {
    try {
      const dataVersion = source.dataVersion();
      if (dataVersion === lastDataVersion) return;
      lastDataVersion = dataVersion;
      const lookedAt = Date.now();
      for (const row of source.changedSince(since)) publishVersion(row.id, row.version);
      // Overlap by a few seconds: another process's clock and commit order may lag behind ours.
      since = new Date(lookedAt - 3_000).toISOString();
    } catch (error) {
      logger.warn({ err: (error as Error).message }, "version watch failed");
    }
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * PostgreSQL: follows version notifications from every instance on the process's one LISTEN
 * connection (app/db/listen.server.ts). Idempotent; empties the map while disconnected and after
 * each (re)connection (entries reload from the database on demand).
 */
export function startVersionSharing(url: string = env().DATABASE_URL): void {
  const s = store();
  if (s.listener || !url.startsWith("postgres")) return;
  const unsubscribe = subscribe(url, {
    channel: VERSION_CHANNEL,
    onNotify(payload) {
      const at = payload.lastIndexOf(":");
      const version = Number(payload.slice(at + 1));
      if (at > 0 && Number.isInteger(version)) publishVersion(payload.slice(0, at), version);
    },
    // Anything cached before (re)connecting may have missed notifications.
    onConnect: forgetAllVersions,
    onLost: forgetAllVersions,
  });
  s.listener = {
    async stop() {
      unsubscribe();
      s.listener = undefined;
    },
  };
}

export async function stopVersionSharing(): Promise<void> {
  await store().listener?.stop();
}
