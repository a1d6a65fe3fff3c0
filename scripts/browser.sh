#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the editor test, and prints its path.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
	echo "[browser] installing Debian's chromium (first time only)" >&2
	export DEBIAN_FRONTEND=noninteractive
	sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
	$sudo_cmd apt-get update -qq >&2
	$sudo_cmd apt-get install -y -qq --no-install-recommends chromium >&2
fi
command -v chromium
