// How each target's driver is started; the harness runs the ones whose target the default config enables.
import path from "node:path";
import { REPO_ROOT } from "../helpers/generate.ts";

export interface Driver {
  command: string;
  /** Arguments before the two the contract adds: the scenarios file and the base URL. */
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

const DRIVERS_DIR = path.join(REPO_ROOT, "test/conformance/drivers");

export const DRIVERS: Record<"typescript" | "python" | "go" | "csharp" | "php", Driver> = {
  typescript: {
    command: process.execPath,
    args: ["--import", "tsx", path.join(DRIVERS_DIR, "typescript/driver.ts")],
    cwd: REPO_ROOT,
    env: {},
  },
  python: {
    // Debian's Python, which sees Debian's httpx (a pyenv python3 may come first on PATH).
    command: "/usr/bin/python3",
    args: [path.join(DRIVERS_DIR, "python/driver.py")],
    cwd: REPO_ROOT,
    env: { PYTHONPATH: path.join(REPO_ROOT, "generated/python/src"), PYTHONDONTWRITEBYTECODE: "1" },
  },
  go: {
    command: "go",
    args: ["run", "."],
    cwd: path.join(DRIVERS_DIR, "go"),
    // The SDK is replaced by the local module and uses only the standard library: nothing to download.
    env: { GOPROXY: "off", GOFLAGS: "-mod=mod" },
  },
  csharp: {
    // The driver compiles the generated sources in; build output stays below the driver's folder.
    command: "dotnet",
    args: ["run", "--project", path.join(DRIVERS_DIR, "csharp"), "--verbosity", "quiet", "--"],
    cwd: REPO_ROOT,
    env: { DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1", DOTNET_SKIP_FIRST_TIME_EXPERIENCE: "1" },
  },
  php: {
    // Debian's PHP CLI; the driver loads generated/php/src with its own autoloader, Guzzle and PSR from /usr/share/php.
    command: "php",
    args: ["-d", "display_errors=stderr", "-d", "error_reporting=-1", path.join(DRIVERS_DIR, "php/driver.php")],
    cwd: REPO_ROOT,
    env: { SDKGEN_PHP_SRC: path.join(REPO_ROOT, "generated/php/src") },
  },
};
