/**
 * The admin's browser code calling the app's JSON resource routes (app/routes/app.api.*) with
 * `fetch`: App Bridge adds the session token to the app's own requests. Answers come back as
 * `{ok, status, data}` or `{ok: false, status, error: {code, message, fields?}}`; after a change
 * the page's loaders run again.
 */
import { useCallback, useState } from "react";
import { useRevalidator } from "@remix-run/react";

export interface ApiError {
  code: string;
  message: string;
  fields?: Record<string, string>;
  [detail: string]: unknown;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

export interface ApiCall {
  method?: string;
  json?: unknown;
  body?: BodyInit;
}

export async function callAdminApi<T>(url: string, call: ApiCall = {}): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, {
      method: call.method ?? (call.json !== undefined || call.body !== undefined ? "POST" : "GET"),
      headers: {
        Accept: "application/json",
        ...(call.json !== undefined ? { "Content-Type": "application/json" } : {}),
      },
      body: call.json !== undefined ? JSON.stringify(call.json) : call.body,
    });
    const body = (await res.json().catch(() => null)) as (T & { error?: ApiError }) | null;
    if (res.ok && body) return { ok: true, status: res.status, data: body };
    return {
      ok: false,
      status: res.status,
      error: body?.error ?? { code: "unavailable", message: `The app answered ${res.status}: try again.` },
    };
  } catch {
    return {
      ok: false,
      status: 0,
      error: { code: "unavailable", message: "The app could not be reached: try again." },
    };
  }
}

/** One call at a time from a component: `busy` while it runs, its last result, loaders revalidated. */
export function useAdminApi<T>() {
  const revalidator = useRevalidator();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ApiResult<T> | null>(null);
  const call = useCallback(
    async (url: string, init: ApiCall = {}, options: { revalidate?: boolean } = {}) => {
      setBusy(true);
      const r = await callAdminApi<T>(url, init);
      setResult(r);
      setBusy(false);
      if (r.ok && options.revalidate !== false) revalidator.revalidate();
      return r;
    },
    [revalidator],
  );
  return { busy, result, call, reset: () => setResult(null) };
}

/** Saves a download from one of the app's routes (the session token rides on fetch, not on links). */
export async function downloadFromApp(url: string, filename: string): Promise<string | null> {
  try {
    const res = await fetch(url);
    if (!res.ok) return `The download failed (${res.status}): try again.`;
    const href = URL.createObjectURL(await res.blob());
    const a = document.createElement("a");
    a.href = href;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
    return null;
  } catch {
    return "The download failed: try again.";
  }
}
