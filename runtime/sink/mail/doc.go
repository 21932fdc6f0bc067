// Package mail implements mail_sink: each finding is one mail over SMTP,
// multipart/alternative with a text part and an HTML part (tables as
// HTML tables, diffs coloured, styles inline since mail clients drop
// <style>), inside multipart/mixed with the finding's files attached.
//
// # Where to send
//
// Robusta's param is an apprise URL, mailto://user:password@domain?to=...,
// read here as apprise reads it (smtp=, port=, mode=ssl|starttls, from=,
// name=, to= lists; the login is user@domain; gmail.com, outlook.com and a
// few other providers' servers are known). host, port, username, password,
// from, to and tls set the same things without a URL and override it.
//
// Robusta's apprise sends a mailto:// URL's credentials in clear. Here a
// mailto:// upgrades with STARTTLS when the server offers it, and never
// logs in without TLS; tls: starttls (the default) fails when the server
// does not offer it. use_ses (Robusta's SES API mode) is refused with a
// pointer to SES's SMTP endpoint.
//
// # Sending
//
// The standard library's net/smtp, not a mail library: a session is a
// dozen calls (dial, STARTTLS, AUTH, MAIL, RCPT, DATA) and the MIME message
// is built with mime/multipart and mime/quotedprintable, so nothing is
// added to the runner's dependencies. net/smtp lacks AUTH LOGIN, which
// Office 365 needs where PLAIN is not offered: loginAuth adds it. Each
// mail is retried with package retry: connection errors and 4xx replies
// back off, 5xx replies fail at once. The password is never logged.
//
// Firing and resolved mails of one alert carry References and In-Reply-To
// naming the finding's fingerprint, so clients thread them.
package mail
