/** `npm start`: the production web process (and inline worker unless TANDEM_WORKER=off). */
import { EnvError, env } from "../app/env.server";
import { logger } from "../app/logger.server";
import { startAppServer } from "./app-server";

try {
  env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const app = await startAppServer();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "shutting down");
    void app.close().then(() => process.exit(0));
  });
}
