/** Validation for the admin's general settings form (business hours, routing, retention...). */
import { z } from "zod";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type BusinessHours = Record<Weekday, [string, string] | null>;

const time = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A closing time may also be 24:00, the end of the day, so that a day can be open all day long. */
const closing = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/**
 * A time input cannot show 24:00, so a closing time of 00:00 means midnight at the end of the day
 * ("09:00 to 00:00"); stored as 24:00, which the schedule treats as the day's end.
 */
export function closingTime(to: string): string {
  return to === "00:00" ? "24:00" : to;
}

/** The value a time input shows for a stored closing time. */
export function closingInputValue(to: string): string {
  return to === "24:00" ? "00:00" : to;
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Parses stored business hours JSON, tolerating missing days (closed). */
export function parseBusinessHours(json: string): BusinessHours {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    raw = {};
  }
  const source = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const hours = {} as BusinessHours;
  for (const day of WEEKDAYS) {
    const value = source[day];
    hours[day] =
      Array.isArray(value) && value.length === 2 && time.test(String(value[0])) && closing.test(String(value[1]))
        ? [String(value[0]), String(value[1])]
        : null;
  }
  return hours;
}

export function parseHolidays(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((d): d is string => typeof d === "string") : [];
  } catch {
    return [];
  }
}

const dayField = z
  .object({ open: z.string().optional(), from: z.string().optional(), to: z.string().optional() })
  .default({}) // a closed day submits no fields
  .superRefine((d, ctx) => {
    if (d.open !== "on") return;
    if (!d.from || !time.test(d.from))
      ctx.addIssue({ code: "custom", path: ["from"], message: "validation.settings.time" });
    if (!d.to || !closing.test(d.to))
      ctx.addIssue({ code: "custom", path: ["to"], message: "validation.settings.closing" });
    if (d.from && d.to && time.test(d.from) && closing.test(d.to) && d.from >= closingTime(d.to))
      ctx.addIssue({ code: "custom", path: ["to"], message: "validation.settings.closingAfterOpening" });
  });

export const settingsFormSchema = z.object({
  timezone: z.string().trim().refine(isTimeZone, "validation.settings.timezone"),
  greeting: z.string().trim().max(500),
  routingMode: z.enum(["auto", "manual"]),
  handoffEnabled: z.enum(["on"]).optional(),
  inactivityAwayMinutes: z.coerce.number().int().min(1).max(240),
  inactivityCloseMinutes: z.coerce.number().int().min(5).max(1440),
  transferTimeoutSeconds: z.coerce
    .number()
    .int()
    .min(15, "validation.secondsAtLeast")
    .max(3600, "validation.secondsAtMost"),
  retentionDays: z.coerce.number().int().min(7).max(3650),
  notifyEmail: z.union([z.literal(""), z.string().trim().email()]),
  holidays: z
    .string()
    .trim()
    .refine(
      (v) => v === "" || v.split(/[\s,]+/).every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)),
      "validation.settings.holidays",
    ),
  hours: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, dayField])) as Record<Weekday, typeof dayField>),
});

/** Turns flat form fields (`hours.mon.from`) into the nested shape the schema validates. */
export function nestFormData(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const parts = key.split(".");
    let node = out;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  out.hours ??= {};
  return out;
}

export function toStoredSettings(input: z.infer<typeof settingsFormSchema>) {
  const hours = {} as BusinessHours;
  for (const day of WEEKDAYS) {
    const d = input.hours[day];
    hours[day] = d.open === "on" && d.from && d.to ? [d.from, closingTime(d.to)] : null;
  }
  return {
    timezone: input.timezone,
    greeting: input.greeting || null,
    routingMode: input.routingMode,
    handoffEnabled: input.handoffEnabled === "on",
    inactivityAwayMinutes: input.inactivityAwayMinutes,
    inactivityCloseMinutes: input.inactivityCloseMinutes,
    transferTimeoutSeconds: input.transferTimeoutSeconds,
    retentionDays: input.retentionDays,
    notifyEmail: input.notifyEmail || null,
    businessHours: JSON.stringify(hours),
    holidays: JSON.stringify(input.holidays ? [...new Set(input.holidays.split(/[\s,]+/))].sort() : []),
  };
}
