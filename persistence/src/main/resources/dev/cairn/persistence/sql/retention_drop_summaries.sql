-- Drops the running summaries of a run whose payloads were all pruned: a summary is model text
-- derived from the conversation, and its checkpoint keeps the digest of what it recorded.
-- Parameters: 1 run id
DELETE FROM run_summary
 WHERE run_id = ?
