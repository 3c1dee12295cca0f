import { describe, expect, test } from "vitest";
import { formatDuration, formatPercent, median, summarize, type ConversationFacts } from "~/domain/analytics";

const now = new Date("2026-11-26T12:00:00Z");
const at = (iso: string) => new Date(iso);

function conv(over: Partial<ConversationFacts>): ConversationFacts {
  return {
    state: "closed",
    closeReason: "resolved",
    createdAt: at("2026-11-26T09:00:00Z"),
    queuedAt: null,
    firstHumanReplyAt: null,
    closedAt: at("2026-11-26T09:10:00Z"),
    rating: null,
    aiCostMicros: 0,
    ...over,
  };
}

describe("analytics summary", () => {
  test("counts AI-resolved chats, escalations and the median first human reply", () => {
    const s = summarize(
      [
        conv({ rating: 5, aiCostMicros: 1200 }),
        conv({ queuedAt: at("2026-11-26T09:01:00Z"), firstHumanReplyAt: at("2026-11-26T09:02:00Z"), rating: 3 }),
        conv({
          state: "queued",
          closedAt: null,
          queuedAt: at("2026-11-25T10:00:00Z"),
          createdAt: at("2026-11-25T09:59:00Z"),
        }),
      ],
      [{ createdAt: now, resolvedAt: null, slaBreachedAt: null }],
      { days: 7, now, timeZone: "Europe/Rome" },
    );
    expect(s.conversations).toBe(3);
    expect(s.aiResolvedShare).toBe(0.5);
    expect(s.escalationRate).toBeCloseTo(2 / 3);
    expect(s.medianFirstResponseSeconds).toBe(60);
    expect(s.csat).toEqual({ average: 4, responses: 2 });
    expect(s.slaCompliance).toBe(1);
    expect(s.aiCostMicros).toBe(1200);
    expect(s.perDay).toHaveLength(7);
    expect(s.perDay.at(-1)).toEqual({ day: "2026-11-26", count: 2 });
    expect(s.busiestHours).toEqual([{ hour: 10, count: 3 }]); // 09:00 and 09:59 UTC are both 10:xx in Rome
  });

  test("answers no data with dashes, not zeros or NaN", () => {
    const s = summarize([], [], { days: 7, now, timeZone: "UTC" });
    expect(formatPercent(s.aiResolvedShare)).toBe("—");
    expect(formatDuration(s.medianFirstResponseSeconds)).toBe("—");
    expect(s.csat.average).toBeNull();
  });

  test("median of an even list is the mean of the middle two", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
