#!/bin/sh
# One-shot (docker-compose service es-setup): sets the password of Kibana's own user.
set -eu
es=http://elasticsearch:9200
auth="elastic:$(cat /run/secrets/elastic_password)"
kpw=$(cat /run/secrets/kibana_password)
until curl -fsS -u "$auth" "$es/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null; do
  sleep 2
done
curl -fsS -u "$auth" -H 'Content-Type: application/json' \
  -X POST "$es/_security/user/kibana_system/_password" -d "{\"password\":\"$kpw\"}" >/dev/null
echo "kibana_system password set"
