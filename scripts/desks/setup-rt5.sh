#!/bin/sh
# Unattended install of Request Tracker 5 (Debian 12 "request-tracker5") with SQLite, served by RT's
# own standalone Plack server on 127.0.0.1 only. Adapted from ../shared/reference/desks/setup-rt5.sh.
# Idempotent and fast when RT is already installed and running: the e2e tests and
# scripts/desks/save-fixtures.sh call it. Creates one sample ticket (an inbound e-mail through
# rt-mailgate, then a staff reply and an internal comment through REST2) once, and writes
# $OUT/rt5.env (RT_BASE, RT_PASS, RT_SAMPLE_TICKET) for the tests.
#
# Env: RT_PORT (default 8080), RT_PASS (root password, default "password"), OUT (default <repo>/.desk-state)
set -eu
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RT_PORT="${RT_PORT:-8080}"
RT_PASS="${RT_PASS:-password}"
OUT="${OUT:-$ROOT/.desk-state}"
BASE="http://127.0.0.1:${RT_PORT}"
mkdir -p "$OUT"
export DEBIAN_FRONTEND=noninteractive

if [ "$(id -u)" != 0 ]; then
  echo "setup-rt5: root is needed to install Request Tracker 5 (apt-get); skipping" >&2
  exit 2
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

if ! installed request-tracker5 || ! installed rt5-standalone || ! installed rt5-clients || ! installed sqlite3; then
  # debconf preseed (the package's own templates + dbconfig-common's)
  debconf-set-selections <<EOF
request-tracker5 request-tracker5/rtname string rt.example.test
request-tracker5 request-tracker5/organization string example.test
request-tracker5 request-tracker5/correspondaddress string support@example.test
request-tracker5 request-tracker5/commentaddress string support-comment@example.test
request-tracker5 request-tracker5/webbaseurl string ${BASE}
request-tracker5 request-tracker5/webpath string /rt
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/initial-root-password password ${RT_PASS}
request-tracker5 request-tracker5/dbconfig-install boolean true
request-tracker5 request-tracker5/database-type select sqlite3
request-tracker5 request-tracker5/db/dbname string rtdb
request-tracker5 request-tracker5/db/basepath string /var/lib/dbconfig-common/sqlite3/request-tracker5
exim4-config exim4/dc_eximconfig_configtype select local delivery only; not on a network
EOF
  echo "setup-rt5: installing request-tracker5 from Debian's packages (once)..."
  apt-get update -qq
  # no recommends: no apache, no cron, no w3m
  apt-get install -y -qq --no-install-recommends \
    request-tracker5 rt5-db-sqlite rt5-standalone rt5-clients curl sqlite3 >/dev/null
fi

# Log in over plain http on loopback; RT mounted at the root of 127.0.0.1:PORT (rt-server mounts at /).
CONF=/etc/request-tracker5/RT_SiteConfig.d/90-local-test.pm
cat > "$CONF.new" <<EOF
Set(\$WebSecureCookies, 0);
Set(\$LogToSTDERR, 'warning');
Set(\$DisallowExecuteCode, 1);
Set(\$WebPath, '');
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPort, ${RT_PORT});
Set(\$WebBaseURL, '${BASE}');
EOF
if ! cmp -s "$CONF.new" "$CONF" 2>/dev/null; then mv "$CONF.new" "$CONF"; else rm -f "$CONF.new"; fi
# the (comment-only) main file is installed 0600 root; www-data must read it
chmod 644 /etc/request-tracker5/RT_SiteConfig.pm
chown root:www-data "$CONF"
chmod 640 "$CONF"

# Let unauthenticated e-mail senders open/reply to tickets in queue General (RT's stock ACLs do not
# grant this); once, marked by a file.
if [ ! -e /var/lib/request-tracker5/.everyone-acl-done ]; then
  cat > /tmp/rt5-everyone-acl.pl <<'EOF'
@ACL = map { { GroupDomain => 'SystemInternal', GroupType => 'Everyone',
               Queue => 'General', Right => $_ } }
       qw(CreateTicket ReplyToTicket CommentOnTicket SeeQueue);
