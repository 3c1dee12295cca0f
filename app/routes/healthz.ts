/** Liveness: the process answers. No database access. */
export const loader = () => Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
