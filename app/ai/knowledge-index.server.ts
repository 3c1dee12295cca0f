import { KnowledgeSearch, type RetrievalDoc } from "./retrieval/search";
import { knowledgeFingerprint, listEnabledKnowledge } from "../repositories/knowledge.server";

export interface KnowledgeDoc extends RetrievalDoc {
  kind: string;
  externalId: string | null;
}

/** How many shops' indexes a process keeps in memory (least recently used ones are dropped). */
export const MAX_CACHED_SHOPS = 200;

interface Cached {
  fingerprint: string;
  index: KnowledgeSearch<KnowledgeDoc>;
}

declare global {
  var __tandemKnowledgeIndexes: Map<string, Cached> | undefined;
}

function cache(): Map<string, Cached> {
  return (globalThis.__tandemKnowledgeIndexes ??= new Map());
}

type KnowledgeRow = Awaited<ReturnType<typeof listEnabledKnowledge>>[number];

/** One knowledge entry as the search indexes it. */
export function knowledgeDoc(row: KnowledgeRow): KnowledgeDoc {
  return {
    id: row.id,
    kind: row.kind,
    externalId: row.externalId,
    question: row.question,
    answer: row.answer,
    tags: row.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    locale: row.locale,
    // Other phrasings of the question (KnowledgeEntry.phrasings, one per line, once entries carry
    // them) are indexed like the question.
    phrasings: [],
  };
}

/**
 * The shop's search index, kept in memory for the most recently used shops (at most
 * MAX_CACHED_SHOPS) and rebuilt when its entries change (their count or newest update).
 */
export async function knowledgeIndex(shop: string): Promise<KnowledgeSearch<KnowledgeDoc>> {
  const indexes = cache();
  const fingerprint = await knowledgeFingerprint(shop);
  const hit = indexes.get(shop);
  if (hit && hit.fingerprint === fingerprint) {
    // Map order is insertion order: moving the shop to the end keeps it as the most recent.
    indexes.delete(shop);
    indexes.set(shop, hit);
    return hit.index;
  }
  const index = new KnowledgeSearch<KnowledgeDoc>((await listEnabledKnowledge(shop)).map(knowledgeDoc));
  indexes.delete(shop);
  indexes.set(shop, { fingerprint, index });
  while (indexes.size > MAX_CACHED_SHOPS) indexes.delete(indexes.keys().next().value!);
  return index;
}

/** Shops whose index is in memory, least recently used first (tests and metrics). */
export function cachedKnowledgeShops(): string[] {
  return [...cache().keys()];
}
