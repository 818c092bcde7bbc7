#!/bin/sh
# Unattended install of Redmine 5.0 (Debian 12 "redmine") with SQLite, served by thin on 127.0.0.1
# only. Adapted from ../shared/reference/desks/setup-redmine.sh. Idempotent and fast when Redmine is
# already installed and running. Creates (once) a project, a customer user, and one sample issue
# written as the customer with a staff note and a private note, through the REST API; writes
# $OUT/redmine.env (RM_BASE, RM_USER, RM_PASS, RM_SAMPLE_ISSUE, RM_VIEWER, RM_VIEWER_PASS) for the tests.
# Env: RM_PORT (default 3000), OUT (default <repo>/.desk-state). Root required.
set -eu
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RM_PORT="${RM_PORT:-3000}"
OUT="${OUT:-$ROOT/.desk-state}"
BASE="http://127.0.0.1:${RM_PORT}"
mkdir -p "$OUT"
export DEBIAN_FRONTEND=noninteractive

if [ "$(id -u)" != 0 ]; then
  echo "setup-redmine: root is needed to install Redmine (apt-get); skipping" >&2
  exit 2
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

if ! installed redmine || ! installed redmine-sqlite || ! installed thin; then
  debconf-set-selections <<EOF
redmine redmine/current-instances string default
redmine redmine/instances/default/dbconfig-install boolean true
redmine redmine/instances/default/database-type select sqlite3
redmine redmine/instances/default/db/basepath string /var/lib/dbconfig-common/sqlite3/redmine/instances/default
redmine redmine/instances/default/default-language select en
EOF
  echo "setup-redmine: installing redmine from Debian's packages (once)..."
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends redmine redmine-sqlite thin curl >/dev/null
fi

cd /usr/share/redmine
export RAILS_ENV=production X_DEBIAN_SITEID=default
# Stock trackers/statuses/roles/priorities, then enable the REST API (once, marked by a file).
# (`rails server` wants to mkdir /usr/share/redmine/tmp, read-only here: thin on config.ru instead.)
if [ ! -e /var/lib/redmine/default/.seeded ]; then
  REDMINE_LANG=en su -s /bin/sh www-data -p -c "bin/rake redmine:load_default_data" >/dev/null
  su -s /bin/sh www-data -p -c "bin/rails runner 'Setting.rest_api_enabled = \"1\"; Setting.login_required = \"1\"; User.where(login: \"admin\").update_all(must_change_passwd: false)'"
  mkdir -p /var/lib/redmine/default && touch /var/lib/redmine/default/.seeded
fi

if ! curl -fsS -o /dev/null "${BASE}/login" 2>/dev/null; then
  : > "$OUT/redmine-server.log"; chown www-data "$OUT/redmine-server.log"
  start-stop-daemon --start --background --make-pidfile --pidfile "$OUT/redmine-server.pid" \
    --chuid www-data --chdir /usr/share/redmine --output "$OUT/redmine-server.log" \
    --exec /usr/bin/thin -- start -R config.ru -e production -a 127.0.0.1 -p "${RM_PORT}"
  i=0; until curl -fsS -o /dev/null "${BASE}/login" 2>/dev/null; do
    i=$((i+1)); [ $i -gt 180 ] && { echo "Redmine did not start (see $OUT/redmine-server.log)" >&2; exit 1; }; sleep 1; done
fi

A="admin:admin"
J='Content-Type: application/json'
if ! curl -fsS -u "$A" -o /dev/null "${BASE}/projects/support.json" 2>/dev/null; then
  curl -fsS -u "$A" -H "$J" -o /dev/null -d '{"project":{"name":"Customer Support","identifier":"support","is_public":false,"tracker_ids":[1,2,3]}}' \
    "${BASE}/projects.json"
fi
# The customer as a Redmine user with the Reporter role, so the issue is created *as her*
# (X-Redmine-Switch-User) and she is the issue's author.
AID=$(curl -fsS -u "$A" "${BASE}/users.json?name=alice" | sed -n 's/.*"users":\[{"id":\([0-9]*\).*/\1/p')
if [ -z "$AID" ]; then
  curl -fsS -u "$A" -H "$J" -o /dev/null -d '{"user":{"login":"alice","firstname":"Alice","lastname":"Customer","mail":"alice.customer@example.org","password":"alice-pass-123"}}' \
    "${BASE}/users.json"
  AID=$(curl -fsS -u "$A" "${BASE}/users.json?name=alice" | sed -n 's/.*"users":\[{"id":\([0-9]*\).*/\1/p')
  RID=$(curl -fsS -u "$A" "${BASE}/roles.json" | sed -n 's/.*{"id":\([0-9]*\),"name":"Reporter"}.*/\1/p')
  curl -fsS -u "$A" -H "$J" -o /dev/null -d "{\"membership\":{\"user_id\":${AID},\"role_ids\":[${RID}]}}" \
    "${BASE}/projects/support/memberships.json"
fi

IID=$(curl -fsS -u "$A" "${BASE}/issues.json?project_id=support&status_id=*&sort=id&limit=1" |
  sed -n 's/^{"issues":\[{"id":\([0-9]*\).*/\1/p')
