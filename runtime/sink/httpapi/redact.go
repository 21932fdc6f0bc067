package httpapi

import (
	"fmt"
	"net/url"
)

// Redact is the form of an address that errors and logs show: scheme and
// host, then "/…" when a path, query or user info was left out (so a
// reader knows there was more). Incoming-webhook URLs carry their token in
// the path, APIs their ids, and user info a password: none of it is shown.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "(bad URL)"
	}
	safe := u.Scheme + "://" + u.Host
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		safe += "/…"
	}
	return safe
}

// Target is a webhook URL that must not be shown: its String is Redact's.
type Target struct {
	url, safe string
}

// ParseTarget checks that raw is an absolute http(s) URL. The error names
// param, never the value.
func ParseTarget(param, raw string) (Target, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Target{}, fmt.Errorf("%s must be an absolute http or https URL", param)
	}
	return Target{url: raw, safe: Redact(raw)}, nil
}

// String is the safe form.
func (t Target) String() string { return t.safe }

// WithQuery returns t with key=value set in its query (Discord's wait).
func (t Target) WithQuery(key, value string) Target {
	u, err := url.Parse(t.url)
	if err != nil {
		return t
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	t.url = u.String()
	return t
}

// BaseURL checks a service address param (an absolute http or https URL,
// or a bare host taken as https) and returns it without a trailing slash.
func BaseURL(param, value string) (string, error) {
	if value == "" {
		return "", fmt.Errorf("%s is empty", param)
	}
	u, err := url.Parse(value)
	if err == nil && u.Scheme == "" && u.Host == "" {
		u, err = url.Parse("https://" + value)
	}
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" {
		return "", fmt.Errorf("%s %q is not an http(s) URL without credentials or query", param, value)
	}
	s := u.String()
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s, nil
}
