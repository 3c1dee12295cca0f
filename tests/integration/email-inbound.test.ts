/**
 * Replies by email over HTTP (the real built server, a real database, a real SMTP server): the
 * requester answers the email they received — a raw MIME reply composed by nodemailer with the
 * quoted history — the provider posts it signed to POST /hooks/email, and the ticket reopens with
 * the new text as the requester's public reply, on the change feed, with a notification.
 */
import { randomBytes } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTicketFromConversation, changeTicket } from "~/domain/tickets.server";
import { saveSmtpSettings, smtpFormSchema } from "~/integrations/email/smtp-settings.server";
import { databaseKinds } from "../helpers/db";
import { startSmtpServer, type DeliveredMail, type TestSmtpServer } from "../helpers/smtp-server";
import { installShop, startTestApp, type RunningApp } from "./support/proxy-server";

const SECRET = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;

async function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    new MailComposer(options).compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );
}

/** What a mail client sends when its user presses "Reply" on `mail` and writes `text` above the quote. */
function replyTo(mail: DeliveredMail, from: string, text: string, messageId: string) {
  const quoted = (mail.parsed.text ?? "")
    .split("\n")
    .map((l) => `> ${l}`)
    .join("\n");
  return compose({
    from,
    to: mail.parsed.replyTo!.value[0]!.address!,
    subject: `Re: ${mail.parsed.subject}`,
    messageId,
    inReplyTo: mail.parsed.messageId,
    references: [mail.parsed.messageId!],
    text: `${text}\n\nOn Tue, 1 Dec 2026 at 10:02, Caffè Roma <help@caffe.test> wrote:\n${quoted}\n`,
  });
}

function signed(raw: Buffer, id = `msg_${randomBytes(6).toString("hex")}`, secret = SECRET) {
  const now = new Date();
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, now, raw),
    "content-type": "message/rfc822",
  };
}