1;
EOF
  rt-setup-database-5 --action insert --datafile /tmp/rt5-everyone-acl.pl >/dev/null
  rm -f /tmp/rt5-everyone-acl.pl
  mkdir -p /var/lib/request-tracker5 && touch /var/lib/request-tracker5/.everyone-acl-done
fi

# An IT desk, as a real team has one (issue #16): its own queues, custom fields and agents, so the tests
# see values no code in Deskmate names. Once, marked by a file; RT's own initialdata format.
if [ ! -e /var/lib/request-tracker5/.it-desk-done ]; then
  cat > /tmp/rt5-it-desk.pl <<'EOF'
@Queues = map { { Name => $_, Description => "$_ requests" } } qw(Network Hardware Access Software Legal);
my @desk = qw(General Network Hardware Access Software Legal);
@CustomFields = (
  { Name => 'Service', Type => 'SelectSingle', Queue => [@desk],
    Values => [ map { { Name => $_ } } ('E-mail', 'VPN', 'Wi-Fi', 'Printing', 'Laptop', 'Telefonie (Büro)') ] },
  { Name => 'Affected systems', Type => 'SelectMultiple', Queue => [@desk],
    Values => [ map { { Name => $_ } } ('Exchange', 'Active Directory', 'Firewall', 'File server') ] },
  { Name => 'Asset tag', Type => 'FreeformSingle', Queue => [@desk] },
  { Name => 'Incident date', Type => 'Date', MaxValues => 1, Queue => [@desk] },
);
@Users = (
  { Name => 'nina.network', RealName => 'Nina Network', EmailAddress => 'nina@example.test', Privileged => 1, Password => 'password1' },
  { Name => 'harald.hardware', RealName => 'Harald Hardware', EmailAddress => 'harald@example.test', Privileged => 1, Password => 'password1' },
  # Sees tickets, may change none: the "no rights" case of the e2e tests.
  { Name => 'vera.viewer', RealName => 'Vera Viewer', EmailAddress => 'vera@example.test', Privileged => 1, Password => 'password1' },
  # The customer of the IT desk's tickets, with the name RT shows (REST2 would create a user from the
  # bare address, and the mail gateway never adds a name to an existing user).
  { Name => 'bruno.client@example.org', RealName => 'Bruno Client', EmailAddress => 'bruno.client@example.org', Privileged => 0 },
);
my @agent = qw(OwnTicket ShowTicket SeeQueue ModifyTicket SeeCustomField ModifyCustomField ReplyToTicket CommentOnTicket CreateTicket);
@ACL = (
  (map { my $u = $_; map { { UserId => $u, Right => $_ } } @agent } qw(nina.network harald.hardware)),
  (map { { UserId => 'vera.viewer', Right => $_ } } qw(ShowTicket SeeQueue SeeCustomField)),
);
1;
EOF
  rt-setup-database-5 --action insert --datafile /tmp/rt5-it-desk.pl >/dev/null
  rm -f /tmp/rt5-it-desk.pl
  touch /var/lib/request-tracker5/.it-desk-done
fi

# Start RT's standalone server on loopback only, as www-data (pidfile = the Starlet master).
if ! curl -fsS -o /dev/null "${BASE}/" 2>/dev/null; then
  : > "$OUT/rt-server.log"; chown www-data "$OUT/rt-server.log"
  start-stop-daemon --start --background --make-pidfile \
    --pidfile "$OUT/rt-server.pid" --chuid www-data --output "$OUT/rt-server.log" \
    --exec /usr/bin/perl -- /usr/share/request-tracker5/libexec/rt-server \
    --server Starlet --host 127.0.0.1 --port "${RT_PORT}"
  i=0; until curl -fsS -o /dev/null "${BASE}/" 2>/dev/null; do
    i=$((i+1)); [ $i -gt 120 ] && { echo "RT did not start (see $OUT/rt-server.log)" >&2; exit 1; }; sleep 1; done
fi

