/** GET /proxy/config — runtime configuration for the widget: online, greeting, features. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateProxy, handle, json } from "../lib/proxy-http.server";
import { runtimeConfig } from "../domain/conversations/service.server";

export const loader = async ({ request, context }: LoaderFunctionArgs) =>
  handle(async () => {
    const ctx = await authenticateProxy(request, context);
    return json(await runtimeConfig(ctx.shop));
  });
