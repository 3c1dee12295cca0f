/*
 * The fixture theme's product page script (deferred): the variant picker (colour and size radios), the
 * price and availability it drives, the URL's ?variant=, the media gallery with its thumbnails, and the
 * product form that adds to the cart through Shopify's AJAX API.
 */
(function () {
  const dataEl = document.getElementById("product-json");
  if (!dataEl) return;
  const product = JSON.parse(dataEl.textContent);

  class ProductInfo extends HTMLElement {
    connectedCallback() {
      this.price = this.querySelector("[data-price]");
      this.compare = this.querySelector("[data-compare-price]");
      this.button = this.querySelector('button[name="add"]');
      this.idInput = this.querySelector('input[name="id"]');
      this.inventory = this.querySelector("[data-inventory]");
    }
    render(variant) {
      this.price.textContent = window.themeMoney(variant.price);
      if (this.compare)
        this.compare.textContent = variant.compare_at_price ? window.themeMoney(variant.compare_at_price) : "";
      this.idInput.value = String(variant.id);
      this.button.disabled = !variant.available;
      this.button.querySelector("span").textContent = variant.available ? "Add to cart" : "Sold out";
      if (this.inventory)
        this.inventory.textContent = variant.available
          ? variant.inventory < 5
            ? `Low stock: ${variant.inventory} left`
            : "In stock"
          : "Out of stock";
    }
    setUnavailable() {
      this.button.disabled = true;
      this.button.querySelector("span").textContent = "Unavailable";
    }
  }
  customElements.define("product-info", ProductInfo);

  class VariantSelects extends HTMLElement {
    connectedCallback() {
      this.addEventListener("change", () => this.onChange());
      this.onChange(true);
    }
    selectedOptions() {
      return Array.from(this.querySelectorAll("fieldset")).map(
        (fieldset) => fieldset.querySelector("input:checked")?.value,
      );
    }
    onChange(initial) {
      const options = this.selectedOptions();
      const variant = product.variants.find((v) => v.options.every((o, i) => o === options[i]));
      this.updateAvailability(options);
      const info = document.querySelector("product-info");
      if (!variant) {
        info?.setUnavailable();
        return;
      }
      info?.render(variant);
      if (!initial) {
        const url = new URL(window.location.href);
        url.searchParams.set("variant", String(variant.id));
        window.history.replaceState({}, "", url);
        document.querySelector("media-gallery")?.show(variant.media);
      }
    }
    updateAvailability(selected) {
      // Mark the sizes that are sold out in the selected colour, as Dawn's variant picker does.
      const fieldsets = Array.from(this.querySelectorAll("fieldset"));
      fieldsets.forEach((fieldset, index) => {
        fieldset.querySelectorAll("input").forEach((input) => {
          const candidate = selected.slice();
          candidate[index] = input.value;
          const available = product.variants.some(
            (v) =>
              v.available &&
              v.options.every((o, i) => i === index || o === candidate[i]) &&
              v.options[index] === input.value,
          );
          input.classList.toggle("disabled", !available);
          const label = fieldset.querySelector(`label[for="${input.id}"] .visually-hidden`);
          if (label) label.textContent = available ? "" : "Sold out";
        });
      });
    }
  }
  customElements.define("variant-selects", VariantSelects);

  class MediaGallery extends HTMLElement {
    connectedCallback() {
      this.slider = this.querySelector("[data-gallery-slider]");
      this.thumbs = Array.from(this.querySelectorAll("[data-thumb]"));
      this.thumbs.forEach((thumb) =>
        thumb.addEventListener("click", () => this.show(Number(thumb.dataset.thumb), true)),
      );
      this.slider?.addEventListener(
        "scroll",
        () => {
          const index = Math.round(this.slider.scrollLeft / this.slider.clientWidth);
          this.mark(index);
        },
        { passive: true },
      );
    }
    show(index, focus) {
      const slide = this.slider?.children[index];
      if (!slide) return;
      this.slider.scrollTo({ left: slide.offsetLeft, behavior: "smooth" });
      this.mark(index);
      if (focus) slide.querySelector("img")?.focus?.();
    }
    mark(index) {
      this.thumbs.forEach((thumb, i) => thumb.setAttribute("aria-current", String(i === index)));
    }
  }
  customElements.define("media-gallery", MediaGallery);

  class ProductForm extends HTMLElement {
    connectedCallback() {
      this.form = this.querySelector("form");
      this.form?.addEventListener("submit", (event) => this.submit(event));
    }
    async submit(event) {
      event.preventDefault();
      const button = this.form.querySelector('button[type="submit"]');
      if (button.getAttribute("aria-disabled") === "true") return;
      button.setAttribute("aria-disabled", "true");
      button.classList.add("loading");
      try {
        const body = new FormData(this.form);
        const response = await fetch(this.form.action + ".js", {
          method: "POST",
          body,
          headers: { Accept: "application/json" },
        });
        if (!response.ok) throw new Error(String(response.status));
        const cart = await (await fetch("/cart.js")).json();
        window.themeEvents.publish("cart:update", cart);
        document.querySelector("cart-drawer")?.open(button);
      } catch {
        this.querySelector("[data-form-error]").textContent = "This item could not be added. Try again.";
      } finally {
        button.removeAttribute("aria-disabled");
        button.classList.remove("loading");
      }
    }
  }
  customElements.define("product-form", ProductForm);
})();
