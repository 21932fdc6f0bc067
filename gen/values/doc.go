// Package values writes a bundle's Helm values schema (values.schema.json)
// and the standalone schema file of each action's params.
//
// One values.yaml is validated four times: by the editor
// (yaml-language-server), by helm install and helm lint, by robusta-gen
// validate and by the runner at start. The last two share the runtime's
// config loader; this schema is what the first two see, so it has to say
// the same thing in the dialect they both speak.
//
// # Why draft-07
//
// Helm validated with gojsonschema (draft-04 to 07) up to 3.18.4 and with
// santhosh-tekuri/jsonschema since 3.18.5, which defaults to 2020-12 when
// $schema is absent; yaml-language-server validates with draft-07 semantics
// only (its 2019-09/2020-12 support was merged and reverted). So the
// document declares draft-07 and uses only keywords whose meaning is the
// same in draft-07 and 2020-12: no $defs, prefixItems, unevaluatedProperties
// or dependentSchemas, and no remote $ref (Helm 3.18.6 would fetch it, which
// fails in air-gapped clusters). The tests compile it under both drafts.
//
// # Layout
//
// Params schemas are inlined (see package gen/schema). The only references
// are local "#/definitions/..." ones, for two things that would otherwise be
// repeated: the playbook item, used by five lists, and each trigger filter
// type (trigger.KubernetesParams is shared by eighty-four triggers). A $ref
// never has a sibling that matters for validation: draft-07 ignores them.
// The definitions are keyed by fixed names chosen here ("playbook",
// "trigger.KubernetesParams"), never by an action's type name, so two
// playbook packages with a type called Params cannot collide.
//
// The root takes exactly the keys the runner reads plus the chart's own
// keys (config.ChartKeys, whose values the runner ignores and this schema
// accepts as anything) and "global", which Helm injects when the chart is a
// subchart; so additionalProperties:false at the root catches a misspelt
// top-level key without breaking umbrella charts.
//
// Each triggers element and each actions element is an object with exactly
// one property (minProperties and maxProperties 1, additionalProperties
// false), whose name is the trigger or action and whose value its params.
// A trigger's filters, and the params of an action with no required params,
// may be null, because `- on_pod_update:` and `- echo:` are how people
// write them; the "type" is then ["object", "null"], a list invopop's Schema
// cannot hold in Type, so it goes through Extras.
//
// # Why if/then for trigger/action compatibility
//
// Which triggers an action can take is decided by the type checker
// (model.Action.Triggers). A playbook is valid when every action accepts
// every trigger. The schema says this with one rule per group of actions
// sharing the same accepted set S, in the playbook's allOf:
//
//	{"if":   {"properties": {"actions": {"contains": {"type": "object", "minProperties": 1,
//	                                                  "propertyNames": {"enum": [group...]}}}},
//	          "required": ["actions"]},
//	 "then": {"properties": {"triggers": {"items": {"propertyNames": {"enum": [S...]}}}}}}
//
// "if some action of the group is present, every trigger is in S". Actions
// that accept every trigger need no rule, so the rule count is the number of
// distinct trigger sets, not of actions, and a bundle of ExecutionEvent
// actions has none. This encoding is the one that Helm's validators and
// yaml-language-server all handle while keeping the completion of trigger
// names, action names and params intact; the alternatives (a oneOf per
// trigger listing its actions, or a discriminator) either break completions
// or turn every error into a wall of oneOf failures. An action that accepts
// no trigger at all (it can only be run by name) gets a rule whose then
// allows no triggers ("maxItems": 0).
//
// Output is deterministic: object keys are sorted by runtime/schema.Marshal,
// rules are ordered by their first action's name, enums are sorted.
package values
