-- Cancels the unfinished children a call started (a join on the first child leaves the others).
-- Parameters: 1 parent run id, 2 call id, 3 actor, 4 now
SELECT cancel_children(?, ?, ?, ?)
