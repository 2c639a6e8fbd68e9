# Key material for the local control plane (hack/local-up.sh), made with
# openssl. Source it; it defines functions and touches nothing until called.
#
# Contract: every function is idempotent. A key is made once and kept; a
# certificate is (re)issued only when it is missing, expires within a week, no
# longer verifies against its CA (the CA was re-made), or was issued for
# different names (its request file differs). So re-running local-up keeps
# every certificate, and kubeconfigs and the APIService caBundle stay valid.
#
# Keys are ECDSA P-256; files are created with umask 077.

# pki_key <path>: an ECDSA P-256 private key, made if missing.
pki_key() {
  [ -s "$1" ] && return 0
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.tmp" 2>/dev/null)
  mv "$1.tmp" "$1"
}

# pki_public_key <private key> <public key path>: the public half, PEM.
pki_public_key() {
  [ -s "$2" ] && return 0
  openssl pkey -in "$1" -pubout -out "$2.tmp" 2>/dev/null
  mv "$2.tmp" "$2"
}

# _pki_config <path> <CN> <O or ""> <extension lines...>: an openssl request
# config whose section [ext] holds the given extension lines.
_pki_config() {
  local path=$1 cn=$2 org=$3
  shift 3
  {
    echo "[req]"
    echo "distinguished_name = dn"
    echo "prompt = no"
    echo "[dn]"
    [ -z "$org" ] || echo "O = $org"
    echo "CN = $cn"
    echo "[ext]"
    printf '%s\n' "$@"
  } >"$path"
}

# _pki_current <cert> <CA cert or ""> <config>: succeeds when the certificate
# exists, stays valid for a week, verifies against the CA, and was made from
# exactly this config.
_pki_current() {
  local cert=$1 ca=$2 config=$3
  [ -s "$cert" ] && [ -s "$cert.cnf" ] || return 1
  cmp -s "$config" "$cert.cnf" || return 1
  openssl x509 -in "$cert" -noout -checkend 604800 >/dev/null 2>&1 || return 1
  if [ -n "$ca" ]; then
    openssl verify -CAfile "$ca" "$cert" >/dev/null 2>&1 || return 1
  fi
}

# pki_ca <dir> <name> <CN>: a self-signed CA, <dir>/<name>.crt and .key, valid
# for ten years.
pki_ca() {
  local dir=$1 name=$2 cn=$3
  pki_key "$dir/$name.key"
  _pki_config "$dir/$name.crt.new.cnf" "$cn" "" \
    "basicConstraints = critical, CA:TRUE" \
    "keyUsage = critical, keyCertSign, cRLSign, digitalSignature" \
    "subjectKeyIdentifier = hash"
  if _pki_current "$dir/$name.crt" "" "$dir/$name.crt.new.cnf"; then
    rm -f "$dir/$name.crt.new.cnf"
    return 0
  fi
  openssl req -x509 -new -key "$dir/$name.key" -config "$dir/$name.crt.new.cnf" -extensions ext \
    -days 3650 -set_serial "0x$(openssl rand -hex 16)" -out "$dir/$name.crt.tmp" 2>/dev/null
  mv "$dir/$name.crt.tmp" "$dir/$name.crt"
  mv "$dir/$name.crt.new.cnf" "$dir/$name.crt.cnf"
}

# pki_cert <dir> <name> <CA name> <serving|client> <CN> <O or ""> [SAN...]
# A leaf certificate <dir>/<name>.crt (+ .key) signed by <dir>/<CA name>,
# valid for one year. SANs are given as openssl writes them: DNS:x, IP:y.
pki_cert() {
  local dir=$1 name=$2 ca=$3 usage=$4 cn=$5 org=$6
  shift 6
  local eku=clientAuth
  [ "$usage" = serving ] && eku=serverAuth
  local lines=("basicConstraints = critical, CA:FALSE"
    "keyUsage = critical, digitalSignature, keyEncipherment"
    "extendedKeyUsage = $eku"
    "authorityKeyIdentifier = keyid")
  if [ $# -gt 0 ]; then
    local sans
    sans=$(printf '%s,' "$@")
    lines+=("subjectAltName = ${sans%,}")
  fi
  pki_key "$dir/$name.key"
  _pki_config "$dir/$name.crt.new.cnf" "$cn" "$org" "${lines[@]}"
  if _pki_current "$dir/$name.crt" "$dir/$ca.crt" "$dir/$name.crt.new.cnf"; then
    rm -f "$dir/$name.crt.new.cnf"
    return 0
  fi
  openssl req -new -key "$dir/$name.key" -config "$dir/$name.crt.new.cnf" -out "$dir/$name.csr" 2>/dev/null
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/$ca.crt" -CAkey "$dir/$ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days 365 \
    -extfile "$dir/$name.crt.new.cnf" -extensions ext -out "$dir/$name.crt.tmp" 2>/dev/null
  rm -f "$dir/$name.csr"
  mv "$dir/$name.crt.tmp" "$dir/$name.crt"
  mv "$dir/$name.crt.new.cnf" "$dir/$name.crt.cnf"
}
