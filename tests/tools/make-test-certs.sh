#!/usr/bin/env bash
# Makes the certificates the TLS tests use, with the openssl command-line tool, into DIR.
# Made at test time and never checked in: certificates expire (these after two days).
#   make-test-certs.sh DIR
# DIR then holds, each as NAME.pem and NAME.key:
#   ca             the test CA
#   server         the broker's certificate, signed by ca, for localhost, 127.0.0.1 and ::1
#   server-ec      the same with an elliptic-curve key (P-256) instead of RSA
#   client         a client's certificate, signed by ca
#   other-ca       a CA the broker does not know
#   other-client   a client's certificate signed by other-ca
set -euo pipefail

dir=${1:?directory}
mkdir -p "$dir"
cd "$dir"
days=2

ca() {   # NAME CN
  openssl req -x509 -newkey rsa:2048 -nodes -days "$days" -subj "/CN=$2" \
    -keyout "$1.key" -out "$1.pem" 2>/dev/null
}
signed() {   # NAME CN CA EXTENSIONS [KEY OPTIONS of openssl req; default: -newkey rsa:2048]
  local key=(-newkey rsa:2048)
  (($# > 4)) && key=("${@:5}")
  openssl req "${key[@]}" -nodes -subj "/CN=$2" -keyout "$1.key" -out "$1.csr" 2>/dev/null
  printf '%s\n' "$4" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -days "$days" \
    -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}

ca ca "Warren test CA"
ca other-ca "Another test CA"
signed server localhost ca "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
extendedKeyUsage=serverAuth"
signed server-ec localhost ca "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
extendedKeyUsage=serverAuth" -newkey ec -pkeyopt ec_paramgen_curve:prime256v1
signed client "warren test client" ca "extendedKeyUsage=clientAuth"
signed other-client "another test client" other-ca "extendedKeyUsage=clientAuth"
