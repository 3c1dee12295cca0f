/** Input rules for shopper text and the widget API bodies (zod). Pure. */
import { z } from "zod";
import { TICKET_NUMBER_INPUT } from "../ticket-public";

export { formatTicketNumber, parseTicketNumber } from "../ticket-public";

export const MAX_BODY_BYTES = 16 * 1024;
export const MAX_TEXT = 2000;

// C0/C1 control characters except tab and newline, plus bidi overrides and zero-width specials.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Removes control characters, normalises line endings, trims. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(CONTROL, "").trim();
}

// Characters that draw nothing: whitespace, format characters (zero-width space/joiners, word joiner,
// soft hyphen, bidi marks), default-ignorable code points (variation selectors, Hangul fillers) and
// the Braille blank. A text made only of these looks empty to the person who reads it.
const INVISIBLE = /^[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** True when `text` has at least one character a reader can see. */
export function hasVisibleText(text: string): boolean {
  return !INVISIBLE.test(text);
}

/**
 * A string from a shopper that can be stored as UTF-8: JSON.parse turns a `"\ud800"` escape into a
 * lone surrogate, which has no UTF-8 form (the database would keep a replacement or invalid bytes).
 */
const wellFormed = z.string().refine((s) => s.isWellFormed(), "contains an unpaired surrogate (not valid Unicode)");

export const shopperText = wellFormed
  .transform(cleanText)
  .pipe(
    z
      .string()
      .min(1, "text is empty")
      .max(MAX_TEXT, `text is longer than ${MAX_TEXT} characters`)
      .refine(hasVisibleText, "text has no visible characters"),
  );

const token = z.string().min(16).max(200);
/** Optional free text: cleaned; empty is allowed (treated as absent), invisible-only is refused. */
const optionalLine = (max: number) =>
  wellFormed
    .transform(cleanText)
    .pipe(
      z
        .string()
        .max(max)
        .refine((s) => s === "" || hasVisibleText(s), "has no visible characters"),
    )
    .optional();

const email = z.string().trim().toLowerCase().email().max(254);
const phone = z
  .string()
  .trim()
  .regex(/^[+0-9 ()./-]{4,40}$/, "not a phone number");

export const createConversationBody = z.object({
  /** The widget's optional pre-chat form. */
  visitor: z
    .object({ name: optionalLine(200), email: email.optional(), phone: phone.optional() })
    .strict()
    .optional(),
  locale: z
    .string()
    .regex(/^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*$/)
    .max(20)
    .optional(),
  pageUrl: wellFormed
    .pipe(
      z
        .string()
        .url()
        .max(2000)
        .refine((u) => /^https?:/i.test(u), "must be http(s)")
        // eslint-disable-next-line no-control-regex
        .refine((u) => !/[\u0000-\u001F\u007F]/.test(u), "contains control characters"),
    )
    .optional(),
});

export const sendMessageBody = z.object({
  token,
  clientMessageId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.:-]+$/, "letters, digits and _.:- only"),
  text: shopperText,
});

export const tokenBody = z.object({ token });

export const escalateBody = z.object({ token, reason: optionalLine(500) });

export const contactBody = z.object({
  token,
  email: email,
  name: optionalLine(200),
  phone: phone.optional(),
  message: optionalLine(MAX_TEXT),
});

export const ratingBody = z.object({
  token,
  score: z.number().int().min(1).max(5),
  comment: optionalLine(1000),
});

export const ticketLookupQuery = z.object({
  number: z.string().trim().regex(TICKET_NUMBER_INPUT, "ticket numbers look like T-1001"),
  email: z.string().trim().toLowerCase().email().max(254),
});

export const pollQuery = z.object({
  token,
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});
