import { expect } from "vitest";
import type * as repo from "~/repositories/installation.server";
import { deleteAllShopData, recordWebhookReceipt, updateShopScopes } from "~/repositories/installation.server";
import type { IsolationCases } from "./types";

export const cases: IsolationCases<typeof repo> = {
  async recordWebhookReceipt({ b }) {
    expect(await recordWebhookReceipt(b.shop, `wh-${b.shop}`, "app/uninstalled")).toBe(true);
    expect(await recordWebhookReceipt(b.shop, `wh-${b.shop}`, "app/uninstalled")).toBe(false);
  },
  async updateShopScopes({ db, b }) {
    await updateShopScopes(b.shop, ["read_orders"]);
    expect((await db.shop.findUniqueOrThrow({ where: { shop: b.shop } })).scopes).toBe("read_orders");
  },
  async deleteAllShopData({ b }) {
    const counts = await deleteAllShopData(b.shop);
    expect(counts.conversation).toBe(3);
  },
};
