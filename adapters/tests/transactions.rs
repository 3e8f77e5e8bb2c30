//! Repositories inside a caller's transaction: several repositories' writes commit together
//! or not at all, a nested transaction is a savepoint, and a dropped transaction leaves
//! nothing behind and the pool usable. Runs on SQLite, and on PostgreSQL when
//! `PANELRELAY_TEST_DATABASE_URL` is set.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Utc;
use panelrelay_adapters::storage::api_keys::NewApiKey;
use panelrelay_adapters::storage::{Database, StorageError};
use panelrelay_adapters::testing::TestDatabase;
use panelrelay_core::access::Role;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::replies::TemplateKey;
use std::time::Duration;

/// The caller's own error, as a service would have.
#[derive(Debug, PartialEq)]
enum Refused {
    Storage(StorageError),
    Declined,
}

impl From<StorageError> for Refused {
    fn from(err: StorageError) -> Self {
        Refused::Storage(err)
    }
}

async fn workspace(db: &Database, name: &str) -> WorkspaceId {
    let key = NewApiKey {
        name: "owner".into(),
        role: Role::Owner,
        prefix: format!("prefix-{name}"),
        secret_hash: format!("hash-{name}"),
    };
    db.workspaces()
        .create(name, key, Utc::now())
        .await
        .unwrap()
        .0
        .id
}

async fn name_of(db: &Database, ws: WorkspaceId) -> String {
    db.workspaces().get(ws).await.unwrap().unwrap().name
}

async fn version_of(db: &Database, ws: WorkspaceId) -> i64 {
    db.workspaces().config_version(ws).await.unwrap().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn writes_of_several_repositories_commit_together() {
    let test = TestDatabase::new().await;
    let db = &test.db;
    let ws = workspace(db, "before").await;
    let version = version_of(db, ws).await;

    let seen_inside = db
        .transaction(async |tx: &Database| {
            tx.workspaces().rename(ws, "after", Utc::now()).await?;
            tx.settings(ws).put(r#"{"a":1}"#, Utc::now()).await?;
            tx.reply_templates(ws)
                .put(TemplateKey::RefillRequested, "sent", Utc::now())
                .await?;
            Ok::<_, Refused>(name_of(tx, ws).await)
        })
        .await
        .unwrap();

    assert_eq!(seen_inside, "after", "a transaction reads its own writes");
    assert_eq!(name_of(db, ws).await, "after");
    assert_eq!(
        db.settings(ws).get().await.unwrap().as_deref(),
        Some(r#"{"a":1}"#)
    );
    assert!(
        version_of(db, ws).await >= version + 2,
        "the repositories' own version bumps ran inside the transaction"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_error_keeps_none_of_the_writes() {
    let test = TestDatabase::new().await;
    let db = &test.db;
    let ws = workspace(db, "before").await;
    let version = version_of(db, ws).await;

    let refused = db
        .transaction(async |tx: &Database| {
            tx.workspaces().rename(ws, "after", Utc::now()).await?;
            tx.settings(ws).put(r#"{"a":1}"#, Utc::now()).await?;
            Err::<(), _>(Refused::Declined)
        })
        .await;

    assert_eq!(refused, Err(Refused::Declined));
    assert_eq!(name_of(db, ws).await, "before");
    assert_eq!(db.settings(ws).get().await.unwrap(), None);
    assert_eq!(version_of(db, ws).await, version);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_nested_transaction_is_a_savepoint() {
    let test = TestDatabase::new().await;
    let db = &test.db;
    let ws = workspace(db, "before").await;

    db.transaction(async |tx: &Database| {
        tx.workspaces().rename(ws, "outer", Utc::now()).await?;
        let inner = tx
            .transaction(async |inner: &Database| {
                inner
                    .settings(ws)
                    .put(r#"{"inner":true}"#, Utc::now())
                    .await?;
                Err::<(), _>(Refused::Declined)
            })
            .await;
        assert_eq!(inner, Err(Refused::Declined));
        tx.transaction(async |inner: &Database| {
            inner
                .reply_templates(ws)
                .put(TemplateKey::RefillRequested, "kept", Utc::now())
                .await
        })
        .await?;
        Ok::<_, Refused>(())
    })
    .await
    .unwrap();

    assert_eq!(name_of(db, ws).await, "outer");
    assert_eq!(
        db.settings(ws).get().await.unwrap(),
        None,
        "the failed savepoint's write is gone"
    );
    let templates = db.reply_templates(ws).all().await.unwrap();
    assert_eq!(templates.len(), 1, "the committed savepoint's write stays");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dropped_transaction_leaves_nothing_and_the_pool_works() {
    let test = TestDatabase::new().await;
    let db = &test.db;
    let ws = workspace(db, "before").await;

    let abandoned = tokio::time::timeout(
        Duration::from_millis(300),
        db.transaction(async |tx: &Database| {
            tx.workspaces().rename(ws, "abandoned", Utc::now()).await?;
            std::future::pending::<()>().await;
            Ok::<_, Refused>(())
        }),
    )
    .await;
    assert!(abandoned.is_err(), "the transaction was still running");

    assert_eq!(name_of(db, ws).await, "before");
    db.workspaces()
        .rename(ws, "later", Utc::now())
        .await
        .unwrap();
    assert_eq!(name_of(db, ws).await, "later");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_kept_handle_cannot_write_after_the_end() {
    let test = TestDatabase::new().await;
    let db = &test.db;
    let ws = workspace(db, "before").await;

    let kept = db
        .transaction(async |tx: &Database| Ok::<_, Refused>(tx.clone()))
        .await
        .unwrap();
    let late = kept.workspaces().rename(ws, "late", Utc::now()).await;

    assert!(
        matches!(late, Err(StorageError::Unavailable(_))),
        "{late:?}"
    );
    assert_eq!(name_of(db, ws).await, "before");
}
