package retry

import (
	"errors"
	"time"
)

// Permanent marks err as not worth retrying: Do returns it at once. The
// result reads and unwraps as err. Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err}
}

// After marks err as retryable no sooner than d from now, as a Retry-After
// header asks. The result reads and unwraps as err. After(nil, d) is nil.
func After(err error, d time.Duration) error {
	if err == nil {
		return nil
	}
	return &afterError{err, max(d, 0)}
}

// IsPermanent reports whether err, or an error it wraps, was marked
// Permanent.
func IsPermanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}

// RetryAfter returns the wait asked for by After, if err or an error it
// wraps carries one.
func RetryAfter(err error) (time.Duration, bool) {
	var a *afterError
	if errors.As(err, &a) {
		return a.d, true
	}
	return 0, false
}

type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

type afterError struct {
	err error
	d   time.Duration
}

func (e *afterError) Error() string { return e.err.Error() }
func (e *afterError) Unwrap() error { return e.err }
