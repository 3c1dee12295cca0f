/**
 * Sends one message over the shop's SMTP server with nodemailer. The host is resolved here, every
 * address checked by the outbound rules (a name that resolves to a private address is refused
 * unless allow-listed: no DNS rebinding), and nodemailer connects to the checked address, with the
 * name kept for the TLS certificate check. Failures come back as a small union with a sentence a
 * merchant can act on (never the message text).
 */
import nodemailer from "nodemailer";
import type { LookupAddress } from "node:dns";
import { guardedLookup, OutboundUrlError } from "../../lib/outbound-url.server";
import type { SmtpSettings } from "./smtp-settings.server";
import { translator, type MessageKey } from "../../lib/i18n/catalog";
import type { Vars } from "../../lib/i18n/core";

type SendFailureKey = Extract<MessageKey, `formResults.smtp.${string}`>;

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
}

export type SendFailureKind = "refused" | "auth" | "connection" | "timeout" | "rejected" | "config";

/** Its message is English (kept on the delivery row); `messageKey` and `vars` give it in the reader's language. */
export class SendFailure extends Error {
  constructor(
    readonly kind: SendFailureKind,
    readonly messageKey: SendFailureKey,
    readonly vars: Vars,
    /** A retry cannot help (wrong password, refused host, recipient rejected). */
    readonly permanent: boolean,
  ) {
    super(translator("en")(messageKey, vars));
    this.name = "SendFailure";
  }
}

function resolve(host: string): Promise<string> {
  return new Promise((ok, fail) => {
    guardedLookup(host, { all: true }, (error, addresses) => {
      if (error) return fail(error);
      const first = (addresses as LookupAddress[])[0];
      return first ? ok(first.address) : fail(new Error("no address"));
    });
  });
}

function describe(error: unknown, settings: SmtpSettings): SendFailure {
  if (error instanceof SendFailure) return error;
  const host = { host: settings.host };
  if (error instanceof OutboundUrlError)
    return new SendFailure(
      "refused",
      error.reason === "private" ? "formResults.smtp.refused" : "formResults.smtp.noAddress",
      host,
      true,
    );
  const e = error as { code?: string; responseCode?: number; command?: string };
  const where = { where: `${settings.host}:${settings.port}` };
  if (e.code === "EAUTH") return new SendFailure("auth", "formResults.smtp.auth", where, true);
  if (e.code === "ENOTFOUND" || e.code === "EDNS")
    return new SendFailure("connection", "formResults.smtp.notFound", host, false);
  if (e.code === "ETIMEDOUT" || e.code === "ETIMEOUT")
    return new SendFailure("timeout", "formResults.smtp.timeout", where, false);
  if (e.code === "ECONNECTION" || e.code === "ESOCKET" || e.code === "ECONNREFUSED")
    return new SendFailure("connection", "formResults.smtp.connect", where, false);
  if (e.code === "ETLS") return new SendFailure("connection", "formResults.smtp.tls", where, true);
  if (e.code === "EENVELOPE" || (e.responseCode && e.responseCode >= 500))
    return new SendFailure(
      "rejected",
      "formResults.smtp.rejected",
      { code: String(e.responseCode ?? "unknown") },
      e.responseCode !== undefined && e.responseCode >= 500 && e.responseCode !== 552,
    );
  if (e.responseCode && e.responseCode >= 400)
    return new SendFailure("rejected", "formResults.smtp.deferred", { code: String(e.responseCode) }, false);
  return new SendFailure("connection", "formResults.smtp.failed", where, false);
}

/** Sends the message; throws SendFailure. Returns the server's answer line. */
export async function sendEmail(settings: SmtpSettings, email: OutgoingEmail): Promise<string> {
  try {
    if (settings.user && settings.password === null)
      throw new SendFailure("config", "formResults.smtp.passwordAgain", {}, true);
    const address = await resolve(settings.host);
    const transport = nodemailer.createTransport({
      host: address,
      port: settings.port,
      secure: settings.tls === "tls",
      requireTLS: settings.tls === "starttls",
      ignoreTLS: settings.tls === "none",
      tls: { servername: settings.host },
      ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? "" } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    const info = await transport.sendMail({
      from: settings.fromName ? { name: settings.fromName, address: settings.fromAddress } : settings.fromAddress,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      replyTo: email.replyTo ?? settings.replyTo ?? undefined,
      messageId: email.messageId,
      ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
      ...(email.references ? { references: email.references } : {}),
      ...(email.headers ? { headers: email.headers } : {}),
    });
    transport.close();
    return String(info.response ?? "");
  } catch (error) {
    throw describe(error, settings);
  }
}
