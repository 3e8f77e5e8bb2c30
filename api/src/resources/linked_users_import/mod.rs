//! `POST /v1/linked-users/import`: many links in one request, as JSON rows or a CSV file,
//! with a report per row. A bad row never stops the others.

mod csv;

use super::ApiTags;
use super::identities::{UsernameCheck, check_username, field, identity_of};
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::idempotency::run_once;
use crate::state::AppState;
use chrono::Utc;
use panelrelay_adapters::storage::StorageError;
use panelrelay_adapters::storage::idempotency::IdempotencyScope;
use panelrelay_core::access::Role;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::medium::Medium;
use panelrelay_core::ports::PanelApi;
use panelrelay_core::rules::same_user;
use poem::web::Data;
use poem::{FromRequest, Request, RequestBody};
use poem_openapi::param::{Header, Query};
use poem_openapi::payload::{Json, ParsePayload, Payload};
use poem_openapi::registry::MetaSchemaRef;
use poem_openapi::types::{Binary, Type};
use poem_openapi::{ApiRequest, Enum, Object, OpenApi};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// The most rows one import may carry.
pub const MAX_IMPORT_ROWS: usize = 10_000;

/// One link to import.
#[derive(Object, Debug, Clone, Serialize)]
#[oai(skip_serializing_if_is_none)]
pub struct ImportRow {
    /// `telegram`, `whatsapp_greenapi` or `whatsapp_meta`.
    pub medium: Option<String>,
    /// The chat identity, in any usual spelling.
    pub identity: Option<String>,
    /// The panel username.
    pub username: Option<String>,
}

/// Links to import as JSON.
#[derive(Object, Debug, Serialize)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct ImportRequest {
    /// At most 10,000 rows.
    pub rows: Vec<ImportRow>,
    /// Check every username on the panel first (default false).
    pub verify_usernames: Option<bool>,
    /// Report what would happen without linking anything (default false).
    pub dry_run: Option<bool>,
}

impl poem_openapi::types::Example for ImportRequest {
    fn example() -> Self {
        let row = |medium: &str, identity: &str, username: &str| ImportRow {
            medium: Some(medium.into()),
            identity: Some(identity.into()),
            username: Some(username.into()),
        };
        ImportRequest {
            rows: vec![
                row("telegram", "5234567890", "bob"),
                row("whatsapp_greenapi", "+44 7700 900123", "carol"),
            ],
            verify_usernames: Some(false),
            dry_run: Some(false),
        }
    }
}

/// A CSV file, in UTF-8. The spec declares it as a file upload
/// (`application/octet-stream`), which every generator turns into a file argument (several,
/// openapi-python-client among them, generate nothing for `text/csv`); `text/csv` is
/// accepted as well, for curl and browsers.
#[derive(Debug)]
pub struct Csv(pub String);

impl Payload for Csv {
    const CONTENT_TYPE: &'static str = "application/octet-stream";

    fn check_content_type(content_type: &str) -> bool {
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        essence.eq_ignore_ascii_case("text/csv")
            || essence.eq_ignore_ascii_case("application/octet-stream")
    }

    fn schema_ref() -> MetaSchemaRef {
        Binary::<Vec<u8>>::schema_ref()
    }
}

impl ParsePayload for Csv {
    const IS_REQUIRED: bool = true;

    async fn from_request(request: &Request, body: &mut RequestBody) -> poem::Result<Self> {
        Ok(Self(String::from_request(request, body).await?))
    }
}

/// The body of a CSV import.
#[derive(ApiRequest, Debug)]
pub enum CsvImport {
    /// The CSV file: a header `medium,identity,username` (any order, more columns ignored),
    /// then one link per line.
    Csv(Csv),
}

/// What happened to a row.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum ImportRowStatus {
    /// Linked (in a dry run: would be linked).
    Created,
    /// Already linked to this username: nothing to do.
    Unchanged,
    /// Not linked; `code` and `message` say why.
    Error,
}

/// Why a row was not linked.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum ImportRowError {
    /// The CSV record could not be read, or a field is missing.
    MalformedRow,
    /// The medium is not `telegram`, `whatsapp_greenapi` or `whatsapp_meta`.
    InvalidMedium,
    /// The identity is not a valid identity of its medium.
    InvalidIdentity,
    /// The username is empty, too long or has control characters.
    InvalidUsername,
    /// An earlier row of this import has the same identity.
    DuplicateRow,
    /// The identity is already linked to another username.
    IdentityAlreadyLinked,
    /// `verify_usernames`: the panel has no such user.
    UsernameNotOnPanel,
    /// `verify_usernames`: the panel failed to answer for this username.
    PanelError,
}

