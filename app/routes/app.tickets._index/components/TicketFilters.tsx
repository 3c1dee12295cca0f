import { useState } from "react";
import { Button, InlineStack, Select, TextField } from "@shopify/polaris";
import { TICKET_SLA_STATES } from "../../../domain/ticket-sla";
import { TICKET_PRIORITIES, TICKET_SORTS, TICKET_SOURCES } from "../../../domain/ticket-status";
import { useT } from "../../../lib/i18n/react";

export interface FilterValues {
  q?: string | undefined;
  priority?: string | undefined;
  assignee?: string | undefined;
  source?: string | undefined;
  sla?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  sort: string;
}

const any = (label: string) => ({ label, value: "" });

/** Search, filters and sort of the ticket list; every change is a new URL (so it can be shared). */
export function TicketFilters({
  values,
  operators,
  rangeError,
  onChange,
}: {
  values: FilterValues;
  operators: { id: string; name: string }[];
  rangeError: string | null;
  onChange: (changes: Record<string, string | undefined>) => void;
}) {
  const [query, setQuery] = useState(values.q ?? "");
  const { t } = useT();
  const filtered = Boolean(
    values.q || values.priority || values.assignee || values.source || values.sla || values.from || values.to,
  );
  return (
    <form
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ q: query.trim() || undefined });
      }}
    >
      <InlineStack gap="200" blockAlign="end" wrap>
        <div style={{ flex: "1 1 260px" }}>
          <TextField
            label={t("tickets.filters.search")}
            labelHidden
            placeholder={t("tickets.filters.searchPlaceholder")}
            value={query}
            onChange={setQuery}
            autoComplete="off"
            clearButton
            onClearButtonClick={() => {
              setQuery("");
              onChange({ q: undefined });
            }}
          />
        </div>
        <Select
          label={t("tickets.filters.priority")}
          labelInline
          options={[
            any(t("tickets.filters.any")),
            ...TICKET_PRIORITIES.map((p) => ({ label: t(`tickets.priority.${p}`), value: p })),
          ]}
          value={values.priority ?? ""}
          onChange={(v) => onChange({ priority: v })}
        />
        <Select
          label={t("tickets.filters.assignee")}
          labelInline
          options={[
            any(t("tickets.filters.anyone")),
            { label: t("tickets.filters.unassigned"), value: "none" },
            ...operators.map((o) => ({ label: o.name, value: o.id })),
          ]}
          value={values.assignee ?? ""}
          onChange={(v) => onChange({ assignee: v })}
        />
        <Select
          label={t("tickets.filters.source")}
          labelInline
          options={[
            any(t("tickets.filters.any")),
            ...TICKET_SOURCES.map((s) => ({ label: t(`tickets.source.${s}`), value: s })),
          ]}
          value={values.source ?? ""}
          onChange={(v) => onChange({ source: v })}
        />
        <Select
          label={t("tickets.filters.sla")}
          labelInline
          options={[
            any(t("tickets.filters.any")),
            ...TICKET_SLA_STATES.map((s) => ({ label: t(`tickets.sla.${s}`), value: s })),
          ]}
          value={values.sla ?? ""}
          onChange={(v) => onChange({ sla: v })}
        />
      </InlineStack>
      <div style={{ marginTop: "var(--p-space-200)" }}>
        <InlineStack gap="200" blockAlign="end" wrap>
          <TextField
            label={t("tickets.filters.from")}
            type="date"
            value={values.from ?? ""}
            onChange={(v) => onChange({ from: v || undefined })}
            autoComplete="off"
          />
          <TextField
            label={t("tickets.filters.to")}
            type="date"
            value={values.to ?? ""}
            onChange={(v) => onChange({ to: v || undefined })}
            autoComplete="off"
            error={rangeError ?? undefined}
          />
          <Select
            label={t("tickets.filters.sortBy")}
            options={TICKET_SORTS.map((s) => ({ label: t(`tickets.sort.${s}`), value: s }))}
            value={values.sort}
            onChange={(v) => onChange({ sort: v })}
          />
          <Button submit>{t("tickets.filters.search_button")}</Button>
          {filtered ? (
            <Button
              variant="plain"
              onClick={() => {
                setQuery("");
                onChange({
                  q: undefined,
                  priority: undefined,
                  assignee: undefined,
                  source: undefined,
                  sla: undefined,
                  from: undefined,
                  to: undefined,
                });
              }}
            >
              {t("tickets.filters.clear")}
            </Button>
          ) : null}
        </InlineStack>
      </div>
    </form>
  );
}
