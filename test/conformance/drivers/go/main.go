// Conformance driver for the generated Go SDK; the contract is in test/conformance/README.md.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"time"

	"github.com/sdkgen/plexgo"
	"github.com/sdkgen/plexgo/models/components"
	"github.com/sdkgen/plexgo/models/operations"
	"github.com/sdkgen/plexgo/models/sdkerrors"
	"github.com/sdkgen/plexgo/retry"
)

type retryPolicy struct {
	Strategy string `json:"strategy"`
	Backoff  *struct {
		InitialInterval int     `json:"initialInterval"`
		MaxInterval     int     `json:"maxInterval"`
		Exponent        float64 `json:"exponent"`
		MaxElapsedTime  int     `json:"maxElapsedTime"`
	} `json:"backoff"`
	RetryConnectionErrors bool `json:"retryConnectionErrors"`
}

func (p *retryPolicy) config() retry.Config {
	c := retry.Config{Strategy: p.Strategy, RetryConnectionErrors: p.RetryConnectionErrors}
	if p.Backoff != nil {
		c.Backoff = &retry.BackoffStrategy{
			InitialInterval: p.Backoff.InitialInterval,
			MaxInterval:     p.Backoff.MaxInterval,
			Exponent:        p.Backoff.Exponent,
			MaxElapsedTime:  p.Backoff.MaxElapsedTime,
		}
	}
	return c
}

type scenario struct {
	ID            string  `json:"id"`
	BaseURL       *string `json:"baseUrl"`
	ServerURL     string  `json:"serverUrl"`
	ClientOptions struct {
		TimeoutMs *int         `json:"timeoutMs"`
		Retries   *retryPolicy `json:"retries"`
	} `json:"clientOptions"`
	Call struct {
		Operation string                     `json:"operation"`
		Args      map[string]json.RawMessage `json:"args"`
		Options   struct {
			TimeoutMs  *int         `json:"timeoutMs"`
			Retries    *retryPolicy `json:"retries"`
			RetryCodes []string     `json:"retryCodes"`
		} `json:"options"`
	} `json:"call"`
}

type scenarioFile struct {
	Client struct {
		AccessToken string            `json:"accessToken"`
		Globals     map[string]string `json:"globals"`
	} `json:"client"`
	Scenarios []scenario `json:"scenarios"`
}

// globalOptions are the client options of the global headers, by header name.
var globalOptions = map[string]func(string) plexgo.SDKOption{
	"X-Plex-Client-Identifier": plexgo.WithXPlexClientIdentifier,
	"X-Plex-Product":           plexgo.WithXPlexProduct,
	"X-Plex-Device":            plexgo.WithXPlexDevice,
	"X-Plex-Version":           plexgo.WithXPlexVersion,
	"X-Plex-Platform":          plexgo.WithXPlexPlatform,
}

func accountFacts(status int, a *components.UserPlexAccount) map[string]any {
	var firstService any
	if len(a.Services) > 0 {
		firstService = string(a.Services[0].Status)
	}
	var roles any
	if a.Roles != nil {
		roles = a.Roles
	}
	var subscriptionStatus any
	if a.Subscription.Status != nil {
		subscriptionStatus = string(*a.Subscription.Status)
	}
	return map[string]any{
		"status":             status,
		"id":                 a.Id,
		"uuid":               a.Uuid,
		"authToken":          a.AuthToken,
		"email":              a.Email,
		"joinedAt":           a.JoinedAt,
		"locale":             a.Locale,
		"anonymous":          a.Anonymous,
		"hasPassword":        a.HasPassword,
		"mailingListStatus":  string(a.MailingListStatus),
		"subscriptionStatus": subscriptionStatus,
		"firstServiceStatus": firstService,
		"watchedIndicator":   int64(a.Profile.WatchedIndicator),
		"roles":              roles,
	}
}

func arg(s scenario, name string, target any) {
	if raw, ok := s.Call.Args[name]; ok {
		if err := json.Unmarshal(raw, target); err != nil {
			panic(err)
		}
	}
}

