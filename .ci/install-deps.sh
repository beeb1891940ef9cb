#!/usr/bin/env bash
# What a clean machine lacks for the test suite: Graphviz (the `lnpc graph`
# test renders with `dot`). Rust itself is on every machine of this kind.
set -euo pipefail
if ! command -v dot >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
  else
    echo "install-deps: no apt-get; the graph test will check structure only" >&2
  fi
fi
