/**
 * Graceful stop on SIGINT/SIGTERM for the web and worker processes: `stop` runs once, and the
 * process exits when it is done, or after STOP_DEADLINE_MS whatever it is waiting for (a request
 * or job stuck on a database that does not answer), so an orchestrator's SIGTERM always ends it.
 * A second signal exits at once.
 */
import { logger } from "../app/logger.server";

export const STOP_DEADLINE_MS = 8_000;

export function stopOnSignals(what: string, stop: () => Promise<unknown>): void {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) {
        logger.warn({ signal }, `${what}: second signal, exiting now`);
        process.exit(1);
      }
      stopping = true;
      logger.info({ signal }, `${what} shutting down`);
      const deadline = setTimeout(() => {
        logger.error({ signal, deadlineMs: STOP_DEADLINE_MS }, `${what}: graceful stop took too long, exiting`);
        process.exit(1);
      }, STOP_DEADLINE_MS);
      deadline.unref();
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error instanceof Error ? error.message : String(error) }, `${what}: stop failed`);
          process.exit(1);
        },
      );
    });
  }
}
