/** The shopper's IP from an `X-Forwarded-For` value: its first entry (Shopify's proxy sets it). */
export function clientIpFrom(forwardedFor: string | null | undefined): string {
  const first = forwardedFor?.split(",")[0]?.trim();
  return first || "unknown";
}
