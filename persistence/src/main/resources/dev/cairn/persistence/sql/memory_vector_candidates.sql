-- Semantic candidates without pgvector: cosine similarity (dot product of normalised embeddings)
-- over the agent's most recently written live items, a bounded set, best first.
-- Parameters: 1 tenant, 2 agent, 3 namespace, 4 candidate bound, 5 query embedding, 6 limit
SELECT c.id, memory_dot(c.embedding, q.embedding) AS similarity
  FROM (SELECT i.id, i.key, v.embedding
          FROM memory_item i
          JOIN memory_version v ON v.item_id = i.id AND v.version = i.head_version
         WHERE i.tenant_id = ? AND i.agent_name = ? AND i.namespace = ?
           AND NOT v.tombstone AND v.embedding IS NOT NULL
         ORDER BY i.updated_at DESC
         LIMIT ?) c,
       (SELECT ?::real[] AS embedding) q
 ORDER BY similarity DESC, c.key
 LIMIT ?
