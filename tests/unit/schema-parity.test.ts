import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { modelsOf, pgSchemaFrom } from "../../scripts/schema-variant";

const sqlite = readFileSync("prisma/schema.prisma", "utf8");
const postgres = readFileSync("prisma/postgresql/schema.prisma", "utf8");

describe("the PostgreSQL schema variant", () => {
  test("has exactly the models, fields and indexes of prisma/schema.prisma", () => {
    expect(modelsOf(postgres)).toBe(modelsOf(sqlite));
  });

  test("is what `npm run prisma:pg` generates from prisma/schema.prisma", () => {
    expect(postgres).toBe(pgSchemaFrom(sqlite));
  });

  test("targets PostgreSQL and its own generated client", () => {
    expect(postgres).toContain('provider = "postgresql"');
    expect(postgres).toContain("app/generated/prisma-pg");
  });

  test("a model changed on one side only is detected", () => {
    const drifted = postgres.replace("model Job {", "model Job {\n  extra String?");
    expect(modelsOf(drifted)).not.toBe(modelsOf(sqlite));
  });
});
