//! The service-rule cache: each panel service's name parsed into a refill policy and start
//! window (quick mode), with optional manual overrides (advanced mode).

use super::config_write;
use super::schema::service_rules;
use super::{Database, Page, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::{AsyncConnection, RunQueryDsl};
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::service_rules::{RefillPolicy, StartWindow};

/// A cached service with its parsed rule and optional manual override.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedService {
    /// The panel's service id.
    pub service_id: String,
    /// The service name as last seen.
    pub name: String,
    /// The category, where the panel reports one.
    pub category: Option<String>,
    /// The refill policy parsed from the name.
    pub parsed_refill: RefillPolicy,
    /// The start window parsed from the name.
    pub parsed_start: StartWindow,
    /// The manual override, if one is set.
    pub manual: Option<(RefillPolicy, StartWindow)>,
    /// When the name was last refreshed from the panel.
    pub refreshed_at: DateTime<Utc>,
    /// When the row last changed.
    pub updated_at: DateTime<Utc>,
}

/// A service as refreshed from the panel, already parsed.
#[derive(Debug, Clone)]
pub struct RefreshedService {
    /// The panel's service id.
    pub service_id: String,
    /// Its name.
    pub name: String,
    /// Its category.
    pub category: Option<String>,
    /// The parsed refill policy.
    pub refill: RefillPolicy,
    /// The parsed start window.
    pub start: StartWindow,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = service_rules)]
struct Row {
    workspace_id: String,
    service_id: String,
    name: String,
    category: Option<String>,
    parsed_refill: String,
    parsed_refill_days: Option<i32>,
    parsed_start_min: Option<i32>,
    parsed_start_max: Option<i32>,
    manual_refill: Option<String>,
    manual_refill_days: Option<i32>,
    manual_start_min: Option<i32>,
    manual_start_max: Option<i32>,
    refreshed_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// A refill policy as stored: a kind and, for `days`, the count.
fn refill_to_db(policy: RefillPolicy) -> (String, Option<i32>) {
    match policy {
        RefillPolicy::None => ("none".into(), None),
        RefillPolicy::Days(days) => ("days".into(), i32::try_from(days).ok()),
        RefillPolicy::Lifetime => ("lifetime".into(), None),
        RefillPolicy::Unknown => ("unknown".into(), None),
    }
}

fn refill_from_db(kind: &str, days: Option<i32>) -> Result<RefillPolicy, StorageError> {
    match (kind, days) {
        ("none", _) => Ok(RefillPolicy::None),
        ("days", Some(days)) => u32::try_from(days)
            .map(RefillPolicy::Days)
            .map_err(|_| StorageError::Corrupt(format!("refill days {days}"))),
        ("lifetime", _) => Ok(RefillPolicy::Lifetime),
        ("unknown", _) => Ok(RefillPolicy::Unknown),
        (other, _) => Err(StorageError::Corrupt(format!("refill kind {other}"))),
    }
}

fn minutes_to_db(minutes: Option<u32>) -> Option<i32> {
    minutes.and_then(|m| i32::try_from(m).ok())
}

fn minutes_from_db(minutes: Option<i32>) -> Option<u32> {
    minutes.and_then(|m| u32::try_from(m).ok())
}

impl TryFrom<Row> for CachedService {
    type Error = StorageError;

    fn try_from(row: Row) -> Result<Self, StorageError> {
        let manual = match &row.manual_refill {
            Some(kind) => Some((
                refill_from_db(kind, row.manual_refill_days)?,
                StartWindow {
                    min_minutes: minutes_from_db(row.manual_start_min),
                    max_minutes: minutes_from_db(row.manual_start_max),
                },
            )),
            None => None,
        };
        Ok(CachedService {
            parsed_refill: refill_from_db(&row.parsed_refill, row.parsed_refill_days)?,
            parsed_start: StartWindow {
                min_minutes: minutes_from_db(row.parsed_start_min),
                max_minutes: minutes_from_db(row.parsed_start_max),
            },
            manual,
            service_id: row.service_id,
            name: row.name,
            category: row.category,
            refreshed_at: from_db_time(row.refreshed_at),
            updated_at: from_db_time(row.updated_at),
        })
    }
}

/// A workspace's service-rule cache.
pub struct ServiceRules<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The service-rule cache of one workspace.
    pub fn service_rules(&self, workspace_id: WorkspaceId) -> ServiceRules<'_> {
        ServiceRules {
            db: self,
            workspace_id,
        }
    }
}

