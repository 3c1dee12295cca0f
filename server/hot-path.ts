/**
 * The poll hot path: answers `GET /proxy/conversations/:id/poll?token=&after=` without Remix.
 *
 * 1. Verifies the App Proxy signature exactly as shopify-api does (every query parameter except
 *    `signature`/`hmac`, repeated keys joined with ",", `key=value` sorted with localeCompare and
 *    concatenated, HMAC-SHA256 hex with the app secret, timestamp within 90 s) → 400 otherwise, like
 *    `authenticate.public.appProxy`; a repeated single-valued parameter or a malformed
 *    `logged_in_customer_id` → 400 invalid_request, like app/lib/proxy-http.server.ts
 *    (the rules: app/lib/app-proxy-query.ts).
 * 2. Checks the shop is installed (offline session; cached per shop for a minute) → 404 not_installed.
 * 3. Checks the visitor against the in-process version map (app/domain/versions.server.ts) with the
 *    one access rule (app/domain/conversations/tokens.server.ts `visitorMayAccess`: the token and the
 *    signed customer the conversation was created with); a cold entry is loaded from the database
 *    once. Wrong token / other or no customer / unknown / other shop → one 404.
 * 4. Cursor unchanged → 204 with no database query. Changed → the conversation row and only the
 *    messages with a version in (after, current] are read with prepared statements (better-sqlite3
 *    on SQLite, named pg statements on PostgreSQL) and shaped by app/domain/conversations/views.ts.
 *
 * The message hot path (SQLite): answers `POST /proxy/conversations/:id/messages` without Remix.
 * Same checks in the same order as the Remix route (app/routes/proxy.conversations.$id.messages.ts):
 * signature (400) → installed (404 not_installed) → body ≤ 16 KB (413) within HTTP_BODY_TIMEOUT_MS
 * (408) → UTF-8 and JSON (400) → the route's zod schema (422) → rate limit (429 + Retry-After) →
 * app/domain/conversations/service.server.ts `sendShopperMessage` (the one write path).
 *
 * Transport only: the rules (views, availability, versions, messages) live in app/domain.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { IncomingMessage, type ServerResponse } from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { env } from "../app/env.server";
import { sqlitePath } from "../app/db.server";
import { logger } from "../app/logger.server";
import { reportDbFailure, UNAVAILABLE_ERROR, UNAVAILABLE_RETRY_SECONDS } from "../app/db/health.server";
import {
  rememberConversation,
  startVersionSharing,
  versionEntry,
  watchExternalChanges,
  type RememberedConversation,
  type VersionEntry,
} from "../app/domain/versions.server";
import { conversationView, messageView, type MessageRow } from "../app/domain/conversations/views";
import { isShopOnline, queueInfo } from "../app/domain/conversations/availability.server";
import { DomainError } from "../app/domain/conversations/errors";
import { MAX_BODY_BYTES, sendMessageBody } from "../app/domain/conversations/input";
import { withinMessageBudget } from "../app/domain/conversations/rate-limits.server";
import { hashToken, visitorMayAccess } from "../app/domain/conversations/tokens.server";
import {
  BAD_CUSTOMER_ID_MESSAGE,
  REPEATED_PARAM_MESSAGE,
  SINGLE_VALUED_PARAMS,
  signedCustomerId,
} from "../app/lib/app-proxy-query";
import { visitorKey } from "../app/lib/limits.server";
import { clientIp } from "../app/lib/client-ip";
import { sendShopperMessage } from "../app/domain/conversations/service.server";

export interface HotPathOptions {
  /** Accept shopper messages here on SQLite (default true; false sends them all to Remix). */
  ingest?: boolean;
}

export type HotHandler = ((req: IncomingMessage, res: ServerResponse) => boolean) & {
  close?: () => Promise<void>;
  /** Where requests the hot path hands back go (Express → Remix); set by the server. */
  fallback?: (req: IncomingMessage, res: ServerResponse) => void;
};

