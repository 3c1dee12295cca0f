/**
 * "Test connection" in plain words, in the staff member's language (the assistant settings page):
 * success with the model and the time it took, or what failed and what to check. Pure, so the page
 * and its test read the same text.
 */
import type { Translate } from "../lib/i18n/catalog";

export type ConnectionTestResult =
  { ok: true; model: string; ms: number } | { ok: false; kind: string; message: string };

const REASONS = ["auth", "rate_limited", "upstream", "timeout", "blocked"] as const;
type Reason = (typeof REASONS)[number];

export function describeConnectionTest(r: ConnectionTestResult, t: Translate): string {
  if (r.ok) return t("assistant.connected", { model: r.model, ms: r.ms });
  const kind = (REASONS as readonly string[]).includes(r.kind) ? (r.kind as Reason) : "unknown";
  const reason = t(`assistant.testFailure.${kind}`);
  const detail = r.message.trim().replace(/\.$/, "");
  return t("assistant.testFailed", { reason, detail: detail ? ` (${detail})` : "" });
}
