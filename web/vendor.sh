#!/usr/bin/env bash
# Vendors the JavaScript the web application's tests use, from npm at
# pinned versions, so that neither `go build` nor `go test` needs Node or
# the network. Run it again (and commit what it writes) to change a
# version. Needs npm.
#
#   axe-core  the accessibility rules the browser tests run on every page
#             (web/testdata/axe.min.js; MPL-2.0, its licence beside it)
#
# The pages' own script (static/app.js) is plain JavaScript written here:
# it needs no library.
set -euo pipefail
cd "$(dirname "$0")"

AXE_VERSION=4.14.1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "axe-core@${AXE_VERSION}" >/dev/null)
tgz=$(ls "$tmp"/axe-core-*.tgz)
want=$(npm view "axe-core@${AXE_VERSION}" dist.integrity)
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [ "$want" != "$got" ]; then
  echo "vendor.sh: axe-core ${AXE_VERSION}: integrity $got, npm says $want" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$tmp"
mkdir -p testdata
cp "$tmp/package/axe.min.js" testdata/axe.min.js
cp "$tmp/package/LICENSE" testdata/axe-LICENSE.txt
echo "axe-core ${AXE_VERSION} ${got}" > testdata/axe-VERSION.txt
echo "vendored axe-core ${AXE_VERSION} into web/testdata"
