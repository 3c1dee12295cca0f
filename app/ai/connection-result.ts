/**
 * "Test connection" in plain words (the assistant settings page): success with the model and the
 * time it took, or what failed and what to check. Pure, so the page and its test read the same text.
 */
export type ConnectionTestResult =
  { ok: true; model: string; ms: number } | { ok: false; kind: string; message: string };

const REASON: Record<string, string> = {
  auth: "the provider refused the API key. Check the key, and that it belongs to this base URL.",
  rate_limited: "the provider is limiting requests or the account is out of credit. Try again in a minute.",
  upstream: "the provider answered with an error. Check the base URL and the model name.",
  timeout: "the provider did not answer in time. Check the base URL and that the service is running.",
  blocked: "Tandem does not connect to that address (private or not https).",
};

export function describeConnectionTest(r: ConnectionTestResult): string {
  if (r.ok) return `Connected to ${r.model}: it answered in ${r.ms} ms.`;
  const reason = REASON[r.kind] ?? "the request failed.";
  const detail = r.message.trim().replace(/\.$/, "");
  return `Failed: ${reason}${detail ? ` (${detail})` : ""}`;
}
