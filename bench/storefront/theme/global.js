/*
 * The fixture theme's global script (deferred on every page), shaped like an Online Store 2.0 theme's
 * global.js: custom elements for the header drawer, disclosure menus, the predictive search, the
 * quantity inputs, the cart drawer and the sticky header, plus the theme's small event bus.
 */
(function () {
  const subscribers = {};
  window.themeEvents = {
    subscribe(name, fn) {
      (subscribers[name] = subscribers[name] || []).push(fn);
      return () => {
        subscribers[name] = subscribers[name].filter((f) => f !== fn);
      };
    },
    publish(name, data) {
      (subscribers[name] || []).forEach((fn) => fn(data));
    },
  };

  const focusable =
    'summary, a[href], button:enabled, [tabindex]:not([tabindex^="-"]), input:not([type=hidden]):enabled, select:enabled, textarea:enabled';
  function trapFocus(container, start) {
    const elements = Array.from(container.querySelectorAll(focusable));
    const first = elements[0];
    const last = elements[elements.length - 1];
    container.__trap = (event) => {
      if (event.key !== "Tab") return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener("keydown", container.__trap);
    (start || first)?.focus();
  }
  function removeTrapFocus(container) {
    if (container.__trap) document.removeEventListener("keydown", container.__trap);
  }
  window.themeFocus = { trapFocus, removeTrapFocus };

  function debounce(fn, wait) {
    let t;
    return (...args) => {
      clearTimeout(t);
      t = setTimeout(() => fn.apply(this, args), wait);
    };
  }

  function money(cents) {
    return new Intl.NumberFormat(document.documentElement.lang || "en", { style: "currency", currency: "EUR" }).format(
      cents / 100,
    );
  }
  window.themeMoney = money;

  class HeaderDrawer extends HTMLElement {
    connectedCallback() {
      this.details = this.querySelector("details");
      this.summary = this.querySelector("summary");
      this.summary?.addEventListener("click", (event) => {
        event.preventDefault();
        if (this.details.open) this.close();
        else this.open();
      });
      this.addEventListener("keyup", (event) => event.key === "Escape" && this.close());
    }
    open() {
      this.details.open = true;
      document.body.classList.add("overflow-hidden-mobile");
      this.summary.setAttribute("aria-expanded", "true");
      trapFocus(this.querySelector(".menu-drawer"), this.querySelector(".menu-drawer a"));
    }
    close() {
      this.details.open = false;
      document.body.classList.remove("overflow-hidden-mobile");
      this.summary.setAttribute("aria-expanded", "false");
      removeTrapFocus(this.querySelector(".menu-drawer"));
      this.summary.focus();
    }
  }
  customElements.define("header-drawer", HeaderDrawer);

  class DetailsDisclosure extends HTMLElement {
    connectedCallback() {
      this.details = this.querySelector("details");
      this.details?.addEventListener("toggle", () => {
        this.querySelector("summary").setAttribute("aria-expanded", String(this.details.open));
      });
      this.addEventListener("focusout", () => {
        setTimeout(() => {
          if (!this.contains(document.activeElement) && this.details) this.details.open = false;
        });
      });
    }
  }
  customElements.define("details-disclosure", DetailsDisclosure);

  class QuantityInput extends HTMLElement {
    connectedCallback() {
      this.input = this.querySelector("input");
      this.querySelectorAll("button").forEach((button) =>
        button.addEventListener("click", (event) => {
          event.preventDefault();
          const previous = this.input.value;
          if (event.currentTarget.name === "plus") this.input.stepUp();
          else this.input.stepDown();
          if (previous !== this.input.value) this.input.dispatchEvent(new Event("change", { bubbles: true }));
        }),
      );
      this.input.addEventListener("change", () => this.validate());
      this.validate();
    }
    validate() {
      const value = parseInt(this.input.value, 10);
      const min = parseInt(this.input.min || "1", 10);
      this.querySelector('button[name="minus"]')?.classList.toggle("disabled", value <= min);
    }
  }
  customElements.define("quantity-input", QuantityInput);

  class PredictiveSearch extends HTMLElement {
    connectedCallback() {
      this.input = this.querySelector('input[type="search"]');
      this.results = this.querySelector("[data-predictive-results]");
      this.cache = new Map();
      this.input?.addEventListener(
        "input",
        debounce(() => this.search(this.input.value.trim()), 300),
      );
      this.input?.addEventListener("focus", () => this.setAttribute("open", ""));
      document.addEventListener("click", (event) => {
        if (!this.contains(event.target)) this.removeAttribute("open");
      });
    }
    async search(term) {
      if (!term) {
        this.results.replaceChildren();
        return;
      }
      if (!this.cache.has(term)) {
        const items = (window.themeProducts || []).filter((p) => p.title.toLowerCase().includes(term.toLowerCase()));
        this.cache.set(term, items.slice(0, 6));
      }
      const fragment = document.createDocumentFragment();
      for (const item of this.cache.get(term)) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = item.url;
        a.textContent = item.title;
        li.append(a);
        fragment.append(li);
      }
      this.results.replaceChildren(fragment);
    }
  }
  customElements.define("predictive-search", PredictiveSearch);

  class CartDrawer extends HTMLElement {
    connectedCallback() {
      this.addEventListener("keyup", (event) => event.key === "Escape" && this.close());
      this.querySelector(".drawer__overlay")?.addEventListener("click", () => this.close());
      document.querySelectorAll("[data-cart-open]").forEach((el) =>
        el.addEventListener("click", (event) => {
          event.preventDefault();
          this.open(el);
        }),
      );
      window.themeEvents.subscribe("cart:update", (cart) => this.render(cart));
    }
    open(opener) {
      this.opener = opener;
      this.classList.add("active");
      document.body.classList.add("overflow-hidden");
      trapFocus(this.querySelector(".drawer__inner"));
    }
    close() {
      this.classList.remove("active");
      document.body.classList.remove("overflow-hidden");
      removeTrapFocus(this.querySelector(".drawer__inner"));
      this.opener?.focus();
    }
    render(cart) {
      const list = this.querySelector("[data-cart-items]");
      if (!list) return;
      list.replaceChildren(
        ...cart.items.map((item) => {
          const li = document.createElement("li");
          li.className = "cart-item";
          li.textContent = `${item.title} × ${item.quantity} — ${money(item.line_price)}`;
          return li;
        }),
      );
      document.querySelectorAll("[data-cart-count]").forEach((el) => (el.textContent = String(cart.item_count)));
      this.querySelector("[data-cart-total]").textContent = money(cart.total_price);
    }
  }
  customElements.define("cart-drawer", CartDrawer);

  class StickyHeader extends HTMLElement {
    connectedCallback() {
      this.header = this.querySelector(".header-wrapper");
      this.previous = 0;
      this.onScroll = this.onScroll.bind(this);
      window.addEventListener("scroll", this.onScroll, { passive: true });
    }
    onScroll() {
      const top = window.scrollY;
      if (this.raf) return;
      this.raf = requestAnimationFrame(() => {
        this.raf = 0;
        this.classList.toggle("scrolled-past-header", top > this.offsetHeight);
        this.classList.toggle("header-hidden", top > this.previous && top > 300);
        this.previous = top;
      });
    }
  }
  customElements.define("sticky-header", StickyHeader);

  // Lazy reveal of sections as they scroll into view, as themes with "animations on scroll" do.
  const reveal = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        entry.target.classList.add("scroll-trigger--revealed");
        reveal.unobserve(entry.target);
      }
    },
    { rootMargin: "0px 0px -50px 0px" },
  );
  document.querySelectorAll(".scroll-trigger").forEach((el) => reveal.observe(el));

  // The catalogue the predictive search filters (a real theme fetches /search/suggest.json).
  const data = document.getElementById("theme-products");
  if (data) window.themeProducts = JSON.parse(data.textContent);
})();
