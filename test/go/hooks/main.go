// Hooks of the generated Go SDK (WithHooks); run by test/go/hooks.test.ts as
// `<binary> <case> <server URL> <URL of a closed port>`, it prints one JSON line: what the hooks saw
// and how the call ended.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"reflect"
	"strings"

	"github.com/sdkgen/plexgo"
	"github.com/sdkgen/plexgo/hooks"
	"github.com/sdkgen/plexgo/models/operations"
	"github.com/sdkgen/plexgo/retry"
)

var errMine = errors.New("mine")

func main() {
	name, base, closed := os.Args[1], os.Args[2], os.Args[3]
	var seen []string
	tracing := hooks.Hooks{
		BeforeRequest: func(hc hooks.Context, req *http.Request) (*http.Request, error) {
			seen = append(seen, fmt.Sprintf("before:%s:%d:%s", hc.OperationID, hc.Attempt, hc.BaseURL))
			req.Header.Set("X-Hooked", fmt.Sprintf("attempt-%d", hc.Attempt))
			return req, nil
		},
		AfterSuccess: func(hc hooks.Context, res *http.Response) (*http.Response, error) {
			seen = append(seen, fmt.Sprintf("success:%d:%d", hc.Attempt, res.StatusCode))
			return res, nil
		},
		AfterError: func(hc hooks.Context, res *http.Response, err error) (*http.Response, error) {
			status := 0
			if res != nil {
				status = res.StatusCode
			}
			kind := "nil"
			if err != nil {
				kind = reflect.TypeOf(err).Elem().Name()
			}
			seen = append(seen, fmt.Sprintf("error:%d:%d:%s", hc.Attempt, status, kind))
			return res, err
		},
	}
	second := hooks.Hooks{
		BeforeRequest: func(hc hooks.Context, req *http.Request) (*http.Request, error) {
			seen = append(seen, "second:"+req.Header.Get("X-Hooked"))
			return nil, nil
		},
	}
	options := []plexgo.SDKOption{plexgo.WithSecurity("tok"), plexgo.WithXPlexClientIdentifier("cid"), plexgo.WithServerURL(base)}
	switch name {
	case "order", "status-500", "connection":
		options = append(options, plexgo.WithHooks(tracing, second))
	case "retries":
		options = append(options, plexgo.WithHooks(tracing, second), plexgo.WithRetryConfig(retry.Config{Strategy: "backoff", Backoff: &retry.BackoffStrategy{InitialInterval: 10, MaxInterval: 20, Exponent: 1.5, MaxElapsedTime: 5000}}))
	case "replace-success":
		options = append(options, plexgo.WithHooks(hooks.Hooks{
			AfterSuccess: func(hc hooks.Context, res *http.Response) (*http.Response, error) {
				body, _ := io.ReadAll(res.Body)
				seen = append(seen, "server-body:"+string(body))
				header := http.Header{}
				header.Set("X-From", "hook")
				return &http.Response{StatusCode: 200, Header: header, Body: io.NopCloser(strings.NewReader(""))}, nil
			},
		}))
	case "answer-failure", "own-error":
		options = append(options, plexgo.WithHooks(hooks.Hooks{
			AfterError: func(hc hooks.Context, res *http.Response, err error) (*http.Response, error) {
				if res == nil {
					header := http.Header{}
					header.Set("X-From", "hook")
					return &http.Response{StatusCode: 200, Header: header, Body: io.NopCloser(strings.NewReader(""))}, nil
				}
				return nil, errMine
			},
		}))
	}
	target := base
	if name == "connection" || name == "answer-failure" {
		target = closed
	}
	s := plexgo.New(options...)
	res, err := s.Authentication.GetTransientToken(context.Background(), operations.GetTransientTokenQueryParamTypeDelegation, operations.ScopeAll, operations.WithServerURL(target))
	out := map[string]any{"seen": seen}
	if res != nil {
		out["status"] = res.StatusCode
		out["from"] = res.RawResponse.Header.Get("X-From")
	}
	if err != nil {
		out["type"] = reflect.TypeOf(err).Elem().Name()
		out["mine"] = errors.Is(err, errMine)
	}
	_ = json.NewEncoder(os.Stdout).Encode(out)
}
