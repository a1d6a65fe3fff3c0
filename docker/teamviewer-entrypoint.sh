#!/bin/sh
# Entry point of docker/Dockerfile's image: puts the TeamViewer pack baked into the image into n8n's
# nodes folder, then hands over to the official image's entry point unchanged.
#
# Why on every start: the image already has the pack in /home/node/.n8n/nodes, but a volume mounted at
# /home/node/.n8n hides that folder. Docker seeds a *new* named volume from the image once and never
# again, so after an image upgrade the volume would keep the old pack. Copying the image's copy (about
# 90 small files) over the one in the user folder on each start keeps the two equal. Nothing else in the
# nodes folder is touched (packages installed from the editor stay as they are).
set -eu

pack_dir="${TEAMVIEWER_PACK_DIR:-/opt/n8n-nodes-teamviewer}"
nodes_dir="${N8N_USER_FOLDER:-$HOME}/.n8n/nodes"
target="$nodes_dir/node_modules/n8n-nodes-teamviewer"

mkdir -p "$nodes_dir/node_modules"
# n8n's own installer expects this file in the nodes folder (it records its installs there).
[ -f "$nodes_dir/package.json" ] || printf '{\n  "name": "installed-nodes",\n  "private": true,\n  "dependencies": {}\n}\n' > "$nodes_dir/package.json"
# Copied next to the target first, under a name n8n's scan (n8n-nodes-*) does not pick up.
staging="$nodes_dir/.teamviewer-pack.new"
rm -rf "$staging"
cp -R "$pack_dir" "$staging"
rm -rf "$target"
mv "$staging" "$target"

exec "${TEAMVIEWER_NEXT_ENTRYPOINT:-/docker-entrypoint.sh}" "$@"
