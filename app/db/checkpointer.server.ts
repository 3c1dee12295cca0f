/**
 * WAL checkpoints on a background thread (ADR 075). By default SQLite checkpoints inside the commit
 * that pushes the WAL past 1,000 pages: that commit copies every page back into the database file
 * and syncs it, on the event loop of whichever request or job happened to commit — tens of
 * milliseconds, about every fifty messages. Here the app's connection checkpoints only as a backstop
 * (a WAL of 10,000 pages), and a worker thread with its own connection runs a PASSIVE checkpoint
 * every `everyMs`: it never blocks writers or readers and runs on the other core.
 *
 * The WAL file is rewound by the next writer once a checkpoint has copied all of it, and cut back to
 * `journal_size_limit` when it is.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { db, setSqlitePragma, sqliteFileOf, type Db } from "../db.server";
import { logger } from "../logger.server";

/** The app connection's own checkpoint threshold while the thread runs (pages). */
export const BACKSTOP_PAGES = 10_000;
/** Bytes of WAL file kept after a rewind. */
export const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

const THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const conn = new Database(workerData.file, { timeout: 1000 });
conn.pragma("synchronous = NORMAL");
// Reading the mode opens the WAL (a connection that has not read the database reports no WAL).
conn.pragma("journal_mode");
let stopped = false;
const tick = () => {
  if (stopped) return;
  try {
    const [row] = conn.pragma("wal_checkpoint(PASSIVE)");
    parentPort.postMessage({ type: "checkpoint", busy: Number(row.busy), log: Number(row.log), done: Number(row.checkpointed) });
  } catch (error) {
    parentPort.postMessage({ type: "error", message: String(error && error.message) });
  }
  setTimeout(tick, workerData.everyMs);
};
parentPort.on("message", (m) => { if (m === "stop") { stopped = true; conn.close(); parentPort.close(); } });
setTimeout(tick, workerData.everyMs);
`;

export interface CheckpointStats {
  checkpoints: number;
  /** Frames in the WAL at the last checkpoint, and how many of them it had copied. */
  lastLog: number;
  lastDone: number;
  /** The most frames one checkpoint has found copied (the WAL restarts from zero after a full copy). */
  mostDone: number;
  errors: number;
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
  const stats: CheckpointStats = { checkpoints: 0, lastLog: 0, lastDone: 0, mostDone: 0, errors: 0 };
  const file = sqliteFileOf(client);
  if (!file) return { stats: () => stats, stop: async () => undefined };
  await setSqlitePragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`, client);
  await setSqlitePragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`, client);
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(THREAD, { eval: true, workerData: { file, driver, everyMs: options.everyMs ?? 200 } });
  worker.unref();
  let warned = false;
  worker.on("message", (m: { type: string; log?: number; done?: number; message?: string }) => {
    if (m.type === "checkpoint") {
      stats.checkpoints++;
      stats.lastLog = m.log ?? 0;
      stats.lastDone = m.done ?? 0;
      stats.mostDone = Math.max(stats.mostDone, stats.lastDone);
    } else if (m.type === "error") {
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
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.postMessage("stop");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
      await worker.terminate().catch(() => undefined);
    },
  };
}
