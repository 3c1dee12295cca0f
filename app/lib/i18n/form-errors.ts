/**
 * Form validation messages in the reader's language, one function for every admin form. A schema's
 * own message is a catalog key (`validation.smtp.port`); zod's built-in messages (a field left
 * empty, a number out of range, an address that is not one) are written from the issue's code and
 * limits. Any other text (already in the reader's language, or from a check outside zod) is kept.
 */
import { z } from "zod";
import { en, type MessageKey, type Translate } from "./catalog";
import { lookUp, type Vars } from "./core";

const KEY_SHAPE = /^[a-zA-Z]\w*(\.\w+)+$/;

/** Whether `text` names a message of the catalogs (rather than being a message itself). */
export function isMessageKey(text: string): text is MessageKey {
  return KEY_SHAPE.test(text) && lookUp(en, text) !== undefined;
}

/** `key` in the reader's language when it is a catalog key; other text as it is. */
export function textOf(keyOrText: string, t: Translate, vars?: Vars): string {
  return isMessageKey(keyOrText) ? t(keyOrText, vars) : keyOrText;
}

function limitsOf(issue: z.ZodIssue): Vars {
  const vars: Vars = {};
  // `count` picks a plural message's form ("At least 1 chat." / "At least 2 chats.")
  if (issue.code === "too_small") vars.minimum = vars.count = Number(issue.minimum);
  if (issue.code === "too_big") vars.maximum = vars.count = Number(issue.maximum);
  if (issue.code === "custom" && issue.params) {
    for (const [k, v] of Object.entries(issue.params)) if (typeof v === "string" || typeof v === "number") vars[k] = v;
  }
  return vars;
}

function builtInMessage(issue: z.ZodIssue): string {
  return z.defaultErrorMap(issue as z.ZodIssueOptionalMessage, { defaultError: "", data: undefined }).message;
}

function fromCode(issue: z.ZodIssue, t: Translate): string {
  const vars = limitsOf(issue);
  switch (issue.code) {
    case "invalid_type":
      if (issue.received === "undefined" || issue.received === "null") return t("validation.required");
      if (issue.expected === "integer") return t("validation.wholeNumber");
      if (issue.expected === "number") return t("validation.number");
      return t("validation.invalid");
    case "too_small":
      if (issue.type === "string")
        return vars.minimum === 1 ? t("validation.required") : t("validation.tooShort", vars);
      if (issue.type === "number" || issue.type === "bigint") return t("validation.atLeast", vars);
      if (issue.type === "array" || issue.type === "set")
        return vars.minimum === 1 ? t("validation.chooseOne") : t("validation.chooseAtLeast", vars);
      return t("validation.invalid");
    case "too_big":
      if (issue.type === "string") return t("validation.tooLong", vars);
      if (issue.type === "number" || issue.type === "bigint") return t("validation.atMost", vars);
      if (issue.type === "array" || issue.type === "set") return t("validation.chooseAtMost", vars);
      return t("validation.invalid");
    case "invalid_string":
      if (issue.validation === "email") return t("validation.email");
      if (issue.validation === "url") return t("validation.url");
      return t("validation.invalid");
    case "invalid_enum_value":
    case "invalid_literal":
    case "invalid_union":
    case "invalid_union_discriminator":
      return t("validation.choose");
    case "not_multiple_of":
      return t("validation.wholeNumber");
    case "invalid_date":
      return t("validation.date");
    default:
      return t("validation.invalid");
  }
}

/** One issue as the reader reads it. */
export function issueText(issue: z.ZodIssue, t: Translate): string {
  if (isMessageKey(issue.message)) return t(issue.message, limitsOf(issue));
  if (issue.message === builtInMessage(issue)) return fromCode(issue, t);
  return issue.message;
}

/**
 * The first message for each field of a failed parse. The field is the whole path (`hours.mon.from`),
 * or its first part with `{ field: "first" }` (a list's items are one field); "form" without a path.
 */
export function formErrors(
  error: z.ZodError,
  t: Translate,
  options: { field?: "path" | "first" } = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = options.field === "first" ? issue.path.slice(0, 1) : issue.path;
    const field = path.length > 0 ? path.join(".") : "form";
    out[field] ??= issueText(issue, t);
  }
  return out;
}

/** Field messages that are catalog keys (or text), each in the reader's language. */
export function translateFields(fields: Record<string, string>, t: Translate): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([field, message]) => [field, textOf(message, t)]));
}
