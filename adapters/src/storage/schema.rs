//! The diesel schema, shared by both backends (see `migrations/`).

diesel::table! {
    workspaces (id) {
        id -> Text,
        name -> Text,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        suspended_at -> Nullable<Timestamp>,
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
