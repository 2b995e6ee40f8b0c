#!/bin/sh
# The "Show" of issue 9 on the real FtM files: docs/networks.md.
set -e
V=${VIGIL:-vigil}; D=${DATA:-./vd}; NET=${NET:-../shared/data/networks}
rm -rf "$D"
$V --data-dir "$D" lists import "$NET" >/dev/null
$V --data-dir "$D" users add ana --role analyst >/dev/null
KEY=$($V --data-dir "$D" keys create --user ana 2>/dev/null)
$V --data-dir "$D" serve --addr 127.0.0.1:18089 >serve.log 2>&1 & PID=$!
trap 'kill $PID' EXIT
for i in 1 2 3 4 5 6 7 8 9 10; do curl -sf http://127.0.0.1:18089/readyz >/dev/null && break; sleep 1; done
for s in 'C-101:Northwind Drone Parts LLC:organization' 'C-102:Farida Haddad:person' 'C-103:Jonas Ekdahl:person' 'C-104:Aerotrade Holding BV:organization'; do
  id=${s%%:*}; rest=${s#*:}; name=${rest%%:*}; kind=${rest#*:}
  curl -sf -H "Authorization: Bearer $KEY" -X POST "http://127.0.0.1:18089/v1/subjects/$id/screen" \
    -d "{\"name\": \"$name\", \"type\": \"$kind\"}" >/dev/null
done
kill $PID; trap - EXIT; wait $PID 2>/dev/null || true
cat > links.csv <<'CSV'
from,to,relation,share,confidence,source,date,note
os_zala_cluster/NK-aU5ybkbRFJucf8YMwsJvDw,subject:C-104,owns,80,0.9,beneficial owner declaration 2026-77,2026-09-15,
subject:C-104,subject:C-101,owns,70,1,company register extract 2026-118,2026-10-01,
os_zala_cluster/NK-abdzbEBkqyT29GyREbiURZ,subject:C-101,owns,20,1,company register extract 2026-118,2026-10-01,
subject:C-102,os_sa_wiki_peps/Q104781582,family_of,,0.8,KYC interview 2026-11-30,2026-11-30,says he is her uncle
subject:C-103,subject:C-102,travelled_with,,1,passenger manifest LX 1234,2026-11-02,
CSV
$V --data-dir "$D" network import links.csv
printf 'subject,kind,value\nC-103,phone,+41 44 000 11 22\nC-101,phone,0041 44 000 11 22\n' > phones.csv
$V --data-dir "$D" network import phones.csv
echo; $V --data-dir "$D" network exposure subject:C-101
echo; $V --data-dir "$D" network ownership subject:C-101 --as-of 2026-12-01
echo; $V --data-dir "$D" network exposure subject:C-103 --hops 3
echo; $V --data-dir "$D" network exposure os_sa_wiki_peps/Q104781582 --within --hops 2 --limit 5
echo; $V --data-dir "$D" network clusters --limit 3
