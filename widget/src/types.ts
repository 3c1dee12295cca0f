/** Shapes shared by the loader and the panel: the block's configuration and the widget API contract. */
import type { runtimeConfig } from "../../app/domain/conversations/service.server";
import type { Store } from "./storage";

export type { PublicTicket, PublicTicketReply } from "../../app/domain/ticket-public";

/** `GET /proxy/config`, as the server builds it (a type-only import: no server code is bundled). */
export type RuntimeConfig = Partial<Awaited<ReturnType<typeof runtimeConfig>>>;

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

export type ConversationState = "ai" | "queued" | "assigned" | "waiting_shopper" | "closed";

export interface Conversation {
  id: string;
  state: ConversationState;
  online?: boolean;
  offline?: boolean;
  createdAt?: string;
  operator?: { name: string } | null;
  queue?: { position: number; etaSeconds?: number | null } | null;
}

// The card shapes come from the server's module, so a change breaks the type check on both sides.
import type { Card } from "../../app/lib/cards";
export type { Card, OrderCard, ProductCard, ProductCardVariant } from "../../app/lib/cards";

export type Role = "shopper" | "ai" | "operator" | "system";

export interface Message {
  id: string;
  version?: number;
  role: Role;
  text: string;
  status?: "streaming" | "final" | "interrupted";
  createdAt?: string;
  author?: { name: string } | null;
  quickReplies?: string[] | null;
  cards?: Card[] | null;
  /** Client-side only: an optimistic shopper message. */
  local?: "sending" | "failed";
  /** Client-side only: why it was not sent (an API error code) and when it may be retried. */
  failure?: { code: string; retryAt?: number };
  clientMessageId?: string;
}

export type Cursor = string | number;

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
