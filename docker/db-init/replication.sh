#!/bin/sh
# Run once by the official postgres image when it creates the database cluster
# (/docker-entrypoint-initdb.d): the replica of docker-compose.replica.yml may stream from it.
# Over the compose network only, with the password of POSTGRES_USER (scram-sha-256).
set -e
echo "host replication ${POSTGRES_USER} samenet scram-sha-256" >> "$PGDATA/pg_hba.conf"
