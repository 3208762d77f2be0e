// Binary bodies in the Go target (test/fixtures/features/downloads.yaml and uploads.yaml):
// application/octet-stream and image/png bodies are []byte, sent and returned byte for byte;
// text/plain stays a string. Real requests against a node:http server on 127.0.0.1.
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { NO_OUTPUT } from "../helpers/generate.ts";
import { generate } from "../../generator/pipeline.ts";
import { FIXTURES } from "../features/generate-feature.ts";
import { startServer, type TestServer } from "../helpers/server.ts";
import { clientModule, go, tempDir, writeGoFiles } from "./go-helpers.ts";

/** Every byte value, twice: no decoding or re-encoding can leave it as it is. */
const ALL_BYTES = Buffer.from([...Array.from({ length: 256 }, (_, i) => i), ...Array.from({ length: 256 }, (_, i) => 255 - i)]);

const DOWNLOADS = `package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"os"

	sdk "github.com/sdkgen/plexgo"
)

func main() {
	s := sdk.New(sdk.WithServerURL(os.Args[1]))
	ctx := context.Background()
	file, err := s.DownloadFile(ctx, "a b")
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	avatar, err := s.GetAvatar(ctx)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	motd, err := s.GetMessageOfTheDay(ctx)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(len(file.Body), hex.EncodeToString(file.Body))
	fmt.Println(hex.EncodeToString(avatar.Body))
	fmt.Println(*motd.Text)
}
`;

const UPLOADS = `package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"os"

	sdk "github.com/sdkgen/plexgo"
)

func main() {
	s := sdk.New(sdk.WithServerURL(os.Args[1]))
	data, _ := hex.DecodeString(os.Args[2])
	_, err := s.PutBlob(context.Background(), "blob", data)
	fmt.Println("error:", err)
}
`;

let server: TestServer;
const binaries = new Map<string, string>();

async function build(feature: string, main: string): Promise<void> {
  const config = await loadConfig(undefined, { spec: path.join(FIXTURES, `${feature}.yaml`), out: NO_OUTPUT });
  config.clientName = "Api";
  config.targets = { go: { modulePath: "github.com/sdkgen/plexgo", packageName: feature } };
  const sdk = await tempDir(`${feature}-sdk`);
  await writeGoFiles((await generate(config)).files, sdk);
  await go(["vet", "./..."], sdk);
  const client = await clientModule(sdk, { "main.go": main }, feature);
  const binary = path.join(client, feature);
  await go(["build", "-o", binary, "."], client);
  binaries.set(feature, binary);
}

beforeAll(async () => {
  server = await startServer();
  await build("downloads", DOWNLOADS);
  await build("uploads", UPLOADS);
}, 300_000);

beforeEach(() => server.reset());

afterAll(async () => {
  await server.close();
});

describe("binary bodies in the Go SDK", () => {
  it("returns binary downloads byte for byte as []byte, and a text download as a string", async () => {
    server.reply(
      { status: 200, headers: { "content-type": "application/octet-stream" }, body: ALL_BYTES },
      { status: 200, headers: { "content-type": "image/png" }, body: ALL_BYTES.subarray(0, 8) },
      { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: "héllo" },
    );
    const { stdout } = await go([server.base], process.cwd(), binaries.get("downloads"));
    expect(stdout.trim().split("\n")).toEqual([`512 ${ALL_BYTES.toString("hex")}`, ALL_BYTES.subarray(0, 8).toString("hex"), "héllo"]);
    expect(server.requests.map((r) => r.path)).toEqual(["/files/a%20b", "/avatar.png", "/motd"]);
  });

  it("sends a binary upload byte for byte, with its content type", async () => {
    server.reply({ status: 204 });
    const { stdout } = await go([server.base, ALL_BYTES.toString("hex")], process.cwd(), binaries.get("uploads"));
    expect(stdout.trim()).toBe("error: <nil>");
    const [request] = server.requests;
    expect(request!.method).toBe("PUT");
    expect(request!.path).toBe("/blobs/blob");
    expect(request!.headers["content-type"]).toBe("application/octet-stream");
    expect(Buffer.from(request!.body, "latin1").equals(ALL_BYTES)).toBe(true);
  });
});
