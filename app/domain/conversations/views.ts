/**
 * The JSON shapes of the widget API (ARCHITECTURE.md "Contract: the widget API"). Pure: the Remix
 * routes and the poll hot path both build their answers here, so they are byte-for-byte the same.
 */
import type { ConversationState } from "./state-machine";

export interface MessageRow {
  id: string;
  version: number;
  role: string;
  text: string;
  status: string;
  createdAt: Date | string;
  authorName: string | null;
  payload: string | null;
}

export interface MessageView {
  id: string;
  version: number;
  role: "shopper" | "ai" | "operator" | "system";
  text: string;
  status: "streaming" | "final";
  createdAt: string;
  author?: { name: string };
  quickReplies?: string[];
  cards?: unknown[];
}

export interface ConversationView {
  id: string;
  state: ConversationState;
  online: boolean;
  offline?: true;
  createdAt: string;
  operator?: { name: string };
  queue?: { position: number; etaSeconds: number };
  /** The operator holding the chat is typing (operator workspace). */
  typing?: true;
}

export function iso(value: Date | string | number): string {
  return (
    value instanceof Date ? value : new Date(typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value)
  ).toISOString();
}

export function messageView(row: MessageRow): MessageView {
  const view: MessageView = {
    id: row.id,
    version: row.version,
    role: row.role as MessageView["role"],
    text: row.text,
    status: row.status === "streaming" ? "streaming" : "final",
    createdAt: iso(row.createdAt),
  };
  if (row.authorName && (row.role === "operator" || row.role === "ai")) view.author = { name: row.authorName };
  if (row.payload) {
    try {
      const payload = JSON.parse(row.payload) as { quickReplies?: unknown; cards?: unknown };
      if (Array.isArray(payload.quickReplies) && payload.quickReplies.length)
        view.quickReplies = payload.quickReplies.map(String);
      if (Array.isArray(payload.cards) && payload.cards.length) view.cards = payload.cards;
    } catch {
      // A malformed payload is dropped, never shown.
    }
  }
  return view;
}

export interface ConversationViewInput {
  id: string;
  state: string;
  offline: boolean;
  createdAt: Date | string;
  operatorName: string | null;
  online: boolean;
  queue: { position: number; etaSeconds: number } | null;
  /** When the holder last signalled typing (Conversation.operatorTypingAt). */
  operatorTypingAt?: Date | string | null;
  now?: number;
}

/** How long an operator's typing signal lasts (the inbox repeats it while the operator types). */
export const OPERATOR_TYPING_TTL_MS = 6_000;

export function conversationView(input: ConversationViewInput): ConversationView {
  const view: ConversationView = {
    id: input.id,
    state: input.state as ConversationState,
    online: input.online,
    createdAt: iso(input.createdAt),
  };
  if (input.offline && input.state !== "closed") view.offline = true;
  if (input.operatorName && (input.state === "assigned" || input.state === "waiting_shopper"))
    view.operator = { name: input.operatorName };
  if (input.state === "queued" && input.queue) view.queue = input.queue;
  if (input.operatorTypingAt && (input.state === "assigned" || input.state === "waiting_shopper")) {
    const at = new Date(input.operatorTypingAt).getTime();
    if ((input.now ?? Date.now()) - at < OPERATOR_TYPING_TTL_MS) view.typing = true;
  }
  return view;
}
