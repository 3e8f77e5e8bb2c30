//! HTTP timeouts and limits against the real server on a loopback port, with raw TCP
//! connections: a trickled head, a slow body, an idle keep-alive connection, the connection
//! cap, and the limit on failed authentications per client address.

use crate::support::TestApp;
use panelrelay_api::app::build_app;
use panelrelay_api::auth_failures::AuthFailureLimit;
use panelrelay_api::http::limits::{HttpLimits, LimitedAcceptor};
use poem::Server;
use poem::listener::Acceptor;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// Limits long enough not to interfere, shortened one by one in each test.
fn relaxed() -> HttpLimits {
    HttpLimits {
        header_timeout: Duration::from_secs(30),
        body_timeout: Duration::from_secs(30),
        idle_timeout: Duration::from_secs(30),
        max_connections: 100,
    }
}

/// The application served as `serve` serves it, on a free loopback port; stopped on drop.
struct Served {
    app: TestApp,
    address: SocketAddr,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(limits: HttpLimits, auth_failures: AuthFailureLimit) -> Served {
    let app = TestApp::new().await;
    let mut state = app.state.clone();
    state.http_limits = limits;
    state.auth_failures = auth_failures;
    let acceptor = LimitedAcceptor::bind("127.0.0.1:0".parse().unwrap(), limits)
        .await
        .unwrap();
    let address = *acceptor.local_addr()[0].0.as_socket_addr().unwrap();
    let task = tokio::spawn(Server::new_with_acceptor(acceptor).run(build_app(state)));
    Served { app, address, task }
}

/// A response read off a raw connection.
struct RawResponse {
    status: u16,
    head: String,
    body: String,
}

impl RawResponse {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.body))
    }
}

/// Reads one response (with a Content-Length body); `None` when the connection closes first.
async fn read_response(stream: &mut TcpStream) -> Option<RawResponse> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&bytes[..end]).to_string();
            let length: usize = head
                .lines()
                .find_map(|line| {
                    let (key, value) = line.split_once(':')?;
                    key.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse().ok())?
                })
                .unwrap_or(0);
            if bytes.len() >= end + 4 + length {
                let body = String::from_utf8_lossy(&bytes[end + 4..end + 4 + length]).to_string();
                let status = head.split(' ').nth(1)?.parse().ok()?;
                return Some(RawResponse { status, head, body });
            }
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Waits up to `limit` for the server to close the connection (end of stream or reset),
/// returning how long it took; panics if it sends anything or stays open.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> Duration {
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    match tokio::time::timeout(limit, stream.read(&mut buf)).await {
        Ok(Ok(0)) | Ok(Err(_)) => started.elapsed(),
        Ok(Ok(n)) => panic!(
            "expected a close, got {:?}",
            String::from_utf8_lossy(&buf[..n])
        ),
        Err(_) => panic!("connection still open after {limit:?}"),
    }
}

fn get(path: &str, key: Option<&str>) -> String {
    let auth = key
        .map(|key| format!("Authorization: Bearer {key}\r\n"))
        .unwrap_or_default();
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n{auth}\r\n")
}

