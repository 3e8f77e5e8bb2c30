-- A workspace's command vocabulary and reply texts: reply template overrides (keys without a
-- row use the default text), command aliases (a phrase meaning a built-in action) and custom
-- commands (a trigger phrase and its reply). `phrase_key` is the phrase as the parser
-- matches it (normalised words), unique per workspace within each table.

CREATE TABLE reply_templates (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    template_key TEXT NOT NULL,
    text TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, template_key)
);

CREATE TABLE command_aliases (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    phrase TEXT NOT NULL,
    phrase_key TEXT NOT NULL,
    action TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (workspace_id, phrase_key)
);
CREATE INDEX command_aliases_by_workspace ON command_aliases (workspace_id, id);

CREATE TABLE custom_commands (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    trigger_phrase TEXT NOT NULL,
    phrase_key TEXT NOT NULL,
    reply TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (workspace_id, phrase_key)
);
CREATE INDEX custom_commands_by_workspace ON custom_commands (workspace_id, id);
