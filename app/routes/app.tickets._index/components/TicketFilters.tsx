import { useState } from "react";
import { Button, InlineStack, Select, TextField } from "@shopify/polaris";
import { TICKET_SLA_LABEL, TICKET_SLA_STATES } from "../../../domain/ticket-sla";
import {
  TICKET_PRIORITIES,
  TICKET_PRIORITY_LABEL,
  TICKET_SORT_LABEL,
  TICKET_SORTS,
  TICKET_SOURCE_LABEL,
  TICKET_SOURCES,
} from "../../../domain/ticket-status";

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
            label="Search tickets"
            labelHidden
            placeholder="Search: T-1001, subject, requester email or reply text"
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
          label="Priority"
          labelInline
          options={[any("Any"), ...TICKET_PRIORITIES.map((p) => ({ label: TICKET_PRIORITY_LABEL[p], value: p }))]}
          value={values.priority ?? ""}
          onChange={(v) => onChange({ priority: v })}
        />
        <Select
          label="Assignee"
          labelInline
          options={[
            any("Anyone"),
            { label: "Unassigned", value: "none" },
            ...operators.map((o) => ({ label: o.name, value: o.id })),
          ]}
          value={values.assignee ?? ""}
          onChange={(v) => onChange({ assignee: v })}
        />
        <Select
          label="Source"
          labelInline
          options={[any("Any"), ...TICKET_SOURCES.map((s) => ({ label: TICKET_SOURCE_LABEL[s], value: s }))]}
          value={values.source ?? ""}
          onChange={(v) => onChange({ source: v })}
        />
        <Select
          label="SLA"
          labelInline
          options={[any("Any"), ...TICKET_SLA_STATES.map((s) => ({ label: TICKET_SLA_LABEL[s], value: s }))]}
          value={values.sla ?? ""}
          onChange={(v) => onChange({ sla: v })}
        />
      </InlineStack>
      <div style={{ marginTop: "var(--p-space-200)" }}>
        <InlineStack gap="200" blockAlign="end" wrap>
          <TextField
            label="Created from"
            type="date"
            value={values.from ?? ""}
            onChange={(v) => onChange({ from: v || undefined })}
            autoComplete="off"
          />
          <TextField
            label="Created to"
            type="date"
            value={values.to ?? ""}
            onChange={(v) => onChange({ to: v || undefined })}
            autoComplete="off"
            error={rangeError ?? undefined}
          />
          <Select
            label="Sort by"
            options={TICKET_SORTS.map((s) => ({ label: TICKET_SORT_LABEL[s], value: s }))}
            value={values.sort}
            onChange={(v) => onChange({ sort: v })}
          />
          <Button submit>Search</Button>
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
              Clear filters
            </Button>
          ) : null}
        </InlineStack>
      </div>
    </form>
  );
}
