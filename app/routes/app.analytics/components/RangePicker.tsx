/** The period: a preset (last 7/30/90/365 days) or a custom range of days, read by the loader from the URL. */
import { Form, useSearchParams } from "@remix-run/react";
import { Button, InlineStack, Select, TextField } from "@shopify/polaris";
import { useState } from "react";

const OPTIONS = [
  { label: "Last 7 days", value: "7" },
  { label: "Last 30 days", value: "30" },
  { label: "Last 90 days", value: "90" },
  { label: "Last 365 days", value: "365" },
  { label: "Custom range", value: "custom" },
];

export function RangePicker(props: { preset: string; from: string; to: string; fields: Record<string, string> }) {
  const [, setParams] = useSearchParams();
  const [preset, setPreset] = useState(props.preset);
  const [from, setFrom] = useState(props.from);
  const [to, setTo] = useState(props.to);
  return (
    <Form method="get">
      <InlineStack gap="300" blockAlign="end" wrap>
        <Select
          label="Date range"
          name="range"
          options={OPTIONS}
          value={preset}
          onChange={(value) => {
            setPreset(value);
            if (value !== "custom") setParams({ range: value });
          }}
        />
        {preset === "custom" ? (
          <>
            <TextField
              label="From"
              type="date"
              name="from"
              value={from}
              onChange={setFrom}
              autoComplete="off"
              error={props.fields.from}
            />
            <TextField
              label="To"
              type="date"
              name="to"
              value={to}
              onChange={setTo}
              autoComplete="off"
              error={props.fields.to}
            />
            <Button submit>Apply</Button>
          </>
        ) : null}
      </InlineStack>
    </Form>
  );
}
