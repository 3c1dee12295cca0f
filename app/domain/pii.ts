/**
 * Personal data in free text that Tandem keeps outside a conversation (the log of questions the
 * assistant could not answer, shown to staff and kept for analytics): email addresses and phone
 * numbers are replaced before the text is stored. Errs on the side of masking: any run of 7–15
 * digits, optionally grouped by spaces, dots, dashes or parentheses and led by "+", counts as a
 * phone number, except an ISO date (order numbers like #1003 are shorter and stay).
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const PHONE = /(?<![\p{L}\p{N}])\+?\(?\d(?:[ .\-()]{0,2}\d){6,14}(?![\p{L}\p{N}])/gu;

export const MASKED_EMAIL = "[email]";
export const MASKED_PHONE = "[phone]";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function maskPersonalData(text: string): string {
  return text.replace(EMAIL, MASKED_EMAIL).replace(PHONE, (match) => (ISO_DATE.test(match) ? match : MASKED_PHONE));
}
