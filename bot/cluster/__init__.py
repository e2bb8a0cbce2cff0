"""The cluster profile's own services, run from Debian's packages rather than
containers, each on loopback: PostgreSQL (`postgres`), Redis (`redis`) and
HAProxy in front of the gateways (`haproxy`)."""
