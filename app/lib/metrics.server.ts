/**
 * Prometheus metrics (prom-client), one registry per process (ADR 165): the Node entry, the Remix
 * routes and the worker import this one module instance (ADR 210). Labels are
 * closed sets (route class, state, job type, provider kind, outcome): never a shop, an id, a URL or
 * text. Gauges that describe the database (open conversations, queue depth, dead letters) are read
 * at scrape time by `collectDatabaseGauges` (app/lib/metrics-scrape.server.ts).
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export type RouteClass = "poll" | "widget" | "admin" | "webhooks" | "hooks" | "health" | "other";

function build() {
  const registry = new Registry();
  const m = {
    registry,
    requests: new Counter({
      name: "tandem_http_requests_total",
      help: "HTTP requests by route class and status class",
      labelNames: ["route", "status"] as const,
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: "tandem_http_request_duration_seconds",
      help: "HTTP request duration by route class",
      labelNames: ["route"] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    conversations: new Gauge({
      name: "tandem_conversations_open",
      help: "Conversations not closed, by state",
      labelNames: ["state"] as const,
      registers: [registry],
    }),
    queueWait: new Gauge({
      name: "tandem_queue_wait_seconds",
      help: "Longest wait of a shopper queued for a person (0 when nobody waits)",
      registers: [registry],
    }),
    jobsDepth: new Gauge({
      name: "tandem_jobs_depth",
      help: "Pending jobs by type",
      labelNames: ["type"] as const,
      registers: [registry],
    }),
    jobsLag: new Gauge({
      name: "tandem_jobs_lag_seconds",
      help: "Age of the oldest due job by type",
      labelNames: ["type"] as const,
      registers: [registry],
    }),
    jobsDead: new Gauge({
      name: "tandem_jobs_dead",
      help: "Dead-lettered jobs by type",
      labelNames: ["type"] as const,
      registers: [registry],
    }),
    aiCalls: new Counter({
      name: "tandem_ai_calls_total",
      help: "AI provider calls by provider and outcome",
      labelNames: ["provider", "outcome"] as const,
      registers: [registry],
    }),
    aiSeconds: new Histogram({
      name: "tandem_ai_call_duration_seconds",
      help: "AI provider call duration by provider",
      labelNames: ["provider"] as const,
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
      registers: [registry],
    }),
    aiTokens: new Counter({
      name: "tandem_ai_tokens_total",
      help: "AI tokens by provider and direction",
      labelNames: ["provider", "direction"] as const,
      registers: [registry],
    }),
    webhookDeliveries: new Counter({
      name: "tandem_webhook_deliveries_total",
      help: "Outbound webhook delivery attempts by outcome",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    webhookDead: new Gauge({
      name: "tandem_webhook_dead_letters",
      help: "Outbound webhook deliveries dead-lettered and not replayed",
      registers: [registry],
    }),
    workflowCalls: new Counter({
      name: "tandem_workflow_calls_total",
      help: "Workflow mode requests by outcome",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    emailDeliveries: new Counter({
      name: "tandem_email_deliveries_total",
      help: "Outbound emails by outcome",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
  };
  return m;
}

let built: ReturnType<typeof build> | undefined;

export function metrics(): ReturnType<typeof build> {
  built ??= build();
  return built;
}

/** The route class of a request path: a closed set, so no path or id reaches a label. */
export function routeClass(pathname: string): RouteClass {
  if (
    /^\/proxy\/conversations\/[^/]+\/poll$/.test(pathname) ||
    /^\/apps\/tandem\/conversations\/[^/]+\/poll$/.test(pathname)
  )
    return "poll";
  if (pathname.startsWith("/proxy/") || pathname.startsWith("/apps/tandem/")) return "widget";
  if (pathname === "/app" || pathname.startsWith("/app/") || pathname.startsWith("/auth")) return "admin";
  if (pathname.startsWith("/webhooks/")) return "webhooks";
  if (pathname.startsWith("/hooks/")) return "hooks";
  if (pathname === "/healthz" || pathname === "/readyz" || pathname === "/metrics") return "health";
  return "other";
}

export function observeRequest(route: RouteClass, status: number, seconds: number): void {
  const m = metrics();
  m.requests.inc({ route, status: `${Math.floor(status / 100)}xx` });
  m.requestSeconds.observe({ route }, seconds);
}

/** Provider kinds, never a URL: "openai", "azure", "openrouter", "ollama", "other". */
export function providerKind(baseUrl: string): string {
  let host = "";
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return "other";
  }
  if (host.endsWith("openai.com")) return "openai";
  if (host.endsWith("azure.com")) return "azure";
  if (host.endsWith("openrouter.ai")) return "openrouter";
  if (/ollama/.test(host) || host === "localhost" || host === "127.0.0.1") return "local";
  return "other";
}

export function countAiCall(
  baseUrl: string,
  outcome: "ok" | "error",
  seconds: number,
  tokens?: { tokensIn: number; tokensOut: number },
): void {
  const m = metrics();
  const provider = providerKind(baseUrl);
  m.aiCalls.inc({ provider, outcome });
  m.aiSeconds.observe({ provider }, seconds);
  if (tokens) {
    m.aiTokens.inc({ provider, direction: "in" }, tokens.tokensIn);
    m.aiTokens.inc({ provider, direction: "out" }, tokens.tokensOut);
  }
}

export type DeliveryOutcome = "delivered" | "failed" | "refused" | "timeout" | "dead";

export function countWebhookDelivery(outcome: DeliveryOutcome): void {
  metrics().webhookDeliveries.inc({ outcome });
}

/** The email sender calls this once per message: "sent", "failed" or "dead". */
export function countEmailDelivery(outcome: "sent" | "failed" | "dead"): void {
  metrics().emailDeliveries.inc({ outcome });
}

export function countWorkflowCall(outcome: "sent" | "answered" | "failed" | "timeout" | "circuit_open"): void {
  metrics().workflowCalls.inc({ outcome });
}
