"""Tiny random-weight checkpoints of the real qwen3-tts and XTTS-v2 architectures, for tests.

Real checkpoints are gigabytes and need a model hub; these are built locally in seconds and saved in the
layout the packages' own public loaders read, so the backends run their real load / clone / synthesise code.
The weights are random: the audio is noise, but shapes, sample rates, caches and token budgets are real.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Text the tiny BPE is trained on; "assistant" must come out as one token (see _build_qwen_tokenizer).
_CORPUS = [
    "<|im_start|>assistant\nHello there, this is a test.<|im_end|>\n<|im_start|>assistant\n",
    "The quick brown fox jumps over the lazy dog.",
    "assistant assistant assistant user user system",
    "A short sentence for the tiny voice model to speak aloud.",
    "Speak slowly and warmly, like a narrator.",
    "Numbers 0 1 2 3 4 5 6 7 8 9 and punctuation , . ! ? ; :",
]
_QWEN_LANGUAGES = {"english": 10, "german": 11, "chinese": 12}  # codec ids, inside the top-1024 band
_QWEN_SPEAKERS = {"ryan": 20, "vivian": 21}
_XTTS_LANGUAGES = ["en", "de", "fr", "es"]


def _build_qwen_tokenizer(dest: Path) -> tuple[int, dict[str, int]]:
    """A byte-level BPE wrapped as a Qwen2TokenizerFast; returns (vocab size, special-token ids).

    qwen-tts slices ``[:, 3:-5]`` off the tokenised ``<|im_start|>assistant\\n{text}<|im_end|>\\n<|im_start|>
    assistant\\n``, so ``<|im_start|>assistant\\n`` must be 3 tokens and the tail 5.
    """
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import Qwen2TokenizerFast

    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|tts_pad|>", "<|tts_bos|>", "<|tts_eos|>"]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=400,
        special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(_CORPUS * 20, trainer=trainer)
    fast = Qwen2TokenizerFast(
        tokenizer_object=tok,
        unk_token=None,
        bos_token=None,
        eos_token="<|endoftext|>",
        pad_token="<|endoftext|>",
    )
    head = fast("<|im_start|>assistant\n")["input_ids"]
    tail = fast("<|im_end|>\n<|im_start|>assistant\n")["input_ids"]
    if len(head) != 3 or len(tail) != 5:
        raise RuntimeError(f"tiny qwen tokenizer splits the chat template wrongly: {head} / {tail}")
    fast.save_pretrained(str(dest))
    ids = {s: int(fast.convert_tokens_to_ids(s)) for s in specials}
    return len(fast), ids


def build_tiny_qwen(dest: Path, model_type: str = "base", seed: int = 0) -> Path:
    """Write a random-weight Qwen3-TTS 12 Hz checkpoint (``base``, ``custom_voice`` or ``voice_design``)."""
    import torch
    from qwen_tts.core.models.configuration_qwen3_tts import Qwen3TTSConfig
    from qwen_tts.core.models.modeling_qwen3_tts import Qwen3TTSForConditionalGeneration
    from qwen_tts.core.tokenizer_12hz.configuration_qwen3_tts_tokenizer_v2 import Qwen3TTSTokenizerV2Config
    from qwen_tts.core.tokenizer_12hz.modeling_qwen3_tts_tokenizer_v2 import Qwen3TTSTokenizerV2Model
    from safetensors.torch import save_file
    from transformers import EncodecFeatureExtractor

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(seed)
    text_vocab, special = _build_qwen_tokenizer(dest)

    groups, codebook = 4, 64
    # The codec vocabulary: audio codes 0..63, then the control ids in the top-1024 band, which generation
    # suppresses (all but EOS), exactly as in the real 3072-entry vocabulary (2048 codes + 1024).
    talker_vocab = codebook + 1024
    band = talker_vocab - 1024
    control = {
        "codec_pad_id": band + 0,
        "codec_bos_id": band + 1,
        "codec_eos_token_id": band + 2,
        "codec_think_id": band + 3,
        "codec_nothink_id": band + 4,
        "codec_think_bos_id": band + 5,
        "codec_think_eos_id": band + 6,
    }
    languages = {k: band + v for k, v in _QWEN_LANGUAGES.items()}
    speakers = {k: band + v for k, v in _QWEN_SPEAKERS.items()} if model_type == "custom_voice" else {}
    talker: dict[str, Any] = {
        "vocab_size": talker_vocab,
        "hidden_size": 48,
        "intermediate_size": 96,
        "num_hidden_layers": 2,
        "num_attention_heads": 3,
        "num_key_value_heads": 1,
        "head_dim": 16,
        "text_vocab_size": text_vocab,
        "text_hidden_size": 32,
        "num_code_groups": groups,
        "max_position_embeddings": 4096,
        "rope_scaling": {"rope_type": "default", "mrope_section": [4, 2, 2], "interleaved": True},
        "spk_id": speakers,
        "spk_is_dialect": {k: False for k in speakers},
        "codec_language_id": languages,
        "code_predictor_config": {
            "vocab_size": codebook,
            "hidden_size": 32,
            "intermediate_size": 64,
            "num_hidden_layers": 1,
            "num_attention_heads": 2,
            "num_key_value_heads": 1,
            "head_dim": 16,
            "num_code_groups": groups,
            "max_position_embeddings": 64,
        },
        **control,
    }
    config = Qwen3TTSConfig(
        talker_config=talker,
        speaker_encoder_config={
            "mel_dim": 128,
            "enc_dim": 48,  # the speaker embedding replaces a talker input embedding
            "enc_channels": [32, 32, 32, 32, 96],
            "enc_attention_channels": 16,
            "enc_res2net_scale": 4,
            "enc_se_channels": 16,
            "sample_rate": 24000,
        },
        tokenizer_type="qwen3_tts_tokenizer_12hz",
        tts_model_size="0b6",
        tts_model_type=model_type,
        im_start_token_id=special["<|im_start|>"],
        im_end_token_id=special["<|im_end|>"],
        tts_pad_token_id=special["<|tts_pad|>"],
        tts_bos_token_id=special["<|tts_bos|>"],
        tts_eos_token_id=special["<|tts_eos|>"],
        architectures=["Qwen3TTSForConditionalGeneration"],
    )
    model = Qwen3TTSForConditionalGeneration(config).eval()
    state = {k: v.contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(dest / "model.safetensors"), metadata={"format": "pt"})
    cfg = config.to_dict()
    # save_pretrained writes speaker_encoder_config.model_type = "", which the config class rejects on load.
    cfg.get("speaker_encoder_config", {}).pop("model_type", None)
    (dest / "config.json").write_text(json.dumps(cfg, indent=2))
    (dest / "generation_config.json").write_text(
        json.dumps(
            {
                "do_sample": True,
                "top_k": 50,
                "top_p": 1.0,
                "temperature": 0.9,
                "repetition_penalty": 1.05,
                "subtalker_dosample": True,
                "subtalker_top_k": 50,
                "subtalker_top_p": 1.0,
                "subtalker_temperature": 0.9,
                "max_new_tokens": 8192,
            },
            indent=2,
        )
    )

    codec_dir = dest / "speech_tokenizer"
    codec_dir.mkdir(exist_ok=True)
    codec_config = Qwen3TTSTokenizerV2Config(
        encoder_config={
            "sampling_rate": 24000,
            "frame_rate": 12.5,
            "hidden_size": 32,
            "num_filters": 4,
            "upsampling_ratios": [8, 6, 5, 4],
            "codebook_size": codebook,
            "codebook_dim": 16,
            "vector_quantization_hidden_dimension": 16,
            "num_quantizers": groups,
            "num_semantic_quantizers": 1,
            "upsample_groups": 32,
            "num_hidden_layers": 1,
            "intermediate_size": 64,
            "num_attention_heads": 2,
            "num_key_value_heads": 2,
            "head_dim": 16,
            "sliding_window": 32,
        },
        decoder_config={
            "codebook_size": codebook,
            "codebook_dim": 16,
            "hidden_size": 32,
            "latent_dim": 32,
            "num_attention_heads": 2,
            "num_key_value_heads": 2,
            "head_dim": 16,
            "intermediate_size": 64,
            "num_hidden_layers": 1,
            "num_quantizers": groups,
            "upsample_rates": [8, 5, 4, 3],
            "upsampling_ratios": [2, 2],  # 8*5*4*3*2*2 = 1920 samples per 12.5 Hz frame at 24 kHz
            "decoder_dim": 64,
            "sliding_window": 32,
        },
        encoder_valid_num_quantizers=groups,
        architectures=["Qwen3TTSTokenizerV2Model"],
    )
    codec = Qwen3TTSTokenizerV2Model(codec_config).eval()
    with torch.no_grad():
        # Random-but-untrained codebooks decode every frame to silence; spread them so the output is audible.
        for name, tensor in [*codec.named_parameters(), *codec.named_buffers()]:
            if name.endswith("embedding_sum") or name.endswith("embed_sum"):
                tensor.normal_()
    codec.save_pretrained(str(codec_dir), safe_serialization=True)
    EncodecFeatureExtractor(feature_size=1, sampling_rate=24000, padding_value=0.0).save_pretrained(str(codec_dir))
    return dest


def _build_xtts_vocab(path: Path) -> None:
    """XTTS's tokenizer file: coqui ships none for XTTS; the tortoise one plus the tokens XTTS looks up."""
    from importlib.resources import files

    from tokenizers import AddedToken, Tokenizer

    src = files("TTS.tts.utils.assets.tortoise").joinpath("tokenizer.json")
    tok = Tokenizer.from_str(src.read_text(encoding="utf-8"))
    extra = ["[START]", "[STOP]", "[UNK]", "[SPACE]", *(f"[{lang}]" for lang in _XTTS_LANGUAGES)]
    tok.add_special_tokens([AddedToken(t, special=True) for t in extra if tok.token_to_id(t) is None])
    tok.save(str(path))


