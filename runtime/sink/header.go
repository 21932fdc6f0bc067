package sink

import (
	"fmt"

	"golang.org/x/net/http/httpguts"
)

// CheckHeader reports a value that cannot be sent as the HTTP header
// field (a newline, a control byte): a sink checks its credentials when it
// is built, so that a bad token is a load error with its position instead
// of a failure at the first finding. The message never quotes the value:
// it is usually a secret.
func CheckHeader(field, value string) error {
	if !httpguts.ValidHeaderFieldValue(value) {
		return fmt.Errorf("%s holds a byte an HTTP header cannot carry (a newline or a control character)", field)
	}
	return nil
}
