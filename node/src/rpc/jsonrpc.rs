//! JSON-RPC 2.0 framing: requests (single, batch, notifications), responses
//! and errors with their standard codes, and turning `params` (by name or by
//! position) into a method's typed arguments.
//!
//! What this is not: HTTP (see `server`) or any method's meaning (see
//! `methods`).
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use thiserror::Error;

/// Error codes: JSON-RPC 2.0's, then lnpd's (in the server-error range).
pub mod codes {
    pub const PARSE_ERROR: i64 = -32700;
    pub const INVALID_REQUEST: i64 = -32600;
    pub const METHOD_NOT_FOUND: i64 = -32601;
    pub const INVALID_PARAMS: i64 = -32602;
    pub const INTERNAL_ERROR: i64 = -32603;
    /// No or a wrong cookie.
    pub const UNAUTHORIZED: i64 = -32001;
    /// A peer could not be reached, refused us, or is not connected.
    pub const PEER_ERROR: i64 = -32010;
    /// The chain backend failed.
    pub const CHAIN_ERROR: i64 = -32011;
    /// The call needs something this node's configuration lacks (e.g.
    /// `mine` on bitcoind).
    pub const NOT_SUPPORTED: i64 = -32012;
    /// The store or the wallet failed.
    pub const STORE_ERROR: i64 = -32013;
    /// No such channel.
    pub const UNKNOWN_CHANNEL: i64 = -32020;
    /// The wallet cannot pay (amount and fee).
    pub const INSUFFICIENT_FUNDS: i64 = -32021;
    /// No channel to the payee can carry the payment.
    pub const NO_ROUTE: i64 = -32022;
    /// The channel machine refused the command, or the payment failed.
    pub const CHANNEL_REFUSED: i64 = -32023;
    /// The operation did not complete in time.
    pub const TIMEOUT: i64 = -32024;
}

/// A JSON-RPC error object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Error)]
#[error("{message} (error {code})")]
pub struct RpcError {
    pub code: i64,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
}

impl RpcError {
    pub fn new(code: i64, message: impl Into<String>) -> RpcError {
        RpcError { code, message: message.into(), data: None }
    }

    pub fn invalid_params(message: impl Into<String>) -> RpcError {
        RpcError::new(codes::INVALID_PARAMS, message)
    }

    pub fn internal(message: impl Into<String>) -> RpcError {
        RpcError::new(codes::INTERNAL_ERROR, message)
    }
}

/// One call.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: String,
    /// `null` when absent; otherwise an object or an array.
    pub params: Value,
    /// `None` for a notification (no response is sent).
    pub id: Option<Value>,
}

/// Checks one request object; on failure, the error and the id to answer
/// with (`null` when it could not be read).
pub fn parse_request(value: Value) -> Result<Request, (RpcError, Value)> {
    let Value::Object(mut object) = value else {
        return Err((RpcError::new(codes::INVALID_REQUEST, "a request must be a JSON object"), Value::Null));
    };
    let id = object.remove("id");
    let answer_id = id.clone().unwrap_or(Value::Null);
    if let Some(id) = &id {
        if !(id.is_string() || id.is_number() || id.is_null()) {
            return Err((RpcError::new(codes::INVALID_REQUEST, "`id` must be a string, a number or null"), Value::Null));
        }
    }
    match object.get("jsonrpc") {
        Some(Value::String(v)) if v == "2.0" => {}
        _ => return Err((RpcError::new(codes::INVALID_REQUEST, "`jsonrpc` must be \"2.0\""), answer_id)),
    }
    let method = match object.remove("method") {
        Some(Value::String(m)) => m,
        _ => return Err((RpcError::new(codes::INVALID_REQUEST, "`method` must be a string"), answer_id)),
    };
    let params = object.remove("params").unwrap_or(Value::Null);
    if !(params.is_object() || params.is_array() || params.is_null()) {
        return Err((RpcError::new(codes::INVALID_REQUEST, "`params` must be an object or an array"), answer_id));
    }
    Ok(Request { method, params, id })
}

