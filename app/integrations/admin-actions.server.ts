/**
 * The Integrations page's actions (admins only; the route checks the permission): one intent per
 * form, validated here; bad input is a 422 with field errors, a new or rotated secret is returned
 * once in the response and never stored in plain text.
 */
import { z } from "zod";
import {
  createEndpoint,
  deleteEndpoint,
  EndpointInputError,
  rotateEndpointSecret,
  setEndpointEnabled,
  updateEndpoint,
} from "./webhooks/endpoints.server";
import { replayDeadLetters, replayDelivery, sendTest } from "./webhooks/log.server";
import { saveWorkflowSettings, WorkflowSettingsError } from "./workflow/settings.server";
import { translator, type Translate } from "../lib/i18n/catalog";

export type IntegrationResult =
  | { ok: true; message: string; secret?: string; endpointId?: string }
  | { ok: false; error: { code: string; message: string; fieldErrors?: Record<string, string> } };

const id = z.string().min(1).max(64);
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), url: z.string(), events: z.array(z.string()) }),
  z.object({ intent: z.literal("update"), id, url: z.string(), events: z.array(z.string()) }),
  z.object({ intent: z.literal("rotate"), id }),
  z.object({ intent: z.literal("enable"), id, enabled: z.enum(["true", "false"]) }),
  z.object({ intent: z.literal("delete"), id }),
  z.object({ intent: z.literal("test"), id }),
  z.object({ intent: z.literal("replay"), id, deliveryId: id }),
  z.object({ intent: z.literal("replay-dead"), id }),
  z.object({
    intent: z.literal("workflow"),
    enabled: z.enum(["true", "false"]),
    url: z.string(),
    timeoutSeconds: z.string(),
    rotate: z.enum(["true", "false"]).optional(),
  }),
]);

const invalid = (message: string, fieldErrors?: Record<string, string>) =>
  Response.json({ ok: false, error: { code: "invalid_request", message, fieldErrors } } satisfies IntegrationResult, {
    status: 422,
  });
const ok = (r: Omit<Extract<IntegrationResult, { ok: true }>, "ok">) =>
  Response.json({ ok: true, ...r } satisfies IntegrationResult);

export async function runIntegrationAction(
  shop: string,
  form: FormData,
  t: Translate = translator("en"),
): Promise<Response> {
  const raw = { ...Object.fromEntries(form), events: form.getAll("events").map(String) };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return invalid(t("validation.formIncomplete"));
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "create": {
        const { endpoint, secret } = await createEndpoint(shop, { url: input.url, events: input.events }, t);
        return ok({
          message: t("formResults.integrations.added"),
          secret,
          endpointId: endpoint.id,
        });
      }
      case "update": {
        const { secret } = await updateEndpoint(shop, input.id, { url: input.url, events: input.events }, t);
        return ok({
          message: secret ? t("formResults.integrations.savedNewSecret") : t("formResults.integrations.saved"),
          ...(secret ? { secret } : {}),
          endpointId: input.id,
        });
      }
      case "rotate": {
        const { secret } = await rotateEndpointSecret(shop, input.id, t);
        return ok({ message: t("formResults.integrations.rotated"), secret, endpointId: input.id });
      }
      case "enable":
        await setEndpointEnabled(shop, input.id, input.enabled === "true", t);
        return ok({
          message:
            input.enabled === "true" ? t("formResults.integrations.turnedOn") : t("formResults.integrations.turnedOff"),
        });
      case "delete":
        await deleteEndpoint(shop, input.id);
        return ok({ message: t("formResults.integrations.deleted") });
      case "test": {
        const result = await sendTest(shop, input.id);
        if (!result) return invalid(t("validation.webhooks.noSuchEndpoint"));
        return ok({
          message: result.ok
            ? t("formResults.integrations.testDelivered", { status: result.status ?? "", ms: result.durationMs })
            : t("formResults.integrations.testFailed", { error: result.error ?? "" }),
        });
      }
      case "replay":
        return (await replayDelivery(shop, input.deliveryId))
          ? ok({ message: t("formResults.integrations.replayed") })
          : invalid(t("formResults.integrations.notReplayable"));
      case "replay-dead": {
        const n = await replayDeadLetters(shop, input.id);
        return ok({ message: t("formResults.integrations.deadReplayed", { count: n }) });
      }
      case "workflow": {
        const { secret } = await saveWorkflowSettings(
          shop,
          { enabled: input.enabled === "true", url: input.url, timeoutSeconds: input.timeoutSeconds },
          { rotate: input.rotate === "true", t },
        );
        return ok({
          message: secret ? t("formResults.integrations.workflowSecret") : t("formResults.integrations.saved"),
          ...(secret ? { secret } : {}),
        });
      }
    }
  } catch (error) {
    if (error instanceof EndpointInputError || error instanceof WorkflowSettingsError)
      return invalid(t("validation.checkFields"), error.fieldErrors);
    throw error;
  }
}
