import { describe, expect, test } from "vitest";
import { DEMO_API_KEY, DEMO_API_SECRET, EnvError, parseEnv } from "~/env.server";

const KEY = Buffer.alloc(32, 1).toString("base64");
const production = {
  NODE_ENV: "production",
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://tandem.example.com",
  TANDEM_ENCRYPTION_KEY: KEY,
  DATABASE_URL: "postgresql://app@db.internal:5432/tandem",
};

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error("parseEnv accepted the environment");
}

describe("environment validation", () => {
  test("a complete production environment is accepted", () => {
    const env = parseEnv(production);
    expect(env.demo).toBe(false);
    expect(env.databaseKind).toBe("postgresql");
    expect(env.SHOPIFY_API_SECRET).toBe("secret");
  });

  test("every missing production variable is listed together in one error", () => {
    const list = problems({ NODE_ENV: "production" });
    expect(list).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SHOPIFY_API_KEY: /),
        expect.stringMatching(/^SHOPIFY_API_SECRET: /),
        expect.stringMatching(/^SHOPIFY_APP_URL: /),
        expect.stringMatching(/^TANDEM_ENCRYPTION_KEY: /),
      ]),
    );
    expect(list).toHaveLength(4);
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SHOPIFY_API_KEY[\s\S]*TANDEM_ENCRYPTION_KEY/);
  });

  test("empty strings count as missing", () => {
    expect(problems({ ...production, SHOPIFY_API_SECRET: "" })).toEqual([
      expect.stringMatching(/^SHOPIFY_API_SECRET: /),
    ]);
  });

  test("demo mode is refused with NODE_ENV=production", () => {
    expect(problems({ ...production, TANDEM_DEMO: "1" })).toEqual([
      "TANDEM_DEMO: demo mode is refused when NODE_ENV=production",
    ]);
  });

  test("a DATABASE_URL that is neither SQLite nor PostgreSQL is refused", () => {
    expect(problems({ ...production, DATABASE_URL: "mysql://root@localhost/tandem" })).toEqual([
      expect.stringMatching(/^DATABASE_URL: must start with file:/),
    ]);
    expect(parseEnv({ DATABASE_URL: "file:./data/x.sqlite" }).databaseKind).toBe("sqlite");
  });

  test("an encryption key that is not 32 bytes of base64 is refused", () => {
    const short = Buffer.alloc(16, 1).toString("base64");
    expect(problems({ ...production, TANDEM_ENCRYPTION_KEY: short })).toEqual([
      expect.stringMatching(/^TANDEM_ENCRYPTION_KEY: must be 32 bytes/),
    ]);
    expect(problems({ TANDEM_ENCRYPTION_KEY: "not base64 at all!" })).toHaveLength(1);
  });

  test("other malformed values are refused with their variable named", () => {
    const list = problems({
      PORT: "http",
      TANDEM_WORKER: "sometimes",
      SHOPIFY_APP_URL: "not a url",
      METRICS_TOKEN: "short",
    });
    expect(list.map((p) => p.split(":")[0]).sort()).toEqual([
      "METRICS_TOKEN",
      "PORT",
      "SHOPIFY_APP_URL",
      "TANDEM_WORKER",
    ]);
  });

  test("demo mode fills in the demo credentials, a key, SQLite, port 3000 and the inline worker", () => {
    const env = parseEnv({ TANDEM_DEMO: "1" });
    expect(env.demo).toBe(true);
    expect(env.SHOPIFY_API_KEY).toBe(DEMO_API_KEY);
    expect(env.SHOPIFY_API_SECRET).toBe(DEMO_API_SECRET);
    expect(env.SHOPIFY_APP_URL).toBe("http://localhost:3000");
    expect(Buffer.from(env.TANDEM_ENCRYPTION_KEY, "base64")).toHaveLength(32);
    expect(env.databaseKind).toBe("sqlite");
    expect(env.PORT).toBe(3000);
    expect(env.TANDEM_WORKER).toBe("inline");
  });

  test("credentials given in demo mode win over the demo defaults", () => {
    const env = parseEnv({ TANDEM_DEMO: "1", SHOPIFY_API_SECRET: "mine", PORT: "4100" });
    expect(env.SHOPIFY_API_SECRET).toBe("mine");
    expect(env.SHOPIFY_APP_URL).toBe("http://localhost:4100");
  });

  test("TRUST_PROXY_HOPS defaults to Shopify's App Proxy plus one load balancer (demo: the local proxy only) and must be 0-10", () => {
    expect(parseEnv(production).TRUST_PROXY_HOPS).toBe(2);
    expect(parseEnv({ TANDEM_DEMO: "1" }).TRUST_PROXY_HOPS).toBe(1);
    expect(parseEnv({ ...production, TRUST_PROXY_HOPS: "0" }).TRUST_PROXY_HOPS).toBe(0);
    expect(parseEnv({ ...production, TRUST_PROXY_HOPS: "3" }).TRUST_PROXY_HOPS).toBe(3);
    for (const bad of ["true", "-1", "1.5", "11"]) {
      expect(problems({ ...production, TRUST_PROXY_HOPS: bad })).toEqual([
        "TRUST_PROXY_HOPS: must be a whole number of proxies (0-10)",
      ]);
    }
  });

  test("TANDEM_ALLOW_PRIVATE_URLS is a comma list of hosts, lower-cased, IPv6 without brackets; none by default", () => {
    expect(parseEnv(production).TANDEM_ALLOW_PRIVATE_URLS).toEqual([]);
    expect(
      parseEnv({ ...production, TANDEM_ALLOW_PRIVATE_URLS: " Ollama.internal, 127.0.0.1 ,[::1]," })
        .TANDEM_ALLOW_PRIVATE_URLS,
    ).toEqual(["ollama.internal", "127.0.0.1", "::1"]);
  });

  test("TANDEM_ALLOW_PRIVATE_URLS with a URL, a port or a path is refused with the entry named", () => {
    const list = problems({ ...production, TANDEM_ALLOW_PRIVATE_URLS: "http://ollama:11434,vllm:8000,ok.host,a/b" });
    expect(list).toHaveLength(3);
    expect(list.every((p) => p.startsWith("TANDEM_ALLOW_PRIVATE_URLS: "))).toBe(true);
    expect(list.join("\n")).toMatch(/"http:\/\/ollama:11434"[\s\S]*"vllm:8000"[\s\S]*"a\/b"/);
  });

  test("HTTP timeouts default to 10 s headers and body, 30 s per request, 65 s keep-alive, and contradictions are refused", () => {
    expect(parseEnv(production)).toMatchObject({
      HTTP_HEADERS_TIMEOUT_MS: 10_000,
      HTTP_BODY_TIMEOUT_MS: 10_000,
      HTTP_REQUEST_TIMEOUT_MS: 30_000,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 65_000,
    });
    const list = problems({
      ...production,
      HTTP_REQUEST_TIMEOUT_MS: "5000",
      HTTP_HEADERS_TIMEOUT_MS: "6000",
      HTTP_BODY_TIMEOUT_MS: "7000",
      HTTP_KEEP_ALIVE_TIMEOUT_MS: "soon",
    });
    expect(list).toEqual([expect.stringMatching(/^HTTP_KEEP_ALIVE_TIMEOUT_MS: /)]);
    expect(
      problems({
        ...production,
        HTTP_REQUEST_TIMEOUT_MS: "5000",
        HTTP_HEADERS_TIMEOUT_MS: "6000",
        HTTP_BODY_TIMEOUT_MS: "7000",
      }),
    ).toEqual([
      "HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS",
      "HTTP_BODY_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS",
    ]);
  });
});
