/**
 * The whole helpdesk loop in Debian's Chromium against the real server, a real SMTP server (the
 * `smtp-server` package) and a raw MIME reply posted signed to POST /hooks/email as an email
 * provider's inbound webhook would:
 *
 * an Italian shopper finds nobody online → the contact form → a ticket number → the staff member who
 * opted in gets an email (Luca, who did not, gets none) and the shopper a confirmation in Italian
 * with a reply address → Anna answers on the ticket page and sets it to Pending → the shopper gets
 * the reply by email and sees it in the widget's ticket lookup → the shopper answers by email → the
 * ticket reopens with the answer on the ticket page → Anna resolves it. Screenshots (1440×900) of
 * the ticket list and the ticket page go to tmp/e2e/.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import MailComposer from "nodemailer/lib/mail-composer";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { startSmtpServer, type DeliveredMail, type TestSmtpServer } from "../helpers/smtp-server";
import { captureServerErrors, demoAdminUrl, openDemoAdmin, type AdminTab } from "./support/admin";
import { widgetServerPerFile } from "./support/widget-suite";
import { SHOP, W, openPanel } from "./widget-harness";

const SHOTS = path.resolve("tmp/e2e");
const SECRET = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
const INBOUND_DOMAIN = "reply.tandem-demo.test";
const SHOPPER = "giulia.rossi@example.com";
const ANNA = "anna.ferri@tandem-demo.test";
const LUCA = "luca.moretti@tandem-demo.test";

// read by the server when it starts (the widget server below is started in this file's beforeAll)
process.env.TANDEM_ALLOW_PRIVATE_URLS = "127.0.0.1";
process.env.TANDEM_EMAIL_INBOUND_DOMAIN = INBOUND_DOMAIN;
process.env.TANDEM_EMAIL_INBOUND_SECRET = SECRET;

const s = widgetServerPerFile();
let smtp: TestSmtpServer;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  smtp = await startSmtpServer();
  const { saveSmtpSettings, smtpFormSchema } = await import("../../app/integrations/email/smtp-settings.server");
  const form = smtpFormSchema.parse({
    host: "127.0.0.1",
    port: String(smtp.port),
    tls: "none",
    user: "",
    password: "",
    fromName: "Alpine Peak Supply",
    fromAddress: "help@tandem-demo.test",
    replyTo: "",
  });
  expect(await saveSmtpSettings(SHOP, form)).toEqual({ ok: true });
  // Anna opted in to staff emails; Luca has an address but did not
  await s.db.operator.update({
    where: { shop_staffUserId: { shop: SHOP, staffUserId: "90001" } },
    data: { email: ANNA, emailNotifications: true },
  });
  await s.db.operator.update({
    where: { shop_staffUserId: { shop: SHOP, staffUserId: "90002" } },
    data: { email: LUCA, emailNotifications: false },
  });
});

afterAll(async () => {
  await smtp?.close();
  delete process.env.TANDEM_ALLOW_PRIVATE_URLS;
  delete process.env.TANDEM_EMAIL_INBOUND_DOMAIN;
  delete process.env.TANDEM_EMAIL_INBOUND_SECRET;
});

/** The delivered emails to `to`, in order of arrival. */
const mailTo = (to: string) => smtp.messages.filter((m) => m.envelopeTo.includes(to));

async function waitForMail(to: string, count: number): Promise<DeliveredMail[]> {
  await expect.poll(() => mailTo(to).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
  return mailTo(to);
}

/** The email to `to` with this subject, once it has arrived. */
async function waitForSubject(to: string, subject: string): Promise<DeliveredMail> {
  const find = () => mailTo(to).find((m) => m.parsed.subject === subject);
  await expect.poll(() => find()?.parsed.subject, { timeout: 20_000 }).toBe(subject);
  return find()!;
}

function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    new MailComposer(options).compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );
}