func run(ctx context.Context, sdk *plexgo.PlexAPI, s scenario, opts []operations.Option) (map[string]any, error) {
	switch s.Call.Operation {
	case "getTransientToken":
		var typ, scope string
		arg(s, "type", &typ)
		arg(s, "scope", &scope)
		// An unknown enum value goes through a conversion, so the SDK's own input check is what is tested.
		res, err := sdk.Authentication.GetTransientToken(ctx, operations.GetTransientTokenQueryParamType(typ), operations.Scope(scope), opts...)
		if err != nil {
			return nil, err
		}
		return map[string]any{"status": res.StatusCode}, nil
	case "getSourceConnectionInformation":
		var source string
		arg(s, "source", &source)
		res, err := sdk.Authentication.GetSourceConnectionInformation(ctx, source, opts...)
		if err != nil {
			return nil, err
		}
		return map[string]any{"status": res.StatusCode}, nil
	case "getTokenDetails":
		res, err := sdk.Authentication.GetTokenDetails(ctx, opts...)
		if err != nil {
			return nil, err
		}
		return accountFacts(res.StatusCode, res.UserPlexAccount), nil
	case "postUsersSignInData":
		var body struct {
			Login            string  `json:"login"`
			Password         string  `json:"password"`
			RememberMe       *bool   `json:"rememberMe"`
			VerificationCode *string `json:"verificationCode"`
		}
		arg(s, "requestBody", &body)
		globals := map[string]string{}
		arg(s, "globals", &globals)
		header := func(name string) *string {
			if v, ok := globals[name]; ok {
				return &v
			}
			return nil
		}
		// The Go SDK's sign-in declares only the client identifier (spec/sign-in-client-id-only.overlay.yaml), as the Go seed's does.
		res, err := sdk.Authentication.PostUsersSignInData(ctx,
			header("X-Plex-Client-Identifier"),
			&operations.PostUsersSignInDataRequestBody{Login: body.Login, Password: body.Password, RememberMe: body.RememberMe, VerificationCode: body.VerificationCode},
			opts...)
		if err != nil {
			return nil, err
		}
		facts := accountFacts(res.StatusCode, &res.UserPlexAccount.UserPlexAccount)
		facts["pastSubscriptionsCount"] = len(res.UserPlexAccount.PastSubscriptions)
		return facts, nil
	}
	return nil, fmt.Errorf("unknown operation %s", s.Call.Operation)
}

// errorReport maps an SDK error to the contract's neutral names: the error type's own name.
func errorReport(err error) map[string]any {
	var status any
	var sdkErr *sdkerrors.SDKError
	var validation *sdkerrors.ResponseValidationError
	switch {
	case errors.As(err, &sdkErr):
		status = sdkErr.StatusCode
	case errors.As(err, &validation):
		status = validation.StatusCode
	default:
		// Declared errors embed HTTPMeta.
		v := reflect.ValueOf(err)
		if v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
			if meta := v.Elem().FieldByName("HTTPMeta"); meta.IsValid() {
				status = meta.Interface().(sdkerrors.HTTPMeta).StatusCode
			}
		}
	}
	name := reflect.TypeOf(err).String()
	if t := reflect.TypeOf(err); t.Kind() == reflect.Pointer {
		name = t.Elem().Name()
	}
	return map[string]any{"type": name, "status": status, "message": err.Error()}
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: driver <scenarios.json> <base URL>")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var file scenarioFile
	if err := json.Unmarshal(data, &file); err != nil {
		panic(err)
	}
	out := json.NewEncoder(os.Stdout)
	for _, s := range file.Scenarios {
		base := os.Args[2]
		if s.BaseURL != nil {
			base = *s.BaseURL
		}
		serverURL := base + "/" + s.ID
		options := []plexgo.SDKOption{plexgo.WithSecurity(file.Client.AccessToken)}
		for header, value := range file.Client.Globals {
			if option, ok := globalOptions[header]; ok {
				options = append(options, option(value))
			}
		}
		if s.ServerURL == "client" {
			options = append(options, plexgo.WithServerURL(serverURL))
		}
		if s.ClientOptions.TimeoutMs != nil {
			options = append(options, plexgo.WithTimeout(time.Duration(*s.ClientOptions.TimeoutMs)*time.Millisecond))
		}
		if s.ClientOptions.Retries != nil {
			options = append(options, plexgo.WithRetryConfig(s.ClientOptions.Retries.config()))
		}
		sdk := plexgo.New(options...)
		var opts []operations.Option
		if s.ServerURL == "call" {
			opts = append(opts, operations.WithServerURL(serverURL))
		}
		if s.Call.Options.TimeoutMs != nil {
			opts = append(opts, operations.WithTimeout(time.Duration(*s.Call.Options.TimeoutMs)*time.Millisecond))
		}
		if s.Call.Options.Retries != nil {
			opts = append(opts, operations.WithRetries(s.Call.Options.Retries.config()))
		}
		if s.Call.Options.RetryCodes != nil {
			opts = append(opts, operations.WithRetryCodes(s.Call.Options.RetryCodes...))
		}
		start := time.Now()
		facts, err := run(context.Background(), sdk, s, opts)
		elapsed := float64(time.Since(start).Microseconds()) / 1000
		line := map[string]any{"id": s.ID, "elapsedMs": elapsed}
		if err != nil {
			line["ok"] = false
			line["error"] = errorReport(err)
		} else {
			line["ok"] = true
			line["facts"] = facts
		}
		if err := out.Encode(line); err != nil {
			panic(err)
		}
	}
}
