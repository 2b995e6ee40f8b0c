#!/bin/sh
# Regenerates nicknames.csv from the Perl module Text::Names as Debian
# packages it (libtext-names-perl; upstream https://metacpan.org/release/Text-Names,
# Copyright 2011-2013 David Bourget and University of London, Artistic or GPL-1+).
# Run from this folder on a Debian machine: sh gen-nicknames.sh
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download libtext-names-perl >/dev/null 2>&1 && dpkg-deb -x libtext-names-perl_*.deb x)
version=$(dpkg-deb -f "$tmp"/libtext-names-perl_*.deb Version)
{
	echo "# short,full: given-name short forms and the full names they stand for."
	echo "# From the @ABBREVIATIONS table of Text::Names (Debian libtext-names-perl $version),"
	echo "# Copyright 2011-2013 David Bourget and University of London, Artistic License or GPL-1+."
	echo "# Regenerate with gen-nicknames.sh; see NICKNAMES.md."
	sed -n "/^our @ABBREVIATIONS = (/,/^);/p" "$tmp"/x/usr/share/perl5/Text/Names.pm |
		sed -n "s/^'\([^']*\)' => '\([^']*\)',\{0,1\}\$/\1,\2/p" |
		tr 'A-Z' 'a-z' | grep -E '^[a-z]+,[a-z]+$' | LC_ALL=C sort -u
} > nicknames.csv
wc -l nicknames.csv
