/**
 * Admin form bodies. `request.formData()` throws a TypeError for a body that is not a form (another
 * content type, a multipart body without its boundary, a truncated one), and a field with a NUL
 * character cannot be stored (PostgreSQL refuses it in text): both are bad input, answered 400
 * `invalid_request` instead of failing the action with a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw badForm("the body is not a form (application/x-www-form-urlencoded or multipart/form-data)");
  }
  for (const [name, value] of form) {
    if (typeof value === "string" && value.includes("\u0000")) throw badForm(`${name}: contains a NUL character`);
  }
  return form;
}

function badForm(message: string): Response {
  return Response.json(
    { error: { code: "invalid_request", message } },
    { status: 400, headers: { "Cache-Control": "no-store" } },
  );
}
