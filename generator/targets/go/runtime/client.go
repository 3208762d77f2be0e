package sdkcore

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"
)

// HTTPClient sends requests; *http.Client satisfies it.
type HTTPClient interface {
	Do(req *http.Request) (*http.Response, error)
}

// ServerVariable is a variable of a server URL template.
type ServerVariable struct {
	Name    string
	Default string
	Enum    []string
}

// Var describes a server variable with its default and, optionally, its allowed values.
func Var(name, def string, enum ...string) ServerVariable {
	return ServerVariable{Name: name, Default: def, Enum: enum}
}

type server struct {
	url  string
	vars []ServerVariable
}

type scheme struct {
	key, kind, in, name string
}

// BasicCredentials are the username and password of an HTTP basic security scheme.
type BasicCredentials struct {
	Username string
	Password string
}

type global struct {
	in, name, style string
	explode         bool
	value           any
}

// CallOptions change one call. A zero field leaves the client's setting in place.
type CallOptions struct {
	// ServerURL sends the call to this server, whatever the operation declares.
	ServerURL string
	// Timeout bounds each attempt, reading the body included.
	Timeout time.Duration
	// Retries replaces the client's retry policy.
	Retries *RetryConfig
	// RetryCodes replaces the statuses retried ("503", "5XX"); 429, 500, 502, 503 and 504 by default.
	RetryCodes []string
}

// Client holds what every call of one SDK client shares.
type Client struct {
	http        HTTPClient
	serverURL   string
	serverIndex int
	servers     []server
	variables   map[string]string
	timeout     time.Duration
	retry       *RetryConfig
	schemes     []scheme
	credentials map[string]any
	security    [][]string
	globals     []*global
	hooks       []Hooks
}

// NewClient returns a client that follows no redirect blindly: the runtime follows them itself.
func NewClient() *Client {
	c := &Client{variables: map[string]string{}, credentials: map[string]any{}}
	c.SetHTTPClient(nil)
	return c
}

// SetHTTPClient sets the client that sends requests. An *http.Client is copied with redirects
// turned off, so that credentials are never forwarded to another origin.
func (c *Client) SetHTTPClient(h HTTPClient) {
	if h == nil {
		h = &http.Client{}
	}
	if hc, ok := h.(*http.Client); ok {
		copied := *hc
		copied.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		h = &copied
	}
	c.http = h
}

// AddServer declares one of the API's servers.
func (c *Client) AddServer(template string, vars ...ServerVariable) {
	c.servers = append(c.servers, server{url: template, vars: vars})
}

// AddScheme declares a security scheme: kind "apiKey" (in "header", "query" or "cookie"), "bearer" or "basic".
func (c *Client) AddScheme(key, kind, in, name string) {
	c.schemes = append(c.schemes, scheme{key: key, kind: kind, in: in, name: name})
}

// AddSecurity declares one alternative of the API's security: every scheme listed is applied.
func (c *Client) AddSecurity(keys ...string) {
	c.security = append(c.security, keys)
}

// AddGlobal declares a parameter set once on the client and sent with every call.
func (c *Client) AddGlobal(in, name, style string, explode bool) {
	c.globals = append(c.globals, &global{in: in, name: name, style: style, explode: explode})
}

// SetServerURL replaces the server of every operation that declares none of its own.
func (c *Client) SetServerURL(u string) { c.serverURL = u }

// SetServerIndex picks one of the API's servers.
func (c *Client) SetServerIndex(i int) { c.serverIndex = i }

// SetServerVariable sets a variable of the server URL templates.
func (c *Client) SetServerVariable(name, value string) { c.variables[name] = value }

// SetTimeout bounds each attempt of every call.
func (c *Client) SetTimeout(d time.Duration) { c.timeout = d }

// SetRetryConfig sets the retry policy of every call.
func (c *Client) SetRetryConfig(r RetryConfig) { c.retry = &r }

// SetCredential sets the credential of a security scheme (a string, or BasicCredentials).
func (c *Client) SetCredential(key string, value any) { c.credentials[key] = value }

// SetGlobal sets the value of a global parameter.
func (c *Client) SetGlobal(in, name string, value any) {
	for _, g := range c.globals {
		if g.in == in && g.name == name {
			g.value = value
		}
	}
}

func paramKey(in, name string) string {
	if in == "header" {
		return in + ":" + strings.ToLower(name)
	}
	return in + ":" + name
}

