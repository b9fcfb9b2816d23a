#!/usr/bin/env bash
# Build avatar's container image with podman (README, "Container image"). Idempotent; re-runs reuse the
# base image and podman's layer cache.
#
#   scripts/build-image.sh                       # localhost/avatar:latest, CPU, this machine's architecture
#   IMAGE=localhost/avatar:arm64 PLATFORM=linux/arm64 scripts/build-image.sh   # needs qemu binfmt emulation
#   VARIANT=cuda IMAGE=localhost/avatar:cuda scripts/build-image.sh            # CUDA torch + onnxruntime-gpu
#   scripts/build-image.sh --no-cache            # extra arguments go to `podman build`
#
# What it does, each step only when needed:
#   1. installs podman and runc (and mmdebstrap, qemu-user-static when they are needed) with apt-get;
#   2. writes `default_ulimits = []` into /etc/containers/containers.conf (crun and runc fail on
#      setrlimit RLIMIT_NOFILE otherwise, on this machine class) and runs podman with runc;
#   3. picks the base: $BASE, else debian:bookworm-slim when present or pullable, else a local base made
#      from Debian's packages with mmdebstrap + podman import (localhost/debian-base:bookworm[-ARCH]);
#   4. hands the build this machine's pip settings (merged into one pip.conf, mounted as /etc/pip.conf)
#      and mounts every file and folder they name read-only at the same path, so pip inside the build
#      sees the same index, wheels, constraints and CA bundle as pip outside;
#   5. `podman build --format docker` (keeps HEALTHCHECK).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-localhost/avatar:latest}
VARIANT=${VARIANT:-cpu}
PLATFORM=${PLATFORM:-}
SUITE=bookworm
REGISTRY_BASE=docker.io/library/debian:bookworm-slim

log() { echo "build-image: $*" >&2; }
die() { log "$*"; exit 1; }

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then sudo="sudo -n"; fi
fi

