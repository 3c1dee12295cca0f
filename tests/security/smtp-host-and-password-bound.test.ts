/**
 * The SMTP host is merchant-entered: private, loopback and link-local addresses are refused unless
 * the environment's allow-list names them, and an unencrypted connection only to such a host. The
 * password is stored encrypted and bound to the server it was entered for: saving another server
 * without it is a 422, and a server changed behind the admin's back never receives it.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { adminFetch } from "../integration/support/admin-requests";
import { installShop, startTestApp, type RunningApp } from "../integration/support/proxy-server";
import { sendTestEmail } from "~/integrations/email/outbox.server";

const ADMIN = "90001";
const OPERATOR = "90002";

describe.each(databaseKinds)("SMTP settings on %s", (kind) => {
  const shop = `smtp-sec-${kind}.myshopify.com`;
  let app: RunningApp;
  const db = () => app.database.db;
  const save = async (staff: string, fields: Record<string, string>) => {
    const form = {
      intent: "save",
      host: "smtp.example.com",
      port: "587",
      tls: "starttls",
      user: "mailer",
      password: "",
      fromName: "Shop",
      fromAddress: "help@shop.test",
      replyTo: "",
      ...fields,
    };
    const response = await adminFetch(app.url, shop, staff, "/app/settings/email?_data=routes%2Fapp.settings_.email", {
      form,
    });
    return {
      status: response.status,
      body: (await response.json()) as { ok: boolean; errors: Record<string, string> },
    };
  };

  beforeAll(async () => {
    delete process.env.TANDEM_ALLOW_PRIVATE_URLS;
    app = await startTestApp(kind, { worker: false });
    await installShop(db(), shop, { name: "Shop" });
    await db().operator.create({ data: { shop, staffUserId: ADMIN, name: "Admin", role: "admin" } });
    await db().operator.create({ data: { shop, staffUserId: OPERATOR, name: "Op", role: "operator" } });
  });
  afterAll(async () => {
    await app?.close();
  });

  test.each(["10.0.0.5", "127.0.0.1", "169.254.169.254", "localhost", "[::1]", "192.168.1.10"])(
    "the private host %s is refused with a field error and nothing is saved",
    async (host) => {
      const { status, body } = await save(ADMIN, { host, password: "pw" });
      expect(status).toBe(422);
      expect(body.errors.host).toMatch(/private, loopback or link-local|host name/);
      expect((await db().shop.findUniqueOrThrow({ where: { shop } })).smtpHost).toBeNull();
    },
  );

  test("the Email and SLA pages render for an admin (the password never appears in the page)", async () => {
    const email = await adminFetch(app.url, shop, ADMIN, "/app/settings/email");
    expect(email.status).toBe(200);
    const html = await email.text();
    expect(html).toContain("Send test email");
    expect(html).not.toContain("hunter2");
    const sla = await adminFetch(app.url, shop, ADMIN, "/app/settings/sla");
    expect(sla.status).toBe(200);
    expect(await sla.text()).toContain("SLA targets");
  });

  test("no encryption is refused for a public host; an operator cannot change the settings", async () => {
    const none = await save(ADMIN, { tls: "none", password: "pw" });
    expect(none.status).toBe(422);
    expect(none.body.errors.host).toMatch(/unencrypted/);
    expect((await save(OPERATOR, { password: "pw" })).status).toBe(403);
  });

  test("the password is encrypted, bound to host and port, and asked again for another server", async () => {
    expect((await save(ADMIN, { password: "hunter2-secret" })).status).toBe(200);
    const row = await db().shop.findUniqueOrThrow({ where: { shop } });
    expect(row.smtpPasswordEnc).toMatch(/^v1\./);
    expect(row.smtpPasswordEnc).not.toContain("hunter2");
    expect((await save(ADMIN, {})).status).toBe(200); // same server, empty password: kept
    const moved = await save(ADMIN, { host: "smtp.other.example" });
    expect(moved.status).toBe(422);
    expect(moved.body.errors.password).toBe("The server changed: enter its password again.");
    expect((await save(ADMIN, { port: "2525" })).status).toBe(422);
    expect((await db().shop.findUniqueOrThrow({ where: { shop } })).smtpHost).toBe("smtp.example.com");

    // changed in the database behind the admin's back: the password does not open for it
    await db().shop.update({ where: { shop }, data: { smtpHost: "evil.example" } });
    expect(await sendTestEmail(shop, "me@shop.test")).toEqual({
      ok: false,
      message: "The SMTP password must be entered again for this server.",
    });
  });
});
