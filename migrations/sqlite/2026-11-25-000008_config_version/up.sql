-- Bumped in the same transaction as every write that changes a workspace's engine
-- configuration or panel connection, so cached configurations know when they are stale.
ALTER TABLE workspaces ADD COLUMN config_version INTEGER NOT NULL DEFAULT 0;
