"""The decode boundary (avatar.decoding): only plain media containers, identified by their own bytes, reach a
decoder, and the decoder reads nothing but the caller's bytes.

The property test runs the real ffmpeg under strace (``IMAGEIO_FFMPEG_EXE`` points at a wrapper) and checks
every file it opened; the server test makes the attacks of the report against a real `avatar serve`.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avatar import decoding
from avatar.errors import InputError
from avatar.voices.reference import prepare_reference

STRACE = shutil.which("strace")
# The dynamic loader's search for ffmpeg's shared libraries: library names and the folders it tries them in
# (the decoder runs without this process's LD_LIBRARY_PATH, so these are the system's; the test below plants one).
LIBRARY = re.compile(r"(/lib[^/]*\.so(\.[0-9]+)*$)|/glibc-hwcaps(/|$)|/(lib|lib64|tls|x86_64|aarch64|haswell)/?$")
SYSTEM_PREFIXES = ("/lib", "/usr/lib", "/lib64", "/usr/lib64", "/etc/ld.so", "/dev/", "/proc/", "/sys/")


def _ffmpeg() -> str:
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


def _encode(tmp: Path, wav: Path, suffix: str, *codec: str) -> Path:
    out = tmp / f"take{suffix}"
    subprocess.run([_ffmpeg(), "-loglevel", "error", "-y", "-i", str(wav), *codec, str(out)], check=True, timeout=60)
    return out


def _image(fmt: str) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 120, 90)).save(buf, format=fmt)
    return buf.getvalue()


def test_every_allowed_container_is_recognised_from_its_bytes(tmp_path: Path, speech_wav: Path) -> None:
    import soundfile as sf

    samples, sr = sf.read(str(speech_wav), dtype="float32")
    made = {
        "WAV": speech_wav,
        "FLAC": tmp_path / "a.flac",
        "OGG": tmp_path / "a.ogg",
        "MP3": _encode(tmp_path, speech_wav, ".mp3", "-c:a", "libmp3lame"),
        "WEBM": _encode(tmp_path, speech_wav, ".webm", "-c:a", "libopus"),
        "MP4": _encode(tmp_path, speech_wav, ".m4a", "-c:a", "aac"),
    }
    sf.write(str(made["FLAC"]), samples, sr, format="FLAC")
    sf.write(str(made["OGG"]), samples, sr, format="OGG")
    for name, path in made.items():
        # the name says nothing: every file is handed over as 'upload.bin'
        blind = tmp_path / f"blind-{name}.bin"
        blind.write_bytes(path.read_bytes())
        assert decoding.identify(blind, decoding.Kind.AUDIO, "upload").name == name
    for fmt, name in (("PNG", "PNG"), ("JPEG", "JPEG"), ("WEBP", "WEBP"), ("BMP", "BMP")):
        assert decoding.identify(_image(fmt), decoding.Kind.IMAGE, "upload").name == name
    # an image is not a recording, and a recording is not an image
    with pytest.raises(InputError, match="not a supported recording"):
        decoding.identify(_image("PNG"), decoding.Kind.AUDIO, "upload")
    with pytest.raises(InputError, match="not a supported image"):
        decoding.identify(speech_wav, decoding.Kind.IMAGE, "upload")


def _playlists(target: str) -> dict[str, bytes]:
    """Documents that make a probing demuxer open ``target``: what the report's attacker uploaded."""
    return {
        "ffconcat": f"ffconcat version 1.0\nfile '{target}'\n".encode(),
        "ffconcat-bom": f"\ufeffffconcat version 1.0\nfile 'file:{target}'\n".encode(),
        "hls": f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile://{target}\n#EXT-X-ENDLIST\n".encode(),
        "dash": (
            '<?xml version="1.0"?><MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" '
            'mediaPresentationDuration="PT5S"><Period><AdaptationSet mimeType="audio/wav"><Representation '
            f'id="a" bandwidth="1"><BaseURL>file://{target}</BaseURL></Representation></AdaptationSet>'
            "</Period></MPD>"
        ).encode(),
        "sdp": f"v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nm=audio 9 RTP/AVP 0\n{target}\n".encode(),
        "concat-url": f"concat:{target}|{target}".encode(),
        "aiff": b"FORM\x00\x00\x00\x20AIFFCOMM" + bytes(32),
        "svg": b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file://' + target.encode() + b'"/></svg>',
        "webm-dash-manifest": b"\x1a\x45\xdf\xa3\x42\x82\x88notwebm!" + target.encode(),
    }


