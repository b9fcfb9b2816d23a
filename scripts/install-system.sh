#!/usr/bin/env bash
# System packages the test suite uses, from Debian's archive: chromium and its driver (the studio's
# browser test drives a real headless Chromium; nothing is downloaded at test time), strace and espeak-ng.
# Installs only what is missing, and only where apt-get can run (root, or sudo without a password);
# elsewhere it says what to install and the browser test skips with the same reason.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
# strace: the decode boundary's property test watches every file ffmpeg opens
command -v strace >/dev/null 2>&1 || need+=(strace)
# espeak-ng: the conversation tests speak their questions with a voice that is not piper's
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
if [ ${#need[@]} -eq 0 ]; then
  echo "install-system: chromium, chromedriver, strace and espeak-ng present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system: no apt-get here; install ${need[*]} yourself for the browser test" >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
    echo "install-system: not root and no passwordless sudo; install ${need[*]} for the browser test" >&2
    exit 0
  fi
fi
echo "install-system: installing ${need[*]}"
$sudo apt-get -o Acquire::Retries=5 update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get -o Acquire::Retries=5 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
