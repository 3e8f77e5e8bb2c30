-- Messaging channels, who is who, where provider requests go, and the durable command flow:
-- inbox (webhook events), outbox (messages to send), and the logs written along the way.

CREATE TABLE channels (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    medium TEXT NOT NULL,
    name TEXT NOT NULL,
    config TEXT NOT NULL,
    secrets_sealed TEXT NOT NULL,
    secret_hints TEXT NOT NULL,
    status TEXT NOT NULL,
    last_validated_at TIMESTAMP,
    last_error TEXT,
    last_event_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX channels_by_workspace ON channels (workspace_id, id);

CREATE TABLE linked_users (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    medium TEXT NOT NULL,
    identity TEXT NOT NULL,
    username TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (workspace_id, medium, identity)
);

CREATE TABLE admin_chats (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    medium TEXT NOT NULL,
    identity TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (workspace_id, medium, identity)
);

CREATE TABLE provider_routes (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    name TEXT NOT NULL,
    channel_id TEXT NOT NULL REFERENCES channels (id),
    provider_domains TEXT NOT NULL,
    alias TEXT,
    target_chat_id TEXT NOT NULL,
    target_topic_id BIGINT,
    templates TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    is_fallback BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX provider_routes_by_workspace ON provider_routes (workspace_id, id);

CREATE TABLE order_first_seen (
    workspace_id TEXT NOT NULL,
    order_id BIGINT NOT NULL,
    first_completed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, order_id)
);

CREATE TABLE inbox_events (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    dedupe_key TEXT NOT NULL,
    medium TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    sender_id TEXT NOT NULL,
    text TEXT NOT NULL,
    is_group BOOLEAN NOT NULL,
    topic_id BIGINT,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    claimed_until TIMESTAMP,
    received_at TIMESTAMP NOT NULL,
    processed_at TIMESTAMP,
    error TEXT,
    UNIQUE (channel_id, dedupe_key)
);
CREATE INDEX inbox_events_pending ON inbox_events (status, id);
CREATE INDEX inbox_events_by_workspace ON inbox_events (workspace_id, id);

CREATE TABLE outbox_messages (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    inbox_event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    topic_id BIGINT,
    text TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    last_error TEXT,
    provider_message_id TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_messages_due ON outbox_messages (status, next_attempt_at);
CREATE INDEX outbox_messages_by_workspace ON outbox_messages (workspace_id, id);

CREATE TABLE command_log (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    inbox_event_id TEXT NOT NULL UNIQUE,
    channel_id TEXT NOT NULL,
    medium TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    sender_id TEXT NOT NULL,
    sender_role TEXT NOT NULL,
    text TEXT NOT NULL,
    action TEXT,
    order_ids TEXT NOT NULL,
    outcomes TEXT NOT NULL,
    reply TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX command_log_by_workspace ON command_log (workspace_id, id);

CREATE TABLE dispatches (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    command_id TEXT NOT NULL,
    outbox_id TEXT NOT NULL,
    route_id TEXT NOT NULL,
    action TEXT NOT NULL,
    order_ids TEXT NOT NULL,
    external_ids TEXT NOT NULL,
    target_chat_id TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX dispatches_by_workspace ON dispatches (workspace_id, id);

CREATE TABLE webhook_log (
    id TEXT PRIMARY KEY,
    workspace_id TEXT,
    channel_id TEXT NOT NULL,
    medium TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    dedupe_key TEXT,
    payload TEXT NOT NULL,
    detail TEXT,
    received_at TIMESTAMP NOT NULL
);
CREATE INDEX webhook_log_by_workspace ON webhook_log (workspace_id, id);

CREATE TABLE outbound_log (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    outbox_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    ok BOOLEAN NOT NULL,
    response TEXT NOT NULL,
    error TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX outbound_log_by_workspace ON outbound_log (workspace_id, id);

CREATE TABLE conversation_messages (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    direction TEXT NOT NULL,
    text TEXT NOT NULL,
    ref_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX conversation_by_chat ON conversation_messages (workspace_id, channel_id, chat_id, id);
