"""The browser example for apps that draw their own face (`/studio/mouth.html` and `mouth.js`), in a real
headless Chromium against a real server: it asks for speech with mouth shapes, plays the audio and draws the
frames in step with it; the drawn mouth opens and closes; no console errors. A screenshot goes to
``$AVATAR_TEST_ARTIFACTS`` (default: ``test-artifacts/mouth/``)."""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path

import numpy as np
from browser_helpers import NEEDS_CHROMIUM, chromium
from processes import running_server

pytestmark = NEEDS_CHROMIUM
ARTIFACTS = Path(os.environ.get("AVATAR_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))


def _canvas_dark_rows(driver: object) -> int:
    """Rows of the canvas with the opening's dark colour in them: the drawn mouth's height."""
    from PIL import Image

    data = driver.execute_script("return document.getElementById('mouth-canvas').toDataURL('image/png')")  # type: ignore[attr-defined]
    image = np.asarray(Image.open(io.BytesIO(base64.b64decode(data.split(",", 1)[1]))).convert("RGB"), np.int32)
    dark = (np.abs(image - np.array([0x5A, 0x1F, 0x24])).sum(axis=2) < 30).any(axis=1)
    return int(dark.sum())


def test_the_mouth_example_draws_the_frames_with_the_audio(tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with running_server(tmp_path / "srv", keys={"dana": False}) as server, chromium(tmp_path) as d:
        d.get(server.url + "/studio/mouth.html")
        rest = _canvas_dark_rows(d)
        d.find_element(By.ID, "mouth-key").send_keys(server.keys["dana"])
        text = d.find_element(By.ID, "mouth-text")
        text.clear()
        text.send_keys("Ah, papa saw a calm far sea, and we all waved.")
        d.find_element(By.ID, "mouth-form").submit()
        heights = []
        wait = WebDriverWait(d, 120, poll_frequency=0.05)
        wait.until(lambda drv: int(drv.execute_script("return document.body.dataset.drawn || 0")) > 0)
        while not d.execute_script("return document.getElementById('mouth-audio').ended"):
            heights.append(_canvas_dark_rows(d))
            if len(heights) == 8:
                folder = ARTIFACTS / "mouth"
                folder.mkdir(parents=True, exist_ok=True)
                d.save_screenshot(str(folder / "playing.png"))
        # the page writes "done: N frames" in its own ended handler, which may run after `ended` reads true
        WebDriverWait(d, 15, poll_frequency=0.05).until(
            lambda drv: drv.find_element(By.ID, "mouth-status").text.startswith("done:")
        )
        status = d.find_element(By.ID, "mouth-status").text
        errors = [e["message"] for e in d.get_log("browser") if e["level"] == "SEVERE"]
    assert status.startswith("done:") and int(status.split()[1]) > 30, status
    assert len(heights) >= 5 and max(heights) > rest + 20  # the drawn mouth opened well past its rest
    assert min(heights) < max(heights) - 20  # and closed again: it moves with the speech
    assert not errors, errors
