//! Connection limits of the HTTP server: how long a request head and body may take, how long
//! an idle keep-alive connection stays open, and how many connections are served at once.
//!
//! [`LimitedAcceptor`] wraps poem's acceptor: it accepts a connection only while fewer than
//! `max_connections` are open (the others wait in the kernel's backlog), and wraps each one
//! in a [`DeadlineIo`] that enforces the head and idle deadlines. The body deadline is
//! enforced per request by the middleware (see [`super::body_deadline`]).

use super::deadline_io::DeadlineIo;
use poem::http::uri::Scheme;
use poem::listener::{Acceptor, Listener, TcpAcceptor, TcpListener};
use poem::web::{LocalAddr, RemoteAddr};
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The HTTP server's limits (`PANELRELAY_HTTP_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpLimits {
    /// The request line and headers must arrive within this, counted from their first byte.
    pub header_timeout: Duration,
    /// The request body must be read within this, counted from the end of the head.
    pub body_timeout: Duration,
    /// A keep-alive connection with no request in flight is closed after this.
    pub idle_timeout: Duration,
    /// At most this many connections are open at once; more wait to be accepted.
    pub max_connections: usize,
}

impl Default for HttpLimits {
    fn default() -> Self {
        HttpLimits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            max_connections: 4096,
        }
    }
}

/// An acceptor that keeps to [`HttpLimits`].
pub struct LimitedAcceptor<A> {
    inner: A,
    limits: HttpLimits,
    permits: Arc<Semaphore>,
    /// Whether the cap was reached and not yet relieved (to log once per episode).
    saturated: bool,
}

impl<A: Acceptor> LimitedAcceptor<A> {
    /// Wraps `inner`.
    pub fn new(inner: A, limits: HttpLimits) -> Self {
        LimitedAcceptor {
            inner,
            limits,
            permits: Arc::new(Semaphore::new(limits.max_connections)),
            saturated: false,
        }
    }
}

impl LimitedAcceptor<TcpAcceptor> {
    /// Listens on `address` (port 0 picks a free one) with `limits`.
    pub async fn bind(address: SocketAddr, limits: HttpLimits) -> io::Result<Self> {
        let acceptor = TcpListener::bind(address).into_acceptor().await?;
        Ok(LimitedAcceptor::new(acceptor, limits))
    }
}

impl<A: Acceptor> Acceptor for LimitedAcceptor<A> {
    type Io = DeadlineIo<A::Io>;

    fn local_addr(&self) -> Vec<LocalAddr> {
        self.inner.local_addr()
    }

    async fn accept(&mut self) -> io::Result<(Self::Io, LocalAddr, RemoteAddr, Scheme)> {
        let permit = match self.permits.clone().try_acquire_owned() {
            Ok(permit) => {
                self.saturated = false;
                permit
            }
            Err(_) => {
                if !self.saturated {
                    self.saturated = true;
                    tracing::warn!(
                        max_connections = self.limits.max_connections,
                        "connection limit reached (PANELRELAY_HTTP_MAX_CONNECTIONS); \
                         new connections wait until one closes"
                    );
                }
                self.permits
                    .clone()
                    .acquire_owned()
                    .await
                    .map_err(|_| io::Error::other("connection limit closed"))?
            }
        };
        let (io, local, remote, scheme) = self.inner.accept().await?;
        Ok((
            DeadlineIo::new(
                io,
                self.limits.header_timeout,
                self.limits.idle_timeout,
                permit,
            ),
            local,
            remote,
            scheme,
        ))
    }
}
