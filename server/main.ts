/** The web process once its module graph is chosen (server/index.ts): checks the environment and serves. */
import type { ViteDevServer } from "vite";
import { EnvError, env } from "../app/env.server";
import { logFatalErrors, logger } from "../app/logger.server";
import { startAppServer } from "./app-server";
import { stopOnSignals } from "./shutdown";

export async function main(options: { vite?: ViteDevServer } = {}): Promise<void> {
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

  const app = await startAppServer({ vite: options.vite });
  stopOnSignals("web process", () => app.close());
}
