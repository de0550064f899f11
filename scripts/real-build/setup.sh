#!/usr/bin/env bash
# Prerequisites of the real-build suite (npm run test:build): buildah and debootstrap, a local Debian base image that
# every `FROM <image>` of a built case is mapped to, and the same with Node.js and npm for `FROM node...`.
# Idempotent: each step is skipped when its result exists.
#   LAYERFIX_BASE_IMAGE  the image name        (default localhost/layerfix-base:bookworm)
#   LAYERFIX_NODE_IMAGE  the Node.js image     (default localhost/layerfix-base-node:bookworm)
#   LAYERFIX_BASE_CACHE  the debootstrap cache (default /var/tmp/layerfix-base-bookworm.tar)
#   LAYERFIX_MIRROR      the Debian mirror     (default: read from the machine's apt sources)
set -euo pipefail

IMAGE="${LAYERFIX_BASE_IMAGE:-localhost/layerfix-base:bookworm}"
NODE_IMAGE="${LAYERFIX_NODE_IMAGE:-localhost/layerfix-base-node:bookworm}"
CACHE="${LAYERFIX_BASE_CACHE:-/var/tmp/layerfix-base-bookworm.tar}"
SUITE=bookworm
STORAGE=(--storage-driver overlay)
# Bumped whenever what goes into the image changes; an image with another recipe is rebuilt.
RECIPE=3
start=$SECONDS
step() { echo "real-build setup: $*"; }

if [ "$(id -u)" -ne 0 ]; then
  echo "real-build setup: must run as root (buildah's chroot isolation and debootstrap need it)" >&2
  exit 1
fi

missing=()
command -v buildah >/dev/null || missing+=(buildah)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
  t=$SECONDS
  step "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  step "installed ${missing[*]} in $((SECONDS - t)) s"
else
  step "buildah $(buildah --version | awk '{print $3}') and debootstrap already installed"
fi

# Whether image $1 exists with this recipe; removes one with another recipe.
current() {
  [ -n "$(buildah "${STORAGE[@]}" images --quiet --filter "reference=$1" 2>/dev/null)" ] || return 1
  local have
  have=$(buildah "${STORAGE[@]}" inspect --type image --format '{{index .Docker.Config.Labels "layerfix.base-recipe"}}' "$1" 2>/dev/null || true)
  if [ "$have" = "$RECIPE" ]; then return 0; fi
  step "image $1 has recipe '${have}', not $RECIPE: rebuilding it"
  buildah "${STORAGE[@]}" rmi --force "$1" >/dev/null
  return 1
}

# The Debian mirror the machine itself uses: the first deb URI of the apt sources (deb822 .sources or one-line .list).
mirror() {
  if [ -n "${LAYERFIX_MIRROR:-}" ]; then echo "$LAYERFIX_MIRROR"; return; fi
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # deb822 stanzas: the URIs of a stanza whose Suites name the release (not -security).
    uri=$(awk -v suite="$SUITE" '
      BEGIN { RS = ""; FS = "\n" }
      {
        uris = ""; ok = 0; deb = 0
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", $i); split($i, u, /[ \t]+/); uris = u[1] }
          if ($i ~ /^Suites:/ && $i ~ ("[ \t]" suite "([ \t]|$)")) ok = 1
          if ($i ~ /^Types:/ && $i ~ /[ \t]deb([ \t]|$)/) deb = 1
        }
        if (ok && deb && uris != "") { print uris; exit }
      }' "$f")
    if [ -n "$uri" ]; then echo "$uri"; return; fi
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri=$(awk -v suite="$SUITE" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { if ($(i+1) == suite) { print $i; exit } break } }' "$f")
    if [ -n "$uri" ]; then echo "$uri"; return; fi
  done
}

