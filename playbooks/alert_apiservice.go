package playbooks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"gopkg.in/yaml.v3"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/robusta-go/robusta/runtime/api"
)

// apiServicesPath is where the API server keeps APIServices. The runner's
// kubernetes.Interface has no apiregistration client (that lives in
// k8s.io/kube-aggregator), so they are read as JSON through the
// clientset's own REST client: no second client, no new dependency.
const apiServicesPath = "/apis/apiregistration.k8s.io/v1/apiservices"

// apiService is the part of an APIService the enrichers read, with the
// whole object for the YAML file.
type apiService struct {
	Metadata struct {
		Name string `json:"name"`
	} `json:"metadata"`
	Spec struct {
		Service *struct {
			Name      string `json:"name"`
			Namespace string `json:"namespace"`
		} `json:"service"`
	} `json:"spec"`
	Status struct {
		Conditions []struct {
			Type    string `json:"type"`
			Status  string `json:"status"`
			Reason  string `json:"reason"`
			Message string `json:"message"`
		} `json:"conditions"`
	} `json:"status"`
	raw map[string]any
}

// errNoREST is returned when the cluster's client has no REST client
// (client-go's fake clientset, which apitest uses).
var errNoREST = errors.New("the cluster client cannot read APIServices (no REST client)")

// listAPIServices reads the APIServices; name "" reads them all.
func listAPIServices(ctx context.Context, c api.Cluster, name string) ([]apiService, error) {
	if c == nil {
		return nil, api.ErrNoCluster
	}
	rest := c.Kubernetes().Discovery().RESTClient()
	if rest == nil {
		return nil, errNoREST
	}
	req := rest.Get().AbsPath(apiServicesPath)
	if name != "" {
		req = req.Param("fieldSelector", "metadata.name="+name)
	}
	body, err := req.DoRaw(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing APIServices: %w", err)
	}
	var list struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(body, &list); err != nil {
		return nil, fmt.Errorf("reading the APIService list: %w", err)
	}
	out := make([]apiService, len(list.Items))
	for i, raw := range list.Items {
		if err := json.Unmarshal(raw, &out[i]); err != nil {
			return nil, fmt.Errorf("reading an APIService: %w", err)
		}
		if err := json.Unmarshal(raw, &out[i].raw); err != nil {
			return nil, fmt.Errorf("reading an APIService: %w", err)
		}
	}
	return out, nil
}

// APIServiceStatusEnricher explains an unavailable APIService, for
// KubeAggregatedAPIDown: the alert's `name` label names it. When its
// Available condition is False because its service is gone
// (ServiceNotFound), it says so and how to remove it; otherwise it
// attaches the APIService as "<name>.yaml".
//
//robusta:action
//robusta:rbac groups=apiregistration.k8s.io,resources=apiservices,verbs=list
func APIServiceStatusEnricher(ctx context.Context, event *api.PrometheusAlertEvent) error {
	name := event.Alert.Labels["name"]
	if name == "" {
		slog.Debug("api_service_status_enricher: the alert has no name label", "alert", event.Alert.Name)
		return nil
	}
	list, err := listAPIServices(ctx, event.Execution().Cluster(), name)
	if err != nil {
		return fmt.Errorf("api_service_status_enricher: %w", err)
	}
	if len(list) != 1 {
		slog.Info("api_service_status_enricher: no single APIService of that name", "name", name, "found", len(list))
		return nil
	}
	s := list[0]
	for _, c := range s.Status.Conditions {
		if c.Type != "Available" {
			continue
		}
		if c.Reason == "ServiceNotFound" && c.Status != "True" {
			event.AddEnrichment(apiServiceNoServiceBlocks(s)...)
			return nil
		}
		blocks, err := apiServiceYAMLBlocks(s)
		if err != nil {
			return err
		}
		event.AddEnrichment(blocks...)
		return nil
	}
	slog.Info("api_service_status_enricher: the APIService has no Available condition", "name", name)
	return nil
}

func apiServiceNoServiceBlocks(s apiService) []api.Block {
	ns, svc := "", ""
	if s.Spec.Service != nil {
		ns, svc = s.Spec.Service.Namespace, s.Spec.Service.Name
	}
	return []api.Block{
		api.MarkdownBlock(fmt.Sprintf("The APIServer was extended with APIs from `%s/%s`. However, this service doesn't exist.", ns, svc)),
		api.MarkdownBlock("To fix this alert, restore that service or remove it from the APIServer by running: ```kubectl delete apiservice " + s.Metadata.Name + "```"),
	}
}

// apiServiceYAMLBlocks are the error text and the YAML. Robusta writes the
// service as name/namespace here (and namespace/name above); both read
// namespace/name here.
func apiServiceYAMLBlocks(s apiService) ([]api.Block, error) {
	text := "The APIService " + s.Metadata.Name + " has an error. "
	if svc := s.Spec.Service; svc != nil && svc.Name != "" && svc.Namespace != "" {
		text = fmt.Sprintf("The APIServer was extended with APIs from `%s/%s` which has an error. ", svc.Namespace, svc.Name)
	}
	b, err := yaml.Marshal(api.Sanitize(&unstructured.Unstructured{Object: s.raw}))
	if err != nil {
		return nil, fmt.Errorf("writing APIService %s as YAML: %w", s.Metadata.Name, err)
	}
	return []api.Block{api.MarkdownBlock(text + "Below is the relevant YAML definition."), api.FileBlock(s.Metadata.Name+".yaml", b)}, nil
}
