/**
 * The SDK in a real browser: a page served from another origin drives a live server
 * through CORS (`PANELRELAY_CORS_ORIGINS`), and a page from an origin that is not listed
 * cannot call the API at all.
 *
 * The page is served by a small static server from this process; the SDK is bundled for
 * the browser with esbuild (its compiled `dist/src/index.js` plus openapi-fetch), so
 * nothing is fetched from the network. Chromium is Debian's (`/usr/bin/chromium`, or
 * CHROMIUM_BIN), driven headless by playwright-core. A missing Chromium fails the test.
 *
 * The server binary comes from PANELRELAY_BIN (default: the workspace's debug build).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";

const binary = process.env.PANELRELAY_BIN ?? resolve(import.meta.dirname, "../../../../target/debug/panelrelay");
const chromiumBin = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";
/** The compiled SDK entry point (this file runs from dist/test/). */
const sdkEntry = resolve(import.meta.dirname, "../src/index.js");

let server: ChildProcess | undefined;
let dataDir: string | undefined;
let apiBase: string;
let adminKey: string;
let allowedOrigin: string;
let deniedOrigin: string;
const pageServers: Server[] = [];
let browser: Browser | undefined;

/** The page: loads the bundled SDK and offers the scenarios to the test. */
const PAGE = `<!doctype html>
<html>
<head><meta charset="utf-8"><title>panelrelay SDK in a browser</title></head>
<body>
<p id="status">loading</p>
<script type="module">
import { createPanelrelayClient } from "/sdk.js";

// Creates a workspace with the admin key, replays the creation, and lists the new
// owner's keys with the owner key; returns what the page could read.
window.runScenario = async (baseUrl, adminKey) => {
  const admin = createPanelrelayClient({ baseUrl, apiKey: adminKey });
  const create = () =>
    admin.POST("/v1/workspaces", {
      body: { name: "Browser Workspace" },
      params: { header: { "Idempotency-Key": "browser-test-1" } },
    });
  const created = await create();
  const replayed = await create();
  const owner = createPanelrelayClient({ baseUrl, apiKey: created.data.owner_key.secret });
  const keys = await owner.GET("/v1/api-keys", { params: { query: { limit: 10 } } });
  const denied = await createPanelrelayClient({ baseUrl }).GET("/v1/workspace");
  return {
    origin: window.location.origin,
    created: {
      status: created.response.status,
      requestId: created.response.headers.get("X-Request-Id"),
      workspaceId: created.data.workspace.id,
      workspaceName: created.data.workspace.name,
      ownerKeyId: created.data.owner_key.id,
      ownerRole: created.data.owner_key.role,
    },
    replayed: {
      status: replayed.response.status,
      header: replayed.response.headers.get("Idempotent-Replayed"),
      workspaceId: replayed.data?.workspace.id,
    },
    keys: {
      status: keys.response.status,
      requestId: keys.response.headers.get("X-Request-Id"),
      items: keys.data.items.map((k) => ({ id: k.id, role: k.role, hasSecret: "secret" in k })),
    },
    denied: {
      status: denied.response.status,
      code: denied.error?.error.code,
      requestId: denied.error?.error.request_id,
      headerRequestId: denied.response.headers.get("X-Request-Id"),
    },
  };
};

// Calls the API once and reports whether fetch itself failed.
window.tryCall = async (baseUrl, apiKey) => {
  try {
    const res = await createPanelrelayClient({ baseUrl, apiKey }).GET("/v1/workspaces", { params: { query: {} } });
    return { threw: false, status: res.response.status };
  } catch (e) {
    return { threw: true, name: e.name, message: String(e.message) };
  }
};

document.getElementById("status").textContent = "ready";
</script>
</body>
</html>
`;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/** Serves the page and the bundle on 127.0.0.1:port; everything else is 404. */
function servePage(port: number, bundle: string): Promise<void> {
  const http = createHttpServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/" || path === "/index.html") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(PAGE);
    } else if (path === "/sdk.js") {
      res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8" });
      res.end(bundle);
    } else {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
    }
  });
  pageServers.push(http);
  return new Promise((done, fail) => {
    http.once("error", fail);
    http.listen(port, "127.0.0.1", () => done());
  });
}

