#!/usr/bin/env bash
# Bring up a real libvirt (9.0.0 on Debian 12) to serve as a test oracle.
# Idempotent: what is already installed, running or created is left as it is.
# Records what it starts/creates under .cache/oracle/ so teardown.sh undoes exactly that.
# Exits non-zero with a one-line reason when libvirt cannot be installed or started;
# callers then skip the oracle tests and say why.
set -u

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
STATE="${ORACLE_STATE_DIR:-$ROOT/.cache/oracle}"
URI="qemu:///system"
BRIDGES="br0"                          # forward mode='bridge' networks need an existing bridge
# Stand-ins for physical NICs in direct/pool networks: 'dummy' links, or (this kernel has no
# dummy driver) empty bridges, which take macvtap devices in every mode and a new MAC address
# (passthrough sets the NIC's MAC). Not veth: libvirt follows IFLA_LINK to find the physical
# device for 802.1Qbg and a veth pair points at each other, so libvirtd loops forever;
# not ifb: it refuses a MAC change.
NICS="ordev0 ordev1 ordev2 ordev3"

die() { echo "oracle setup: $*" >&2; exit 1; }
log() { echo "oracle setup: $*"; }

[ "$(id -u)" = 0 ] || die "must run as root (libvirt's system daemon and network links need it)"
mkdir -p "$STATE" || die "cannot create state dir $STATE"

# --- 1. packages --------------------------------------------------------------
# dnsmasq-base: NAT/route networks with <ip> start it; iptables: NAT/route add firewall rules.
PKGS="libvirt-daemon libvirt-clients libvirt-daemon-driver-qemu qemu-system-x86 dnsmasq-base iptables iproute2"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  log "installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >"$STATE/apt.log" 2>&1 || die "apt-get update failed (see $STATE/apt.log)"
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing >>"$STATE/apt.log" 2>&1 \
    || die "apt-get install failed (see $STATE/apt.log)"
fi
command -v libvirtd >/dev/null && command -v virtlogd >/dev/null && command -v virsh >/dev/null \
  || die "libvirtd/virtlogd/virsh not found after install"

# --- 2. accounts the QEMU driver insists on, even when running as root --------------
getent group kvm >/dev/null || groupadd -r kvm || die "groupadd kvm failed"
getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu || die "groupadd libvirt-qemu failed"
getent passwd libvirt-qemu >/dev/null \
  || useradd -r -g libvirt-qemu -G kvm -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu \
  || die "useradd libvirt-qemu failed"

# /dev/kvm here is root:root 0600 (no udev to apply Debian's root:kvm 0660). libvirt then sees
# KVM "enabled when probed but not usable by libvirt-qemu", throws its QEMU capability cache
# away and re-probes QEMU on every domain define: ~35 s instead of milliseconds.
# Give it the usual udev permissions; teardown.sh restores what was there.
if [ -c /dev/kvm ] && [ "$(stat -c %G /dev/kvm)" != kvm ]; then
  [ -f "$STATE/kvm-perms" ] || stat -c '%u:%g %a' /dev/kvm >"$STATE/kvm-perms"
  chgrp kvm /dev/kvm && chmod 0660 /dev/kvm || die "cannot set /dev/kvm to root:kvm 0660"
  log "/dev/kvm set to root:kvm 0660 (was $(cat "$STATE/kvm-perms"))"
fi

# The daemon's sockets as a distribution gives them to the 'libvirt' group (Debian's
# libvirt-daemon-system: unix_sock_group "libvirt", no polkit): members connect, others are
# refused by the socket's permissions. Without it, the polkit build here refuses every non-root
# user (no D-Bus), and the tests of the libvirt group could not tell a member from an outsider.
# Read-only socket restricted as well (0770), as hardened hosts do: the plain-permission case.
getent group libvirt >/dev/null || groupadd -r libvirt || die "groupadd libvirt failed"
cat >"$STATE/libvirtd.conf" <<'CONF'
unix_sock_group = "libvirt"
unix_sock_ro_perms = "0770"
unix_sock_rw_perms = "0770"
auth_unix_ro = "none"
auth_unix_rw = "none"
CONF

# --- 3. daemons -------------------------------------------------------------------
# alive NAME: the PID recorded in $STATE/NAME.pid still runs that program.
alive() {
  local pid
  pid="$(cat "$STATE/$1.pid" 2>/dev/null)" || return 1
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ]
}
# start NAME ARGS...: run in its own session (so it outlives this shell and our caller's
# process group) unless already running; an instance we did not start is left alone.
start() {
  local name="$1"; shift
  if alive "$name"; then log "$name already running (pid $(cat "$STATE/$name.pid"))"; return; fi
  if pgrep -x "$name" >/dev/null; then log "$name already running (not ours, left alone)"; rm -f "$STATE/$name.pid"; return; fi
  # Non-interactive shell: the background child is no group leader, so setsid execs in place
  # and $! is the daemon's own PID.
  setsid "$name" "$@" </dev/null >"$STATE/$name.log" 2>&1 &   # a fresh log per start
  echo $! >"$STATE/$name.pid"
  log "started $name (pid $!)"
}
start virtlogd
sleep 0.3
start libvirtd --config "$STATE/libvirtd.conf"

# Wait (bounded) until the QEMU driver answers. Poll with the cheap 'list' (10 ms); 'version'
# probes host capabilities (dmidecode, qemu) and takes ~4 s, so it is asked once, at the end.
deadline=$((SECONDS + ${ORACLE_START_TIMEOUT:-60}))
until timeout 10 virsh -c "$URI" list --all >/dev/null 2>&1; do
  if [ -f "$STATE/libvirtd.pid" ] && ! alive libvirtd; then
    die "libvirtd exited during start-up (see $STATE/libvirtd.log)"
  fi
  [ $SECONDS -lt $deadline ] || die "libvirtd did not answer 'virsh -c $URI list' within ${ORACLE_START_TIMEOUT:-60}s (see $STATE/libvirtd.log)"
  sleep 0.3
done
timeout 60 virsh -c "$URI" version >"$STATE/version" 2>&1 \
  || die "'virsh -c $URI version' failed: $(tail -1 "$STATE/version")"

# --- 4. network links the test networks refer to ----------------------------------------
touch "$STATE/links"
mklink() {  # mklink NAME TYPE [ARGS...]
  local name="$1"; shift
  if ! ip link show "$name" >/dev/null 2>&1; then
    ip link add "$name" type "$@" || die "ip link add $name type $* failed"
    grep -qx "$name" "$STATE/links" || echo "$name" >>"$STATE/links"
    log "created link $name ($1)"
  fi
  ip link set "$name" up || die "ip link set $name up failed"
}
for b in $BRIDGES; do mklink "$b" bridge; done
if ip link add ordevprobe type dummy 2>/dev/null; then ip link del ordevprobe; NICTYPE=dummy; else NICTYPE=bridge; fi
for n in $NICS; do mklink "$n" "$NICTYPE"; done

log "ready: $(grep -i 'using library\|running hypervisor' "$STATE/version" | tr -s '\n ' ' ')"
