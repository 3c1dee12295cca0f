/**
 * A canned response's shortcut as typed: the table and the reply box show it as "/refund", so a
 * leading slash (and spaces, and capitals) mean the same shortcut "refund". Pure: the form and the
 * action read the same rule.
 */
export function shortcutInput(raw: string): string {
  return raw.trim().replace(/^\/+/, "").trim().toLowerCase();
}