/// The response object for `id`.
pub fn response(id: Value, result: Result<Value, RpcError>) -> Value {
    match result {
        Ok(result) => json!({ "jsonrpc": "2.0", "result": result, "id": id }),
        Err(error) => json!({ "jsonrpc": "2.0", "error": error, "id": id }),
    }
}

/// A method's arguments from `params`: an object by name, or an array in
/// the order of `names` (missing trailing ones are absent), or nothing.
/// Unknown names and surplus positions are refused.
pub fn params<T: DeserializeOwned>(params: Value, names: &[&str]) -> Result<T, RpcError> {
    let object = match params {
        Value::Null => Map::new(),
        Value::Object(o) => o,
        Value::Array(items) => {
            if items.len() > names.len() {
                return Err(RpcError::invalid_params(format!(
                    "at most {} positional parameter(s) ({}), got {}",
                    names.len(),
                    names.join(", "),
                    items.len()
                )));
            }
            names.iter().map(|n| n.to_string()).zip(items).filter(|(_, v)| !v.is_null()).collect()
        }
        _ => return Err(RpcError::invalid_params("`params` must be an object or an array")),
    };
    serde_json::from_value(Value::Object(object)).map_err(|e| RpcError::invalid_params(format!("invalid parameters: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Args {
        a: u32,
        b: Option<String>,
    }

    #[test]
    fn requests_are_checked() {
        let ok = parse_request(json!({"jsonrpc": "2.0", "method": "getinfo", "id": 1})).expect("valid");
        assert_eq!(ok, Request { method: "getinfo".into(), params: Value::Null, id: Some(json!(1)) });
        let note = parse_request(json!({"jsonrpc": "2.0", "method": "stop"})).expect("a notification");
        assert_eq!(note.id, None);
        let (e, id) = parse_request(json!({"jsonrpc": "1.0", "method": "x", "id": 7})).expect_err("old version");
        assert_eq!((e.code, id), (codes::INVALID_REQUEST, json!(7)));
        let (e, _) = parse_request(json!({"jsonrpc": "2.0", "method": 5, "id": 7})).expect_err("method");
        assert_eq!(e.code, codes::INVALID_REQUEST);
        let (e, _) = parse_request(json!([1])).expect_err("not an object");
        assert_eq!(e.code, codes::INVALID_REQUEST);
        let (e, _) = parse_request(json!({"jsonrpc": "2.0", "method": "x", "params": 3, "id": 1})).expect_err("params");
        assert_eq!(e.code, codes::INVALID_REQUEST);
    }

    #[test]
    fn params_by_name_or_position() {
        let by_name: Args = params(json!({"a": 1, "b": "x"}), &["a", "b"]).expect("by name");
        let by_position: Args = params(json!([1, "x"]), &["a", "b"]).expect("by position");
        assert_eq!(by_name, by_position);
        let short: Args = params(json!([2]), &["a", "b"]).expect("trailing optional");
        assert_eq!(short, Args { a: 2, b: None });
        let e = params::<Args>(json!([1, "x", 3]), &["a", "b"]).expect_err("too many");
        assert_eq!(e.code, codes::INVALID_PARAMS);
        let e = params::<Args>(json!({"a": "one"}), &["a", "b"]).expect_err("wrong type");
        assert!(e.message.contains("invalid type"), "{e}");
        let e = params::<Args>(json!({"a": 1, "c": 2}), &["a", "b"]).expect_err("unknown");
        assert!(e.message.contains("unknown field `c`"), "{e}");
        let e = params::<Args>(Value::Null, &["a", "b"]).expect_err("missing");
        assert!(e.message.contains("missing field `a`"), "{e}");
    }

    #[test]
    fn responses_carry_result_or_error() {
        assert_eq!(response(json!(1), Ok(json!("x"))), json!({"jsonrpc": "2.0", "result": "x", "id": 1}));
        let e = RpcError::new(codes::METHOD_NOT_FOUND, "no such method");
        assert_eq!(
            response(json!("a"), Err(e)),
            json!({"jsonrpc": "2.0", "error": {"code": -32601, "message": "no such method"}, "id": "a"})
        );
    }
}
