/**
 * GraphQL config for editor tooling (schema-aware completion of `#graphql` documents).
 * API_VERSION must equal API_VERSION in app/shopify.server.ts and [webhooks] api_version in
 * shopify.app.toml (tests/unit/api-version.test.ts checks all three).
 */
const API_VERSION = "2026-10";

const config = {
  projects: {
    default: {
      schema: `https://shopify.dev/admin-graphql-direct-proxy/${API_VERSION}`,
      documents: ["./app/**/*.{js,ts,jsx,tsx}"],
      exclude: ["./app/generated/**"],
    },
  },
};

export default config;
