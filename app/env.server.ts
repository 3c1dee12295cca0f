import { isIP } from "node:net";
import { z } from "zod";

/** Demo-mode defaults for the Shopify credentials (contract: ARCHITECTURE.md "demo mode"). */
export const DEMO_SHOP = "tandem-demo.myshopify.com";
export const DEMO_API_KEY = "tandem-demo-key";
export const DEMO_API_SECRET = "tandem-demo-secret";
/** A fixed, public key used only in demo mode and tests: never for real data. */
const DEMO_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");

const base64Key = z.string().refine((v) => Buffer.from(v, "base64").length === 32, {
  message: "must be 32 bytes encoded as base64 (openssl rand -base64 32)",
});

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** A comma list of bare hosts (names or IP addresses: no scheme, port or path), lower-cased. */
const hostList = z.string().transform((value, ctx) => {
  const hosts = value
    .split(",")
    .map((h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/^\[(.*)\]$/, "$1"),
    )
    .filter(Boolean);
  for (const host of hosts) {
    if (isIP(host) === 0 && !HOST_NAME.test(host)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `"${host}" is not a host name or IP address (write hosts only, without scheme, port or path)`,
      });
    }
  }
  return hosts;
});
/** A duration in milliseconds: 100 ms to 10 minutes. */
const millis = z.coerce.number().int().min(100).max(600_000);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    TANDEM_DEMO: z.enum(["0", "1"]).default("0"),
    SHOPIFY_API_KEY: z.string().min(1).optional(),
    SHOPIFY_API_SECRET: z.string().min(1).optional(),
    SHOPIFY_APP_URL: z.string().url().optional(),
    SCOPES: z.string().optional(),
    SHOP_CUSTOM_DOMAIN: z.string().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql://")
      .default("file:./data/tandem.sqlite"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    OPENAI_API_KEY: z.string().optional(),
    OPENAI_BASE_URL: z.string().url().optional(),
    OPENAI_MODEL: z.string().default("gpt-4o-mini"),
    /** AI tokens one conversation may use per UTC day (0 = no limit); then the built-in responder answers. */
    TANDEM_AI_TOKENS_PER_CONVERSATION: z.coerce.number().int().min(0).default(30_000),
    /** AI tokens one visitor (address) may use per UTC day across their conversations (0 = no limit). */
    TANDEM_AI_TOKENS_PER_VISITOR: z.coerce.number().int().min(0).default(60_000),
    TANDEM_ENCRYPTION_KEY: base64Key.optional(),
    TANDEM_WORKER: z.enum(["inline", "off"]).default("inline"),
    SQLITE_SYNCHRONOUS: z.enum(["normal", "full"]).default("normal"),
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    APP_BRIDGE_URL: z.string().optional(),
    TRUST_PROXY_HOPS: z.coerce
      .number({ invalid_type_error: "must be a whole number of proxies (0-10)" })
      .int("must be a whole number of proxies (0-10)")
      .min(0, "must be a whole number of proxies (0-10)")
      .max(10, "must be a whole number of proxies (0-10)")
      .optional(),
    TANDEM_ALLOW_PRIVATE_URLS: hostList.default(""),
    /** Replies by email (docs/api/email-inbound.md): the domain of reply+TOKEN@… addresses and the inbound webhook's HMAC secret. */
    TANDEM_EMAIL_INBOUND_DOMAIN: z
      .string()
      .regex(HOST_NAME, "must be a domain name, e.g. reply.example.com")
      .optional(),
    TANDEM_EMAIL_INBOUND_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    // HTTP server limits against slow clients (docs/operations.md "Timeouts").
    HTTP_HEADERS_TIMEOUT_MS: millis.default(10_000),
    HTTP_BODY_TIMEOUT_MS: millis.default(10_000),
    HTTP_REQUEST_TIMEOUT_MS: millis.default(30_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: millis.default(65_000),
  })
  .superRefine((env, ctx) => {
    const demo = env.TANDEM_DEMO === "1";
    if (demo && env.NODE_ENV === "production") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["TANDEM_DEMO"],
        message: "demo mode is refused when NODE_ENV=production",
      });
    }
    if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["HTTP_HEADERS_TIMEOUT_MS"],
        message: "must not be longer than HTTP_REQUEST_TIMEOUT_MS",
      });
    }
    if (env.HTTP_BODY_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["HTTP_BODY_TIMEOUT_MS"],
        message: "must not be longer than HTTP_REQUEST_TIMEOUT_MS",
      });
    }
    if (!demo && env.NODE_ENV === "production") {
      for (const key of [
        "SHOPIFY_API_KEY",
        "SHOPIFY_API_SECRET",
        "SHOPIFY_APP_URL",
        "TANDEM_ENCRYPTION_KEY",
      ] as const) {
        if (!env[key]) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: "is required in production" });
        }
      }
    }
  });

/**
 * Proxies in front of the app that append to `X-Forwarded-For` (app/lib/client-ip.ts): Shopify's App
 * Proxy and one load balancer. In demo mode the local App Proxy is the only one.
 */
export const DEFAULT_TRUST_PROXY_HOPS = 2;
export const DEMO_TRUST_PROXY_HOPS = 1;

export type Env = Omit<
  z.infer<typeof schema>,
  "SHOPIFY_API_KEY" | "SHOPIFY_API_SECRET" | "SHOPIFY_APP_URL" | "TANDEM_ENCRYPTION_KEY" | "TRUST_PROXY_HOPS"
> & {
  TRUST_PROXY_HOPS: number;
  SHOPIFY_API_KEY: string;
  SHOPIFY_API_SECRET: string;
  SHOPIFY_APP_URL: string;
  TANDEM_ENCRYPTION_KEY: string;
  demo: boolean;
  databaseKind: "sqlite" | "postgresql";
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Validates an environment object; throws EnvError listing every problem at once. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`));
  }
  const env = result.data;
  const demo = env.TANDEM_DEMO === "1";
  const fallbackKey = demo || env.NODE_ENV !== "production";
  const port = env.PORT;
  return {
    ...env,
    demo,
    SHOPIFY_API_KEY: env.SHOPIFY_API_KEY ?? DEMO_API_KEY,
    SHOPIFY_API_SECRET: env.SHOPIFY_API_SECRET ?? DEMO_API_SECRET,
    SHOPIFY_APP_URL: env.SHOPIFY_APP_URL ?? `http://localhost:${port}`,
    TANDEM_ENCRYPTION_KEY: env.TANDEM_ENCRYPTION_KEY ?? (fallbackKey ? DEMO_ENCRYPTION_KEY : ""),
    TRUST_PROXY_HOPS: env.TRUST_PROXY_HOPS ?? (demo ? DEMO_TRUST_PROXY_HOPS : DEFAULT_TRUST_PROXY_HOPS),
    databaseKind: env.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql",
  };
}

let cached: Env | undefined;

/** The validated process environment, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests and the demo launcher change process.env before boot; this forgets the parsed copy. */
export function resetEnvForTests(): void {
  cached = undefined;
}
