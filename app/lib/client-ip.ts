/**
 * The client address used for per-IP limits: the one implementation, for every caller.
 *
 * Each proxy in front of the app appends the address it received the connection from to
 * `X-Forwarded-For`, so only the right-most entries were written by proxies we run or trust; anything
 * further left came from the client and can say anything. Walking from the socket's peer leftwards,
 * the first `trustedHops` addresses are our proxies; the next one is the client. This is Express's
 * `trust proxy = <number>` rule (proxy-addr), which server/app-server.ts configures with the same
 * number.
 *
 * Behind Shopify's App Proxy plus one load balancer (TRUST_PROXY_HOPS=2): the socket's peer is the
 * load balancer, the last entry (added by the load balancer) is Shopify's egress address, and the one
 * before it is the shopper's address as Shopify saw it.
 */

/** An IPv4 address seen on an IPv6 socket (`::ffff:203.0.113.7`) is the IPv4 address. */
function plain(address: string): string {
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

/**
 * @param forwardedFor the `X-Forwarded-For` header (several headers joined with ","), if any
 * @param remoteAddress the TCP peer of this process's socket
 * @param trustedHops how many proxies in front of the app append to `X-Forwarded-For` (0: none, use
 *   the socket's peer)
 */
export function clientIp(
  forwardedFor: string | string[] | null | undefined,
  remoteAddress: string | null | undefined,
  trustedHops: number,
): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const forwarded = header
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  // Nearest first: the socket's peer, then the forwarded entries from the right.
  const chain = [remoteAddress || "unknown", ...forwarded.reverse()];
  const index = Math.min(Math.max(0, trustedHops), chain.length - 1);
  return plain(chain[index]!);
}
