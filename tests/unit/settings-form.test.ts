import { describe, expect, test } from "vitest";
import { nestFormData, parseBusinessHours, settingsFormSchema, toStoredSettings } from "~/domain/settings";
import { themeEditorUrl } from "~/domain/setup";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

const valid = {
  timezone: "Europe/Rome",
  greeting: "Hi",
  routingMode: "auto",
  handoffEnabled: "on",
  inactivityAwayMinutes: "10",
  inactivityCloseMinutes: "30",
  retentionDays: "365",
  notifyEmail: "",
  holidays: "2026-12-26, 2026-12-25",
  "hours.mon.open": "on",
  "hours.mon.from": "09:00",
  "hours.mon.to": "18:00",
};

describe("settings form", () => {
  test("stores open days as [from, to], closed days as null and holidays sorted", () => {
    const parsed = settingsFormSchema.parse(nestFormData(form(valid)));
    const stored = toStoredSettings(parsed);
    const hours = parseBusinessHours(stored.businessHours);
    expect(hours.mon).toEqual(["09:00", "18:00"]);
    expect(hours.sun).toBeNull();
    expect(JSON.parse(stored.holidays)).toEqual(["2026-12-25", "2026-12-26"]);
    expect(stored.handoffEnabled).toBe(true);
  });

  test("refuses an unknown time zone and a closing time before the opening time", () => {
    const result = settingsFormSchema.safeParse(
      nestFormData(form({ ...valid, timezone: "Mars/Olympus", "hours.mon.to": "08:00" })),
    );
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("timezone");
    expect(paths).toContain("hours.mon.to");
  });
});

describe("theme editor deep link", () => {
  test("activates the tandem-chat app embed for the app's API key", () => {
    expect(themeEditorUrl("tandem-demo.myshopify.com", "tandem-demo-key")).toBe(
      "https://tandem-demo.myshopify.com/admin/themes/current/editor?context=apps&activateAppId=tandem-demo-key/tandem-chat",
    );
  });
});
