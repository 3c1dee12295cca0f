/**
 * `npm start`: the production web process (and inline worker unless TANDEM_WORKER=off).
 *
 * One module graph per process (ADR 210): in production the server and the Remix build's routes
 * import the same app modules through tsx. In development (NODE_ENV=development, not the demo) the
 * Vite dev server serves the routes from source, so the server is loaded through it too and shares
 * its module graph; nothing of app/ is imported here before that.
 */
import type { ViteDevServer } from "vite";

type Main = (options?: { vite?: ViteDevServer }) => Promise<void>;

if (process.env.NODE_ENV === "development" && process.env.TANDEM_DEMO !== "1") {
  const { createServer } = await import("vite");
  const vite = await createServer({ server: { middlewareMode: true } });
  const { main } = (await vite.ssrLoadModule("/server/main.ts")) as { main: Main };
  await main({ vite });
} else {
  const { main } = (await import("./main")) as { main: Main };
  await main();
}
