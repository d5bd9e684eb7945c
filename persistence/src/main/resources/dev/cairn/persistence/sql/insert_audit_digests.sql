-- Signed digests, one per tenant and period: another replica that signed the same period first
-- wins, this one's rows are dropped. Engine scope. Parameters (parallel arrays): 1 tenant[],
-- 2 period_start[], 3 covers_seq[], 4 head_hash[], 5 signed_at[], 6 key_id[], 7 signature[]
INSERT INTO audit_digest (tenant_id, period_start, covers_seq, head_hash, signed_at, key_id,
                          algorithm, signature)
SELECT d.tenant_id, d.period_start, d.covers_seq, d.head_hash, d.signed_at, d.key_id, 'Ed25519',
       d.signature
  FROM unnest(?::text[], ?::timestamptz[], ?::bigint[], ?::text[], ?::timestamptz[], ?::text[],
              ?::text[]) AS d (tenant_id, period_start, covers_seq, head_hash, signed_at, key_id,
                               signature)
ON CONFLICT (tenant_id, period_start) DO NOTHING