/// The outcome of one row.
#[derive(Object, Debug, Clone, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct ImportRowResult {
    /// The row's number: 1 for the first JSON row or the first CSV line after the header.
    pub row: u32,
    /// What happened.
    pub status: ImportRowStatus,
    /// The medium, when valid.
    pub medium: Option<String>,
    /// The identity as stored, when valid.
    pub identity: Option<String>,
    /// The username, when valid.
    pub username: Option<String>,
    /// The link's id (created or existing); absent for errors and dry-run creations.
    pub id: Option<String>,
    /// Why the row was not linked.
    pub code: Option<ImportRowError>,
    /// A human-readable explanation of the error.
    pub message: Option<String>,
}

/// The report of an import.
#[derive(Object, Debug, Clone, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct ImportReport {
    /// Whether nothing was written.
    pub dry_run: bool,
    /// Rows read.
    pub total: u32,
    /// Rows linked (or that would be, in a dry run).
    pub created: u32,
    /// Rows already linked to the same username.
    pub unchanged: u32,
    /// Rows refused.
    pub errors: u32,
    /// One result per row, in order.
    pub rows: Vec<ImportRowResult>,
}

/// A row as read, before checks: its number and fields, or why it could not be read.
struct RawRow {
    row: u32,
    fields: Result<ImportRow, String>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The rows of a CSV text.
fn csv_rows(text: &str) -> Result<Vec<RawRow>, ApiError> {
    let mut records = csv::records(text).into_iter();
    let header = match records.next().map(|r| r.fields) {
        Some(Ok(header)) => header,
        Some(Err(err)) => return Err(ApiError::invalid_body(format!("CSV header: {err}"))),
        None => return Err(ApiError::invalid_body("the CSV is empty")),
    };
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                ApiError::invalid_body(format!(
                    "the CSV header must name the columns medium,identity,username (missing {name})"
                ))
            })
    };
    let (medium, identity, username) =
        (column("medium")?, column("identity")?, column("username")?);
    let rows: Vec<RawRow> = records
        .enumerate()
        .map(|(index, record)| RawRow {
            row: count(index + 1),
            fields: record.fields.and_then(|fields| {
                if fields.len() < header.len() {
                    return Err(format!(
                        "line {}: {} fields, the header has {}",
                        record.line,
                        fields.len(),
                        header.len()
                    ));
                }
                let get = |i: usize| fields.get(i).cloned();
                Ok(ImportRow {
                    medium: get(medium),
                    identity: get(identity),
                    username: get(username),
                })
            }),
        })
        .collect();
    Ok(rows)
}

/// One import run.
struct Import<'a> {
    state: &'a AppState,
    workspace_id: WorkspaceId,
    dry_run: bool,
    /// The panel and its key, when usernames are verified.
    panel: Option<(Arc<dyn PanelApi>, String)>,
    /// Usernames already checked (lower-cased), with the answer.
    checked: HashMap<String, Result<(), (ImportRowError, String)>>,
    /// Identities already seen in this import, with their row.
    seen: HashMap<(Medium, String), u32>,
}

fn refused(row: u32, code: ImportRowError, message: impl Into<String>) -> ImportRowResult {
    ImportRowResult {
        row,
        status: ImportRowStatus::Error,
        medium: None,
        identity: None,
        username: None,
        id: None,
        code: Some(code),
        message: Some(message.into()),
    }
}

fn message_of(err: &ApiError) -> String {
    err.envelope().error.message.clone()
}

