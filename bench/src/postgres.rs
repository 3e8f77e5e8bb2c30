//! A fresh PostgreSQL database per run, dropped afterwards.

use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

/// A database created for one run; `drop_now` removes it.
pub struct FreshDatabase {
    server_url: String,
    name: String,
    /// The URL of the new database.
    pub url: String,
}

impl FreshDatabase {
    /// Creates `panelrelay_bench_<random>` on the server of `server_url`.
    pub async fn create(server_url: &str) -> Result<Self, String> {
        let name = format!("panelrelay_bench_{}", uuid::Uuid::new_v4().simple());
        let mut admin = AsyncPgConnection::establish(server_url)
            .await
            .map_err(|err| format!("DATABASE_URL unreachable: {err}"))?;
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .map_err(|err| format!("cannot create the bench database: {err}"))?;
        Ok(FreshDatabase {
            url: with_database(server_url, &name),
            server_url: server_url.to_string(),
            name,
        })
    }

    /// A fresh database for `backend`: one on the server of `server_url` for PostgreSQL,
    /// none for the embedded backend.
    pub async fn for_backend(
        backend: crate::options::Backend,
        server_url: Option<&str>,
    ) -> Result<Option<Self>, String> {
        match backend {
            crate::options::Backend::Embedded => Ok(None),
            crate::options::Backend::Postgres => {
                let url = server_url.ok_or("the PostgreSQL backend needs DATABASE_URL")?;
                Self::create(url).await.map(Some)
            }
        }
    }

    /// Drops the database (the server process must have stopped).
    pub async fn drop_now(self) {
        if let Ok(mut admin) = AsyncPgConnection::establish(&self.server_url).await {
            let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
            let _ = diesel::sql_query(sql).execute(&mut admin).await;
        }
    }
}

/// `server_url` with its database name replaced by `name`.
fn with_database(server_url: &str, name: &str) -> String {
    let (base, query) = match server_url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (server_url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_name_is_replaced() {
        assert_eq!(
            with_database("postgres://u@h:5432/postgres?sslmode=disable", "x"),
            "postgres://u@h:5432/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
