/** How a Shopify customer is recognised in Tandem's tables (compliance webhooks). */
export interface CustomerRef {
  /** Shopify customer id, numeric (e.g. 207119551) or GID. */
  id?: string | number | null;
  email?: string | null;
}

export interface CustomerKeys {
  ids: string[];
  emails: string[];
}

export function customerKeys(customer: CustomerRef): CustomerKeys {
  const ids = new Set<string>();
  if (customer.id !== null && customer.id !== undefined && String(customer.id) !== "") {
    const raw = String(customer.id);
    const numeric = raw.replace(/^gid:\/\/shopify\/Customer\//, "");
    ids.add(numeric);
    ids.add(`gid://shopify/Customer/${numeric}`);
  }
  const emails = new Set<string>();
  const email = customer.email?.trim();
  if (email) {
    emails.add(email);
    emails.add(email.toLowerCase());
  }
  return { ids: [...ids], emails: [...emails] };
}
