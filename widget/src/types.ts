/**
 * Shapes shared by the loader and the panel: the block's configuration, and the widget API's
 * requests and answers from the server's contract module (app/contracts/widget-api.ts). The imports
 * are type-only: no server code is bundled, and a change on the server breaks the widget's type check.
 */
import type {
  Card,
  ConfigAnswer,
  ConversationJson,
  Cursor as ContractCursor,
  MessageJson,
} from "../../app/contracts/widget-api";
import type { Store } from "./storage";

export type {
  Card,
  ConversationState,
  OrderCard,
  ProductCard,
  ProductCardVariant,
  PublicTicket,
  PublicTicketReply,
} from "../../app/contracts/widget-api";
export type * as Api from "../../app/contracts/widget-api";

/** `GET /proxy/config`, as the server builds it (older servers may leave parts out). */
export type RuntimeConfig = Partial<ConfigAnswer>;

export type Strings = Record<string, string>;

/** What blocks/tandem-chat.liquid renders into `<script type="application/json" data-tandem-config>`. */
export interface WidgetConfig {
  version: number;
  shop: string;
  shopName?: string;
  currency?: string | null;
  /** Display hint only; the app trusts the signed logged_in_customer_id, never this. */
  customer: boolean;
  locale: string;
  designMode: boolean;
  /** routes.root_url: "/" or "/it" (or "/demo/" in the demo store). */
  root: string;
  /** App Proxy path on the storefront, default "/apps/tandem". */
  proxy: string;
  css: string;
  panel: string;
  accent: string;
  position: "left" | "right";
  launcherLabel?: string | null;
  brand?: string | null;
  welcome?: string | null;
  human: boolean;
  prechat: { enabled: boolean; name: boolean; email: boolean; phone: boolean };
  strings: Strings;
}

/** A conversation as the server sends it (`typing`: the operator holding the chat is typing). */
export type Conversation = ConversationJson;

export type Role = MessageJson["role"];

/** A message as the server sends it, plus what only the widget knows about its own messages. */
export interface Message extends Omit<
  MessageJson,
  "cards" | "version" | "createdAt" | "status" | "author" | "quickReplies"
> {
  version?: MessageJson["version"];
  createdAt?: MessageJson["createdAt"];
  /** "interrupted": a reply cut off, shown as such by the widget. */
  status?: MessageJson["status"] | "interrupted";
  author?: MessageJson["author"] | null;
  quickReplies?: string[] | null;
  /** The stored payload's cards, in the shape the assistant and operators attach. */
  cards?: Card[] | null;
  /** Client-side only: an optimistic shopper message. */
  local?: "sending" | "failed";
  /**
   * Client-side only: why it was not sent (an API error code), when it may be retried, and whether
   * the panel retries it by itself at `retryAt` (with the same clientMessageId).
   */
  failure?: { code: string; retryAt?: number; auto?: boolean };
  clientMessageId?: string;
}

export type Cursor = ContractCursor;

/** What the loader hands to the lazily loaded panel. */
export interface LoaderContext {
  config: WidgetConfig;
  root: ShadowRoot;
  launcher: HTMLButtonElement;
  storage: Store;
  t(key: string, vars?: Record<string, string | number>): string;
  setBadge(count: number): void;
  setExpanded(open: boolean): void;
  emit(event: string, detail?: unknown): void;
}

export interface PanelApi {
  open(focus?: boolean): void;
  close(): void;
  isOpen(): boolean;
  send(text: string): void;
}
