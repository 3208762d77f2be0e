// Unit tests of the Go runtime (generator/targets/go/runtime), run by test/go/runtime.test.ts in a
// temporary module next to a copy of the runtime; they are never copied into an SDK.
package sdkcore

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

type color string

const (
	colorRed  color = "red"
	colorBlue color = "blue"
)

type mood string

type inner struct {
	Flag color `json:"flag"`
}

type model struct {
	Name     string   `json:"name"`
	Count    *int     `json:"count,omitempty" default:"7"`
	Locale   *string  `json:"locale" nullable:"true"`
	Pin      *string  `json:"pin,omitempty"`
	Mood     *mood    `json:"mood,omitempty"`
	Tags     []string `json:"tags,omitempty"`
	Inner    inner    `json:"inner"`
	Anything any      `json:"anything,omitempty"`
}

type extended struct {
	model
	Extra bool `json:"extra"`
}

func init() {
	RegisterEnum[color](false, colorRed, colorBlue)
	RegisterEnum[mood](true, "happy")
}

func decode(t *testing.T, body string, target any) error {
	t.Helper()
	r := &Response{StatusCode: 200, ContentType: "application/json", Body: []byte(body)}
	return r.DecodeJSON(target)
}

func validationPath(err error) string {
	var v *ResponseValidationError
	if errors.As(err, &v) {
		return v.Path
	}
	return ""
}

func TestDecodeAppliesDefaultsAndNullables(t *testing.T) {
	var m model
	if err := decode(t, `{"name":"a","locale":null,"inner":{"flag":"red"},"mood":"sulky","anything":{"x":[1,2]}}`, &m); err != nil {
		t.Fatal(err)
	}
	if m.Count == nil || *m.Count != 7 {
		t.Fatalf("default not applied: %v", m.Count)
	}
	if m.Locale != nil || m.Mood == nil || *m.Mood != "sulky" || m.Inner.Flag != colorRed {
		t.Fatalf("unexpected %+v", m)
	}
}

func TestDecodeReportsPaths(t *testing.T) {
	cases := map[string]string{
		`{"locale":null,"inner":{"flag":"red"}}`:                        "$.name",
		`{"name":"a","inner":{"flag":"red"}}`:                           "$.locale",
		`{"name":"a","locale":null,"inner":{"flag":"green"}}`:           "$.inner.flag",
		`{"name":"a","locale":null,"inner":{"flag":"red"},"pin":null}`:  "$.pin",
		`{"name":"a","locale":null,"inner":{"flag":"red"},"tags":[1]}`:  "$.tags[0]",
		`{"name":"a","locale":null,"inner":{"flag":"red"},"count":1.5}`: "$.count",
		`{"name":7,"locale":null,"inner":{"flag":"red"}}`:               "$.name",
		`[]`: "$",
		`{`:  "$",
	}
	for body, path := range cases {
		var m model
		err := decode(t, body, &m)
		if got := validationPath(err); got != path {
			t.Errorf("%s: path %q, want %q (%v)", body, got, path, err)
		}
	}
}

func TestDecodeMessagesDoNotQuoteStrings(t *testing.T) {
	var m model
	err := decode(t, `{"name":"a","locale":null,"inner":{"flag":"secret-token-value"}}`, &m)
	if err == nil || strings.Contains(err.Error(), "secret-token-value") {
		t.Fatalf("message quotes the value: %v", err)
	}
}

func TestDecodeEmbeddedBase(t *testing.T) {
	var e extended
	if err := decode(t, `{"name":"a","locale":"en","inner":{"flag":"blue"},"extra":true}`, &e); err != nil {
		t.Fatal(err)
	}
	if e.Name != "a" || !e.Extra || *e.Locale != "en" {
		t.Fatalf("unexpected %+v", e)
	}
	if err := decode(t, `{"name":"a","locale":"en","inner":{"flag":"blue"}}`, &e); validationPath(err) != "$.extra" {
		t.Fatalf("missing field of the extension not reported: %v", err)
	}
}

// wired has names encoding/json cannot take from a json tag: they are in the wire tag.
type wired struct {
	Id    int     `json:"-" wire:"id, as the API \"says\""`
	Dash  *bool   `json:"-" wire:"-" omitempty:"true"`
	Plain *string `json:"plain,omitempty"`
	Gone  string  `json:"-"`
}

