import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The poll hot path: answers `GET /proxy/conversations/:id/poll` outside Remix when it can and
 * returns true; returns false to let Express/Remix handle the request.
 */
export type HotHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export async function createHotPath(): Promise<HotHandler> {
  return () => false;
}
