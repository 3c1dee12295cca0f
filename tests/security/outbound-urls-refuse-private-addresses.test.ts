/**
 * Finding 8 (high): any provider URL was accepted, loopback and 169.254.169.254 included. Provider
 * URLs must be https and must not point to a private, loopback or link-local address: checked on
 * the URL's host when it is saved and used, and on every address the host resolves to when the
 * connection is opened (a name that resolves to 127.0.0.1 — DNS rebinding — reaches nothing).
 * Redirects are not followed. Hosts named in TANDEM_ALLOW_PRIVATE_URLS (a local Ollama) are exempt
 * (this file allows "localhost", where its local provider listens).
 */
import { lookup } from "node:dns/promises";
import { createServer, type Server } from "node:http";
import { hostname } from "node:os";
import { http, HttpResponse } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { resetEnvForTests } from "~/env.server";
import { isPrivateAddress, outboundFetch } from "~/lib/outbound-url.server";
import { databaseKinds } from "../helpers/db";
import { adminFetch } from "../integration/support/admin-requests";
import { installShop, startTestApp, type RunningApp } from "../integration/support/proxy-server";
import { createShopifyMockServer } from "../mocks/shopify";

const ADMIN = "90001";

/** A local OpenAI-compatible endpoint that counts every TCP connection and every request. */
class LocalProvider {
  connections = 0;
  requests: (string | undefined)[] = [];
  private server: Server = createServer((req, res) => {
    this.requests.push(req.headers.authorization);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: "chatcmpl-local",
        object: "chat.completion",
        created: 1,
        model: "local-model",
        choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }],
      }),
    );
  });
  port = 0;

  async start() {
    this.server.on("connection", () => this.connections++);
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
  }
  reset() {
    this.connections = 0;
    this.requests = [];
  }
  close() {
    this.server.closeAllConnections();
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// Read once by the app when it starts: "localhost" (where the local provider listens) is allowed.
process.env.TANDEM_ALLOW_PRIVATE_URLS = "ollama.internal, localhost";
resetEnvForTests();

afterAll(() => {
  delete process.env.TANDEM_ALLOW_PRIVATE_URLS;
  resetEnvForTests();
});

describe.each(databaseKinds)("outbound URLs refuse private addresses on %s", (kind) => {
  const shop = `outbound-${kind}.myshopify.com`;
  const local = new LocalProvider();
  // A real name of this machine that resolves (through /etc/hosts) to a loopback or private address.
  const rebinding = hostname().toLowerCase();
  const shopify = createShopifyMockServer();
  let app: RunningApp;

  beforeAll(async () => {
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
    await local.start();
    shopify.listen({ onUnhandledFrame: "bypass" });
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, shop, { name: "Outbound store" });
    await app.database.db.operator.create({ data: { shop, staffUserId: ADMIN, name: "Anna Ferri", role: "admin" } });
  });
  afterEach(async () => {
    local.reset();
    shopify.resetHandlers();
    await app.database.db.shop.update({ where: { shop }, data: { aiBaseUrl: null, aiApiKeyEnc: null } });
  });
  afterAll(async () => {
    shopify.close();
    await app?.close();
    await local.close();
  });

  const save = (aiBaseUrl: string) =>
    adminFetch(app.url, shop, ADMIN, "/app/assistant.data", {
      form: {
        intent: "save",
        aiBaseUrl,
        aiModel: "local-model",
        apiKey: "sk-local-secret-4321",
        aiPersona: "",
        aiRules: "",
        aiTemperature: "0.3",
        aiMaxTokens: "600",
        aiDailyTokenCap: "200000",
      },
    });
  const testConnection = () => adminFetch(app.url, shop, ADMIN, "/app/assistant.data", { form: { intent: "test" } });
  const stored = () => app.database.db.shop.findUniqueOrThrow({ where: { shop } });

  test("a provider URL that is not https or names a private, loopback or link-local address cannot be saved", async () => {
    const before = await stored();
    for (const url of [
      "http://api.example.com/v1",
      `http://127.0.0.1:${local.port}/v1`,
      "https://127.0.0.1/v1",
      "https://169.254.169.254/latest/meta-data",
      "https://10.1.2.3/v1",
      "https://192.168.1.10/v1",
      "https://172.16.0.5/v1",
      "https://100.64.0.1/v1",
      "https://2130706433/v1",
      "https://[::1]:8080/v1",
      "https://[::ffff:127.0.0.1]/v1",
      "https://[fe80::1]/v1",
      "https://[fd00::1]/v1",
      "https://ollama.localhost/v1",
    ]) {
      const response = await save(url);
      expect(response.status, url).toBe(422);
    }
    expect(await stored()).toEqual(before);
    expect(local.connections).toBe(0);
  });

  test("a host that resolves to a loopback address is refused when the connection is opened: Test connection and the assistant reach nothing", async () => {
    const addresses = await lookup(rebinding, { all: true });
    expect(addresses.length, `${rebinding} resolves`).toBeGreaterThan(0);
    expect(
      addresses.every((a) => isPrivateAddress(a.address)),
      `${rebinding} resolves to a private address`,
    ).toBe(true);

    // The URL itself is fine (https, a public-looking name): it is saved.
    expect((await save(`https://${rebinding}:${local.port}/v1`)).status).toBe(200);
    const tested = await testConnection();
    expect(await tested.text()).toContain("resolves to a private, loopback or link-local address");
    const asked = await adminFetch(app.url, shop, ADMIN, "/app/playground.data", {
      form: { question: "Do you ship to Italy?", locale: "en", customerId: "" },
    });
    expect(asked.status).toBe(200);
    await expect(outboundFetch(`https://${rebinding}:${local.port}/v1/models`)).rejects.toMatchObject({
      name: "OutboundUrlError",
      reason: "private",
    });
    expect(local.connections).toBe(0);
  });

  test("a provider's redirect to a private address is not followed", async () => {
    shopify.use(
      http.post("https://llm.example.test/v1/chat/completions", () =>
        HttpResponse.json(null, {
          status: 307,
          headers: { Location: `http://127.0.0.1:${local.port}/v1/chat/completions` },
        }),
      ),
    );
    expect((await save("https://llm.example.test/v1")).status).toBe(200);
    const tested = await testConnection();
    expect(await tested.text()).toContain("307");
    expect(local.connections).toBe(0);
  });

  test("a private host is reached only when TANDEM_ALLOW_PRIVATE_URLS names it, then also over http", async () => {
    expect((await save(`http://127.0.0.1:${local.port}/v1`)).status).toBe(422);
    expect((await save(`http://localhost:${local.port}/v1`)).status).toBe(200);
    expect(await (await testConnection()).text()).toContain("Connected to local-model");
    expect(local.requests).toEqual(["Bearer sk-local-secret-4321"]);
  });
});
