/** Pure analytics over conversation and ticket facts (the admin's Analytics page). */

export interface ConversationFacts {
  state: string;
  closeReason: string | null;
  createdAt: Date;
  queuedAt: Date | null;
  firstHumanReplyAt: Date | null;
  closedAt: Date | null;
  rating: number | null;
  aiCostMicros: number;
}

export interface TicketFacts {
  createdAt: Date;
  resolvedAt: Date | null;
  slaBreachedAt: Date | null;
}

export interface AnalyticsSummary {
  conversations: number;
  perDay: { day: string; count: number }[];
  aiResolvedShare: number | null;
  escalationRate: number | null;
  medianFirstResponseSeconds: number | null;
  medianResolutionSeconds: number | null;
  csat: { average: number | null; responses: number };
  tickets: number;
  slaCompliance: number | null;
  busiestHours: { hour: number; count: number }[];
  aiCostMicros: number;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function dayIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

function hourIn(date: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(date));
}

/** Summarises a period of `days` days ending at `now`, bucketing by day and hour in the shop's time zone. */
export function summarize(
  conversations: ConversationFacts[],
  tickets: TicketFacts[],
  options: { days: number; now: Date; timeZone: string },
): AnalyticsSummary {
  const { days, now, timeZone } = options;
  const perDay = new Map<string, number>();
  for (let i = days - 1; i >= 0; i--) perDay.set(dayIn(new Date(now.getTime() - i * 86_400_000), timeZone), 0);
  const hours = new Array<number>(24).fill(0);
  for (const c of conversations) {
    const day = dayIn(c.createdAt, timeZone);
    if (perDay.has(day)) perDay.set(day, perDay.get(day)! + 1);
    hours[hourIn(c.createdAt, timeZone)]! += 1;
  }
  const closed = conversations.filter((c) => c.state === "closed");
  const aiResolved = closed.filter((c) => c.queuedAt === null && c.closeReason !== "abandoned");
  const escalated = conversations.filter((c) => c.queuedAt !== null);
  const firstResponses = conversations
    .filter((c) => c.queuedAt && c.firstHumanReplyAt)
    .map((c) => (c.firstHumanReplyAt!.getTime() - c.queuedAt!.getTime()) / 1000);
  const resolutions = closed
    .filter((c) => c.closedAt)
    .map((c) => (c.closedAt!.getTime() - c.createdAt.getTime()) / 1000);
  const ratings = conversations.map((c) => c.rating).filter((r): r is number => r !== null);
  return {
    conversations: conversations.length,
    perDay: [...perDay.entries()].map(([day, count]) => ({ day, count })),
    aiResolvedShare: ratio(aiResolved.length, closed.length),
    escalationRate: ratio(escalated.length, conversations.length),
    medianFirstResponseSeconds: median(firstResponses),
    medianResolutionSeconds: median(resolutions),
    csat: {
      average: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null,
      responses: ratings.length,
    },
    tickets: tickets.length,
    slaCompliance: ratio(tickets.filter((t) => t.slaBreachedAt === null).length, tickets.length),
    busiestHours: hours
      .map((count, hour) => ({ hour, count }))
      .filter((h) => h.count > 0)
      .sort((a, b) => b.count - a.count || a.hour - b.hour)
      .slice(0, 5),
    aiCostMicros: conversations.reduce((sum, c) => sum + c.aiCostMicros, 0),
  };
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function formatPercent(value: number | null): string {
  return value === null ? "—" : `${Math.round(value * 100)}%`;
}