/// One request on a fresh connection from `source` (a loopback address).
async fn request_from(source: &str, server: SocketAddr, request: &str) -> RawResponse {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(format!("{source}:0").parse().unwrap()).unwrap();
    let mut stream = socket.connect(server).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    tokio::time::timeout(Duration::from_secs(10), read_response(&mut stream))
        .await
        .expect("response in time")
        .expect("a response")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_trickled_request_head_is_cut_at_the_header_deadline() {
    let served = serve(
        HttpLimits {
            header_timeout: Duration::from_secs(1),
            ..relaxed()
        },
        AuthFailureLimit::default(),
    )
    .await;
    let stream = TcpStream::connect(served.address).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    // 40 bytes at one every 300 ms: 12 s for the whole head, each byte well within any
    // per-read timeout.
    let head = get("/healthz", None);
    let trickle = tokio::spawn(async move {
        for byte in head.as_bytes() {
            if writer.write_all(&[*byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    });
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    let read = tokio::time::timeout(Duration::from_secs(6), reader.read(&mut buf)).await;
    let elapsed = started.elapsed();
    trickle.abort();
    match read {
        Ok(Ok(0)) | Ok(Err(_)) => {}
        Ok(Ok(n)) => panic!(
            "expected a close, got {:?}",
            String::from_utf8_lossy(&buf[..n])
        ),
        Err(_) => panic!("a trickled head kept the connection open for 6 s"),
    }
    assert!(
        elapsed >= Duration::from_millis(900) && elapsed < Duration::from_millis(4000),
        "closed after {elapsed:?}, expected about 1 s"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slow_body_gets_408_request_timeout_and_the_connection_closes() {
    let served = serve(
        HttpLimits {
            body_timeout: Duration::from_secs(1),
            ..relaxed()
        },
        AuthFailureLimit::default(),
    )
    .await;
    let mut stream = TcpStream::connect(served.address).await.unwrap();
    stream
        .write_all(
            b"POST /v1/workspaces HTTP/1.1\r\nHost: localhost\r\n\
              Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\"",
        )
        .await
        .unwrap();
    let started = Instant::now();
    let response = tokio::time::timeout(Duration::from_secs(5), read_response(&mut stream))
        .await
        .expect("an answer within 5 s")
        .expect("a response before the close");
    let elapsed = started.elapsed();
    assert_eq!(response.status, 408, "{}", response.body);
    assert_eq!(response.json()["error"]["code"], "request_timeout");
    assert!(
        response.json()["error"]["request_id"]
            .as_str()
            .is_some_and(|id| !id.is_empty())
    );
    assert!(
        elapsed < Duration::from_millis(4000),
        "answered after {elapsed:?}, expected about 1 s"
    );
    closed_within(&mut stream, Duration::from_secs(2)).await;

    // A body that arrives in time is read as usual.
    let key = served.app.admin_key.clone();
    let body = br#"{"name":"in time"}"#;
    let mut stream = TcpStream::connect(served.address).await.unwrap();
    let head = format!(
        "POST /v1/workspaces HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {key}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    stream.write_all(body).await.unwrap();
    let response = read_response(&mut stream).await.unwrap();
    assert_eq!(response.status, 201, "{}", response.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_idle_keep_alive_connection_is_closed_after_the_idle_deadline() {
    let served = serve(
        HttpLimits {
            idle_timeout: Duration::from_secs(1),
            ..relaxed()
        },
        AuthFailureLimit::default(),
    )
    .await;
    let mut stream = TcpStream::connect(served.address).await.unwrap();
    for _ in 0..2 {
        // Requests within the deadline keep the connection.
        stream
            .write_all(get("/healthz", None).as_bytes())
            .await
            .unwrap();
        let response = read_response(&mut stream).await.expect("a response");
        assert_eq!(response.status, 200);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let elapsed = closed_within(&mut stream, Duration::from_secs(5)).await;
    assert!(
        elapsed < Duration::from_millis(3000),
        "closed {elapsed:?} after the check, expected within about 0.5 s"
    );

    // A connection that never sends anything is closed too.
    let mut silent = TcpStream::connect(served.address).await.unwrap();
    let elapsed = closed_within(&mut silent, Duration::from_secs(6)).await;
    assert!(
        elapsed >= Duration::from_millis(900) && elapsed < Duration::from_millis(4000),
        "closed after {elapsed:?}, expected about 1 s"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn connections_over_the_cap_wait_until_one_closes() {
    let served = serve(
        HttpLimits {
            max_connections: 2,
            ..relaxed()
        },
        AuthFailureLimit::default(),
    )
    .await;
    let mut open = Vec::new();
    for _ in 0..2 {
        let mut stream = TcpStream::connect(served.address).await.unwrap();
        stream
            .write_all(get("/healthz", None).as_bytes())
            .await
            .unwrap();
        assert_eq!(read_response(&mut stream).await.unwrap().status, 200);
        open.push(stream);
    }
    // The third connection is not served while both are open...
    let mut third = TcpStream::connect(served.address).await.unwrap();
    third
        .write_all(get("/healthz", None).as_bytes())
        .await
        .unwrap();
    let early = tokio::time::timeout(Duration::from_millis(1500), read_response(&mut third)).await;
    assert!(
        early.is_err(),
        "a connection over the cap was served while the cap was full"
    );
    // ...and is once one of them closes.
    drop(open.remove(0));
    let response = tokio::time::timeout(Duration::from_secs(5), read_response(&mut third))
        .await
        .expect("served after a connection closed")
        .expect("a response");
    assert_eq!(response.status, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn failed_authentications_over_the_limit_get_429_per_client_address() {
    let served = serve(relaxed(), AuthFailureLimit { per_minute: 3 }).await;
    let workspace = served.app.workspace("auth limits").await;
    let server = served.address;

    // Within the limit, a bad key is a 401 and a right key works.
    let ok = request_from(
        "127.0.0.1",
        server,
        &get("/v1/workspace", Some(&workspace.owner_key)),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    for bad in ["prk_wrong", "not-a-key", "pra_wrong"] {
        let path = if bad.starts_with("pra_") {
            "/v1/workspaces"
        } else {
            "/v1/workspace"
        };
        let reply = request_from("127.0.0.1", server, &get(path, Some(bad))).await;
        assert_eq!(reply.status, 401, "{bad}: {}", reply.body);
    }

    // Over it, even the right keys are refused from that address...
    for (path, key) in [
        ("/v1/workspace", workspace.owner_key.as_str()),
        ("/v1/workspaces", served.app.admin_key.as_str()),
    ] {
        let refused = request_from("127.0.0.1", server, &get(path, Some(key))).await;
        assert_eq!(refused.status, 429, "{path}: {}", refused.body);
        assert_eq!(refused.json()["error"]["code"], "too_many_auth_failures");
        let retry_after: u64 = refused
            .header("retry-after")
            .expect("Retry-After")
            .parse()
            .unwrap();
        assert!((1..=60).contains(&retry_after), "Retry-After {retry_after}");
    }
    // ...while requests that need no key, and webhook ingress, are not limited...
    let health = request_from("127.0.0.1", server, &get("/healthz", None)).await;
    assert_eq!(health.status, 200);
    let webhook = request_from(
        "127.0.0.1",
        server,
        "POST /webhooks/telegram/00000000-0000-0000-0000-000000000000 HTTP/1.1\r\n\
         Host: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
    )
    .await;
    assert_ne!(webhook.status, 429, "{}", webhook.body);
    // ...and another address is served.
    let other = request_from(
        "127.0.0.2",
        server,
        &get("/v1/workspace", Some(&workspace.owner_key)),
    )
    .await;
    assert_eq!(other.status, 200, "{}", other.body);
}
