//! The RPC server: JSON-RPC 2.0 over HTTP/1.1 POST (hyper), on the loopback
//! address the config names or its unix socket ([`super::unix`]), behind
//! the cookie — the same service on either.
//!
//! Each request: `POST` only (405 otherwise), the cookie checked (401 with a
//! JSON-RPC error body otherwise), a body of at most [`MAX_BODY`] bytes (413),
//! then one call, a batch (an array) or notifications (no `id`: no answer;
//! HTTP 204 when nothing is left to say). JSON-RPC errors travel with
//! HTTP 200. At shutdown the listener closes and open connections finish
//! their request in flight.
//!
//! What this is not: the methods themselves (see `methods`).
use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream, UnixListener, UnixStream};
use tokio::sync::watch;
use tracing::{debug, warn};

use super::cookie::Cookie;
use super::jsonrpc::{codes, parse_request, response, RpcError};
use super::methods::dispatch;
use crate::daemon::Node;

/// The largest request body accepted.
pub const MAX_BODY: usize = 1 << 20;
/// The most calls in one batch.
pub const MAX_BATCH: usize = 100;

/// What the RPC is served on: a TCP or a unix listener.
pub trait Listener: Send + 'static {
    type Stream: AsyncRead + AsyncWrite + Unpin + Send + 'static;
    /// The next connection.
    fn next_stream(&self) -> impl Future<Output = std::io::Result<Self::Stream>> + Send;
}

impl Listener for TcpListener {
    type Stream = TcpStream;
    async fn next_stream(&self) -> std::io::Result<TcpStream> {
        self.accept().await.map(|(stream, _)| stream)
    }
}

impl Listener for UnixListener {
    type Stream = UnixStream;
    async fn next_stream(&self) -> std::io::Result<UnixStream> {
        self.accept().await.map(|(stream, _)| stream)
    }
}

/// Serves until `shutdown` turns true.
pub async fn serve<L: Listener>(listener: L, node: Arc<Node>, cookie: Cookie, mut shutdown: watch::Receiver<bool>) {
    let cookie = Arc::new(cookie);
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.next_stream() => match accepted {
                Ok(stream) => {
                    let node = node.clone();
                    let cookie = cookie.clone();
                    let mut stop = shutdown.clone();
                    connections.spawn(async move {
                        let service = service_fn(move |req| {
                            let node = node.clone();
                            let cookie = cookie.clone();
                            async move { Ok::<_, Infallible>(handle(req, &node, &cookie).await) }
                        });
                        let conn = hyper::server::conn::http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service);
                        tokio::pin!(conn);
                        let result = tokio::select! {
                            r = conn.as_mut() => r,
                            _ = stopped(&mut stop) => {
                                conn.as_mut().graceful_shutdown();
                                conn.await
                            }
                        };
                        if let Err(e) = result {
                            debug!("RPC connection ended: {e}");
                        }
                    });
                }
                Err(e) => {
                    warn!("accepting an RPC connection failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = stopped(&mut shutdown) => break,
        }
    }
    drop(listener);
    while connections.join_next().await.is_some() {}
}

/// Returns once `stop` is true (or its sender is gone).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

fn json_response(status: StatusCode, body: &Value) -> Response<Full<Bytes>> {
    let mut res = Response::new(Full::new(Bytes::from(body.to_string())));
    *res.status_mut() = status;
    res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    res
}

fn error_response(status: StatusCode, code: i64, message: String) -> Response<Full<Bytes>> {
    json_response(status, &response(Value::Null, Err(RpcError::new(code, message))))
}

async fn handle(req: Request<Incoming>, node: &Node, cookie: &Cookie) -> Response<Full<Bytes>> {
    if req.method() != Method::POST {
        let mut res = error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            codes::INVALID_REQUEST,
            format!("use HTTP POST with a JSON-RPC body, not {}", req.method()),
        );
        res.headers_mut().insert(hyper::header::ALLOW, HeaderValue::from_static("POST"));
        return res;
    }
    if let Err(failure) = cookie.check(req.headers().get(AUTHORIZATION).map(HeaderValue::as_bytes)) {
        let mut res = error_response(StatusCode::UNAUTHORIZED, codes::UNAUTHORIZED, failure.to_string());
        res.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_static("Basic realm=\"lnpd\""));
        return res;
    }
    let body = match Limited::new(req.into_body(), MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) => {
            return error_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                codes::INVALID_REQUEST,
                format!("cannot read the request body (at most {MAX_BODY} bytes): {e}"),
            )
        }
    };
    let parsed: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return error_response(StatusCode::OK, codes::PARSE_ERROR, format!("the body is not JSON: {e}")),
    };
    let answer = match parsed {
        Value::Array(calls) if calls.is_empty() => {
            Some(response(Value::Null, Err(RpcError::new(codes::INVALID_REQUEST, "an empty batch"))))
        }
        Value::Array(calls) if calls.len() > MAX_BATCH => Some(response(
            Value::Null,
            Err(RpcError::new(codes::INVALID_REQUEST, format!("a batch holds at most {MAX_BATCH} calls"))),
        )),
        Value::Array(calls) => {
            let mut answers = Vec::new();
            for call in calls {
                answers.extend(one(call, node).await);
            }
            (!answers.is_empty()).then_some(Value::Array(answers))
        }
        single => one(single, node).await,
    };
    match answer {
        Some(body) => json_response(StatusCode::OK, &body),
        None => {
            let mut res = Response::new(Full::new(Bytes::new()));
            *res.status_mut() = StatusCode::NO_CONTENT;
            res
        }
    }
}

/// One call's answer (`None` for a notification).
async fn one(call: Value, node: &Node) -> Option<Value> {
    match parse_request(call) {
        Err((error, id)) => Some(response(id, Err(error))),
        Ok(request) => {
            let result = dispatch(node, &request.method, request.params).await;
            if let Err(e) = &result {
                debug!("RPC {} failed: {e}", request.method);
            }
            request.id.map(|id| response(id, result))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn error_responses_are_json_rpc_with_a_null_id() {
        let res = error_response(StatusCode::UNAUTHORIZED, codes::UNAUTHORIZED, "no".into());
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(res.headers().get(CONTENT_TYPE).map(HeaderValue::as_bytes), Some(&b"application/json"[..]));
        let expected = json!({"jsonrpc": "2.0", "error": {"code": -32001, "message": "no"}, "id": null});
        let body = res.into_body();
        let bytes = futures_body(body);
        assert_eq!(serde_json::from_slice::<Value>(&bytes).expect("json"), expected);
    }

    fn futures_body(body: Full<Bytes>) -> Bytes {
        let rt = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        rt.block_on(async { body.collect().await.map(|c| c.to_bytes()).unwrap_or_default() })
    }
}
