DROP TABLE workspace_settings;
DROP TABLE service_rules;
DROP TABLE panel_connections;
