import { describe, expect, test } from "vitest";
import { formatDate, formatDateTime, formatTime, timeAgo } from "../../../app/lib/format";

describe("admin date formatting", () => {
  const at = "2026-12-01T13:05:00.000Z";

  test("formats in the shop's time zone, not the process's", () => {
    expect(formatDateTime(at, "Europe/Rome")).toBe("1 Dec 2026, 14:05");
    expect(formatDateTime(at, "America/Los_Angeles")).toBe("1 Dec 2026, 05:05");
    expect(formatDate(at, "Asia/Tokyo")).toBe("1 Dec 2026");
    expect(formatTime(at, "Asia/Tokyo")).toBe("22:05");
  });

  test("relative times count from the loader's now and fall back to the shop's day", () => {
    const now = Date.parse(at);
    expect(timeAgo(at, now + 20_000, "UTC")).toBe("just now");
    expect(timeAgo(at, now + 5 * 60_000, "UTC")).toBe("5 min ago");
    expect(timeAgo(at, now + 3 * 3_600_000, "UTC")).toBe("3 h ago");
    expect(timeAgo("2026-11-27T23:30:00.000Z", now, "Asia/Tokyo")).toBe("28 Nov");
  });

  test("an unknown time zone falls back to UTC instead of throwing", () => {
    expect(formatTime(at, "Not/AZone")).toBe("13:05");
  });
});