const POLL_PATH = /^\/proxy\/conversations\/([A-Za-z0-9_-]{1,64})\/poll\/?$/;
const MESSAGES_PATH = /^\/proxy\/conversations\/([^/]{1,200})\/messages\/?$/;
const TOLERANCE_SEC = 90;
const INSTALLED_TTL_MS = 60_000;
const collator = new Intl.Collator();

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };
const NOT_FOUND = JSON.stringify({ error: { code: "not_found", message: "conversation not found" } });
const NOT_INSTALLED = JSON.stringify({
  error: { code: "not_installed", message: "the app is not installed on this shop" },
});
const BAD_CURSOR = JSON.stringify({
  error: { code: "invalid_request", message: "after: must be a non-negative integer" },
});

const HEX_SHA256 = /^[0-9a-f]{64}$/;

function decodePart(part: string): string {
  return part.includes("%") || part.includes("+") ? decodeURIComponent(part.replaceAll("+", " ")) : part;
}

/**
 * Splits a query string into decoded key/value pairs as URLSearchParams does (`+` is a space),
 * without building one; null for a malformed percent-escape (such a request is refused).
 */
function parseQuery(search: string): [string, string][] | null {
  const pairs: [string, string][] = [];
  try {
    for (const part of search.split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      pairs.push(eq === -1 ? [decodePart(part), ""] : [decodePart(part.slice(0, eq)), decodePart(part.slice(eq + 1))]);
    }
  } catch {
    return null;
  }
  return pairs;
}

/**
 * The signed keys in shopify-api's order (localeCompare). Sorted on every request: nothing derived
 * from a request is cached or shared before its signature is verified (a cache keyed by the keys
 * let unsigned requests poison the order used for every shop).
 */
function sortedKeys(params: Map<string, string>): string[] {
  const keys: string[] = [];
  for (const k of params.keys()) if (k !== "hmac") keys.push(k);
  return keys.sort(collator.compare);
}

/** A verified App Proxy query, or why it is refused (a message for a 400 invalid_request, else a bare 400). */
export type AppProxyCheck =
  { ok: true; params: Map<string, string>; customerId: string | null } | { ok: false; message?: string };

/**
 * Checks an App Proxy query string: the parameter set (single-valued parameters once), the
 * signature and timestamp, then the signed customer id (null for a guest).
 */
export function checkAppProxyQuery(
  search: string,
  secret: string,
  nowSec = Math.trunc(Date.now() / 1000),
): AppProxyCheck {
  const params = new Map<string, string>();
  let signature: string | undefined;
  const pairs = parseQuery(search);
  if (!pairs) return { ok: false };
  for (const [key, value] of pairs) {
    if (key === "signature") {
      if (signature !== undefined) return { ok: false, message: REPEATED_PARAM_MESSAGE(key) };
      signature = value;
      continue;
    }
    const existing = params.get(key);
    if (existing === undefined) params.set(key, value);
    else if (SINGLE_VALUED_PARAMS.has(key)) return { ok: false, message: REPEATED_PARAM_MESSAGE(key) };
    else params.set(key, `${existing},${value}`);
  }
  if (!signature) return { ok: false };
  // shopify-app-remix drops an empty `index` parameter before verifying.
  if (params.has("index") && !params.get("index")) params.delete("index");
  const timestamp = params.get("timestamp");
  if (timestamp === undefined || !/^-?\d+$/.test(timestamp)) return { ok: false };
  if (Math.abs(nowSec - Number(timestamp)) > TOLERANCE_SEC) return { ok: false };
  const keys = sortedKeys(params);
  let message = "";
  for (const k of keys) message += `${k}=${params.get(k)}`;
  if (!HEX_SHA256.test(signature)) return { ok: false };
  const expected = createHmac("sha256", secret).update(message).digest();
  if (!timingSafeEqual(Buffer.from(signature, "hex"), expected)) return { ok: false };
  const customerId = signedCustomerId(params.get("logged_in_customer_id"));
  if (customerId === undefined) return { ok: false, message: BAD_CUSTOMER_ID_MESSAGE };
  return { ok: true, params, customerId };
}

