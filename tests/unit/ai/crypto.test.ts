import { describe, expect, test } from "vitest";
import { decryptSecret, encryptSecret, secretHint } from "../../../app/lib/crypto.server";

const KEY = Buffer.alloc(32, 1).toString("base64");
const OTHER = Buffer.alloc(32, 2).toString("base64");

describe("secrets at rest (AES-256-GCM)", () => {
  test("a secret decrypts back to itself, and two encryptions differ (random IV)", () => {
    const a = encryptSecret("sk-live-123456789", KEY);
    const b = encryptSecret("sk-live-123456789", KEY);
    expect(a).not.toBe(b);
    expect(a).not.toContain("sk-live");
    expect(decryptSecret(a, KEY)).toBe("sk-live-123456789");
  });

  test("a tampered ciphertext or another key is refused", () => {
    const sealed = encryptSecret("secret", KEY);
    const parts = sealed.split(".");
    const ct = Buffer.from(parts[3]!, "base64");
    ct[0] = ct[0]! ^ 1;
    const tampered = [parts[0], parts[1], parts[2], ct.toString("base64")].join(".");
    expect(() => decryptSecret(tampered, KEY)).toThrow();
    expect(() => decryptSecret(sealed, OTHER)).toThrow();
    expect(() => decryptSecret("plain-text", KEY)).toThrow(/not an encrypted secret/);
  });

  test("the admin hint shows only the last four characters", () => {
    expect(secretHint("sk-abcdefgh1234")).toBe("••••1234");
    expect(secretHint("short")).toBe("••••");
  });
});