impl Import<'_> {
    async fn verify(&mut self, username: &str) -> Result<(), (ImportRowError, String)> {
        let Some((panel, key)) = &self.panel else {
            return Ok(());
        };
        let cache_key = username.to_lowercase();
        if let Some(known) = self.checked.get(&cache_key) {
            return known.clone();
        }
        let answer = match check_username(panel.as_ref(), key, username).await {
            UsernameCheck::Found => Ok(()),
            UsernameCheck::Missing => Err((
                ImportRowError::UsernameNotOnPanel,
                format!("the panel has no user named {username}"),
            )),
            UsernameCheck::Failed(message) => Err((ImportRowError::PanelError, message)),
        };
        // A panel failure may be passing: ask again for the next row with this username.
        if !matches!(answer, Err((ImportRowError::PanelError, _))) {
            self.checked.insert(cache_key, answer.clone());
        }
        answer
    }

    async fn row(&mut self, raw: RawRow) -> Result<ImportRowResult, ApiError> {
        let row = raw.row;
        let fields = match raw.fields {
            Ok(fields) => fields,
            Err(message) => return Ok(refused(row, ImportRowError::MalformedRow, message)),
        };
        let (Some(medium), Some(identity), Some(username)) =
            (fields.medium, fields.identity, fields.username)
        else {
            return Ok(refused(
                row,
                ImportRowError::MalformedRow,
                "medium, identity and username are required",
            ));
        };
        let Some(medium) = Medium::parse(medium.trim()) else {
            return Ok(refused(
                row,
                ImportRowError::InvalidMedium,
                format!("unknown medium {:?}", medium.trim()),
            ));
        };
        let identity = match identity_of(medium, &identity) {
            Ok(identity) => identity,
            Err(err) => {
                return Ok(refused(
                    row,
                    ImportRowError::InvalidIdentity,
                    message_of(&err),
                ));
            }
        };
        let username = match field(&username, "username") {
            Ok(username) => username,
            Err(err) => {
                return Ok(refused(
                    row,
                    ImportRowError::InvalidUsername,
                    message_of(&err),
                ));
            }
        };
        let result =
            |status, id: Option<String>, error: Option<(ImportRowError, String)>| ImportRowResult {
                row,
                status,
                medium: Some(medium.as_str().to_string()),
                identity: Some(identity.clone()),
                username: Some(username.clone()),
                id,
                code: error.as_ref().map(|(code, _)| *code),
                message: error.map(|(_, message)| message),
            };
        if let Some(first) = self.seen.get(&(medium, identity.clone())) {
            let error = (
                ImportRowError::DuplicateRow,
                format!("row {first} has the same identity"),
            );
            return Ok(result(ImportRowStatus::Error, None, Some(error)));
        }
        self.seen.insert((medium, identity.clone()), row);
        let links = self.state.db.identities(self.workspace_id);
        if let Some(existing) = links.linked_identity(medium, &identity).await? {
            let id = Some(existing.id.to_string());
            if same_user(&existing.label, &username) {
                return Ok(result(ImportRowStatus::Unchanged, id, None));
            }
            let error = (
                ImportRowError::IdentityAlreadyLinked,
                format!("already linked to {}", existing.label),
            );
            return Ok(result(ImportRowStatus::Error, id, Some(error)));
        }
        if let Err(error) = self.verify(&username).await {
            return Ok(result(ImportRowStatus::Error, None, Some(error)));
        }
        if self.dry_run {
            return Ok(result(ImportRowStatus::Created, None, None));
        }
        match links.link(medium, &identity, &username, Utc::now()).await {
            Ok(created) => Ok(result(
                ImportRowStatus::Created,
                Some(created.id.to_string()),
                None,
            )),
            Err(StorageError::Conflict(_)) => {
                let error = (
                    ImportRowError::IdentityAlreadyLinked,
                    "linked concurrently by another request".to_string(),
                );
                Ok(result(ImportRowStatus::Error, None, Some(error)))
            }
            Err(other) => Err(other.into()),
        }
    }
}

/// The fingerprint of an import for `Idempotency-Key` replays.
#[derive(Serialize)]
struct Fingerprint<'a> {
    json: Option<&'a ImportRequest>,
    csv: Option<&'a str>,
    verify_usernames: bool,
    dry_run: bool,
}

/// Bulk import of linked users.
pub struct LinkedUsersImportApi;

