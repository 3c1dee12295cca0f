/**
 * Who the playground asks as: a guest, or a signed-in customer picked from the shop's customers
 * (searched by name or email through the Admin API) instead of a typed customer id.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { BlockStack, Select, Text, TextField } from "@shopify/polaris";
import { useT } from "../../../lib/i18n/react";
import type { CustomerChoice } from "../../../integrations/shopify/admin-customers-search.server";

export interface CustomerList {
  customers: CustomerChoice[];
  error: string | null;
}

export function CustomerPicker({ initial, error }: { initial: CustomerList; error?: string | undefined }) {
  const { t } = useT();
  const fetcher = useFetcher<CustomerList>();
  const [search, setSearch] = useState("");
  const [customerId, setCustomerId] = useState("");
  const chosen = useRef(new Map<string, CustomerChoice>());
  const list = fetcher.data ?? initial;
  for (const c of list.customers) chosen.current.set(c.id, c);

  useEffect(() => {
    const timer = setTimeout(() => {
      fetcher.load(`/app/playground?customerQuery=${encodeURIComponent(search.trim())}`);
    }, 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload only when the search text changes
  }, [search]);

  const selected = customerId ? chosen.current.get(customerId) : undefined;
  const options = [
    { label: t("playground.customer.guest"), value: "" },
    // the chosen customer stays selectable while another search is shown
    ...(selected && !list.customers.some((c) => c.id === selected.id) ? [selected] : []),
    ...list.customers,
  ].map((c) => ("id" in c ? { label: c.email ? `${c.name} · ${c.email}` : c.name, value: c.id } : c));

  return (
    <BlockStack gap="200">
      <TextField
        label={t("playground.customer.find")}
        placeholder={t("playground.customer.placeholder")}
        value={search}
        onChange={setSearch}
        autoComplete="off"
        clearButton
        onClearButtonClick={() => setSearch("")}
        helpText={
          fetcher.state === "loading"
            ? t("playground.customer.searching")
            : list.customers.length === 0 && search.trim()
              ? t("playground.customer.noMatch")
              : undefined
        }
      />
      <Select
        label={t("playground.customer.askAs")}
        options={options}
        value={customerId}
        onChange={setCustomerId}
        error={error}
      />
      <input type="hidden" name="customerId" value={customerId} />
      {list.error ? (
        <Text as="p" tone="critical">
          {list.error}
        </Text>
      ) : null}
    </BlockStack>
  );
}
