/**
 * The admin routes' gate: the operator of an authenticated admin request (session token `sub`),
 * refused with 403 `forbidden` when their role does not allow the action (app/domain/permissions.ts).
 */
import type { Operator } from "../repositories/operators.server";
import { operatorForAdmin } from "./operators.server";
import { can, refusal, type Permission } from "./permissions";
import { resolveLocale } from "../lib/i18n/core";

type AdminContext = Parameters<typeof operatorForAdmin>[0];

/** A 403 with the `{error: {code, message}}` body, in the staff member's language when known. */
export function forbidden(permission: Permission, locale?: string | null): Response {
  return Response.json(
    { error: { code: "forbidden", message: refusal(permission, resolveLocale(locale)) } },
    { status: 403 },
  );
}

/** The operator, when their role allows `permission`; otherwise throws a 403 Response. */
export async function requirePermission(context: AdminContext, permission: Permission): Promise<Operator> {
  const operator = await operatorForAdmin(context);
  if (!can(operator.role, permission)) throw forbidden(permission, operator.locale);
  return operator;
}

/** Any staff member (admin or operator). */
export function requireOperator(context: AdminContext): Promise<Operator> {
  return requirePermission(context, "inbox.work");
}
