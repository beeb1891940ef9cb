//! Every BOLT 1 test vector (Appendices A–D), from the JSON copied into
//! `tests/vectors/` (transcribed from the BOLTs at the commit its `source`
//! block names).

use lnp_engine::wire::{bigsize, Reader, TlvStream, WireError, Writer};
use serde_json::Value;

fn vectors() -> Value {
    let text = include_str!("vectors/bolt01-bigsize.json");
    serde_json::from_str(text).expect("the vector file is JSON")
}

fn hex(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().expect("hex string")).expect("valid hex")
}

#[test]
fn bigsize_decoding() {
    let v = vectors();
    let cases = v["bigsize_decoding"].as_array().expect("cases");
    assert_eq!(cases.len(), 18);
    for c in cases {
        let bytes = hex(&c["bytes"]);
        let got = bigsize::read(&bytes);
        match c["exp_error"].as_str() {
            None => assert_eq!(got, Ok((c["value"].as_u64().expect("value"), bytes.len())), "{}", c["name"]),
            Some(err) => {
                let want = match err {
                    "EOF" => matches!(got, Err(WireError::Eof)),
                    "unexpected EOF" => matches!(got, Err(WireError::UnexpectedEof { .. })),
                    "decoded bigsize is not canonical" => got == Err(WireError::NonCanonicalBigSize),
                    other => panic!("unknown expected error {other}"),
                };
                assert!(want, "{}: expected {err}, got {got:?}", c["name"]);
            }
        }
    }
}

#[test]
fn bigsize_encoding() {
    let v = vectors();
    let cases = v["bigsize_encoding"].as_array().expect("cases");
    assert_eq!(cases.len(), 8);
    for c in cases {
        let mut out = Vec::new();
        bigsize::write(&mut out, c["value"].as_u64().expect("value"));
        assert_eq!(out, hex(&c["bytes"]), "{}", c["name"]);
        assert_eq!(bigsize::len(c["value"].as_u64().expect("value")), out.len());
    }
}

/// Decodes a stream in namespace `n1` or `n2` of BOLT 1 Appendix B, checking
/// each known record's contents; returns the values as JSON like the vectors'.
fn decode_namespace(ns: &str, stream: &[u8]) -> Result<Value, WireError> {
    let known: &[u64] = if ns == "n1" { &[1, 2, 3, 254] } else { &[0, 11] };
    let s = TlvStream::decode(stream, |t| known.contains(&t))?;
    let mut out = serde_json::Map::new();
    for r in &s.records {
        let mut rd = Reader::new(r.value);
        let (name, val) = match (ns, r.tlv_type) {
            ("n1", 1) => ("tlv1", serde_json::json!({ "amount_msat": rd.truncated(8)? })),
            ("n1", 2) => {
                let scid = rd.u64()?;
                rd.finish()?;
                let text = format!("{}x{}x{}", scid >> 40, (scid >> 16) & 0xff_ffff, scid & 0xffff);
                ("tlv2", serde_json::json!({ "scid": text }))
            }
            ("n1", 3) => {
                let p = rd.point()?;
                let (a, b) = (rd.u64()?, rd.u64()?);
                rd.finish()?;
                ("tlv3", serde_json::json!({ "node_id": p.to_string(), "amount_msat_1": a, "amount_msat_2": b }))
            }
            ("n1", 254) => {
                let d = rd.u16()?;
                rd.finish()?;
                ("tlv4", serde_json::json!({ "cltv_delta": d }))
            }
            ("n2", 0) => ("tlv1", serde_json::json!({ "amount_msat": rd.truncated(8)? })),
            (_, _) => ("tlv2", serde_json::json!({ "cltv_expiry": rd.truncated(4)? })),
        };
        out.insert(name.to_string(), val);
    }
    Ok(Value::Object(out))
}

#[test]
fn tlv_streams() {
    let v = vectors();
    let cases = v["tlv_streams"].as_array().expect("cases");
    assert_eq!(cases.len(), 57);
    for c in cases {
        let stream = hex(&c["stream"]);
        let namespaces: &[&str] = match c["namespace"].as_str().expect("namespace") {
            "n1" => &["n1"],
            "n2" => &["n2"],
            _ => &["n1", "n2"],
        };
        let valid = c["valid"].as_bool().expect("valid");
        for ns in namespaces {
            let got = decode_namespace(ns, &stream);
            if valid {
                let values = got.unwrap_or_else(|e| panic!("{} must decode in {ns}: {e}", c["stream_as_written"]));
                if let Some(want) = c.get("values") {
                    let mut want = want.clone();
                    // The vectors write points as hex and scids as BLOCKxTXxOUT; compare like for like.
                    if let Some(n) = want.pointer_mut("/tlv3/node_id") {
                        *n = Value::String(n.as_str().unwrap_or("").trim_start_matches("0x").to_string());
                    }
                    if let Some(s) = want.pointer_mut("/tlv2/scid") {
                        *s = Value::String(s.as_str().unwrap_or("").to_string());
                    }
                    assert_eq!(values, want, "{}", c["stream_as_written"]);
                }
            } else {
                assert!(got.is_err(), "{} ({}) must fail in {ns}", c["stream_as_written"], c["reason"]);
            }
        }
    }
}

#[test]
fn appending_streams_follows_the_rules() {
    // "Any appending of an invalid stream to a valid stream should trigger a
    // decoding failure; a higher-numbered valid stream appended to a lower one
    // should not."
    assert!(TlvStream::decode(&[0x01, 0x00, 0xfd], |t| t == 1).is_err());
    assert!(TlvStream::decode(&[0x01, 0x00, 0x03, 0x00], |_| true).is_ok());
}

#[test]
fn signed_integers() {
    let v = vectors();
    let cases = v["signed_integers"].as_array().expect("cases");
    assert_eq!(cases.len(), 23);
    for c in cases {
        let bytes = hex(&c["bytes"]);
        let value = c["value"].as_i64().expect("value");
        let mut w = Writer::new();
        w.signed(value, bytes.len());
        assert_eq!(w.buf, bytes, "encode {value}");
        let mut r = Reader::new(&bytes);
        let got = match bytes.len() {
            1 => r.signed::<1>(),
            2 => r.signed::<2>(),
            4 => r.signed::<4>(),
            _ => r.signed::<8>(),
        };
        assert_eq!(got, Ok(value), "decode {}", c["bytes"]);
    }
}

/// `init` (type 16): global features, features, then a TLV stream whose
/// known types are 1 (networks) and 3 (remote_addr).
fn decode_init(msg: &[u8]) -> Result<(), WireError> {
    let mut r = Reader::new(msg);
    assert_eq!(r.u16()?, 16);
    r.var_bytes()?;
    r.var_bytes()?;
    TlvStream::decode(r.rest(), |t| t == 1 || t == 3)?;
    Ok(())
}

#[test]
fn init_message_extension() {
    let v = vectors();
    let cases = v["message_extension"]["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 5);
    for c in cases {
        let got = decode_init(&hex(&c["message"]));
        assert_eq!(got.is_ok(), c["valid"].as_bool().expect("valid"), "{}: {got:?}", c["comment"]);
    }
}