// Call is one operation being prepared. Errors are kept and reported by Send.
type Call struct {
	client      *Client
	operationID string
	method      string
	path        string
	accept      string
	server      *server
	security    [][]string
	ownSecurity bool
	query       []string
	header      http.Header
	cookies     []string
	given       map[string]bool
	body        []byte
	hasBody     bool
	err         error
}

// NewCall starts a call of an operation.
func (c *Client) NewCall(operationID, method, path, accept string) *Call {
	header := http.Header{}
	if accept != "" {
		header.Set("Accept", accept)
	}
	return &Call{client: c, operationID: operationID, method: method, path: path, accept: accept, header: header, given: map[string]bool{}}
}

// Server declares the operation's own server, which the client's server URL does not replace.
func (call *Call) Server(template string, vars ...ServerVariable) {
	call.server = &server{url: template, vars: vars}
}

// Security declares the operation's own security alternatives; none means no security.
func (call *Call) Security(alternatives ...[]string) {
	call.security = alternatives
	call.ownSecurity = true
}

func (call *Call) fail(err error) {
	if call.err == nil {
		call.err = err
	}
}

// Param adds a parameter; a nil value is not sent.
func (call *Call) Param(in, name, style string, explode bool, value any) {
	v, ok := deref(reflect.ValueOf(value))
	if !ok {
		if in == "path" {
			call.fail(&SDKValidationError{Message: "a path parameter is required", Path: name})
		}
		return
	}
	call.given[paramKey(in, name)] = true
	call.apply(in, name, style, explode, v)
}

func (call *Call) apply(in, name, style string, explode bool, v reflect.Value) {
	switch in {
	case "path":
		text, err := encodePath(name, style, explode, v)
		if err != nil {
			call.fail(err)
			return
		}
		call.path = strings.ReplaceAll(call.path, "{"+name+"}", text)
	case "query":
		pairs, err := encodeQuery(name, style, explode, v)
		if err != nil {
			call.fail(err)
			return
		}
		call.query = append(call.query, pairs...)
	case "header":
		text, err := encodeHeader(name, explode, v)
		if err != nil {
			call.fail(err)
			return
		}
		call.header.Set(name, text)
	case "cookie":
		scalars, _, _, err := parts(v, name)
		if err != nil {
			call.fail(err)
			return
		}
		call.cookies = append(call.cookies, name+"="+Escape(strings.Join(scalars, ",")))
	}
}

// Body sets the request body, encoded for its content type; a nil body is not sent.
func (call *Call) Body(contentType string, value any, required bool) {
	v, ok := deref(reflect.ValueOf(value))
	if !ok {
		if required {
			call.fail(&SDKValidationError{Message: "a request body is required", Path: "body"})
		}
		return
	}
	var data []byte
	var err error
	media := strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	switch {
	case strings.Contains(media, "json"):
		data, err = encodeJSON(v, "body")
	case media == "application/x-www-form-urlencoded":
		data, err = encodeForm(v, "body")
	case v.Kind() == reflect.String:
		data = []byte(v.String())
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8:
		data = v.Bytes()
	default:
		data, err = encodeJSON(v, "body")
	}
	if err != nil {
		call.fail(err)
		return
	}
	call.body = data
	call.hasBody = true
	call.header.Set("Content-Type", contentType)
}

func (c *Client) resolve(s server) (string, error) {
	u := s.url
	for _, v := range s.vars {
		value, ok := c.variables[v.Name]
		if !ok {
			value = v.Default
		}
		if len(v.Enum) > 0 && !contains(v.Enum, value) {
			return "", &SDKValidationError{Message: "not one of the allowed values " + strings.Join(v.Enum, ", "), Path: "server variable " + v.Name}
		}
		u = strings.ReplaceAll(u, "{"+v.Name+"}", value)
	}
	return u, nil
}

func contains(items []string, value string) bool {
	for _, item := range items {
		if item == value {
			return true
		}
	}
	return false
}

func (call *Call) baseURL(opts CallOptions) (string, error) {
	c := call.client
	if opts.ServerURL != "" {
		return opts.ServerURL, nil
	}
	if call.server != nil {
		saved := c.variables
		c.variables = map[string]string{}
		defer func() { c.variables = saved }()
		return c.resolve(*call.server)
	}
	if c.serverURL != "" {
		return c.serverURL, nil
	}
	if c.serverIndex < 0 || c.serverIndex >= len(c.servers) {
		return "", &SDKValidationError{Message: fmt.Sprintf("no server at index %d", c.serverIndex), Path: "serverIndex"}
	}
	return c.resolve(c.servers[c.serverIndex])
}

