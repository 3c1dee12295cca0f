import { describe, expect, test } from "vitest";
import { can, PERMISSIONS, refusal, type Permission } from "~/domain/permissions";

const ADMIN_ONLY: Permission[] = [
  "settings.change",
  "assistant.change",
  "assistant.test",
  "playground.ask",
  "data_requests.read",
  "conversations.assign",
  "conversations.manage_others",
  "team.manage",
  "data.export",
];

describe("permissions by role", () => {
  test("the table lists exactly the admin-only actions and the inbox work everybody does", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ADMIN_ONLY, "inbox.work"].sort());
  });

  test.each(ADMIN_ONLY)("%s is allowed to admins and refused to operators", (permission) => {
    expect(can("admin", permission)).toBe(true);
    expect(can("operator", permission)).toBe(false);
    expect(refusal(permission)).toMatch(/admin/);
    // in the staff member's admin language
    expect(refusal(permission, "it")).toMatch(/amministrator/);
  });

  test("admins and operators both work the inbox", () => {
    expect(can("admin", "inbox.work")).toBe(true);
    expect(can("operator", "inbox.work")).toBe(true);
  });

  test("a role the table does not know is allowed nothing", () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      expect(can("owner", permission)).toBe(false);
      expect(can("", permission)).toBe(false);
    }
  });
});
