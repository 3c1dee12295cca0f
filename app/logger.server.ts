import pino from "pino";

/**
 * The one logger. Structured JSON; never log message text or personal data (emails, names,
 * phone numbers, addresses, tokens). Use `logger.child({shop, conversationId})` for context.
 */
const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);
// An unknown LOG_LEVEL would make pino throw before env() can report it among the other problems.
const configured = process.env.LOG_LEVEL;

export const logger = pino({
  level: configured && LEVELS.has(configured) ? configured : process.env.NODE_ENV === "test" ? "silent" : "info",
  base: { app: "tandem" },
  redact: {
    paths: [
      "text",
      "*.text",
      "email",
      "*.email",
      "phone",
      "*.phone",
      "token",
      "*.token",
      "accessToken",
      "*.accessToken",
      "apiKey",
      "*.apiKey",
      "authorization",
      "*.authorization",
    ],
    censor: "[redacted]",
  },
});

/**
 * An error as it may be logged: its name, code and stack frames. Never its message: messages can
 * quote input (JSON.parse's quotes the body, zod's the received value).
 */
export function errorForLog(error: unknown): { name: string; code?: string; frames?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = error.stack
    ?.split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .slice(0, 8)
    .map((line) => line.trim())
    .join(" | ");
  return { name: error.name, ...(typeof code === "string" ? { code } : {}), ...(frames ? { frames } : {}) };
}

/**
 * For the process entries (web, worker, demo): an uncaught exception or unhandled rejection is
 * logged as one JSON line, then the process exits with 1 as Node would (instead of Node's text trace).
 */
export function logFatalErrors(): void {
  for (const event of ["uncaughtException", "unhandledRejection"] as const) {
    process.on(event, (error: unknown) => {
      logger.fatal(
        { err: errorForLog(error) },
        event === "uncaughtException" ? "uncaught exception" : "unhandled rejection",
      );
      process.exit(1);
    });
  }
}
