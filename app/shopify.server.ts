import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { db } from "./db.server";
import { env } from "./env.server";
import { markInstalled } from "./domain/shops.server";
import { logger } from "./logger.server";
import { encryptedSessionStorage } from "./lib/session-storage.server";

/** The one Admin API version, shared with shopify.app.toml and .graphqlrc.ts (checked by a test). */
export const API_VERSION = ApiVersion.October26;

const config = env();

/**
 * The Shopify libraries' log lines go through the one JSON logger. Their INFO lines (one per
 * authenticated request) are debug here; their messages carry the shop domain, never a token.
 */
const shopifyLogger = logger.child({ source: "shopify" });
const SHOPIFY_LEVEL = {
  [LogSeverity.Error]: "error",
  [LogSeverity.Warning]: "warn",
  [LogSeverity.Info]: "debug",
  [LogSeverity.Debug]: "trace",
} as const;

const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: config.SCOPES?.split(","),
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  // Access and refresh tokens are encrypted at rest (ADR 105).
  sessionStorage: encryptedSessionStorage(db()),
  distribution: AppDistribution.AppStore,
  logger: {
    level: LogSeverity.Info,
    log: (severity, message) => shopifyLogger[SHOPIFY_LEVEL[severity]](message),
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  hooks: {
    afterAuth: async ({ session }) => {
      await markInstalled(session.shop, session.scope ?? null);
    },
  },
  ...(config.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [config.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const apiVersion = API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
