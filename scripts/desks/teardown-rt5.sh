#!/bin/sh
# Stop the RT server started by setup-rt5.sh and purge everything it installed.
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${OUT:-$ROOT/.desk-state}"
[ -f "$OUT/rt-server.pid" ] && kill "$(cat "$OUT/rt-server.pid")" 2>/dev/null
rm -f "$OUT/rt-server.pid" "$OUT/rt5.env"
export DEBIAN_FRONTEND=noninteractive
echo "request-tracker5 request-tracker5/dbconfig-remove boolean true" | debconf-set-selections
echo "request-tracker5 request-tracker5/purge boolean true" | debconf-set-selections
apt-get purge --autoremove -y -qq request-tracker5 rt5-db-sqlite rt5-standalone rt5-clients >/dev/null
rm -rf /var/lib/dbconfig-common/sqlite3/request-tracker5 /var/lib/request-tracker5 /etc/request-tracker5
# drop orphaned preseed templates so a re-run can preseed again
/usr/share/debconf/fix_db.pl >/dev/null 2>&1 || true
