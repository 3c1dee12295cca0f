/**
 * A private server bundle for the widget's browser tests: the root plus the widget API routes
 * (proxy.*) and health checks, built into tmp/widget-e2e-build so these tests neither depend on nor
 * disturb the admin's build in build/. Used through TANDEM_SERVER_BUILD (server/app-server.ts).
 */
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  root: process.cwd(),
  logLevel: "warn",
  plugins: [
    remix({
      appDirectory: "app",
      buildDirectory: "tmp/widget-e2e-build",
      ignoredRouteFiles: ["**/.*", "**/app.*", "**/app.*/**", "**/webhooks.*", "**/auth.*", "**/_index.tsx"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        v3_routeConfig: false,
      },
    }),
    tsconfigPaths(),
  ],
  build: { assetsInlineLimit: 0 },
});
