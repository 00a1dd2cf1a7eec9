#!/bin/bash
# Makes the certificate fixtures of tests/shell (phases 3v, 3t) and of
# tests/e2e: a CA with a good, an expired and a revoked client, a CRL, a
# client of another CA, a self-signed one, and a backend server's.  The
# outputs are committed; run this again only to change them (needs the
# openssl command).
set -euo pipefail
cd "$(dirname "$0")"
D=$(mktemp -d); trap 'rm -rf "$D"' EXIT
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
cat > "$D/ca.cnf" <<C
[ ca ]
default_ca = d
[ d ]
database = $D/index.txt
new_certs_dir = $D
serial = $D/serial
crlnumber = $D/crlnumber
default_md = sha256
policy = p
copy_extensions = none
unique_subject = no
default_crl_days = 36500
[ p ]
commonName = supplied
organizationName = optional
[ client ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature
extendedKeyUsage = clientAuth
[ server ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:backend.example.test
C
: > "$D/index.txt"; echo 1000 > "$D/serial"; echo 01 > "$D/crlnumber"
mkca() {    # name subject
	key "$1.key"
	openssl req -x509 -new -key "$1.key" -subj "$2" -days 36500 -sha256 \
		-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
		-out "$1.pem"
}
client() {  # name subject ca start end [extensions]
	key "$1.key"
	openssl req -new -key "$1.key" -subj "$2" -out "$D/$1.csr"
	openssl ca -batch -config "$D/ca.cnf" -cert "$3.pem" -keyfile "$3.key" -extensions "${6:-client}" \
		-startdate "$4" -enddate "$5" -in "$D/$1.csr" -out "$D/$1.crt" 2>/dev/null
	openssl x509 -in "$D/$1.crt" -out "$1.pem"
}
mkca ca "/O=Postern Test/CN=Postern Test CA"
mkca other-ca "/O=Elsewhere/CN=Other CA"
client alice "/O=Example, Inc./CN=alice" ca 20240101000000Z 21240101000000Z
client expired "/O=Example/CN=expired" ca 20200101000000Z 20210101000000Z
client revoked "/O=Example/CN=revoked" ca 20240101000000Z 21240101000000Z
client stranger "/O=Elsewhere/CN=stranger" other-ca 20240101000000Z 21240101000000Z
# a backend for proxy_ssl: backend.example.test, by the same CA
client backend "/CN=backend.example.test" ca 20240101000000Z 21240101000000Z server
openssl ca -config "$D/ca.cnf" -cert ca.pem -keyfile ca.key -revoke revoked.pem 2>/dev/null
openssl ca -config "$D/ca.cnf" -cert ca.pem -keyfile ca.key -gencrl -out ca.crl 2>/dev/null
key self.key
openssl req -x509 -new -key self.key -subj "/CN=self" -days 36500 -out self.pem
rm -f other-ca.key ca.key