def test_playlists_and_manifests_never_reach_a_decoder_and_say_nothing_of_other_files(tmp_path: Path) -> None:
    secret = tmp_path / "someone-else" / "reference.wav"
    secret.parent.mkdir()
    secret.write_bytes(b"RIFF")
    messages = set()
    for target in (str(secret), str(tmp_path / "missing.wav")):
        for kind, data in _playlists(target).items():
            upload = tmp_path / f"{kind}.m4a"  # named as a phone recording
            upload.write_bytes(data)
            with pytest.raises(InputError) as info:
                prepare_reference(upload)
            message = str(info.value).replace(str(upload), "UPLOAD")
            assert target not in message and "\n" not in message
            messages.add(message)
    # one answer for all of them: nothing tells an existing file from a missing one
    assert messages == {"UPLOAD is not a supported recording; use WAV, FLAC, OGG/Opus, MP3, M4A/MP4 or WebM"}


@pytest.fixture
def traced_ffmpeg(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """ffmpeg runs under strace: every path it opens, stats or executes is logged into the folder yielded."""
    if STRACE is None:
        pytest.fail("strace is needed for the decode boundary's property test (scripts/install-system.sh)")
    real = _ffmpeg()
    logs = tmp_path_factory.mktemp("strace")
    wrapper = logs / "ffmpeg-traced"
    wrapper.write_text(
        f'#!/bin/sh\nexec {STRACE} -f -qq -s 4096 -e trace=%file,%process -o "{logs}/trace.$$" "{real}" "$@"\n'
    )
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", str(wrapper))  # imageio_ffmpeg reads it on every call
    return logs


def opened_paths(logs: Path) -> list[str]:
    """Every path a traced ffmpeg named in a file system call, successful or not."""
    paths: list[str] = []
    for trace in logs.glob("trace.*"):
        for line in trace.read_text(errors="replace").splitlines():
            paths += re.findall(r'"(/[^"]*)"', line)
    return paths


def _foreign(paths: list[str], allowed: tuple[str, ...]) -> list[str]:
    """The paths that are neither system libraries, nor the ffmpeg binary itself, nor under ``allowed``."""
    import imageio_ffmpeg

    own = os.path.join(os.path.dirname(imageio_ffmpeg.__file__), "binaries")
    return [p for p in paths if not p.startswith((*SYSTEM_PREFIXES, own, *allowed)) and not LIBRARY.search(p)]


HEADS = [b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00isomM4A ", b"\x1a\x45\xdf\xa3\x9f\x42\x82\x84webm", b"OggS\x00\x02",
         b"ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x00", b"fLaC\x00\x00\x00\x22"]  # fmt: skip


def _atom(kind: bytes, body: bytes) -> bytes:
    return (8 + len(body)).to_bytes(4, "big") + kind + body


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=st.sampled_from(HEADS), junk=st.binary(max_size=200), form=st.integers(0, 3))
def test_ffmpeg_opens_no_file_but_the_callers_own(
    traced_ffmpeg: Path, tmp_path_factory: pytest.TempPathFactory, head: bytes, junk: bytes, form: int
) -> None:
    """For any upload that passes the magic-byte check (so ffmpeg does run), every file ffmpeg names is a
    system library or its own output: never the canary that the upload points at, in any of the ways a
    container can point at another file (playlist text, a MOV data reference, a URL in the body)."""
    work = tmp_path_factory.mktemp("upload")
    canary = work.parent / f"canary-{work.name}.wav"
    canary.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt ")
    ref = str(canary).encode()
    payload = [
        b"\nffconcat version 1.0\nfile '" + ref + b"'\n",
        _atom(b"moov", _atom(b"trak", _atom(b"dinf", _atom(b"dref", b"\x00" * 8 + _atom(b"url ", b"\x00" * 4 + ref))))),
        b"file:" + ref + b"\x00concat:" + ref + b"|" + ref,
        _atom(b"moov", _atom(b"trak", _atom(b"dinf", _atom(b"dref", b"\x00" * 8 + _atom(b"alis", ref))))),
    ][form]
    upload = work / "upload.bin"
    upload.write_bytes(head + junk + payload + junk)
    for old in traced_ffmpeg.glob("trace.*"):
        old.unlink()
    try:
        prepare_reference(upload)
    except InputError as exc:
        assert str(canary) not in str(exc)
    paths = opened_paths(traced_ffmpeg)
    assert str(canary) not in paths
    assert not _foreign(paths, (str(traced_ffmpeg), "/tmp/avatar-ref-", os.path.realpath(os.devnull))), paths


