DROP TABLE custom_commands;
DROP TABLE command_aliases;
DROP TABLE reply_templates;
