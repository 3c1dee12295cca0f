/**
 * The shopper's other requests from the panel: a person, the contact form, the ticket lookup,
 * ending and rating the chat, and adding a product card to the cart. Each answers a Problem the
 * view shows where the shopper acted; a lost conversation resets the panel, a lost connection shows
 * the banner.
 */
import { storefrontPath, variantNumber } from "./format";
import type { State, Store } from "./state";
import { ApiError, problemOf, type Api, type Problem } from "./transport";
import type { Session } from "./session";
import type { Conversation, LoaderContext, ProductCard } from "./types";

export function createActions(ctx: LoaderContext, api: Api, store: Store<State>, session: Session) {
  const { config } = ctx;

  async function guarded<T>(fn: () => Promise<T>): Promise<T | Problem> {
    try {
      const result = await fn();
      if (store.get().connection !== "ok") store.set({ connection: "ok" });
      return result;
    } catch (error) {
      const problem = problemOf(error);
      if (problem.code === "not_found") session.reset();
      else if (problem.code === "network") store.set({ connection: "retrying" });
      return problem;
    }
  }

  async function escalate() {
    if (config.designMode) return;
    await guarded(async () => {
      const conv = await session.ensureConversation();
      const data = await api.escalate(conv.id, conv.token);
      const conversation = data?.conversation;
      if (conversation) session.apply({ conversation });
      // Asked again after a ticket: the form comes back (the same ticket answers it).
      if ((conversation?.offline ?? false) && store.get().form !== "offline") store.set({ form: "offline" });
      session.poller.now();
    });
  }

  async function contact(details: { email: string; name?: string; phone?: string; message?: string }) {
    return guarded(async () => {
      const conv = await session.ensureConversation();
      const data = await api.contact(conv.id, conv.token, details);
      if (data?.ticket) store.set({ form: "ticket", ticket: { number: data.ticket.number, email: details.email } });
      session.poller.now();
      return null;
    });
  }

  /** A ticket lookup: its 404 means "no such ticket for that email", not a lost conversation. */
  async function lookup(number: string, email: string) {
    try {
      const data = await api.ticket(number, email);
      if (!data?.ticket) throw new ApiError(500, "bad_response");
      return data;
    } catch (error) {
      return problemOf(error);
    }
  }

  async function endChat() {
    const conv = session.saved();
    if (!conv) return;
    await guarded(async () => {
      const data = await api.close(conv.id, conv.token);
      const closed = { ...(store.get().conversation as Conversation), state: "closed" as const };
      session.apply({ conversation: data?.conversation ?? closed });
      store.set({ form: "rating" });
    });
  }

  async function rate(score: number, comment: string) {
    const conv = session.saved();
    if (!conv) return;
    await guarded(async () => {
      await api.rating(conv.id, conv.token, score, comment || undefined);
      store.set({ form: "rated" });
    });
  }

  async function addToCart(card: ProductCard): Promise<boolean> {
    if (card.variantId === undefined || card.variantId === null) return false;
    try {
      const res = await fetch(storefrontPath(config.root, "cart/add.js"), {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ items: [{ id: variantNumber(card.variantId), quantity: 1 }] }),
        credentials: "same-origin",
      });
      if (!res.ok) return false;
      await refreshCartCount();
      ctx.emit("cart:added", { variantId: card.variantId });
      return true;
    } catch {
      return false;
    }
  }

  /** Updates the theme's cart count where it can be found; themes can listen to tandem:cart:updated. */
  async function refreshCartCount() {
    try {
      const res = await fetch(storefrontPath(config.root, "cart.js"), {
        headers: { accept: "application/json" },
        credentials: "same-origin",
      });
      const cart = (await res.json()) as { item_count?: number };
      if (typeof cart.item_count === "number") {
        document
          .querySelectorAll<HTMLElement>(
            "[data-cart-count], .cart-count, .cart-count-bubble span[aria-hidden='true'], .cart-count-bubble > span:first-child",
          )
          .forEach((el) => (el.textContent = String(cart.item_count)));
      }
      ctx.emit("cart:updated", cart);
      document.documentElement.dispatchEvent(new CustomEvent("cart:refresh", { bubbles: true }));
    } catch {
      /* the confirmation in the card is enough */
    }
  }

  return { escalate, contact, lookup, endChat, rate, addToCart };
}
