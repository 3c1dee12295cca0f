/**
 * Outbound calls to URLs that merchants or operators configure (the AI base URL today; webhook
 * endpoints, the workflow URL and the SMTP host reuse this module): https only, and never a private,
 * loopback or link-local address. Checked twice:
 *
 * - on the URL's host, when the URL is entered and before every request (`checkOutboundUrl`);
 * - on every address the host resolves to, by the lookup of the connection itself
 *   (`outboundFetch`'s dispatcher), so a name that resolves to a public address when it is checked
 *   and to 127.0.0.1 when it is used (DNS rebinding) is refused on the very addresses the socket
 *   would connect to. Redirects are not followed: a 3xx is answered as it is.
 *
 * Hosts listed in TANDEM_ALLOW_PRIVATE_URLS (a local Ollama or vLLM) are exempt from both rules and
 * may use http.
 */
import { lookup, type LookupAddress, type LookupOptions } from "node:dns";
import { BlockList, isIP } from "node:net";
import { Agent } from "undici";
import { env } from "../env.server";

export type OutboundRefusal = "invalid" | "insecure" | "private";

export class OutboundUrlError extends Error {
  constructor(
    readonly reason: OutboundRefusal,
    message: string,
  ) {
    super(message);
    this.name = "OutboundUrlError";
  }
}

/** Addresses no merchant URL may reach: this network, private, shared, loopback, link-local, multicast, reserved. */
const PRIVATE_RANGES = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  PRIVATE_RANGES.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  PRIVATE_RANGES.addSubnet(network, prefix, "ipv6");
}

/** True for an address in a private, loopback, link-local or otherwise non-public range (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE_RANGES.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** The host as compared with the allow-list: lower case, IPv6 without brackets, no trailing dot. */
function bareHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
}

function allowListed(hostname: string): boolean {
  return env().TANDEM_ALLOW_PRIVATE_URLS.includes(bareHost(hostname));
}

export type OutboundUrlCheck = { ok: true; url: URL } | { ok: false; reason: OutboundRefusal; message: string };

/** The rules on the URL itself (no DNS): https, and a host that is not a private address or a localhost name. */
export function checkOutboundUrl(raw: string | URL): OutboundUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "invalid", message: "Use a full URL, e.g. https://api.openai.com/v1" };
  }
  const host = bareHost(url.hostname);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, reason: "invalid", message: "Use an https URL" };
  }
  if (allowListed(host)) return { ok: true, url };
  if (url.protocol !== "https:") return { ok: false, reason: "insecure", message: "Use an https URL" };
  if ((isIP(host) !== 0 && isPrivateAddress(host)) || host === "localhost" || host.endsWith(".localhost")) {
    return {
      ok: false,
      reason: "private",
      message: "The URL points to a private, loopback or link-local address",
    };
  }
  return { ok: true, url };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The connection's DNS lookup: resolves every address of the host and refuses the connection when
 * any of them is private (unless the host is allow-listed); the socket then connects to exactly
 * the addresses checked here.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "");
    if (addresses.length === 0) return callback(new OutboundUrlError("invalid", `${hostname} has no address`), "");
    if (!allowListed(hostname) && addresses.some((a) => isPrivateAddress(a.address))) {
      return callback(
        new OutboundUrlError("private", "The URL's host resolves to a private, loopback or link-local address"),
        "",
      );
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
}

const dispatcher = new Agent({ connect: { lookup: guardedLookup } });

/** The first OutboundUrlError in an error's cause chain (fetch wraps connection errors). */
export function outboundRefusal(error: unknown): OutboundUrlError | null {
  for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundUrlError) return e;
  }
  return null;
}

/**
 * `fetch` for merchant-configured URLs: the URL is checked before the request, every address is
 * checked when the connection is opened, and redirects are returned instead of followed.
 */
export async function outboundFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const target = input instanceof Request ? input.url : input;
  const checked = checkOutboundUrl(target);
  if (!checked.ok) throw new OutboundUrlError(checked.reason, checked.message);
  const options = { ...init, redirect: "manual", dispatcher } as unknown as RequestInit;
  try {
    return await fetch(input, options);
  } catch (error) {
    throw outboundRefusal(error) ?? error;
  }
}
