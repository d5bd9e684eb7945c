-- Run at startup only when the pgvector extension is installed in the database: a vector copy of
-- each version's embedding (generated, so writers do not change) and an HNSW index for cosine
-- distance. Idempotent.
ALTER TABLE memory_version
    ADD COLUMN IF NOT EXISTS embedding_v vector(384)
    GENERATED ALWAYS AS (embedding::vector(384)) STORED;
CREATE INDEX IF NOT EXISTS memory_version_embedding_hnsw_idx
    ON memory_version USING hnsw (embedding_v vector_cosine_ops);
