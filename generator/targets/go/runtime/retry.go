package sdkcore

import (
	"math"
	"math/rand"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryConfig says how a failed request is tried again. The zero value never retries.
type RetryConfig struct {
	// Strategy is "backoff" to retry, or "none" (or empty) not to.
	Strategy string
	// Backoff shapes the waits between attempts; nil or zero fields take the defaults.
	Backoff *BackoffStrategy
	// RetryConnectionErrors also retries when the server cannot be reached or the connection breaks.
	RetryConnectionErrors bool
}

// BackoffStrategy shapes the waits between attempts. Times are in milliseconds; a zero field takes its default.
type BackoffStrategy struct {
	// InitialInterval is the wait before the first retry (default 500).
	InitialInterval int
	// MaxInterval is the longest wait between two attempts, which also caps Retry-After (default 60000).
	MaxInterval int
	// Exponent is the growth factor of the wait from one retry to the next (default 1.5).
	Exponent float64
	// MaxElapsedTime: no retry starts once this much time has passed since the first attempt (default 3600000).
	MaxElapsedTime int
}

// DefaultRetryCodes are the statuses retried unless a call names others.
var DefaultRetryCodes = []string{"429", "500", "502", "503", "504"}

// effectiveBackoff fills the zero fields of a backoff strategy with the defaults.
func effectiveBackoff(b *BackoffStrategy) BackoffStrategy {
	out := BackoffStrategy{InitialInterval: 500, MaxInterval: 60000, Exponent: 1.5, MaxElapsedTime: 3600000}
	if b == nil {
		return out
	}
	if b.InitialInterval > 0 {
		out.InitialInterval = b.InitialInterval
	}
	if b.MaxInterval > 0 {
		out.MaxInterval = b.MaxInterval
	}
	if b.Exponent > 0 {
		out.Exponent = b.Exponent
	}
	if b.MaxElapsedTime > 0 {
		out.MaxElapsedTime = b.MaxElapsedTime
	}
	return out
}

// StatusIsRetried reports whether a status is one of the codes ("503", or a range such as "5XX").
func StatusIsRetried(status int, codes []string) bool {
	text := strconv.Itoa(status)
	for _, code := range codes {
		if code == text {
			return true
		}
		if len(code) == 3 && strings.EqualFold(code[1:], "XX") && code[0] >= '1' && code[0] <= '5' && code[0] == text[0] {
			return true
		}
	}
	return false
}

// RetryAfter returns the wait a Retry-After header asks for (delta-seconds or an HTTP date), and whether it was valid.
func RetryAfter(header string, now time.Time) (time.Duration, bool) {
	text := strings.TrimSpace(header)
	if text == "" {
		return 0, false
	}
	if isDigits(text) {
		seconds, err := strconv.ParseInt(text, 10, 64)
		if err != nil || seconds > math.MaxInt64/int64(time.Second) {
			return time.Duration(math.MaxInt64), true
		}
		return time.Duration(seconds) * time.Second, true
	}
	date, err := http.ParseTime(text)
	if err != nil {
		return 0, false
	}
	wait := date.Sub(now)
	if wait < 0 {
		wait = 0
	}
	return wait, true
}

func isDigits(text string) bool {
	for _, c := range text {
		if c < '0' || c > '9' {
			return false
		}
	}
	return text != ""
}

// BackoffDelay is the wait before retry number attempt (0 for the first retry): exponential
// growth with jitter between half and all of the computed wait, never above MaxInterval.
func BackoffDelay(attempt int, b BackoffStrategy, random func() float64) time.Duration {
	computed := float64(b.InitialInterval) * math.Pow(b.Exponent, float64(attempt))
	if computed > float64(b.MaxInterval) || math.IsInf(computed, 0) || math.IsNaN(computed) {
		computed = float64(b.MaxInterval)
	}
	ms := math.Round(computed * (0.5 + random()*0.5))
	return time.Duration(ms) * time.Millisecond
}

// nextWait is the wait before the next attempt: the backoff, lengthened (never shortened) by
// Retry-After, and capped by MaxInterval.
func nextWait(attempt int, b BackoffStrategy, retryAfter string, now time.Time) time.Duration {
	wait := BackoffDelay(attempt, b, rand.Float64)
	if fromServer, ok := RetryAfter(retryAfter, now); ok && fromServer > wait {
		wait = fromServer
	}
	if limit := time.Duration(b.MaxInterval) * time.Millisecond; wait > limit {
		wait = limit
	}
	return wait
}
