/**
 * The demo storefront (demo mode only; mounted by app/demo/server.ts): a small but realistic Shopify-like
 * store that renders the theme app extension's real block Liquid with liquidjs and loads the real widget
 * assets, so what a shopper sees here is what the embed does in a theme.
 *
 *   GET  /demo                      home: product grid           ?locale=it|fr|de|es  ?embed=off|twice
 *   GET  /demo/products/:handle     product page                 ?consent=denied  ?design_mode=1
 *   GET  /demo/cart                 cart page                    ?accent=%23…&position=left&prechat=1&human=0
 *   POST /demo/cart/add(.js)        Shopify's AJAX cart add (JSON or form)
 *   GET  /demo/cart.js              Shopify's AJAX cart
 *   GET  /demo/assets/tandem-chat/* the extension's built assets (asset_url)
 *
 * routes.root_url is "/demo/", so the widget's cart calls go to /demo/cart/add.js here and to
 * /cart/add.js (under the storefront root) in a real store. The signed-in customer comes from the demo
 * App Proxy's cookie (see /demo/customer in app/demo/server.ts).
 */
import path from "node:path";
import express, { type Express, type Response } from "express";
import { demoStore } from "./fixture.server";
import { ASSET_PREFIX, EXTENSION_DIR } from "./block.server";
import { CART_COOKIE, CartError, addItems, cartId, cartJson, lineJson } from "./cart.server";
import { readCookie } from "./http.server";
import { cartPage, homePage, layout, pageContext, productPage } from "./store-pages.server";

export {
  BLOCK_FILE,
  DEMO_LOCALES,
  EXTENSION_DIR,
  blockSchema,
  createBlockEngine,
  renderEmbed,
  shopifyJson,
} from "./block.server";

export async function mountStorefront(app: Express): Promise<void> {
  const send = (res: Response, html: string) => res.set("Cache-Control", "no-store").type("html").send(html);

  app.use(
    ASSET_PREFIX,
    express.static(path.resolve(EXTENSION_DIR, "assets"), { maxAge: "1y", immutable: true, fallthrough: false }),
  );

  app.get(["/demo", "/demo/"], async (req, res, next) => {
    try {
      const ctx = pageContext(req);
      send(res, await layout(ctx, "Home", homePage(ctx)));
    } catch (error) {
      next(error);
    }
  });

  app.get("/demo/products/:handle", async (req, res, next) => {
    try {
      const ctx = pageContext(req);
      const product = demoStore().products.find((p) => p.handle === req.params.handle);
      if (!product) {
        res.status(404);
        return send(
          res,
          await layout(ctx, "Not found", `<section class="cartpage"><h1>Product not found</h1></section>`),
        );
      }
      send(res, await layout(ctx, product.title, productPage(ctx, product)));
    } catch (error) {
      next(error);
    }
  });

  app.get("/demo/cart", async (req, res, next) => {
    try {
      const ctx = pageContext(req);
      send(res, await layout(ctx, "Cart", cartPage(ctx, cartJson(readCookie(req, CART_COOKIE)))));
    } catch (error) {
      next(error);
    }
  });

  app.get("/demo/cart.js", (req, res) => {
    res.set("Cache-Control", "no-store").json(cartJson(readCookie(req, CART_COOKIE)));
  });

  const parsers = [express.json({ limit: "16kb" }), express.urlencoded({ extended: false, limit: "16kb" })];
  app.post("/demo/cart/add.js", ...parsers, (req, res) => {
    const body = (req.body ?? {}) as { items?: unknown; id?: unknown; quantity?: unknown };
    const items = Array.isArray(body.items)
      ? (body.items as { id?: unknown; quantity?: unknown }[])
      : [{ id: body.id, quantity: body.quantity }];
    try {
      const id = cartId(req, res);
      const added = addItems(id, items);
      res
        .set("Cache-Control", "no-store")
        .json(Array.isArray(body.items) ? { items: added.map(lineJson) } : lineJson(added[0]!));
    } catch (error) {
      if (!(error instanceof CartError)) throw error;
      res.status(422).json({ status: 422, message: "Cart Error", description: error.message });
    }
  });
  app.post("/demo/cart/add", ...parsers, (req, res) => {
    const body = (req.body ?? {}) as { id?: unknown; quantity?: unknown };
    try {
      addItems(cartId(req, res), [{ id: body.id, quantity: body.quantity }]);
      res.redirect(303, "/demo/cart");
    } catch (error) {
      if (!(error instanceof CartError)) throw error;
      res.status(422).type("text").send(error.message);
    }
  });
}
