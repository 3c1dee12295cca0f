/**
 * Writes prisma/postgresql/schema.prisma from prisma/schema.prisma: same models, PostgreSQL
 * datasource, its own generated client. `--check` fails when the committed file differs.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { pgSchemaFrom } from "./schema-variant";

const source = readFileSync("prisma/schema.prisma", "utf8");
const target = "prisma/postgresql/schema.prisma";
const wanted = pgSchemaFrom(source);
if (process.argv.includes("--check")) {
  const actual = readFileSync(target, "utf8");
  if (actual !== wanted) {
    console.error(`${target} is out of date: run npm run prisma:pg`);
    process.exit(1);
  }
  console.log(`${target} matches prisma/schema.prisma`);
} else {
  mkdirSync("prisma/postgresql", { recursive: true });
  writeFileSync(target, wanted);
  console.log(`wrote ${target}`);
}
