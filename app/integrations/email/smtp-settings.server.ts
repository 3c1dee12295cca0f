/**
 * A shop's SMTP settings (Shop.smtp*). The password is sealed together with the server it was
 * entered for (`smtp://host:port`, as the AI key is bound to its base URL, ADR 091): it opens only
 * for that server, so changing the host or port asks for the password again. The host is a
 * merchant-entered address: refused when private, loopback or link-local unless the environment's
 * allow-list (TANDEM_ALLOW_PRIVATE_URLS) names it; an unencrypted connection ("none") only to such
 * an allow-listed host.
 */
import { z } from "zod";
import { db, type Tx } from "../../db.server";
import { decryptSecret, encryptSecret } from "../../lib/crypto.server";
import { checkOutboundUrl } from "../../lib/outbound-url.server";
import type { MessageKey } from "../../lib/i18n/catalog";

export const SMTP_TLS_MODES = ["none", "starttls", "tls"] as const;
export type SmtpTlsMode = (typeof SMTP_TLS_MODES)[number];

export interface SmtpSettings {
  host: string;
  port: number;
  tls: SmtpTlsMode;
  user: string | null;
  /** Null when none is stored or it was entered for another server. */
  password: string | null;
  fromName: string | null;
  fromAddress: string;
  replyTo: string | null;
}

export const SMTP_SELECT = {
  smtpHost: true,
  smtpPort: true,
  smtpTls: true,
  smtpUser: true,
  smtpPasswordEnc: true,
  smtpFromName: true,
  smtpFromAddress: true,
  smtpReplyTo: true,
} as const;

function serverOf(host: string, port: number): string {
  return `smtp://${host.toLowerCase()}:${port}`;
}

const sealed = z.object({ password: z.string(), server: z.string() });

export function sealSmtpPassword(password: string, host: string, port: number): string {
  return encryptSecret(JSON.stringify({ password, server: serverOf(host, port) }));
}

/** The password, when it was sealed for this host and port; null otherwise. */
export function openSmtpPassword(enc: string | null, host: string, port: number): string | null {
  if (!enc) return null;
  try {
    const parsed = sealed.parse(JSON.parse(decryptSecret(enc)));
    return parsed.server === serverOf(host, port) ? parsed.password : null;
  } catch {
    return null;
  }
}

/** The host rules: a name or a public address; private ones only when allow-listed. Null when fine, else a message key. */
export function smtpHostProblem(host: string, tls: SmtpTlsMode): MessageKey | null {
  if (!/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$|^[0-9a-f:.]+$/i.test(host)) return "validation.smtp.hostName";
  const check = checkOutboundUrl(`https://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}`);
  if (!check.ok) {
    return check.reason === "private" ? "validation.smtp.hostPrivate" : "validation.smtp.hostName";
  }
  if (tls === "none" && checkOutboundUrl(`http://${host}`).ok === false) return "validation.smtp.unencrypted";
  return null;
}

interface SmtpRow {
  smtpHost: string | null;
  smtpPort: number | null;
  smtpTls: string;
  smtpUser: string | null;
  smtpPasswordEnc: string | null;
  smtpFromName: string | null;
  smtpFromAddress: string | null;
  smtpReplyTo: string | null;
}

function tlsMode(value: string): SmtpTlsMode {
  return (SMTP_TLS_MODES as readonly string[]).includes(value) ? (value as SmtpTlsMode) : "starttls";
}

function fromRow(row: SmtpRow): SmtpSettings | null {
  const host = row.smtpHost;
  const fromAddress = row.smtpFromAddress;
  if (!host || !fromAddress) return null;
  const port = row.smtpPort ?? 587;
  return {
    host,
    port,
    tls: tlsMode(row.smtpTls),
    user: row.smtpUser || null,
    password: openSmtpPassword(row.smtpPasswordEnc, host, port),
    fromName: row.smtpFromName || null,
    fromAddress,
    replyTo: row.smtpReplyTo || null,
  };
}

/** The shop's SMTP settings, or null when email is not set up (no host or no from address). */
export async function getSmtpSettings(shop: string, client: Tx = db()): Promise<SmtpSettings | null> {
  const row = await client.shop.findUnique({ where: { shop }, select: SMTP_SELECT });
  return row ? fromRow(row) : null;
}

/** What the settings page shows: everything but the password (only whether one is stored for this server). */
export async function smtpSettingsForm(shop: string, client: Tx = db()) {
  const row = await client.shop.findUnique({ where: { shop }, select: SMTP_SELECT });
  if (!row) return null;
  const port = row.smtpPort ?? 587;
  return {
    host: row.smtpHost ?? "",
    port: String(port),
    tls: tlsMode(row.smtpTls),
    user: row.smtpUser ?? "",
    hasPassword: row.smtpHost ? openSmtpPassword(row.smtpPasswordEnc, row.smtpHost, port) !== null : false,
    fromName: row.smtpFromName ?? "",
    fromAddress: row.smtpFromAddress ?? "",
    replyTo: row.smtpReplyTo ?? "",
  };
}

const email = z.string().trim().max(254).email();
const optional = (s: z.ZodString) =>
  z
    .string()
    .trim()
    .transform((v) => v || null)
    .pipe(s.nullable());

export const smtpFormSchema = z.object({
  host: z.string().trim().toLowerCase().min(1, "validation.smtp.host").max(253),
  port: z.coerce
    .number({ invalid_type_error: "validation.smtp.port" })
    .int("validation.smtp.port")
    .min(1, "validation.smtp.portRange")
    .max(65535, "validation.smtp.portRange"),
  tls: z.enum(SMTP_TLS_MODES, { errorMap: () => ({ message: "validation.smtp.tls" }) }),
  user: z.string().trim().max(254),
  password: z.string().max(1024),
  fromName: z.string().trim().max(120),
  fromAddress: email,
  replyTo: optional(z.string().max(254).email("validation.smtp.replyTo")),
});
export type SmtpForm = z.infer<typeof smtpFormSchema>;

/** Field errors are message keys (the settings page shows them in the reader's language). */
export type SaveSmtpResult = { ok: true } | { ok: false; fieldErrors: Record<string, MessageKey> };

/**
 * Saves the settings. An empty password keeps the stored one, unless the server changed: then the
 * password must be entered again (422: a password never travels to a server it was not entered for).
 */
export async function saveSmtpSettings(shop: string, input: SmtpForm, client: Tx = db()): Promise<SaveSmtpResult> {
  const hostProblem = smtpHostProblem(input.host, input.tls);
  if (hostProblem) return { ok: false, fieldErrors: { host: hostProblem } };
  const row = await client.shop.findUnique({ where: { shop }, select: SMTP_SELECT });
  if (!row) return { ok: false, fieldErrors: { host: "validation.notInstalled" } };
  let passwordEnc: string | null;
  if (input.password) passwordEnc = sealSmtpPassword(input.password, input.host, input.port);
  else if (!input.user) passwordEnc = null;
  else {
    const kept = openSmtpPassword(row.smtpPasswordEnc, input.host, input.port);
    if (kept === null && row.smtpPasswordEnc)
      return { ok: false, fieldErrors: { password: "validation.smtp.passwordAgain" } };
    passwordEnc = row.smtpPasswordEnc;
  }
  await client.shop.update({
    where: { shop },
    data: {
      smtpHost: input.host,
      smtpPort: input.port,
      smtpTls: input.tls,
      smtpUser: input.user || null,
      smtpPasswordEnc: passwordEnc,
      smtpFromName: input.fromName || null,
      smtpFromAddress: input.fromAddress,
      smtpReplyTo: input.replyTo,
    },
  });
  return { ok: true };
}
