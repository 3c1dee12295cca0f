/**
 * Demo mode answers Shopify's Admin and Storefront GraphQL APIs in-process with the same msw
 * handlers the tests use (tests/mocks/shopify.ts). Requests no handler matches pass through
 * (e.g. the AI provider when OPENAI_API_KEY is set).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { setupServer, type SetupServer } from "msw/node";
import { logger } from "../logger.server";

type RequestHandler = Parameters<typeof setupServer>[number];

const MOCKS_MODULE = path.resolve("tests/mocks/shopify.ts");

let running: SetupServer | undefined;

/** The msw server started by `startDemoMocks` (tests add handlers to it), if any. */
export function demoMocks(): SetupServer | undefined {
  return running;
}

/** Finds the handler list whichever way tests/mocks/shopify.ts exports it. */
function pickHandlers(mod: Record<string, unknown>): RequestHandler[] {
  for (const name of ["shopifyHandlers", "handlers", "default"]) {
    const value = mod[name];
    if (Array.isArray(value)) return value as RequestHandler[];
    if (typeof value === "function" && name !== "default") {
      const made = (value as () => unknown)();
      if (Array.isArray(made)) return made as RequestHandler[];
    }
  }
  for (const [name, value] of Object.entries(mod)) {
    if (/handlers/i.test(name) && typeof value === "function") {
      const made = (value as () => unknown)();
      if (Array.isArray(made)) return made as RequestHandler[];
    }
  }
  return [];
}

export async function startDemoMocks(): Promise<SetupServer | undefined> {
  if (running) return running;
  if (!existsSync(MOCKS_MODULE)) {
    logger.warn("demo: tests/mocks/shopify.ts is missing; Shopify GraphQL calls are not answered");
    return undefined;
  }
  const mod = (await import(pathToFileURL(MOCKS_MODULE).href)) as Record<string, unknown>;
  const handlers = pickHandlers(mod);
  const server = setupServer(...handlers);
  server.listen({ onUnhandledFrame: "bypass" });
  running = server;
  logger.info({ handlers: handlers.length }, "demo: Shopify GraphQL answered by msw");
  return server;
}
