#!/usr/bin/env bash
# Fetches the official TMX 1.4 DTD and XLIFF 1.2 strict schema for the export
# validation tests, from Debian packages (no other host is reachable): the DTD
# from OmegaT's jar, the XSDs from php-symfony-translation. Files are checked
# by sha256 and written to target/xml-schemas/ with an XML catalog, so
# xmllint validates offline. Third-party files: fetched, never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
dest="$PWD/target/xml-schemas"
want_tmx=b55b69432676c1a330c1d4acf2db5f61d276ea83cda0180b7b3bc7018c459063
want_xliff=be380cd73e632f358f8082b4304d435282494e5a01a3432639610568b323d552
want_xml=4811c301144dd763dca0cd9f8d0b4029c0a4ad1d84c73132c2531ec5f06ac340

check() { echo "$2  $1" | sha256sum --check --status; }

if [ -f "$dest/tmx14.dtd" ] && check "$dest/tmx14.dtd" "$want_tmx" \
   && check "$dest/xliff-core-1.2-strict.xsd" "$want_xliff" && check "$dest/xml.xsd" "$want_xml"; then
  exit 0
fi
mkdir -p "$dest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download omegat php-symfony-translation >/dev/null 2>&1 || {
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get download omegat php-symfony-translation >/dev/null
}
dpkg-deb -x omegat_*_all.deb om
dpkg-deb -x php-symfony-translation_*_all.deb sf
python3 -c 'import sys,zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("schemas/tmx14.dtd"))' \
  om/usr/share/omegat/OmegaT.jar > "$dest/tmx14.dtd"
cp sf/usr/share/php/Symfony/Component/Translation/Resources/schemas/{xliff-core-1.2-strict.xsd,xml.xsd} "$dest/"
check "$dest/tmx14.dtd" "$want_tmx" || { echo "tmx14.dtd: sha256 mismatch" >&2; exit 1; }
check "$dest/xliff-core-1.2-strict.xsd" "$want_xliff" || { echo "xliff xsd: sha256 mismatch" >&2; exit 1; }
check "$dest/xml.xsd" "$want_xml" || { echo "xml.xsd: sha256 mismatch" >&2; exit 1; }
cat > "$dest/catalog.xml" <<CATALOG
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <system systemId="http://www.w3.org/2001/xml.xsd" uri="$dest/xml.xsd"/>
  <uri name="http://www.w3.org/2001/xml.xsd" uri="$dest/xml.xsd"/>
</catalog>
CATALOG
echo "schemas in $dest"
