#!/bin/sh
# One-shot (docker-compose service kibana-setup): imports the MiniTwit data view, saved
# searches and dashboard (minitwit.ndjson); overwrite makes it safe to run again.
set -eu
kb=http://kibana:5601
auth="elastic:$(cat /run/secrets/elastic_password)"
until curl -fsS -u "$auth" "$kb/api/status" | grep -q '"level":"available"'; do sleep 3; done
curl -fsS -u "$auth" -H 'kbn-xsrf: true' -X POST "$kb/api/saved_objects/_import?overwrite=true" \
  --form file=@/setup/minitwit.ndjson
echo
