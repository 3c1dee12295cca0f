/** Product and order cards in a message: links through safeUrl, Add to cart with a variant picker. */
import { safeUrl } from "./format";
import { formatPrice, h } from "./dom";
import type { LoaderContext, OrderCard, ProductCard } from "./types";

export function createCards(ctx: LoaderContext, addToCart: (card: ProductCard) => Promise<boolean>) {
  const { t, config } = ctx;
  const base = location.href;
  const on = { addToCart };

  function productCard(card: ProductCard): HTMLElement {
    const href = safeUrl(card.url, base);
    const img = safeUrl(card.imageUrl, base);
    const price = formatPrice(card.price, config.currency, config.locale);
    const name = href ? h("a", { href }, card.title) : h("strong", {}, card.title);
    const body = h("div", {}, name, h("p", {}, price));
    if (card.variantId !== undefined && card.variantId !== null && card.available !== false) {
      // Several variants (sizes, colours): the shopper picks one before Add to cart.
      const pick = card.variants && card.variants.length > 1 ? h("select", { "aria-label": t("choose_option") }) : null;
      if (pick) {
        pick.style.cssText = "display:block;margin:0 0 8px;padding:6px;font-size:16px;max-width:100%";
        for (const v of card.variants!) {
          const label = `${v.title} · ${formatPrice(v.price, config.currency, config.locale)}`;
          pick.append(
            h("option", { value: v.id, disabled: !v.available }, v.available ? label : `${label} · ${t("sold_out")}`),
          );
        }
        pick.value = String(card.variantId);
        body.append(pick);
      }
      const btn = h("button", { type: "button", class: "sec" }, t("add_to_cart"));
      const note = h("p", { role: "status" });
      btn.onclick = async () => {
        btn.disabled = true;
        btn.textContent = t("adding");
        const ok = await on.addToCart(pick ? { ...card, variantId: pick.value } : card);
        btn.disabled = false;
        btn.textContent = t("add_to_cart");
        note.textContent = "";
        if (ok) {
          const cart = safeUrl(`${config.root.replace(/\/+$/, "")}/cart`, base);
          note.append(`✓ ${t("added")} · `);
          if (cart) note.append(h("a", { href: cart }, t("view_cart")));
        } else note.textContent = t("add_failed");
      };
      body.append(btn, note);
    }
    return h(
      "div",
      { class: "card" },
      img ? h("img", { src: img, alt: "", loading: "lazy", width: "64", height: "64" }) : null,
      body,
    );
  }

  function orderCard(card: OrderCard): HTMLElement {
    const href = safeUrl(card.url, base);
    return h(
      "div",
      { class: "card" },
      h(
        "div",
        {},
        h("strong", {}, t("order", { name: card.name })),
        h("p", {}, card.status ?? ""),
        href ? h("a", { href, target: "_blank", rel: "noopener noreferrer" }, t("track_order")) : null,
      ),
    );
  }

  return { productCard, orderCard };
}
