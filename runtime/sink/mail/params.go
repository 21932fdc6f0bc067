package mail

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/robusta-go/robusta/runtime/sink"
)

// TLS modes.
const (
	ModeSTARTTLS = "starttls" // plain connection upgraded with STARTTLS, which must be offered
	ModeTLS      = "tls"      // TLS from the first byte (SMTPS, usually port 465)
	ModeNone     = "none"     // no TLS: a local relay only; credentials are then refused

	// modeOpportunistic is a mailto:// URL's: STARTTLS when offered, and
	// credentials only after it.
	modeOpportunistic = "opportunistic"
)

// Params configures mail_sink: Robusta's MailSinkParams (an apprise
// mailto URL) and, instead of it or over it, the server spelt out.
type Params struct {
	sink.Common
	Mailto     string   `json:"mailto,omitempty" jsonschema:"pattern=^mailtos?://" jsonschema_description:"Robusta's apprise URL: mailto://user:password@domain?to=a@x,b@y&from=...&smtp=host&port=587&mode=starttls|ssl (mailtos:// means TLS). It holds the password, so use {{ env.NAME }}. The params below override its parts."`
	WithHeader *bool    `json:"with_header,omitempty" jsonschema:"default=true" jsonschema_description:"Start the mail with the status, severity, title, links and cluster, as Robusta's."`
	Host       string   `json:"host,omitempty" jsonschema_description:"The SMTP server."`
	Port       int      `json:"port,omitempty" jsonschema:"minimum=1,maximum=65535" jsonschema_description:"The SMTP port: 587 for starttls, 465 for tls, 25 for none by default."`
	Username   string   `json:"username,omitempty" jsonschema_description:"The SMTP login (AUTH PLAIN, or LOGIN where PLAIN is not offered)."`
	Password   string   `json:"password,omitempty" jsonschema_description:"The SMTP password; use {{ env.NAME }}."`
	From       string   `json:"from,omitempty" jsonschema_description:"The sender, an address or Name <address>; default the login when it is an address."`
	To         []string `json:"to,omitempty" jsonschema_description:"The recipients; default the sender."`
	TLS        string   `json:"tls,omitempty" jsonschema:"enum=starttls,enum=tls,enum=none" jsonschema_description:"starttls (the default; the server must offer it), tls (implicit TLS, SMTPS) or none (a local relay; no credentials)."`

	// Robusta's SES keys. robusta-go sends through SMTP only: use_ses is
	// refused with a pointer to SES's SMTP interface.
	UseSES             bool   `json:"use_ses,omitempty" jsonschema_description:"Robusta's: send through the SES API. Refused here: point host at SES's SMTP endpoint (email-smtp.REGION.amazonaws.com) with SMTP credentials instead."`
	AWSRegion          string `json:"aws_region,omitempty" jsonschema_description:"Robusta's, for use_ses; not used."`
	FromEmail          string `json:"from_email,omitempty" jsonschema_description:"Robusta's SES sender; taken as from when from is unset."`
	AWSAccessKeyID     string `json:"aws_access_key_id,omitempty" jsonschema_description:"Robusta's, for use_ses; not used."`
	AWSSecretAccessKey string `json:"aws_secret_access_key,omitempty" jsonschema_description:"Robusta's, for use_ses; not used."`
	ConfigurationSet   string `json:"configuration_set,omitempty" jsonschema_description:"Robusta's SES configuration set; sent as the X-SES-CONFIGURATION-SET header, which SES's SMTP interface reads."`
	SkipSESInit        bool   `json:"skip_ses_init,omitempty" jsonschema_description:"Robusta's, for its tests; not used."`
}

// Type is mail_sink.
var Type = sink.Type{
	Key:    "mail_sink",
	Doc:    "Mails each finding over SMTP (STARTTLS or TLS): an HTML part and a text part, files attached.",
	Params: reflect.TypeFor[Params](),
	New: func(raw []byte, g sink.Global) (sink.Sink, error) {
		var p Params
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("reading mail_sink params: %w", err)
		}
		return New(p, g)
	},
}
