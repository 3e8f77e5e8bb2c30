/**
 * Drives a live panelrelay server through the SDK: the platform admin creates a workspace,
 * its owner creates a key, and a second workspace cannot see the first.
 *
 * The server binary comes from PANELRELAY_BIN (default: the workspace's debug build).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { createPanelrelayClient } from "../src/index.js";

const binary = process.env.PANELRELAY_BIN ?? resolve(import.meta.dirname, "../../../../target/debug/panelrelay");
let server: ChildProcess;
let dataDir: string;
let baseUrl: string;
let adminKey: string;

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

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "panelrelay-sdk-"));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", PANELRELAY_LOG: "warn" };
  server = spawn(binary, ["serve", "--listen", `127.0.0.1:${port}`, "--data-dir", dataDir], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  adminKey = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error("server printed no admin key")), 30_000);
    const lines = createInterface({ input: server.stdout! });
    lines.on("line", (line) => {
      if (line.startsWith("pra_")) {
        clearTimeout(timer);
        done(line.trim());
      }
    });
    server.once("exit", (code) => fail(new Error(`server exited with ${code}`)));
  });
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      if (attempt > 200) throw new Error("server did not come up");
    }
    await new Promise((r) => setTimeout(r, 50));
  }
});

after(() => {
  server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("admin creates a workspace and its owner creates a key", async () => {
  const admin = createPanelrelayClient({ baseUrl, apiKey: adminKey });
  const created = await admin.POST("/v1/workspaces", {
    body: { name: "SDK Workspace" },
    params: { header: { "Idempotency-Key": "sdk-test-1" } },
  });
  assert.equal(created.response.status, 201);
  assert.ok(created.data);
  assert.equal(created.data.workspace.name, "SDK Workspace");
  assert.equal(created.data.owner_key.role, "owner");

  const owner = createPanelrelayClient({ baseUrl, apiKey: created.data.owner_key.secret });
  const own = await owner.GET("/v1/workspace");
  assert.equal(own.data?.id, created.data.workspace.id);

  const key = await owner.POST("/v1/api-keys", {
    body: { name: "support dashboard", role: "agent" },
    params: { header: {} },
  });
  assert.equal(key.response.status, 201);
  assert.ok(key.data?.secret.startsWith("prk_"));

  const keys = await owner.GET("/v1/api-keys", { params: { query: { limit: 10 } } });
  assert.equal(keys.data?.items.length, 2);
  assert.ok(keys.data?.items.every((k) => !("secret" in k)));

  const listed = await admin.GET("/v1/workspaces", { params: { query: {} } });
  assert.ok(listed.data?.items.some((ws) => ws.id === created.data!.workspace.id));
});

test("a second workspace cannot see the first, and errors arrive as the typed envelope", async () => {
  const admin = createPanelrelayClient({ baseUrl, apiKey: adminKey });
  const a = await admin.POST("/v1/workspaces", { body: { name: "A" }, params: { header: {} } });
  const b = await admin.POST("/v1/workspaces", { body: { name: "B" }, params: { header: {} } });
  assert.ok(a.data && b.data);
  const ownerA = createPanelrelayClient({ baseUrl, apiKey: a.data.owner_key.secret });
  const ownerB = createPanelrelayClient({ baseUrl, apiKey: b.data.owner_key.secret });

  const revoke = await ownerB.DELETE("/v1/api-keys/{id}", { params: { path: { id: a.data.owner_key.id } } });
  assert.equal(revoke.response.status, 404);
  assert.equal(revoke.error?.error.code, "not_found");
  assert.ok(revoke.error?.error.request_id);

  const keysOfB = await ownerB.GET("/v1/api-keys", { params: { query: { include_revoked: true } } });
  assert.ok(keysOfB.data?.items.every((k) => k.id !== a.data!.owner_key.id));

  const unauthenticated = createPanelrelayClient({ baseUrl });
  const denied = await unauthenticated.GET("/v1/workspace");
  assert.equal(denied.response.status, 401);
  assert.equal(denied.error?.error.code, "unauthorized");

  const stillWorks = await ownerA.GET("/v1/workspace");
  assert.equal(stillWorks.data?.id, a.data.workspace.id);
});