apt_install() {  # apt_install PKG...: install the missing Debian packages, or fail saying what is needed
  local need=()
  for pkg in "$@"; do dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg"); done
  [ ${#need[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "no apt-get here: install ${need[*]} yourself"
  if [ "$(id -u)" -ne 0 ] && [ -z "$sudo" ]; then die "not root and no passwordless sudo: install ${need[*]}"; fi
  log "installing ${need[*]}"
  $sudo apt-get -o Acquire::Retries=5 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o Acquire::Retries=5 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

# 1. podman and an OCI runtime that works here.
if ! command -v podman >/dev/null 2>&1 || ! command -v runc >/dev/null 2>&1; then apt_install podman runc; fi
RUNTIME=${PODMAN_RUNTIME:-$(command -v runc || true)}
PODMAN=(podman)
[ -n "$RUNTIME" ] && PODMAN+=(--runtime "$RUNTIME")

# 2. containers.conf: no default ulimits (only as root, where podman reads /etc/containers).
CONF=/etc/containers/containers.conf
if [ -w /etc/containers ] || [ -n "$sudo" ]; then
  if ! grep -qs '^[[:space:]]*default_ulimits' "$CONF"; then
    log "writing default_ulimits = [] into $CONF"
    if grep -qs '^\[containers\]' "$CONF"; then
      $sudo sed -i 's/^\[containers\]/[containers]\ndefault_ulimits = []/' "$CONF"
    else
      printf '[containers]\ndefault_ulimits = []\n' | $sudo tee -a "$CONF" >/dev/null
    fi
  fi
fi

# Foreign architectures run their RUN steps under qemu through binfmt_misc.
host_arch=$(dpkg --print-architecture 2>/dev/null || uname -m)
arch=$host_arch
if [ -n "$PLATFORM" ]; then
  arch=${PLATFORM#linux/}; arch=${arch%%/*}
  if [ "$arch" != "$host_arch" ]; then
    apt_install qemu-user-static binfmt-support arch-test
    [ -e /proc/sys/fs/binfmt_misc/register ] || $sudo mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc \
      || die "binfmt_misc cannot be mounted here, so $PLATFORM cannot be emulated"
    qarch=$arch; [ "$arch" = arm64 ] && qarch=aarch64
    [ -e "/proc/sys/fs/binfmt_misc/qemu-$qarch" ] || $sudo update-binfmts --enable "qemu-$qarch" \
      || die "cannot register qemu-$qarch with binfmt_misc"
  fi
fi

have_image() { "${PODMAN[@]}" image exists "$1" 2>/dev/null && \
  [ "$("${PODMAN[@]}" image inspect --format '{{.Architecture}}' "$1" 2>/dev/null)" = "$arch" ]; }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pipconf=$tmp/pip.conf

# 3. The base image.
if [ -z "${BASE:-}" ]; then
  local_base=localhost/debian-base:$SUITE; [ "$arch" != "$host_arch" ] && local_base=$local_base-$arch
  if have_image "$REGISTRY_BASE"; then BASE=$REGISTRY_BASE
  elif have_image "$local_base"; then BASE=$local_base
  elif timeout 60 "${PODMAN[@]}" pull -q ${PLATFORM:+--platform "$PLATFORM"} "$REGISTRY_BASE" >/dev/null 2>&1; then
    BASE=$REGISTRY_BASE
  else
    log "no image registry reachable: making $local_base from Debian's packages (mmdebstrap)"
    apt_install mmdebstrap
    $sudo mmdebstrap --quiet --variant=apt --architectures="$arch" \
      --include=python3,python3-venv,ca-certificates,passwd \
      --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
      "$SUITE" "$tmp/rootfs.tar"
    "${PODMAN[@]}" import --quiet ${PLATFORM:+--arch "$arch"} \
      --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' "$tmp/rootfs.tar" "$local_base" >/dev/null
    BASE=$local_base
  fi
fi
log "base: $BASE"

# 4. pip's settings from this machine, for pip inside the build: lines of SRC:DEST, or PATH (the same inside).
fixed=()
if command -v python3 >/dev/null 2>&1; then
  while IFS= read -r line; do
    case $line in *:*) fixed+=(-v "$line:ro") ;; *) fixed+=(-v "$line:$line:ro") ;; esac
  done < <(python3 - "$pipconf" <<'EOF'
import os, subprocess, sys
out = subprocess.run([sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True).stdout
files, env = {}, {}
for line in out.splitlines():
    name, _, value = line.partition("=")
    scope, _, key = name.partition(".")
    value = value.strip().strip("'\"")
    if key and value:
        (env if scope == ":env:" else files)[key] = value
settings = {**files, **env}  # PIP_* variables override config files
if settings:
    with open(sys.argv[1], "w") as conf:
        conf.write("[global]\n" + "".join(f"{k} = {v}\n" for k, v in sorted(settings.items())))
    print(sys.argv[1] + ":/etc/pip.conf")
paths = set()
for value in settings.values():
    for token in value.split():
        token = token.removeprefix("file://")
        if token.startswith("/") and os.path.exists(token):
            token = token.rstrip("/") or token
            # a local index's pages (PREFIX/simple/NAME/) link to files beside it (PREFIX/files/)
            paths.add(os.path.dirname(token) if os.path.basename(token) == "simple" else token)
for path in sorted(paths):
    print(path)
EOF
)
fi
# The PyTorch CPU index: used where reachable; otherwise the configured index must carry the CPU torch.
build_args=(--build-arg "BASE=$BASE" --build-arg "VARIANT=$VARIANT")
if [ -n "${TORCH_INDEX+x}" ]; then build_args+=(--build-arg "TORCH_INDEX=$TORCH_INDEX")
elif [ "$VARIANT" = cpu ] && ! python3 -c 'import urllib.request; urllib.request.urlopen("https://download.pytorch.org/whl/cpu/", timeout=10)' 2>/dev/null; then
  log "download.pytorch.org unreachable: torch comes from the configured package index"
  build_args+=(--build-arg "TORCH_INDEX=none")
fi
[ -n "${TORCH_SPEC:-}" ] && build_args+=(--build-arg "TORCH_SPEC=$TORCH_SPEC")

# 5. Build.
log "building $IMAGE (variant $VARIANT${PLATFORM:+, $PLATFORM})"
start=$(date +%s)
"${PODMAN[@]}" build --format docker --network host ${PLATFORM:+--platform "$PLATFORM"} \
  "${fixed[@]}" "${build_args[@]}" -t "$IMAGE" -f Containerfile "$@" .
log "built $IMAGE in $(( $(date +%s) - start )) s; $("${PODMAN[@]}" image inspect --format '{{.Size}}' "$IMAGE") bytes"