impl ServiceRules<'_> {
    /// Cached services in service-id order, after the cursor `after`.
    pub async fn list(
        &self,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Page<CachedService>, StorageError> {
        let rows: Vec<Row> = with_conn!(self.db, |conn| {
            let mut query = service_rules::table
                .filter(service_rules::workspace_id.eq(self.workspace_id.to_string()))
                .select(Row::as_select())
                .order(service_rules::service_id.asc())
                .limit(limit + 1)
                .into_boxed();
            if let Some(after) = after {
                query = query.filter(service_rules::service_id.gt(after.to_string()));
            }
            query.load(conn).await?
        });
        let page = Page::from_rows(rows, limit, |row| row.service_id.clone());
        let items = page
            .items
            .into_iter()
            .map(CachedService::try_from)
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            next_after: page.next_after,
        })
    }

    /// One cached service.
    pub async fn get(&self, service_id: &str) -> Result<Option<CachedService>, StorageError> {
        let row: Option<Row> = with_conn!(self.db, |conn| {
            service_rules::table
                .find((self.workspace_id.to_string(), service_id))
                .select(Row::as_select())
                .first(conn)
                .await
                .optional()?
        });
        row.map(CachedService::try_from).transpose()
    }

    /// Stores freshly parsed services in one transaction, keeping manual overrides.
    /// Returns how many were written.
    pub async fn refresh(
        &self,
        services: &[RefreshedService],
        now: DateTime<Utc>,
    ) -> Result<usize, StorageError> {
        let rows: Vec<Row> = services
            .iter()
            .map(|service| {
                let (parsed_refill, parsed_refill_days) = refill_to_db(service.refill);
                Row {
                    workspace_id: self.workspace_id.to_string(),
                    service_id: service.service_id.clone(),
                    name: service.name.clone(),
                    category: service.category.clone(),
                    parsed_refill,
                    parsed_refill_days,
                    parsed_start_min: minutes_to_db(service.start.min_minutes),
                    parsed_start_max: minutes_to_db(service.start.max_minutes),
                    manual_refill: None,
                    manual_refill_days: None,
                    manual_start_min: None,
                    manual_start_max: None,
                    refreshed_at: to_db_time(now),
                    updated_at: to_db_time(now),
                }
            })
            .collect();
        let written = with_conn!(self.db, |conn| {
            conn.transaction(async |conn| {
                let mut written = 0;
                // One statement per row: multi-row inserts do not compile for SQLite here.
                for row in &rows {
                    written += diesel::insert_into(service_rules::table)
                        .values(row)
                        .on_conflict((service_rules::workspace_id, service_rules::service_id))
                        .do_update()
                        .set((
                            service_rules::name.eq(excluded(service_rules::name)),
                            service_rules::category.eq(excluded(service_rules::category)),
                            service_rules::parsed_refill.eq(excluded(service_rules::parsed_refill)),
                            service_rules::parsed_refill_days
                                .eq(excluded(service_rules::parsed_refill_days)),
                            service_rules::parsed_start_min
                                .eq(excluded(service_rules::parsed_start_min)),
                            service_rules::parsed_start_max
                                .eq(excluded(service_rules::parsed_start_max)),
                            service_rules::refreshed_at.eq(excluded(service_rules::refreshed_at)),
                            service_rules::updated_at.eq(excluded(service_rules::updated_at)),
                        ))
                        .execute(conn)
                        .await?;
                }
                Ok::<_, StorageError>(written)
            })
            .await?
        });
        Ok(written)
    }

    /// Sets or clears (`None`) the manual override of a cached service. Returns the updated
    /// service, or `None` if the service is not in the cache.
    pub async fn set_manual(
        &self,
        service_id: &str,
        manual: Option<(RefillPolicy, StartWindow)>,
        now: DateTime<Utc>,
    ) -> Result<Option<CachedService>, StorageError> {
        let (kind, days, min, max) = match manual {
            Some((refill, start)) => {
                let (kind, days) = refill_to_db(refill);
                (
                    Some(kind),
                    days,
                    minutes_to_db(start.min_minutes),
                    minutes_to_db(start.max_minutes),
                )
            }
            None => (None, None, None, None),
        };
        let row: Option<Row> = config_write!(
            self.db,
            self.workspace_id,
            |conn| {
                diesel::update(
                    service_rules::table.find((self.workspace_id.to_string(), service_id)),
                )
                .set((
                    service_rules::manual_refill.eq(kind),
                    service_rules::manual_refill_days.eq(days),
                    service_rules::manual_start_min.eq(min),
                    service_rules::manual_start_max.eq(max),
                    service_rules::updated_at.eq(to_db_time(now)),
                ))
                .returning(Row::as_returning())
                .get_result(conn)
                .await
                .optional()?
            },
            bump_if = |row: &Option<Row>| row.is_some()
        );
        row.map(CachedService::try_from).transpose()
    }
}
