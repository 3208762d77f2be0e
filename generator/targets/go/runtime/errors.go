package sdkcore

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

// HTTPMeta describes the response an error was raised for.
type HTTPMeta struct {
	// Message is the error's message: the text the API sent, or the response's description.
	Message string
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// ContentType is the response's Content-Type header.
	ContentType string
	// Body is the response body as text.
	Body string
	// RawResponse is the HTTP response; its body has already been read (see Body).
	RawResponse *http.Response
}

// SDKError is a response the API description does not declare: another status, or another
// content type. Its message never quotes the body, which may hold credentials.
type SDKError struct {
	Message     string
	StatusCode  int
	ContentType string
	Body        string
	RawResponse *http.Response
}

func (e *SDKError) Error() string {
	return fmt.Sprintf("%s: Status %d Content-Type %q", e.Message, e.StatusCode, e.ContentType)
}

// ResponseValidationError means the response body does not have the shape the API
// description promises. Path names the offending value ("$.profile.watchedIndicator").
type ResponseValidationError struct {
	Message     string
	Path        string
	StatusCode  int
	ContentType string
	Body        string
	RawResponse *http.Response
	Cause       error
}

func (e *ResponseValidationError) Error() string {
	return fmt.Sprintf("Response validation failed at %s: %s", e.Path, e.Message)
}

func (e *ResponseValidationError) Unwrap() error { return e.Cause }

// SDKValidationError means the input was rejected before any request was sent.
type SDKValidationError struct {
	Message string
	Path    string
}

func (e *SDKValidationError) Error() string {
	return fmt.Sprintf("Invalid input at %s: %s", e.Path, e.Message)
}

// ConnectionError means the server could not be reached, or the connection broke.
type ConnectionError struct {
	Message string
	Cause   error
}

func (e *ConnectionError) Error() string { return e.Message }

func (e *ConnectionError) Unwrap() error { return e.Cause }

// RequestTimeoutError means an attempt took longer than its timeout (or the caller's
// context deadline passed). errors.Is(err, context.DeadlineExceeded) is true for it.
type RequestTimeoutError struct {
	Message string
	Cause   error
}

func (e *RequestTimeoutError) Error() string { return e.Message }

func (e *RequestTimeoutError) Unwrap() error { return e.Cause }

// Is reports RequestTimeoutError as a context.DeadlineExceeded.
func (e *RequestTimeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// RequestAbortedError means the caller's context was cancelled. errors.Is(err, context.Canceled) is true for it.
type RequestAbortedError struct {
	Message string
	Cause   error
}

func (e *RequestAbortedError) Error() string { return e.Message }

func (e *RequestAbortedError) Unwrap() error { return e.Cause }

// Is reports RequestAbortedError as a context.Canceled.
func (e *RequestAbortedError) Is(target error) bool { return target == context.Canceled }

// MessageAt returns the text at a path in a decoded JSON value; "*" steps into every item of
// an array and the texts found are joined with "; ". It returns "" when there is none.
func MessageAt(data any, path []string) string {
	values := []any{data}
	for _, step := range path {
		var next []any
		for _, v := range values {
			if step == "*" {
				if items, ok := v.([]any); ok {
					next = append(next, items...)
				}
				continue
			}
			if object, ok := v.(map[string]any); ok {
				if found, ok := object[step]; ok {
					next = append(next, found)
				}
			}
		}
		values = next
	}
	var texts []string
	for _, v := range values {
		if text, ok := v.(string); ok && text != "" {
			texts = append(texts, text)
		}
	}
	return strings.Join(texts, "; ")
}
