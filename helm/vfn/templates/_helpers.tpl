{{/* The chart's name. */}}
{{- define "vfn.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The resource name prefix: release-chart, unless the release already names the chart. */}}
{{- define "vfn.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "vfn.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every resource carries. */}}
{{- define "vfn.labels" -}}
helm.sh/chart: {{ include "vfn.chart" . }}
{{ include "vfn.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: node
{{- end -}}

{{/* Selector labels: name + instance. */}}
{{- define "vfn.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vfn.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "vfn.headlessService" -}}
{{- printf "%s-headless" (include "vfn.fullname" .) -}}
{{- end -}}

{{- define "vfn.secretName" -}}
{{- default (include "vfn.fullname" .) .Values.auth.existingSecret -}}
{{- end -}}

{{- define "vfn.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "vfn.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Comma-separated jars to deploy at start: URLs, then files of the preload ConfigMap. */}}
{{- define "vfn.preload" -}}
{{- $jars := list -}}
{{- range .Values.preload.urls -}}{{- $jars = append $jars . -}}{{- end -}}
{{- range .Values.preload.configMap.jars -}}{{- $jars = append $jars (printf "/preload/%s" .) -}}{{- end -}}
{{- join "," $jars -}}
{{- end -}}

{{/* Cross-field checks, failing once with a clear message. */}}
{{- define "vfn.validate" -}}
{{- if and .Values.cluster.tls.enabled (not .Values.cluster.tls.secretName) -}}
{{- fail "cluster.tls.enabled needs cluster.tls.secretName (a Secret with tls.crt, tls.key and ca.crt)" -}}
{{- end -}}
{{- if and .Values.preload.configMap.jars (not .Values.preload.configMap.name) -}}
{{- fail "preload.configMap.jars needs preload.configMap.name" -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (lt (int .Values.autoscaling.minReplicas) 2) -}}
{{- fail "autoscaling.minReplicas must be 2 or more: every accepted async call is kept on two members" -}}
{{- end -}}
{{- end -}}
