import { Bm25Index, type RetrievalDoc } from "./retrieval/bm25";
import { knowledgeFingerprint, listEnabledKnowledge } from "../repositories/knowledge.server";

export interface KnowledgeDoc extends RetrievalDoc {
  kind: string;
  externalId: string | null;
}

declare global {
  var __tandemKnowledgeIndexes: Map<string, { fingerprint: string; index: Bm25Index<KnowledgeDoc> }> | undefined;
}

/** The shop's retrieval index, rebuilt when its entries change (count or newest update). */
export async function knowledgeIndex(shop: string): Promise<Bm25Index<KnowledgeDoc>> {
  globalThis.__tandemKnowledgeIndexes ??= new Map();
  const cache = globalThis.__tandemKnowledgeIndexes;
  const fingerprint = await knowledgeFingerprint(shop);
  const hit = cache.get(shop);
  if (hit && hit.fingerprint === fingerprint) return hit.index;
  const rows = await listEnabledKnowledge(shop);
  const index = new Bm25Index<KnowledgeDoc>(
    rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      externalId: r.externalId,
      question: r.question,
      answer: r.answer,
      tags: r.tags
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
      locale: r.locale,
    })),
  );
  cache.set(shop, { fingerprint, index });
  return index;
}
