-- Full-text candidates for recall among an agent's live items, best first.
-- Equal ranks are ordered by key, so a query ranks the same items the same way every time.
-- Parameters: 1 query (websearch syntax), 2 tenant, 3 agent, 4 namespace, 5 limit
SELECT i.id, ts_rank_cd(v.tsv, q.query) AS rank
  FROM websearch_to_tsquery('english', ?) AS q(query),
       memory_item i
  JOIN memory_version v ON v.item_id = i.id AND v.version = i.head_version
 WHERE i.tenant_id = ? AND i.agent_name = ? AND i.namespace = ?
   AND NOT v.tombstone AND v.tsv @@ q.query
 ORDER BY rank DESC, i.key
 LIMIT ?
