import { db, type Tx } from "../db.server";

export interface CannedInput {
  shortcut: string;
  title: string;
  body: string;
}

export async function listCanned(shop: string, client: Tx = db()) {
  return client.cannedResponse.findMany({ where: { shop }, orderBy: { shortcut: "asc" } });
}

export async function getCanned(shop: string, id: string, client: Tx = db()) {
  return client.cannedResponse.findFirst({ where: { shop, id } });
}

/** Canned responses whose shortcut starts with `prefix` (the reply box's `/shortcut` lookup). */
export async function findCannedByPrefix(shop: string, prefix: string, limit = 8, client: Tx = db()) {
  return client.cannedResponse.findMany({
    where: { shop, shortcut: { startsWith: prefix } },
    orderBy: { shortcut: "asc" },
    take: limit,
  });
}

/** Creates a canned response; returns null when the shortcut is already taken in this shop. */
export async function createCanned(shop: string, input: CannedInput, client: Tx = db()) {
  const taken = await client.cannedResponse.findUnique({
    where: { shop_shortcut: { shop, shortcut: input.shortcut } },
  });
  if (taken) return null;
  return client.cannedResponse.create({ data: { shop, ...input } });
}

/** Updates a canned response; "conflict" when the new shortcut belongs to another one. */
export async function updateCanned(
  shop: string,
  id: string,
  input: CannedInput,
  client: Tx = db(),
): Promise<"updated" | "not_found" | "conflict"> {
  const taken = await client.cannedResponse.findUnique({
    where: { shop_shortcut: { shop, shortcut: input.shortcut } },
  });
  if (taken && taken.id !== id) return "conflict";
  const { count } = await client.cannedResponse.updateMany({ where: { shop, id }, data: input });
  return count === 1 ? "updated" : "not_found";
}

export async function deleteCanned(shop: string, id: string, client: Tx = db()): Promise<boolean> {
  const { count } = await client.cannedResponse.deleteMany({ where: { shop, id } });
  return count === 1;
}
