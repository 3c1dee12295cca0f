import { Bm25Index, type RetrievalDoc } from "./retrieval/bm25";
import { knowledgeFingerprint, listEnabledKnowledge } from "../repositories/knowledge.server";
import { splitPhrasings, splitTags } from "../domain/knowledge/entry";

export interface KnowledgeDoc extends RetrievalDoc {
  kind: string;
  externalId: string | null;
}

interface CachedIndex {
  fingerprint: string;
  index: Bm25Index<KnowledgeDoc>;
}

declare global {
  var __tandemKnowledgeIndexes: Map<string, CachedIndex> | undefined;
  var __tandemKnowledgeGenerations: Map<string, number> | undefined;
}

function caches() {
  globalThis.__tandemKnowledgeIndexes ??= new Map();
  globalThis.__tandemKnowledgeGenerations ??= new Map();
  return { indexes: globalThis.__tandemKnowledgeIndexes, generations: globalThis.__tandemKnowledgeGenerations };
}

/**
 * The shop's retrieval index, cached per process. It is rebuilt after `invalidateKnowledgeIndex`
 * (every write of the knowledge service, in this process) and when the entries' fingerprint (count
 * and newest update) changes, which is how other instances and other writers are noticed.
 */
export async function knowledgeIndex(shop: string): Promise<Bm25Index<KnowledgeDoc>> {
  const { indexes, generations } = caches();
  const generation = generations.get(shop) ?? 0;
  const fingerprint = await knowledgeFingerprint(shop);
  const hit = indexes.get(shop);
  if (hit && hit.fingerprint === fingerprint) return hit.index;
  const rows = await listEnabledKnowledge(shop);
  const index = new Bm25Index<KnowledgeDoc>(
    rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      externalId: r.externalId,
      question: r.question,
      phrasings: splitPhrasings(r.phrasings),
      answer: r.answer,
      tags: splitTags(r.tags),
      locale: r.locale,
    })),
  );
  // An invalidation while this build was reading may have come after the read: don't cache it.
  if ((generations.get(shop) ?? 0) === generation) indexes.set(shop, { fingerprint, index });
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
