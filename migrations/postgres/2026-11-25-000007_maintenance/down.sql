DROP TABLE runner_heartbeats;
ALTER TABLE cooldown_log DROP COLUMN cleared_at;
DROP INDEX cooldown_log_by_order;
DROP INDEX conversation_by_time;
DROP INDEX dispatches_by_time;
DROP INDEX command_log_by_time;
DROP INDEX outbound_log_by_time;
DROP INDEX webhook_log_by_channel;
DROP INDEX webhook_log_by_time;
