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
