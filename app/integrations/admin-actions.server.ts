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

export async function runIntegrationAction(shop: string, form: FormData): Promise<Response> {
  const raw = { ...Object.fromEntries(form), events: form.getAll("events").map(String) };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return invalid("The form is incomplete");
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "create": {
        const { endpoint, secret } = await createEndpoint(shop, { url: input.url, events: input.events });
        return ok({
          message: "Endpoint added. Copy its secret now: it is shown only once.",
          secret,
          endpointId: endpoint.id,
        });
      }
      case "update": {
        const { secret } = await updateEndpoint(shop, input.id, { url: input.url, events: input.events });
        return ok({
          message: secret ? "Saved. The URL changed, so the endpoint has a new secret." : "Saved",
          ...(secret ? { secret } : {}),
          endpointId: input.id,
        });
      }
      case "rotate": {
        const { secret } = await rotateEndpointSecret(shop, input.id);
        return ok({ message: "New secret made; the old one no longer signs.", secret, endpointId: input.id });
      }
      case "enable":
        await setEndpointEnabled(shop, input.id, input.enabled === "true");
        return ok({ message: input.enabled === "true" ? "Endpoint turned on" : "Endpoint turned off" });
      case "delete":
        await deleteEndpoint(shop, input.id);
        return ok({ message: "Endpoint deleted" });
      case "test": {
        const result = await sendTest(shop, input.id);
        if (!result) return invalid("No such endpoint");
        return ok({
          message: result.ok
            ? `Test delivered (HTTP ${result.status}, ${result.durationMs} ms)`
            : `Test failed: ${result.error}`,
        });
      }
      case "replay":
        return (await replayDelivery(shop, input.deliveryId))
          ? ok({ message: "Delivery queued again" })
          : invalid("That delivery cannot be replayed now");
      case "replay-dead": {
        const n = await replayDeadLetters(shop, input.id);
        return ok({ message: `${n} dead ${n === 1 ? "letter" : "letters"} queued again` });
      }
      case "workflow": {
        const { secret } = await saveWorkflowSettings(
          shop,
          { enabled: input.enabled === "true", url: input.url, timeoutSeconds: input.timeoutSeconds },
          { rotate: input.rotate === "true" },
        );
        return ok({
          message: secret ? "Saved. Copy the workflow secret now: it is shown only once." : "Saved",
          ...(secret ? { secret } : {}),
        });
      }
    }
  } catch (error) {
    if (error instanceof EndpointInputError || error instanceof WorkflowSettingsError)
      return invalid("Check the highlighted fields", error.fieldErrors);
    throw error;
  }
}
