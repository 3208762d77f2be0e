package sdkcore

import (
	"context"
	"net/http"
)

// HookContext tells a hook about the call it runs in.
type HookContext struct {
	// Context is the context of the attempt (its timeout included).
	Context context.Context
	// OperationID is the operationId of the API description.
	OperationID string
	// BaseURL is the server URL the request goes to.
	BaseURL string
	// Attempt is 1 for the first attempt, 2 for the first retry, and so on.
	Attempt int
}

// Hooks is code that runs around every attempt of every call. Each field may be nil. Each hook
// returns what to go on with: what it was given, or a replacement; an error ends the call with
// that error.
type Hooks struct {
	// BeforeRequest runs before each attempt is sent and returns the request to send.
	BeforeRequest func(hc HookContext, req *http.Request) (*http.Request, error)
	// AfterSuccess runs after each 2xx response and returns the response to use.
	AfterSuccess func(hc HookContext, res *http.Response) (*http.Response, error)
	// AfterError runs after each response that is not 2xx (err nil) and each failure to get one
	// (res nil: a *ConnectionError or *RequestTimeoutError). A response it returns is used as if
	// the server had sent it; with a nil response the call fails with the error it returns.
	AfterError func(hc HookContext, res *http.Response, err error) (*http.Response, error)
}

// AddHooks registers hooks; they run in the order they were added.
func (c *Client) AddHooks(hooks ...Hooks) {
	c.hooks = append(c.hooks, hooks...)
}

func (c *Client) beforeRequest(hc HookContext, req *http.Request) (*http.Request, error) {
	for _, h := range c.hooks {
		if h.BeforeRequest == nil {
			continue
		}
		next, err := h.BeforeRequest(hc, req)
		if err != nil {
			return nil, err
		}
		if next != nil {
			req = next
		}
	}
	return req, nil
}

func (c *Client) afterSuccess(hc HookContext, res *http.Response) (*http.Response, error) {
	for _, h := range c.hooks {
		if h.AfterSuccess == nil {
			continue
		}
		next, err := h.AfterSuccess(hc, res)
		if err != nil {
			return nil, err
		}
		if next != nil {
			res = next
		}
	}
	return res, nil
}

func (c *Client) afterError(hc HookContext, res *http.Response, err error) (*http.Response, error) {
	for _, h := range c.hooks {
		if h.AfterError != nil {
			res, err = h.AfterError(hc, res, err)
		}
	}
	return res, err
}
