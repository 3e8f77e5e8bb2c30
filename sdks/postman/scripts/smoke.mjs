/**
 * npm test: runs the collection's `smoke` folder with newman against a fresh server.
 *
 * Starts PANELRELAY_BIN (default: the workspace's debug build) with
 * `serve --listen 127.0.0.1:<free port> --data-dir <temp dir>`, reads the platform admin
 * key (`pra_…`) it prints on first start, waits for /healthz, runs newman with `baseUrl`
 * and `adminKey`, and exits non-zero if any assertion fails. The server is always
 * stopped and the temp dir removed.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import newman from "newman";

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.PANELRELAY_BIN
  ? resolve(process.env.PANELRELAY_BIN)
  : resolve(here, "../../../target/debug/panelrelay");
const collectionPath = resolve(here, "../panelrelay.postman_collection.json");

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startServer(dataDir) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { PATH: process.env.PATH ?? "", PANELRELAY_LOG: "warn" };
  const server = spawn(binary, ["serve", "--listen", `127.0.0.1:${port}`, "--data-dir", dataDir], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((done) => server.once("exit", (code, signal) => done({ code, signal })));
  const adminKey = await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error("server printed no admin key within 30 s")), 30_000);
    const lines = createInterface({ input: server.stdout });
    lines.on("line", (line) => {
      if (line.startsWith("pra_")) {
        clearTimeout(timer);
        done(line.trim());
      }
    });
    server.once("error", (err) => {
      clearTimeout(timer);
      fail(new Error(`cannot start ${binary}: ${err.message}`));
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code ?? signal} before printing an admin key`));
    });
  });
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).status === 200) break;
    } catch {}
    if (attempt > 400) throw new Error("server did not answer /healthz with 200 within 20 s");
    await sleep(50);
  }
  return { server, exited, baseUrl, adminKey };
}

async function stopServer(server, exited) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  server.kill("SIGTERM");
  const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!stopped) {
    server.kill("SIGKILL");
    await exited;
  }
}

function runNewman(baseUrl, adminKey) {
  return new Promise((done, fail) => {
    newman.run(
      {
        collection: collectionPath,
        folder: "smoke",
        envVar: [
          { key: "baseUrl", value: baseUrl },
          { key: "adminKey", value: adminKey },
        ],
        reporters: ["cli"],
        timeoutRequest: 30_000,
      },
      (err, summary) => (err ? fail(err) : done(summary)),
    );
  });
}

const dataDir = mkdtempSync(join(tmpdir(), "panelrelay-postman-"));
let started;
let ok = false;
const interrupted = async () => {
  if (started) await stopServer(started.server, started.exited);
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(130);
};
process.once("SIGINT", interrupted);
process.once("SIGTERM", interrupted);
try {
  started = await startServer(dataDir);
  const summary = await runNewman(started.baseUrl, started.adminKey);
  const { assertions, requests } = summary.run.stats;
  const failures = summary.run.failures.length;
  const passed = assertions.total - assertions.failed;
  console.log(`postman: ${passed} passed, ${assertions.failed} failed`);
  if (summary.run.error) console.error(`newman run error: ${summary.run.error.message ?? summary.run.error}`);
  if (requests.total === 0 || assertions.total === 0) console.error("newman ran no request or no assertion");
  ok = !summary.run.error && failures === 0 && assertions.failed === 0 && requests.total > 0 && assertions.total > 0;
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
} finally {
  if (started) await stopServer(started.server, started.exited);
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
