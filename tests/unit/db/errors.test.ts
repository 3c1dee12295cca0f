import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import { classifyDbError, isStorageUnavailable, isUniqueViolation } from "../../../app/db/errors.server";

describe("the database error classifier", () => {
  test("reads better-sqlite3's own errors: a unique violation, a read-only file", () => {
    const conn = new Database(":memory:");
    conn.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE)");
    conn.prepare("INSERT INTO t (k) VALUES ('a')").run();
    let unique: unknown;
    try {
      conn.prepare("INSERT INTO t (k) VALUES ('a')").run();
    } catch (error) {
      unique = error;
    }
    expect(classifyDbError(unique)).toBe("unique");
    expect(isUniqueViolation(unique)).toBe(true);
    conn.close();
  });

  test("reads Prisma's codes and the driver adapter's nested cause", () => {
    expect(classifyDbError({ code: "P2002", meta: {} })).toBe("unique");
    expect(classifyDbError({ code: "SQLITE_FULL" })).toBe("disk_full");
    expect(classifyDbError({ code: "SQLITE_READONLY_DBMOVED" })).toBe("read_only");
    expect(classifyDbError({ code: "SQLITE_IOERR_WRITE" })).toBe("unavailable");
    expect(classifyDbError({ code: "SQLITE_BUSY_SNAPSHOT" })).toBe("busy");
    expect(
      classifyDbError({ name: "PrismaClientUnknownRequestError", cause: { kind: "sqlite", extendedCode: 13 } }),
    ).toBe("disk_full");
    expect(classifyDbError({ meta: { driverAdapterError: { cause: { kind: "sqlite", extendedCode: 1032 } } } })).toBe(
      "read_only",
    );
  });

  test("reads PostgreSQL's SQLSTATEs and lost connections", () => {
    expect(classifyDbError({ code: "23505" })).toBe("unique");
    expect(classifyDbError({ code: "53100" })).toBe("disk_full");
    expect(classifyDbError({ code: "25006" })).toBe("read_only");
    expect(classifyDbError({ code: "57P01" })).toBe("unavailable");
    expect(classifyDbError({ code: "08006" })).toBe("unavailable");
    expect(classifyDbError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(
      "unavailable",
    );
    expect(classifyDbError({ cause: { kind: "postgres", originalCode: "40001" } })).toBe("busy");
    expect(classifyDbError({ code: "55000", message: 'database "t" is not currently accepting connections' })).toBe(
      "unavailable",
    );
    expect(classifyDbError(new Error("Connection terminated unexpectedly"))).toBe("unavailable");
    // pg's refusal of a query sent on a connection the server cut meanwhile
    expect(classifyDbError(new Error("Client has encountered a connection error and is not queryable"))).toBe(
      "unavailable",
    );
    expect(classifyDbError({ code: "55000", message: "currval of sequence is not yet defined" })).toBeUndefined();
  });

  test("anything else is not a database failure", () => {
    expect(classifyDbError(new Error("boom"))).toBeUndefined();
    expect(classifyDbError({ code: "P2025" })).toBeUndefined();
    expect(classifyDbError(undefined)).toBeUndefined();
    expect(isStorageUnavailable({ code: "P2002" })).toBe(false);
    expect(isStorageUnavailable({ code: "SQLITE_FULL" })).toBe(true);
  });
});
