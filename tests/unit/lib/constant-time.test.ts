import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { sameDigest } from "../../../app/lib/constant-time";

describe("sameDigest", () => {
  const digest = (s: string) => createHash("sha256").update(s).digest("hex");

  test("equal digests are equal; a digest differing in any one place is not", () => {
    const a = digest("token");
    expect(sameDigest(a, digest("token"))).toBe(true);
    for (let i = 0; i < a.length; i++) {
      const changed = a.slice(0, i) + (a[i] === "0" ? "1" : "0") + a.slice(i + 1);
      expect(sameDigest(a, changed)).toBe(false);
    }
  });

  test("strings of different lengths are unequal, the empty string equals only itself", () => {
    const a = digest("token");
    expect(sameDigest(a, a.slice(0, 63))).toBe(false);
    expect(sameDigest(a, `${a}0`)).toBe(false);
    expect(sameDigest("", "")).toBe(true);
    expect(sameDigest("", a)).toBe(false);
  });
});
