import { KnowledgeSearch, type RetrievalDoc } from "./retrieval/search";
import { knowledgeFingerprint, listEnabledKnowledge } from "../repositories/knowledge.server";
import { splitPhrasings, splitTags } from "../domain/knowledge/entry";

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

const indexes = new Map<string, Cached>();
const generations = new Map<string, number>();

function caches() {
  return { indexes, generations };
}

type KnowledgeRow = Awaited<ReturnType<typeof listEnabledKnowledge>>[number];

/** One knowledge entry as the search indexes it (other phrasings are indexed like the question). */
export function knowledgeDoc(row: KnowledgeRow): KnowledgeDoc {
  return {
    id: row.id,
    kind: row.kind,
    externalId: row.externalId,
    question: row.question,
    phrasings: splitPhrasings(row.phrasings),
    answer: row.answer,
    tags: splitTags(row.tags),
    locale: row.locale,
  };
}

/**
 * The shop's search index, kept in memory for the most recently used shops (at most
 * MAX_CACHED_SHOPS). It is rebuilt after `invalidateKnowledgeIndex` (every write of the knowledge
 * service, in this process) and when the entries' fingerprint (count and newest update) changes,
 * which is how other instances and other writers are noticed.
 */
export async function knowledgeIndex(shop: string): Promise<KnowledgeSearch<KnowledgeDoc>> {
  const { indexes, generations } = caches();
  const generation = generations.get(shop) ?? 0;
  const fingerprint = await knowledgeFingerprint(shop);
  const hit = indexes.get(shop);
  if (hit && hit.fingerprint === fingerprint) {
    // Map order is insertion order: moving the shop to the end keeps it as the most recent.
    indexes.delete(shop);
    indexes.set(shop, hit);
    return hit.index;
  }
  const index = new KnowledgeSearch<KnowledgeDoc>((await listEnabledKnowledge(shop)).map(knowledgeDoc));
  // An invalidation while this build was reading may have come after the read: don't cache it.
  if ((generations.get(shop) ?? 0) === generation) {
    indexes.delete(shop);
    indexes.set(shop, { fingerprint, index });
    while (indexes.size > MAX_CACHED_SHOPS) indexes.delete(indexes.keys().next().value!);
  }
  return index;
}

/**
 * Forgets the shop's index in this process, so the next answer reads the entries again. The
 * knowledge service calls it after every write it commits (app/domain/knowledge/service.server.ts).
 */
export function invalidateKnowledgeIndex(shop: string): void {
  const { indexes, generations } = caches();
  generations.set(shop, (generations.get(shop) ?? 0) + 1);
  indexes.delete(shop);
}

/** Shops whose index is in memory, least recently used first (tests and metrics). */
export function cachedKnowledgeShops(): string[] {
  return [...caches().indexes.keys()];
}
