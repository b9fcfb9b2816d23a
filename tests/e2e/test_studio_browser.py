"""The studio page driven in a real headless Chromium (Debian's chromium + chromedriver through Selenium;
nothing is downloaded): sign in, add a voice from a file, speak and hear the audio element play, produce a
video and watch every stage reach done and the video load, look at the models; no console errors.
Screenshots of every step go to ``$AVATAR_TEST_ARTIFACTS`` (default: ``test-artifacts/studio/``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import NEEDS_CHROMIUM, chromium
from processes import Server, running_server

pytestmark = NEEDS_CHROMIUM
ARTIFACTS = Path(os.environ.get("AVATAR_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
WAIT_S = 240


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    with chromium(tmp_path, "--use-fake-device-for-media-stream") as driver:
        yield driver


def _wait(driver: Any, script: str, what: str, timeout: float = WAIT_S) -> Any:
    """Poll a JavaScript expression until it is truthy."""
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.25).until(lambda d: d.execute_script(f"return {script}"))
    except Exception:
        notice = driver.execute_script("return document.getElementById('notice').textContent")
        raise AssertionError(f"timed out waiting for {what}; the page says: {notice!r}") from None


def _shot(driver: Any, name: str) -> Path:
    folder = ARTIFACTS / "studio"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def _errors(driver: Any) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running_server(tmp_path / "srv", keys={"carol": True}) as s:
        yield s


def test_the_studio_page_in_a_real_browser(server: Server, browser: Any, speech_wav: Path) -> None:
    from selenium.webdriver.common.by import By

    from avatar.video.portrait import default_portrait

    d = browser
    d.get(server.url + "/")
    assert d.title == "avatar studio"
    d.find_element(By.ID, "api-key").send_keys(server.keys["carol"])
    d.find_element(By.CSS_SELECTOR, "#signin-form button[type=submit]").click()
    _wait(d, "!document.getElementById('tabs').hidden", "sign-in")
    assert session_key(d) == server.keys["carol"]
    assert d.find_element(By.ID, "models-tab").is_displayed()  # an admin key
    _shot(d, "1-signed-in")

    # Voices: add one from a file; the API's validation decides.
    d.find_element(By.CSS_SELECTOR, "[data-tab=voices]").click()
    d.find_element(By.ID, "voice-name").send_keys("narrator")
    d.find_element(By.ID, "voice-audio").send_keys(str(speech_wav))
    d.find_element(By.ID, "voice-transcript").send_keys("The quick brown fox jumps over the lazy dog.")
    d.find_element(By.ID, "voice-submit").click()
    _wait(d, "document.getElementById('voice-list').textContent.includes('narrator')", "the new voice")
    _shot(d, "2-voice-added")

    # A recording from the (fake) microphone through MediaRecorder: a beep, not speech, so the API's
    # validation refuses it and the page shows its message as it came.
    d.find_element(By.ID, "voice-name").send_keys("beep")
    d.find_element(By.ID, "record").click()
    _wait(d, "document.getElementById('record-state').textContent === 'recording…'", "the recording to start")
    d.execute_script("return new Promise(r => setTimeout(r, 1500))")
    d.find_element(By.ID, "record").click()
    _wait(d, "document.getElementById('record-state').textContent.startsWith('recorded')", "the recording")
    d.find_element(By.ID, "voice-submit").click()
    _wait(d, "document.getElementById('notice').className === 'error'", "the validation error")
    message = d.find_element(By.ID, "notice").text
    with server.client("carol") as api:
        listed = [v["name"] for v in api.get("/v1/voices").json()["data"]]
    assert message and "beep" not in listed, message
    assert "/tmp" not in message  # the server's temporary copy is never named
    # The refused upload is the one error the browser logs here (reading the log empties it).
    assert all("/v1/voices" in e and "status of 400" in e for e in _errors(d)), _errors(d)
    _shot(d, "2b-recording-refused")

    # Speak: streamed mp3 into the audio element, which plays while it arrives.
    d.find_element(By.CSS_SELECTOR, "[data-tab=speak]").click()
    d.find_element(By.ID, "speak-submit").click()
    _wait(d, "(() => { const a = document.getElementById('speak-audio'); return a.currentTime > 0; })()",
          "the audio to play")  # fmt: skip
    _shot(d, "3-spoken")

    # Produce: text, a portrait with a preview, a run whose stages light up, then the video.
    d.find_element(By.CSS_SELECTOR, "[data-tab=produce]").click()
    d.find_element(By.ID, "run-text").send_keys("Hello from the studio page. This video was made in a browser.")
    d.find_element(By.ID, "run-portrait").send_keys(str(default_portrait()))
    _wait(d, "!document.getElementById('portrait-preview').hidden", "the portrait preview")
    d.find_element(By.ID, "run-submit").click()
    _wait(d, "document.getElementById('run-stages').children.length === 5", "the run's stages")
    _wait(d, "document.getElementById('run-state').textContent === 'done'", "the run to finish")
    states = d.execute_script("return [...document.querySelectorAll('#run-stages li')].map(li => li.className)")
    assert states == ["stage done"] * 5, states
    loaded = "(() => { const v = document.getElementById('run-video'); return v.readyState >= 1 && v.duration > 0; })()"
    _wait(d, loaded, "the video to load")
    links = d.execute_script("return [...document.querySelectorAll('#run-downloads a')].map(a => a.textContent)")
    assert {"Download avatar.mp4", "Download audio.wav", "Download subtitles.srt"} <= set(links)
    _shot(d, "4-produced")

    # Runs: the list shows it.
    d.find_element(By.CSS_SELECTOR, "[data-tab=runs]").click()
    _wait(d, "document.getElementById('run-list').textContent.includes('done')", "the run list")
    _shot(d, "5-runs")

    # Models (admin): states and the live log.
    d.find_element(By.ID, "models-tab").click()
    _wait(d, "document.getElementById('model-list').textContent.includes('piper')", "the model table")
    _wait(d, "document.getElementById('log').textContent.length > 0", "the server log")
    piper_row = "[...document.querySelectorAll('#model-list tr')].find(tr => tr.cells[0].textContent === 'piper')"
    d.execute_script(f"{piper_row}.querySelector('button').click()")  # Unload: the spinner, then the new state
    _wait(d, f"{piper_row}.cells[1].textContent === 'unloaded'", "piper to unload")
    d.execute_script(f"{piper_row}.querySelector('button').click()")
    _wait(d, f"{piper_row}.cells[1].textContent === 'loaded'", "piper to load again")
    _shot(d, "6-models")

    # Every control has a label, and at phone width nothing scrolls sideways.
    unlabelled = d.execute_script(
        "return [...document.querySelectorAll('input, select, textarea')]"
        ".filter(el => el.type !== 'hidden' && !el.labels.length && !el.getAttribute('aria-label')).map(el => el.id)"
    )
    assert unlabelled == []
    d.set_window_size(390, 844)
    d.find_element(By.CSS_SELECTOR, "[data-tab=produce]").click()
    assert d.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    _shot(d, "7-phone-width")

    assert _errors(d) == []


def session_key(driver: Any) -> str:
    return str(driver.execute_script("return sessionStorage.getItem('avatar.key')"))
