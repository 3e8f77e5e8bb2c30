//! The diesel schema, shared by both backends (see `migrations/`).

diesel::table! {
    workspaces (id) {
        id -> Text,
        name -> Text,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        suspended_at -> Nullable<Timestamp>,
        config_version -> BigInt,
    }
}

diesel::table! {
    admin_keys (id) {
        id -> Text,
        name -> Text,
        prefix -> Text,
        secret_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_keys (id) {
        id -> Text,
        workspace_id -> Text,
        name -> Text,
        role -> Text,
        prefix -> Text,
        secret_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    idempotency_keys (scope, idempotency_key) {
        scope -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        status_code -> Nullable<Integer>,
        response_body -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    platform_state (name) {
        name -> Text,
        value -> Text,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(api_keys -> workspaces (workspace_id));
diesel::allow_tables_to_appear_in_same_query!(workspaces, api_keys);
diesel::allow_tables_to_appear_in_same_query!(provider_routes, channels);

diesel::table! {
    panel_connections (workspace_id) {
        workspace_id -> Text,
        kind -> Text,
        base_url -> Text,
        timezone -> Text,
        api_key_sealed -> Text,
        api_key_last4 -> Text,
        requests_per_second -> Integer,
        timeout_ms -> Integer,
        last_test_at -> Nullable<Timestamp>,
        last_test_ok -> Nullable<Bool>,
        last_test_summary -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    service_rules (workspace_id, service_id) {
        workspace_id -> Text,
        service_id -> Text,
        name -> Text,
        category -> Nullable<Text>,
        parsed_refill -> Text,
        parsed_refill_days -> Nullable<Integer>,
        parsed_start_min -> Nullable<Integer>,
        parsed_start_max -> Nullable<Integer>,
        manual_refill -> Nullable<Text>,
        manual_refill_days -> Nullable<Integer>,
        manual_start_min -> Nullable<Integer>,
        manual_start_max -> Nullable<Integer>,
        refreshed_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    workspace_settings (workspace_id) {
        workspace_id -> Text,
        settings -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    channels (id) {
        id -> Text,
        workspace_id -> Text,
        medium -> Text,
        name -> Text,
        config -> Text,
        secrets_sealed -> Text,
        secret_hints -> Text,
        status -> Text,
        last_validated_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        last_event_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    linked_users (id) {
        id -> Text,
        workspace_id -> Text,
        medium -> Text,
        identity -> Text,
        username -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    admin_chats (id) {
        id -> Text,
        workspace_id -> Text,
        medium -> Text,
        identity -> Text,
        name -> Text,
        created_at -> Timestamp,
        view_any_order -> Bool,
        dispatch_any_order -> Bool,
        reply_in_groups -> Bool,
    }
}

diesel::table! {
    provider_routes (id) {
        id -> Text,
        workspace_id -> Text,
        name -> Text,
        channel_id -> Text,
        provider_domains -> Text,
        alias -> Nullable<Text>,
        target_chat_id -> Text,
        target_topic_id -> Nullable<BigInt>,
        templates -> Text,
        enabled -> Bool,
        is_fallback -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    order_first_seen (workspace_id, order_id) {
        workspace_id -> Text,
        order_id -> BigInt,
        first_completed_at -> Timestamp,
    }
}

diesel::table! {
    inbox_events (id) {
        id -> Text,
        workspace_id -> Text,
        channel_id -> Text,
        dedupe_key -> Text,
        medium -> Text,
        chat_id -> Text,
        sender_id -> Text,
        text -> Text,
        is_group -> Bool,
        topic_id -> Nullable<BigInt>,
        status -> Text,
        attempts -> Integer,
        claimed_until -> Nullable<Timestamp>,
        received_at -> Timestamp,
        processed_at -> Nullable<Timestamp>,
        error -> Nullable<Text>,
    }
}

diesel::table! {
    outbox_messages (id) {
        id -> Text,
        workspace_id -> Text,
        channel_id -> Text,
        inbox_event_id -> Text,
        kind -> Text,
        chat_id -> Text,
        topic_id -> Nullable<BigInt>,
        text -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        provider_message_id -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    command_log (id) {
        id -> Text,
        workspace_id -> Text,
        inbox_event_id -> Text,
        channel_id -> Text,
        medium -> Text,
        chat_id -> Text,
        sender_id -> Text,
        sender_role -> Text,
        text -> Text,
        action -> Nullable<Text>,
        order_ids -> Text,
        outcomes -> Text,
        reply -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    dispatches (id) {
        id -> Text,
        workspace_id -> Text,
        command_id -> Text,
        outbox_id -> Text,
        route_id -> Text,
        action -> Text,
        order_ids -> Text,
        external_ids -> Text,
        target_chat_id -> Text,
        text -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    webhook_log (id) {
        id -> Text,
        workspace_id -> Nullable<Text>,
        channel_id -> Text,
        medium -> Text,
        status_code -> Integer,
        outcome -> Text,
        dedupe_key -> Nullable<Text>,
        payload -> Text,
        detail -> Nullable<Text>,
        received_at -> Timestamp,
    }
}

diesel::table! {
    outbound_log (id) {
        id -> Text,
        workspace_id -> Text,
        outbox_id -> Text,
        channel_id -> Text,
        ok -> Bool,
        response -> Text,
        error -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    conversation_messages (id) {
        id -> Text,
        workspace_id -> Text,
        channel_id -> Text,
        chat_id -> Text,
        direction -> Text,
        text -> Text,
        ref_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    cooldown_log (id) {
        id -> Text,
        workspace_id -> Text,
        command_id -> Text,
        order_id -> BigInt,
        action -> Text,
        claimed_at -> Timestamp,
        until -> Timestamp,
        cleared_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    reply_templates (workspace_id, template_key) {
        workspace_id -> Text,
        template_key -> Text,
        text -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    command_aliases (id) {
        id -> Text,
        workspace_id -> Text,
        phrase -> Text,
        phrase_key -> Text,
        action -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    custom_commands (id) {
        id -> Text,
        workspace_id -> Text,
        trigger_phrase -> Text,
        phrase_key -> Text,
        reply -> Text,
        enabled -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    runner_heartbeats (runner, instance) {
        runner -> Text,
        instance -> Text,
        last_seen_at -> Timestamp,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    job_leases (kind, scope) {
        kind -> Text,
        scope -> Text,
        owner -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
        heartbeat_at -> Nullable<Timestamp>,
        next_run_at -> Nullable<Timestamp>,
        last_started_at -> Nullable<Timestamp>,
        last_ok_at -> Nullable<Timestamp>,
        last_error_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        last_stats -> Nullable<Text>,
        runs -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(outbound_log, outbox_messages);
diesel::allow_tables_to_appear_in_same_query!(dispatches, outbox_messages);
diesel::allow_tables_to_appear_in_same_query!(cooldown_log, command_log);

diesel::table! {
    link_codes (id) {
        id -> Text,
        workspace_id -> Text,
        medium -> Text,
        identity -> Text,
        username -> Text,
        code_hash -> Text,
        attempts -> Integer,
        expires_at -> Timestamp,
        created_at -> Timestamp,
    }
}