/** Verifies an App Proxy query string: the decoded parameters, or null when it is refused. */
export function verifyAppProxyQuery(
  search: string,
  secret: string,
  nowSec = Math.trunc(Date.now() / 1000),
): Map<string, string> | null {
  const checked = checkAppProxyQuery(search, secret, nowSec);
  return checked.ok ? checked.params : null;
}

interface ConvRow {
  id: string;
  shop: string;
  visitorTokenHash: string;
  customerId: string | null;
  version: number;
  state: string;
  offline: number | boolean;
  createdAt: string | Date;
  queuedAt: string | Date | null;
  operatorTypingAt: string | Date | null;
  operatorName: string | null;
}

type EntryRow = RememberedConversation & { version: number };

interface Reader {
  entry(id: string): Promise<EntryRow | undefined>;
  conversation(id: string): Promise<ConvRow | undefined>;
  messages(id: string, after: number, upTo: number): Promise<MessageRow[]>;
  installed(shop: string): Promise<boolean>;
  close(): Promise<void>;
}

const CONV_SQL = (q: (n: number) => string) =>
  `SELECT c."id", c."shop", c."visitorTokenHash", c."customerId", c."version", c."state", c."offline", c."createdAt", c."queuedAt", c."operatorTypingAt", o."name" AS "operatorName"
   FROM "Conversation" c LEFT JOIN "Operator" o ON o."id" = c."assigneeId" WHERE c."id" = ${q(1)}`;
const ENTRY_SQL = (q: (n: number) => string) =>
  `SELECT "shop", "visitorTokenHash", "customerId", "version" FROM "Conversation" WHERE "id" = ${q(1)}`;
const MSGS_SQL = (q: (n: number) => string) =>
  `SELECT "id", "version", "role", "text", "status", "createdAt", "authorName", "payload" FROM "Message"
   WHERE "conversationId" = ${q(1)} AND "version" > ${q(2)} AND "version" <= ${q(3)} ORDER BY "createdAt", "id" LIMIT 1000`;

function sqliteReader(url: string): Reader {
  const conn = new Database(sqlitePath(url), { readonly: true, fileMustExist: true });
  conn.pragma("busy_timeout = 5000");
  const q = () => "?";
  const entry = conn.prepare(ENTRY_SQL(q));
  const conv = conn.prepare(CONV_SQL(q));
  const msgs = conn.prepare(MSGS_SQL(q));
  const session = conn.prepare(`SELECT 1 AS "one" FROM "Session" WHERE "shop" = ? AND "isOnline" = 0 LIMIT 1`);
  const changed = conn.prepare(`SELECT "id", "version", "updatedAt" FROM "Conversation" WHERE "updatedAt" >= ?`);
  // Versions bumped by other processes on the same file (e.g. `npm run worker`) reach the map.
  const watch = watchExternalChanges({
    dataVersion: () => conn.pragma("data_version", { simple: true }) as number,
    changedSince: (since) =>
      changed.all(since.replace("Z", "+00:00")) as { id: string; version: number; updatedAt: string }[],
  });
  return {
    entry: async (id) => entry.get(id) as EntryRow | undefined,
    conversation: async (id) => conv.get(id) as ConvRow | undefined,
    messages: async (id, after, upTo) => msgs.all(id, after, upTo) as MessageRow[],
    installed: async (shop) => session.get(shop) !== undefined,
    close: async () => {
      watch.stop();
      conn.close();
    },
  };
}

function postgresReader(url: string): Reader {
  const pool = new pg.Pool({ connectionString: url, max: 6 });
  pool.on("error", (error) => logger.warn({ err: error.message }, "hot path pool error"));
  const q = (n: number) => `$${n}`;
  const run = async <T>(name: string, text: string, values: unknown[]) =>
    (await pool.query({ name, text, values })).rows as T[];
  return {
    entry: async (id) => (await run<EntryRow>("tandem_poll_entry", ENTRY_SQL(q), [id]))[0],
    conversation: async (id) => (await run<ConvRow>("tandem_poll_conv", CONV_SQL(q), [id]))[0],
    messages: (id, after, upTo) => run<MessageRow>("tandem_poll_msgs", MSGS_SQL(q), [id, after, upTo]),
    installed: async (shop) =>
      (
        await run(
          "tandem_poll_installed",
          `SELECT 1 AS "one" FROM "Session" WHERE "shop" = $1 AND "isOnline" = false LIMIT 1`,
          [shop],
        )
      ).length > 0,
    close: () => pool.end(),
  };
}

