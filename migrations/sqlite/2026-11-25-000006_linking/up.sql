-- What each admin chat may do, and the one-time codes of self-service linking.

ALTER TABLE admin_chats ADD COLUMN view_any_order BOOLEAN NOT NULL DEFAULT 1;
ALTER TABLE admin_chats ADD COLUMN dispatch_any_order BOOLEAN NOT NULL DEFAULT 1;
ALTER TABLE admin_chats ADD COLUMN reply_in_groups BOOLEAN NOT NULL DEFAULT 0;

-- One pending code per chat identity; a new `link` request replaces it. Only the code's
-- hash is stored.
CREATE TABLE link_codes (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    medium TEXT NOT NULL,
    identity TEXT NOT NULL,
    username TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (workspace_id, medium, identity)
);
