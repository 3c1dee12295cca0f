/** The client address for per-IP limits: from the right of X-Forwarded-For, past the trusted proxies. */
import { describe, expect, test } from "vitest";
import express from "express";
import { clientIp } from "~/lib/client-ip";

describe("client IP", () => {
  const LB = "10.0.0.5"; // the load balancer: the socket's peer
  const SHOPIFY = "23.227.38.65";

  test("behind Shopify and one load balancer (2 hops) it is the entry Shopify appended", () => {
    expect(clientIp(`203.0.113.7, ${SHOPIFY}`, LB, 2)).toBe("203.0.113.7");
    expect(clientIp(`1.1.1.1, 2.2.2.2, 203.0.113.7, ${SHOPIFY}`, LB, 2)).toBe("203.0.113.7");
  });

  test("the number of hops picks how many right-most addresses belong to proxies", () => {
    const header = "1.1.1.1, 203.0.113.7";
    expect(clientIp(header, "198.51.100.1", 0)).toBe("198.51.100.1");
    expect(clientIp(header, "198.51.100.1", 1)).toBe("203.0.113.7");
    expect(clientIp(header, "198.51.100.1", 2)).toBe("1.1.1.1");
  });

  test("fewer entries than hops: the farthest address there is (never a shared constant)", () => {
    expect(clientIp(undefined, "127.0.0.2", 2)).toBe("127.0.0.2");
    expect(clientIp("", "127.0.0.3", 2)).toBe("127.0.0.3");
    expect(clientIp("203.0.113.9", LB, 5)).toBe("203.0.113.9");
  });

  test("several headers, blanks and IPv4-mapped socket addresses", () => {
    expect(clientIp(["9.9.9.9", `203.0.113.7 ,, ${SHOPIFY}`], LB, 2)).toBe("203.0.113.7");
    expect(clientIp(undefined, "::ffff:127.0.0.1", 2)).toBe("127.0.0.1");
    expect(clientIp(undefined, "2001:db8::1", 0)).toBe("2001:db8::1");
  });

  test("agrees with Express's trust proxy for the same number of hops", () => {
    const app = express();
    for (const hops of [0, 1, 2, 3]) {
      app.set("trust proxy", hops);
      for (const header of [undefined, "203.0.113.7", `1.1.1.1, 203.0.113.7, ${SHOPIFY}`]) {
        const req = Object.assign(Object.create(app.request), {
          app,
          headers: header ? { "x-forwarded-for": header } : {},
          connection: { remoteAddress: LB },
          socket: { remoteAddress: LB },
        });
        expect(clientIp(header, LB, hops)).toBe(req.ip);
      }
    }
  });
});