async function startApi(corsOrigins: string): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), "panelrelay-browser-"));
  const port = await freePort();
  apiBase = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    PANELRELAY_LOG: "warn",
    PANELRELAY_CORS_ORIGINS: corsOrigins,
  };
  const child = spawn(binary, ["serve", "--listen", `127.0.0.1:${port}`, "--data-dir", dataDir], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  server = child;
  adminKey = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error("server printed no admin key")), 30_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      if (line.startsWith("pra_")) {
        clearTimeout(timer);
        done(line.trim());
      }
    });
    child.once("error", (e) => fail(new Error(`cannot start ${binary}: ${e.message}`)));
    child.once("exit", (code) => fail(new Error(`server exited with ${code}`)));
  });
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${apiBase}/healthz`)).ok) break;
    } catch {
      if (attempt > 200) throw new Error("server did not come up");
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function openPage(origin: string): Promise<Page> {
  assert.ok(browser, "the browser did not start");
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.getElementById("status")?.textContent === "ready", undefined, {
    timeout: 10_000,
  }).catch((e: Error) => {
    throw new Error(`the page did not load the SDK (${problems.join("; ") || e.message})`);
  });
  return page;
}

before(async () => {
  if (!existsSync(chromiumBin)) {
    throw new Error(
      `Chromium not found at ${chromiumBin}: the browser test needs Debian's chromium package ` +
        `(apt-get install -y chromium), or CHROMIUM_BIN pointing at a Chromium binary`,
    );
  }
  const bundled = await build({
    entryPoints: [sdkEntry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const bundle = bundled.outputFiles[0].text;

  const [allowedPort, deniedPort] = [await freePort(), await freePort()];
  allowedOrigin = `http://127.0.0.1:${allowedPort}`;
  deniedOrigin = `http://127.0.0.1:${deniedPort}`;
  await servePage(allowedPort, bundle);
  await servePage(deniedPort, bundle);
  await startApi(allowedOrigin);
  browser = await chromium.launch({ executablePath: chromiumBin, args: ["--no-sandbox"] });
});

after(async () => {
  await browser?.close();
  server?.kill();
  for (const http of pageServers) http.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface ScenarioResult {
  origin: string;
  created: {
    status: number;
    requestId: string | null;
    workspaceId: string;
    workspaceName: string;
    ownerKeyId: string;
    ownerRole: string;
  };
  replayed: { status: number; header: string | null; workspaceId?: string };
  keys: { status: number; requestId: string | null; items: { id: string; role: string; hasSecret: boolean }[] };
  denied: { status: number; code?: string; requestId?: string; headerRequestId: string | null };
}

interface CallResult {
  threw: boolean;
  status?: number;
  name?: string;
  message?: string;
}

test("a page on a listed origin creates a workspace and lists its keys through the SDK", { timeout: 60_000 }, async () => {
  const page = await openPage(allowedOrigin);
  const result = (await page.evaluate(
    ([base, key]) => (window as unknown as { runScenario(b: string, k: string): Promise<unknown> }).runScenario(base, key),
    [apiBase, adminKey] as const,
  )) as ScenarioResult;
  await page.close();

  assert.equal(result.origin, allowedOrigin, "the page runs on another origin than the API");
  assert.notEqual(result.origin, apiBase);

  assert.equal(result.created.status, 201);
  assert.equal(result.created.workspaceName, "Browser Workspace");
  assert.equal(result.created.ownerRole, "owner");
  assert.ok(result.created.requestId, "X-Request-Id is readable from the page");

  assert.equal(result.replayed.status, 201);
  assert.equal(result.replayed.workspaceId, result.created.workspaceId);
  assert.equal(result.replayed.header, "true", "Idempotent-Replayed is readable from the page");

  assert.equal(result.keys.status, 200);
  assert.ok(result.keys.requestId);
  assert.notEqual(result.keys.requestId, result.created.requestId);
  assert.deepEqual(
    result.keys.items.map((k) => [k.id, k.role, k.hasSecret]),
    [[result.created.ownerKeyId, "owner", false]],
  );

  assert.equal(result.denied.status, 401, "error responses reach the page too");
  assert.equal(result.denied.code, "unauthorized");
  assert.ok(result.denied.requestId);
  assert.equal(result.denied.headerRequestId, result.denied.requestId);
});

test("a page on an origin that is not listed cannot call the API", { timeout: 60_000 }, async () => {
  // The server itself answers: the refusal is the browser's, from the CORS headers.
  const preflight = await fetch(`${apiBase}/v1/workspaces`, {
    method: "OPTIONS",
    headers: { Origin: deniedOrigin, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization" },
  });
  assert.equal(preflight.status, 403);

  const page = await openPage(deniedOrigin);
  const call = (base: string, key: string | undefined) =>
    page.evaluate(
      ([b, k]) => (window as unknown as { tryCall(b: string, k?: string): Promise<unknown> }).tryCall(b, k),
      [base, key] as const,
    ) as Promise<CallResult>;

  // With a key: the preflight is refused.
  const withKey = await call(apiBase, adminKey);
  assert.equal(withKey.threw, true, `expected fetch to fail, got ${JSON.stringify(withKey)}`);
  assert.equal(withKey.name, "TypeError");
  // Without a key (no preflight): the response carries no Access-Control-Allow-Origin.
  const withoutKey = await call(apiBase, undefined);
  assert.equal(withoutKey.threw, true, `expected fetch to fail, got ${JSON.stringify(withoutKey)}`);
  assert.equal(withoutKey.name, "TypeError");
  await page.close();

  // The same page on the listed origin gets through, so the difference is the origin.
  const allowed = await openPage(allowedOrigin);
  const ok = (await allowed.evaluate(
    ([b, k]) => (window as unknown as { tryCall(b: string, k?: string): Promise<unknown> }).tryCall(b, k),
    [apiBase, adminKey] as const,
  )) as CallResult;
  await allowed.close();
  assert.deepEqual(ok, { threw: false, status: 200 });
});
