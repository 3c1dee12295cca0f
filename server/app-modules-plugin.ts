/**
 * The Vite plugin behind "one module graph per process" (ADR 210). Remix's server build bundles the
 * route modules (app/routes, app/root.tsx, app/entry.server.tsx) and the React components (.tsx) only
 * they render, which only Remix loads; every other
 * app module (the database, the job queue, the domain, the caches) is left as an import of its source
 * file, so a process loads it once, through its own loader: tsx for `npm start`, the demo and the load
 * tools, Vitest in tests (the Vite dev server loads the server itself in development). The server's own imports of those
 * modules and the routes' imports then reach the same instances, without process-wide globals.
 */
import path from "node:path";
import type { Plugin } from "vite";

/** True for an app module the server build leaves to the process's loader. */
export function loadedFromSource(file: string, root: string): boolean {
  const relative = path.relative(path.join(root, "app"), file.split("?")[0] ?? file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return false;
  if (relative.startsWith(`routes${path.sep}`) || relative === "root.tsx" || relative === "entry.server.tsx") {
    return false;
  }
  return /\.(ts|js|mjs)$/.test(relative);
}

export function appModulesFromSource(): Plugin {
  let root = process.cwd();
  /** Set while building: the bundle's folder. */
  let outDir: string | undefined;
  return {
    name: "tandem:app-modules-from-source",
    enforce: "pre",
    // The dev server keeps everything in its own module graph, the server included (server/index.ts).
    apply: "build",
    // A source map, whose sources list what the bundle holds (tests/integration/one-module-graph.test.ts).
    config: (_config, { isSsrBuild }) => (isSsrBuild ? { build: { sourcemap: true } } : undefined),
    configResolved(config) {
      root = config.root;
      outDir = config.command === "build" ? path.resolve(root, config.build.outDir) : undefined;
    },
    async resolveId(source, importer, options) {
      if (!options?.ssr || !importer || source.startsWith("\0") || source.startsWith("virtual:")) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external || !loadedFromSource(resolved.id, root)) return null;
      // In the build, a path relative to the bundle, so that it works wherever the tree is checked out.
      if (!outDir) return { id: resolved.id, external: true };
      return { id: path.relative(outDir, resolved.id).split(path.sep).join("/"), external: "absolute" };
    },
  };
}
