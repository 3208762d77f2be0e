// End-to-end checks of the generated Go SDK that the conformance scenarios do not cover; run by
// test/go/e2e.test.ts as `<binary> <case> <server URL>`, it prints one JSON line.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"reflect"
	"time"

	"github.com/sdkgen/plexgo"
	"github.com/sdkgen/plexgo/models/operations"
)

const token = "secret-token-123"

type countingClient struct {
	count int
}

func (c *countingClient) Do(req *http.Request) (*http.Response, error) {
	c.count++
	return http.DefaultClient.Do(req)
}

func main() {
	name, base := os.Args[1], os.Args[2]
	counter := &countingClient{}
	options := []plexgo.SDKOption{plexgo.WithSecurity(token), plexgo.WithXPlexClientIdentifier("e2e-client"), plexgo.WithServerURL(base)}
	if name == "custom-client" {
		options = append(options, plexgo.WithClient(counter))
	}
	if name == "timeout" {
		options = append(options, plexgo.WithTimeout(200*time.Millisecond))
	}
	s := plexgo.New(options...)
	ctx := context.Background()
	call := operations.WithServerURL(base)
	var err error
	status := 0
	switch name {
	case "closed-enum":
		_, err = s.Authentication.GetTransientToken(ctx, operations.GetTransientTokenQueryParamTypeDelegation, operations.Scope("bogus"))
	case "sign-in":
		var res *operations.PostUsersSignInDataResponse
		res, err = s.Authentication.PostUsersSignInData(ctx, plexgo.String("per-call client"),
			&operations.PostUsersSignInDataRequestBody{Login: "a@b.c", Password: "pw"}, call)
		if res != nil {
			status = res.StatusCode
		}
	default:
		var res *operations.GetTokenDetailsResponse
		res, err = s.Authentication.GetTokenDetails(ctx, call)
		if res != nil {
			status = res.StatusCode
		}
	}
	out := map[string]any{"status": status, "count": counter.count}
	if err != nil {
		out["type"] = reflect.TypeOf(err).Elem().Name()
		out["message"] = err.Error()
		out["isDeadline"] = errors.Is(err, context.DeadlineExceeded)
	}
	_ = json.NewEncoder(os.Stdout).Encode(out)
}
