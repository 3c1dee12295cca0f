/**
 * One widget server per test file: started (staffed, so "Talk to a person" queues) before the file's
 * tests and closed after them. Kept apart from widget-harness.ts, so that the harness imports no
 * Vitest hooks and can be loaded by scripts too.
 */
import { afterAll, beforeAll } from "vitest";
import { startWidgetServer, type WidgetServer } from "../widget-harness";

export function widgetServerPerFile(): WidgetServer {
  let current: WidgetServer | undefined;
  beforeAll(async () => {
    current = await startWidgetServer();
    await current.setStaffing(true);
  });
  afterAll(async () => {
    await current?.close();
  });
  return new Proxy({} as WidgetServer, {
    get(_, key: keyof WidgetServer) {
      if (!current) throw new Error("the widget server is not started yet (use it inside a test)");
      return current[key];
    },
  });
}
