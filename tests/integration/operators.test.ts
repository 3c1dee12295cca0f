/** Operators: created on first visit from the session token's `sub`, named, with presence. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setDb } from "~/db.server";
import {
  STALE_AFTER_MS,
  effectivePresence,
  fallbackName,
  heartbeat,
  heartbeatSchema,
  forgetNameChecks,
  NAME_REFRESH_MS,
  NAME_RETRY_MS,
  operatorForAdmin,
  refreshOperatorName,
  resolveOperator,
} from "~/domain/operators.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";

describe.each(databaseKinds)("operators on %s", (kind) => {
  let t: TestDatabase;
  const SHOP = `operators-${kind}.myshopify.com`;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setDb(t.db);
    await t.db.shop.create({ data: { shop: SHOP } });
  });
  afterAll(async () => {
    setDb(undefined);
    await t?.close();
  });

  test("the first staff member to visit becomes an admin, later ones operators with capacity 5", async () => {
    const first = await resolveOperator(SHOP, "501");
    const second = await resolveOperator(SHOP, "502");
    expect(first).toMatchObject({ staffUserId: "501", role: "admin", capacity: 5, name: fallbackName("501") });
    expect(second).toMatchObject({ staffUserId: "502", role: "operator", capacity: 5 });
    expect((await resolveOperator(SHOP, "501")).id).toBe(first.id);
  });

  test("concurrent first visits create one operator", async () => {
    const rows = await Promise.all([
      resolveOperator(SHOP, "600"),
      resolveOperator(SHOP, "600"),
      resolveOperator(SHOP, "600"),
    ]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    expect(await t.db.operator.count({ where: { shop: SHOP, staffUserId: "600" } })).toBe(1);
  });

  test("two staff members opening the app for the first time at the same instant: exactly one becomes admin", async () => {
    for (let round = 0; round < 8; round++) {
      const shop = `race-${round}-${SHOP}`;
      const rows = await Promise.all(["701", "702", "703"].map((staff) => resolveOperator(shop, `${staff}`)));
      expect(rows.filter((r) => r.role === "admin").length).toBe(1);
      expect(await t.db.operator.count({ where: { shop, role: "admin" } })).toBe(1);
      expect(await t.db.operator.count({ where: { shop } })).toBe(3);
    }
  });

  test("online-token data names a new operator; the account owner is an admin", async () => {
    const op = await resolveOperator(SHOP, "503", {
      onlineAccessInfo: {
        associated_user: { first_name: "Giulia", last_name: "Rossi", email: "giulia@example.com", account_owner: true },
      },
    });
    expect(op).toMatchObject({ name: "Giulia Rossi", email: "giulia@example.com", role: "admin" });
  });

  test("a fixture-seeded operator keeps its name when the token carries none", async () => {
    await t.db.operator.create({
      data: { shop: SHOP, staffUserId: "90002", name: "Luca Moretti", role: "operator", capacity: 3 },
    });
    const op = await operatorForAdmin({ session: { shop: SHOP }, sessionToken: { sub: "90002" } });
    expect(op).toMatchObject({ name: "Luca Moretti", capacity: 3 });
  });

  test("a request without a staff member's sub is refused", async () => {
    await expect(operatorForAdmin({ session: { shop: SHOP }, sessionToken: {} })).rejects.toMatchObject({
      status: 401,
    });
  });

  test("heartbeats set presence and idle means away; a name in the body is ignored", async () => {
    const op = await resolveOperator(SHOP, "504");
    const now = new Date();
    expect(
      await heartbeat(
        SHOP,
        op,
        heartbeatSchema.parse({ status: "online", user: { name: "Marco Bianchi", email: "marco@example.com" } }),
        now,
      ),
    ).toEqual({
      presence: "online",
    });
    let row = await t.db.operator.findUniqueOrThrow({ where: { id: op.id } });
    expect(row).toMatchObject({ presence: "online", name: fallbackName("504"), email: null });
    expect(effectivePresence(row, now)).toBe("online");

    await heartbeat(SHOP, row, heartbeatSchema.parse({ status: "online", idle: true }), now);
    row = await t.db.operator.findUniqueOrThrow({ where: { id: op.id } });
    expect(row.presence).toBe("away");
    await heartbeat(SHOP, row, heartbeatSchema.parse({ status: "away" }), now);
    expect((await t.db.operator.findUniqueOrThrow({ where: { id: op.id } })).presence).toBe("away");
  });

  test("an operator whose heartbeats stopped is offline, and the next heartbeat of a colleague records it", async () => {
    const quiet = await resolveOperator(SHOP, "505");
    const busy = await resolveOperator(SHOP, "506");
    const start = new Date();
    await heartbeat(SHOP, quiet, heartbeatSchema.parse({}), start);
    const later = new Date(start.getTime() + STALE_AFTER_MS + 1_000);
    const quietRow = await t.db.operator.findUniqueOrThrow({ where: { id: quiet.id } });
    expect(effectivePresence(quietRow, later)).toBe("offline");
    await heartbeat(SHOP, busy, heartbeatSchema.parse({}), later);
    expect((await t.db.operator.findUniqueOrThrow({ where: { id: quiet.id } })).presence).toBe("offline");
    expect((await t.db.operator.findUniqueOrThrow({ where: { id: busy.id } })).presence).toBe("online");
  });

  test("Shopify is asked for a staff member's name every 5 minutes while it is unknown, then once a day", async () => {
    forgetNameChecks();
    const op = await resolveOperator(SHOP, "507");
    let asked = 0;
    let answer: { name: string; email: string | null; accountOwner: boolean } | null = null;
    const lookUp = async () => {
      asked++;
      return answer;
    };
    const start = Date.now();
    expect((await refreshOperatorName(SHOP, op, lookUp, start)).name).toBe(fallbackName("507"));
    await refreshOperatorName(SHOP, op, lookUp, start + NAME_RETRY_MS - 1);
    expect(asked).toBe(1);

    answer = { name: "Paola Greco", email: "paola@example.com", accountOwner: false };
    const named = await refreshOperatorName(SHOP, op, lookUp, start + NAME_RETRY_MS);
    expect(asked).toBe(2);
    expect(named).toMatchObject({ name: "Paola Greco", email: "paola@example.com" });
    expect(await t.db.operator.findUniqueOrThrow({ where: { id: op.id } })).toMatchObject({ name: "Paola Greco" });

    answer = { name: "Paola Greco-Rossi", email: null, accountOwner: false };
    await refreshOperatorName(SHOP, named, lookUp, start + NAME_RETRY_MS + NAME_REFRESH_MS - 1);
    expect(asked).toBe(2);
    const renamed = await refreshOperatorName(SHOP, named, lookUp, start + NAME_RETRY_MS + NAME_REFRESH_MS);
    expect(asked).toBe(3);
    expect(renamed).toMatchObject({ name: "Paola Greco-Rossi", email: "paola@example.com" });
  });
});
