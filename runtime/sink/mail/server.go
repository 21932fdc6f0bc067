package mail

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
)

// server is where and how to send, from the params.
type server struct {
	host     string
	port     int
	mode     string
	username string
	password string
	from     *mail.Address
	to       []*mail.Address
}

// wellKnown are the SMTP servers of the providers apprise knows by the
// domain of a mailto URL, for the ones Robusta users name most.
var wellKnown = map[string]string{
	"gmail.com":    "smtp.gmail.com",
	"yahoo.com":    "smtp.mail.yahoo.com",
	"outlook.com":  "smtp-mail.outlook.com",
	"hotmail.com":  "smtp-mail.outlook.com",
	"live.com":     "smtp-mail.outlook.com",
	"fastmail.com": "smtp.fastmail.com",
	"zoho.com":     "smtp.zoho.com",
}

// resolve reads mailto as apprise does, then lays the explicit params
// over it. Errors never quote the URL: it holds the password.
func resolve(p Params) (server, error) {
	var s server
	var from, to []string
	if p.Mailto != "" {
		u, err := url.Parse(p.Mailto)
		if err != nil || (u.Scheme != "mailto" && u.Scheme != "mailtos") || u.Hostname() == "" {
			return s, errors.New("mailto must be mailto://[user:password@]domain[:port][?to=...] or mailtos://...")
		}
		q := u.Query()
		domain := u.Hostname()
		s.host = domain
		// apprise sends mailto:// in clear; here it upgrades when the
		// server offers STARTTLS and never logs in without TLS.
		s.mode = modeOpportunistic
		if u.Scheme == "mailtos" {
			s.mode = ModeSTARTTLS
		}
		if h, ok := wellKnown[strings.ToLower(domain)]; ok {
			s.host, s.mode = h, ModeSTARTTLS // apprise's templates for these use STARTTLS on 587
		}
		if v := q.Get("smtp"); v != "" {
			s.host = v
		}
		if u.Port() != "" {
			s.port, _ = strconv.Atoi(u.Port())
		}
		if v := q.Get("port"); v != "" {
			if s.port, err = strconv.Atoi(v); err != nil {
				return s, errors.New("mailto: port is not a number")
			}
		}
		switch m := strings.ToLower(q.Get("mode")); m {
		case "":
		case "ssl", "tls":
			s.mode = ModeTLS
		case "starttls":
			s.mode = ModeSTARTTLS
		case "insecure":
			s.mode = modeOpportunistic
		default:
			return s, fmt.Errorf("mailto: mode %q is not ssl, starttls or insecure", m)
		}
		if u.User != nil {
			s.username = u.User.Username()
			s.password, _ = u.User.Password()
		}
		if v := q.Get("user"); v != "" {
			s.username = v
		}
		if v := q.Get("pass"); v != "" {
			s.password = v
		}
		// apprise: the login is user@domain unless it is an address.
		if s.username != "" && !strings.Contains(s.username, "@") {
			from = []string{s.username + "@" + domain}
		} else if s.username != "" {
			from = []string{s.username}
		}
		if v := q.Get("from"); v != "" {
			from = []string{v}
			if n := q.Get("name"); n != "" && !strings.Contains(v, "<") {
				from = []string{n + " <" + v + ">"}
			}
		}
		to = splitList(q["to"])
	}
	if p.Host != "" {
		s.host = p.Host
	}
	if p.Port != 0 {
		s.port = p.Port
	}
	if p.TLS != "" {
		s.mode = p.TLS
	}
	if s.mode == "" {
		s.mode = ModeSTARTTLS
	}
	if p.Username != "" {
		s.username = p.Username
	}
	if p.Password != "" {
		s.password = p.Password
	}
	switch {
	case p.From != "":
		from = []string{p.From}
	case len(from) == 0 && p.FromEmail != "":
		from = []string{p.FromEmail}
	case len(from) == 0 && strings.Contains(s.username, "@"):
		from = []string{s.username}
	}
	if len(p.To) > 0 {
		to = splitList(p.To)
	}
	if s.host == "" {
		return s, errors.New("no SMTP server: set mailto or host")
	}
	if s.port == 0 {
		s.port = map[string]int{ModeSTARTTLS: 587, ModeTLS: 465, ModeNone: 25, modeOpportunistic: 25}[s.mode]
	}
	if len(from) == 0 {
		return s, errors.New("no sender: set from (or a mailto with a user, or from=)")
	}
	var err error
	if s.from, err = mail.ParseAddress(from[0]); err != nil {
		return s, fmt.Errorf("from %q: %w", from[0], err)
	}
	if len(to) == 0 {
		to = []string{s.from.String()}
	}
	for _, t := range to {
		a, err := mail.ParseAddress(t)
		if err != nil {
			return s, fmt.Errorf("to %q: %w", t, err)
		}
		s.to = append(s.to, a)
	}
	if s.mode == ModeNone && s.username != "" {
		// net/smtp would refuse too (except to localhost); say why here.
		return s, errors.New("tls none with a username: credentials are sent only over TLS (use starttls or tls)")
	}
	return s, nil
}

// splitList reads apprise's recipients: repeated keys, each a list split
// by commas, semicolons or spaces.
func splitList(vs []string) []string {
	var out []string
	for _, v := range vs {
		out = append(out, strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == ' ' })...)
	}
	return out
}
