DROP TABLE cooldown_log;
