/**
 * WAL checkpoints on a background thread (ADR 075). By default SQLite checkpoints inside the commit
 * that pushes the WAL past 1,000 pages: that commit copies every page back into the database file
 * and syncs it, on the event loop of whichever request or job happened to commit — tens of
 * milliseconds, about every fifty messages. Here the app's connection checkpoints only as a backstop
 * (a WAL of 10,000 pages), and a worker thread with its own connection runs a PASSIVE checkpoint
 * every `everyMs`: it never blocks writers or readers and runs on the other core.
 *
 * The WAL file is rewound by the next writer once a checkpoint has copied all of it, and cut back to
 * `journal_size_limit` when it is. Under a steady stream of commits a PASSIVE checkpoint never
 * copies all of it (a commit always lands while it runs), so (ADR 215):
 * - once the WAL holds RESTART_FRAMES, the group commit (app/db/sql.server.ts) asks for a
 *   checkpoint and holds its next batch until the thread answers (at most gapDeadlineMs; the event
 *   loop keeps serving meanwhile): with nothing written in between the checkpoint copies everything
 *   and the next commit rewinds the WAL, instead of the WAL growing to the backstop, whose
 *   checkpoint runs inside a commit on the event loop;
 * - SQLite syncs the database file only after a checkpoint that copied everything, so after a
 *   partial one the thread syncs it itself: the pages it copied are not left dirty for a later sync
 *   on the event loop (the backstop's) to flush all at once.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { db, setSqlitePragma, sqliteFileOf, type Db } from "../db.server";
import { logger } from "../logger.server";

/** The app connection's own checkpoint threshold while the thread runs (pages). */
export const BACKSTOP_PAGES = 10_000;
/** Bytes of WAL file kept after a rewind. */
export const WAL_SIZE_LIMIT = 64 * 1024 * 1024;
/** Frames in the WAL at which the group commit makes a gap for a complete checkpoint. */
export const RESTART_FRAMES = 2_000;
/**
 * How long the group commit holds its next batch for that checkpoint (ms): as long as the thread's
 * recent checkpoints took (ADR 241), at least GAP_MIN_MS and at most GAP_MAX_MS. On an idle disk a
 * checkpoint takes a few milliseconds; while another process syncs files it takes 60–160 ms (its
 * fsyncs wait in the disk's queue), and a gap shorter than that never ends in a complete one.
 */
export const GAP_MIN_MS = 25;
export const GAP_MAX_MS = 250;

const THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const Database = require(workerData.driver);
const conn = new Database(workerData.file, { timeout: 1000 });
conn.pragma("synchronous = NORMAL");
// Reading the mode opens the WAL (a connection that has not read the database reports no WAL).
conn.pragma("journal_mode");
const fd = fs.openSync(workerData.file, "r");
let stopped = false;
let timer;
let synced = 0;
const tick = (asked) => {
  clearTimeout(timer);
  if (stopped) return;
  const started = Date.now();
  try {
    const [row] = conn.pragma("wal_checkpoint(PASSIVE)");
    const log = Number(row.log), done = Number(row.checkpointed);
    if (done < synced) synced = 0; // the WAL was rewound
    // A partial checkpoint leaves the pages it copied unsynced in the database file.
    if (done > synced && done < log) fs.fdatasyncSync(fd);
    synced = done;
    parentPort.postMessage({ type: "checkpoint", busy: Number(row.busy), log, done, asked, ms: Date.now() - started });
  } catch (error) {
    parentPort.postMessage({ type: "error", message: String(error && error.message), asked });
  }
  timer = setTimeout(tick, workerData.everyMs, false);
};
parentPort.on("message", (m) => {
  if (m === "now") tick(true);
  if (m === "stop") { stopped = true; clearTimeout(timer); conn.close(); fs.closeSync(fd); parentPort.close(); }
});
timer = setTimeout(tick, workerData.everyMs, false);
`;

export interface CheckpointStats {
  checkpoints: number;
  /** Frames in the WAL at the last checkpoint, and how many of them it had copied. */
  lastLog: number;
  lastDone: number;
  /** The most frames one checkpoint has found copied (the WAL restarts from zero after a full copy). */
  mostDone: number;
  errors: number;
  /** Gaps the group commit made for a complete checkpoint, and how many of them rewound the WAL. */
  gaps: number;
  completeGaps: number;
  /** The longest of the thread's last RECENT checkpoints that copied something took (ms). */
  checkpointMs: number;
}

/** Checkpoints whose durations decide the next gap's length. */
const RECENT = 5;

/** How long the next gap may hold the group commit: 1.5 times a slow recent checkpoint, within bounds. */
export function gapDeadlineMs(stats: CheckpointStats): number {
  return Math.min(GAP_MAX_MS, Math.max(GAP_MIN_MS, Math.ceil(stats.checkpointMs * 1.5)));
}

interface CheckpointMessage {
  type: string;
  log?: number;
  done?: number;
  message?: string;
  asked?: boolean;
  /** How long the checkpoint took, its syncs included. */
  ms?: number;
}

interface GapState {
  worker: Worker;
  stats: CheckpointStats;
  waiters: (() => void)[];
  askAfter: number;
  /** A checkpoint was asked for and the thread has not answered yet. */
  asked: boolean;
  /** The gap for that checkpoint ended before the thread answered: writes went on meanwhile. */
  gaveUp: boolean;
  recentMs: number[];
}
/** After a gap that did not end in a complete checkpoint, the next one waits this long (ms). */
const GAP_RETRY_MS = 200;

const gapStates = new WeakMap<Db, GapState>();

/**
 * For the group commit, before a batch: a promise to await when the WAL has grown to
 * RESTART_FRAMES (resolved once the thread reports the checkpoint it was asked for, or after
 * gapDeadlineMs), else undefined. Clients without a checkpoint thread never wait.
 */
export function walRestartGap(client: Db): Promise<void> | undefined {
  const state = gapStates.get(client);
  if (!state || state.stats.lastLog < RESTART_FRAMES || Date.now() < state.askAfter) return undefined;
  // The thread has not answered the last request (its checkpoint or sync is slow): keep writing.
  if (state.asked && state.waiters.length === 0) return undefined;
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      // Given up on this one: the next gap only after GAP_RETRY_MS.
      state.askAfter = Date.now() + GAP_RETRY_MS;
      state.gaveUp = true;
      done();
    }, gapDeadlineMs(state.stats));
    function done() {
      clearTimeout(timer);
      state!.waiters = state!.waiters.filter((w) => w !== done);
      resolve();
    }
    if (!state.asked) {
      state.asked = true;
      state.gaveUp = false;
      state.stats.gaps++;
      state.worker.postMessage("now");
    }
    state.waiters.push(done);
  });
}

export interface Checkpointer {
  stats(): CheckpointStats;
  stop(): Promise<void>;
}

/** Starts the thread for a SQLite client (a no-op for PostgreSQL). */
export async function startBackgroundCheckpoints(
  client: Db = db(),
  options: { everyMs?: number } = {},
): Promise<Checkpointer> {
  const stats: CheckpointStats = {
    checkpoints: 0,
    lastLog: 0,
    lastDone: 0,
    mostDone: 0,
    errors: 0,
    gaps: 0,
    completeGaps: 0,
    checkpointMs: 0,
  };
  const file = sqliteFileOf(client);
  if (!file) return { stats: () => stats, stop: async () => undefined };
  await setSqlitePragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`, client);
  await setSqlitePragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`, client);
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(THREAD, { eval: true, workerData: { file, driver, everyMs: options.everyMs ?? 200 } });
  worker.unref();
  const state: GapState = { worker, stats, waiters: [], askAfter: 0, asked: false, gaveUp: false, recentMs: [] };
  gapStates.set(client, state);
  let warned = false;
  worker.on("message", (m: CheckpointMessage) => {
    if (m.type === "checkpoint") {
      stats.checkpoints++;
      // Only checkpoints that copied frames say how long one takes (an empty WAL answers at once).
      if ((m.done ?? 0) > 0 && m.ms !== undefined) {
        state.recentMs = [...state.recentMs.slice(1 - RECENT), m.ms];
        stats.checkpointMs = Math.max(...state.recentMs);
      }
      stats.lastLog = m.log ?? 0;
      stats.lastDone = m.done ?? 0;
      stats.mostDone = Math.max(stats.mostDone, stats.lastDone);
      // Copied everything with nothing written meanwhile: the next commit rewinds the WAL (no need
      // to ask again until it grows). After a gap that gave up, writes went on during the checkpoint.
      if (m.asked && !state.gaveUp && stats.lastDone === stats.lastLog) {
        stats.completeGaps++;
        stats.lastLog = 0;
      }
    }
    if (m.asked) {
      state.asked = false;
      // Not complete (another write came in between): ask again only after the next periodic one.
      if (stats.lastLog !== 0) state.askAfter = Date.now() + GAP_RETRY_MS;
      for (const done of [...state.waiters]) done();
    }
    if (m.type === "error") {
      stats.errors++;
      if (!warned)
        logger.warn(
          { error: m.message },
          "sqlite: background checkpoint failed; the connection's own checkpoints remain",
        );
      warned = true;
    }
  });
  worker.on("error", (error) => logger.warn({ err: error }, "sqlite: checkpoint thread stopped"));
  return {
    stats: () => stats,
    async stop() {
      gapStates.delete(client);
      for (const done of [...state.waiters]) done();
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.postMessage("stop");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
      await worker.terminate().catch(() => undefined);
    },
  };
}
