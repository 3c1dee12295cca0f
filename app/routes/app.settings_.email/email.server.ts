/** Data and actions of Settings → Email (thin: the rules are in app/integrations/email). */
import { z } from "zod";
import { resolveLocale, type Locale } from "../../lib/i18n/core";
import { translator } from "../../lib/i18n/catalog";
import { formErrors, translateFields } from "../../lib/i18n/form-errors";
import { can, refusal } from "../../domain/permissions";
import { setEmailNotifications, type Operator } from "../../repositories/operators.server";
import { sendTestEmail } from "../../integrations/email/outbox.server";
import { saveSmtpSettings, smtpFormSchema, smtpSettingsForm } from "../../integrations/email/smtp-settings.server";
import { env } from "../../env.server";

export async function loadEmailSettings(shop: string, me: Operator) {
  const form = await smtpSettingsForm(shop);
  if (!form) throw new Response("Shop not installed", { status: 404 });
  return {
    form,
    canEdit: can(me.role, "settings.change"),
    me: { email: me.email ?? "", emailNotifications: me.emailNotifications },
    inbound: Boolean(env().TANDEM_EMAIL_INBOUND_DOMAIN && env().TANDEM_EMAIL_INBOUND_SECRET),
  };
}

type Result = { intent: string; ok: boolean; message?: string; errors: Record<string, string> };

const reply = (status: number, body: Result) => Response.json(body, { status });

export async function runEmailAction(
  shop: string,
  me: Operator,
  form: FormData,
  locale: Locale = resolveLocale(me.locale),
): Promise<Response> {
  const t = translator(locale);
  const intent = String(form.get("intent") ?? "");
  const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >;
  if (intent === "me") {
    const parsed = z
      .object({
        email: z.union([z.literal(""), z.string().trim().email("validation.smtp.myEmail")]),
        emailNotifications: z.enum(["on", "off"]),
      })
      .safeParse(fields);
    if (!parsed.success) return reply(422, { intent, ok: false, errors: formErrors(parsed.error, t) });
    const on = parsed.data.emailNotifications === "on";
    if (on && !parsed.data.email)
      return reply(422, { intent, ok: false, errors: { email: t("validation.smtp.notifyAddress") } });
    await setEmailNotifications(shop, me.id, { email: parsed.data.email || null, emailNotifications: on });
    return reply(200, { intent, ok: true, message: t("formResults.email.mineSaved"), errors: {} });
  }
  if (!can(me.role, "settings.change"))
    return reply(403, { intent, ok: false, errors: { form: refusal("settings.change", locale) } });
  if (intent === "test") {
    const to = z
      .string()
      .trim()
      .email()
      .safeParse(fields.testTo ?? "");
    if (!to.success) return reply(422, { intent, ok: false, errors: { testTo: t("validation.smtp.testTo") } });
    const result = await sendTestEmail(shop, to.data, t);
    return reply(200, { intent, ok: result.ok, message: result.message, errors: {} });
  }
  const parsed = smtpFormSchema.safeParse(fields);
  if (!parsed.success) return reply(422, { intent: "save", ok: false, errors: formErrors(parsed.error, t) });
  const saved = await saveSmtpSettings(shop, parsed.data);
  if (!saved.ok) return reply(422, { intent: "save", ok: false, errors: translateFields(saved.fieldErrors, t) });
  return reply(200, { intent: "save", ok: true, message: t("formResults.email.saved"), errors: {} });
}
