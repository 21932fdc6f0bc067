package api

import (
	"reflect"
	"strconv"
	"strings"
)

// walkDiff is the one definition of "the differences between two objects"
// (JSON-shaped values): KubernetesDiffBlock lists them and ChangeFilter,
// hence change_filters in the trigger, selects among them, so a path a
// user writes in change_filters is the path a diff block shows.
//
// It calls f with each difference, deepest first, until f returns false:
// maps are compared key by key and lists element by element (Robusta's
// hikaru diff does the same), so a changed image is
// spec.template.spec.containers[0].image, not the whole containers list.
// Where hikaru reports a list whose length changed as one difference at
// the list, here the added or removed elements are the differences
// (containers[1].name), so include: [image] still sees the image of a
// container added beside another.
// A key or element on one side only is reported leaf by leaf, so that a
// created or deleted object lists every field; an empty map or list there
// has no leaf and is not reported: a typed object converts its empty
// structs to {} (a container's resources, a deployment's strategy), and
// listing those would bury a create's real fields.
func walkDiff(path string, a, b any, f func(path string, old, new any) bool) bool {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if (aok || a == nil) && (bok || b == nil) && (aok || bok) {
		for k, av := range am {
			if !walkDiff(join(path, k), av, bm[k], f) {
				return false
			}
		}
		for k, bv := range bm {
			if _, seen := am[k]; !seen && !walkDiff(join(path, k), nil, bv, f) {
				return false
			}
		}
		return true
	}
	as, aok := a.([]any)
	bs, bok := b.([]any)
	if (aok || a == nil) && (bok || b == nil) && (aok || bok) {
		for i := range max(len(as), len(bs)) {
			var av, bv any
			if i < len(as) {
				av = as[i]
			}
			if i < len(bs) {
				bv = bs[i]
			}
			if !walkDiff(path+"["+strconv.Itoa(i)+"]", av, bv, f) {
				return false
			}
		}
		return true
	}
	if reflect.DeepEqual(a, b) {
		return true
	}
	return f(path, a, b)
}

// dictFields are the maps whose keys are data, not field names: their keys
// are written ['key'], as hikaru writes a dict's keys, because they may
// hold dots (app.kubernetes.io/name, tls.crt) that a dotted path would
// split. Robusta knows every dict from its typed models; for unstructured
// JSON this table names the common ones, matched by the field's name.
var dictFields = []string{"labels", "annotations", "nodeSelector", "matchLabels"}

// topDictFields are dicts only at the top of an object (a ConfigMap's or
// Secret's data): a data field deeper down is left dotted.
var topDictFields = []string{"data", "stringData", "binaryData"}

// join appends key to a diff path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	last := path[strings.LastIndexAny(path, ".]")+1:]
	for _, d := range dictFields {
		if last == d {
			return path + "['" + key + "']"
		}
	}
	for _, d := range topDictFields {
		if path == d {
			return path + "['" + key + "']"
		}
	}
	return path + "." + key
}

// PathElements splits a diff path into its keys and list indexes:
// spec.containers[0].image is [spec containers 0 image], and
// metadata.labels['app.kubernetes.io/name'] is [metadata labels
// app.kubernetes.io/name]. change_filters' ignore paths are read with it
// too, so both "metadata.labels.team" and "metadata.labels['team']" work.
func PathElements(path string) []string {
	var out []string
	for path != "" {
		switch {
		case strings.HasPrefix(path, "['"):
			end := strings.Index(path, "']")
			if end < 0 {
				return append(out, path[2:])
			}
			out, path = append(out, path[2:end]), path[end+2:]
		case path[0] == '[':
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return append(out, path[1:])
			}
			out, path = append(out, path[1:end]), path[end+1:]
		case path[0] == '.':
			path = path[1:]
		default:
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				end = len(path)
			}
			out, path = append(out, path[:end]), path[end:]
		}
	}
	return out
}
