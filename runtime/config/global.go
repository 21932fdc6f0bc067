package config

import "gopkg.in/yaml.v3"

// loadGlobal reads globalConfig: any keys, cluster_name a string.
func (ld *loader) loadGlobal(n *yaml.Node) {
	es, ok := ld.mapping(n, keyGlobal)
	if !ok {
		return
	}
	v, _ := ld.convert(n, true)
	values, _ := v.(map[string]any)
	if values == nil {
		values = map[string]any{}
	}
	for _, e := range es {
		ld.global[e.Name] = e
	}
	if e, ok := ld.global["cluster_name"]; ok {
		if _, ok := ld.str(e.Value, "globalConfig.cluster_name"); ok {
			ld.cfg.Global.ClusterName, _ = values["cluster_name"].(string)
		}
	}
	ld.cfg.Global.Values = values
}
