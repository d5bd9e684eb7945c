-- Whether pgvector is installed in this database.
SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector')
