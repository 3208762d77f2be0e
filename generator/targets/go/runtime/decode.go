package sdkcore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"sort"
	"strconv"
)

// issue is a value that does not fit its Go type: where, and why.
type issue struct {
	path    string
	message string
}

func (i *issue) Error() string { return i.path + ": " + i.message }

// parseJSON reads one JSON document, keeping numbers as json.Number.
func parseJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var value any
	if err := dec.Decode(&value); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("unexpected data after the JSON value")
	}
	return value, nil
}

func describeJSON(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	case bool:
		return fmt.Sprintf("boolean %t", x)
	case json.Number:
		return "number " + x.String()
	case string:
		return "a string"
	}
	return "a value"
}

func mismatch(path, expected string, v any) error {
	return &issue{path: path, message: fmt.Sprintf("expected %s, got %s", expected, describeJSON(v))}
}

// plain turns json.Number into float64 throughout a value decoded for an untyped field.
func plain(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, _ := strconv.ParseFloat(x.String(), 64)
		return f
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = plain(item)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, item := range x {
			out[k] = plain(item)
		}
		return out
	}
	return v
}

// assign checks a decoded JSON value against dst's type and stores it there. Required fields,
// declared defaults, nullability and closed enums are checked; unknown object keys are ignored.
func assign(v any, dst reflect.Value, path string) error {
	switch dst.Kind() {
	case reflect.Interface:
		if v != nil {
			dst.Set(reflect.ValueOf(plain(v)))
		}
		return nil
	case reflect.Pointer:
		if v == nil {
			dst.Set(reflect.Zero(dst.Type()))
			return nil
		}
		target := reflect.New(dst.Type().Elem())
		if err := assign(v, target.Elem(), path); err != nil {
			return err
		}
		dst.Set(target)
		return nil
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return mismatch(path, "a string", v)
		}
		dst.SetString(s)
		return enumIssue(dst, path)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return mismatch(path, "a boolean", v)
		}
		dst.SetBool(b)
		return enumIssue(dst, path)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return mismatch(path, "an integer", v)
		}
		i, err := strconv.ParseInt(n.String(), 10, 64)
		if err != nil {
			f, ferr := strconv.ParseFloat(n.String(), 64)
			if ferr != nil || f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
				return mismatch(path, "an integer", v)
			}
			i = int64(f)
		}
		if dst.OverflowInt(i) {
			return &issue{path: path, message: fmt.Sprintf("number %s does not fit in %s", n, dst.Type())}
		}
		dst.SetInt(i)
		return enumIssue(dst, path)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := v.(json.Number)
		u, err := strconv.ParseUint(string(n), 10, 64)
		if !ok || err != nil || dst.OverflowUint(u) {
			return mismatch(path, "a non-negative integer", v)
		}
		dst.SetUint(u)
		return enumIssue(dst, path)
	case reflect.Float32, reflect.Float64:
		n, ok := v.(json.Number)
		if !ok {
			return mismatch(path, "a number", v)
		}
		f, err := strconv.ParseFloat(n.String(), 64)
		if err != nil {
			return mismatch(path, "a finite number", v)
		}
		dst.SetFloat(f)
		return enumIssue(dst, path)
	case reflect.Slice:
		if text, ok := v.(string); ok && dst.Type().Elem().Kind() == reflect.Uint8 {
			dst.SetBytes([]byte(text))
			return nil
		}
		items, ok := v.([]any)
		if !ok {
			return mismatch(path, "an array", v)
		}
		out := reflect.MakeSlice(dst.Type(), len(items), len(items))
		for i, item := range items {
			at := fmt.Sprintf("%s[%d]", path, i)
			if item == nil && !acceptsNull(dst.Type().Elem()) {
				return mismatch(at, expectedOf(dst.Type().Elem()), nil)
			}
			if err := assign(item, out.Index(i), at); err != nil {
				return err
			}
		}
		dst.Set(out)
		return nil
	case reflect.Map:
		object, ok := v.(map[string]any)
		if !ok {
			return mismatch(path, "an object", v)
		}
		keys := make([]string, 0, len(object))
		for k := range object {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := reflect.MakeMapWithSize(dst.Type(), len(object))
		elem := dst.Type().Elem()
		for _, k := range keys {
			at := path + "." + k
			if object[k] == nil && !acceptsNull(elem) {
				return mismatch(at, expectedOf(elem), nil)
			}
			item := reflect.New(elem).Elem()
			if err := assign(object[k], item, at); err != nil {
				return err
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(dst.Type().Key()), item)
		}
		dst.Set(out)
		return nil
	case reflect.Struct:
		object, ok := v.(map[string]any)
		if !ok {
			return mismatch(path, "an object", v)
		}
		for _, f := range fieldsOf(dst.Type()) {
			at := path + "." + f.name
			target := dst.FieldByIndex(f.index)
			value, present := object[f.name]
			if !present {
				if f.fallback != "" {
					fallback, err := parseJSON([]byte(f.fallback))
					if err != nil {
						return &issue{path: at, message: "the declared default is not valid JSON"}
					}
					if err := assign(fallback, target, at); err != nil {
						return err
					}
				} else if f.required {
					return &issue{path: at, message: "is required but missing"}
				}
				continue
			}
			if value == nil && !f.nullable && target.Kind() != reflect.Interface {
				return mismatch(at, expectedOf(target.Type()), nil)
			}
			if err := assign(value, target, at); err != nil {
				return err
			}
		}
		if ef := extraFieldOf(dst.Type()); ef != nil {
			extra := map[string]any{}
			for k, item := range object {
				if !ef.declared[k] {
					extra[k] = item
				}
			}
			return assign(extra, dst.FieldByIndex(ef.index), path)
		}
		return nil
	}
	return &issue{path: path, message: "cannot decode into " + dst.Type().String()}
}

// MarshalModel writes a model as a request body is written: each property under its name in the
// API, absent optional ones left out, closed enums checked. It is the MarshalJSON of the models
// with a property name encoding/json cannot take from a struct tag.
func MarshalModel(model any) ([]byte, error) {
	return encodeJSON(reflect.ValueOf(model), "$")
}

// UnmarshalModel reads JSON into the model dst points to as a response body is read: each property
// by its name in the API, checked against the model. JSON null leaves the model as it is, as
// encoding/json does. It is the UnmarshalJSON of the models MarshalModel writes.
func UnmarshalModel(data []byte, dst any) error {
	value, err := parseJSON(data)
	if err != nil {
		return err
	}
	if value == nil {
		return nil
	}
	if err := assign(value, reflect.ValueOf(dst).Elem(), "$"); err != nil {
		var found *issue
		if errors.As(err, &found) {
			return &SDKValidationError{Message: found.message, Path: found.path}
		}
		return err
	}
	return nil
}

// acceptsNull: array items and map values are nullable exactly when their Go type is a pointer (or untyped).
func acceptsNull(t reflect.Type) bool {
	return t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface
}

func expectedOf(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "an array"
	}
	return "an object"
}

func enumIssue(v reflect.Value, path string) error {
	if err := checkEnum(v, path); err != nil {
		return &issue{path: path, message: "expected a value of " + v.Type().Name() + ", got " + describeValue(v)}
	}
	return nil
}
