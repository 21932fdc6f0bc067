// Package kafka implements kafka_sink: each finding is one record on the
// topic, keyed by the finding's fingerprint (so that an alert's firing
// and resolved records land on one partition, in order), its value the
// finding as file_sink writes it plus cluster_name.
//
// Robusta's kafka_sink sends only an enrichment's KubernetesDiff and JSON
// blocks, one record each, unkeyed, and drops the finding itself; a
// consumer here gets the whole finding (title, severity, subject, every
// block tagged by type) and can pick what it needs.
//
// The client is franz-go's kgo, a maintained pure-Go client (no cgo, no
// librdkafka). Robusta's auth dict holds kafka-python's producer kwargs;
// the ones that matter are read: security_protocol (PLAINTEXT, SSL,
// SASL_PLAINTEXT, SASL_SSL), sasl_mechanism (PLAIN, SCRAM-SHA-256,
// SCRAM-SHA-512), sasl_plain_username, sasl_plain_password, ssl_cafile,
// ssl_certfile, ssl_keyfile, ssl_check_hostname. Any other key is an error
// at load, not silently ignored.
//
// Write waits for the brokers' acknowledgement (acks=all, idempotent),
// which kgo retries itself on retriable broker errors until the record's
// delivery timeout (the policy's Total); the password is never logged.
package kafka