# The sample ticket, once: reuse it when it already exists.
SUBJ='Order #48213 arrived damaged - need replacement'
TID=$(curl -fsS -G -u "root:${RT_PASS}" --data-urlencode "query=Subject = '${SUBJ}'" \
  -d orderby=id -d order=ASC -d per_page=1 "${BASE}/REST/2.0/tickets" |
  sed -n 's/.*"id" *: *"\{0,1\}\([0-9][0-9]*\).*/\1/p' | head -1)
if [ -z "$TID" ]; then
  cat > "$OUT/customer-email.eml" <<EOF
From: Alice Customer <alice.customer@example.org>
To: support@example.test
Subject: ${SUBJ}
Message-ID: <order48213-1@example.org>
Content-Type: text/plain; charset=utf-8

Hello,

My order #48213 (blue kettle, 1.7 L) arrived today with a cracked lid and the
box was crushed. I have photos. Could you send a replacement or refund me?
This was a birthday gift so it is fairly urgent.

Thanks,
Alice
EOF
  rt-mailgate-5 --queue General --action correspond --url "${BASE}/" < "$OUT/customer-email.eml"
  TID=$(curl -fsS -G -u "root:${RT_PASS}" --data-urlencode "query=Subject = '${SUBJ}'" \
    -d orderby=id -d order=ASC -d per_page=1 "${BASE}/REST/2.0/tickets" |
    sed -n 's/.*"id" *: *"\{0,1\}\([0-9][0-9]*\).*/\1/p' | head -1)
  [ -n "$TID" ] || { echo "setup-rt5: the mail gateway created no ticket" >&2; exit 1; }
  curl -fsS -u "root:${RT_PASS}" -H 'Content-Type: application/json' \
    -d '{"Subject":"Re: Order #48213","Content":"Hi Alice, sorry about that! A replacement kettle ships tomorrow.","ContentType":"text/plain"}' \
    "${BASE}/REST/2.0/ticket/${TID}/correspond" >/dev/null
  curl -fsS -u "root:${RT_PASS}" -H 'Content-Type: application/json' \
    -d '{"Content":"Internal: check warehouse packaging for batch 7.","ContentType":"text/plain"}' \
    "${BASE}/REST/2.0/ticket/${TID}/comment" >/dev/null
  curl -fsS -u "root:${RT_PASS}" -X PUT -H 'Content-Type: application/json' \
    -d '{"Priority":80,"Status":"open"}' "${BASE}/REST/2.0/ticket/${TID}" >/dev/null
fi

# A ticket of the IT desk with its own values set, once (the saved fixture and the e2e tests read it).
ITSUBJ='VPN drops every hour since the firewall change'
ITID=$(curl -fsS -G -u "root:${RT_PASS}" --data-urlencode "query=Subject = '${ITSUBJ}'" \
  -d per_page=1 "${BASE}/REST/2.0/tickets" | sed -n 's/.*"id" *: *"\{0,1\}\([0-9][0-9]*\).*/\1/p' | head -1)
if [ -z "$ITID" ]; then
  ITID=$(curl -fsS -u "root:${RT_PASS}" -H 'Content-Type: application/json' \
    -d "{\"Queue\":\"Network\",\"Subject\":\"${ITSUBJ}\",\"Requestor\":\"bruno.client@example.org\",\"Owner\":\"nina.network\",\"Priority\":50,\"Content\":\"Hi, since the firewall change on Monday my VPN connection drops every hour. Asset tag LT-4411.\",\"ContentType\":\"text/plain\",\"CustomFields\":{\"Service\":\"VPN\",\"Affected systems\":[\"Firewall\"]}}" \
    "${BASE}/REST/2.0/ticket" | sed -n 's/.*"id" *: *"\{0,1\}\([0-9][0-9]*\)".*/\1/p')
  [ -n "$ITID" ] || { echo "setup-rt5: REST2 created no IT desk ticket" >&2; exit 1; }
fi

cat > "$OUT/rt5.env" <<EOF
RT_BASE=${BASE}
RT_USER=root
RT_PASS=${RT_PASS}
RT_SAMPLE_TICKET=${TID}
RT_IT_TICKET=${ITID}
EOF
echo "setup-rt5: RT 5 at ${BASE}, sample ticket ${TID} (state in $OUT/rt5.env)"