def build_tiny_xtts(dest: Path, seed: int = 0) -> Path:
    """Write a random-weight XTTS-v2 checkpoint folder: config.json, model.pth, vocab.json."""
    import torch
    from TTS.tts.configs.xtts_config import XttsConfig
    from TTS.tts.layers.xtts.tokenizer import VoiceBpeTokenizer
    from TTS.tts.models.xtts import Xtts, XttsArgs

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(seed)
    vocab = dest / "vocab.json"
    _build_xtts_vocab(vocab)

    args = XttsArgs(
        gpt_layers=2,
        gpt_n_model_channels=64,
        gpt_n_heads=4,
        decoder_input_dim=64,  # must equal the GPT width
        gpt_max_audio_tokens=24,
        gpt_max_text_tokens=200,
        gpt_max_prompt_tokens=70,
        gpt_num_audio_tokens=1026,
        gpt_start_audio_token=1024,
        gpt_stop_audio_token=1025,
        gpt_use_perceiver_resampler=True,
        tokenizer_file=str(vocab),
    )
    config = XttsConfig(model_args=args, languages=list(_XTTS_LANGUAGES))
    config.model_dir = str(dest)
    model = Xtts(config)
    model.tokenizer = VoiceBpeTokenizer(vocab_file=str(vocab))
    model.init_models()  # builds the GPT now that the tokenizer says how many text tokens there are
    # The tokenizer decides the text-token ids; write them into the config the loader will read back.
    config.model_args.gpt_number_text_tokens = model.args.gpt_number_text_tokens
    config.model_args.gpt_start_text_token = model.args.gpt_start_text_token
    config.model_args.gpt_stop_text_token = model.args.gpt_stop_text_token
    config.model_args.tokenizer_file = ""  # load_checkpoint finds vocab.json in the checkpoint folder
    torch.save({"model": model.state_dict()}, dest / "model.pth")
    config.save_json(str(dest / "config.json"))
    return dest
