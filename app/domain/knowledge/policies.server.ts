/**
 * The shop's policies as knowledge entries of kind "policy" (ADR 117): one entry per policy type,
 * keyed by the Storefront API field it comes from (`refundPolicy`, `shippingPolicy`,
 * `privacyPolicy`, `termsOfService`, the keys the demo seed uses too), so a refresh updates it in
 * place. Shopify gives a policy's body as HTML; the assistant answers in plain text.
 */
import { convert } from "html-to-text";
import type { ShopPolicy } from "../../integrations/shopify/types";
import { cleanLine, cleanText, LIMITS } from "./entry";

export const POLICY_KEYS: Record<ShopPolicy["type"], string> = {
  refund: "refundPolicy",
  shipping: "shippingPolicy",
  privacy: "privacyPolicy",
  terms: "termsOfService",
};

const DEFAULT_TITLES: Record<ShopPolicy["type"], string> = {
  refund: "Refund policy",
  shipping: "Shipping policy",
  privacy: "Privacy policy",
  terms: "Terms of service",
};

/** A policy body (HTML) as the text the assistant may quote: paragraphs, lists and links kept readable. */
export function policyText(html: string): string {
  const text = convert(html, {
    wordwrap: false,
    selectors: [
      { selector: "a", options: { hideLinkHrefIfSameAsText: true, linkBrackets: ["(", ")"] } },
      { selector: "img", format: "skip" },
      ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
    ],
  });
  const clean = cleanText(text.replace(/\n{3,}/g, "\n\n"));
  return clean.length > LIMITS.policyAnswer ? `${clean.slice(0, LIMITS.policyAnswer - 1).trimEnd()}…` : clean;
}

export interface PolicyEntryFields {
  externalId: string;
  question: string;
  answer: string;
}

/** The entries Shopify's policies become (a policy with an empty body is none). */
export function policyEntries(policies: ShopPolicy[]): PolicyEntryFields[] {
  const out: PolicyEntryFields[] = [];
  for (const p of policies) {
    const answer = policyText(p.body);
    if (!answer) continue;
    out.push({
      externalId: POLICY_KEYS[p.type],
      question: cleanLine(p.title).slice(0, LIMITS.question) || DEFAULT_TITLES[p.type],
      answer,
    });
  }
  return out;
}