// applySecurity applies the first alternative whose every scheme has a credential, and
// returns the headers that carry credentials.
func (call *Call) applySecurity() ([]string, error) {
	c := call.client
	alternatives := c.security
	if call.ownSecurity {
		alternatives = call.security
	}
	for _, alt := range alternatives {
		complete := true
		for _, key := range alt {
			if _, ok := c.credentials[key]; !ok {
				complete = false
			}
		}
		if !complete {
			continue
		}
		var credentialHeaders []string
		for _, key := range alt {
			var s scheme
			for _, candidate := range c.schemes {
				if candidate.key == key {
					s = candidate
				}
			}
			value := c.credentials[key]
			if basic, ok := value.(BasicCredentials); ok {
				call.header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(basic.Username+":"+basic.Password)))
				credentialHeaders = append(credentialHeaders, "Authorization")
				continue
			}
			text := fmt.Sprint(value)
			name := s.name
			if s.kind != "apiKey" {
				name = "Authorization"
			}
			if err := headerSafe(text, name); err != nil {
				return nil, err
			}
			switch {
			case s.kind == "bearer":
				if !strings.HasPrefix(strings.ToLower(text), "bearer ") {
					text = "Bearer " + text
				}
				call.header.Set("Authorization", text)
				credentialHeaders = append(credentialHeaders, "Authorization")
			case s.in == "header":
				call.header.Set(s.name, text)
				credentialHeaders = append(credentialHeaders, s.name)
			case s.in == "query":
				call.query = append(call.query, Escape(s.name)+"="+Escape(text))
			case s.in == "cookie":
				call.cookies = append(call.cookies, s.name+"="+Escape(text))
				credentialHeaders = append(credentialHeaders, "Cookie")
			}
		}
		return credentialHeaders, nil
	}
	return nil, nil
}

// Send prepares the request, sends it with the retry policy and reads the response.
func (call *Call) Send(ctx context.Context, opts CallOptions) (*Response, error) {
	c := call.client
	for _, g := range c.globals {
		if g.value == nil || call.given[paramKey(g.in, g.name)] {
			continue
		}
		if v, ok := deref(reflect.ValueOf(g.value)); ok {
			call.apply(g.in, g.name, g.style, g.explode, v)
		}
	}
	if call.err != nil {
		return nil, call.err
	}
	credentialHeaders, err := call.applySecurity()
	if err != nil {
		return nil, err
	}
	if len(call.cookies) > 0 {
		call.header.Set("Cookie", strings.Join(call.cookies, "; "))
	}
	base, err := call.baseURL(opts)
	if err != nil {
		return nil, err
	}
	target := strings.TrimRight(base, "/") + call.path
	if len(call.query) > 0 {
		target += "?" + strings.Join(call.query, "&")
	}
	if _, err := url.Parse(target); err != nil {
		return nil, &SDKValidationError{Message: "the URL is not valid", Path: "serverURL"}
	}

	policy := c.retry
	if opts.Retries != nil {
		policy = opts.Retries
	}
	codes := DefaultRetryCodes
	if opts.RetryCodes != nil {
		codes = opts.RetryCodes
	}
	timeout := c.timeout
	if opts.Timeout > 0 {
		timeout = opts.Timeout
	}
	backoff := effectiveBackoff(nil)
	if policy != nil {
		backoff = effectiveBackoff(policy.Backoff)
	}
	started := time.Now()
	for attempt := 1; ; attempt++ {
		hc := HookContext{OperationID: call.operationID, BaseURL: base, Attempt: attempt}
		res, err := call.attempt(ctx, hc, target, timeout, credentialHeaders)
		var connErr *ConnectionError
		retryable := policy != nil && policy.Strategy == "backoff" &&
			(res != nil && StatusIsRetried(res.StatusCode, codes) || errors.As(err, &connErr) && policy.RetryConnectionErrors)
		if !retryable {
			return res, err
		}
		retryAfter := ""
		if res != nil {
			retryAfter = res.Header.Get("Retry-After")
		}
		wait := nextWait(attempt-1, backoff, retryAfter, time.Now())
		if time.Since(started)+wait > time.Duration(backoff.MaxElapsedTime)*time.Millisecond {
			return res, err
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, call.contextError(ctx.Err(), timeout)
		case <-timer.C:
		}
	}
}

