// Property names a Go json tag cannot hold (test/fixtures/features/naming.yaml): a comma (Stack
// Exchange's "the id of the object (answer, comment, question, or user) the event describes"), a
// quote, a backquote, a backslash, "-". encoding/json cut such a tag's name at the comma or ignored
// it, and go vet reported "suspicious space in struct tag value"; those structs now have their own
// MarshalJSON and UnmarshalJSON. A Go test in the generated module holds encoding/json and the SDK
// itself (a request and a response through an httptest server on 127.0.0.1) to the exact names.
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateFeatureAllTargets } from "../features/generate-feature.ts";
import { go, tempDir, writeGoFiles } from "./go-helpers.ts";

const ID = "the id of the object (answer, comment, question, or user) the event describes";

/** An event as the API writes it: every property under its exact name. */
const WIRE = {
  "-": true,
  "back\\slash": "b",
  "back`tick": "t",
  "first name": "f",
  kind: "k",
  marshalJSON: "m",
  'say "hi"': "h",
  [ID]: 7,
};

/** A Go string literal holding text (JSON's escapes are Go's for these ASCII strings). */
const goText = (text: string) => JSON.stringify(text);

const TEST = `package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	api "example.com/naming"
	"example.com/naming/models/components"
)

const wire = ${goText(JSON.stringify(WIRE))}

func decoded(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("not JSON: %v: %s", err, data)
	}
	return out
}

func check(t *testing.T, e components.DetailedEvent) {
	t.Helper()
	if e.TheIdOfTheObjectAnswerCommentQuestionOrUserTheEventDescribes != 7 || e.X == nil || !*e.X ||
		e.BackSlash == nil || *e.BackSlash != "b" || e.BackTick == nil || *e.BackTick != "t" ||
		e.FirstName == nil || *e.FirstName != "f" || e.MarshalJSONField == nil || *e.MarshalJSONField != "m" ||
		e.SayHi == nil || *e.SayHi != "h" || e.Kind == nil || *e.Kind != "k" {
		t.Fatalf("not every property was read by its name: %+v", e)
	}
}

func TestEncodingJSONReadsAndWritesTheWireNames(t *testing.T) {
	var e components.DetailedEvent
	if err := json.Unmarshal([]byte(wire), &e); err != nil {
		t.Fatal(err)
	}
	check(t, e)
	out, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	if got := decoded(t, out); !reflect.DeepEqual(got, decoded(t, []byte(wire))) {
		t.Fatalf("round trip changed the names: %s", out)
	}
	// Inside a struct of the caller's, and through a pointer, too.
	nested, err := json.Marshal(struct {
		Event *components.DetailedEvent \`json:"event"\`
	}{&e})
	if err != nil {
		t.Fatal(err)
	}
	if got := decoded(t, nested)["event"]; !reflect.DeepEqual(got, decoded(t, []byte(wire))) {
		t.Fatalf("nested event: %s", nested)
	}
	// The required property is required, and the message names it as the API does.
	var missing components.Event
	err = json.Unmarshal([]byte(\`{"kind":"k"}\`), &missing)
	if err == nil || !strings.Contains(err.Error(), ${goText(`$.${ID}: is required but missing`)}) {
		t.Fatalf("a missing required property: %v", err)
	}
	// null leaves the value alone, as for any type.
	if err := json.Unmarshal([]byte("null"), &e); err != nil {
		t.Fatal(err)
	}
	check(t, e)
}

func TestTheSDKSendsAndReadsTheWireNames(t *testing.T) {
	var received []byte
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		received, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(wire))
	}))
	defer server.Close()
	s := api.New(api.WithServerURL(server.URL))
	var event components.DetailedEvent
	if err := json.Unmarshal([]byte(wire), &event); err != nil {
		t.Fatal(err)
	}
	res, err := s.PostEvent(context.Background(), &event)
	if err != nil {
		t.Fatal(err)
	}
	if got := decoded(t, received); !reflect.DeepEqual(got, decoded(t, []byte(wire))) {
		t.Fatalf("the request body: %s", received)
	}
	check(t, *res.DetailedEvent)
}
`;

let dir = "";

beforeAll(async () => {
  dir = await tempDir("wire-names");
  await writeGoFiles(await generateFeatureAllTargets("naming"), dir);
  await writeFile(path.join(dir, "wire_names_test.go"), TEST);
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("property names a Go json tag cannot hold", () => {
  it("are read and written by their exact names, by encoding/json and by the SDK (go test)", async () => {
    await go(["vet", "./..."], dir);
    const { stdout } = await go(["test", "-count=1", "-v", "-run", "WireNames", "."], dir);
    expect(stdout.match(/^--- PASS: \w+/gm)).toEqual(["--- PASS: TestEncodingJSONReadsAndWritesTheWireNames", "--- PASS: TestTheSDKSendsAndReadsTheWireNames"]);
    expect(stdout).toMatch(/^ok\s/m);
  }, 300_000);
});
