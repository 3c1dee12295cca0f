/** `npm start`: the production web process (and inline worker unless TANDEM_WORKER=off). */
import { EnvError, env } from "../app/env.server";
import { startAppServer } from "./app-server";
import { stopOnSignals } from "./shutdown";

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
stopOnSignals("web process", () => app.close());
