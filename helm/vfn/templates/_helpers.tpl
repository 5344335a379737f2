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
{{- $names := list -}}
{{- range .Values.secrets.fromSecrets -}}
{{- if has .name $names -}}
{{- fail (printf "secrets.fromSecrets names vfn secret %q twice" .name) -}}
{{- end -}}
{{- $names = append $names .name -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (lt (int .Values.autoscaling.minReplicas) 2) -}}
{{- fail "autoscaling.minReplicas must be 2 or more: every accepted async call is kept on two members" -}}
{{- end -}}
{{- end -}}

{{/* Labels of the helm test pod: not the selector labels, so no Service, budget, autoscaler or policy counts it. */}}
{{- define "vfn.testLabels" -}}
helm.sh/chart: {{ include "vfn.chart" . }}
app.kubernetes.io/name: {{ include "vfn.name" . }}-test
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: test
{{- end -}}

{{/* The image: repository@digest when a digest is given, else repository:tag (the chart's appVersion by default). */}}
{{- define "vfn.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{/*
Replicas of the StatefulSet. With autoscaling on, the autoscaler owns the count: an upgrade keeps the live one (an
object without replicas would make the API server set 1 and, with Parallel pods, stop the others at once). Without a
live object (first install, or an offline render by a GitOps tool) it starts at minReplicas.
*/}}
{{- define "vfn.replicas" -}}
{{- if .Values.autoscaling.enabled -}}
{{- $live := dict -}}
{{- if .Values.autoscaling.keepLiveReplicas -}}
{{- $live = lookup "apps/v1" "StatefulSet" .Release.Namespace (include "vfn.fullname" .) -}}
{{- end -}}
{{- if and $live $live.spec $live.spec.replicas -}}
{{- $live.spec.replicas -}}
{{- else -}}
{{- .Values.autoscaling.minReplicas -}}
{{- end -}}
{{- else -}}
{{- .Values.replicaCount -}}
{{- end -}}
{{- end -}}

{{/* A checksum of the credentials the operator gave (not generated ones), so pods restart only when those change. */}}
{{- define "vfn.authChecksum" -}}
{{- printf "%s|%s|%s|%s" .Values.auth.adminToken .Values.auth.callbackSecret .Values.auth.existingSecret .Values.metrics.token | sha256sum -}}
{{- end -}}

{{/* Whole seconds (rounded up) of a duration such as 500ms, 30s, 5m or 1h. */}}
{{- define "vfn.seconds" -}}
{{- $d := toString . | trim | lower -}}
{{- if regexMatch "^[0-9]+ms$" $d -}}
{{- div (add (trimSuffix "ms" $d | int64) 999) 1000 -}}
{{- else if regexMatch "^[0-9]+s$" $d -}}
{{- trimSuffix "s" $d | int64 -}}
{{- else if regexMatch "^[0-9]+m$" $d -}}
{{- mul (trimSuffix "m" $d | int64) 60 -}}
{{- else if regexMatch "^[0-9]+h$" $d -}}
{{- mul (trimSuffix "h" $d | int64) 3600 -}}
{{- else -}}
{{- fail (printf "%q: config.shutdownDelay and config.drainGrace take a number with ms, s, m or h, e.g. 30s" $d) -}}
{{- end -}}
{{- end -}}

{{/*
Seconds Kubernetes waits after SIGTERM: the not-ready delay, the drain grace and 15 s to leave the cluster. Derived
when terminationGracePeriodSeconds is empty; a smaller explicit value fails the render (pods would be killed while
they still drain, failing calls).
*/}}
{{- define "vfn.terminationGracePeriodSeconds" -}}
{{- $delay := include "vfn.seconds" .Values.config.shutdownDelay | int64 -}}
{{- $drain := include "vfn.seconds" .Values.config.drainGrace | int64 -}}
{{- $needed := add $delay $drain 15 -}}
{{- $given := .Values.terminationGracePeriodSeconds -}}
{{- if kindIs "invalid" $given -}}
{{- $needed -}}
{{- else if lt (int64 $given) $needed -}}
{{- fail (printf "terminationGracePeriodSeconds=%d is too small: a stopping pod needs config.shutdownDelay (%ds) + config.drainGrace (%ds) + 15s to leave the cluster = %ds. Raise it, or leave it empty to derive it" (int64 $given) $delay $drain $needed) -}}
{{- else -}}
{{- int64 $given -}}
{{- end -}}
{{- end -}}

{{/* JVM flags the chart adds to the image's: heap share of the memory limit, bounded direct memory, extra flags. */}}
{{/*
Processors the JVM sizes its threads for: jvm.processors; else, for a pod with a CPU request and no CPU limit, the
request rounded up ("500m" → 1, "1500m" → 2, "2" → 2); else nothing (the JVM reads a CPU limit itself).
*/}}
{{- define "vfn.processors" -}}
{{- $resources := .Values.resources | default dict -}}
{{- $requests := $resources.requests | default dict -}}
{{- $limits := $resources.limits | default dict -}}
{{- if .Values.jvm.processors -}}
{{- .Values.jvm.processors -}}
{{- else if and $requests.cpu (not $limits.cpu) -}}
{{- $cpu := toString $requests.cpu -}}
{{- if hasSuffix "m" $cpu -}}
{{- max 1 (div (add (atoi (trimSuffix "m" $cpu)) 999) 1000) -}}
{{- else -}}
{{- max 1 (int (ceil (float64 $cpu))) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "vfn.jvmOptions" -}}
{{- $opts := list (printf "-XX:MaxRAMPercentage=%v" .Values.jvm.heapPercent) (printf "-XX:MaxDirectMemorySize=%s" .Values.jvm.maxDirectMemory) -}}
{{- with include "vfn.processors" . }}{{ $opts = append $opts (printf "-XX:ActiveProcessorCount=%s" .) }}{{ end -}}
{{- with .Values.jvm.extraOpts }}{{ $opts = append $opts . }}{{ end -}}
{{- join " " $opts -}}
{{- end -}}
