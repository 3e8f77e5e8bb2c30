-- The panel each workspace connects, and its cached service rules.

CREATE TABLE panel_connections (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id),
    kind TEXT NOT NULL,
    base_url TEXT NOT NULL,
    timezone TEXT NOT NULL,
    api_key_sealed TEXT NOT NULL,
    api_key_last4 TEXT NOT NULL,
    requests_per_second INTEGER NOT NULL,
    timeout_ms INTEGER NOT NULL,
    last_test_at TIMESTAMP,
    last_test_ok BOOLEAN,
    last_test_summary TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE service_rules (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    service_id TEXT NOT NULL,
    name TEXT NOT NULL,
    category TEXT,
    parsed_refill TEXT NOT NULL,
    parsed_refill_days INTEGER,
    parsed_start_min INTEGER,
    parsed_start_max INTEGER,
    manual_refill TEXT,
    manual_refill_days INTEGER,
    manual_start_min INTEGER,
    manual_start_max INTEGER,
    refreshed_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, service_id)
);

CREATE TABLE workspace_settings (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id),
    settings TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
