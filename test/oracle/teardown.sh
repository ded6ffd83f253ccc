#!/usr/bin/env bash
# Undo setup.sh: remove leftover oracle networks/domains, stop the daemons setup.sh started
# (by recorded PID only), delete the links it created. Safe to run twice.
set -u

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
STATE="${ORACLE_STATE_DIR:-$ROOT/.cache/oracle}"
URI="qemu:///system"
PREFIX="oracle-"   # name prefix libvirtOracle.ts gives its networks, domains, pools and filters
log() { echo "oracle teardown: $*"; }

alive() {
  local pid
  pid="$(cat "$STATE/$1.pid" 2>/dev/null)" || return 1
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ]
}

# Leftovers of interrupted runs (only ours, by prefix), while libvirtd still answers.
# Every virsh call is bounded: a wedged libvirtd must not stop the teardown.
V="timeout 20 virsh -c $URI"
if command -v virsh >/dev/null && $V list --all >/dev/null 2>&1; then
  for d in $($V list --all --name 2>/dev/null | grep "^$PREFIX"); do
    $V destroy "$d" >/dev/null 2>&1; $V undefine "$d" >/dev/null 2>&1
    log "removed domain $d"
  done
  for n in $($V net-list --all --name 2>/dev/null | grep "^$PREFIX"); do
    $V net-destroy "$n" >/dev/null 2>&1; $V net-undefine "$n" >/dev/null 2>&1
    log "removed network $n"
  done
  for p in $($V pool-list --all --name 2>/dev/null | grep "^$PREFIX"); do
    for v in $($V vol-list --pool "$p" 2>/dev/null | awk 'NR > 2 && NF { print $1 }'); do $V vol-delete --pool "$p" "$v" >/dev/null 2>&1; done
    $V pool-destroy "$p" >/dev/null 2>&1; $V pool-undefine "$p" >/dev/null 2>&1
    log "removed storage pool $p"
  done
  for f in $($V nwfilter-list 2>/dev/null | awk 'NR > 2 && NF { print $2 }' | grep "^$PREFIX"); do
    $V nwfilter-undefine "$f" >/dev/null 2>&1
    log "removed network filter $f"
  done
elif alive libvirtd; then
  log "libvirtd does not answer; stopping it anyway. Leftover oracle-* objects (if any) come back"
  log "with the next setup.sh, and that run's teardown.sh removes them."
fi

stopped_libvirtd=no
stop() {
  local name="$1" pid
  if alive "$name"; then
    [ "$name" = libvirtd ] && stopped_libvirtd=yes
    pid="$(cat "$STATE/$name.pid")"
    kill -TERM "$pid"
    for _ in $(seq 50); do alive "$name" || break; sleep 0.2; done
    if alive "$name"; then kill -KILL "$pid"; log "killed $name (pid $pid)"; else log "stopped $name (pid $pid)"; fi
  fi
  rm -f "$STATE/$name.pid"
}
stop libvirtd      # first: it talks to virtlogd
stop virtlogd

# libvirt leaves a /run/libvirt/network/NAME/ directory (and dnsmasq pid files) behind for
# every network it ran, even after net-undefine; ours pile up by the hundred. Remove them once
# the daemon that owns them is gone.
if [ "$stopped_libvirtd" = yes ]; then
  rm -rf /run/libvirt/network/"$PREFIX"* /var/lib/libvirt/dnsmasq/"$PREFIX"*
fi

if [ -f "$STATE/links" ]; then
  while read -r l; do
    [ -n "$l" ] && ip link del "$l" 2>/dev/null && log "deleted link $l"
  done <"$STATE/links"
  rm -f "$STATE/links"
fi
if [ -f "$STATE/kvm-perms" ]; then
  read -r owner mode <"$STATE/kvm-perms"
  chown "$owner" /dev/kvm && chmod "$mode" /dev/kvm && log "restored /dev/kvm to $owner $mode"
  rm -f "$STATE/kvm-perms"
fi
exit 0
