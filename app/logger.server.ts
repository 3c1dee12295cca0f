import pino from "pino";

/**
 * The one logger. Structured JSON; never log message text or personal data (emails, names,
 * phone numbers, addresses, tokens). Use `logger.child({shop, conversationId})` for context.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
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
