-- Cooldowns claimed by the flow: the key-value store enforces them; this log records them.
CREATE TABLE cooldown_log (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    command_id TEXT NOT NULL,
    order_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    claimed_at TIMESTAMP NOT NULL,
    until TIMESTAMP NOT NULL
);
CREATE INDEX cooldown_log_by_workspace ON cooldown_log (workspace_id, id);
