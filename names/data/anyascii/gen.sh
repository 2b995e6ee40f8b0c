#!/bin/sh
# Regenerates table.txt from AnyASCII (npm package any-ascii, ISC licence)
# at a pinned version. Needs Node.js and npm; the Go build does not.
# Run from this folder: sh gen.sh
set -eu
version=0.3.3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm install --no-save --silent "any-ascii@$version" >/dev/null)
cp "$tmp/node_modules/any-ascii/LICENSE" LICENSE
node gen.mjs "$tmp" "$version"
