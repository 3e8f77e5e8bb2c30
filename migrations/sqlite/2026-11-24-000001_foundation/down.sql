DROP TABLE platform_state;
DROP TABLE idempotency_keys;
DROP TABLE api_keys;
DROP TABLE admin_keys;
DROP TABLE workspaces;