#[OpenApi(tag = "ApiTags::Identities")]
impl LinkedUsersImportApi {
    /// Import linked users from JSON rows (owner).
    ///
    /// Up to 10,000 rows (more: 422 `too_many_rows`). Every row is reported: `created`,
    /// `unchanged` (already linked to that username) or `error` with a code; a bad row never
    /// stops the others. `verify_usernames` checks each username on the panel (409
    /// `panel_not_connected` without one); `dry_run` writes nothing. For a CSV file, see
    /// `import_linked_users_csv`.
    #[oai(
        path = "/v1/linked-users/import",
        method = "post",
        operation_id = "import_linked_users"
    )]
    async fn import(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Makes retries safe: the same key and body return the first report.
        #[oai(
            name = "Idempotency-Key",
            validator(min_length = 1, max_length = 255, pattern = "^[!-~]+$")
        )]
        idempotency_key: Header<Option<String>>,
        /// The links to import.
        body: Json<ImportRequest>,
    ) -> ApiResult<Json<ImportReport>> {
        auth.0.require(Role::Owner)?;
        let request = &body.0;
        let verify = request.verify_usernames.unwrap_or(false);
        let dry = request.dry_run.unwrap_or(false);
        check_size(request.rows.len())?;
        let rows = request
            .rows
            .iter()
            .enumerate()
            .map(|(index, row)| RawRow {
                row: count(index + 1),
                fields: Ok(row.clone()),
            })
            .collect();
        let fingerprint = Fingerprint {
            json: Some(request),
            csv: None,
            verify_usernames: verify,
            dry_run: dry,
        };
        let key = idempotency_key.0.as_deref();
        run_import(&state, auth.0.workspace_id, key, fingerprint, rows).await
    }

    /// Import linked users from a CSV file (owner).
    ///
    /// The body is the CSV file in UTF-8, sent as `text/csv` or `application/octet-stream`:
    /// a header naming the columns `medium`, `identity` and `username` (in any order; other
    /// columns are ignored), then one link per line. Rows are reported as by
    /// `import_linked_users`.
    #[oai(
        path = "/v1/linked-users/import-csv",
        method = "post",
        operation_id = "import_linked_users_csv"
    )]
    async fn import_csv(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Makes retries safe: the same key and body return the first report.
        #[oai(
            name = "Idempotency-Key",
            validator(min_length = 1, max_length = 255, pattern = "^[!-~]+$")
        )]
        idempotency_key: Header<Option<String>>,
        /// Check every username on the panel first (default false).
        verify_usernames: Query<Option<bool>>,
        /// Report without linking anything (default false).
        dry_run: Query<Option<bool>>,
        body: CsvImport,
    ) -> ApiResult<Json<ImportReport>> {
        auth.0.require(Role::Owner)?;
        let CsvImport::Csv(Csv(text)) = &body;
        let rows = csv_rows(text)?;
        check_size(rows.len())?;
        let fingerprint = Fingerprint {
            json: None,
            csv: Some(text),
            verify_usernames: verify_usernames.0.unwrap_or(false),
            dry_run: dry_run.0.unwrap_or(false),
        };
        let key = idempotency_key.0.as_deref();
        run_import(&state, auth.0.workspace_id, key, fingerprint, rows).await
    }
}

/// Runs one import once per idempotency key: every row in order, then the report.
async fn run_import(
    state: &AppState,
    workspace_id: WorkspaceId,
    idempotency_key: Option<&str>,
    fingerprint: Fingerprint<'_>,
    rows: Vec<RawRow>,
) -> ApiResult<Json<ImportReport>> {
    let (verify, dry) = (fingerprint.verify_usernames, fingerprint.dry_run);
    let scope = IdempotencyScope::Workspace(workspace_id);
    let report = run_once(
        state,
        scope,
        idempotency_key,
        "import_linked_users",
        &fingerprint,
        async {
            let panel = if verify {
                Some(crate::services::panel::client(&state.db, &state.secrets, workspace_id).await?)
            } else {
                None
            };
            let mut import = Import {
                state,
                workspace_id,
                dry_run: dry,
                panel,
                checked: HashMap::new(),
                seen: HashMap::new(),
            };
            let mut results = Vec::with_capacity(rows.len());
            for raw in rows {
                results.push(import.row(raw).await?);
            }
            let of = |status| count(results.iter().filter(|r| r.status == status).count());
            Ok(ImportReport {
                dry_run: dry,
                total: count(results.len()),
                created: of(ImportRowStatus::Created),
                unchanged: of(ImportRowStatus::Unchanged),
                errors: of(ImportRowStatus::Error),
                rows: results,
            })
        },
    )
    .await?;
    Ok(Json(report))
}

/// 422 `too_many_rows` above [`MAX_IMPORT_ROWS`].
fn check_size(rows: usize) -> Result<(), ApiError> {
    if rows > MAX_IMPORT_ROWS {
        return Err(ApiError::new(
            ErrorCode::TooManyRows,
            format!("{rows} rows; one import takes at most {MAX_IMPORT_ROWS}"),
        ));
    }
    Ok(())
}