# The base image: debootstrap's minbase tree (cached as a tarball), imported with owners and modes kept.
make_base() {
  local t url root ctr mnt
  if [ ! -s "$CACHE" ]; then
    t=$SECONDS
    url=$(mirror)
    if [ -z "$url" ]; then
      echo "real-build setup: no Debian $SUITE mirror in /etc/apt/sources.list{,.d/*}; set LAYERFIX_MIRROR" >&2
      exit 1
    fi
    root=$(mktemp -d /var/tmp/layerfix-debootstrap.XXXXXX)
    trap 'rm -rf "$root"' EXIT
    step "debootstrap --variant=minbase $SUITE from $url"
    if ! debootstrap --variant=minbase "$SUITE" "$root" "$url" >"$root.log" 2>&1; then
      tail -n 30 "$root.log" >&2
      echo "real-build setup: debootstrap failed (log: $root.log)" >&2
      exit 1
    fi
    rm -f "$root.log"
    # Leave the downloaded packages out of the image.
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    tar --numeric-owner --xattrs --xattrs-include='*' -C "$root" -cf "$CACHE.tmp" .
    mv "$CACHE.tmp" "$CACHE"
    rm -rf "$root"
    trap - EXIT
    step "debootstrap done in $((SECONDS - t)) s, cached in $CACHE ($(du -h "$CACHE" | cut -f1))"
  else
    step "using the cached debootstrap tree $CACHE"
  fi

  t=$SECONDS
  ctr=$(buildah "${STORAGE[@]}" from scratch)
  cleanup() { buildah "${STORAGE[@]}" rm "$ctr" >/dev/null 2>&1 || true; }
  trap cleanup EXIT
  mnt=$(buildah "${STORAGE[@]}" mount "$ctr")
  tar --numeric-owner --xattrs --xattrs-include='*' --same-permissions -C "$mnt" -xf "$CACHE"
  # apt settings like those of the official debian images, which the built Dockerfiles name: no translations, package
  # lists kept compressed, downloaded packages deleted after each install. (Also what keeps a build's layer small.)
  cat >"$mnt/etc/apt/apt.conf.d/90layerfix-base" <<'CONF'
// Set by layerfix's scripts/real-build/setup.sh.
Acquire::Languages "none";
Acquire::GzipIndexes "true";
APT::AutoRemove::SuggestsImportant "false";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
CONF
  # dpkg without fsync, as in the official images: a container layer is thrown away on a crash anyway.
  echo force-unsafe-io >"$mnt/etc/dpkg/dpkg.cfg.d/90layerfix-base"
  buildah "${STORAGE[@]}" umount "$ctr" >/dev/null
  buildah "${STORAGE[@]}" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --cmd /bin/bash \
    --label "layerfix.base-recipe=$RECIPE" "$ctr"
  buildah "${STORAGE[@]}" commit --quiet --format docker "$ctr" "$IMAGE" >/dev/null
  buildah "${STORAGE[@]}" rm "$ctr" >/dev/null
  trap - EXIT
  step "imported and committed $IMAGE in $((SECONDS - t)) s"
}

# Node.js and npm from Debian on the base, for `FROM node...` (an npm ci reaches the npm registry through the
# machine's extra CA certificates, which the image trusts).
make_node_base() {
  local t=$SECONDS dir
  dir=$(mktemp -d /var/tmp/layerfix-node-base.XXXXXX)
  mkdir "$dir/ca"
  cp /usr/local/share/ca-certificates/*.crt "$dir/ca/" 2>/dev/null || true
  cat >"$dir/Containerfile" <<CONTAINERFILE
FROM $IMAGE
COPY ca/ /usr/local/share/ca-certificates/
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm ca-certificates && rm -rf /var/lib/apt/lists/*
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
LABEL layerfix.base-recipe=$RECIPE
CONTAINERFILE
  if ! buildah "${STORAGE[@]}" bud --isolation chroot --pull=never --format docker --layers=false --force-rm \
      -t "$NODE_IMAGE" -f "$dir/Containerfile" "$dir" >"$dir.log" 2>&1; then
    tail -n 30 "$dir.log" >&2
    echo "real-build setup: building $NODE_IMAGE failed (log: $dir.log)" >&2
    rm -rf "$dir"
    exit 1
  fi
  rm -rf "$dir" "$dir.log"
  local probe version
  probe=$(buildah "${STORAGE[@]}" from --quiet --pull-never "$NODE_IMAGE")
  version=$(buildah "${STORAGE[@]}" run --isolation chroot "$probe" -- node --version 2>/dev/null || echo '?')
  buildah "${STORAGE[@]}" rm "$probe" >/dev/null
  step "built $NODE_IMAGE (Node.js $version) in $((SECONDS - t)) s"
}

if current "$IMAGE"; then step "base image $IMAGE already present (recipe $RECIPE)"; else make_base; fi
if current "$NODE_IMAGE"; then step "Node.js image $NODE_IMAGE already present (recipe $RECIPE)"; else make_node_base; fi
step "done in $((SECONDS - start)) s"
