{{/*
Serving TLS of navigator-apiserver.

Two modes:
  - apiserver.tls.existingSecret set: the user's kubernetes.io/tls Secret is
    mounted, and apiserver.tls.caBundle (required) becomes the APIService's
    caBundle.
  - otherwise the chart owns Secret <apiserver>-tls. On install it generates a
    CA and a certificate signed by it for <svc>, <svc>.<ns>, <svc>.<ns>.svc and
    <svc>.<ns>.svc.<clusterDomain>; on upgrade it reads the Secret back with
    `lookup` and reuses it, so the certificate and the caBundle stay stable.
    (`helm template` and --dry-run cannot look up, so they always generate.)

Certificates are random, but the Secret, the APIService and the Deployment's
checksum annotation must all see the same ones: the result is computed once per
render and memoized under .Values.__navigatorTLS.
*/}}

{{- define "navigator.apiserver.tlsSecretName" -}}
{{- if .Values.apiserver.tls.existingSecret -}}
{{- .Values.apiserver.tls.existingSecret -}}
{{- else -}}
{{- printf "%s-tls" (include "navigator.apiserver.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/*
Returns YAML with keys caBundle, crt and key, each base64-encoded PEM (crt and
key empty with existingSecret).
*/}}
{{- define "navigator.apiserver.tls" -}}
{{- if not (hasKey .Values "__navigatorTLS") -}}
{{- $tls := dict "caBundle" "" "crt" "" "key" "" -}}
{{- if .Values.apiserver.tls.existingSecret -}}
{{- $ca := required "apiserver.tls.caBundle is required with apiserver.tls.existingSecret: set it to the base64-encoded PEM of the CA that signed the Secret's tls.crt (e.g. base64 -w0 ca.crt)" .Values.apiserver.tls.caBundle -}}
{{- $_ := set $tls "caBundle" $ca -}}
{{- else -}}
{{- if .Values.apiserver.tls.caBundle -}}
{{- fail "apiserver.tls.caBundle is only used together with apiserver.tls.existingSecret: set both (your own certificate) or neither (the chart generates one)" -}}
{{- end -}}
{{- $name := include "navigator.apiserver.tlsSecretName" . -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace $name -}}
{{- $data := dict -}}
{{- if $existing -}}
{{- $data = $existing.data | default dict -}}
{{- end -}}
{{- if and (index $data "tls.crt") (index $data "tls.key") (index $data "ca.crt") -}}
{{- $_ := set $tls "caBundle" (index $data "ca.crt") -}}
{{- $_ := set $tls "crt" (index $data "tls.crt") -}}
{{- $_ := set $tls "key" (index $data "tls.key") -}}
{{- else -}}
{{- $svc := include "navigator.apiserver.fullname" . -}}
{{- $ns := .Release.Namespace -}}
{{- $dns := printf "%s.%s.svc" $svc $ns -}}
{{- $days := int .Values.apiserver.tls.validityDays -}}
{{- $ca := genCA (printf "%s-ca" $svc) $days -}}
{{- $names := list $svc (printf "%s.%s" $svc $ns) $dns (printf "%s.%s" $dns .Values.clusterDomain) -}}
{{- $cert := genSignedCert $dns nil $names $days $ca -}}
{{- $_ := set $tls "caBundle" ($ca.Cert | b64enc) -}}
{{- $_ := set $tls "crt" ($cert.Cert | b64enc) -}}
{{- $_ := set $tls "key" ($cert.Key | b64enc) -}}
{{- end -}}
{{- end -}}
{{- $_ := set .Values "__navigatorTLS" $tls -}}
{{- end -}}
{{- toYaml (index .Values "__navigatorTLS") -}}
{{- end -}}
