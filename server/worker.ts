/**
 * `npm run worker`: a process that only runs background jobs (start any number of them next to web
 * processes started with TANDEM_WORKER=off). Stops gracefully on SIGINT/SIGTERM: no new claims,
 * running jobs finish (or their leases expire and another worker runs them again).
 */
import { hostname } from "node:os";
import { EnvError, env } from "../app/env.server";
import { stopOnSignals } from "./shutdown";
import { logFatalErrors, logger } from "../app/logger.server";
import { db } from "../app/db.server";
import { registerAllJobHandlers } from "../app/jobs/handlers.server";
import { startWorker } from "../app/jobs/worker.server";
import { startBackgroundCheckpoints } from "../app/db/checkpointer.server";

logFatalErrors();
try {
  env();
} catch (error) {
  if (error instanceof EnvError) {
    logger.fatal({ problems: error.problems }, "invalid environment");
    process.exit(1);
  }
  throw error;
}

registerAllJobHandlers();
const worker = startWorker({ name: `worker-${hostname()}-${process.pid}` });
// SQLite: WAL checkpoints on a background thread instead of inside a job's commit.
const checkpoints = env().databaseKind === "sqlite" ? await startBackgroundCheckpoints() : undefined;

stopOnSignals("worker", async () => {
  await worker.stop();
  await checkpoints?.stop();
  await db().$disconnect();
});
