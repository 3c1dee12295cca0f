/**
 * Which Responder writes AI replies. The AI module registers the real one with `setResponder`;
 * until then (and in tests that do not set one) a small built-in default answers. Kept on
 * globalThis so the Remix build, the Node entry and the worker share the choice.
 */
import type { Responder } from "../responder";
import { defaultResponder } from "./default-responder.server";

declare global {
  var __tandemResponder: Responder | undefined;
}

export function setResponder(responder: Responder | undefined): void {
  globalThis.__tandemResponder = responder;
}

export function getResponder(): Responder {
  return globalThis.__tandemResponder ?? defaultResponder;
}
