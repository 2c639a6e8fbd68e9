{{/*
Names. Kubernetes names are at most 63 characters; every helper below trims.
*/}}
{{- define "navigator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Prefix of every object name: fullnameOverride, else the release name when it
already contains the chart name, else "<release>-<chart>".
*/}}
{{- define "navigator.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "navigator.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "navigator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Object names of the three components (and the etcd Services). */}}
{{- define "navigator.apiserver.fullname" -}}
{{- printf "%s-apiserver" (include "navigator.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "navigator.controller.fullname" -}}
{{- printf "%s-controller" (include "navigator.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "navigator.etcd.fullname" -}}
{{- printf "%s-etcd" (include "navigator.fullname" .) | trunc 52 | trimSuffix "-" -}}
{{- end -}}
{{- define "navigator.etcd.headlessName" -}}
{{- printf "%s-headless" (include "navigator.etcd.fullname" .) -}}
{{- end -}}

{{/*
Labels. Call with (dict "root" $ "component" "apiserver").
selectorLabels never change after install (Deployment and StatefulSet
selectors are immutable): do not add values-dependent labels to them.
*/}}
{{- define "navigator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "navigator.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "navigator.labels" -}}
{{ include "navigator.selectorLabels" . }}
helm.sh/chart: {{ include "navigator.chart" .root }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: navigator
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* "repository:tag" of an image value; tag defaults to the chart's appVersion. */}}
{{- define "navigator.image" -}}
{{- printf "%s:%s" .image.repository (.image.tag | default .root.Chart.AppVersion | toString) -}}
{{- end -}}

{{- define "navigator.apiserver.serviceAccountName" -}}
{{- if .Values.apiserver.serviceAccount.create -}}
{{- default (include "navigator.apiserver.fullname" .) .Values.apiserver.serviceAccount.name -}}
{{- else -}}
{{- required "apiserver.serviceAccount.name is required when apiserver.serviceAccount.create is false" .Values.apiserver.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "navigator.controller.serviceAccountName" -}}
{{- if .Values.controller.serviceAccount.create -}}
{{- default (include "navigator.controller.fullname" .) .Values.controller.serviceAccount.name -}}
{{- else -}}
{{- required "controller.serviceAccount.name is required when controller.serviceAccount.create is false" .Values.controller.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
--etcd-servers of navigator-apiserver: the in-cluster etcd's client Service,
or etcd.externalServers.
*/}}
{{- define "navigator.etcd.servers" -}}
{{- if .Values.etcd.enabled -}}
{{- printf "http://%s.%s.svc:2379" (include "navigator.etcd.fullname" .) .Release.Namespace -}}
{{- else -}}
{{- if not .Values.etcd.externalServers -}}
{{- fail "etcd.externalServers must list etcd client URLs when etcd.enabled is false" -}}
{{- end -}}
{{- join "," .Values.etcd.externalServers -}}
{{- end -}}
{{- end -}}

{{/*
Pod scheduling and pod-level fields shared by every component. Call with
(dict "root" $ "values" .Values.<component>).
*/}}
{{- define "navigator.podSpecCommon" -}}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- with .values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
