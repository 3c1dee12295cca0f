/**
 * A minimal OpenAI-compatible server on a real port: POST /v1/chat/completions, one JSON completion
 * or an SSE stream word by word (tool calls too), for tests and load runs whose app runs in another
 * process (msw cannot reach it there).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface FakeTurn {
  text?: string;
  toolCall?: { name: string; arguments: unknown };
  delayMs?: number;
}

/** A minimal OpenAI-compatible server: POST /v1/chat/completions, JSON or SSE. */
export class FakeOpenAI {
  server: Server;
  turns: FakeTurn[] = [];
  requests: { body: Record<string, unknown>; auth: string | undefined }[] = [];
  disconnects = 0;
  url = "";
  /** Requests kept in `requests` (long runs keep only the latest). */
  keepRequests = Number.POSITIVE_INFINITY;

  /** `defaultTurn`: the answer once the scripted turns are used up. */
  constructor(private readonly defaultTurn: () => FakeTurn = () => ({ text: "(no more scripted turns)" })) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start() {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/v1`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    this.requests.push({ body, auth: req.headers.authorization });
    if (this.requests.length > this.keepRequests) this.requests.shift();
    const turn = this.turns.shift() ?? this.defaultTurn();
    const base = { id: "chatcmpl-local", object: "chat.completion.chunk", created: 1, model: String(body.model) };
    if (!body.stream) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          ...base,
          object: "chat.completion",
          choices: [{ index: 0, message: { role: "assistant", content: turn.text ?? "" }, finish_reason: "stop" }],
          usage: { prompt_tokens: 50, completion_tokens: 5, total_tokens: 55 },
        }),
      );
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    let closed = false;
    res.on("close", () => {
      if (!res.writableEnded) {
        closed = true;
        this.disconnects++;
      }
    });
    const send = (o: unknown) => res.write(`data: ${JSON.stringify(o)}\n\n`);
    send({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
    if (turn.toolCall) {
      send({
        ...base,
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [
                {
                  index: 0,
                  id: "call_1",
                  type: "function",
                  function: { name: turn.toolCall.name, arguments: JSON.stringify(turn.toolCall.arguments) },
                },
              ],
            },
            finish_reason: null,
          },
        ],
      });
      send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] });
    } else {
      for (const word of (turn.text ?? "").match(/\S+\s*/g) ?? []) {
        if (closed) return;
        await new Promise((r) => setTimeout(r, turn.delayMs ?? 0));
        if (closed) return;
        send({ ...base, choices: [{ index: 0, delta: { content: word }, finish_reason: null }] });
      }
      send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
    }
    send({ ...base, choices: [], usage: { prompt_tokens: 200, completion_tokens: 40, total_tokens: 240 } });
    res.end("data: [DONE]\n\n");
  }

  close() {
    this.server.closeAllConnections();
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}
