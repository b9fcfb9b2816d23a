"""Portraits as a resource, against a real `avatar serve` process: added once with their analysis kept
(face box, 468 landmarks), listed and read per user (another user's is a 404), deleted, refused with a JSON
4xx when they are no image, have no face or a bad name, and named by a studio run instead of an upload."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from processes import Server, running_server

from avatar.video.portrait import default_portrait

pytestmark = pytest.mark.alone  # run by itself on xdist workers: tracks paced at frame rate


def png(rgb: np.ndarray) -> bytes:
    import cv2

    ok, data = cv2.imencode(".png", np.ascontiguousarray(rgb[:, :, ::-1]))
    assert ok
    return bytes(data.tobytes())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with running_server(tmp_path_factory.mktemp("portraits"), keys={"alice": False, "bob": False}) as s:
        yield s


def add(client: Any, name: str, data: bytes, filename: str = "me.png") -> Any:
    return client.post("/v1/portraits", data={"name": name}, files={"image": (filename, io.BytesIO(data), "image/png")})


def test_add_list_get_delete_and_the_analysis_is_kept(server: Server, tmp_path: Path) -> None:
    astronaut = default_portrait().read_bytes()
    with server.client("alice") as alice, server.client("bob") as bob:
        r = add(alice, "Astro", astronaut, "astronaut.png")
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["name"] == "astro" and body["width"] == 512 and body["height"] == 512
        assert body["face"]["w"] > 60 and body["score"] > 0.5
        # analysed once: the landmarks are stored beside the image, in the image's pixels
        folder = Path(server.env["AVATAR_VOICES_DIR"]).parent / "portraits" / "alice" / "astro"
        doc = json.loads((folder / "portrait.json").read_text())
        points = np.asarray(doc["landmarks"])
        assert points.shape == (468, 2) and 100 < points[:, 0].mean() < 400
        assert (folder / "image.png").is_file()

        assert [p["name"] for p in alice.get("/v1/portraits").json()["data"]] == ["astro"]
        assert alice.get("/v1/portraits/astro").json()["face"] == body["face"]
        # per user: bob sees nothing and cannot read or delete alice's
        assert bob.get("/v1/portraits").json()["data"] == []
        for method in ("GET", "DELETE"):
            r = bob.request(method, "/v1/portraits/astro")
            assert r.status_code == 404 and r.json()["error"]["code"] == "portrait_not_found"
        # the same name twice is refused, nothing changes
        r = add(alice, "astro", astronaut)
        assert r.status_code == 400 and "exists" in r.json()["error"]["message"]

        r = alice.delete("/v1/portraits/astro")
        assert r.status_code == 200 and r.json()["deleted"] is True
        assert alice.get("/v1/portraits/astro").status_code == 404
        assert not folder.exists()


@pytest.mark.parametrize(
    ("name", "data", "status", "says"),
    [
        ("noface", png(np.full((256, 256, 3), 128, np.uint8)), 400, "no face found in the uploaded file 'me.png'"),
        ("notimage", b"this is not a picture", 400, "is not a supported image"),
        ("../evil", None, 400, "not allowed"),
        ("tiny", png(np.zeros((20, 20, 3), np.uint8)), 400, "too small"),
    ],
)
def test_bad_portraits_are_refused_and_nothing_is_stored(
    server: Server, name: str, data: bytes | None, status: int, says: str
) -> None:
    with server.client("alice") as alice:
        r = add(alice, name, data if data is not None else default_portrait().read_bytes())
        assert r.status_code == status, r.text
        err = r.json()["error"]
        assert says in err["message"]
        assert "/tmp" not in err["message"]  # the server's own paths never show
        assert alice.get("/v1/portraits").json()["data"] == []


def test_a_studio_run_may_name_a_portrait(server: Server) -> None:
    with server.client("bob") as bob, server.client("alice") as alice:
        assert add(bob, "me", default_portrait().read_bytes()).status_code == 201
        r = bob.post("/v1/runs", data={"text": "Hello.", "portrait_name": "me", "set": ["stages.video.size=96"]})
        assert r.status_code == 202, r.text
        run = r.json()
        outputs = Path(server.env["AVATAR_OUTPUTS_DIR"])
        [record] = [json.loads(p.read_text()) for p in outputs.rglob("studio.json") if run["id"] in str(p)]
        assert record["portrait"] == "portrait.png"
        [copy] = [p for p in outputs.rglob("portrait.png") if run["id"] in str(p)]
        assert copy.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        bob.delete(f"/v1/runs/{run['id']}")
        # a portrait of another user's, or none at all: 404 and no run
        r = alice.post("/v1/runs", data={"text": "Hello.", "portrait_name": "me"})
        assert r.status_code == 404 and r.json()["error"]["code"] == "portrait_not_found"
        assert alice.get("/v1/runs").json()["data"] == []
