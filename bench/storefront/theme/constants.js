/* The fixture theme's shared constants (deferred, before global.js), as Dawn's constants.js. */
window.ON_CHANGE_DEBOUNCE_TIMER = 300;
window.PUB_SUB_EVENTS = {
  cartUpdate: "cart-update",
  quantityUpdate: "quantity-update",
  optionValueSelectionChange: "option-value-selection-change",
  variantChange: "variant-change",
  cartError: "cart-error",
};
window.routes = {
  cart_add_url: "/cart/add",
  cart_change_url: "/cart/change",
  cart_url: "/cart",
  predictive_search_url: "/search/suggest",
};
window.cartStrings = {
  error: "There was an error while updating your cart. Please try again.",
  quantityError: "You can only add [quantity] of this item to your cart.",
};
window.variantStrings = {
  addToCart: "Add to cart",
  soldOut: "Sold out",
  unavailable: "Unavailable",
  unavailable_with_option: "[value] - Unavailable",
};
window.accessibilityStrings = {
  imageAvailable: "Image [index] is now available in gallery view",
  shareSuccess: "Link copied to clipboard",
  pauseSlideshow: "Pause slideshow",
  playSlideshow: "Play slideshow",
};
