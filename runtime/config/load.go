package config

import (
	"log/slog"
	"os"
	"regexp"
	"slices"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/robusta-go/robusta/runtime/registry"
)

// ChartKeys are the Helm chart's own values: the runner accepts and ignores
// them, so that one values.yaml serves both. They are the top-level keys of
// the chart's values.yaml (templates/chart/values.yaml.tmpl) that are not
// the runner's, plus global, which Helm adds; gen/chart's tests keep them so.
var ChartKeys = []string{
	"global", "clusterName", "clusterZone", "nameOverride", "fullnameOverride",
	"image", "imagePullSecrets", "replicas", "resources", "podAnnotations",
	"nodeSelector", "tolerations", "affinity", "serviceAccount", "rbac",
	"runner", "service", "serviceMonitor", "networkPolicy",
}

// Top-level keys the runner reads.
const (
	keyGlobal         = "globalConfig"
	keySinks          = "sinksConfig"
	keyCustom         = "customPlaybooks"
	keyNamed          = "namedCustomPlaybooks"
	keyPriority       = "priorityBuiltinPlaybooks"
	keyBuiltin        = "builtinPlaybooks"
	keyPlatform       = "platformPlaybooks"
	keyEnablePlatform = "enablePlatformPlaybooks"
	keyDisabled       = "disabledPlaybooks"
)

var runnerKeys = []string{keyGlobal, keySinks, keyCustom, keyNamed, keyPriority, keyBuiltin, keyPlatform, keyEnablePlatform, keyDisabled, keyAlertRelabel, keyCustomResources}

// Option changes how Load reads a file.
type Option func(*loader)

// WithEnv sets where {{ env.NAME }} references are looked up; the default
// is os.LookupEnv.
func WithEnv(lookup func(string) (string, bool)) Option {
	return func(ld *loader) {
		if lookup != nil {
			ld.env = lookup
		}
	}
}

// nodeBudget bounds the nodes one Load converts, aliases expanded.
const nodeBudget = 1 << 20

// loader holds the state of one Load.
type loader struct {
	file    string
	env     func(string) (string, bool)
	actions *registry.Set
	errs    ErrorList
	budget  int
	// envValues are the values {{ env.X }} put into the file, by value,
	// with the variable's name: secrets, kept out of messages (finish).
	envValues map[string]string

	actionSchemas map[*registry.Action]cachedSchema
	global        map[string]entry // globalConfig keys as written
	sinkNames     map[string]*yaml.Node
	cfg           Config
	// logger gets load warnings (robustakeys.go); nil is slog.Default().
	logger *slog.Logger
}

// Load reads a values file and checks everything at once: every problem is
// reported, each at its position, and the error is then an ErrorList. The
// file name is used in positions only; data is the file's content.
func Load(filename string, data []byte, actions *registry.Set, opts ...Option) (*Config, error) {
	ld := newLoader(filename, actions, opts)
	root, ok := ld.parse(data)
	if ok {
		ld.load(root)
	}
	return ld.result()
}

func newLoader(filename string, actions *registry.Set, opts []Option) *loader {
	ld := &loader{
		file:          filename,
		env:           os.LookupEnv,
		actions:       actions,
		budget:        nodeBudget,
		actionSchemas: map[*registry.Action]cachedSchema{},
		global:        map[string]entry{},
		sinkNames:     map[string]*yaml.Node{},
		envValues:     map[string]string{},
	}
	for _, o := range opts {
		o(ld)
	}
	return ld
}

func (ld *loader) result() (*Config, error) {
	if len(ld.errs) > 0 {
		return nil, ld.finish()
	}
	return &ld.cfg, nil
}

// yamlLine finds the line in yaml.v3's syntax errors.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parse reads data into a node tree; a syntax error is reported at the
// line yaml.v3 names (line 1 when it names none).
func (ld *loader) parse(data []byte) (root *yaml.Node, ok bool) {
	defer func() {
		if r := recover(); r != nil { // yaml.v3 is not fuzzed upstream
			ld.errorf(nil, "cannot parse YAML: %v", r)
			root, ok = nil, false
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		n := &yaml.Node{Line: 1, Column: 1}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n.Line, _ = strconv.Atoi(m[1])
			msg = "yaml: " + m[2]
		}
		ld.errorf(n, "%s", msg)
		return nil, false
	}
	return &doc, true
}

// load checks the document: globalConfig and sinksConfig first, which
// playbooks refer to, then the playbooks.
func (ld *loader) load(doc *yaml.Node) {
	root := resolve(doc)
	if root == nil || root.Kind == 0 || isNull(root) {
		return // an empty file: nothing configured
	}
	if root.Kind != yaml.MappingNode {
		ld.errorf(root, "a values file must be a mapping, got %s", describe(root))
		return
	}
	known := append(append([]string{}, runnerKeys...), ChartKeys...)
	top := map[string]entry{}
	for _, e := range entries(root, ld.errorf) {
		switch {
		case slices.Contains(runnerKeys, e.Name):
			top[e.Name] = e
		case slices.Contains(ChartKeys, e.Name):
		case slices.Contains(RobustaKeys, e.Name):
			ld.ignoredRobustaKey(e)
		default:
			ld.errorf(e.Key, "unknown key %q%s", e.Name, didYouMean(e.Name, known))
		}
	}
	if e, ok := top[keyGlobal]; ok {
		ld.loadGlobal(e.Value)
	}
	if e, ok := top[keySinks]; ok {
		ld.loadSinks(e.Value)
	}
	ld.loadAlerts(top)          // alertrelabel.go
	ld.loadCustomResources(top) // customresources.go; before the playbooks, whose triggers name them
	ld.loadPlaybooks(top)
}
