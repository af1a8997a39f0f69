#!/usr/bin/env bash
# Debian's packages for `make cluster`, `make test-cluster` and `make bench-cluster`: nginx,
# PostgreSQL, Redis, openssl (test certificates) and systemd-analyze (unit checks).
# Installs only what is missing. The packages' own default services are not started: the
# cluster runs its own instances on its own ports, with data under var/cluster/.
set -euo pipefail

need=()
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || need+=(nginx)
command -v redis-server >/dev/null || need+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || need+=(postgresql)
command -v openssl >/dev/null || need+=(openssl)
command -v systemd-analyze >/dev/null || need+=(systemd)
command -v runuser >/dev/null || need+=(util-linux)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "The cluster needs these Debian packages: ${need[*]}"
  echo "Install them as root: apt-get install -y ${need[*]}"
  exit 1
fi
echo "Installing ${need[*]} (Debian packages) ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Don't let the packages start their default services (PostgreSQL on 5432, Redis on 6379, nginx on 80).
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=1
fi
trap '[ "$own_policy" = 1 ] && rm -f "$policy"' EXIT
if [[ " ${need[*]} " == *" postgresql "* ]]; then
  # ... nor create PostgreSQL's default cluster: `make cluster` makes its own under var/cluster/.
  apt-get install -y -qq --no-install-recommends postgresql-common >/dev/null
  sed -i 's/^#\?\s*create_main_cluster.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf
fi
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "Installed ${need[*]}."
