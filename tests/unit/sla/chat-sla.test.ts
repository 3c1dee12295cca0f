/** A queued chat's first-response clock: the chat target in business minutes, the 80% point, a recorded breach. */
import { describe, expect, test } from "vitest";
import { parseSchedule } from "../../../app/domain/conversations/business-hours";
import { chatDueAt, chatSla } from "../../../app/domain/sla/chat-sla";
import { DEFAULT_SLA_TARGETS, parseSlaTargets } from "../../../app/domain/sla/targets";

const rome = parseSchedule(
  "Europe/Rome",
  JSON.stringify(Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, ["09:00", "18:00"]]))),
  JSON.stringify(["2026-12-08"]),
);
const targets = parseSlaTargets(
  JSON.stringify({ normal: { firstResponseMinutes: 600 }, chat: { firstResponseMinutes: 10 } }),
);

describe("a queued chat's SLA clock", () => {
  test("uses the chat target, not a ticket priority's, counted from the next opening", () => {
    const saturday = new Date("2026-12-05T10:00:00Z");
    // Monday is 7 Dec: open at 09:00 Rome (08:00 UTC), due ten business minutes later
    expect(chatDueAt(rome, targets, saturday)?.toISOString()).toBe("2026-12-07T08:10:00.000Z");
    expect(chatSla(rome, targets, saturday, null, new Date("2026-12-06T20:00:00Z"))).toEqual({
      status: "ok",
      dueAt: "2026-12-07T08:10:00.000Z",
      breachRecorded: false,
    });
    expect(chatSla(rome, targets, saturday, null, new Date("2026-12-07T08:08:00Z"))?.status).toBe("warning");
    expect(chatSla(rome, targets, saturday, null, new Date("2026-12-07T08:10:00Z"))?.status).toBe("breached");
  });

  test("a recorded breach stays after the chat stopped waiting; no target and no wait mean no clock", () => {
    const due = new Date("2026-12-07T08:10:00Z");
    expect(chatSla(rome, targets, null, due, new Date("2026-12-09T12:00:00Z"))).toEqual({
      status: "breached",
      dueAt: due.toISOString(),
      breachRecorded: true,
    });
    expect(chatSla(rome, targets, null, null, new Date())).toBeNull();
    const none = { ...DEFAULT_SLA_TARGETS, chat: { firstResponseMinutes: 0 } };
    expect(chatSla(rome, none, new Date(), null, new Date())).toBeNull();
  });
});