if [ -z "$IID" ]; then
  IID=$(curl -fsS -u "$A" -H "$J" -H "X-Redmine-Switch-User: alice" -d '{"issue":{"project_id":"support","tracker_id":3,"priority_id":3,"subject":"Order #48213 arrived damaged - need replacement","description":"Hello,\n\nMy order #48213 (blue kettle, 1.7 L) arrived today with a cracked lid and the box was crushed. Could you send a replacement or refund me?\n\nThanks,\nAlice Customer <alice.customer@example.org>"}}' \
    "${BASE}/issues.json" | sed -n 's/^{"issue":{"id":\([0-9]*\).*/\1/p')
  [ -n "$IID" ] || { echo "setup-redmine: the REST API created no issue" >&2; exit 1; }
  curl -fsS -u "$A" -H "$J" -X PUT -d '{"issue":{"notes":"Hi Alice, sorry about that! A replacement kettle ships tomorrow.","status_id":2}}' "${BASE}/issues/${IID}.json"
  curl -fsS -u "$A" -H "$J" -X PUT -d '{"issue":{"notes":"Internal: check warehouse packaging for batch 7.","private_notes":true}}' "${BASE}/issues/${IID}.json"
fi

# The project's own record (issue #16): categories, a target version, a list custom field and an agent
# who can be assigned, so the tests see values no code in Deskmate names. Once, marked by a file.
if [ ! -e /var/lib/redmine/default/.it-desk-done ]; then
  for c in Netzwerk Hardware Zugänge Software; do
    curl -fsS -u "$A" -H "$J" -o /dev/null -d "{\"issue_category\":{\"name\":\"$c\"}}" \
      "${BASE}/projects/support/issue_categories.json"
  done
  curl -fsS -u "$A" -H "$J" -o /dev/null -d '{"version":{"name":"2026.12"}}' "${BASE}/projects/support/versions.json"
  su -s /bin/sh www-data -p -c "bin/rails runner 'IssueCustomField.create!(name: \"Impact\", field_format: \"list\", possible_values: [\"Single user\", \"Team\", \"Department\", \"Whole company\"], is_for_all: true, trackers: Tracker.all); IssueCustomField.create!(name: \"Asset tag\", field_format: \"string\", is_for_all: true, trackers: Tracker.all)'"
  curl -fsS -u "$A" -H "$J" -o /dev/null -d '{"user":{"login":"max.agent","firstname":"Max","lastname":"Agent","mail":"max.agent@example.test","password":"max-pass-1234"}}' \
    "${BASE}/users.json"
  MID=$(curl -fsS -u "$A" "${BASE}/users.json?name=max.agent" | sed -n 's/.*"users":\[{"id":\([0-9]*\).*/\1/p')
  DID=$(curl -fsS -u "$A" "${BASE}/roles.json" | sed -n 's/.*{"id":\([0-9]*\),"name":"Developer"}.*/\1/p')
  curl -fsS -u "$A" -H "$J" -o /dev/null -d "{\"membership\":{\"user_id\":${MID},\"role_ids\":[${DID}]}}" \
    "${BASE}/projects/support/memberships.json"
  touch /var/lib/redmine/default/.it-desk-done
fi

# A member who may only look (issue #16: a write the user has no right to is reported): a "Viewer"
# role with the one permission view_issues, and vera.viewer in the project with it. Redmine's REST API
# cannot create roles, hence the runner. Checked each run, so an older setup gets it too.
if ! curl -fsS -u "$A" "${BASE}/roles.json" | grep -q '"name":"Viewer"'; then
  su -s /bin/sh www-data -p -c "bin/rails runner 'Role.create!(name: \"Viewer\", permissions: [:view_issues], assignable: false, issues_visibility: \"all\")'"
fi
VID=$(curl -fsS -u "$A" "${BASE}/users.json?name=vera.viewer" | sed -n 's/.*"users":\[{"id":\([0-9]*\).*/\1/p')
if [ -z "$VID" ]; then
  curl -fsS -u "$A" -H "$J" -o /dev/null -d '{"user":{"login":"vera.viewer","firstname":"Vera","lastname":"Viewer","mail":"vera.viewer@example.test","password":"vera-pass-1234"}}' \
    "${BASE}/users.json"
  VID=$(curl -fsS -u "$A" "${BASE}/users.json?name=vera.viewer" | sed -n 's/.*"users":\[{"id":\([0-9]*\).*/\1/p')
fi
if ! curl -fsS -u "$A" "${BASE}/projects/support/memberships.json?limit=100" | grep -q "\"id\":${VID},\"name\":\"Vera Viewer\""; then
  WID=$(curl -fsS -u "$A" "${BASE}/roles.json" | sed -n 's/.*{"id":\([0-9]*\),"name":"Viewer"}.*/\1/p')
  curl -fsS -u "$A" -H "$J" -o /dev/null -d "{\"membership\":{\"user_id\":${VID},\"role_ids\":[${WID}]}}" \
    "${BASE}/projects/support/memberships.json"
fi

cat > "$OUT/redmine.env" <<EOF
RM_BASE=${BASE}
RM_USER=admin
RM_PASS=admin
RM_SAMPLE_ISSUE=${IID}
RM_VIEWER=vera.viewer
RM_VIEWER_PASS=vera-pass-1234
EOF
echo "setup-redmine: Redmine 5 at ${BASE}, sample issue ${IID} (state in $OUT/redmine.env)"