const errorBody = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ error: { code, message, ...extra } });
/** The request's visitor: its token's hash and signed customer id (null: a guest). */
interface Asker {
  tokenHash: string;
  customerId: string | null;
}

const TOO_LARGE = errorBody("too_large", `the body is larger than ${MAX_BODY_BYTES} bytes`);
const BAD_JSON = errorBody("invalid_request", "the body is not valid JSON");
const NOT_UTF8 = errorBody("invalid_request", "the body is not valid UTF-8");
const SLOW_BODY = (ms: number) => errorBody("invalid_request", `the body did not arrive within ${ms} ms`);
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** An IncomingMessage that replays an already-read body (for Express after the hot path read it). */
class ReplayedRequest extends IncomingMessage {
  override _read(): void {
    // Everything was pushed up front.
  }
}

function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new ReplayedRequest(req.socket);
  copy.method = req.method;
  copy.url = req.url ?? "/";
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  copy.complete = true;
  if (body.length > 0) copy.push(body);
  copy.push(null);
  return copy;
}

type BodyResult = { ok: true; body: Buffer } | { ok: false; failure: "too_large" | "timeout" | "aborted" };

/**
 * Reads a request body of at most MAX_BODY_BYTES within `timeoutMs` (checks Content-Length first,
 * like readJson): a slow client is answered 408 instead of holding the request open.
 */
function readBody(req: IncomingMessage, timeoutMs: number): Promise<BodyResult> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > MAX_BODY_BYTES) return Promise.resolve({ ok: false, failure: "too_large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, failure: "timeout" }), timeoutMs);
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        finish({ ok: false, failure: "too_large" });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => finish({ ok: true, body: Buffer.concat(chunks) }));
    // The client went away mid-body: nothing to answer.
    req.on("error", () => finish({ ok: false, failure: "aborted" }));
  });
}

