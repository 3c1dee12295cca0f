import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

/**
 * Every path no other route takes: 404 in the contract's error shape, for any method. Without it
 * React Router writes a text warning with the full URL (query included) to the log for each one.
 */
const notFound = () =>
  Response.json(
    { error: { code: "not_found", message: "no such page" } },
    { status: 404, headers: { "Cache-Control": "no-store" } },
  );

export const loader = (_args: LoaderFunctionArgs) => notFound();
export const action = (_args: ActionFunctionArgs) => notFound();
