-- Records that every payload of the run was pruned (after its last batch).
-- Parameters: 1 payloads_pruned_at, 2 run id
UPDATE agent_run
   SET payloads_pruned_at = ?
 WHERE id = ?
   AND payloads_pruned_at IS NULL
