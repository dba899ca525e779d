-- Supplementary material waiting for the judge (rebuildable: `review` of documents/<id>/meta.json), so the desk's
-- dashboard lists what awaits approval across cases with one indexed query instead of reading every repository.
-- Rows indexed before this migration read NULL until the case is written again or `docket reindex` runs.
ALTER TABLE documents ADD COLUMN review TEXT;
CREATE INDEX documents_pending_review ON documents(review) WHERE review = 'pending';
