#!/bin/sh
# Regenerates names.txt, the family and given names of the IPA dictionary
# (IPAdic 2.7.0, as Debian packages it: ipadic-common 2.7.0+main-3.1) with
# their readings in katakana. Needs apt-get, dpkg and perl; the Go build
# needs none of them.
#
#   sh gen.sh
#
# Output: one line per headword written in Chinese characters only (kanji,
# and the iteration mark 々), "s" for a family name (人名 姓) or "g" for a
# given name (人名 名), a tab, the headword, a tab, its readings separated
# by "/", sorted.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
apt-get download ipadic-common=2.7.0+main-3.1 >/dev/null
dpkg -x ipadic-common_*.deb x
cp x/usr/share/doc/ipadic-common/copyright "$here/COPYRIGHT"
perl -CSD -Mutf8 -ne '
	next unless /人名 (姓|名)\)\) \(\(見出し語 \((\S+) \d+\)\) \(読み \{?([^)}]+)\}?\)/;
	my ($kind, $head, $read) = ($1 eq "姓" ? "s" : "g", $2, $3);
	next unless $head =~ /^[\p{Han}々]+$/;
	print "$kind\t$head\t$read\n";
' x/usr/share/chasen/ipadic/Noun.name.dic | LC_ALL=C sort -u > "$here/names.txt"
