-- The TLS certificate fingerprints this node accepts from a peer it connects to over HTTPS (`sha256:<hex>`,
-- comma-separated: two while the peer rotates its certificate). Node-local content. The token this node presents
-- moved to secrets.json; the `token` column stays empty.
ALTER TABLE peers ADD COLUMN pins TEXT;
