/**
 * Email over a real SMTP server started by the test (smtp-server on 127.0.0.1, allowed by the
 * environment's allow-list), sent by the real outbox worker: the delivered MIME is parsed and its
 * headers, both parts and language checked; failures end as a delivery state with a reason.
 */
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { setDb, type Db } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { startWorker, type Worker } from "~/jobs/worker.server";
import { registerAllJobHandlers } from "~/jobs/handlers.server";
import { createTicketFromConversation, replyToTicket, addTicketNote } from "~/domain/tickets.server";
import { saveSmtpSettings, smtpFormSchema } from "~/integrations/email/smtp-settings.server";
import { sendTestEmail } from "~/integrations/email/outbox.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp-server";

async function until<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(databaseKinds)("email through SMTP on %s", (kind) => {
  const shop = `mail-${kind}.myshopify.com`;
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let worker: Worker | undefined;
  const db = (): Db => t.db;

  beforeAll(async () => {
    process.env.TANDEM_ALLOW_PRIVATE_URLS = "127.0.0.1";
    process.env.TANDEM_EMAIL_INBOUND_DOMAIN = "reply.tandem.test";
    resetEnvForTests();
    registerAllJobHandlers();
    t = await createTestDatabase(kind);
    setDb(t.db);
    smtp = await startSmtpServer({ user: "mailer", password: "s3cret-pass" });
    await db().shop.create({ data: { shop, name: "Caffè <Roma> & Co", timezone: "Europe/Rome" } });
    await db().operator.create({
      data: { shop, staffUserId: "1", name: "Anna Ferri", email: "anna@store.test", emailNotifications: true },
    });
    await db().operator.create({ data: { shop, staffUserId: "2", name: "Luca Moretti", email: "luca@store.test" } });
    const saved = await saveSmtpSettings(
      shop,
      smtpFormSchema.parse({
        host: "127.0.0.1",
        port: String(smtp.port),
        tls: "none",
        user: "mailer",
        password: "s3cret-pass",
        fromName: "Caffè Roma",
        fromAddress: "help@caffe.test",
        replyTo: "",
      }),
    );
    expect(saved).toEqual({ ok: true });
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    smtp.messages.length = 0;
  });
  afterAll(async () => {
    await smtp?.close();
    setDb(undefined);
    await t?.close();
    delete process.env.TANDEM_ALLOW_PRIVATE_URLS;
    delete process.env.TANDEM_EMAIL_INBOUND_DOMAIN;
    resetEnvForTests();
  });

  const run = () => {
    worker = startWorker({ name: `mail-${kind}`, db: t.db, listenUrl: t.url, pollMs: 50 });
  };

  async function offlineTicket(locale: string, message: string) {
    const conv = await db().conversation.create({
      data: { shop, visitorTokenHash: randomBytes(16).toString("hex"), locale, offline: true },
    });
    return db().$transaction((tx) =>
      createTicketFromConversation(
        shop,
        conv,
        { email: "giulia@example.com", name: "Giulia", message, source: "offline_chat" },
        tx,
      ),
    );
  }

  test("a new ticket emails the requester in Italian (text and HTML, their words escaped) and staff who opted in", async () => {
    const { ticket } = await offlineTicket("it-IT", 'Il pacco <b>non</b> è arrivato & "urgente"');
    run();
    const mails = await smtp.waitFor(2);
    const toShopper = mails.find((m) => m.envelopeTo.includes("giulia@example.com"))!;
    const toStaff = mails.find((m) => m.envelopeTo.includes("anna@store.test"))!;
    expect(mails.some((m) => m.envelopeTo.includes("luca@store.test"))).toBe(false); // did not opt in

    const p = toShopper.parsed;
    expect(p.subject).toBe(
      `[T-${ticket.number}] Abbiamo ricevuto la tua richiesta: Il pacco <b>non</b> è arrivato & "urgente"`,
    );
    expect(p.from?.value[0]).toEqual({ address: "help@caffe.test", name: "Caffè Roma" });
    expect(p.replyTo?.value[0]?.address).toMatch(/^reply\+[a-z2-7]{26}@reply\.tandem\.test$/);
    expect(p.headers.get("auto-submitted")).toBe("auto-generated");
    expect(p.messageId).toMatch(/@caffe\.test>$/);
    expect(p.references).toBe(`<ticket-${ticket.id}@caffe.test>`);
    expect(p.text).toContain("Grazie per aver contattato Caffè <Roma> & Co.");
    expect(p.text).toContain('Il pacco <b>non</b> è arrivato & "urgente"');
    expect(p.text).toContain("rispondi semplicemente a questa email");
    const html = String(p.html);
    expect(html).toContain('<html lang="it">');
    expect(html).toContain("Il pacco &lt;b&gt;non&lt;/b&gt; è arrivato &amp; &quot;urgente&quot;");
    expect(html).toContain("Caffè &lt;Roma&gt; &amp; Co");
    expect(html).not.toContain("<b>non</b>");
    expect(toShopper.raw).toMatch(/Content-Type: multipart\/alternative/i);

    expect(toStaff.parsed.subject).toBe(
      `[Caffè <Roma> & Co] New ticket T-${ticket.number}: Il pacco <b>non</b> è arrivato & "urgente"`,
    );
    expect(toStaff.parsed.text).toContain(`https://${shop}/admin/apps/`);
    expect(toStaff.parsed.replyTo).toBeUndefined();

    const deliveries = await until(async () => {
      const rows = await db().emailDelivery.findMany({ where: { shop, ticketId: ticket.id } });
      return rows.length === 2 && rows.every((r) => r.state === "sent") ? rows : null;
    });
    const shopperRow = deliveries.find((d) => d.kind === "ticket_created")!;
    expect(shopperRow).toMatchObject({ locale: "it-IT", toAddress: "giulia@example.com", attempts: 1, error: null });
    expect(shopperRow.messageId).toBe(p.messageId);
    // the reply token is stored only as a hash
    const token = /reply\+([a-z2-7]+)@/.exec(p.replyTo!.value[0]!.address!)![1]!;
    const tokens = await db().ticketReplyToken.findMany({ where: { shop, ticketId: ticket.id } });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.tokenHash).not.toContain(token);
  });

  test("an operator's public reply is emailed in the requester's language; an internal note is not", async () => {
    const { ticket } = await offlineTicket("fr", "Où est ma commande ?");
    const anna = await db().operator.findFirstOrThrow({ where: { shop, staffUserId: "1" } });
    const comment = await replyToTicket(shop, ticket.id, "Bonjour Giulia,\n\nLe colis part demain.", anna);
    await addTicketNote(shop, ticket.id, "Customer is VIP, do not mention", anna);
    run();
    await smtp.waitFor(3); // created → requester and Anna; the reply → requester
    await until(async () => (await db().ticketComment.findUnique({ where: { id: comment.id } }))?.emailedAt);
    const reply = smtp.messages.find((m) => m.parsed.subject?.startsWith("Re: "))!;
    expect(reply.parsed.subject).toBe(`Re: [T-${ticket.number}] Où est ma commande ?`);
    expect(reply.parsed.text).toContain(`Anna Ferri a répondu à votre demande T-${ticket.number} :`);
    expect(reply.parsed.text).toContain("Le colis part demain.");
    expect(String(reply.parsed.html)).toContain('<html lang="fr">');
    expect(reply.parsed.headers.get("auto-submitted")).toBeUndefined();
    expect(reply.parsed.inReplyTo).toBe(`<ticket-${ticket.id}@caffe.test>`);
    expect(smtp.messages.every((m) => !m.raw.includes("VIP"))).toBe(true);
  });

  test("a wrong password fails at once with the reason on the delivery; an unreachable server retries", async () => {
    const { ticket } = await offlineTicket("de", "Rechnung fehlt");
    await db().shop.update({
      where: { shop },
      data: {
        smtpPasswordEnc: (await import("~/integrations/email/smtp-settings.server")).sealSmtpPassword(
          "wrong",
          "127.0.0.1",
          smtp.port,
        ),
      },
    });
    run();
    const failed = await until(async () => {
      const rows = await db().emailDelivery.findMany({ where: { shop, ticketId: ticket.id } });
      return rows.length === 2 && rows.every((r) => r.state === "failed") ? rows : null;
    });
    expect(failed[0]!.error).toBe(`The SMTP server 127.0.0.1:${smtp.port} refused the user name or password.`);
    await until(async () => (await db().job.count({ where: { shop, type: "email.send", status: "dead" } })) >= 2);
    await worker!.stop();
    worker = undefined;

    await db().shop.update({
      where: { shop },
      data: {
        smtpPort: 1,
        smtpPasswordEnc: (await import("~/integrations/email/smtp-settings.server")).sealSmtpPassword(
          "s3cret-pass",
          "127.0.0.1",
          1,
        ),
      },
    });
    const { ticket: second } = await offlineTicket("es", "¿Dónde está?");
    run();
    const retrying = await until(async () => {
      const rows = await db().emailDelivery.findMany({ where: { shop, ticketId: second.id } });
      return rows.length > 0 && rows.every((r) => r.attempts >= 1) ? rows : null;
    });
    expect(retrying[0]).toMatchObject({ state: "queued", error: "Could not connect to the SMTP server 127.0.0.1:1." });
    const job = await until(() =>
      db().job.findFirst({ where: { shop, type: "email.send", status: "pending", attempts: 1 } }),
    );
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 10_000); // backed off
    await db().shop.update({
      where: { shop },
      data: {
        smtpPort: smtp.port,
        smtpPasswordEnc: (await import("~/integrations/email/smtp-settings.server")).sealSmtpPassword(
          "s3cret-pass",
          "127.0.0.1",
          smtp.port,
        ),
      },
    });
  });

  test("the test email is sent at once and its result is a sentence", async () => {
    expect(await sendTestEmail(shop, "owner@caffe.test")).toEqual({
      ok: true,
      message: "Sent to owner@caffe.test (the server answered 250).",
    });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.parsed.subject).toBe("Test email from Caffè <Roma> & Co");
    expect(mail!.parsed.html).toBeTruthy();
  });
});
