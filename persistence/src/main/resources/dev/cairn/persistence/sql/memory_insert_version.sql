-- Appends one version of an item.
-- Parameters: 1 item, 2 version, 3 tenant, 4 content, 5 origin, 6 source, 7 pinned, 8 tombstone,
-- 9 run, 10 seq, 11 actor, 12 created at, 13 embedding (real[] or null)
INSERT INTO memory_version (item_id, version, tenant_id, content, origin, source, pinned,
                            tombstone, run_id, seq, actor, created_at, embedding)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
