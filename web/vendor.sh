#!/usr/bin/env bash
# Vendors the JavaScript the web application's tests use, from npm at
# pinned versions, so that neither `go build` nor `go test` needs Node or
# the network. Run it again (and commit what it writes) to change a
# version. Needs npm.
#
#   axe-core  the accessibility rules the browser tests run on every page
#             (web/testdata/axe.min.js; MPL-2.0, its licence beside it)
#   cytoscape the graph drawing of the network pages, served as a static
#             asset (web/static/cytoscape.min.js; MIT, its licence in
#             web/static/cytoscape-LICENSE.txt)
#
# The pages' own script (static/app.js, static/network.js) is plain
# JavaScript written here.
set -euo pipefail
cd "$(dirname "$0")"

AXE_VERSION=4.14.1
CYTOSCAPE_VERSION=3.35.0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# fetch NAME VERSION: unpacks the npm package into $tmp/NAME after
# checking its integrity against the registry's.
fetch() {
  local name=$1 version=$2 tgz want got
  mkdir -p "$tmp/$name"
  (cd "$tmp/$name" && npm pack --silent "${name}@${version}" >/dev/null)
  tgz=$(ls "$tmp/$name"/"${name}"-*.tgz)
  want=$(npm view "${name}@${version}" dist.integrity)
  got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  if [ "$want" != "$got" ]; then
    echo "vendor.sh: ${name} ${version}: integrity $got, npm says $want" >&2
    exit 1
  fi
  tar -xzf "$tgz" -C "$tmp/$name"
  echo "$got"
}

got=$(fetch axe-core "$AXE_VERSION")
mkdir -p testdata
cp "$tmp/axe-core/package/axe.min.js" testdata/axe.min.js
cp "$tmp/axe-core/package/LICENSE" testdata/axe-LICENSE.txt
echo "axe-core ${AXE_VERSION} ${got}" > testdata/axe-VERSION.txt
echo "vendored axe-core ${AXE_VERSION} into web/testdata"

got=$(fetch cytoscape "$CYTOSCAPE_VERSION")
cp "$tmp/cytoscape/package/dist/cytoscape.min.js" static/cytoscape.min.js
cp "$tmp/cytoscape/package/LICENSE" static/cytoscape-LICENSE.txt
echo "cytoscape ${CYTOSCAPE_VERSION} ${got}" > static/cytoscape-VERSION.txt
echo "vendored cytoscape ${CYTOSCAPE_VERSION} into web/static"
