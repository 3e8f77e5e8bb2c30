"""A live panelrelay sandbox for the SDK tests.

`panelrelay sandbox` serves the API with its worker and sender, and starts fake panel,
Telegram, Green API and Meta servers on loopback ports (the same fakes as the server's own
tests). The binary comes from PANELRELAY_BIN (default: the workspace's debug build).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[3]
PANEL_API_KEY = "sandbox-panel-admin-key"


@dataclass
class Sandbox:
    """What the sandbox printed: the API's URL, the admin key and the fakes' URLs."""

    base_url: str
    admin_key: str
    panel_url: str
    telegram_url: str
    telegram_bot_token: str
    greenapi_url: str
    greenapi_instance: str
    greenapi_token: str
    meta_url: str
    meta_phone_number_id: str
    meta_access_token: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _read_guide(process: subprocess.Popen[str], timeout: float) -> dict[str, str]:
    """Reads stdout until the guide has named every fake; keeps draining it afterwards."""
    found: dict[str, str] = {}
    patterns = [
        re.compile(r"^(?P<admin_key>pra_\S+)$"),
        re.compile(r"^\s*Fake panel\s+(?P<panel_url>\S+)/adminapi/v2"),
        re.compile(r"^\s*Fake Telegram\s+(?P<telegram_url>\S+)\s+\(bot token: (?P<telegram_bot_token>\S+)\)"),
        re.compile(
            r"^\s*Fake Green API\s+(?P<greenapi_url>\S+)\s+"
            r"\(instance: (?P<greenapi_instance>\S+), API token: (?P<greenapi_token>\S+)\)"
        ),
        re.compile(
            r"^\s*Fake Meta Graph\s+(?P<meta_url>\S+)\s+"
            r"\(phone number id: (?P<meta_phone_number_id>\S+), access token: (?P<meta_access_token>\S+)\)"
        ),
    ]
    wanted = {name for pattern in patterns for name in pattern.groupindex}
    done = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            for pattern in patterns:
                match = pattern.match(line.rstrip("\n"))
                if match:
                    found.update({k: v for k, v in match.groupdict().items() if k not in found})
            if set(found) == wanted:
                done.set()
        done.set()

    threading.Thread(target=read, daemon=True).start()
    if not done.wait(timeout) or set(found) != wanted:
        missing = sorted(wanted - set(found))
        raise RuntimeError(f"the sandbox did not print {missing} (exit code {process.poll()})")
    return found


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    binary = os.environ.get("PANELRELAY_BIN", str(REPO / "target" / "debug" / "panelrelay"))
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="panelrelay-py-") as data_dir:
        env = {"PATH": os.environ.get("PATH", ""), "PANELRELAY_LOG": "warn"}
        process = subprocess.Popen(
            [binary, "sandbox", "--listen", f"127.0.0.1:{port}", "--data-dir", data_dir],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            guide = _read_guide(process, timeout=60)
            base_url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(f"{base_url}/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("the sandbox did not come up")
                time.sleep(0.05)
            yield Sandbox(base_url=base_url, **guide)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
