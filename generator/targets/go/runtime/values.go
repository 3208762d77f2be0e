package sdkcore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
)

type enumInfo struct {
	open   bool
	values map[any]bool
}

var (
	enumsMu sync.RWMutex
	enums   = map[reflect.Type]enumInfo{}
)

// RegisterEnum records the values of an enum type. A closed enum rejects every other value,
// in requests and in responses; an open one accepts any value of its base type.
func RegisterEnum[T comparable](open bool, values ...T) {
	info := enumInfo{open: open, values: map[any]bool{}}
	for _, v := range values {
		info.values[v] = true
	}
	enumsMu.Lock()
	defer enumsMu.Unlock()
	enums[reflect.TypeOf((*T)(nil)).Elem()] = info
}

// checkEnum fails for a value of a closed enum type that is not one of its members.
func checkEnum(v reflect.Value, path string) error {
	enumsMu.RLock()
	info, ok := enums[v.Type()]
	enumsMu.RUnlock()
	if !ok || info.open || info.values[v.Interface()] {
		return nil
	}
	return &SDKValidationError{Message: fmt.Sprintf("%s is not one of the values of %s", describeValue(v), v.Type().Name()), Path: path}
}

// describeValue names a value without quoting a string's text (it may be a secret).
func describeValue(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return fmt.Sprintf("boolean %t", v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return fmt.Sprintf("number %d", v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return fmt.Sprintf("number %d", v.Uint())
	case reflect.Float32, reflect.Float64:
		return "number " + strconv.FormatFloat(v.Float(), 'g', -1, 64)
	}
	return "a value"
}

// field describes one field of a generated model: its wire name and how it is checked.
type field struct {
	index    []int
	name     string
	required bool
	nullable bool
	// fallback is the JSON text of the declared default, "" when there is none.
	fallback string
}

var fieldCache sync.Map

// fieldsOf lists a struct's wire fields in declaration order, those of embedded structs
// (allOf bases) first, a field of the outer struct replacing an inherited one of the same name.
// A field's name is its json tag's, or, where encoding/json cannot take the name from a tag (a
// comma, a quote, "-"), the wire tag's, optional when tagged omitempty:"true".
func fieldsOf(t reflect.Type) []field {
	if cached, ok := fieldCache.Load(t); ok {
		return cached.([]field)
	}
	var out []field
	position := map[string]int{}
	add := func(f field) {
		if i, ok := position[f.name]; ok {
			out[i] = f
			return
		}
		position[f.name] = len(out)
		out = append(out, f)
	}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag, tagged := sf.Tag.Lookup("json")
		if sf.Anonymous && !tagged && sf.Type.Kind() == reflect.Struct {
			for _, inner := range fieldsOf(sf.Type) {
				inner.index = append([]int{i}, inner.index...)
				add(inner)
			}
			continue
		}
		if !sf.IsExported() || !tagged {
			continue
		}
		name := tag
		required := true
		if wire, ok := sf.Tag.Lookup("wire"); ok {
			name = wire
			required = sf.Tag.Get("omitempty") != "true"
		} else if tag == "-" {
			continue
		} else if strings.HasSuffix(tag, ",omitempty") {
			name = strings.TrimSuffix(tag, ",omitempty")
			required = false
		}
		add(field{index: []int{i}, name: name, required: required, nullable: sf.Tag.Get("nullable") == "true", fallback: sf.Tag.Get("default")})
	}
	fieldCache.Store(t, out)
	return out
}

// extraField is the field (tagged additionalProperties:"true") that keeps the properties a
// struct's schema does not name, and the wire names the schema does declare.
type extraField struct {
	index    []int
	declared map[string]bool
}

var extraFieldCache sync.Map

// extraFieldOf finds a struct's extraField once; nil when its schema declares no additionalProperties.
func extraFieldOf(t reflect.Type) *extraField {
	if cached, ok := extraFieldCache.Load(t); ok {
		return cached.(*extraField)
	}
	var found *extraField
	for i := 0; i < t.NumField(); i++ {
		if sf := t.Field(i); sf.Tag.Get("additionalProperties") == "true" && sf.Type.Kind() == reflect.Map {
			found = &extraField{index: []int{i}, declared: map[string]bool{}}
			for _, f := range fieldsOf(t) {
				found.declared[f.name] = true
			}
			break
		}
	}
	extraFieldCache.Store(t, found)
	return found
}

// scalarText writes a primitive value as parameter text.
func scalarText(v reflect.Value, path string) (string, error) {
	switch v.Kind() {
	case reflect.String:
		return v.String(), checkEnum(v, path)
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), checkEnum(v, path)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10), checkEnum(v, path)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10), checkEnum(v, path)
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64), checkEnum(v, path)
	}
	data, err := encodeJSON(v, path)
	return string(data), err
}

