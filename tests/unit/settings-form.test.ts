import { describe, expect, test } from "vitest";
import { nestFormData, parseBusinessHours, settingsFormSchema, toStoredSettings } from "~/domain/settings";
import { themeEditorUrl } from "~/domain/setup";
import { isWithinBusinessHours, parseSchedule } from "~/domain/conversations/business-hours";

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
  transferTimeoutSeconds: "120",
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

  test("stores the transfer timeout in seconds and refuses one under 15 seconds or over an hour", () => {
    expect(toStoredSettings(settingsFormSchema.parse(nestFormData(form(valid)))).transferTimeoutSeconds).toBe(120);
    for (const bad of ["5", "3601", "soon"]) {
      const result = settingsFormSchema.safeParse(nestFormData(form({ ...valid, transferTimeoutSeconds: bad })));
      expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["transferTimeoutSeconds"]);
    }
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

  test("a day open 00:00 to 24:00 is open in its last minute too (23:59 would close a minute each night)", () => {
    const parsed = settingsFormSchema.parse(
      nestFormData(form({ ...valid, "hours.mon.from": "00:00", "hours.mon.to": "24:00" })),
    );
    const stored = toStoredSettings(parsed);
    expect(parseBusinessHours(stored.businessHours).mon).toEqual(["00:00", "24:00"]);
    const schedule = parseSchedule("Europe/Rome", stored.businessHours, "[]");
    // Monday 30 November 2026, 23:59:30 in Rome.
    expect(isWithinBusinessHours(schedule, new Date("2026-11-30T22:59:30Z"))).toBe(true);
    expect(isWithinBusinessHours(schedule, new Date("2026-11-30T23:00:30Z"))).toBe(false); // Tuesday is closed
    expect(settingsFormSchema.safeParse(nestFormData(form({ ...valid, "hours.mon.from": "24:00" }))).success).toBe(
      false,
    );
    // A time input cannot show 24:00: closing at 00:00 means midnight at the end of the day.
    const midnight = toStoredSettings(
      settingsFormSchema.parse(nestFormData(form({ ...valid, "hours.mon.from": "09:00", "hours.mon.to": "00:00" }))),
    );
    expect(parseBusinessHours(midnight.businessHours).mon).toEqual(["09:00", "24:00"]);
  });
});

describe("theme editor deep link", () => {
  test("activates the tandem-chat app embed for the app's API key", () => {
    expect(themeEditorUrl("tandem-demo.myshopify.com", "tandem-demo-key")).toBe(
      "https://tandem-demo.myshopify.com/admin/themes/current/editor?context=apps&activateAppId=tandem-demo-key/tandem-chat",
    );
  });
});
