//! One HTTP/1 connection under deadlines: the request head must be complete within the
//! header timeout from its first byte, and a connection waiting for its next request is
//! closed after the idle timeout.
//!
//! The wrapper watches the bytes the server reads and writes rather than the parser's state:
//! - idle: nothing of a request read yet; closed (end of stream) when the idle deadline
//!   passes. The deadline counts from the accept, then from the last byte of a response.
//! - head: from a request's first byte until the blank line that ends its headers; the
//!   connection fails with `TimedOut` when the header deadline passes, however the bytes
//!   trickle in.
//! - request: head complete; no deadline here (the body deadline is the middleware's), until
//!   the server writes the response, which makes the connection idle again. Interim `1xx`
//!   responses (`100 Continue`) do not count as the response.
//!
//! Bytes of a pipelined request read together with the previous request are not watched.
//! HTTP/2 (prior knowledge) connections are passed through untouched: hyper keeps them.
//!
//! The wrapper also holds the connection's slot under the connection cap, released on drop.

use std::io::{self, IoSlice};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::OwnedSemaphorePermit;
use tokio::time::{Instant, Sleep};

/// The HTTP/2 connection preface starts with this.
const HTTP2_PREFACE: &[u8; 4] = b"PRI ";

/// Where the connection is in its request cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for a request's first byte.
    Idle,
    /// Reading a request head; `window` holds its last four bytes.
    Head { window: u32 },
    /// Head read, response not yet written.
    Request,
    /// An HTTP/2 connection: not watched.
    Passthrough,
}

/// A connection's byte stream with the head and idle deadlines.
pub struct DeadlineIo<T> {
    inner: T,
    header_timeout: Duration,
    idle_timeout: Duration,
    phase: Phase,
    /// Fires at the current phase's deadline (idle or head); unused in the other phases.
    deadline: Pin<Box<Sleep>>,
    /// The first bytes of the connection, to recognise HTTP/2.
    prefix: [u8; 4],
    prefix_len: usize,
    _permit: OwnedSemaphorePermit,
}

impl<T> DeadlineIo<T> {
    /// Wraps a freshly accepted connection with its head and idle deadlines, holding
    /// `permit` until it closes.
    pub fn new(
        inner: T,
        header_timeout: Duration,
        idle_timeout: Duration,
        permit: OwnedSemaphorePermit,
    ) -> Self {
        DeadlineIo {
            inner,
            header_timeout,
            idle_timeout,
            phase: Phase::Idle,
            deadline: Box::pin(tokio::time::sleep(idle_timeout)),
            prefix: [0; 4],
            prefix_len: 0,
            _permit: permit,
        }
    }

    fn has_deadline(&self) -> bool {
        matches!(self.phase, Phase::Idle | Phase::Head { .. })
    }

    /// What a read returns once the deadline has passed: end of stream when idle, an error
    /// when a head was being read.
    fn expired(&self) -> Poll<io::Result<()>> {
        if matches!(self.phase, Phase::Head { .. }) {
            tracing::debug!("request head not complete in time; closing the connection");
            Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "request head not received within PANELRELAY_HTTP_HEADER_TIMEOUT_S",
            )))
        } else {
            tracing::debug!("idle connection closed");
            Poll::Ready(Ok(()))
        }
    }

    /// Follows the bytes just read.
    fn observe_read(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            match self.phase {
                Phase::Idle => {
                    self.phase = Phase::Head { window: 0 };
                    let deadline = Instant::now() + self.header_timeout;
                    self.deadline.as_mut().reset(deadline);
                }
                Phase::Head { .. } => {}
                Phase::Request | Phase::Passthrough => return,
            }
            if self.prefix_len < self.prefix.len() {
                self.prefix[self.prefix_len] = byte;
                self.prefix_len += 1;
            }
            if let Phase::Head { window } = self.phase {
                let window = (window << 8) | u32::from(byte);
                self.phase = if window == u32::from_be_bytes(*b"\r\n\r\n")
                    || window & 0xffff == u32::from(u16::from_be_bytes(*b"\n\n"))
                {
                    if &self.prefix == HTTP2_PREFACE {
                        Phase::Passthrough
                    } else {
                        Phase::Request
                    }
                } else {
                    Phase::Head { window }
                };
            }
        }
    }

    /// Follows bytes being written: a response (not an interim `1xx`) ends the request.
    /// Registers the connection's task with the deadline's timer. A response turns the
    /// connection idle, but the server may not read again until the socket becomes
    /// readable (its read interest was registered while the request ran); the timer wakes
    /// the task at the deadline, and its next read sees the connection expired.
    fn arm(&mut self, cx: &mut Context<'_>) {
        if self.has_deadline() {
            let _ = self.deadline.as_mut().poll(cx);
        }
    }

    fn observe_write(&mut self, first: &[u8]) {
        if first.is_empty() || self.phase == Phase::Passthrough {
            return;
        }
        if self.phase == Phase::Request && is_interim_response(first) {
            return;
        }
        self.phase = Phase::Idle;
        let deadline = Instant::now() + self.idle_timeout;
        self.deadline.as_mut().reset(deadline);
    }
}

/// Whether `bytes` start an interim (`1xx`) response such as `100 Continue`.
fn is_interim_response(bytes: &[u8]) -> bool {
    bytes.len() >= 10 && bytes.starts_with(b"HTTP/1.") && bytes[9] == b'1'
}

impl<T: AsyncRead + Unpin> AsyncRead for DeadlineIo<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.has_deadline() && Instant::now() >= this.deadline.deadline() {
            return this.expired();
        }
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                this.observe_read(&buf.filled()[before..]);
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(err)) => Poll::Ready(Err(err)),
            Poll::Pending => {
                if this.has_deadline() && this.deadline.as_mut().poll(cx).is_ready() {
                    return this.expired();
                }
                Poll::Pending
            }
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for DeadlineIo<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = written {
            this.observe_write(&buf[..n.min(buf.len())]);
            this.arm(cx);
        }
        written
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        if let Poll::Ready(Ok(n)) = written {
            if n > 0 {
                let first = bufs.iter().find(|buf| !buf.is_empty());
                this.observe_write(first.map_or(&[][..], |buf| &buf[..]));
                this.arm(cx);
            }
        }
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use tokio::sync::Semaphore;

    fn io() -> DeadlineIo<()> {
        let permit = Arc::new(Semaphore::new(1)).try_acquire_owned().unwrap();
        DeadlineIo::new((), Duration::from_secs(10), Duration::from_secs(60), permit)
    }

    #[tokio::test]
    async fn follows_heads_across_reads_and_responses() {
        let mut io = io();
        io.observe_read(b"GET / HTTP/1.1\r\nHost: x\r");
        assert!(matches!(io.phase, Phase::Head { .. }));
        io.observe_read(b"\n\r");
        assert!(matches!(io.phase, Phase::Head { .. }));
        io.observe_read(b"\n");
        assert_eq!(io.phase, Phase::Request);
        io.observe_write(b"HTTP/1.1 100 Continue\r\n\r\n");
        assert_eq!(io.phase, Phase::Request, "interim response");
        io.observe_write(b"HTTP/1.1 200 OK\r\n");
        assert_eq!(io.phase, Phase::Idle);
        io.observe_read(b"G");
        assert!(matches!(io.phase, Phase::Head { .. }));
    }

    #[tokio::test]
    async fn passes_http2_through() {
        let mut io = io();
        io.observe_read(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        assert_eq!(io.phase, Phase::Passthrough);
        io.observe_write(b"\0\0\0\x04");
        assert_eq!(io.phase, Phase::Passthrough);
    }
}
