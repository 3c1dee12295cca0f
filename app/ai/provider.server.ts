import OpenAI from "openai";
import { countAiCall } from "../lib/metrics.server";
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
  ChatCompletionMessageFunctionToolCall,
} from "openai/resources/chat/completions";
import { outboundFetch, outboundRefusal } from "../lib/outbound-url.server";
import { AiCancelled, AiError, mapProviderError } from "./errors";
import { allowRequest, recordFailure, recordSuccess } from "./circuit-breaker.server";
import type { AiConfig } from "./config.server";

/** Time allowed for the first byte of an answer, and for a whole streamed answer (tests shorten them). */
export const providerTimeouts = { connectMs: 20_000, totalMs: 60_000 };

export interface ChatUsage {
  tokensIn: number;
  tokensOut: number;
}

export interface ChatTurn {
  text: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  usage: ChatUsage;
  finishReason: string | null;
}

export interface ChatRequest {
  messages: ChatCompletionMessageParam[];
  tools?: ChatCompletionTool[];
  signal?: AbortSignal;
  /** Called with each text delta; return false to stop the stream (the reply was taken over). */
  onText?: (delta: string) => boolean | Promise<boolean>;
  /** Override the config's max tokens (e.g. short summaries). */
  maxTokens?: number;
}

/**
 * The provider client. Every request goes through `outboundFetch`: https, no private or loopback
 * address on the URL or on any address its host resolves to (unless TANDEM_ALLOW_PRIVATE_URLS names
 * the host), no redirects followed.
 */
export function createOpenAIClient(config: Pick<AiConfig, "apiKey" | "baseUrl">): OpenAI {
  return new OpenAI({
    apiKey: config.apiKey ?? "missing",
    baseURL: config.baseUrl,
    fetch: outboundFetch,
    timeout: providerTimeouts.connectMs,
    // The breaker and the built-in responder handle failures; retries would only add latency.
    maxRetries: 0,
  });
}

/**
 * One chat completion through the circuit breaker, streamed when `onText` is given. Errors are
 * AiError (rate_limited | auth | upstream | timeout) or AiCancelled; an open circuit is `upstream`.
 */
export async function chat(
  config: AiConfig,
  request: ChatRequest,
  client = createOpenAIClient(config),
): Promise<ChatTurn> {
  if (!config.apiKey) throw new AiError("auth", "No AI provider key is configured");
  if (!(await allowRequest(config.shop, config.baseUrl)))
    throw new AiError("upstream", "The AI provider circuit is open");
  const deadline = AbortSignal.timeout(providerTimeouts.totalMs);
  const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const turn = request.onText
      ? await streamTurn(client, config, request, signal)
      : await completeTurn(client, config, request, signal);
    await recordSuccess(config.shop, config.baseUrl);
    countAiCall(config.baseUrl, "ok", seconds(), turn.usage);
    return turn;
  } catch (error) {
    const mapped = mapProviderError(error, deadline.aborted && !request.signal?.aborted);
    if (mapped instanceof AiCancelled) {
      // Not the provider's fault: leave the breaker as it is, but free a half-open trial.
      await recordSuccess(config.shop, config.baseUrl);
      throw mapped;
    }
    await recordFailure(config.shop, config.baseUrl, mapped.kind);
    countAiCall(config.baseUrl, "error", seconds());
    throw mapped;
  }
}

function baseBody(config: AiConfig, request: ChatRequest) {
  return {
    model: config.model,
    messages: request.messages,
    temperature: config.temperature,
    max_tokens: request.maxTokens ?? config.maxTokens,
    ...(request.tools && request.tools.length > 0 ? { tools: request.tools, tool_choice: "auto" as const } : {}),
  };
}

async function completeTurn(
  client: OpenAI,
  config: AiConfig,
  request: ChatRequest,
  signal: AbortSignal,
): Promise<ChatTurn> {
  const completion = await client.chat.completions.create({ ...baseBody(config, request), stream: false }, { signal });
  const choice = completion.choices[0];
  const calls = (choice?.message.tool_calls ?? []).filter(
    (c): c is ChatCompletionMessageFunctionToolCall => c.type === "function",
  );
  return {
    text: choice?.message.content ?? "",
    toolCalls: calls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })),
    usage: { tokensIn: completion.usage?.prompt_tokens ?? 0, tokensOut: completion.usage?.completion_tokens ?? 0 },
    finishReason: choice?.finish_reason ?? null,
  };
}

async function streamTurn(
  client: OpenAI,
  config: AiConfig,
  request: ChatRequest,
  signal: AbortSignal,
): Promise<ChatTurn> {
  const stream = await client.chat.completions.create(
    { ...baseBody(config, request), stream: true, stream_options: { include_usage: true } },
    { signal },
  );
  let text = "";
  let finishReason: string | null = null;
  const usage: ChatUsage = { tokensIn: 0, tokensOut: 0 };
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  for await (const chunk of stream) {
    if (chunk.usage) {
      usage.tokensIn = chunk.usage.prompt_tokens ?? usage.tokensIn;
      usage.tokensOut = chunk.usage.completion_tokens ?? usage.tokensOut;
    }
    const choice = chunk.choices[0];
    if (!choice) continue;
    if (choice.finish_reason) finishReason = choice.finish_reason;
    const delta = choice.delta;
    for (const tc of delta?.tool_calls ?? []) {
      const entry = calls.get(tc.index) ?? { id: "", name: "", arguments: "" };
      if (tc.id) entry.id = tc.id;
      if (tc.function?.name) entry.name += tc.function.name;
      if (tc.function?.arguments) entry.arguments += tc.function.arguments;
      calls.set(tc.index, entry);
    }
    if (delta?.content) {
      text += delta.content;
      const keepGoing = await request.onText!(delta.content);
      if (!keepGoing) {
        stream.controller.abort();
        throw new AiCancelled();
      }
    }
  }
  if (signal.aborted) throw signal.reason ?? new AiCancelled();
  return {
    text,
    toolCalls: [...calls.entries()].sort(([a], [b]) => a - b).map(([i, c]) => ({ ...c, id: c.id || `call_${i}` })),
    usage,
    finishReason,
  };
}

/** "Test connection" in the settings page: one tiny non-streamed call, outside the breaker. */
export async function testConnection(
  config: AiConfig,
): Promise<{ ok: true; model: string; ms: number } | { ok: false; kind: string; message: string }> {
  if (!config.apiKey) return { ok: false, kind: "auth", message: "No API key is configured" };
  const client = createOpenAIClient(config);
  const started = Date.now();
  try {
    const completion = await client.chat.completions.create(
      { model: config.model, messages: [{ role: "user", content: "Reply with the word ok." }], max_tokens: 5 },
      { signal: AbortSignal.timeout(15_000) },
    );
    return { ok: true, model: completion.model || config.model, ms: Date.now() - started };
  } catch (error) {
    const refused = outboundRefusal(error);
    if (refused) return { ok: false, kind: "blocked", message: refused.message };
    const mapped = mapProviderError(error);
    return { ok: false, kind: mapped instanceof AiError ? mapped.kind : "timeout", message: mapped.message };
  }
}
