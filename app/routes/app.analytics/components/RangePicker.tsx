/** The period: a preset (last 7/30/90/365 days) or a custom range of days, read by the loader from the URL. */
import { Form, useSearchParams } from "@remix-run/react";
import { Button, InlineStack, Select, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useT } from "../../../lib/i18n/react";

const OPTIONS = [
  { key: "last7", value: "7" },
  { key: "last30", value: "30" },
  { key: "last90", value: "90" },
  { key: "last365", value: "365" },
  { key: "custom", value: "custom" },
] as const;

export function RangePicker(props: { preset: string; from: string; to: string; fields: Record<string, string> }) {
  const [, setParams] = useSearchParams();
  const [preset, setPreset] = useState(props.preset);
  const [from, setFrom] = useState(props.from);
  const [to, setTo] = useState(props.to);
  const { t } = useT();
  return (
    <Form method="get">
      <InlineStack gap="300" blockAlign="end" wrap>
        <Select
          label={t("analytics.range.label")}
          name="range"
          options={OPTIONS.map((o) => ({ label: t(`analytics.range.${o.key}`), value: o.value }))}
          value={preset}
          onChange={(value) => {
            setPreset(value);
            if (value !== "custom") setParams({ range: value });
          }}
        />
        {preset === "custom" ? (
          <>
            <TextField
              label={t("analytics.range.from")}
              type="date"
              name="from"
              value={from}
              onChange={setFrom}
              autoComplete="off"
              error={props.fields.from}
            />
            <TextField
              label={t("analytics.range.to")}
              type="date"
              name="to"
              value={to}
              onChange={setTo}
              autoComplete="off"
              error={props.fields.to}
            />
            <Button submit>{t("common.actions.apply")}</Button>
          </>
        ) : null}
      </InlineStack>
    </Form>
  );
}
