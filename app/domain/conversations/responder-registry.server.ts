/**
 * Which Responder writes AI replies. The AI module registers the real one with `setResponder`;
 * until then (and in tests that do not set one) a small built-in default answers. The Remix routes,
 * the Node entry and the worker import this one module instance (ADR 210), so they share the choice.
 */
import type { Responder } from "../responder";
import { defaultResponder } from "./default-responder.server";

let chosen: Responder | undefined;

export function setResponder(responder: Responder | undefined): void {
  chosen = responder;
}

export function getResponder(): Responder {
  return chosen ?? defaultResponder;
}

/** True once a responder was set (the default is not counted). */
export function hasResponder(): boolean {
  return chosen !== undefined;
}
