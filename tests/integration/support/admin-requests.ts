/**
 * Requests to the embedded admin as App Bridge sends them: `Authorization: Bearer <session token>`,
 * the token signed with the app secret by the official test helper for a chosen staff member
 * (`sub`). Route modules with a page answer through Remix's single fetch (`<path>.data`); resource
 * routes answer at their path.
 */
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { DESKTOP_UA } from "../../e2e/support/browser";
import { API_KEY, API_SECRET } from "./proxy-server";

export interface AdminCall {
  method?: "GET" | "POST";
  /** Form fields (an action's form submission). */
  form?: Record<string, string>;
  /** A JSON body (resource routes such as the presence heartbeat). */
  json?: unknown;
}

export async function sessionToken(shop: string, staffUserId: string): Promise<string> {
  const { token } = await getJwt(shop.replace(/\.myshopify\.com$/, ""), API_KEY, API_SECRET, { sub: staffUserId });
  return token;
}

/** Calls `{app}{path}` as staff member `staffUserId` of `shop`. */
export async function adminFetch(
  appUrl: string,
  shop: string,
  staffUserId: string,
  path: string,
  call: AdminCall = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${await sessionToken(shop, staffUserId)}`,
    "User-Agent": DESKTOP_UA,
  };
  let body: string | URLSearchParams | undefined;
  if (call.form) body = new URLSearchParams(call.form);
  else if (call.json !== undefined) {
    body = JSON.stringify(call.json);
    headers["Content-Type"] = "application/json";
  }
  return fetch(`${appUrl}${path}`, { method: call.method ?? (body !== undefined ? "POST" : "GET"), headers, body });
}