def test_a_real_phone_recording_decodes_under_the_same_watch(traced_ffmpeg: Path, speech_wav: Path,
                                                             tmp_path: Path) -> None:  # fmt: skip
    """The watch itself works: a real M4A does go through the traced ffmpeg, which opens only its output."""
    m4a = _encode(tmp_path, speech_wav, ".m4a", "-c:a", "aac")
    blind = tmp_path / "upload.bin"
    blind.write_bytes(m4a.read_bytes())
    for old in traced_ffmpeg.glob("trace.*"):
        old.unlink()
    ref = prepare_reference(blind)
    assert ref.source_format == "MP4" and ref.duration_s > 3
    paths = opened_paths(traced_ffmpeg)
    assert any(p.startswith("/tmp/avatar-ref-") and p.endswith("reference.flac") for p in paths), paths
    assert str(blind) not in paths  # handed over on standard input, never by name
    assert not _foreign(paths, (str(traced_ffmpeg), "/tmp/avatar-ref-", os.path.realpath(os.devnull))), paths


def test_the_decoder_inherits_no_library_path(
    traced_ffmpeg: Path, speech_wav: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An imported package may leave LD_LIBRARY_PATH pointing into its own folder (OpenCV's loader does, for
    subprocesses), and LD_PRELOAD may name a library: the decoder gets neither, so the dynamic loader never
    searches there (on a CPU with AVX-512 it tried three more folders per entry, which the list of loader
    folders above did not know, and the two tests above failed whenever OpenCV had been imported first)."""
    m4a = _encode(tmp_path, speech_wav, ".m4a", "-c:a", "aac")
    decoy = tmp_path / "a-package" / "lib64"
    decoy.mkdir(parents=True)
    monkeypatch.setenv("LD_LIBRARY_PATH", f"{decoy}:{os.environ.get('LD_LIBRARY_PATH', '')}")
    monkeypatch.setenv("LD_PRELOAD", str(decoy / "libpreloaded.so"))
    for old in traced_ffmpeg.glob("trace.*"):
        old.unlink()
    ref = prepare_reference(m4a)
    assert ref.source_format == "MP4" and ref.duration_s > 3
    paths = opened_paths(traced_ffmpeg)
    assert any(p.endswith("reference.flac") for p in paths), paths  # the decoder did run, traced
    assert not [p for p in paths if p.startswith(str(decoy.parent))], paths


def test_portraits_pass_the_same_boundary(tmp_path: Path) -> None:
    from avatar.video.portrait import image_header

    assert image_header(io.BytesIO(_image("PNG")))[2] == "PNG"
    for data in _playlists(str(tmp_path / "x.png")).values():
        with pytest.raises(InputError, match=r"^portrait 'face.png' is not a supported image; use PNG, JPEG"):
            image_header(io.BytesIO(data), shown="face.png")
    tiff = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (8, 8)).save(tiff, format="TIFF")
    with pytest.raises(InputError, match="not a supported image"):
        image_header(io.BytesIO(tiff.getvalue()), shown="face.png")
