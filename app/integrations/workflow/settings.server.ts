/**
 * The shop's workflow mode settings (ADR 163): `Shop.aiMode = "workflow"`, the workflow URL (a
 * merchant URL: https and public unless allow-listed), the signing secret (sealed with the URL:
 * it opens only for that URL; shown once) and how long to wait for the callback.
 */
import { z } from "zod";
import { db } from "../../db.server";
import { checkOutboundUrl } from "../../lib/outbound-url.server";
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
  const row = await db().shop.findUnique({ where: { shop }, select: { aiMode: true } });
  return row?.aiMode === "workflow";
}

export const workflowSettingsInput = z.object({
  enabled: z.boolean(),
  url: z.string().trim().max(2000, "Use a URL under 2000 characters"),
  timeoutSeconds: z.coerce
    .number({ invalid_type_error: "Enter a number of seconds" })
    .int("Enter whole seconds")
    .min(TIMEOUT_MIN_MS / 1000, `At least ${TIMEOUT_MIN_MS / 1000} seconds`)
    .max(TIMEOUT_MAX_MS / 1000, `At most ${TIMEOUT_MAX_MS / 1000} seconds`),
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
  options: { rotate?: boolean } = {},
): Promise<{ secret: string | null }> {
  const parsed = workflowSettingsInput.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "url")] ??= issue.message;
    throw new WorkflowSettingsError(errors);
  }
  const { enabled, timeoutSeconds } = parsed.data;
  const url = parsed.data.url ? normalizeTargetUrl(parsed.data.url) : "";
  if (enabled && !url) throw new WorkflowSettingsError({ url: "Enter the workflow's URL to turn the mode on" });
  if (url) {
    const checked = checkOutboundUrl(url);
    if (!checked.ok) throw new WorkflowSettingsError({ url: checked.message });
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
