import { describe, expect, test } from "vitest";
import { z } from "zod";
import { translator } from "~/lib/i18n/catalog";
import { formErrors, isMessageKey, issueText, textOf } from "~/lib/i18n/form-errors";
import { smtpFormSchema } from "~/integrations/email/smtp-settings.server";
import { settingsFormSchema } from "~/domain/settings";
import { assistantSettingsSchema } from "~/ai/settings.server";

const en = translator("en");
const it = translator("it");

function errorsOf(schema: z.ZodTypeAny, value: unknown, t = en, field?: "first") {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("expected the value to be refused");
  return formErrors(parsed.error, t, field ? { field } : {});
}

describe("form validation messages", () => {
  const schema = z.object({
    name: z.string().trim().min(1).max(5),
    code: z.string().min(3),
    age: z.coerce.number().int().min(18).max(120),
    mail: z.string().email(),
    site: z.string().url(),
    kind: z.enum(["a", "b"]),
    tags: z.array(z.string()).min(1).max(2),
    hours: z.object({ mon: z.object({ from: z.string().regex(/^\d\d:\d\d$/, "validation.settings.time") }) }),
  });
  const bad = {
    name: "",
    code: "x",
    age: "12.5",
    mail: "nope",
    site: "nope",
    kind: "c",
    tags: [],
    hours: { mon: { from: "9" } },
  };

  test("zod's built-in messages are written in the reader's language, with their limits", () => {
    expect(errorsOf(schema, bad, en)).toEqual({
      name: "Fill in this field",
      code: "Use at least 3 characters",
      age: "Enter a whole number",
      mail: "Enter an email address, e.g. support@example.com",
      site: "Enter a full URL, e.g. https://example.com",
      kind: "Choose one of the options",
      tags: "Choose at least one",
      "hours.mon.from": "Use HH:MM",
    });
    const italian = errorsOf(schema, bad, it);
    expect(italian.name).toBe("Compila questo campo");
    expect(italian.code).toBe("Usa almeno 3 caratteri");
    expect(italian["hours.mon.from"]).toBe("Usa il formato HH:MM");
    expect(errorsOf(schema, { ...bad, name: "toolong", age: "7", tags: ["a", "b", "c"] }, it)).toMatchObject({
      name: "Usa al massimo 5 caratteri",
      age: "Inserisci almeno 18",
      tags: "Scegline al massimo 2",
    });
    expect(errorsOf(schema, { ...bad, age: "12000" }, it).age).toBe("Inserisci al massimo 120");
    expect(errorsOf(z.number().max(12_000), 20_000, it).form).toBe("Inserisci al massimo 12.000");
  });

  test("a missing field is 'required'; a list's items are one field with { field: 'first' }", () => {
    expect(errorsOf(z.object({ a: z.string() }), {}, it)).toEqual({ a: "Compila questo campo" });
    const list = z.object({ items: z.array(z.string().min(2)) });
    expect(errorsOf(list, { items: ["ok", "x"] })).toEqual({ "items.1": "Use at least 2 characters" });
    expect(errorsOf(list, { items: ["ok", "x"] }, en, "first")).toEqual({ items: "Use at least 2 characters" });
    expect(errorsOf(z.string().min(2), "x")).toEqual({ form: "Use at least 2 characters" });
  });

  test("a message a schema writes itself is kept; a key is translated with the issue's limits", () => {
    const own = z.object({
      a: z.string().min(2, "Two at least, please"),
      b: z.number().min(15, "validation.secondsAtLeast"),
    });
    expect(errorsOf(own, { a: "x", b: 3 }, it)).toEqual({ a: "Two at least, please", b: "Almeno 15 secondi" });
  });

  test("keys are told from text", () => {
    expect(isMessageKey("validation.required")).toBe(true);
    expect(isMessageKey("validation.nope")).toBe(false);
    expect(isMessageKey("Enter a value.")).toBe(false);
    expect(textOf("validation.smtp.port", it)).toBe("Inserisci un numero di porta, ad es. 587");
    expect(textOf("Keep me", it)).toBe("Keep me");
    const issue = z.string().email().safeParse("x").error!.issues[0]!;
    expect(issueText(issue, it)).toBe("Inserisci un indirizzo email, ad es. assistenza@example.com");
  });
});

describe("the settings forms in Italian", () => {
  test("SMTP: port, encryption, addresses", () => {
    const errors = errorsOf(
      smtpFormSchema,
      { host: "", port: "99999", tls: "ssl", user: "", password: "", fromName: "", fromAddress: "x", replyTo: "y" },
      it,
    );
    expect(errors).toEqual({
      host: "Inserisci il nome host del server SMTP",
      port: "Inserisci una porta tra 1 e 65535",
      tls: "Scegli nessuna, STARTTLS o TLS",
      fromAddress: "Inserisci un indirizzo email, ad es. assistenza@example.com",
      replyTo: "Inserisci un indirizzo email per le risposte, oppure lascia vuoto",
    });
  });

  test("general settings: time zone, opening hours, transfer timeout, retention", () => {
    const errors = errorsOf(
      settingsFormSchema,
      {
        timezone: "Mars/Olympus",
        greeting: "",
        routingMode: "auto",
        inactivityAwayMinutes: "5",
        inactivityCloseMinutes: "60",
        transferTimeoutSeconds: "5",
        retentionDays: "1",
        notifyEmail: "x",
        holidays: "tomorrow",
        hours: { mon: { open: "on", from: "10:00", to: "09:00" } },
      },
      it,
    );
    expect(errors).toEqual({
      timezone: "Fuso orario sconosciuto",
      transferTimeoutSeconds: "Almeno 15 secondi",
      retentionDays: "Inserisci almeno 7",
      notifyEmail: expect.any(String),
      holidays: "Date nel formato AAAA-MM-GG, separate da virgole",
      "hours.mon.to": "L'orario di chiusura deve essere successivo a quello di apertura",
    });
    expect(errors.notifyEmail).not.toMatch(/invalid|Invalid/);
  });

  test("assistant: a private base URL is refused in the reader's language", () => {
    const errors = errorsOf(
      assistantSettingsSchema,
      {
        aiBaseUrl: "https://127.0.0.1/v1",
        aiModel: "",
        aiPersona: "",
        aiRules: "",
        aiTemperature: "3",
        aiMaxTokens: "10",
        aiDailyTokenCap: "0",
      },
      it,
    );
    expect(errors).toEqual({
      aiBaseUrl: "L'URL punta a un indirizzo privato, di loopback o link-local",
      aiTemperature: "Inserisci al massimo 2",
      aiMaxTokens: "Inserisci almeno 50",
    });
  });
});