// deref follows pointers and interfaces; ok is false for nil.
func deref(v reflect.Value) (reflect.Value, bool) {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return v, false
		}
		v = v.Elem()
	}
	return v, v.IsValid()
}

func isNilable(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return v.IsNil()
	}
	return false
}

// encodeJSON writes a value as JSON: struct fields in declaration order, absent optional fields left out.
func encodeJSON(v reflect.Value, path string) ([]byte, error) {
	var buf bytes.Buffer
	err := writeJSON(&buf, v, path)
	return buf.Bytes(), err
}

func writeJSON(buf *bytes.Buffer, v reflect.Value, path string) error {
	v, ok := deref(v)
	if !ok {
		buf.WriteString("null")
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		buf.WriteByte('{')
		first := true
		for _, f := range fieldsOf(v.Type()) {
			fv := v.FieldByIndex(f.index)
			if !f.required && isNilable(fv) {
				continue
			}
			if !first {
				buf.WriteByte(',')
			}
			first = false
			name, _ := json.Marshal(f.name)
			buf.Write(name)
			buf.WriteByte(':')
			if err := writeJSON(buf, fv, path+"."+f.name); err != nil {
				return err
			}
		}
		if ef := extraFieldOf(v.Type()); ef != nil {
			extra := v.FieldByIndex(ef.index)
			keys := extra.MapKeys()
			sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
			for _, k := range keys {
				if ef.declared[k.String()] {
					continue
				}
				if !first {
					buf.WriteByte(',')
				}
				first = false
				name, _ := json.Marshal(k.String())
				buf.Write(name)
				buf.WriteByte(':')
				if err := writeJSON(buf, extra.MapIndex(k), path+"."+k.String()); err != nil {
					return err
				}
			}
		}
		buf.WriteByte('}')
		return nil
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			buf.WriteString("null")
			return nil
		}
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			// Binary data (format: binary) inside JSON is a string.
			data, _ := json.Marshal(string(v.Bytes()))
			buf.Write(data)
			return nil
		}
		buf.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := writeJSON(buf, v.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
		return nil
	case reflect.Map:
		if v.IsNil() {
			buf.WriteString("null")
			return nil
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		buf.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				buf.WriteByte(',')
			}
			name, _ := json.Marshal(k.String())
			buf.Write(name)
			buf.WriteByte(':')
			if err := writeJSON(buf, v.MapIndex(k), path+"."+k.String()); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
		return nil
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		if err := checkEnum(v, path); err != nil {
			return err
		}
		data, err := json.Marshal(v.Interface())
		if err != nil {
			return &SDKValidationError{Message: err.Error(), Path: path}
		}
		buf.Write(data)
		return nil
	}
	return &SDKValidationError{Message: "cannot encode a " + v.Kind().String(), Path: path}
}

// encodeForm writes a struct (or map) as application/x-www-form-urlencoded: arrays repeat
// their key, nested objects are sent as JSON, absent and null fields are left out.
func encodeForm(v reflect.Value, path string) ([]byte, error) {
	v, ok := deref(v)
	if !ok {
		return nil, nil
	}
	var pairs []string
	add := func(name string, value reflect.Value, at string) error {
		value, ok := deref(value)
		if !ok {
			return nil
		}
		items := []reflect.Value{value}
		if value.Kind() == reflect.Slice || value.Kind() == reflect.Array {
			items = items[:0]
			for i := 0; i < value.Len(); i++ {
				if item, ok := deref(value.Index(i)); ok {
					items = append(items, item)
				}
			}
		}
		for _, item := range items {
			text, err := scalarText(item, at)
			if err != nil {
				return err
			}
			pairs = append(pairs, formEscape(name)+"="+formEscape(text))
		}
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		for _, f := range fieldsOf(v.Type()) {
			if err := add(f.name, v.FieldByIndex(f.index), path+"."+f.name); err != nil {
				return nil, err
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			if err := add(k.String(), v.MapIndex(k), path+"."+k.String()); err != nil {
				return nil, err
			}
		}
	default:
		return nil, &SDKValidationError{Message: "a form body must be an object", Path: path}
	}
	return []byte(strings.Join(pairs, "&")), nil
}

// Escape percent-encodes everything but unreserved characters (A-Z a-z 0-9 - _ . ~), as upper-case hex.
func Escape(text string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func formEscape(text string) string {
	return strings.ReplaceAll(Escape(text), "%20", "+")
}

func pathEscape(text string) string {
	if text == "." || text == ".." {
		return strings.Repeat("%2E", len(text))
	}
	return Escape(text)
}

type pair struct{ key, value string }

// parts splits a parameter value into scalars (arrays) or key/value pairs (objects), as text.
func parts(v reflect.Value, path string) (scalars []string, pairs []pair, object bool, err error) {
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			item, ok := deref(v.Index(i))
			if !ok {
				continue
			}
			text, err := scalarText(item, path)
			if err != nil {
				return nil, nil, false, err
			}
			scalars = append(scalars, text)
		}
		return scalars, nil, false, nil
	case reflect.Struct:
		for _, f := range fieldsOf(v.Type()) {
			item, ok := deref(v.FieldByIndex(f.index))
			if !ok {
				continue
			}
			text, err := scalarText(item, path+"."+f.name)
			if err != nil {
				return nil, nil, false, err
			}
			pairs = append(pairs, pair{f.name, text})
		}
		return nil, pairs, true, nil
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			item, ok := deref(v.MapIndex(k))
			if !ok {
				continue
			}
			text, err := scalarText(item, path+"."+k.String())
			if err != nil {
				return nil, nil, false, err
			}
			pairs = append(pairs, pair{k.String(), text})
		}
		return nil, pairs, true, nil
	}
	text, err := scalarText(v, path)
	return []string{text}, nil, false, err
}

