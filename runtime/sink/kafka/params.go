package kafka

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/robusta-go/robusta/runtime/sink"
)

// Params configures kafka_sink: Robusta's KafkaSinkParams.
type Params struct {
	sink.Common
	KafkaURL string `json:"kafka_url" jsonschema:"minLength=1" jsonschema_description:"The bootstrap brokers, host:port, comma-separated."`
	Topic    string `json:"topic" jsonschema:"minLength=1" jsonschema_description:"The topic each finding is produced to."`
	Auth     Auth   `json:"auth,omitempty" jsonschema_description:"Robusta's auth: kafka-python's producer settings for TLS and SASL."`
}

// Auth is the part of kafka-python's KafkaProducer kwargs robusta-go reads.
type Auth struct {
	SecurityProtocol  string `json:"security_protocol,omitempty" jsonschema:"enum=PLAINTEXT,enum=SSL,enum=SASL_PLAINTEXT,enum=SASL_SSL" jsonschema_description:"PLAINTEXT (the default), SSL, SASL_PLAINTEXT or SASL_SSL."`
	SASLMechanism     string `json:"sasl_mechanism,omitempty" jsonschema:"enum=PLAIN,enum=SCRAM-SHA-256,enum=SCRAM-SHA-512" jsonschema_description:"The SASL mechanism, with SASL_PLAINTEXT or SASL_SSL; default PLAIN."`
	SASLPlainUsername string `json:"sasl_plain_username,omitempty" jsonschema_description:"The SASL user."`
	SASLPlainPassword string `json:"sasl_plain_password,omitempty" jsonschema_description:"The SASL password; use {{ env.NAME }}."`
	SSLCAFile         string `json:"ssl_cafile,omitempty" jsonschema_description:"A PEM file of CA certificates to trust instead of the system's."`
	SSLCertFile       string `json:"ssl_certfile,omitempty" jsonschema_description:"A PEM client certificate, for mutual TLS."`
	SSLKeyFile        string `json:"ssl_keyfile,omitempty" jsonschema_description:"The client certificate's PEM key."`
	SSLCheckHostname  *bool  `json:"ssl_check_hostname,omitempty" jsonschema:"default=true" jsonschema_description:"Check the brokers' certificates name them."`
}

// Type is kafka_sink.
var Type = sink.Type{
	Key:    "kafka_sink",
	Doc:    "Produces each finding to a Kafka topic as one JSON record keyed by its fingerprint.",
	Params: reflect.TypeFor[Params](),
	New: func(raw []byte, g sink.Global) (sink.Sink, error) {
		var p Params
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("reading kafka_sink params: %w", err)
		}
		return New(p, g)
	},
}
