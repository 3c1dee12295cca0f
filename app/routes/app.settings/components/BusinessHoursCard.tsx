import { useState } from "react";
import { BlockStack, Card, Checkbox, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { WEEKDAYS, closingInputValue, type BusinessHours, type Weekday } from "../../../domain/settings";
import { useT } from "../../../lib/i18n/react";

interface Props {
  hours: BusinessHours;
  timezone: string;
  onTimezoneChange: (value: string) => void;
  holidays: string;
  onHolidaysChange: (value: string) => void;
  errors: Record<string, string>;
  disabled: boolean;
}

export function BusinessHoursCard(props: Props) {
  const { t } = useT();
  const dayLabel = (day: Weekday) => t(`settings.days.${day}`);
  const [days, setDays] = useState(
    () =>
      Object.fromEntries(
        WEEKDAYS.map((d) => [
          d,
          {
            open: props.hours[d] !== null,
            from: props.hours[d]?.[0] ?? "09:00",
            to: closingInputValue(props.hours[d]?.[1] ?? "18:00"),
          },
        ]),
      ) as Record<Weekday, { open: boolean; from: string; to: string }>,
  );
  const update = (day: Weekday, patch: Partial<{ open: boolean; from: string; to: string }>) =>
    setDays((all) => ({ ...all, [day]: { ...all[day], ...patch } }));
  return (
    <Card>
      <FormLayout>
        <TextField
          label={t("settings.timeZone")}
          name="timezone"
          value={props.timezone}
          onChange={props.onTimezoneChange}
          autoComplete="off"
          helpText={t("settings.timeZoneHelp")}
          error={props.errors.timezone}
          disabled={props.disabled}
        />
        <BlockStack gap="200">
          {WEEKDAYS.map((day) => (
            <InlineStack key={day} gap="300" blockAlign="center" wrap={false}>
              <div style={{ width: 130 }}>
                <Checkbox
                  label={dayLabel(day)}
                  name={`hours.${day}.open`}
                  value="on"
                  checked={days[day].open}
                  onChange={(open) => update(day, { open })}
                  disabled={props.disabled}
                />
              </div>
              {days[day].open ? (
                <>
                  <TextField
                    label={t("settings.opens", { day: dayLabel(day) })}
                    labelHidden
                    name={`hours.${day}.from`}
                    type="time"
                    value={days[day].from}
                    onChange={(from) => update(day, { from })}
                    autoComplete="off"
                    error={props.errors[`hours.${day}.from`]}
                    disabled={props.disabled}
                  />
                  <Text as="span">{t("settings.to")}</Text>
                  <TextField
                    label={t("settings.closes", { day: dayLabel(day) })}
                    labelHidden
                    name={`hours.${day}.to`}
                    type="time"
                    value={days[day].to}
                    onChange={(to) => update(day, { to })}
                    autoComplete="off"
                    error={props.errors[`hours.${day}.to`]}
                    disabled={props.disabled}
                  />
                </>
              ) : (
                <Text as="span" tone="subdued">
                  {t("settings.closed")}
                </Text>
              )}
            </InlineStack>
          ))}
        </BlockStack>
        <TextField
          label={t("settings.holidays")}
          name="holidays"
          value={props.holidays}
          onChange={props.onHolidaysChange}
          autoComplete="off"
          helpText={t("settings.holidaysHelp")}
          error={props.errors.holidays}
          disabled={props.disabled}
        />
      </FormLayout>
    </Card>
  );
}
