package manual

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"os"
	"strings"
)

// TokenEnv is the environment variable holding the bearer token when no
// token file is given.
const TokenEnv = "ROBUSTA_TRIGGER_TOKEN"

// LoadToken returns the bearer token: the content of file, trimmed, or
// $ROBUSTA_TRIGGER_TOKEN when file is "". "" means no token: the endpoint
// is open. A token file that is empty is an error, not an open endpoint.
func LoadToken(file string) (string, error) {
	if file == "" {
		return strings.TrimSpace(os.Getenv(TokenEnv)), nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("reading trigger token: %w", err)
	}
	tok := strings.TrimSpace(string(data))
	if tok == "" {
		return "", fmt.Errorf("trigger token file %s is empty", file)
	}
	return tok, nil
}

// authorized reports whether r carries "Authorization: Bearer <token>";
// any request is when token is "".
func authorized(r *http.Request, token string) bool {
	if token == "" {
		return true
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(token)) == 1
}
