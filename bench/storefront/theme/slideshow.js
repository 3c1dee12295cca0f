/*
 * The fixture theme's slider components (deferred): the home page's testimonial slideshow and the
 * horizontally scrolling product sliders, with previous/next buttons, a counter and dots, as Dawn's
 * slider-component and slideshow-component. No autoplay (themes default to none).
 */
(function () {
  class SliderComponent extends HTMLElement {
    connectedCallback() {
      this.slider = this.querySelector("[data-slider]");
      this.slides = Array.from(this.querySelectorAll("[data-slide]"));
      this.prev = this.querySelector('button[name="previous"]');
      this.next = this.querySelector('button[name="next"]');
      this.current = this.querySelector("[data-slider-current]");
      this.total = this.querySelector("[data-slider-total]");
      this.dots = Array.from(this.querySelectorAll("[data-dot]"));
      if (!this.slider || !this.slides.length) return;
      this.observer = new ResizeObserver(() => this.measure());
      this.observer.observe(this.slider);
      this.slider.addEventListener("scroll", () => this.update(), { passive: true });
      this.prev?.addEventListener("click", () => this.go(-1));
      this.next?.addEventListener("click", () => this.go(1));
      this.dots.forEach((dot) => dot.addEventListener("click", () => this.goTo(Number(dot.dataset.dot))));
    }
    measure() {
      const first = this.slides[0];
      this.slideWidth = first.getBoundingClientRect().width;
      this.perPage = Math.max(1, Math.floor(this.slider.clientWidth / this.slideWidth));
      this.pages = Math.max(1, this.slides.length - this.perPage + 1);
      if (this.total) this.total.textContent = String(this.pages);
      this.update();
    }
    update() {
      if (!this.slideWidth) return;
      const page = Math.round(this.slider.scrollLeft / this.slideWidth) + 1;
      if (this.current) this.current.textContent = String(page);
      if (this.prev) this.prev.disabled = page <= 1;
      if (this.next) this.next.disabled = page >= this.pages;
      this.dots.forEach((dot, i) => dot.setAttribute("aria-current", String(i === page - 1)));
      this.slides.forEach((slide, i) => {
        const visible = i >= page - 1 && i < page - 1 + this.perPage;
        slide.setAttribute("aria-hidden", String(!visible));
        slide.querySelectorAll("a, button").forEach((el) => (el.tabIndex = visible ? 0 : -1));
      });
    }
    go(step) {
      this.slider.scrollBy({ left: step * this.slideWidth, behavior: "smooth" });
    }
    goTo(index) {
      this.slider.scrollTo({ left: index * this.slideWidth, behavior: "smooth" });
    }
  }
  customElements.define("slider-component", SliderComponent);

  class SlideshowComponent extends SliderComponent {
    connectedCallback() {
      super.connectedCallback();
      this.announcement = this.querySelector("[data-slideshow-status]");
    }
    update() {
      super.update();
      if (this.announcement && this.current)
        this.announcement.textContent = `Slide ${this.current.textContent} of ${this.pages}`;
    }
  }
  customElements.define("slideshow-component", SlideshowComponent);
})();
