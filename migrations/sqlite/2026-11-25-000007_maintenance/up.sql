-- Log pages are keyed on (time, id), newest first; retention deletes by time.
CREATE INDEX webhook_log_by_time ON webhook_log (workspace_id, received_at, id);
CREATE INDEX webhook_log_by_channel ON webhook_log (channel_id, received_at);
CREATE INDEX outbound_log_by_time ON outbound_log (workspace_id, created_at, id);
CREATE INDEX command_log_by_time ON command_log (workspace_id, created_at, id);
CREATE INDEX dispatches_by_time ON dispatches (workspace_id, created_at, id);
CREATE INDEX conversation_by_time ON conversation_messages (workspace_id, created_at, id);
CREATE INDEX cooldown_log_by_order ON cooldown_log (workspace_id, order_id, action);

-- A cooldown cleared by an operator before it ran out.
ALTER TABLE cooldown_log ADD COLUMN cleared_at TIMESTAMP;

-- The last sign of life of each background loop of each process.
CREATE TABLE runner_heartbeats (
    runner TEXT NOT NULL,
    instance TEXT NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    last_error TEXT,
    PRIMARY KEY (runner, instance)
);
