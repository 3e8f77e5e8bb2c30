ALTER TABLE workspaces DROP COLUMN config_version;
