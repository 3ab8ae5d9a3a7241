#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (gnome-keyring) on a private
# D-Bus session, so keyring tests touch a real keyring and never the user's own.
# Where gnome-keyring is absent the command runs as it is (keyring tests then skip,
# or fail under CI=true).
set -euo pipefail
if ! command -v gnome-keyring-daemon >/dev/null || ! command -v dbus-run-session >/dev/null; then
  exec "$@"
fi
if [[ "${RMI360_KEYRING_SESSION:-}" != "1" ]]; then
  export RMI360_KEYRING_SESSION=1
  # A throw-away home for the keyring files keeps the user's own keyring untouched.
  export XDG_DATA_HOME; XDG_DATA_HOME=$(mktemp -d)
  trap 'rm -rf "$XDG_DATA_HOME"' EXIT
  dbus-run-session -- "$0" "$@"
  exit $?
fi
# Inside the private session: start the daemon with the secrets component, unlocked.
eval "$(printf 'rmi360-test-keyring\n' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
exec "$@"
