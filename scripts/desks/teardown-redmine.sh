#!/bin/sh
# Stop the Redmine server started by setup-redmine.sh and purge what it installed.
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${OUT:-$ROOT/.desk-state}"
[ -f "$OUT/redmine-server.pid" ] && kill "$(cat "$OUT/redmine-server.pid")" 2>/dev/null
rm -f "$OUT/redmine-server.pid" "$OUT/redmine.env"
export DEBIAN_FRONTEND=noninteractive
apt-get purge --autoremove -y -qq redmine redmine-sqlite thin >/dev/null
rm -rf /var/lib/redmine /etc/redmine /var/lib/dbconfig-common/sqlite3/redmine /var/log/redmine /var/cache/redmine
/usr/share/debconf/fix_db.pl >/dev/null 2>&1 || true
