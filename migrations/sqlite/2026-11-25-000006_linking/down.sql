DROP TABLE link_codes;
ALTER TABLE admin_chats DROP COLUMN reply_in_groups;
ALTER TABLE admin_chats DROP COLUMN dispatch_any_order;
ALTER TABLE admin_chats DROP COLUMN view_any_order;
