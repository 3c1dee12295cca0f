/**
 * customers/data_request exports kept for the merchant (shown in Admin → Data requests).
 * Every function takes the shop first and scopes every query by it.
 */
import { db, type Tx } from "../db.server";

export interface NewDataRequest {
  requestId: string;
  customerId: string | null;
  customerEmail: string | null;
  /** The export document, JSON text. */
  export: string;
}

/** Stores an export; the same Shopify request id stored again replaces it (idempotent). */
export async function saveDataRequest(shop: string, data: NewDataRequest, client: Tx = db()) {
  return client.dataRequest.upsert({
    where: { shop_requestId: { shop, requestId: data.requestId } },
    create: { shop, ...data },
    update: { customerId: data.customerId, customerEmail: data.customerEmail, export: data.export },
    select: { id: true },
  });
}

export interface DataRequestSummary {
  id: string;
  requestId: string;
  customerId: string | null;
  customerEmail: string | null;
  createdAt: Date;
}

/** Newest first, without the export bodies. */
export async function listDataRequests(shop: string, limit = 100, client: Tx = db()): Promise<DataRequestSummary[]> {
  return client.dataRequest.findMany({
    where: { shop },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, requestId: true, customerId: true, customerEmail: true, createdAt: true },
  });
}

export async function getDataRequest(shop: string, id: string, client: Tx = db()) {
  return client.dataRequest.findFirst({ where: { id, shop } });
}

/** Deletes the stored exports of one customer (a redaction also removes what was exported). */
export async function deleteCustomerDataRequests(
  shop: string,
  customer: { ids: string[]; emails: string[] },
  client: Tx = db(),
): Promise<number> {
  const or = [
    ...(customer.ids.length ? [{ customerId: { in: customer.ids } }] : []),
    ...(customer.emails.length ? [{ customerEmail: { in: customer.emails } }] : []),
  ];
  if (or.length === 0) return 0;
  const { count } = await client.dataRequest.deleteMany({ where: { shop, OR: or } });
  return count;
}
