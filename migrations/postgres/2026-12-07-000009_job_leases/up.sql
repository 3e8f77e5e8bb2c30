-- One row per background job and scope (a workspace id, or '' for a global job): who holds
-- it and until when, when it runs next, and how its last run went. A replica runs a
-- (kind, scope) only while it holds the lease; a crashed holder's lease runs out and
-- another replica takes the job over.
CREATE TABLE job_leases (
    kind TEXT NOT NULL,
    scope TEXT NOT NULL,
    owner TEXT,
    lease_until TIMESTAMP,
    heartbeat_at TIMESTAMP,
    next_run_at TIMESTAMP,
    last_started_at TIMESTAMP,
    last_ok_at TIMESTAMP,
    last_error_at TIMESTAMP,
    last_error TEXT,
    last_stats TEXT,
    runs BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, scope)
);