func (call *Call) contextError(err error, timeout time.Duration) error {
	if errors.Is(err, context.Canceled) {
		return &RequestAbortedError{Message: call.operationID + " was aborted", Cause: err}
	}
	return &RequestTimeoutError{Message: fmt.Sprintf("%s timed out after %s", call.operationID, timeout), Cause: err}
}

func (call *Call) attempt(ctx context.Context, hc HookContext, target string, timeout time.Duration, credentialHeaders []string) (*Response, error) {
	attemptCtx := ctx
	if timeout > 0 {
		var cancel context.CancelFunc
		attemptCtx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	hc.Context = attemptCtx
	resp, err := call.follow(attemptCtx, hc, target, credentialHeaders)
	var body []byte
	if err == nil {
		body, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if err != nil {
		var hookErr *hookError
		if errors.As(err, &hookErr) {
			return nil, hookErr.err
		}
		err = call.failure(ctx, attemptCtx, err, timeout)
		if len(call.client.hooks) == 0 {
			return nil, err
		}
		failure := err
		resp, err = call.client.afterError(hc, nil, err)
		if resp == nil {
			if err == nil {
				err = failure
			}
			return nil, err
		}
		return readHooked(resp)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if len(call.client.hooks) > 0 {
		return call.afterResponse(hc, resp)
	}
	return &Response{StatusCode: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Header: resp.Header, Body: body, Raw: resp}, nil
}

// failure is the SDK error for a failure to get a response.
func (call *Call) failure(ctx, attemptCtx context.Context, err error, timeout time.Duration) error {
	var sdkErr *ConnectionError
	if errors.As(err, &sdkErr) {
		return err
	}
	if ctx.Err() != nil {
		return call.contextError(ctx.Err(), timeout)
	}
	if attemptCtx.Err() != nil {
		return &RequestTimeoutError{Message: fmt.Sprintf("%s timed out after %s", call.operationID, timeout), Cause: context.DeadlineExceeded}
	}
	// The URL is left out of the message: it may carry a credential in its query.
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	return &ConnectionError{Message: fmt.Sprintf("%s: %v", call.operationID, err), Cause: err}
}

// afterResponse runs the AfterSuccess or AfterError hooks on a response whose body was read.
func (call *Call) afterResponse(hc HookContext, resp *http.Response) (*Response, error) {
	var err error
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		resp, err = call.client.afterSuccess(hc, resp)
	} else {
		var next *http.Response
		next, err = call.client.afterError(hc, resp, nil)
		if next == nil && err == nil {
			next = resp
		}
		resp = next
	}
	if err != nil && resp == nil {
		return nil, err
	}
	if resp == nil {
		return nil, &ConnectionError{Message: call.operationID + ": a hook returned no response"}
	}
	return readHooked(resp)
}

// readHooked reads the body of a response a hook returned (or passed on).
func readHooked(resp *http.Response) (*Response, error) {
	var body []byte
	if resp.Body != nil {
		read, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		body = read
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return &Response{StatusCode: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Header: resp.Header, Body: body, Raw: resp}, nil
}

// hookError carries an error a BeforeRequest hook returned, to end the call with it unchanged.
type hookError struct{ err error }

func (e *hookError) Error() string { return e.err.Error() }
func (e *hookError) Unwrap() error { return e.err }

const maxRedirects = 20

func origin(u *url.URL) string {
	port := u.Port()
	if port == "" {
		switch strings.ToLower(u.Scheme) {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

// follow sends the request and follows redirects itself: credential headers are dropped when
// the target is another origin, and 303 (or 301/302 after a POST) turns the request into a GET.
func (call *Call) follow(ctx context.Context, hc HookContext, target string, credentialHeaders []string) (*http.Response, error) {
	method := call.method
	header := call.header.Clone()
	body := call.body
	hasBody := call.hasBody
	for hops := 0; ; hops++ {
		var reader io.Reader
		if hasBody {
			reader = bytes.NewReader(body)
		}
		req, err := http.NewRequestWithContext(ctx, method, target, reader)
		if err != nil {
			return nil, err
		}
		req.Header = header.Clone()
		if reader == nil && (method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions) {
			// net/http silently sends a bodiless GET again when a reused connection drops; an empty
			// body without GetBody makes it not replayable, so only the retry policy retries.
			req.Body = io.NopCloser(bytes.NewReader(nil))
		}
		if hops == 0 && len(call.client.hooks) > 0 {
			// The hooks see each attempt's first request; redirects keep the headers they set.
			req, err = call.client.beforeRequest(hc, req)
			if err != nil {
				return nil, &hookError{err}
			}
			header = req.Header.Clone()
		}
		resp, err := call.client.http.Do(req)
		if err != nil {
			return nil, err
		}
		location := resp.Header.Get("Location")
		switch resp.StatusCode {
		case 301, 302, 303, 307, 308:
		default:
			return resp, nil
		}
		if location == "" {
			return resp, nil
		}
		next, err := req.URL.Parse(location)
		if err != nil {
			return resp, nil
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		resp.Body.Close()
		if hops >= maxRedirects {
			return nil, &ConnectionError{Message: fmt.Sprintf("%s: more than %d redirects", call.operationID, maxRedirects)}
		}
		header = header.Clone()
		if origin(next) != origin(req.URL) {
			for _, name := range credentialHeaders {
				header.Del(name)
			}
		}
		if resp.StatusCode == 303 || (resp.StatusCode == 301 || resp.StatusCode == 302) && method == http.MethodPost {
			if method != http.MethodHead {
				method = http.MethodGet
			}
			hasBody = false
			body = nil
			header.Del("Content-Type")
		}
		target = next.String()
	}
}

// Response is an answer with its body already read.
type Response struct {
	StatusCode  int
	ContentType string
	Header      http.Header
	Body        []byte
	Raw         *http.Response
	decoded     any
}

// IsSuccess reports a 2xx status.
func (r *Response) IsSuccess() bool { return r.StatusCode >= 200 && r.StatusCode < 300 }

// Pick returns the index of the declared status that matches: exact, then a range ("4XX"), then "default"; -1 for none.
func (r *Response) Pick(statuses ...string) int {
	text := fmt.Sprint(r.StatusCode)
	for i, s := range statuses {
		if s == text {
			return i
		}
	}
	for i, s := range statuses {
		if len(s) == 3 && strings.EqualFold(s[1:], "XX") && s[0] == text[0] {
			return i
		}
	}
	for i, s := range statuses {
		if s == "default" {
			return i
		}
	}
	return -1
}

func mediaType(contentType string) string {
	return strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
}

// ContentTypeIs reports whether the response's content type satisfies a declared one (which may be a range such as "application/*").
func (r *Response) ContentTypeIs(declared string) bool {
	want := mediaType(declared)
	got := mediaType(r.ContentType)
	if want == "*/*" || want == got {
		return true
	}
	return strings.HasSuffix(want, "/*") && strings.HasPrefix(got, strings.TrimSuffix(want, "*"))
}

// Text returns the body as text.
func (r *Response) Text() string { return string(r.Body) }

// DecodeJSON decodes the body into target (a pointer), checking it against the model.
func (r *Response) DecodeJSON(target any) error {
	value, err := parseJSON(r.Body)
	if err != nil {
		return r.invalid("the body is not valid JSON", "$", err)
	}
	r.decoded = value
	dst := reflect.ValueOf(target).Elem()
	if value == nil && !acceptsNull(dst.Type()) {
		return r.invalid("expected "+expectedOf(dst.Type())+", got null", "$", nil)
	}
	if err := assign(value, dst, "$"); err != nil {
		var found *issue
		if errors.As(err, &found) {
			return r.invalid(found.message, found.path, err)
		}
		return err
	}
	return nil
}

func (r *Response) invalid(message, path string, cause error) error {
	return &ResponseValidationError{Message: message, Path: path, StatusCode: r.StatusCode, ContentType: r.ContentType, Body: string(r.Body), RawResponse: r.Raw, Cause: cause}
}

// Unexpected is the error for a response the API does not declare.
func (r *Response) Unexpected(message string) error {
	return &SDKError{Message: message, StatusCode: r.StatusCode, ContentType: r.ContentType, Body: string(r.Body), RawResponse: r.Raw}
}

// Meta describes the response for a declared error: its message is the text at path in the
// decoded body, or fallback when there is none.
func (r *Response) Meta(path []string, fallback string) HTTPMeta {
	message := ""
	if path != nil {
		message = MessageAt(r.decoded, path)
	}
	if message == "" {
		message = fallback
	}
	return HTTPMeta{Message: message, StatusCode: r.StatusCode, ContentType: r.ContentType, Body: string(r.Body), RawResponse: r.Raw}
}
