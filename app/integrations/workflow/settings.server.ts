/**
 * The shop's workflow mode settings (ADR 163): `Shop.aiMode = "workflow"`, the workflow URL (a
 * merchant URL: https and public unless allow-listed), the signing secret (sealed with the URL:
 * it opens only for that URL; shown once) and how long to wait for the callback.
 */
import { z } from "zod";
import { db } from "../../db.server";
import { getAiSettings } from "../../repositories/ai.server";
import { checkOutboundUrl } from "../../lib/outbound-url.server";
import { translator, type Translate } from "../../lib/i18n/catalog";
import { formErrors } from "../../lib/i18n/form-errors";
import { newSigningSecret, normalizeTargetUrl, openBoundSecret, sealBoundSecret } from "../signing.server";

export const TIMEOUT_MIN_MS = 2_000;
export const TIMEOUT_MAX_MS = 60_000;

export interface WorkflowConfig {
  enabled: boolean;
  url: string | null;
  secret: string | null;
  timeoutMs: number;
  handoffEnabled: boolean;
}

export async function workflowConfig(shop: string): Promise<WorkflowConfig> {
  const row = await db().shop.findUnique({
    where: { shop },
    select: { aiMode: true, workflowUrl: true, workflowSecretEnc: true, workflowTimeoutMs: true, handoffEnabled: true },
  });
  const url = row?.workflowUrl ?? null;
  return {
    enabled: row?.aiMode === "workflow",
    url,
    secret: url && row?.workflowSecretEnc ? openBoundSecret(row.workflowSecretEnc, url) : null,
    timeoutMs: row?.workflowTimeoutMs ?? 10_000,
    handoffEnabled: row?.handoffEnabled ?? true,
  };
}

/** Whether the shop's replies come from its workflow (one query; the reply job asks per message). */
export async function usesWorkflow(shop: string): Promise<boolean> {
  return (await getAiSettings(shop))?.aiMode === "workflow";
}

export const workflowSettingsInput = z.object({
  enabled: z.boolean(),
  url: z.string().trim().max(2000),
  timeoutSeconds: z.coerce
    .number({ invalid_type_error: "validation.workflow.seconds" })
    .int("validation.workflow.wholeSeconds")
    .min(TIMEOUT_MIN_MS / 1000, "validation.secondsAtLeast")
    .max(TIMEOUT_MAX_MS / 1000, "validation.secondsAtMost"),
});

export class WorkflowSettingsError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("invalid workflow settings");
  }
}

/**
 * Saves the settings. A new URL (or `rotate`) makes a new secret, returned once; turning the mode
 * on needs a URL. Turning it off keeps URL and secret; the responder goes back to the assistant.
 */
export async function saveWorkflowSettings(
  shop: string,
  input: unknown,
  options: { rotate?: boolean; t?: Translate } = {},
): Promise<{ secret: string | null }> {
  const t = options.t ?? translator("en");
  const parsed = workflowSettingsInput.safeParse(input);
  if (!parsed.success) throw new WorkflowSettingsError(formErrors(parsed.error, t, { field: "first" }));
  const { enabled, timeoutSeconds } = parsed.data;
  const url = parsed.data.url ? normalizeTargetUrl(parsed.data.url) : "";
  if (enabled && !url) throw new WorkflowSettingsError({ url: t("validation.workflow.url") });
  if (url) {
    const checked = checkOutboundUrl(url);
    if (!checked.ok) throw new WorkflowSettingsError({ url: t(`validation.outboundUrl.${checked.reason}`) });
  }
  const current = await db().shop.findUnique({
    where: { shop },
    select: { aiMode: true, workflowUrl: true, workflowSecretEnc: true },
  });
  const fresh = Boolean(url) && (options.rotate || current?.workflowUrl !== url || !current?.workflowSecretEnc);
  const secret = fresh ? newSigningSecret() : null;
  const aiMode = enabled ? "workflow" : current?.aiMode === "workflow" ? "builtin" : (current?.aiMode ?? "builtin");
  const data = {
    aiMode,
    workflowUrl: url || null,
    workflowTimeoutMs: timeoutSeconds * 1000,
    ...(secret ? { workflowSecretEnc: sealBoundSecret(secret, url) } : {}),
    ...(!url ? { workflowSecretEnc: null } : {}),
  };
  await db().shop.upsert({ where: { shop }, create: { shop, ...data }, update: data });
  return { secret };
}
