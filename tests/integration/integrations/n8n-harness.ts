/**
 * Runs the shipped n8n workflow (docs/integrations/n8n/tandem-workflow.json) the way n8n does, node
 * by node: the Webhook node's item shape ({headers, params, query, body}), the Code nodes' own
 * JavaScript (run as n8n runs "Run Once for All Items" code: `$input.all()`, `require`), the IF
 * node's "contains" condition from its parameters, and the HTTP Request node's method, headers and
 * raw body from their expressions. Only the secret placeholder is replaced, as the guide says.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

interface N8nNode {
  name: string;
  type: string;
  parameters: Record<string, unknown>;
}
interface N8nWorkflow {
  nodes: N8nNode[];
  connections: Record<string, { main: { node: string }[][] }>;
}
type Item = { json: Record<string, unknown> };

export const WORKFLOW_FILE = path.resolve("docs/integrations/n8n/tandem-workflow.json");
export const SECRET_PLACEHOLDER = "whsec_PASTE_THE_SECRET_FROM_TANDEM";

const load = (): N8nWorkflow => JSON.parse(readFileSync(WORKFLOW_FILE, "utf8")) as N8nWorkflow;
const requireForCode = createRequire(import.meta.url);

async function runCode(code: string, items: Item[]): Promise<Item[]> {
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...a: unknown[]) => Promise<Item[]>;
  return new AsyncFunction("$input", "require", code)({ all: () => items, first: () => items[0] }, requireForCode);
}

/** `={{ $json.a.b }}` → the value at a.b of the item. */
function expression(value: unknown, item: Item): unknown {
  const m = typeof value === "string" ? /^=\{\{\s*\$json\.([\w.]+)\s*\}\}$/.exec(value) : null;
  if (!m) return value;
  return m[1]!.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], item.json);
}

export interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Executes the workflow for one incoming request and returns the HTTP Request node's request
 * (not sent: the caller sends it, so a test can also resend it).
 */
export async function runN8nWorkflow(
  secret: string,
  incoming: { headers: Record<string, string>; body: string },
): Promise<SentRequest[]> {
  const wf = load();
  const byName = new Map(wf.nodes.map((n) => [n.name, n]));
  const trigger = wf.nodes.find((n) => n.type === "n8n-nodes-base.webhook")!;
  const sent: SentRequest[] = [];
  const run = async (node: N8nNode, items: Item[]): Promise<void> => {
    let outputs: Item[][] = [items];
    if (node.type === "n8n-nodes-base.code") {
      const code = String(node.parameters.jsCode).replaceAll(SECRET_PLACEHOLDER, secret);
      outputs = [await runCode(code, items)];
    } else if (node.type === "n8n-nodes-base.if") {
      const cond = (node.parameters.conditions as { conditions: { leftValue: string; rightValue: string }[] })
        .conditions[0]!;
      const yes: Item[] = [];
      const no: Item[] = [];
      for (const item of items) {
        const left = String(expression(cond.leftValue, item) ?? "").toLowerCase();
        (left.includes(cond.rightValue.toLowerCase()) ? yes : no).push(item);
      }
      outputs = [yes, no];
    } else if (node.type === "n8n-nodes-base.httpRequest") {
      const p = node.parameters as {
        method: string;
        url: string;
        headerParameters: { parameters: { name: string; value: string }[] };
        rawContentType: string;
        body: string;
      };
      for (const item of items) {
        const headers: Record<string, string> = { "content-type": p.rawContentType };
        for (const h of p.headerParameters.parameters) headers[h.name] = String(expression(h.value, item));
        sent.push({
          url: String(expression(p.url, item)),
          method: p.method,
          headers,
          body: String(expression(p.body, item)),
        });
      }
      return;
    }
    const next = wf.connections[node.name]?.main ?? [];
    for (let i = 0; i < next.length; i++) {
      const branch = outputs[i] ?? [];
      if (branch.length === 0) continue;
      for (const target of next[i]!) await run(byName.get(target.node)!, branch);
    }
  };
  const item: Item = { json: { headers: incoming.headers, params: {}, query: {}, body: JSON.parse(incoming.body) } };
  await run(trigger, [item]);
  return sent;
}