func joinPairs(pairs []pair, explode bool, enc func(string) string) string {
	var out []string
	for _, p := range pairs {
		if explode {
			out = append(out, enc(p.key)+"="+enc(p.value))
		} else {
			out = append(out, enc(p.key), enc(p.value))
		}
	}
	return strings.Join(out, ",")
}

func mapStrings(items []string, enc func(string) string) []string {
	out := make([]string, len(items))
	for i, item := range items {
		out[i] = enc(item)
	}
	return out
}

// encodeQuery returns encoded name=value pairs for a query parameter.
func encodeQuery(name, style string, explode bool, v reflect.Value) ([]string, error) {
	scalars, pairs, object, err := parts(v, name)
	if err != nil {
		return nil, err
	}
	key := Escape(name)
	if object {
		if style == "deepObject" {
			var out []string
			for _, p := range pairs {
				out = append(out, key+"%5B"+Escape(p.key)+"%5D="+Escape(p.value))
			}
			return out, nil
		}
		if explode {
			var out []string
			for _, p := range pairs {
				out = append(out, Escape(p.key)+"="+Escape(p.value))
			}
			return out, nil
		}
		return []string{key + "=" + joinPairs(pairs, false, Escape)}, nil
	}
	isList := v.Kind() == reflect.Slice || v.Kind() == reflect.Array
	if isList && !explode {
		sep := ","
		if style == "spaceDelimited" {
			sep = "%20"
		} else if style == "pipeDelimited" {
			sep = "%7C"
		}
		return []string{key + "=" + strings.Join(mapStrings(scalars, Escape), sep)}, nil
	}
	var out []string
	for _, s := range scalars {
		out = append(out, key+"="+Escape(s))
	}
	return out, nil
}

// encodePath returns the text of a path parameter in simple, label or matrix style.
func encodePath(name, style string, explode bool, v reflect.Value) (string, error) {
	scalars, pairs, object, err := parts(v, name)
	if err != nil {
		return "", err
	}
	switch style {
	case "label":
		if object {
			if explode {
				return "." + strings.ReplaceAll(joinPairs(pairs, true, pathEscape), ",", "."), nil
			}
			return "." + joinPairs(pairs, false, pathEscape), nil
		}
		sep := ","
		if explode {
			sep = "."
		}
		return "." + strings.Join(mapStrings(scalars, pathEscape), sep), nil
	case "matrix":
		key := pathEscape(name)
		if object {
			if explode {
				var out string
				for _, p := range pairs {
					out += ";" + pathEscape(p.key) + "=" + pathEscape(p.value)
				}
				return out, nil
			}
			return ";" + key + "=" + joinPairs(pairs, false, pathEscape), nil
		}
		if explode && (v.Kind() == reflect.Slice || v.Kind() == reflect.Array) {
			var out string
			for _, s := range scalars {
				out += ";" + key + "=" + pathEscape(s)
			}
			return out, nil
		}
		return ";" + key + "=" + strings.Join(mapStrings(scalars, pathEscape), ","), nil
	}
	if object {
		return joinPairs(pairs, explode, pathEscape), nil
	}
	return strings.Join(mapStrings(scalars, pathEscape), ","), nil
}

// encodeHeader returns a header value in simple style; CR, LF and NUL are refused.
func encodeHeader(name string, explode bool, v reflect.Value) (string, error) {
	scalars, pairs, object, err := parts(v, name)
	if err != nil {
		return "", err
	}
	text := strings.Join(scalars, ",")
	if object {
		text = joinPairs(pairs, explode, func(s string) string { return s })
	}
	return text, headerSafe(text, name)
}

func headerSafe(text, name string) error {
	if strings.ContainsAny(text, "\r\n\x00") {
		return &SDKValidationError{Message: "header values must not contain CR, LF or NUL", Path: "header " + name}
	}
	return nil
}
