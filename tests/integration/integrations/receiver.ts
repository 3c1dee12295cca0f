/** A real HTTP receiver for outbound calls in tests: records each request and answers as scripted. */
import { createServer, type IncomingMessage, type Server } from "node:http";

export interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Receiver {
  url: string;
  port: number;
  requests: Received[];
  /** Answers the next requests with these statuses (then 200). */
  script(statuses: number[]): void;
  /** Answers every request with this status until changed (null: back to the script / 200). */
  always(status: number | null): void;
  onRequest?: (r: Received) => void | Promise<void>;
  /** Decides the status of a request by its content (undefined: the script / 200). */
  statusFor?: (r: Received) => number | undefined;
  close(): Promise<void>;
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") out[k] = v;
  return out;
}

export async function startReceiver(): Promise<Receiver> {
  let queue: number[] = [];
  let fixed: number | null = null;
  const receiver: Receiver = {
    url: "",
    port: 0,
    requests: [],
    script(statuses) {
      queue = [...statuses];
    },
    always(status) {
      fixed = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r: Received = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: headersOf(req),
        body: Buffer.concat(chunks).toString("utf8"),
      };
      receiver.requests.push(r);
      void Promise.resolve(receiver.onRequest?.(r)).finally(() => {
        const status = fixed ?? receiver.statusFor?.(r) ?? queue.shift() ?? 200;
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(status < 300 ? "ok" : `failure ${status}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  receiver.port = typeof address === "object" && address ? address.port : 0;
  receiver.url = `http://127.0.0.1:${receiver.port}`;
  return receiver;
}