export async function createHotPath(options: HotPathOptions = {}): Promise<HotHandler> {
  const config = env();
  const secret = config.SHOPIFY_API_SECRET;
  let reader: Reader | undefined;
  const getReader = () => {
    reader ??=
      config.databaseKind === "postgresql" ? postgresReader(config.DATABASE_URL) : sqliteReader(config.DATABASE_URL);
    return reader;
  };
  if (config.databaseKind === "postgresql") startVersionSharing(config.DATABASE_URL);

  const installedCache = new Map<string, { installed: boolean; until: number }>();
  const loading = new Map<string, Promise<VersionEntry | undefined>>();

  const send = (res: ServerResponse, status: number, body?: string) => {
    if (body === undefined) {
      res.writeHead(status, { "Cache-Control": "no-store" });
      res.end();
    } else {
      res.writeHead(status, { ...JSON_HEADERS, "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    }
  };

  /** 400: bare for a bad signature (as the library answers), invalid_request for a refused parameter. */
  const refuse = (res: ServerResponse, checked: { message?: string }) =>
    send(res, 400, checked.message === undefined ? undefined : errorBody("invalid_request", checked.message));

  async function installed(shop: string): Promise<boolean> {
    const now = Date.now();
    const hit = installedCache.get(shop);
    if (hit && hit.until > now) return hit.installed;
    const value = await getReader().installed(shop);
    installedCache.set(shop, { installed: value, until: now + INSTALLED_TTL_MS });
    return value;
  }

  function loadEntry(id: string): Promise<VersionEntry | undefined> {
    let p = loading.get(id);
    if (!p) {
      p = getReader()
        .entry(id)
        .then((row) => (row ? rememberConversation(id, row, Number(row.version)) : undefined))
        .finally(() => loading.delete(id));
      loading.set(id, p);
    }
    return p;
  }

  async function changed(res: ServerResponse, id: string, shop: string, who: Asker, after: number): Promise<void> {
    const r = getReader();
    const row = await r.conversation(id);
    if (!row || row.shop !== shop || !visitorMayAccess(row, who.tokenHash, who.customerId))
      return send(res, 404, NOT_FOUND);
    const version = Number(row.version);
    rememberConversation(id, row, version);
    if (version <= after) return send(res, 204);
    const rows = await r.messages(id, after, version);
    const state = row.state;
    const body = JSON.stringify({
      messages: rows.map((m) => messageView({ ...m, version: Number(m.version) })),
      conversation: conversationView({
        id: row.id,
        state,
        offline: row.offline === true || row.offline === 1,
        createdAt: row.createdAt,
        operatorName: row.operatorName,
        online: await isShopOnline(shop),
        queue: state === "queued" ? await queueInfo(shop, row.queuedAt ? new Date(row.queuedAt) : null) : null,
        operatorTypingAt: row.operatorTypingAt,
      }),
      cursor: version,
    });
    send(res, 200, body);
  }

  /**
   * Answers a poll. The common case (shop known to be installed, entry in memory) finishes in this
   * tick without a promise; only a cold cache or a changed cursor waits for the database.
   */
  function answer(res: ServerResponse, id: string, search: string): Promise<void> | void {
    const checked = checkAppProxyQuery(search, secret);
    if (!checked.ok) return refuse(res, checked);
    const shop = checked.params.get("shop") ?? "";
    const cached = installedCache.get(shop);
    if (!cached || cached.until <= Date.now()) {
      return installed(shop).then((ok) =>
        ok ? answerInstalled(res, id, shop, checked.params, checked.customerId) : send(res, 404, NOT_INSTALLED),
      );
    }
    if (!cached.installed) return send(res, 404, NOT_INSTALLED);
    return answerInstalled(res, id, shop, checked.params, checked.customerId);
  }

  function answerInstalled(
    res: ServerResponse,
    id: string,
    shop: string,
    params: Map<string, string>,
    customerId: string | null,
  ): Promise<void> | void {
    const token = params.get("token");
    if (!token || token.length > 200) return send(res, 404, NOT_FOUND);
    const afterRaw = params.get("after") ?? "0";
    if (!/^\d{1,15}$/.test(afterRaw)) return send(res, 422, BAD_CURSOR);
    const after = Number(afterRaw);
    const who: Asker = { tokenHash: hashToken(token), customerId };
    const entry = versionEntry(id);
    if (!entry || entry.tokenHash === undefined || entry.customerId === undefined) {
      return loadEntry(id).then((loaded) => answerFor(res, id, shop, who, after, loaded));
    }
    return answerFor(res, id, shop, who, after, entry);
  }

  function answerFor(
    res: ServerResponse,
    id: string,
    shop: string,
    who: Asker,
    after: number,
    entry: VersionEntry | undefined,
  ): Promise<void> | void {
    if (
      !entry ||
      entry.shop !== shop ||
      entry.tokenHash === undefined ||
      entry.customerId === undefined ||
      !visitorMayAccess(
        { visitorTokenHash: entry.tokenHash, customerId: entry.customerId },
        who.tokenHash,
        who.customerId,
      )
    )
      return send(res, 404, NOT_FOUND);
    if (entry.version <= after) return send(res, 204);
    return changed(res, id, shop, who, after);
  }

  const sendError = (res: ServerResponse, error: DomainError) => {
    const extra: Record<string, unknown> = {};
    if (error.details?.reason) extra.reason = error.details.reason;
    const body = errorBody(error.code, error.message, extra);
    res.writeHead(error.status, {
      ...JSON_HEADERS,
      "Content-Length": Buffer.byteLength(body),
      ...(error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : {}),
    });
    res.end(body);
  };

  /** POST /proxy/conversations/:id/messages. false: hand the request (replayed) to Express. */
  async function ingest(
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    search: string,
  ): Promise<Buffer | undefined> {
    const checked = checkAppProxyQuery(search, secret);
    if (!checked.ok) {
      refuse(res, checked);
      return;
    }
    const shop = checked.params.get("shop") ?? "";
    if (!(await installed(shop))) {
      send(res, 404, NOT_INSTALLED);
      return;
    }
    const read = await readBody(req, config.HTTP_BODY_TIMEOUT_MS);
    if (!read.ok) {
      if (read.failure === "too_large") send(res, 413, TOO_LARGE);
      else if (read.failure === "timeout") {
        // Connection: close — the rest of a stalled body is not waited for.
        res.setHeader("Connection", "close");
        send(res, 408, SLOW_BODY(config.HTTP_BODY_TIMEOUT_MS));
      } else res.destroy();
      return;
    }
    let text: string;
    try {
      text = STRICT_UTF8.decode(read.body);
    } catch {
      send(res, 400, NOT_UTF8);
      return;
    }
    let json: unknown = {};
    if (text.trim() !== "") {
      try {
        json = JSON.parse(text);
      } catch {
        send(res, 400, BAD_JSON);
        return;
      }
    }
    const parsed = sendMessageBody.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join(".") || "body";
      send(res, 422, errorBody("invalid_request", `${where}: ${issue?.message ?? "invalid"}`));
      return;
    }
    const body = parsed.data;
    try {
      const ip = clientIp(req.headers["x-forwarded-for"], req.socket.remoteAddress, config.TRUST_PROXY_HOPS);
      const key = visitorKey(shop, ip);
      const outcome = await withinMessageBudget(
        shop,
        id,
        () =>
          sendShopperMessage(
            shop,
            id,
            { token: body.token, customerId: checked.customerId },
            { clientMessageId: body.clientMessageId, text: body.text, visitorKey: key },
          ),
        (sent) => sent.created,
      );
      const result = outcome;
      send(res, result.created ? 201 : 200, JSON.stringify({ message: result.message, cursor: result.cursor }));
    } catch (error) {
      if (error instanceof DomainError) sendError(res, error);
      else throw error;
    }
    return;
  }

  const ingestOn = options.ingest !== false && config.databaseKind === "sqlite";

  const UNAVAILABLE = JSON.stringify({ error: UNAVAILABLE_ERROR });
  const failed = (res: ServerResponse, what: string) => (error: unknown) => {
    if (reportDbFailure(error, `${what} hot path`)) {
      if (res.headersSent) return res.destroy();
      res.writeHead(503, {
        ...JSON_HEADERS,
        "Content-Length": Buffer.byteLength(UNAVAILABLE),
        "Retry-After": String(UNAVAILABLE_RETRY_SECONDS),
      });
      res.end(UNAVAILABLE);
      return;
    }
    logger.error({ err: error instanceof Error ? error.message : String(error) }, `${what} hot path failed`);
    if (!res.headersSent)
      send(res, 500, JSON.stringify({ error: { code: "internal", message: "something went wrong" } }));
    else res.destroy();
  };

  const handler: HotHandler = (req, res) => {
    if (!req.url || !req.url.startsWith("/proxy/conversations/")) return false;
    if (req.method === "POST" && ingestOn) {
      const q = req.url.indexOf("?");
      const match = MESSAGES_PATH.exec(q === -1 ? req.url : req.url.slice(0, q));
      if (!match) return false;
      const fallback = handler.fallback;
      if (!fallback) return false;
      let id: string;
      try {
        id = decodeURIComponent(match[1]!);
      } catch {
        return false;
      }
      ingest(req, res, id, q === -1 ? "" : req.url.slice(q + 1))
        .then((body) => {
          if (body) fallback(replay(req, body), res);
        })
        .catch(failed(res, "message"));
      return true;
    }
    if (req.method !== "GET") return false;
    const q = req.url.indexOf("?");
    const match = POLL_PATH.exec(q === -1 ? req.url : req.url.slice(0, q));
    if (!match) return false;
    try {
      answer(res, match[1]!, q === -1 ? "" : req.url.slice(q + 1))?.catch(failed(res, "poll"));
    } catch (error) {
      failed(res, "poll")(error);
    }
    return true;
  };
  handler.close = async () => {
    await reader?.close();
    reader = undefined;
  };
  return handler;
}
