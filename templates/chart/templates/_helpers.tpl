{{/*
Named templates of the robusta-go runner chart. robusta-gen copies this file
unchanged into every chart it writes, so the names keep the "robusta-runner."
prefix whatever the chart is called: two such charts in one umbrella chart
define them with the same text. Data that differs between bundles (the RBAC
rules) is a chart file read with .Files, which is per chart, not a named
template, which Helm shares across a parent chart and its subcharts.
*/}}

{{/* The chart's name, or nameOverride. */}}
{{- define "robusta-runner.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The name of every object: fullnameOverride, else the release name when it
already contains the chart's name, else release-chart; 63 characters at most
(DNS label).
*/}}
{{- define "robusta-runner.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "robusta-runner.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "robusta-runner.selectorLabels" -}}
app.kubernetes.io/name: {{ include "robusta-runner.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "robusta-runner.labels" -}}
helm.sh/chart: {{ include "robusta-runner.chart" . }}
{{ include "robusta-runner.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: runner
{{- end }}

{{- define "robusta-runner.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "robusta-runner.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* repository:tag, or repository@digest when a digest is set. */}}
{{- define "robusta-runner.image" -}}
{{- with .Values.image }}
{{- if .digest }}
{{- printf "%s@%s" .repository .digest }}
{{- else }}
{{- printf "%s:%s" .repository (.tag | default $.Chart.AppVersion) }}
{{- end }}
{{- end }}
{{- end }}

{{/* Whether the replicas elect a leader: more than one replica. */}}
{{- define "robusta-runner.leaderElect" -}}
{{- if gt (int .Values.replicas) 1 }}true{{ end }}
{{- end }}

{{/*
The runner's config file: the runner's own keys of the values, as they are.
They are not passed through tpl, so "{{ env.NAME }}" reaches the runner,
which substitutes it from its environment. clusterName and clusterZone, the
keys Robusta's chart takes, fill globalConfig.cluster_name and cluster_zone
unless globalConfig sets them.
*/}}
{{- define "robusta-runner.config" -}}
{{- $v := .Values }}
{{- $cfg := pick $v "alertRelabel" "customResources" "sinksConfig" "customPlaybooks" "namedCustomPlaybooks" "priorityBuiltinPlaybooks" "builtinPlaybooks" "platformPlaybooks" "enablePlatformPlaybooks" "disabledPlaybooks" }}
{{- $global := deepCopy ($v.globalConfig | default dict) }}
{{- if $v.clusterName }}{{ $_ := set $global "cluster_name" ($global.cluster_name | default $v.clusterName) }}{{ end }}
{{- if $v.clusterZone }}{{ $_ := set $global "cluster_zone" ($global.cluster_zone | default $v.clusterZone) }}{{ end }}
{{- $_ := set $cfg "globalConfig" $global }}
{{- toYaml $cfg }}
{{- end }}

{{/*
The triggers and actions of the playbooks the runner runs, as JSON
{"triggers": [...], "actions": [...]}: the same lists, in the same way, as
the runner's config loader (runtime/config): priorityBuiltinPlaybooks,
customPlaybooks, namedCustomPlaybooks, builtinPlaybooks, and
platformPlaybooks when enablePlatformPlaybooks is true, without the
playbooks disabledPlaybooks names. The ClusterRole grants what these need.
*/}}
{{- define "robusta-runner.used" -}}
{{- $v := .Values }}
{{- $lists := list ($v.priorityBuiltinPlaybooks | default list) ($v.customPlaybooks | default list) }}
{{- $named := $v.namedCustomPlaybooks | default dict }}
{{- range $name := keys $named | sortAlpha }}
{{- $lists = append $lists (get $named $name | default list) }}
{{- end }}
{{- $lists = append $lists ($v.builtinPlaybooks | default list) }}
{{- if $v.enablePlatformPlaybooks }}
{{- $lists = append $lists ($v.platformPlaybooks | default list) }}
{{- end }}
{{- $disabled := $v.disabledPlaybooks | default list }}
{{- $triggers := list }}
{{- $actions := list }}
{{- range $l := $lists }}
{{- range $pb := $l }}
{{- if not (and $pb.name (has $pb.name $disabled)) }}
{{- range $t := $pb.triggers | default list }}{{ range $name, $params := $t }}
{{- /* on_kubernetes_resource_operation's resources narrow it to those kinds: "<trigger>/<kind>" (files/rbac.yaml) grants only them. */}}
{{- $resources := list }}{{ if kindIs "map" $params }}{{ $resources = get $params "resources" | default list }}{{ end }}
{{- if $resources }}{{ range $r := $resources }}{{ $triggers = append $triggers (printf "%s/%s" $name (lower $r)) }}{{ end }}
{{- else }}{{ $triggers = append $triggers $name }}{{ end }}
{{- end }}{{ end }}
{{- range $a := $pb.actions | default list }}{{ range $name, $_ := $a }}{{ $actions = append $actions $name }}{{ end }}{{ end }}
{{- end }}
{{- end }}
{{- end }}
{{- dict "triggers" ($triggers | uniq | sortAlpha) "actions" ($actions | uniq | sortAlpha) | toJson }}
{{- end }}

{{/*
The ClusterRole's rules, computed from files/rbac.yaml (written by
robusta-gen from runtime/trigger's triggers, runtime/kinds' kinds and the
bundle's //robusta:rbac directives): the rules of every configured trigger,
the bundle's package-level rules, the rules of every configured action,
get, list and watch on each of customResources. They
are merged per API group, resource and resourceNames, so each resource gets
one rule with the union of its verbs, in a stable order.
*/}}
{{- define "robusta-runner.clusterRules" -}}
{{- $data := .Files.Get "files/rbac.yaml" | fromYaml }}
{{- $used := include "robusta-runner.used" . | fromJson }}
{{- $rules := $data.package | default list }}
{{- range $t := $used.triggers }}{{ $rules = concat $rules (get ($data.triggers | default dict) $t | default list) }}{{ end }}
{{- range $a := $used.actions }}{{ $rules = concat $rules (get ($data.actions | default dict) $a | default list) }}{{ end }}
{{- /* A sink scope on namespace_labels reads the namespaces' labels (one cached list). */}}
{{- range $s := .Values.sinksConfig | default list }}{{ range $p := values $s }}{{ with $p.scope }}
{{- range $e := concat (.include | default list) (.exclude | default list) }}{{ if hasKey $e "namespace_labels" }}
{{- $rules = append $rules (dict "apiGroups" (list "") "resources" (list "namespaces") "verbs" (list "list")) }}
{{- end }}{{ end }}{{ end }}{{ end }}{{ end }}
{{- /* The customResources the runner watches, whichever trigger needs them. */}}
{{- range $c := .Values.customResources | default list }}
{{- $rules = append $rules (dict "apiGroups" (list $c.group) "resources" (list $c.resource) "verbs" (list "get" "list" "watch")) }}
{{- end }}
{{- $merged := dict }}
{{- range $r := $rules }}
{{- range $g := $r.apiGroups }}
{{- range $res := $r.resources }}
{{- $key := printf "%s %s %s" $g $res (join "," ($r.resourceNames | default list)) }}
{{- $_ := set $merged $key (concat (get $merged $key | default list) $r.verbs) }}
{{- end }}
{{- end }}
{{- end }}
{{- range $key := keys $merged | sortAlpha }}
{{- $parts := splitList " " $key }}
- apiGroups: [{{ index $parts 0 | quote }}]
  resources: [{{ index $parts 1 | quote }}]
  {{- with index $parts 2 }}
  resourceNames: {{ splitList "," . | toJson }}
  {{- end }}
  verbs: {{ get $merged $key | uniq | sortAlpha | toJson }}
{{- end }}
{{- with .Values.rbac.extraRules }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
The Secret the chart generates tokens into, for runner.alertsToken and
runner.triggerToken left without a secretName.
*/}}
{{- define "robusta-runner.tokensSecret" -}}
{{- printf "%s-tokens" (include "robusta-runner.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Whether the chart generates the alerts token. */}}
{{- define "robusta-runner.generateAlertsToken" -}}
{{- with .Values.runner.alertsToken }}{{ if not (or .secretName .allowUnauthenticated) }}true{{ end }}{{ end }}
{{- end }}

{{/* Whether the chart generates the trigger token. */}}
{{- define "robusta-runner.generateTriggerToken" -}}
{{- if not .Values.runner.triggerToken.secretName }}true{{ end }}
{{- end }}

{{/* The Secret and key of the alerts token, as {"name": ..., "key": ...}; "" without one. */}}
{{- define "robusta-runner.alertsTokenRef" -}}
{{- with .Values.runner.alertsToken }}
{{- if .secretName }}{{ dict "name" .secretName "key" .key | toJson }}
{{- else if not .allowUnauthenticated }}{{ dict "name" (include "robusta-runner.tokensSecret" $) "key" "alerts-token" | toJson }}
{{- end }}
{{- end }}
{{- end }}

{{/* The Secret and key of the trigger token, as {"name": ..., "key": ...}. */}}
{{- define "robusta-runner.triggerTokenRef" -}}
{{- with .Values.runner.triggerToken }}
{{- if .secretName }}{{ dict "name" .secretName "key" .key | toJson }}
{{- else }}{{ dict "name" (include "robusta-runner.tokensSecret" $) "key" "trigger-token" | toJson }}
{{- end }}
{{- end }}
{{- end }}
