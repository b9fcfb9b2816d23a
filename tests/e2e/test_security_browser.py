"""The browser side of the trust boundary, in Debian's headless Chromium: a page on another site cannot start
a run on a keyless server (no-cors fetch, a plain form post, a CORS request with a custom header), and an
artifact cannot run script in the studio's origin."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import NEEDS_CHROMIUM
from processes import Server, free_port, running_server, tool_pipeline
from test_studio_browser import browser  # noqa: F401  (the fixture)

pytestmark = NEEDS_CHROMIUM

ATTACK = """<!doctype html><html><body><h1>an ordinary page</h1>
<form id="f" method="POST" action="{target}/v1/runs" enctype="multipart/form-data" target="sink">
  <input name="text" value="a run from another site"><input name="pipeline" value="speech">
</form><iframe name="sink"></iframe>
<script>
const target = "{target}";
const results = [];
const body = () => {{
  const f = new FormData(); f.append("text", "pwned by fetch"); f.append("pipeline", "speech"); return f;
}};
fetch(target + "/v1/runs", {{method: "POST", mode: "no-cors", body: body()}})
  .then(() => results.push("no-cors sent"), (e) => results.push("no-cors " + e));
fetch(target + "/v1/runs", {{method: "POST", body: body(), headers: {{"X-Requested-With": "x"}}}})
  .then((r) => results.push("cors " + r.status), (e) => results.push("cors blocked"));
fetch(target + "/v1/runs", {{method: "POST", mode: "no-cors", body: "text=pwned",
  headers: {{"Content-Type": "application/x-www-form-urlencoded"}}}}).then(() => results.push("urlencoded sent"));
document.getElementById("f").submit();
setTimeout(() => {{ document.title = "done: " + results.join(", "); }}, 3000);
</script></body></html>"""


@pytest.fixture(scope="module")
def keyless(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("browser-keyless")
    config = root / "serve.yaml"
    config.write_text(json.dumps({"serve": {"pipelines": {"tool": str(tool_pipeline(root, root / "ran"))}}}))
    with running_server(root, "--config", str(config)) as server:
        yield server


def attacker_site(html: str) -> tuple[str, ThreadingHTTPServer]:
    """Another web site: a page served from http://localhost:PORT (a different site from 127.0.0.1)."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            data = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    port = free_port()
    httpd = ThreadingHTTPServer(("127.0.0.1", port), Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://localhost:{port}/", httpd


def test_a_page_on_another_site_cannot_start_a_run(keyless: Server, browser: Any) -> None:  # noqa: F811
    url, httpd = attacker_site(ATTACK.format(target=keyless.url))
    try:
        browser.get(url)
        deadline = time.monotonic() + 30
        while not browser.title.startswith("done") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert browser.title.startswith("done"), browser.title
        assert "cors 202" not in browser.title
        time.sleep(1.0)
        # the requests did reach the server, and it refused them (the browser then hides the answer)
        log = keyless.log_text()
        assert "refused POST /v1/runs: cross_origin" in log or "refused POST /v1/runs: cross_site" in log, log[-3000:]
    finally:
        httpd.shutdown()
    with keyless.client() as c:
        assert c.get("/v1/runs").json()["data"] == []
        assert c.get("/ready").status_code == 200


def test_an_artifact_cannot_run_script_in_the_studios_origin(keyless: Server, browser: Any, tmp_path: Path) -> None:  # noqa: F811
    with keyless.client() as c:
        r = c.post("/v1/runs", data={"text": "A page as an output.", "pipeline": "tool"})
        assert r.status_code == 202, r.text
        run_id = r.json()["id"]
        deadline = time.monotonic() + 240
        while (run := c.get(f"/v1/runs/{run_id}").json())["state"] not in ("done", "failed"):
            assert time.monotonic() < deadline
            time.sleep(0.3)
        assert run["state"] == "done", run
        page = next(f for f in run["files"] if f["name"] == "page.html")
    browser.get(keyless.url + "/")
    assert browser.execute_script("return localStorage.getItem('pwned')") is None
    browser.get(keyless.url + page["url"])  # a download, never a page of this origin
    time.sleep(1.5)
    browser.get(keyless.url + "/")
    assert browser.execute_script("return localStorage.getItem('pwned')") is None
    # and shown in a frame of the studio's own page, it is still inert (sandboxed, no script)
    browser.execute_script(
        "const f = document.createElement('iframe'); f.id = 'probe'; f.src = arguments[0]; document.body.append(f);",
        keyless.url + page["url"],
    )
    time.sleep(1.5)
    assert browser.execute_script("return localStorage.getItem('pwned')") is None
