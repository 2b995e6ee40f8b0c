#!/bin/sh
# Regenerates biblical-names.csv from Strong's Hebrew dictionary (James
# Strong, 1894; the OSIS XML edition of Open Scriptures, whose rights line
# reads "Public Domain"), as the npm package strongs 1.0.2 ships it
# (hebrew/StrongHebrewG.xml). Run from this folder: sh gen-biblical-names.sh
# It needs npm (to fetch the package) and awk.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent strongs@1.0.2 >/dev/null && tar -xzf strongs-1.0.2.tgz)
xml="$tmp/package/hebrew/StrongHebrewG.xml"
grep -q '<rights>Public Domain</rights>' "$xml"
{
	echo "# hebrew,english: personal names of the Hebrew Bible, unpointed, and their English"
	echo "# forms in the King James Version, from Strong's Hebrew dictionary (1894, public"
	echo "# domain; OSIS XML edition of Open Scriptures, npm strongs 1.0.2)."
	echo "# Regenerate with gen-biblical-names.sh; see BIBLICAL-NAMES.md."
	# An entry's first <w ID="H..."> holds its morphology (n-pr-m, n-pr-f
	# for a man's or a woman's name) and its unpointed text; its
	# translation note the King James renderings, before the first full
	# stop, separated by commas.
	awk '
		/<div type="entry"/ { heb = ""; pers = 0; tr = "" }
		/<w .*ID="H[0-9]+"/ && heb == "" {
			pers = ($0 ~ /morph="[^"]*n-pr-[mf]/)
			s = $0; sub(/^.*ID="H[0-9]+"[^>]*>/, "", s); sub(/<\/w>.*$/, "", s)
			heb = s
		}
		/<note type="translation">/ {
			s = $0; sub(/^.*<note type="translation">/, "", s); sub(/<\/note>.*$/, "", s)
			tr = s
		}
		/<\/div>/ && heb != "" {
			if (pers && heb !~ /[ -]/) {
				sub(/\..*$/, "", tr)
				n = split(tr, parts, /, */)
				for (i = 1; i <= n; i++) {
					if (parts[i] ~ /^[A-Z][a-z][a-z]+$/) print heb "," tolower(parts[i])
				}
			}
			heb = ""
		}
	' "$xml" | LC_ALL=C sort -u
} > biblical-names.csv
wc -l biblical-names.csv
