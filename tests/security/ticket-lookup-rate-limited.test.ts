/**
 * Finding: `GET /proxy/tickets/:number?email=` had no limit, so a script could enumerate ticket
 * numbers for an email, or emails for a ticket. Lookups are now limited per visitor address and
 * per ticket (429 rate_limited with Retry-After), far above what a shopper checking a ticket does.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { LIMITS } from "../../app/domain/conversations/rate-limits.server";
import { resetLimits } from "../../app/lib/limits.server";
import { databaseKinds } from "../helpers/db";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "../integration/support/proxy-server";

describe.each(databaseKinds)("ticket lookups on %s", (kind) => {
  const shop = `tickets-${kind}.myshopify.com`;
  let app: RunningApp;
  let ip = 0;
  const visitor = () => `198.51.100.${++ip}`;
  const lookup = (number: string, email: string, address: string) =>
    proxyFetch(app.url, shop, `/tickets/${number}`, { query: { email }, ip: address });

  beforeAll(async () => {
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, shop);
    for (const [number, email] of [
      [1001, "emma@example.com"],
      [1002, "noah@example.com"],
    ] as const) {
      await app.database.db.ticket.create({
        data: { shop, number, subject: "Late parcel", source: "widget_form", requesterEmail: email },
      });
    }
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(() => resetLimits({ clearCounters: true }));

  async function expectLimited(res: Response) {
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ error: { code: "rate_limited", message: expect.any(String) } });
  }

  test("guessing emails for one ticket from many addresses is refused after five, even with the right email, and other tickets are not affected", async () => {
    for (let i = 0; i < LIMITS.ticketFailuresPerTicket.points; i++) {
      expect((await lookup("T-1001", `guess${i}@example.com`, visitor())).status).toBe(404);
    }
    await expectLimited(await lookup("T-1001", "emma@example.com", visitor()));
    expect((await lookup("T-1002", "noah@example.com", visitor())).status).toBe(200);
  });

  test("one address enumerating ticket numbers is refused after twenty lookups, while a shopper elsewhere checking their ticket again and again is always answered", async () => {
    const address = visitor();
    const shopper = visitor();
    for (let i = 0; i < LIMITS.ticketLookupsPerVisitor.points; i++) {
      expect((await lookup(`T-${2000 + i}`, "emma@example.com", address)).status).toBe(404);
      if (i % 2 === 0) {
        const own = await lookup("T-1001", "Emma@Example.com", shopper);
        expect(own.status).toBe(200);
        expect((await own.json()).ticket).toMatchObject({ number: "T-1001", status: "open" });
      }
    }
    await expectLimited(await lookup("T-1001", "emma@example.com", address));
    expect((await lookup("T-1001", "emma@example.com", shopper)).status).toBe(200);
  });
});
