import { expect } from "vitest";
import type * as repo from "~/repositories/data-requests.server";
import {
  deleteCustomerDataRequests,
  getDataRequest,
  listDataRequests,
  saveDataRequest,
} from "~/repositories/data-requests.server";
import type { IsolationCases } from "./types";

export const cases: IsolationCases<typeof repo> = {
  async saveDataRequest({ a, b }) {
    // the same Shopify request id as one of shop A's: B gets its own row
    const requestId = `seed-${a.shop.split(".")[0]}`;
    const saved = await saveDataRequest(b.shop, { requestId, customerId: "1", customerEmail: null, export: "{}" });
    expect(saved.id).not.toBe(a.dataRequestId);
  },
  async listDataRequests({ b, expectNoLeak }) {
    const rows = await listDataRequests(b.shop);
    expect(rows).toHaveLength(1);
    expectNoLeak(rows);
  },
  async getDataRequest({ a, b }) {
    expect(await getDataRequest(b.shop, a.dataRequestId)).toBeNull();
    expect(await getDataRequest(b.shop, b.dataRequestId)).not.toBeNull();
  },
  async deleteCustomerDataRequests({ b }) {
    // both shops store an export for customer 2002: only B's goes
    expect(await deleteCustomerDataRequests(b.shop, { ids: ["2002"], emails: [] })).toBe(1);
  },
};
