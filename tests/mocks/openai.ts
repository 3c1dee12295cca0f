/**
 * Scripted OpenAI chat completions for msw: each request to `<baseUrl>/chat/completions` takes the
 * next scripted turn — text (streamed as SSE when the request asks for a stream, else one JSON
 * completion), tool calls, an HTTP error (429/500/401) or a hang (timeout). Requests are recorded
 * for assertions.
 */
import { delay, http, HttpResponse, type AnyHandler } from "msw";

export type ScriptedTurn =
  | { text: string; chunkDelayMs?: number; usage?: { in: number; out: number } }
  | {
      toolCalls: { name: string; arguments: unknown; id?: string }[];
      text?: string;
      usage?: { in: number; out: number };
    }
  | { status: 401 | 429 | 500 | 503; message?: string }
  | { hang: true };

export type TurnSource = ScriptedTurn | ((body: ChatRequestBody, index: number) => ScriptedTurn);

export interface ChatRequestBody {
  model: string;
  stream?: boolean;
  messages: { role: string; content: string | null; tool_calls?: unknown[]; tool_call_id?: string }[];
  tools?: { function: { name: string } }[];
  [key: string]: unknown;
}

export interface OpenAIScript {
  handlers: AnyHandler[];
  /** Every request body received, in order. */
  requests: ChatRequestBody[];
  /** Adds turns to the end of the script. */
  push(...turns: TurnSource[]): void;
  /** Turns not yet used. */
  remaining(): number;
}

const encoder = new TextEncoder();

function sse(events: unknown[], chunkDelayMs = 0): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async start(controller) {
      try {
        for (const e of events) {
          if (chunkDelayMs) await new Promise((r) => setTimeout(r, chunkDelayMs));
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(e)}\n\n`));
        }
        controller.enqueue(encoder.encode("data: [DONE]\n\n"));
        controller.close();
      } catch {
        // The client went away (cancelled stream).
      }
    },
  });
}

function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function completionId() {
  return `chatcmpl-${Math.random().toString(36).slice(2, 10)}`;
}

function respond(turn: ScriptedTurn, body: ChatRequestBody) {
  if ("status" in turn) {
    return HttpResponse.json(
      { error: { message: turn.message ?? `scripted ${turn.status}`, type: "scripted", code: null } },
      { status: turn.status, headers: turn.status === 429 ? { "retry-after": "1" } : {} },
    );
  }
  const id = completionId();
  const created = Math.floor(Date.now() / 1000);
  const usage = ("usage" in turn ? turn.usage : undefined) ?? { in: 100, out: 20 };
  const text = "text" in turn && typeof turn.text === "string" ? turn.text : "";
  const toolCalls =
    "toolCalls" in turn
      ? turn.toolCalls.map((c, i) => ({
          id: c.id ?? `call_${i}_${Math.random().toString(36).slice(2, 8)}`,
          type: "function" as const,
          function: {
            name: c.name,
            arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments),
          },
        }))
      : [];
  const finish = toolCalls.length ? "tool_calls" : "stop";
  if (!body.stream) {
    return HttpResponse.json({
      id,
      object: "chat.completion",
      created,
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: text || null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
          finish_reason: finish,
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: usage.in, completion_tokens: usage.out, total_tokens: usage.in + usage.out },
    });
  }
  const base = { id, object: "chat.completion.chunk", created, model: body.model };
  const events: unknown[] = [
    { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
  ];
  for (const w of words(text))
    events.push({ ...base, choices: [{ index: 0, delta: { content: w }, finish_reason: null }] });
  toolCalls.forEach((c, index) => {
    const args = c.function.arguments;
    const half = Math.ceil(args.length / 2);
    events.push({
      ...base,
      choices: [
        {
          index: 0,
          delta: {
            tool_calls: [
              {
                index,
                id: c.id,
                type: "function",
                function: { name: c.function.name, arguments: args.slice(0, half) },
              },
            ],
          },
          finish_reason: null,
        },
      ],
    });
    events.push({
      ...base,
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index, function: { arguments: args.slice(half) } }] },
          finish_reason: null,
        },
      ],
    });
  });
  events.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }] });
  events.push({
    ...base,
    choices: [],
    usage: { prompt_tokens: usage.in, completion_tokens: usage.out, total_tokens: usage.in + usage.out },
  });
  const chunkDelayMs = "chunkDelayMs" in turn ? turn.chunkDelayMs : 0;
  return new HttpResponse(sse(events, chunkDelayMs), {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}

/**
 * A scripted provider at `baseUrl` (default OpenAI's). When the script runs out, `otherwise`
 * answers (default: a 500, so a test that expected fewer calls fails loudly).
 */
export function scriptOpenAI(
  turns: TurnSource[],
  options: { baseUrl?: string; otherwise?: TurnSource } = {},
): OpenAIScript {
  const queue = [...turns];
  const requests: ChatRequestBody[] = [];
  const base = (options.baseUrl ?? "https://api.openai.com/v1").replace(/\/$/, "");
  const handler = http.post(`${base}/chat/completions`, async ({ request }) => {
    const body = (await request.json()) as ChatRequestBody;
    requests.push(body);
    const source = queue.shift() ?? options.otherwise ?? { status: 500, message: "script exhausted" };
    const turn = typeof source === "function" ? source(body, requests.length - 1) : source;
    if ("hang" in turn) {
      await delay("infinite");
    }
    return respond(turn, body);
  });
  return {
    handlers: [handler],
    requests,
    push: (...more) => queue.push(...more),
    remaining: () => queue.length,
  };
}

/** The content of the last `tool` message in a request (what the model saw from a tool). */
export function lastToolResult(body: ChatRequestBody): unknown {
  const msg = [...body.messages].reverse().find((m) => m.role === "tool");
  return msg?.content ? JSON.parse(msg.content) : undefined;
}
