/*
 * The fixture theme's collection filters (deferred): availability, price range and colour facets and the
 * sort order, applied to the rendered grid in place and kept in the URL, as a theme's facets.js does
 * (a real one fetches the filtered section from Shopify; this one filters the cards on the page).
 */
(function () {
  class FacetFiltersForm extends HTMLElement {
    connectedCallback() {
      this.form = this.querySelector("form");
      this.grid = document.querySelector("[data-product-grid]");
      this.count = document.querySelector("[data-product-count]");
      if (!this.form || !this.grid) return;
      this.cards = Array.from(this.grid.children).map((el) => ({
        el,
        price: Number(el.dataset.price),
        colour: el.dataset.colour,
        available: el.dataset.available === "true",
        title: el.dataset.title,
        index: Number(el.dataset.index),
      }));
      this.form.addEventListener("input", () => this.apply(true));
      this.querySelectorAll("[data-facet-reset]").forEach((button) =>
        button.addEventListener("click", (event) => {
          event.preventDefault();
          this.form.reset();
          this.apply(true);
        }),
      );
      this.apply(false);
    }
    apply(push) {
      const data = new FormData(this.form);
      const colours = data.getAll("filter.colour");
      const inStock = data.get("filter.availability") === "1";
      const min = Number(data.get("filter.price.gte") || 0);
      const max = Number(data.get("filter.price.lte") || Infinity);
      const sort = data.get("sort_by") || "manual";
      const shown = this.cards.filter(
        (c) =>
          (!colours.length || colours.includes(c.colour)) &&
          (!inStock || c.available) &&
          c.price >= min &&
          c.price <= max,
      );
      const order = {
        manual: (a, b) => a.index - b.index,
        "price-ascending": (a, b) => a.price - b.price,
        "price-descending": (a, b) => b.price - a.price,
        "title-ascending": (a, b) => a.title.localeCompare(b.title),
      }[sort];
      shown.sort(order);
      const visible = new Set(shown);
      this.cards.forEach((c) => (c.el.hidden = !visible.has(c)));
      this.grid.append(...shown.map((c) => c.el));
      if (this.count) this.count.textContent = `${shown.length} products`;
      this.querySelectorAll("[data-facet-count]").forEach((el) => {
        const value = el.dataset.facetCount;
        el.textContent = `(${this.cards.filter((c) => c.colour === value).length})`;
      });
      if (push) {
        const params = new URLSearchParams();
        for (const [key, value] of data.entries()) if (value) params.append(key, String(value));
        window.history.replaceState({}, "", `${window.location.pathname}?${params}`);
      }
    }
  }
  customElements.define("facet-filters-form", FacetFiltersForm);

  class SortSelect extends HTMLElement {
    connectedCallback() {
      this.querySelector("select")?.addEventListener("change", (event) => {
        const target = document.querySelector("facet-filters-form form select[name=sort_by]");
        if (target) {
          target.value = event.target.value;
          target.dispatchEvent(new Event("input", { bubbles: true }));
        }
      });
    }
  }
  customElements.define("sort-select", SortSelect);
})();
