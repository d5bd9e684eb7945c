-- Semantic candidates with pgvector: nearest neighbours by cosine distance on the vector copy
-- (memory_pgvector.sql), among the agent's live items.
-- Parameters: 1 query embedding, 2 tenant, 3 agent, 4 namespace, 5 limit
SELECT i.id, 1 - (v.embedding_v <=> q.embedding) AS similarity
  FROM (SELECT ?::real[]::vector(384) AS embedding) q,
       memory_item i
  JOIN memory_version v ON v.item_id = i.id AND v.version = i.head_version
 WHERE i.tenant_id = ? AND i.agent_name = ? AND i.namespace = ?
   AND NOT v.tombstone AND v.embedding_v IS NOT NULL
 ORDER BY v.embedding_v <=> q.embedding, i.id
 LIMIT ?
