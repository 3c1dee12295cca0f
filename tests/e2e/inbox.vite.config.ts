/**
 * A private build of the whole app for the operator workspace browser test, in tmp/inbox-e2e-build,
 * so the test neither depends on nor disturbs build/. Used through TANDEM_SERVER_BUILD.
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
      buildDirectory: "tmp/inbox-e2e-build",
      ignoredRouteFiles: ["**/.*"],
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
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris"] },
});