describe.each(databaseKinds)("replies by email on %s", (kind) => {
  const shop = `inbound-${kind}.myshopify.com`;
  let app: RunningApp;
  let smtp: TestSmtpServer;
  const db = () => app.database.db;
  const post = (raw: Buffer, headers: Record<string, string>) =>
    fetch(`${app.url}/hooks/email`, { method: "POST", body: new Uint8Array(raw), headers });

  beforeAll(async () => {
    process.env.TANDEM_ALLOW_PRIVATE_URLS = "127.0.0.1";
    process.env.TANDEM_EMAIL_INBOUND_DOMAIN = "reply.tandem.test";
    process.env.TANDEM_EMAIL_INBOUND_SECRET = SECRET;
    smtp = await startSmtpServer();
    app = await startTestApp(kind, { worker: true });
    await installShop(db(), shop, { name: "Caffè Roma", timezone: "Europe/Rome" });
    await db().operator.create({ data: { shop, staffUserId: "1", name: "Anna Ferri" } });
    const form = smtpFormSchema.parse({
      host: "127.0.0.1",
      port: String(smtp.port),
      tls: "none",
      user: "",
      password: "",
      fromName: "Caffè Roma",
      fromAddress: "help@caffe.test",
      replyTo: "",
    });
    expect(await saveSmtpSettings(shop, form)).toEqual({ ok: true });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    delete process.env.TANDEM_ALLOW_PRIVATE_URLS;
    delete process.env.TANDEM_EMAIL_INBOUND_DOMAIN;
    delete process.env.TANDEM_EMAIL_INBOUND_SECRET;
  });

  test("the requester's emailed answer reopens the ticket with only the new text, once", async () => {
    const conv = await db().conversation.create({
      data: { shop, visitorTokenHash: randomBytes(16).toString("hex"), locale: "en", offline: true },
    });
    const { ticket } = await db().$transaction((tx) =>
      createTicketFromConversation(
        shop,
        conv,
        { email: "Emma.Schmidt@example.com", name: "Emma", message: "Where is order #1003?", source: "offline_chat" },
        tx,
      ),
    );
    const [delivered] = await smtp.waitFor(1);
    const anna = await db().operator.findFirstOrThrow({ where: { shop } });
    await changeTicket(shop, ticket.id, { status: "resolved" }, { type: "operator", id: anna.id, name: anna.name });

    const raw = await replyTo(
      delivered!,
      "Emma Schmidt <emma.schmidt@example.com>",
      "It still has not arrived.",
      "<r1@example.com>",
    );
    const response = await post(raw, signed(raw));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, outcome: "appended" });

    const after = await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.status).toBe("open");
    expect(after.resolvedAt).toBeNull();
    const comments = await db().ticketComment.findMany({ where: { ticketId: ticket.id } });
    expect(comments).toEqual([
      expect.objectContaining({
        authorType: "requester",
        authorName: "Emma Schmidt",
        body: "It still has not arrived.",
      }),
    ]);
    const feed = await db().domainEvent.findMany({ where: { shop, ticketId: ticket.id }, orderBy: { seq: "asc" } });
    expect(feed.map((e) => e.type)).toEqual(["ticket.created", "ticket.updated", "ticket.updated", "ticket.replied"]);
    expect(JSON.parse(feed[3]!.data)).toMatchObject({ ticketId: ticket.id, from: "requester", status: "open" });
    expect(feed[3]!.data).not.toContain("arrived"); // no reply text on the feed
    const note = await db().notification.findFirst({ where: { shop, type: "shopper_replied" } });
    expect(note?.title).toBe(`T-${ticket.number}: the requester replied`);

    // the provider retries (another webhook-id, same message): nothing changes
    const again = await post(raw, signed(raw));
    expect(await again.json()).toEqual({ ok: true, outcome: "duplicate" });
    expect(await db().ticketComment.count({ where: { ticketId: ticket.id } })).toBe(1);

    // someone else answers from another address: an internal note, never a public reply
    const forward = await replyTo(delivered!, "boss@other.example", "Please refund her.", "<r2@other.example>");
    expect(await (await post(forward, signed(forward))).json()).toEqual({ ok: true, outcome: "internal_note" });
    expect(await db().ticketComment.count({ where: { ticketId: ticket.id } })).toBe(1);
    const notes = await db().internalNote.findMany({ where: { shop, ticketId: ticket.id } });
    expect(notes[0]!.text).toContain("boss@other.example");
    expect(notes[0]!.text).toContain("Please refund her.");
    expect(notes[0]!.text).not.toContain("wrote:");

    // an out-of-office answer is ignored
    const ooo = await compose({
      from: "emma.schmidt@example.com",
      to: delivered!.parsed.replyTo!.value[0]!.address!,
      subject: "Out of office",
      text: "I am away until Monday.",
      headers: { "Auto-Submitted": "auto-replied" },
    });
    expect(await (await post(ooo, signed(ooo))).json()).toMatchObject({ outcome: "ignored" });
  });

  test("unsigned, wrongly signed, oversized or unknown-address messages are refused and change nothing", async () => {
    const raw = await compose({
      from: "x@example.com",
      to: "reply+aaaaaaaaaaaaaaaaaaaaaaaaaa@reply.tandem.test",
      text: "hi",
    });
    expect((await post(raw, { "content-type": "message/rfc822" })).status).toBe(401);
    const wrong = `whsec_${Buffer.alloc(32, 1).toString("base64")}`;
    expect((await post(raw, signed(raw, "msg_x", wrong))).status).toBe(401);
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, 65);
    expect((await post(big, signed(big))).status).toBe(413);
    const unknown = await post(raw, signed(raw));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: "not_found", message: "No ticket has this reply address." },
    });
    expect(await db().inboundEmail.count({ where: { messageId: { contains: "example.com" }, shop: "nobody" } })).toBe(
      0,
    );
  });
});
