//! The body deadline: a request's body must be read to its end within
//! `PANELRELAY_HTTP_BODY_TIMEOUT_S`, counted from when the request reaches the middleware.
//! A body that takes longer fails its reader, and the middleware answers 408
//! `request_timeout` and closes the connection.

use poem::{Body, Request};
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, ReadBuf};
use tokio::time::{Instant, Sleep};

/// Tells whether a request's body missed its deadline.
#[derive(Debug, Clone, Default)]
pub struct BodyDeadline {
    expired: Arc<AtomicBool>,
}

impl BodyDeadline {
    /// Whether reading the body failed because its deadline passed.
    pub fn expired(&self) -> bool {
        self.expired.load(Ordering::Acquire)
    }
}

/// Puts the request's body (if it has one) under a deadline `timeout` from now.
pub fn limit_body(req: &mut Request, timeout: Duration) -> BodyDeadline {
    let deadline = BodyDeadline::default();
    if has_body(req) {
        let reader = DeadlineReader {
            inner: req.take_body().into_async_read(),
            deadline: Box::pin(tokio::time::sleep(timeout)),
            finished: false,
            expired: deadline.expired.clone(),
        };
        req.set_body(Body::from_async_read(reader));
    }
    deadline
}

/// Whether the request announces a body (a non-zero length or a transfer coding).
fn has_body(req: &Request) -> bool {
    let headers = req.headers();
    if headers.contains_key(poem::http::header::TRANSFER_ENCODING) {
        return true;
    }
    match headers.get(poem::http::header::CONTENT_LENGTH) {
        None => false,
        Some(value) => value.to_str().map_or(true, |length| length.trim() != "0"),
    }
}

/// A body reader that fails once its deadline passes before the end of the body.
struct DeadlineReader<R> {
    inner: R,
    deadline: Pin<Box<Sleep>>,
    finished: bool,
    expired: Arc<AtomicBool>,
}

impl<R> DeadlineReader<R> {
    fn expire(&self) -> Poll<io::Result<()>> {
        self.expired.store(true, Ordering::Release);
        Poll::Ready(Err(io::Error::new(
            io::ErrorKind::TimedOut,
            "request body not received in time",
        )))
    }
}

impl<R: AsyncRead + Unpin> AsyncRead for DeadlineReader<R> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.finished {
            return Pin::new(&mut this.inner).poll_read(cx, buf);
        }
        if Instant::now() >= this.deadline.deadline() {
            return this.expire();
        }
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() == before && buf.remaining() > 0 {
                    this.finished = true;
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(err)) => Poll::Ready(Err(err)),
            Poll::Pending => {
                if this.deadline.as_mut().poll(cx).is_ready() {
                    return this.expire();
                }
                Poll::Pending
            }
        }
    }
}