func TestWireNames(t *testing.T) {
	var w wired
	if err := UnmarshalModel([]byte(`{"id, as the API \"says\"":3,"-":true,"Gone":"x","Id":9}`), &w); err != nil {
		t.Fatal(err)
	}
	if w.Id != 3 || w.Dash == nil || !*w.Dash || w.Plain != nil || w.Gone != "" {
		t.Fatalf("unexpected %+v", w)
	}
	data, err := MarshalModel(w)
	if err != nil || string(data) != `{"id, as the API \"says\"":3,"-":true}` {
		t.Fatal(string(data), err)
	}
	var v *SDKValidationError
	if err := UnmarshalModel([]byte(`{"-":false}`), &w); !errors.As(err, &v) || v.Path != `$.id, as the API "says"` {
		t.Fatalf("missing required property: %v", err)
	}
	if err := UnmarshalModel([]byte(`null`), &w); err != nil || w.Id != 3 {
		t.Fatalf("null changed the model: %+v %v", w, err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	if d, ok := RetryAfter("2", now); !ok || d != 2*time.Second {
		t.Fatal(d, ok)
	}
	if d, ok := RetryAfter("Mon, 01 Jan 2024 00:00:03 GMT", now); !ok || d != 3*time.Second {
		t.Fatal(d, ok)
	}
	if _, ok := RetryAfter("soon", now); ok {
		t.Fatal("accepted an invalid header")
	}
	if d, ok := RetryAfter("Sun, 31 Dec 2023 00:00:00 GMT", now); !ok || d != 0 {
		t.Fatal(d, ok)
	}
}

func TestBackoffDelayIsJitteredAndCapped(t *testing.T) {
	b := BackoffStrategy{InitialInterval: 100, MaxInterval: 1000, Exponent: 2, MaxElapsedTime: 10000}
	if d := BackoffDelay(0, b, func() float64 { return 0 }); d != 50*time.Millisecond {
		t.Fatal(d)
	}
	if d := BackoffDelay(2, b, func() float64 { return 1 }); d != 400*time.Millisecond {
		t.Fatal(d)
	}
	if d := BackoffDelay(20, b, func() float64 { return 1 }); d != time.Second {
		t.Fatal(d)
	}
	// Retry-After lengthens the wait but never beyond MaxInterval, and never shortens it.
	if w := nextWait(0, b, "30", time.Now()); w != time.Second {
		t.Fatal(w)
	}
	if w := nextWait(3, b, "0", time.Now()); w < 400*time.Millisecond {
		t.Fatal(w)
	}
}

func TestStatusCodes(t *testing.T) {
	if !StatusIsRetried(503, []string{"5XX"}) || StatusIsRetried(418, DefaultRetryCodes) || !StatusIsRetried(429, DefaultRetryCodes) {
		t.Fatal("status matching")
	}
	r := &Response{StatusCode: 404}
	if r.Pick("400", "4XX", "default") != 1 || r.Pick("default") != 0 || r.Pick("500") != -1 {
		t.Fatal("pick")
	}
}

func TestEncoding(t *testing.T) {
	if got := Escape("a b/ä&=~*'"); got != "a%20b%2F%C3%A4%26%3D~%2A%27" {
		t.Fatal(got)
	}
	one := 1
	data, err := encodeForm(reflectValue(model{Name: "x y", Count: &one, Tags: []string{"a", "b"}, Inner: inner{Flag: colorRed}}), "body")
	if err != nil || string(data) != "name=x+y&count=1&tags=a&tags=b&inner=%7B%22flag%22%3A%22red%22%7D" {
		t.Fatal(string(data), err)
	}
	if _, err := encodeForm(reflectValue(model{Inner: inner{Flag: "green"}}), "body"); err == nil {
		t.Fatal("a closed enum value outside the enum was sent")
	}
	var v *SDKValidationError
	if _, err := encodeHeader("X-A", false, reflectValue("a\r\nb")); !errors.As(err, &v) {
		t.Fatal("CR LF accepted in a header")
	}
}

func TestMessageAt(t *testing.T) {
	data := map[string]any{"errors": []any{map[string]any{"message": "one"}, map[string]any{"message": "two"}, map[string]any{}}}
	if got := MessageAt(data, []string{"errors", "*", "message"}); got != "one; two" {
		t.Fatal(got)
	}
	if MessageAt(nil, []string{"errors"}) != "" {
		t.Fatal("message from nothing")
	}
}

func reflectValue(v any) reflect.Value { return reflect.ValueOf(v) }