/** The signed POST an email provider makes with a received message (Standard Webhooks). */
function postInbound(base: string, raw: Buffer): Promise<Response> {
  const id = `msg_${randomBytes(6).toString("hex")}`;
  const now = new Date();
  return fetch(`${base}/hooks/email`, {
    method: "POST",
    body: new Uint8Array(raw),
    headers: {
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": new Webhook(SECRET).sign(id, now, raw),
      "content-type": "message/rfc822",
    },
  });
}

const lookup = "#tandem-chat .panel > .f";

async function lookUpTicket(page: Page, number: string) {
  await page.fill("#tandem-chat #tc-lk-number", number);
  await page.fill("#tandem-chat #tc-lk-email", SHOPPER);
  await page.click(`${lookup} button[type="submit"]`);
  const result = page.locator("#tandem-chat .tk");
  await result.waitFor({ timeout: 10_000 });
  return result;
}

describe("the helpdesk loop", () => {
  test("offline shopper → ticket → staff emailed → reply on the ticket page → emailed and shown in the widget → answer by email reopens → resolved", async () => {
    const serverErrors = captureServerErrors();

    // 1. the shopper (Italian) asks for a person while nobody is online
    await s.setStaffing(false);
    const { page } = await s.open("/demo?locale=it");
    await openPanel(page);
    await page.click(W.human);
    await page
      .locator(W.inlineForm, { hasText: "Al momento non c'è nessuno disponibile" })
      .waitFor({ timeout: 10_000 });
    await page.fill("#tandem-chat #tc-name", "Giulia Rossi");
    await page.fill("#tandem-chat #tc-email", SHOPPER);
    await page.fill("#tandem-chat #tc-message", "Gli scarponi taglia 38 sono arrivati nella taglia 40.");
    await page.click(`${W.inlineForm} button[type="submit"]`);
    const confirmation = page.locator(W.inlineForm, { hasText: /Il numero del tuo ticket è/ });
    await confirmation.waitFor({ timeout: 10_000 });
    const number = (await confirmation.locator(".nw").textContent())!.trim();
    expect(number).toMatch(/^T-\d+$/);
    const ticket = await s.db.ticket.findFirstOrThrow({ where: { shop: SHOP, number: Number(number.slice(2)) } });
    expect(ticket).toMatchObject({ requesterEmail: SHOPPER, requesterLocale: "it", status: "open" });

    // 2. the opted-in staff member is emailed (in the admin's language, a link to the ticket, no
    // reply address); the shopper gets the confirmation in Italian with the ticket's reply address
    // (the demo's own queued chats also wait with nobody online: Anna is told about those too)
    const staffMail = await waitForSubject(
      ANNA,
      `[Alpine Peak Supply] New ticket ${number}: Gli scarponi taglia 38 sono arrivati nella taglia 40.`,
    );
    expect(staffMail.parsed.to).toMatchObject({ value: [{ address: ANNA }] });
    expect(staffMail.parsed.html).toContain('<html lang="en">');
    expect(staffMail.parsed.text).toContain(`/app/tickets/${number}`);
    expect(staffMail.parsed.replyTo).toBeUndefined();
    expect(staffMail.raw).not.toContain(`@${INBOUND_DOMAIN}`);
    const [created] = await waitForMail(SHOPPER, 1);
    expect(created!.parsed.subject).toBe(
      `[${number}] Abbiamo ricevuto la tua richiesta: Gli scarponi taglia 38 sono arrivati nella taglia 40.`,
    );
    expect(created!.parsed.html).toContain('<html lang="it">');
    expect(created!.parsed.from).toMatchObject({ value: [{ address: "help@tandem-demo.test" }] });
    const createdReplyTo = created!.parsed.replyTo!.value[0]!.address!;
    expect(createdReplyTo).toMatch(new RegExp(`^reply\\+[a-z2-7]{26}@${INBOUND_DOMAIN.replace(/\./g, "\\.")}$`));

    // 3. Anna finds it in the ticket list and opens it
    const admin: AdminTab = await openDemoAdmin(s.browser, s.base, "90001", "/app/tickets");
    const app = admin.app;
    const row = app.locator("tr", { has: app.getByRole("link", { name: number, exact: true }) });
    await row.waitFor({ timeout: 30_000 });
    await expect.poll(() => row.innerText()).toContain("Giulia Rossi");
    await admin.page.waitForTimeout(300);
    await admin.page.screenshot({ path: path.join(SHOTS, "loop-ticket-list-1440x900.png") });
    await row.getByRole("link", { name: number, exact: true }).click();
    await app.getByRole("heading", { name: "Requester" }).waitFor({ timeout: 30_000 });
    await app.getByText(SHOPPER).first().waitFor();

    // 4. a public reply, then Pending while waiting for the shopper
    const reply = "Ciao Giulia, ti spediamo oggi la taglia 38 con un reso prepagato per la 40.";
    await app.getByLabel("Reply to the requester").fill(reply);
    await app.getByRole("button", { name: "Send reply" }).click();
    await app.getByText("Reply sent").waitFor({ timeout: 10_000 });
    await app.getByLabel("Status").selectOption("pending");
    await app.getByText("Status set to Pending.").waitFor({ timeout: 10_000 });

    // 5. the shopper receives it by email (Italian, a fresh reply address for the same ticket) …
    const shopperMail = await waitForMail(SHOPPER, 2);
    const replyMail = shopperMail[1]!;
    expect(replyMail.parsed.to).toMatchObject({ value: [{ address: SHOPPER }] });
    expect(replyMail.parsed.subject).toBe(`Re: [${number}] Gli scarponi taglia 38 sono arrivati nella taglia 40.`);
    expect(replyMail.parsed.html).toContain('<html lang="it">');
    expect(replyMail.parsed.text).toContain("Anna Ferri ha risposto alla tua richiesta");
    expect(replyMail.parsed.text).toContain(reply);
    const replyAddress = replyMail.parsed.replyTo!.value[0]!.address!;
    expect(replyAddress).toMatch(/^reply\+[a-z2-7]{26}@/);
    expect(replyAddress).not.toBe(createdReplyTo);
    await expect
      .poll(async () => (await s.db.ticketComment.findFirst({ where: { ticketId: ticket.id } }))?.emailedAt ?? null)
      .not.toBeNull();

    // … and sees it in the widget's ticket lookup
    await confirmation.locator("button", { hasText: "Controlla lo stato" }).click();
    const result = await lookUpTicket(page, number);
    await expect(result.locator("h4").textContent()).resolves.toBe(`Ticket ${number}`);
    await expect(result.innerText()).resolves.toMatch(/Stato: In lavorazione/);
    await expect(result.locator('[role="listitem"]').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(new RegExp(`^Anna Ferri · [\\s\\S]*${reply}$`)),
    ]);

    // 6. the shopper answers the email: the provider posts the raw MIME, signed, to the inbound hook
    const quoted = (replyMail.parsed.text ?? "")
      .split("\n")
      .map((l) => `> ${l}`)
      .join("\n");
    const answer = "Perfetto, grazie! Rispedisco la 40 domani.";
    const raw = await compose({
      from: `Giulia Rossi <${SHOPPER}>`,
      to: replyAddress,
      subject: `Re: ${replyMail.parsed.subject}`,
      messageId: `<${randomBytes(8).toString("hex")}@example.com>`,
      inReplyTo: replyMail.parsed.messageId,
      references: [replyMail.parsed.messageId!],
      text: `${answer}\n\nIl giorno mar 1 dic 2026 alle ore 10:02 Alpine Peak Supply <help@tandem-demo.test> ha scritto:\n${quoted}\n`,
    });
    const response = await postInbound(s.base, raw);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, outcome: "appended" });
    const reopened = await s.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(reopened.status).toBe("open");
    const answerComment = await s.db.ticketComment.findFirstOrThrow({
      where: { ticketId: ticket.id, authorType: "requester" },
    });
    expect(answerComment.body).toBe(answer);
    // Anna is told by email that the requester replied
    const told = await waitForSubject(ANNA, `[Alpine Peak Supply] ${number} has a reply from the requester`);
    expect(told.parsed.text).toContain(answer);
    expect(mailTo(LUCA)).toEqual([]);
    // and in the admin's notifications
    expect(
      await s.db.notification.count({ where: { shop: SHOP, type: "shopper_replied", link: `/app/tickets/${number}` } }),
    ).toBe(1);

    // 7. the ticket page shows the answer and the reopened status; Anna resolves it
    await admin.page.goto(demoAdminUrl(s.base, "90001", `/app/tickets/${number}`));
    await app.getByRole("heading", { name: "Requester" }).waitFor({ timeout: 30_000 });
    await app.getByText(answer).waitFor({ timeout: 10_000 });
    await expect(app.getByLabel("Status").inputValue()).resolves.toBe("open");
    await admin.page.waitForTimeout(300);
    await admin.page.screenshot({ path: path.join(SHOTS, "loop-ticket-detail-1440x900.png") });
    await app.getByLabel("Status").selectOption("resolved");
    await app.getByText("Status set to Resolved.").waitFor({ timeout: 10_000 });
    const resolved = await s.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(resolved.status).toBe("resolved");
    expect(resolved.resolvedAt).not.toBeNull();
    const log = app.getByRole("list", { name: "Activity log" });
    await log.getByText("Anna Ferri changed the status from Open to Resolved").waitFor();

    // 8. the shopper's lookup now says resolved, with both public replies in order
    await page.click(`${lookup} button[type="submit"]`);
    await expect.poll(() => result.innerText()).toMatch(/Stato: Risolto/);
    await expect(result.locator('[role="listitem"]').count()).resolves.toBe(2);

    expect(admin.errors).toEqual([]);
    expect(serverErrors).toEqual([]);
  });

  test("the queue shows each waiting chat's first-response countdown in business time, and a breach once it is overdue", async () => {
    await s.setStaffing(false); // open around the clock, nobody online
    const chats = await s.db.conversation.findMany({
      where: { shop: SHOP, state: { in: ["queued", "ai"] } },
      orderBy: { createdAt: "asc" },
      take: 2,
    });
    expect(chats).toHaveLength(2);
    const [late, fresh] = chats as [(typeof chats)[0], (typeof chats)[0]];
    const now = Date.now();
    // the demo's chat target is 5 business minutes
    await s.db.conversation.update({
      where: { id: late.id },
      data: { state: "queued", queuedAt: new Date(now - 20 * 60_000), firstHumanReplyAt: null, assigneeId: null },
    });
    await s.db.conversation.update({
      where: { id: fresh.id },
      data: { state: "queued", queuedAt: new Date(now - 30_000), firstHumanReplyAt: null, assigneeId: null },
    });
    // the SLA sweep records the late chat's breach within its 30 s period
    await expect
      .poll(
        () =>
          s.db.slaAlert.count({
            where: { shop: SHOP, subjectId: late.id, level: "breached", subjectType: "conversation" },
          }),
        { timeout: 40_000, interval: 500 },
      )
      .toBe(1);

    const admin = await openDemoAdmin(s.browser, s.base, "90001", "/app/inbox?view=queue");
    const app = admin.app;
    const rowOf = (id: string) => app.locator("tr", { has: app.locator(`a[href$="/app/conversations/${id}"]`) });
    await rowOf(late.id).waitFor({ timeout: 30_000 });
    await expect.poll(() => rowOf(late.id).innerText()).toMatch(/SLA breached[\s\S]*Overdue by (14|15|16) min/);
    await expect.poll(() => rowOf(fresh.id).innerText()).toMatch(/On time[\s\S]*Due in (3|4) min/);
    await admin.page.waitForTimeout(300);
    await admin.page.screenshot({ path: path.join(SHOTS, "loop-inbox-queue-sla-1440x900.png") });
    expect(admin.errors).toEqual([]);
  });
});
