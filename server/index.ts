/** `npm start`: the production web process (and inline worker unless TANDEM_WORKER=off). */
import { EnvError, env } from "../app/env.server";
import { logFatalErrors, logger } from "../app/logger.server";
import { startAppServer } from "./app-server";
import { stopOnSignals } from "./shutdown";

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

const app = await startAppServer();
stopOnSignals("web process", () => app.close());
